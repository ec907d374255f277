//! The end of a long list cut at the state's row limit: how many rows are not drawn, and a
//! button that draws them all (in every long list at once).

use yew::prelude::*;

use crate::web::hooks::AppContext;
use crate::web::state::Action;

/// How many of `len` rows to draw, and the closing row when some are left out. Not generic over
/// the rows, so the four lists share one copy in the wasm.
pub fn capped(state: &AppContext, len: usize) -> (usize, Html) {
    let shown = len.min(state.rows_shown);
    let rest = len - shown;
    if rest == 0 {
        return (len, Html::default());
    }
    let show_all = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::ShowAllRows))
    };
    let more = html! {
        <li class="row more-rows">
            <span>{ format!("{rest} more not drawn") }</span>
            <button type="button" onclick={show_all}
                    title="Draws every row of every long list (slow for thousands)">
                { format!("Show all {len}") }
            </button>
        </li>
    };
    (shown, more)
}
