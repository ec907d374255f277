//! One rule of the catalog: on or off, its severity, and a button that shows its docs. A plain
//! function drawn by `RulesPane` (a component type would add kilobytes of wasm).

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::engine::rules::{enabled, RuleInfo};
use crate::engine::Severity;
use crate::view::settings::{set_rule, set_severity, severity_of};
use crate::web::hooks::AppContext;
use crate::web::state::Action;

pub fn rule_row(state: &AppContext, rule: &'static RuleInfo) -> Html {
    let on = enabled(rule, &state.rules);
    let severity = severity_of(&state.rules, rule);
    let toggle = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            state.dispatch(Action::SetRules(set_rule(
                &state.rules,
                rule,
                input.checked(),
            )));
        })
    };
    let change_severity = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(s) = Severity::parse(&select.value()) {
                state.dispatch(Action::SetRules(set_severity(&state.rules, rule, s)));
            }
        })
    };
    let docs = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::ShowDocs(rule.code)))
    };
    let current = state.docs == Some(rule.code);
    html! {
        <li key={rule.code} id={format!("rule-{}", rule.code)}
            class={class_list!("row", "rule-row", (!on).then_some("off"), current.then_some("current"))}>
            <input type="checkbox" checked={on} onchange={toggle}
                   aria-label={format!("Run {}", rule.code)} />
            <button type="button" class="rule-name" onclick={docs}
                    aria-label={format!("Docs of {} {}", rule.code, rule.name)}>
                <span class="code">{ rule.code }</span>
                <span class="name">{ rule.name }</span>
            </button>
            <span class="tags">
                { rule.category.as_str() }
                if rule.fixable { { " · fix" } }
            </span>
            <select aria-label={format!("Severity of {}", rule.code)} onchange={change_severity}
                    class={class_list!((severity != rule.severity).then_some("changed"))}>
                { for Severity::ALL.into_iter().map(|s| html! {
                    <option value={s.as_str()} selected={s == severity}>{ s.as_str() }</option>
                }) }
            </select>
        </li>
    }
}
