//! One finding: its position, code and message (click or Enter selects its span in the
//! editor), its quick fix and a link to its rule's docs. A plain function drawn by
//! `FindingsPane`, not a component: every Yew component type adds kilobytes of wasm.

use yew::prelude::*;

use crate::web::dom::select_in_editor;
use crate::web::findings::FindingRow as Row;
use crate::web::hooks::AppContext;
use crate::web::state::Action;

pub fn finding_row(state: &AppContext, row: &Row) -> Html {
    let jump = {
        let state = state.clone();
        let span = row.span;
        Callback::from(move |_: MouseEvent| {
            state.dispatch(Action::Caret(span.start));
            select_in_editor(&state.text, span);
        })
    };
    let fix = {
        let state = state.clone();
        let index = row.index;
        Callback::from(move |_: MouseEvent| {
            let edits = state
                .analysis
                .findings
                .get(index)
                .and_then(|d| d.fix.as_ref())
                .map(|f| f.edits.clone());
            if let Some(edits) = edits {
                state.dispatch(Action::Fix {
                    base: state.text.clone(),
                    edits,
                });
            }
        })
    };
    let docs = {
        let state = state.clone();
        let code = row.code;
        Callback::from(move |_: MouseEvent| state.dispatch(Action::ShowDocs(code)))
    };
    let severity = row.severity.as_str();
    html! {
        <li key={row.index} class={class_list!("row", "finding", format!("sev-{severity}"))}
            data-code={row.code} data-line={row.line.to_string()}>
            <button type="button" class="finding-main" onclick={jump}
                    title="Select these lines in the editor">
                <span class="position">{ row.position() }</span>
                <span class="code">{ row.code }</span>
                <span class="severity-word">{ severity }</span>
                <span class="message">{ &row.message }</span>
            </button>
            <div class="finding-actions">
                if let Some(title) = &row.fix {
                    <button type="button" class="quick-fix" onclick={fix}
                            title={title.clone()} aria-label={format!("Fix: {title}")}>
                        { "Fix" }
                    </button>
                }
                <button type="button" class="docs-link" onclick={docs}
                        title={format!("{} {}: the rule's docs", row.code, row.rule)}
                        aria-label={format!("Docs of {}", row.code)}>
                    { "Docs" }
                </button>
            </div>
            if let Some(title) = &row.fix {
                <p class="fix-title">{ "fix: " }{ title }</p>
            }
        </li>
    }
}
