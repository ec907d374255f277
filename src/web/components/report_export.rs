//! The export menu's report entries: the findings report as JSON, SARIF 2.1.0 or Markdown, the
//! same files `airlock check --format ...` writes for a file called `Dockerfile`.

use crate::view::findings::ReportFormat;
use crate::web::state::AppState;

/// The report file: name, MIME type and content.
pub fn report_file(format: ReportFormat, state: &AppState) -> (String, &'static str, String) {
    (
        format.filename().to_string(),
        format.mime(),
        format.render(&state.analysis),
    )
}
