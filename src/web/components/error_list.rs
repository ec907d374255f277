//! The syntax errors with their `line:column` positions; a calm note when there are none.

use yew::prelude::*;

use super::more_rows::capped;
use crate::view::outline::count_label;
use crate::web::hooks::AppContext;

/// A plain function, not a component: its pane draws it on each change anyway, and a
/// component type costs code.
pub fn error_list(state: &AppContext) -> Html {
    let rows = &state.outline.errors;
    let (shown, more) = capped(state, rows.len());
    html! {
        <section class={class_list!("panel", "errors-panel", (!rows.is_empty()).then_some("has-errors"))}
                 aria-labelledby="errors-title">
            <h2 id="errors-title" class="panel-title">
                { "Syntax errors " }
                <span id="error-count" data-testid="error-count" class="count"
                      data-count={rows.len().to_string()}>
                    { count_label(rows.len(), "error", "errors") }
                </span>
            </h2>
            if rows.is_empty() {
                <p id="no-errors" class="ok">{ "No syntax errors." }</p>
            }
            <ul id="errors" data-testid="errors" class="rows" aria-live="polite">
                { for rows[..shown].iter().map(|row| html! {
                    <li class="row error">
                        <span class="position">{ row.position() }</span>
                        <span class="message">{ &row.message }</span>
                    </li>
                }) }
                { more }
            </ul>
        </section>
    }
}
