//! Export buttons: the graph as SVG, DOT or Mermaid, saved as a file by the browser.

use yew::prelude::*;

use crate::web::controls::ExportFormat;
use crate::web::dom::download;
use crate::web::hooks::use_app_state;

#[component]
pub fn GraphExport() -> Html {
    let state = use_app_state();
    let button = |format: ExportFormat| {
        let state = state.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            let graph = &state.analysis.graph;
            let saved = download(
                &format.filename(graph),
                format.mime(),
                &format.render(graph),
            );
            if let Err(err) = saved {
                gloo::console::error!("export failed", err);
            }
        });
        let id = format!("export-{}", format.extension());
        let label = format!("Download the graph as {}", format.name());
        html! {
            <button type="button" {id} title={label.clone()} aria-label={label} {onclick}>
                { format.name() }
            </button>
        }
    };
    html! {
        <div class="export" role="group" aria-label="Export">
            <span class="export-label" aria-hidden="true">{ "Export" }</span>
            { for ExportFormat::ALL.into_iter().map(button) }
        </div>
    }
}
