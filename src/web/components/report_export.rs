//! Export buttons: the findings report as JSON, SARIF 2.1.0 or Markdown, saved by the browser
//! itself (the same files `airlock check --format ...` writes for a file called `Dockerfile`).
//! A plain function drawn by `FindingsPane` (a component type would add kilobytes of wasm).

use yew::prelude::*;

use crate::web::dom::download;
use crate::web::findings::ReportFormat;
use crate::web::hooks::AppContext;

pub fn report_export(state: &AppContext) -> Html {
    let button = |format: ReportFormat| {
        let state = state.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            let saved = download(
                format.filename(),
                format.mime(),
                &format.render(&state.analysis),
            );
            if let Err(err) = saved {
                gloo::console::error!("export failed", err);
            }
        });
        let label = format!("Download the report as {}", format.name());
        html! {
            <button type="button" id={format.id()} title={label.clone()} aria-label={label} {onclick}>
                { format.name() }
            </button>
        }
    };
    html! {
        <div class="export" role="group" aria-label="Export the report">
            <span class="export-label" aria-hidden="true">{ "Report" }</span>
            { for ReportFormat::ALL.into_iter().map(button) }
        </div>
    }
}
