//! Problems of the stage graph (undefined variables, unknown target...) with their positions.

use yew::prelude::*;

use super::more_rows::capped;
use crate::web::hooks::AppContext;

/// A plain function, not a component: its pane draws it on each change anyway, and a
/// component type costs code.
pub fn graph_problems(state: &AppContext) -> Html {
    let rows = &state.outline.problems;
    let (shown, more) = capped(state, rows.len());
    if rows.is_empty() {
        return html! {};
    }
    html! {
        <ul id="graph-problems" class="rows problems" aria-label="Graph problems" aria-live="polite">
            { for rows[..shown].iter().map(|row| html! {
                <li class="row error">
                    <span class="position">{ &row.position }</span>
                    <span class="message">{ &row.message }</span>
                </li>
            }) }
            { more }
        </ul>
    }
}
