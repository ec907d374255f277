//! Selecting in the graph, mirrored in the editor.

use yew::prelude::*;

use super::use_app_state;
use crate::web::dom::select_in_editor;
use crate::web::graph_view::Selection;
use crate::web::state::Action;

/// A callback that selects a node or an edge of the graph, selects the source lines it stands for
/// in the editor (focused and scrolled there), and moves the caret to them.
#[hook]
pub fn use_select() -> Callback<Selection> {
    let state = use_app_state();
    Callback::from(move |selection: Selection| {
        let span = selection.source(&state.analysis.graph);
        state.dispatch(Action::Select(Some(selection)));
        if let Some(span) = span {
            state.dispatch(Action::Caret(span.start));
            select_in_editor(&state.text, span);
        }
    })
}
