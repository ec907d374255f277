//! The header's Share button: makes the link of the current text and settings, copies it to the
//! clipboard and shows it in a field to select by hand where the clipboard is refused.

use js_sys::Reflect;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::web::hooks::use_app_state;
use crate::web::link::share_url;

#[wasm_bindgen]
extern "C" {
    type Clipboard;
    #[wasm_bindgen(method, js_name = writeText)]
    fn write_text(this: &Clipboard, text: &str) -> js_sys::Promise;
}

/// The link field's id.
const LINK_ID: &str = "share-link";

/// Links longer than this may be cut by mail and chat programs; the popup says so.
const LONG_LINK: usize = 8_000;

/// Copies `text` with the asynchronous clipboard API; false where it is missing (an insecure
/// page) or refused.
async fn copy(text: &str) -> bool {
    let Ok(clipboard) = Reflect::get(&gloo::utils::window(), &JsValue::from_str("navigator"))
        .and_then(|navigator| Reflect::get(&navigator, &JsValue::from_str("clipboard")))
    else {
        return false;
    };
    if clipboard.is_undefined() || clipboard.is_null() {
        return false;
    }
    let clipboard: Clipboard = clipboard.unchecked_into();
    JsFuture::from(clipboard.write_text(text)).await.is_ok()
}

/// Focuses and selects the link field once it is drawn.
fn select_link() {
    gloo::timers::callback::Timeout::new(0, || {
        if let Some(input) = gloo::utils::document()
            .get_element_by_id(LINK_ID)
            .and_then(|el| el.dyn_into::<HtmlInputElement>().ok())
        {
            let _ = input.focus();
            input.select();
        }
    })
    .forget();
}

#[derive(Clone, PartialEq)]
enum Shown {
    Link { url: String, copied: bool },
    Failed(String),
}

#[component]
pub fn ShareButton() -> Html {
    let state = use_app_state();
    let shown = use_state(|| None::<Shown>);
    let onclick = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| {
            let snapshot = state.snapshot();
            let shown = shown.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match share_url(&snapshot).await {
                    Ok(url) => {
                        let copied = copy(&url).await;
                        if !copied {
                            select_link();
                        }
                        shown.set(Some(Shown::Link { url, copied }));
                    }
                    Err(err) => shown.set(Some(Shown::Failed(format!(
                        "The link could not be made: {err}"
                    )))),
                }
            });
        })
    };
    let close = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(None))
    };
    let onkeydown = {
        let shown = shown.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                shown.set(None);
            }
        })
    };
    let popup = shown.as_ref().map(|shown| {
        let body = match shown {
            Shown::Link { url, copied } => {
                let message = if *copied {
                    "Link copied. It holds the Dockerfile and settings; nothing is uploaded."
                } else {
                    "Copy this link (the clipboard was not available). It holds the Dockerfile and settings; nothing is uploaded."
                };
                html! {
                    <>
                        <p id="share-message">{ message }</p>
                        if url.len() > LONG_LINK {
                            <p class="share-note">{ format!("This link is {} characters long: some mail and chat programs cut long links.", url.len()) }</p>
                        }
                        <input id={LINK_ID} type="text" readonly=true value={url.clone()}
                               aria-labelledby="share-message"
                               onfocus={Callback::from(|e: FocusEvent| {
                                   let input: HtmlInputElement = e.target_unchecked_into();
                                   input.select();
                               })} />
                    </>
                }
            }
            Shown::Failed(message) => html! { <p id="share-message">{ message.clone() }</p> },
        };
        html! {
            <div id="share-popup" class="share-popup" role="status" {onkeydown}>
                { body }
                <button type="button" onclick={close}>{ "Close" }</button>
            </div>
        }
    });
    html! {
        <div class="share">
            <button type="button" id="share-button" aria-haspopup="true"
                    aria-expanded={if shown.is_some() { "true" } else { "false" }} {onclick}>
                { "Share" }
            </button>
            { for popup }
        </div>
    }
}
