//! The playground's components, one per file.

mod editor;
mod error_list;
mod graph_canvas;
mod graph_controls;
mod graph_details;
mod graph_edge;
mod graph_export;
mod graph_legend;
mod graph_node;
mod graph_pane;
mod graph_problems;
mod graph_zoom;
mod header;
mod instruction_list;

pub use editor::Editor;
pub use error_list::ErrorList;
pub use graph_pane::GraphPane;
pub use header::Header;
pub use instruction_list::InstructionList;

/// An SVG coordinate as an attribute value: one decimal is finer than a pixel.
fn coord(value: f64) -> String {
    format!("{value:.1}")
}
