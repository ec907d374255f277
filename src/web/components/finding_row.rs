//! One finding: its position, code and message (click or Enter selects its span in the
//! editor), its quick fix and a link to its rule's docs; and one finding repeated on many
//! lines, a row with the count that opens on a row per line. Plain functions drawn by
//! `FindingsPane`, not components: every Yew component type adds kilobytes of wasm.

use web_sys::Element;
use yew::prelude::*;

use super::more_rows::capped;
use crate::view::findings::{repeat_text, FindingRow as Row};
use crate::web::dom::{finding_position, focus_finding_later, select_in_editor};
use crate::web::hooks::AppContext;
use crate::web::state::Action;

/// What a row says: position, code, severity (for screen readers) and message.
fn summary(row: &Row) -> Html {
    html! {
        <>
            <span class="position">{ row.position() }</span>
            <span class="code">{ row.code }</span>
            <span class="severity-word">{ row.severity.as_str() }</span>
            <span class="message">{ &row.message }</span>
        </>
    }
}

/// The button that opens the rule's docs in the rules pane.
fn docs_button(state: &AppContext, row: &Row) -> Html {
    let docs = {
        let state = state.clone();
        let code = row.code;
        Callback::from(move |_: MouseEvent| state.dispatch(Action::ShowDocs(code)))
    };
    html! {
        <button type="button" class="docs-link" onclick={docs}
                title={format!("{} {}: the rule's docs", row.code, row.rule)}
                aria-label={format!("Docs of {}", row.code)}>
            { "Docs" }
        </button>
    }
}

pub fn finding_row(state: &AppContext, row: &Row) -> Html {
    let jump = {
        let state = state.clone();
        let span = row.span;
        Callback::from(move |_: MouseEvent| {
            state.dispatch(Action::Caret(span.start));
            select_in_editor(&state.text, span);
        })
    };
    let fix = {
        let state = state.clone();
        let index = row.index;
        Callback::from(move |e: MouseEvent| {
            let position = e
                .target_dyn_into::<Element>()
                .and_then(|el| finding_position(&el));
            let edits = state
                .analysis
                .findings
                .get(index)
                .and_then(|d| d.fix.as_ref())
                .map(|f| f.edits.clone());
            if let Some(edits) = edits {
                state.dispatch(Action::Fix {
                    base: state.text.clone(),
                    edits,
                });
                // The fixed row goes: the next one takes its place and the focus.
                if let Some(position) = position {
                    focus_finding_later(position);
                }
            }
        })
    };
    let severity = row.severity.as_str();
    html! {
        <li key={row.index} class={class_list!("row", "finding", format!("sev-{severity}"))}
            data-code={row.code} data-line={row.line.to_string()}>
            <button type="button" class="finding-main" onclick={jump}
                    title="Select these lines in the editor">
                { summary(row) }
            </button>
            <div class="finding-actions">
                if let Some(title) = &row.fix {
                    <button type="button" class="quick-fix" onclick={fix}
                            title={title.clone()} aria-label={format!("Fix: {title}")}>
                        { "Fix" }
                    </button>
                }
                { docs_button(state, row) }
            </div>
            if let Some(title) = &row.fix {
                <p class="fix-title">{ "fix: " }{ title }</p>
            }
        </li>
    }
}

/// The same finding on several lines (`rows`, two or more, in source order): the first one's
/// position, code and message with the count; Enter or a click opens the rows of its lines,
/// each one selectable and fixable as a single finding. `open` holds the keys of the open ones.
pub fn repeated_row(state: &AppContext, rows: &[&Row], open: &UseStateHandle<Vec<String>>) -> Html {
    let first = rows[0];
    let key = format!("{}\n{}", first.code, first.message);
    let is_open = open.contains(&key);
    let toggle = {
        let open = open.clone();
        let key = key.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next: Vec<String> = (*open).clone();
            match next.iter().position(|k| *k == key) {
                Some(i) => {
                    next.remove(i);
                }
                None => next.push(key.clone()),
            }
            open.set(next);
        })
    };
    let severity = first.severity.as_str();
    let lines_id = format!("repeat-{}", first.index);
    html! {
        <li key={format!("r{}", first.index)}
            class={class_list!("row", "finding", "repeated", format!("sev-{severity}"))}
            data-code={first.code} data-line={first.line.to_string()} data-count={rows.len().to_string()}>
            <button type="button" class="finding-main repeat-toggle" onclick={toggle}
                    aria-expanded={is_open.to_string()} aria-controls={lines_id.clone()}
                    title={if is_open { "Hide the lines" } else { "Show each line" }}>
                { summary(first) }
                <span class="repeat-count" aria-hidden="true">{ format!("×{}", rows.len()) }</span>
                <span class="visually-hidden">{ format!(" ({})", repeat_text(rows)) }</span>
            </button>
            <div class="finding-actions">
                { docs_button(state, first) }
            </div>
            if let Some(title) = &first.fix {
                <p class="fix-title">{ "fix: " }{ title }</p>
            }
            <ul id={lines_id} class="rows repeat-lines" hidden={!is_open}
                aria-label={format!("{} lines of {}", rows.len(), first.code)}>
                if is_open {
                    { repeat_lines(state, rows) }
                }
            </ul>
        </li>
    }
}

/// The rows of an open repeated finding, cut at the state's row limit as every long list is.
fn repeat_lines(state: &AppContext, rows: &[&Row]) -> Html {
    let (shown, more) = capped(state, rows.len());
    html! {
        <>
            { for rows[..shown].iter().map(|row| finding_row(state, row)) }
            { more }
        </>
    }
}
