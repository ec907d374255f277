//! The export menu's graph entries: the stage graph as SVG, DOT or Mermaid.

use crate::view::controls::ExportFormat;
use crate::web::state::AppState;

/// The graph file: name, MIME type and content.
pub fn graph_file(format: ExportFormat, state: &AppState) -> (String, &'static str, String) {
    let graph = &state.analysis.graph;
    (format.filename(graph), format.mime(), format.render(graph))
}
