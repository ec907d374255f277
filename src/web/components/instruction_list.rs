//! The instructions the parser found, with the lines each one covers.

use yew::prelude::*;

use super::more_rows::capped;
use crate::view::outline::count_label;
use crate::web::hooks::AppContext;

/// A plain function, not a component: its pane draws it on each change anyway, and a
/// component type costs code.
pub fn instruction_list(state: &AppContext) -> Html {
    let rows = &state.outline.instructions;
    let (shown, more) = capped(state, rows.len());
    html! {
        <section class="panel" aria-labelledby="instructions-title">
            <h2 id="instructions-title" class="panel-title">
                { "Instructions " }
                <span id="instruction-count" data-testid="instruction-count" class="count">
                    { count_label(rows.len(), "instruction", "instructions") }
                </span>
            </h2>
            <ol id="instructions" data-testid="instructions" class="rows" aria-live="polite">
                { for rows[..shown].iter().map(|row| html! {
                    <li class={class_list!("row", (!row.known).then_some("unknown"))}
                        data-line={row.line.to_string()}>
                        <span class="keyword">{ &row.keyword }</span>
                        <span class="sep" aria-hidden="true">{ " · " }</span>
                        <span class="where">{ row.lines_label() }</span>
                    </li>
                }) }
                { more }
            </ol>
        </section>
    }
}
