//! The export menu's graph entries: the stage graph as SVG, DOT or Mermaid.

use super::export_menu::ExportItem;
use crate::web::controls::ExportFormat;
use crate::web::hooks::AppContext;

pub fn graph_items(state: &AppContext) -> Vec<ExportItem> {
    ExportFormat::ALL
        .into_iter()
        .map(|format| {
            let state = state.clone();
            ExportItem {
                id: format!("export-{}", format.extension()),
                label: format!("Graph as {}", format.name()),
                file: Box::new(move || {
                    let graph = &state.analysis.graph;
                    (format.filename(graph), format.mime(), format.render(graph))
                }),
            }
        })
        .collect()
}
