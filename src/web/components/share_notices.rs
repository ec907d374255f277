//! Opens share links and keeps drafts safe: reads `#share=` at start and on `hashchange`,
//! keeps the draft it replaces aside (with a banner to bring it back), autosaves, and says so
//! when a link cannot be read or the browser refuses storage. A bad link loads nothing.

use std::rc::Rc;

use gloo::events::EventListener;
use yew::prelude::*;

use crate::view::page::PageOptions;
use crate::view::share::Snapshot;
use crate::web::hooks::{use_app_state, use_autosave, AppContext};
use crate::web::link::{clear_hash, current_hash, read_fragment};
use crate::web::persist::{is_work, keep_aside, offered, same_work, start_drafts};
use crate::web::state::Action;

/// `Notice::Kept`'s `what` when a draft of another tab is offered, and once it was opened.
const OTHER_TAB: &str = "another tab's draft";
const THIS_TAB: &str = "this tab's draft";

#[derive(Clone, PartialEq)]
enum Notice {
    /// A share link that could not be read, and why.
    BadLink(String),
    /// `kept` was set aside when something else was opened; `what` names what replaced it.
    Kept { kept: Snapshot, what: &'static str },
    /// Storage is missing or refused a read.
    Storage(String),
}

/// Keeps `draft` aside if it is work that `next` would replace, and says so in `notices`.
fn keep_if_replaced(
    draft: Option<Snapshot>,
    next: &Snapshot,
    what: &'static str,
    notices: &UseStateHandle<Vec<Notice>>,
) {
    if let Some(draft) = draft.filter(|d| is_work(d) && !same_work(d, next)) {
        keep_and_offer(draft, what, notices);
    }
}

/// Keeps `kept` aside in storage and shows it as the one `Notice::Kept` (saying so if storage
/// refuses it).
fn keep_and_offer(kept: Snapshot, what: &'static str, notices: &UseStateHandle<Vec<Notice>>) {
    let mut list: Vec<Notice> = (**notices)
        .iter()
        .filter(|n| !matches!(n, Notice::Kept { .. }))
        .cloned()
        .collect();
    if let Err(problem) = keep_aside(&kept) {
        list.push(Notice::Storage(problem));
    }
    list.push(Notice::Kept { kept, what });
    notices.set(list);
}

/// Reads the page's fragment and, if it is a share link, opens it; `draft` is what it replaces.
fn open_link(
    state: AppContext,
    draft: Option<Snapshot>,
    pane: Option<&'static str>,
    notices: UseStateHandle<Vec<Notice>>,
) {
    let hash = current_hash();
    wasm_bindgen_futures::spawn_local(async move {
        match read_fragment(&hash).await {
            None => {}
            Some(Ok(mut shared)) => {
                // An embed's `pane=` wins over the link's.
                if let Some(pane) = pane {
                    shared.pane = Some(pane.to_string());
                }
                keep_if_replaced(draft, &shared, "the shared Dockerfile", &notices);
                state.dispatch(Action::Load(shared));
                clear_hash();
            }
            Some(Err(err)) => {
                let mut list: Vec<Notice> = (*notices).clone();
                list.retain(|n| !matches!(n, Notice::BadLink(_)));
                list.push(Notice::BadLink(err.to_string()));
                notices.set(list);
            }
        }
    });
}

#[component]
pub fn ShareNotices() -> Html {
    let state = use_app_state();
    let page = use_context::<Rc<PageOptions>>();
    let embed = page.as_ref().is_some_and(|p| p.embed);
    let pane = page.as_ref().filter(|p| p.embed).and_then(|p| p.pane);
    let notices = use_state(Vec::<Notice>::new);
    // The newest handle, for the `hashchange` listener set up once.
    let latest = use_mut_ref(|| state.clone());
    *latest.borrow_mut() = state.clone();

    {
        let state = state.clone();
        let notices = notices.clone();
        use_effect_with((), move |_| {
            // An embed shows its link and leaves the user's own draft alone.
            let (draft, other) = if embed {
                (None, None)
            } else {
                match start_drafts() {
                    Ok(start) => (start.shown, start.other),
                    Err(problem) => {
                        notices.set(vec![Notice::Storage(problem)]);
                        (None, None)
                    }
                }
            };
            if current_hash().is_empty() {
                let shown = state.snapshot();
                match other {
                    // The tab shows its draft, and another tab saved (or left) a different one.
                    Some((other, stored))
                        if draft.as_ref().is_some_and(|d| same_work(d, &shown)) =>
                    {
                        offered(&stored);
                        notices.set(vec![Notice::Kept {
                            kept: other,
                            what: OTHER_TAB,
                        }]);
                    }
                    // Started from an example in the query instead of the draft.
                    _ => keep_if_replaced(draft, &shown, "the example", &notices),
                }
            } else {
                open_link(state.clone(), draft, pane, notices.clone());
            }
            let listener = EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
                let current = latest.borrow().clone();
                let draft = (!embed).then(|| current.snapshot());
                open_link(current, draft, pane, notices.clone());
            });
            move || drop(listener)
        });
    }

    // An example or exercise opened over the user's work (`Action::Open`): keep it aside and
    // offer it back, as for a share link. An embed leaves drafts alone.
    {
        let notices = notices.clone();
        let replaced = state.replaced.clone();
        let state = state.clone();
        use_effect_with(replaced, move |replaced| {
            if let Some(r) = replaced.as_ref().filter(|_| !embed) {
                keep_if_replaced(Some(r.draft.clone()), &state.snapshot(), r.what, &notices);
            }
        });
    }

    let autosave_problem = use_autosave(!embed);

    let dismiss = |index: usize| {
        let notices = notices.clone();
        Callback::from(move |_: MouseEvent| {
            let mut list = (*notices).clone();
            if index < list.len() {
                list.remove(index);
            }
            notices.set(list);
        })
    };
    let items = notices.iter().enumerate().map(|(i, notice)| match notice {
        Notice::BadLink(why) => html! {
            <div class="banner banner-error" role="alert" id="share-error">
                <p>{ format!("This share link could not be opened: {why}. Nothing was loaded; your draft is unchanged.") }</p>
                <button type="button" onclick={dismiss(i)}>{ "Dismiss" }</button>
            </div>
        },
        Notice::Kept { kept, what } => {
            let restore = {
                let state = state.clone();
                let notices = notices.clone();
                let kept = kept.clone();
                // Two tabs' drafts swap back and forth with their own words.
                let next: &'static str = match *what {
                    OTHER_TAB => THIS_TAB,
                    THIS_TAB => OTHER_TAB,
                    _ => "your draft",
                };
                Callback::from(move |_: MouseEvent| {
                    // A swap: what is shown now is kept in turn, so either can come back.
                    keep_and_offer(state.snapshot(), next, &notices);
                    state.dispatch(Action::Load(kept.clone()));
                })
            };
            let (message, button) = match *what {
                "your draft" => ("Your draft is back. What was shown before it was kept too.".to_string(), "Open that again"),
                OTHER_TAB => ("Another tab has a different draft; it was kept too.".to_string(), "Open the other draft"),
                THIS_TAB => ("Opened the other tab's draft. This tab's draft was kept.".to_string(), "Open this tab's draft"),
                _ => (format!("Opened {what}. Your previous draft was kept."), "Restore my draft"),
            };
            html! {
                <div class="banner banner-info" role="status" id="draft-kept">
                    <p>{ message }</p>
                    <button type="button" id="restore-draft" onclick={restore}>{ button }</button>
                    <button type="button" onclick={dismiss(i)}>{ "Dismiss" }</button>
                </div>
            }
        }
        Notice::Storage(problem) => html! {
            <div class="banner banner-info" role="status">
                <p>{ format!("Autosave is off: {problem}. Your text stays while this page is open.") }</p>
                <button type="button" onclick={dismiss(i)}>{ "Dismiss" }</button>
            </div>
        },
    });
    let autosave =
        autosave_problem.filter(|_| !notices.iter().any(|n| matches!(n, Notice::Storage(_))));
    html! {
        <div class="notices" id="notices">
            { for items }
            if let Some(problem) = autosave {
                <div class="banner banner-info" role="status" id="autosave-problem">
                    <p>{ format!("Autosave failed: {problem}. Your text stays while this page is open.") }</p>
                </div>
            }
        </div>
    }
}
