//! The embed's compact chrome: the name, the pane shown, anything the query got wrong, and the
//! "Open in airlock" link to the full playground with the same state: the share link of the
//! current text and settings once it is made (compression is asynchronous), until then the
//! same example and pane.

use std::rc::Rc;

use yew::prelude::*;

use crate::view::page::PageOptions;
use crate::web::dom::location_path;
use crate::web::hooks::{use_app_state, use_share_url};

#[derive(Properties, PartialEq)]
pub struct EmbedBarProps {
    pub page: Rc<PageOptions>,
}

#[component]
pub fn EmbedBar(props: &EmbedBarProps) -> Html {
    let state = use_app_state();
    let page = &props.page;
    let href = use_share_url().unwrap_or_else(|| page.open_href(&location_path(), ""));
    html! {
        <div class="embed-bar">
            <span class="embed-name">{ "airlock" }</span>
            <span class="embed-pane">{ state.tab.label() }</span>
            if page.readonly {
                <span class="embed-pane">{ "read-only" }</span>
            }
            { for page.problems.iter().map(|p| html! {
                <p class="hint invalid embed-problem" role="status">{ p }</p>
            }) }
            <a id="open-in-airlock" class="embed-open" {href} target="_blank" rel="noopener">
                { "Open in airlock" }<span aria-hidden="true">{ " \u{2197}" }</span>
            </a>
        </div>
    }
}
