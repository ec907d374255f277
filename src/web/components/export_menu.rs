//! The header's Export menu: the report (JSON, SARIF, Markdown), the graph (SVG, DOT, Mermaid)
//! and the Dockerfile with every fix applied, each saved as a file by the browser itself. A
//! menu button as in the WAI-ARIA pattern: arrow keys, Home/End, Escape and Tab.

use wasm_bindgen::JsCast;
use web_sys::Node;
use yew::prelude::*;

use super::graph_export::graph_file;
use super::report_export::report_file;
use crate::engine::{fix_all, Config};
use crate::view::controls::ExportFormat;
use crate::view::findings::ReportFormat;
use crate::web::dom::{download, focus_id};
use crate::web::hooks::use_app_state;
use crate::web::state::AppState;

/// What an entry saves.
#[derive(Clone, Copy)]
enum Export {
    Report(ReportFormat),
    Graph(ExportFormat),
    /// The text with every fix applied, as `airlock fix` writes it.
    Fixed,
}

impl Export {
    /// The file (name, MIME type, content), made when chosen so the menu costs nothing while
    /// closed.
    fn file(self, state: &AppState) -> (String, &'static str, String) {
        match self {
            Export::Report(format) => report_file(format, state),
            Export::Graph(format) => graph_file(format, state),
            Export::Fixed => {
                let config = Config {
                    graph: state.config.clone(),
                    rules: state.rules.clone(),
                    size: state.size.clone(),
                };
                (
                    "fixed.Dockerfile".to_string(),
                    "text/plain",
                    fix_all(&state.text, &config),
                )
            }
        }
    }
}

/// An entry: its id in the page, its text and what it saves.
type Entry = (&'static str, &'static str, Export);

/// The menu as one table (a table, not code per entry, keeps the bundle small): each group's
/// heading and id, and its entries' ids in the page, texts and files.
const GROUPS: [(&str, &str, &[Entry]); 3] = [
    (
        "Report",
        "export-group-report",
        &[
            (
                "report-json",
                "Report as JSON",
                Export::Report(ReportFormat::Json),
            ),
            (
                "report-sarif",
                "Report as SARIF",
                Export::Report(ReportFormat::Sarif),
            ),
            (
                "report-md",
                "Report as Markdown",
                Export::Report(ReportFormat::Markdown),
            ),
        ],
    ),
    (
        "Graph",
        "export-group-graph",
        &[
            (
                "export-svg",
                "Graph as SVG",
                Export::Graph(ExportFormat::Svg),
            ),
            (
                "export-dot",
                "Graph as DOT",
                Export::Graph(ExportFormat::Dot),
            ),
            (
                "export-mmd",
                "Graph as Mermaid",
                Export::Graph(ExportFormat::Mermaid),
            ),
        ],
    ),
    (
        "Dockerfile",
        "export-group-dockerfile",
        &[("export-fixed", "Fixed Dockerfile", Export::Fixed)],
    ),
];

const BUTTON_ID: &str = "export-button";
const MENU_ID: &str = "export-menu";

#[component]
pub fn ExportMenu() -> Html {
    let state = use_app_state();
    let open = use_state(|| false);
    // The entry to focus once the menu is drawn open (a hidden element cannot take focus).
    let focus_next = use_mut_ref(|| None::<&'static str>);
    {
        let focus_next = focus_next.clone();
        use_effect(move || {
            if let Some(id) = focus_next.borrow_mut().take() {
                focus_id(id);
            }
        });
    }
    let wrapper = use_node_ref();
    let ids: Vec<&'static str> = GROUPS
        .iter()
        .flat_map(|(_, _, entries)| entries.iter().map(|(id, _, _)| *id))
        .collect();
    let open_at = {
        let open = open.clone();
        let focus_next = focus_next.clone();
        move |id: &'static str| {
            *focus_next.borrow_mut() = Some(id);
            open.set(true);
        }
    };
    let close = {
        let open = open.clone();
        let focus_next = focus_next.clone();
        move || {
            *focus_next.borrow_mut() = Some(BUTTON_ID);
            open.set(false);
        }
    };
    let onclick = {
        let open_at = open_at.clone();
        let close = close.clone();
        let (is_open, first) = (*open, ids[0]);
        Callback::from(move |_: MouseEvent| {
            if is_open {
                close();
            } else {
                open_at(first);
            }
        })
    };
    let button_keys = {
        let (first, last) = (ids[0], ids[ids.len() - 1]);
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "ArrowDown" => {
                e.prevent_default();
                open_at(first);
            }
            "ArrowUp" => {
                e.prevent_default();
                open_at(last);
            }
            _ => {}
        })
    };
    let menu_keys = {
        let ids = ids.clone();
        let close = close.clone();
        let open = open.clone();
        Callback::from(move |e: KeyboardEvent| {
            let current = gloo::utils::document()
                .active_element()
                .map(|el| el.id())
                .unwrap_or_default();
            let at = ids.iter().position(|id| *id == current).unwrap_or(0);
            let n = ids.len();
            let to = match e.key().as_str() {
                "ArrowDown" => (at + 1) % n,
                "ArrowUp" => (at + n - 1) % n,
                "Home" => 0,
                "End" => n - 1,
                "Escape" => {
                    e.prevent_default();
                    close();
                    return;
                }
                // Tab moves on from the menu, which closes behind it.
                "Tab" => {
                    open.set(false);
                    return;
                }
                _ => return,
            };
            e.prevent_default();
            focus_id(ids[to]);
        })
    };
    // Focus leaving the whole menu (a click elsewhere, Shift+Tab) closes it.
    let onfocusout = {
        let open = open.clone();
        let wrapper = wrapper.clone();
        Callback::from(move |e: FocusEvent| {
            let to = e.related_target().and_then(|t| t.dyn_into::<Node>().ok());
            let inside = match (wrapper.cast::<Node>(), to) {
                (Some(w), Some(to)) => w.contains(Some(&to)),
                _ => false,
            };
            if !inside {
                open.set(false);
            }
        })
    };
    let entries = GROUPS.iter().map(|&(heading, heading_id, entries)| {
        let entries = entries.iter().map(|&(id, label, export)| {
            let close = close.clone();
            let state = state.clone();
            let onclick = Callback::from(move |_: MouseEvent| {
                let (name, mime, content) = export.file(&state);
                if let Err(err) = download(&name, mime, &content) {
                    gloo::console::error!("export failed", err);
                }
                close();
            });
            html! {
                <li role="none">
                    <button type="button" role="menuitem" tabindex="-1" {id} {onclick}>
                        { label }
                    </button>
                </li>
            }
        });
        html! {
            <li role="none">
                <span class="menu-heading" id={heading_id}>{ heading }</span>
                <ul role="group" aria-labelledby={heading_id}>
                    { for entries }
                </ul>
            </li>
        }
    });
    html! {
        <div class="menu export-menu" ref={wrapper} {onfocusout}>
            <button type="button" id={BUTTON_ID} aria-haspopup="menu" aria-controls={MENU_ID}
                    aria-expanded={if *open { "true" } else { "false" }}
                    onkeydown={button_keys} {onclick}>
                { "Export" }<span class="caret" aria-hidden="true">{ "\u{25be}" }</span>
            </button>
            <ul role="menu" id={MENU_ID} class="menu-list" aria-labelledby={BUTTON_ID}
                hidden={!*open} onkeydown={menu_keys}>
                { for entries }
            </ul>
        </div>
    }
}
