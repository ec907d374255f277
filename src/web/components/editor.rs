//! The Dockerfile editor. The textarea stays the real input (native undo, IME, selection and
//! find keep working); its text is transparent, and behind it a `<pre>` shows the same text
//! coloured from the parser's tokens, with squiggles under syntax errors and findings
//! (`highlight.rs`). Both scroll together, with the gutter of line numbers and marks. A
//! squiggle's message shows on hover and, for keyboard users, in a status line while the caret
//! is in it. Tab and Shift-Tab indent and outdent (`indent.rs`); Escape then Tab leaves.
//!
//! Every input event re-analyses through the reducer. In a long file that takes longer than a
//! frame, so there the editor colours the new text at once from a parse of its own (syntax
//! errors exact, findings moved along with the edit) and hands the text to the reducer once
//! typing pauses, or at once when the editor loses focus or the page is hidden.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use web_sys::{Element, HtmlTextAreaElement};
use yew::prelude::*;

use crate::engine::{parse, Analysis};
use crate::web::controls::utf16_to_byte;
use crate::web::dom::{edit_editor, place, squiggle_at, EDITOR_ID};
use crate::web::highlight::{
    classify, error_marks, finding_marks, gutter_marks, line_hash, lines_of, marks_at, reclassify,
    shift_marks, Class, GutterMark, Line, Mark,
};
use crate::web::hooks::use_app_state;
use crate::web::indent::indent;
use crate::web::page::PageOptions;
use crate::web::state::{Action, AppState};

/// The gutter's id in the page.
const GUTTER_ID: &str = "gutter";
/// The coloured copy of the text behind the textarea.
const HIGHLIGHT_ID: &str = "editor-highlight";
/// The message of the squiggle under the pointer.
const HOVER_ID: &str = "editor-hover";
/// The line under the editor that says what the caret is on.
const STATUS_ID: &str = "editor-status";
/// What the keys do (the textarea's description).
const KEYS_ID: &str = "editor-keys";
/// From this many lines on, the analysis waits for a pause in typing (measured: a 1,000-line
/// file takes well over a frame to analyse and draw in every pane; see the README).
const DEFER_LINES: usize = 200;
/// The pause, in milliseconds.
const DEFER_MS: u32 = 150;

/// The caret as a byte offset into `text`, the area's text (the DOM counts UTF-16 units).
fn caret(area: &HtmlTextAreaElement, text: &str) -> Option<usize> {
    let start = area.selection_start().ok().flatten()?;
    Some(utf16_to_byte(text, start))
}

/// The selection as byte offsets into `text`.
fn selection(area: &HtmlTextAreaElement, text: &str) -> Option<(usize, usize)> {
    let start = area.selection_start().ok().flatten()?;
    let end = area.selection_end().ok().flatten()?;
    Some((utf16_to_byte(text, start), utf16_to_byte(text, end)))
}

/// An analysis compared by identity: the reducer makes a new one exactly when anything it is
/// drawn from changes, so this is a cheap key for what is derived from it.
#[derive(Clone)]
struct Same(Rc<Analysis>);

impl PartialEq for Same {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// What the editor draws for one text: the class of each byte, its marks, its highlighted
/// lines with their fingerprints, and the gutter's marks.
struct Painted {
    text: Rc<str>,
    classes: Vec<Class>,
    escape: char,
    /// Syntax errors, then findings, as marks.
    errors: Vec<Mark>,
    findings: Vec<Mark>,
    marks: Vec<Mark>,
    lines: Vec<Line>,
    hashes: Vec<u64>,
    gutter: Rc<Vec<GutterMark>>,
}

impl Painted {
    fn new(
        text: Rc<str>,
        classes: Vec<Class>,
        escape: char,
        errors: Vec<Mark>,
        findings: Vec<Mark>,
    ) -> Self {
        let marks: Vec<Mark> = errors.iter().chain(&findings).cloned().collect();
        let lines = lines_of(&text, &classes, &marks);
        let hashes = lines.iter().map(|l| line_hash(&text, l, &marks)).collect();
        let gutter = Rc::new(gutter_marks(&marks, &lines));
        Painted {
            text,
            classes,
            escape,
            errors,
            findings,
            marks,
            lines,
            hashes,
            gutter,
        }
    }

    fn of_analysis(text: Rc<str>, analysis: &Analysis) -> Self {
        let tree = &analysis.tree;
        let errors = error_marks(&text, &analysis.errors);
        Painted::new(
            text,
            classify(tree),
            tree.escape,
            errors,
            finding_marks(analysis),
        )
    }

    /// `text`, not analysed yet, after `self`: the instructions the edit touched parsed again
    /// (the whole text where that cannot be trusted), with their syntax errors, and the other
    /// marks moved along with the edit.
    fn quick(&self, text: Rc<str>) -> Self {
        let findings = shift_marks(&self.findings, &self.text, &text);
        match reclassify(&self.text, &self.classes, &text, self.escape) {
            Some((classes, window, errors)) => {
                let mut marks: Vec<Mark> = shift_marks(&self.errors, &self.text, &text)
                    .into_iter()
                    .filter(|m| m.span.start < window.start || m.span.end > window.end)
                    .collect();
                marks.extend(error_marks(&text, &errors));
                Painted::new(text, classes, self.escape, marks, findings)
            }
            None => {
                let (tree, errors) = parse(&text);
                let errors = error_marks(&text, &errors);
                Painted::new(text, classify(&tree), tree.escape, errors, findings)
            }
        }
    }
}

/// Text typed but not yet handed to the reducer.
struct Pending {
    /// The reducer's text when typing started: if that changes meanwhile (an example chosen,
    /// a link opened), the reducer's text wins.
    base: Rc<str>,
    painted: Rc<Painted>,
    caret: Option<usize>,
}

/// Hands pending text (and the caret) to the reducer.
fn flush(pending: &RefCell<Option<Pending>>, dispatch: &UseReducerDispatcher<AppState>) {
    let Some(p) = pending.borrow_mut().take() else {
        return;
    };
    dispatch.dispatch(Action::Edit(p.painted.text.to_string()));
    if let Some(at) = p.caret {
        dispatch.dispatch(Action::Caret(at));
    }
}

#[derive(Properties)]
struct PaintedProps {
    painted: Rc<Painted>,
}

impl PartialEq for PaintedProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.painted, &other.painted)
    }
}

#[derive(Properties)]
struct CodeLineProps {
    painted: Rc<Painted>,
    index: usize,
    hash: u64,
}

/// The fingerprint covers everything the line shows.
impl PartialEq for CodeLineProps {
    fn eq(&self, other: &Self) -> bool {
        self.hash == other.hash
    }
}

/// One line of coloured text. A squiggled run carries its messages (`data-msg`) for the hover.
#[component]
fn CodeLine(props: &CodeLineProps) -> Html {
    let painted = &props.painted;
    let line = &painted.lines[props.index];
    if line.runs.is_empty() {
        return html! { <div class="hl-line"><br /></div> };
    }
    let text = &painted.text;
    let runs = line.runs.iter().map(|run| {
        let part = &text[run.start..run.end];
        match (run.class.css(), run.mark) {
            (None, None) => html! { part },
            (class, None) => html! { <span class={class}>{ part }</span> },
            (class, Some(m)) => {
                let severity = painted.marks[m].severity.as_str();
                html! {
                    <span class={classes!(class, "sq", format!("sq-{severity}"),
                                          (run.start == run.end).then_some("sq-point"))}
                          data-msg={run.messages.clone()}>{ part }</span>
                }
            }
        }
    });
    html! { <div class="hl-line">{ for runs }</div> }
}

/// The coloured text, one keyed component per line: Yew redraws only lines whose fingerprint
/// changed, and moves the others when lines are added or removed above them.
#[component]
fn Highlight(props: &PaintedProps) -> Html {
    let painted = &props.painted;
    let mut seen: HashMap<u64, u32> = HashMap::with_capacity(painted.hashes.len());
    let lines = painted.hashes.iter().enumerate().map(|(index, &hash)| {
        let n = seen.entry(hash).or_default();
        *n += 1;
        html! {
            <CodeLine key={format!("{hash:x}.{n}")} painted={painted.clone()} {index} {hash} />
        }
    });
    html! { <code>{ for lines }</code> }
}

#[derive(Properties, PartialEq)]
struct GutterProps {
    lines: usize,
    marks: Rc<Vec<GutterMark>>,
}

/// Line numbers, with the worst mark of each line (its messages as hover text). Typing within
/// a line changes neither, so the gutter is not redrawn for it.
#[component]
fn Gutter(props: &GutterProps) -> Html {
    let mut marks = props.marks.iter().peekable();
    let lines = (1..=props.lines as u32).map(|n| match marks.next_if(|m| m.line == n) {
        Some(m) => html! {
            <div class={classes!("gutter-line", "marked", format!("sev-{}", m.severity.as_str()))}
                 data-line={n.to_string()} data-severity={m.severity.as_str()}
                 title={m.title.clone()}>
                <span class="mark"></span>{ n }
            </div>
        },
        None => html! { <div class="gutter-line">{ n }</div> },
    });
    // Hidden from screen readers: the findings pane says the same in words.
    html! {
        <div class="gutter" id={GUTTER_ID} aria-hidden="true">{ for lines }</div>
    }
}

/// Where the hover message shows, relative to the editor's code box.
#[derive(Clone, PartialEq)]
struct Hover {
    messages: String,
    left: f64,
    top: f64,
}

/// The messages of marks, one block each, in their severity's colour.
fn message_list<'a>(marks: impl IntoIterator<Item = (&'a str, &'a str)>) -> Html {
    marks
        .into_iter()
        .map(|(severity, message)| {
            html! {
                <div class={classes!("editor-message", format!("sev-{severity}"))}>
                    { message.to_string() }
                </div>
            }
        })
        .collect()
}

#[component]
pub fn Editor() -> Html {
    let state = use_app_state();
    let readonly = use_context::<Rc<PageOptions>>().is_some_and(|p| p.readonly);
    let analysed = use_memo(Same(state.analysis.clone()), {
        let text = state.text.clone();
        move |Same(analysis)| Painted::of_analysis(text, analysis)
    });
    let pending = use_mut_ref(|| None::<Pending>);
    let timer = use_mut_ref(|| None::<Timeout>);
    let redraw = use_force_update();
    let hover = use_state_eq(|| None::<Hover>);
    // Set by Escape: the next Tab leaves the editor instead of indenting.
    let leave = use_mut_ref(|| Cell::new(false));
    let dispatcher = state.dispatcher();
    // The text the textarea holds, as last typed or set: reading it back from the DOM costs a
    // copy of the whole text, so it is read once per input event and kept here.
    let known = use_mut_ref(|| Rc::<str>::from(""));
    let area_ref = use_node_ref();

    // The reducer's text changed under pending typing: it wins (see `Pending::base`).
    if pending
        .borrow()
        .as_ref()
        .is_some_and(|p| !Rc::ptr_eq(&p.base, &state.text))
    {
        pending.borrow_mut().take();
        timer.borrow_mut().take();
    }
    let shown = pending
        .borrow()
        .as_ref()
        .map_or_else(|| analysed.clone(), |p| p.painted.clone());
    let caret_at = pending.borrow().as_ref().map_or(state.caret, |p| p.caret);

    // Pending text is handed over when the page is hidden or closed, before the draft is saved.
    {
        let pending = pending.clone();
        let dispatcher = dispatcher.clone();
        use_effect_with((), move |_| {
            let window = gloo::utils::window();
            let listeners = ["pagehide", "visibilitychange"].map(|event| {
                let pending = pending.clone();
                let dispatcher = dispatcher.clone();
                EventListener::new(&window, event, move |_| flush(&pending, &dispatcher))
            });
            move || drop(listeners)
        });
    }
    // The textarea is not a controlled input (Yew would read the whole text back on every
    // render): text from elsewhere (a fix, an example, a link) is put in here.
    {
        let (known, area_ref) = (known.clone(), area_ref.clone());
        use_effect_with(shown.text.clone(), move |text| {
            if *known.borrow() != *text {
                if let Some(area) = area_ref.cast::<HtmlTextAreaElement>() {
                    area.set_value(text);
                }
                *known.borrow_mut() = text.clone();
            }
        });
    }
    // The hover box is placed from script (the Content-Security-Policy refuses style attributes).
    use_effect_with((*hover).clone(), |hover| {
        if let Some(h) = hover {
            place(HOVER_ID, h.left.max(0.0), h.top);
        }
    });

    // The gutter and the highlight have no scrollbars of their own: they are moved to where the
    // textarea is whenever that scrolls (typing, selecting from the panes and text set by a fix
    // all end in a scroll event when they move the text).
    let onscroll = Callback::from(|e: Event| {
        let area: Element = e.target_unchecked_into();
        let document = gloo::utils::document();
        if let Some(gutter) = document.get_element_by_id(GUTTER_ID) {
            gutter.set_scroll_top(area.scroll_top());
        }
        if let Some(code) = document.get_element_by_id(HIGHLIGHT_ID) {
            code.set_scroll_top(area.scroll_top());
            code.set_scroll_left(area.scroll_left());
        }
    });
    let oninput = {
        let state = state.clone();
        let (pending, timer, redraw) = (pending.clone(), timer.clone(), redraw.clone());
        let (known, analysed) = (known.clone(), analysed.clone());
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            let text = area.value();
            let at = caret(&area, &text);
            *known.borrow_mut() = Rc::from(text.as_str());
            if memchr::memchr_iter(b'\n', text.as_bytes()).count() < DEFER_LINES {
                timer.borrow_mut().take();
                pending.borrow_mut().take();
                state.dispatch(Action::Edit(text));
                if let Some(at) = at {
                    state.dispatch(Action::Caret(at));
                }
                return;
            }
            let before = pending
                .borrow()
                .as_ref()
                .map_or_else(|| analysed.clone(), |p| p.painted.clone());
            let painted = Rc::new(before.quick(text.into()));
            *pending.borrow_mut() = Some(Pending {
                base: state.text.clone(),
                painted,
                caret: at,
            });
            let (pending, dispatcher) = (pending.clone(), state.dispatcher());
            // Replacing the timer drops (cancels) the one before.
            *timer.borrow_mut() =
                Some(Timeout::new(DEFER_MS, move || flush(&pending, &dispatcher)));
            redraw.force_update();
        })
    };
    let moved = {
        let state = state.clone();
        let (pending, redraw) = (pending.clone(), redraw.clone());
        let known = known.clone();
        move |e: &Event| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            let at = caret(&area, &known.borrow());
            // While typing is pending, the caret goes with it.
            if let Some(p) = pending.borrow_mut().as_mut() {
                if p.caret != at {
                    p.caret = at;
                    redraw.force_update();
                }
                return;
            }
            if let Some(at) = at {
                state.dispatch(Action::Caret(at));
            }
        }
    };
    let onclick = {
        let moved = moved.clone();
        Callback::from(move |e: MouseEvent| moved(&e))
    };
    let onkeyup = {
        let moved = moved.clone();
        Callback::from(move |e: KeyboardEvent| moved(&e))
    };
    let onselect = Callback::from(move |e: Event| moved(&e));
    let onkeydown = {
        let leave = leave.clone();
        Callback::from(move |e: KeyboardEvent| {
            let leave = leave.borrow();
            match e.key().as_str() {
                "Escape" => return leave.set(true),
                // Shift+Tab starts with Shift alone: that keeps what Escape asked for.
                "Shift" | "Control" | "Alt" | "Meta" => return,
                _ => {}
            }
            let plain_tab = e.key() == "Tab" && !(e.ctrl_key() || e.alt_key() || e.meta_key());
            // Escape, then Tab: the browser moves the focus on as usual.
            if !plain_tab || leave.replace(false) || readonly {
                leave.set(false);
                return;
            }
            e.prevent_default();
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            let text = area.value();
            let Some((from, to)) = selection(&area, &text) else {
                return;
            };
            if let Some(edit) = indent(&text, from, to, e.shift_key()) {
                edit_editor(&area, &text, &edit);
            }
        })
    };
    let onblur = {
        let (leave, pending, timer) = (leave.clone(), pending.clone(), timer.clone());
        let dispatcher = dispatcher.clone();
        Callback::from(move |_: FocusEvent| {
            leave.borrow().set(false);
            // Leaving the editor (for a fix, a pane, another tab) hands over what was typed.
            timer.borrow_mut().take();
            flush(&pending, &dispatcher);
        })
    };
    // The squiggle under the pointer is found beneath the textarea, which covers it.
    let onmousemove = {
        let hover = hover.clone();
        Callback::from(move |e: MouseEvent| {
            let area: Element = e.target_unchecked_into();
            let frame = area.get_bounding_client_rect();
            let found = squiggle_at(f64::from(e.client_x()), f64::from(e.client_y()));
            hover.set(found.map(|(messages, left, bottom)| Hover {
                messages,
                left: left - frame.left(),
                top: bottom - frame.top() + 2.0,
            }));
        })
    };
    let onmouseleave = {
        let hover = hover.clone();
        Callback::from(move |_: MouseEvent| hover.set(None))
    };

    // Always in the page (hidden when there is nothing to say): an element that comes and goes
    // beside the textarea could make Yew recreate the textarea, losing its text and caret.
    let tooltip = hover.as_ref().map(|h| {
        // `severity CODE: message` or `error: message`: the first word is the severity.
        let lines = h
            .messages
            .lines()
            .map(|m| (m.split([' ', ':']).next().unwrap_or("error"), m));
        message_list(lines)
    });
    let at_caret = caret_at
        .filter(|&c| c <= shown.text.len())
        .map(|c| marks_at(&shown.marks, c))
        .unwrap_or_default();
    let status = message_list(
        at_caret
            .into_iter()
            .map(|m| (m.severity.as_str(), m.message.as_str())),
    );
    html! {
        <section class="panel editor-panel" aria-labelledby="editor-label">
            <label id="editor-label" class="panel-title" for={EDITOR_ID}>{ "Dockerfile" }</label>
            <div class="editor-frame">
                <Gutter lines={shown.lines.len()} marks={shown.gutter.clone()} />
                <div class="editor-code">
                    <pre class="editor-highlight" id={HIGHLIGHT_ID} aria-hidden="true">
                        <Highlight painted={shown.clone()} />
                    </pre>
                    <textarea
                        id={EDITOR_ID}
                        data-testid="editor"
                        spellcheck="false"
                        autocomplete="off"
                        autocapitalize="off"
                        wrap="off"
                        readonly={readonly}
                        aria-describedby={format!("{KEYS_ID} {STATUS_ID}")}
                        ref={area_ref}
                        {oninput}
                        {onclick}
                        {onkeyup}
                        {onkeydown}
                        {onblur}
                        {onselect}
                        {onscroll}
                        {onmousemove}
                        {onmouseleave}
                    />
                    <div id={HOVER_ID} class="editor-hover" role="tooltip" hidden={tooltip.is_none()}>
                        { for tooltip }
                    </div>
                </div>
            </div>
            <div id={STATUS_ID} class="editor-status" aria-live="polite">{ status }</div>
            <p id={KEYS_ID} class="editor-keys">
                if readonly {
                    { "Read-only." }
                } else {
                    { "Tab indents, Shift+Tab outdents; press Escape then Tab to leave the editor." }
                }
            </p>
        </section>
    }
}
