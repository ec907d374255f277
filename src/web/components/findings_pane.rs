//! The findings pane: what the rules found, grouped by severity with counts, filterable, each
//! one a click away from its lines in the editor, its quick fix and its rule's docs; the same
//! finding on many lines as one row with a count that opens on its lines; "apply all fixes"
//! (the report's exports are in the header's Export menu).

use yew::prelude::*;

use super::finding_row::{finding_row, repeated_row};
use super::findings_filter::findings_filter;
use super::more_rows::capped;
use crate::engine::Severity;
use crate::view::findings::{finding_rows, groups, repeats};
use crate::view::outline::count_label;
use crate::web::dom::FINDINGS_ID;
use crate::web::hooks::use_app_state;
use crate::web::state::{Action, Tab};

/// A group's heading.
fn group_title(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "Errors",
        Severity::Warning => "Warnings",
        Severity::Info => "Info",
        Severity::Style => "Style",
    }
}

#[component]
pub fn FindingsPane() -> Html {
    let state = use_app_state();
    // The repeated findings opened on their lines, by rule and message (kept across edits).
    let open = use_state(Vec::<String>::new);
    // Mounted while hidden; only drawn when shown.
    if state.tab != Tab::Findings {
        return Html::default();
    }
    let rows = finding_rows(&state.analysis);
    let groups = groups(&rows, &state.filter);
    let fixable = rows.iter().filter(|r| r.fix.is_some()).count();
    let shown: usize = groups.iter().map(|g| g.rows.len()).sum();
    let fix_all = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::FixAll))
    };
    html! {
        <section class="panel findings-panel" aria-labelledby="findings-title">
            <div class="pane-head">
                <h2 id="findings-title" class="panel-title">
                    { "Findings " }
                    <span id="finding-count" class="count" data-count={rows.len().to_string()}>
                        { count_label(rows.len(), "finding", "findings") }
                    </span>
                </h2>
                <div class="toolbar">
                    <button type="button" id="fix-all" disabled={fixable == 0} onclick={fix_all}
                            title="Apply every fix, again until none is left (as `airlock fix` does)">
                        { format!("Apply all fixes ({fixable})") }
                    </button>
                </div>
            </div>
            { findings_filter(&state, &rows) }
            if rows.is_empty() {
                <p id="no-findings" class="ok">{ "No findings." }</p>
            } else if shown == 0 {
                <p id="no-match" class="hint">{ "No finding matches the filter." }</p>
            }
            <div id={FINDINGS_ID} aria-live="polite" tabindex="-1">
                { for groups.iter().filter(|g| !g.rows.is_empty()).map(|g| {
                    let id = format!("group-{}", g.severity.as_str());
                    let count = if g.rows.len() == g.total {
                        g.total.to_string()
                    } else {
                        format!("{} of {}", g.rows.len(), g.total)
                    };
                    let entries = repeats(&g.rows);
                    let (shown, more) = capped(&state, entries.len());
                    html! {
                        <section class={class_list!("finding-group", format!("sev-{}", g.severity.as_str()))}
                                 aria-labelledby={id.clone()}>
                            <h3 {id}>{ group_title(g.severity) }<span class="count">{ count }</span></h3>
                            <ul class="rows findings">
                                { for entries[..shown].iter().map(|rows| match rows.as_slice() {
                                    [row] => finding_row(&state, row),
                                    rows => repeated_row(&state, rows, &open),
                                }) }
                                { more }
                            </ul>
                        </section>
                    }
                }) }
            </div>
        </section>
    }
}
