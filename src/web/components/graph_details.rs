//! What one node or edge means: a stage's role and the evidence for it, its base and the edges
//! in and out; an edge's artifacts and flags; an external image's users.

use yew::prelude::*;

use crate::view::graph_view::{details, Selection};
use crate::web::state::AppState;

/// The details of `item`. A plain function, not a component: its pane draws it on each change
/// anyway, and a component type costs code.
pub fn graph_details(state: &AppState, item: Option<Selection>) -> Html {
    let Some(d) = item.and_then(|item| details(&state.analysis, item)) else {
        return html! {
            <div id="graph-details" class="details empty" aria-live="polite">
                <p class="hint">
                    { "Point at, focus or select a stage or an edge (or move the caret into a stage) to see why it has its role and what crosses it." }
                </p>
            </div>
        };
    };
    html! {
        <div id="graph-details" class="details" aria-live="polite">
            <h3>{ &d.heading }</h3>
            <dl class="facts">
                { for d.facts.iter().map(|(k, v)| html! {
                    <>
                        <dt>{ *k }</dt>
                        <dd>{ v }</dd>
                    </>
                }) }
            </dl>
            { for d.lists.iter().map(|(heading, rows)| html! {
                <>
                    <h4>{ *heading }</h4>
                    <ul>
                        { for rows.iter().map(|row| html! { <li>{ row }</li> }) }
                    </ul>
                </>
            }) }
        </div>
    }
}
