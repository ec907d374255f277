//! Text with inline markup (`view::markup`) as Yew elements: code as `<code>`, links as anchors
//! that open apart from the page. The one renderer of the rule docs, the size pane and the
//! workshop; Yew escapes every part.

use yew::prelude::*;

use crate::view::markup::{inlines, Inline};

/// Parts already read (a rule doc's block).
pub fn inline_html(parts: &[Inline]) -> Html {
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

/// `text` read and drawn.
pub fn rich(text: &str) -> Html {
    inline_html(&inlines(text))
}
