//! Selecting in the graph, mirrored in the editor.

use yew::prelude::*;

use super::use_app_state;
use crate::view::graph_view::Selection;
use crate::web::dom::select_in_editor;
use crate::web::state::Action;

/// A callback that selects a node or an edge of the graph, selects the source lines it stands for
/// in the editor (focused and scrolled there), and moves the caret to them.
///
/// The callback is the same one on every render (it reads the state of the latest render when
/// called): the graph's nodes and edges take it as a prop, so a new one each time would redraw
/// every node and edge after each keystroke or caret move, changed or not.
#[hook]
pub fn use_select() -> Callback<Selection> {
    let state = use_app_state();
    let latest = use_mut_ref(|| state.clone());
    *latest.borrow_mut() = state;
    use_callback((), move |selection: Selection, ()| {
        let state = latest.borrow().clone();
        let span = selection.source(&state.analysis.graph);
        state.dispatch(Action::Select(Some(selection)));
        if let Some(span) = span {
            state.dispatch(Action::Caret(span.start));
            select_in_editor(&state.text, span);
        }
    })
}
