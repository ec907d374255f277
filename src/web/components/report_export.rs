//! The export menu's report entries: the findings report as JSON, SARIF 2.1.0 or Markdown, the
//! same files `airlock check --format ...` writes for a file called `Dockerfile`.

use super::export_menu::ExportItem;
use crate::web::findings::ReportFormat;
use crate::web::hooks::AppContext;

pub fn report_items(state: &AppContext) -> Vec<ExportItem> {
    ReportFormat::ALL
        .into_iter()
        .map(|format| {
            let state = state.clone();
            ExportItem {
                id: format.id().to_string(),
                label: format!("Report as {}", format.name()),
                file: Box::new(move || {
                    (
                        format.filename().to_string(),
                        format.mime(),
                        format.render(&state.analysis),
                    )
                }),
            }
        })
        .collect()
}
