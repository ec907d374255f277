//! The playground's components, one per file.

mod editor;
mod embed_bar;
mod error_list;
mod example_menu;
mod export_menu;
mod finding_row;
mod findings_filter;
mod findings_pane;
mod graph_canvas;
mod graph_controls;
mod graph_details;
mod graph_edge;
mod graph_export;
mod graph_legend;
mod graph_minimap;
mod graph_node;
mod graph_pane;
mod graph_problems;
mod graph_zoom;
mod header;
mod instruction_list;
mod more_rows;
mod report_export;
mod rich;
mod rule_docs;
mod rule_row;
mod rule_settings;
mod rules_pane;
mod settings_panel;
mod share_button;
mod share_notices;
mod size_chart;
mod size_figure;
mod size_pane;
mod split_handle;
mod tab_bar;
mod theme_toggle;
mod trainer_page;
mod workshop_pane;

pub use editor::Editor;
pub use embed_bar::EmbedBar;
pub use error_list::error_list;
pub use findings_pane::FindingsPane;
pub use graph_pane::GraphPane;
pub use header::Header;
pub use instruction_list::instruction_list;
pub use rules_pane::RulesPane;
pub use share_notices::ShareNotices;
pub use size_pane::SizePane;
pub use split_handle::{SplitHandle, LAYOUT_ID};
pub use tab_bar::TabBar;
pub use trainer_page::TrainerPage;
pub use workshop_pane::WorkshopPane;

use yew::prelude::*;

/// An SVG coordinate as an attribute value: one decimal is finer than a pixel.
fn coord(value: f64) -> String {
    crate::engine::number::Fixed(value, 1).to_string()
}

/// The events of a graph item (a node or an edge): click, Enter or Space select it; focus and
/// hover peek at it in the details panel.
struct ItemEvents {
    onclick: Callback<MouseEvent>,
    onkeydown: Callback<KeyboardEvent>,
    onfocus: Callback<FocusEvent>,
    onblur: Callback<FocusEvent>,
    onmouseenter: Callback<MouseEvent>,
    onmouseleave: Callback<MouseEvent>,
}

impl ItemEvents {
    fn new(
        item: crate::view::graph_view::Selection,
        on_select: &Callback<crate::view::graph_view::Selection>,
        on_peek: &Callback<Option<crate::view::graph_view::Selection>>,
    ) -> Self {
        let select = on_select.clone();
        ItemEvents {
            onclick: on_select.reform(move |_: MouseEvent| item),
            onkeydown: Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Enter" || e.key() == " " {
                    e.prevent_default();
                    select.emit(item);
                }
            }),
            onfocus: on_peek.reform(move |_: FocusEvent| Some(item)),
            onblur: on_peek.reform(|_: FocusEvent| None),
            onmouseenter: on_peek.reform(move |_: MouseEvent| Some(item)),
            onmouseleave: on_peek.reform(|_: MouseEvent| None),
        }
    }
}
