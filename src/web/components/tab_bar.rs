//! The tabs above the results column: one button per pane (`Tab::ALL`), arrow keys move
//! between them as in the WAI-ARIA tabs pattern.

use yew::prelude::*;

use crate::view::outline::count_label;
use crate::web::dom::focus_id;
use crate::web::hooks::use_app_state;
use crate::web::state::{Action, Tab};

/// Focuses the tab button of `tab` (after a key moved the selection to it).
fn focus_tab(tab: Tab) {
    focus_id(&format!("tab-{}", tab.id()));
}

#[component]
pub fn TabBar() -> Html {
    let state = use_app_state();
    let current = state.tab;
    // The findings are counted on their tab, so a user on another pane knows they are there.
    let findings = state.analysis.findings.len();
    let onkeydown = {
        let state = state.clone();
        Callback::from(move |e: KeyboardEvent| {
            let all = Tab::ALL;
            let at = all.iter().position(|t| *t == current).unwrap_or(0);
            let next = match e.key().as_str() {
                "ArrowRight" => all[(at + 1) % all.len()],
                "ArrowLeft" => all[(at + all.len() - 1) % all.len()],
                "Home" => all[0],
                "End" => all[all.len() - 1],
                _ => return,
            };
            e.prevent_default();
            state.dispatch(Action::ShowTab(next));
            focus_tab(next);
        })
    };
    html! {
        <div class="tabs" role="tablist" aria-label="Results" {onkeydown}>
            { for Tab::ALL.iter().map(|&tab| {
                let selected = tab == current;
                let onclick = {
                    let state = state.clone();
                    Callback::from(move |_: MouseEvent| state.dispatch(Action::ShowTab(tab)))
                };
                html! {
                    <button type="button" role="tab" id={format!("tab-{}", tab.id())}
                            class={class_list!("tab", selected.then_some("selected"))}
                            aria-selected={if selected { "true" } else { "false" }}
                            aria-controls={format!("panel-{}", tab.id())}
                            tabindex={if selected { "0" } else { "-1" }}
                            {onclick}>
                        { tab.label() }
                        if tab == Tab::Findings {
                            <span id="tab-findings-count" class="tab-count"
                                  aria-label={count_label(findings, "finding", "findings")}>
                                { findings }
                            </span>
                        }
                    </button>
                }
            }) }
        </div>
    }
}
