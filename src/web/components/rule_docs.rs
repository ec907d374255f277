//! A rule's docs: its header (code, name, severity, category, fix, aliases) and its Markdown
//! drawn as Yew elements (headings, paragraphs, lists, code), so the text is escaped by Yew. A
//! plain function drawn by `RulesPane` (a component type would add kilobytes of wasm).

use yew::prelude::*;

use crate::engine::rules::RuleInfo;
use crate::view::docs::{blocks, Block, Inline};

fn inlines(parts: &[Inline]) -> Html {
    html! {
        { for parts.iter().map(|part| match part {
            Inline::Text(t) => html! { { t.clone() } },
            Inline::Code(c) => html! { <code>{ c.clone() }</code> },
            Inline::Link(url) => html! {
                <a href={url.clone()} target="_blank" rel="noopener noreferrer">{ url.clone() }</a>
            },
        }) }
    }
}

fn block(b: &Block) -> Html {
    match b {
        // The pane's title is the rule itself, so doc headings sit one level below it.
        Block::Heading(level, text) => match level {
            1 | 2 => html! { <h4>{ inlines(text) }</h4> },
            _ => html! { <h5>{ inlines(text) }</h5> },
        },
        Block::Paragraph(text) => html! { <p>{ inlines(text) }</p> },
        Block::List(items) => html! {
            <ul>{ for items.iter().map(|i| html! { <li>{ inlines(i) }</li> }) }</ul>
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
