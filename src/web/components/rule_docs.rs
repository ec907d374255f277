//! A rule's docs: its header (code, name, severity, category, fix, aliases) and its Markdown
//! drawn as Yew elements (headings, paragraphs, lists, code), so the text is escaped by Yew. A
//! plain function drawn by `RulesPane` (a component type would add kilobytes of wasm).

use yew::prelude::*;

use super::rich::inline_html;
use crate::engine::rules::RuleInfo;
use crate::view::docs::{blocks, Block};

fn block(b: &Block) -> Html {
    match b {
        // The pane's title is the rule itself, so doc headings sit one level below it.
        Block::Heading(level, text) => match level {
            1 | 2 => html! { <h4>{ inline_html(text) }</h4> },
            _ => html! { <h5>{ inline_html(text) }</h5> },
        },
        Block::Paragraph(text) => html! { <p>{ inline_html(text) }</p> },
        Block::List(items) => html! {
            <ul>{ for items.iter().map(|i| html! { <li>{ inline_html(i) }</li> }) }</ul>
        },
        Block::Code { lang, text } => html! {
            <pre class="code-block" data-lang={lang.clone()}><code>{ text.clone() }</code></pre>
        },
    }
}

pub fn rule_docs(rule: &RuleInfo) -> Html {
    let doc = blocks(&rule.doc());
    html! {
        <article id="rule-docs" class="rule-docs" aria-labelledby="rule-docs-title">
            <h3 id="rule-docs-title">
                <span class="code">{ rule.code }</span>{ " " }{ rule.name }
            </h3>
            <p class="facts-line">
                { rule.severity.as_str() }
                if !rule.default_enabled { { " (off by default)" } }
                { " · " }{ rule.category.as_str() }
                { " · " }{ if rule.fixable { "fix available" } else { "no fix" } }
                if !rule.aliases.is_empty() {
                    { " · aka " }{ rule.aliases.join(", ") }
                }
            </p>
            { for doc.iter().map(block) }
        </article>
    }
}
