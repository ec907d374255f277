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
use wasm_bindgen::JsValue;
use web_sys::{Element, HtmlTextAreaElement};
use yew::prelude::*;

use crate::engine::number::Shortest;
use crate::engine::{parse, Analysis};
use crate::view::controls::utf16_to_byte;
use crate::view::highlight::{
    classify, error_marks, finding_marks, gutter_marks, line_hash, line_starts, lines_in,
    lines_to_draw, marks_at, reclassify, shift_marks, Class, GutterMark, Line, Mark,
};
use crate::view::indent::indent;
use crate::view::page::PageOptions;
use crate::web::dom::{edit_editor, place, squiggle_at, EDITOR_ID};
use crate::web::hooks::use_app_state;
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

/// The lines drawn before the editor's size is known.
const FIRST_DRAWN: usize = 64;

/// The height of a drawn line in CSS pixels, as laid out (fonts and zoom vary); 0 while none
/// is laid out (a hidden pane).
fn line_height() -> f64 {
    gloo::utils::document()
        .query_selector("#editor-highlight .hl-line")
        .ok()
        .flatten()
        .map_or(0.0, |line| line.get_bounding_client_rect().height())
}

/// The lines to draw for the textarea's scroll position and size, given those drawn.
fn in_view(area: &Element, height: f64, drawn: (usize, usize)) -> (usize, usize) {
    if height <= 0.0 {
        return drawn;
    }
    // Rounded generously: the textarea's padding and a line cut at either edge.
    let top = (f64::from(area.scroll_top()) / height) as usize;
    let rows = (f64::from(area.client_height()) / height) as usize + 2;
    lines_to_draw(top.saturating_sub(1), rows, drawn)
}

/// Sets a length of an element's style from script (the Content-Security-Policy refuses
/// `style` attributes, not the style object).
fn set_px(el: &Element, key: &str, px: f64) {
    if let Ok(style) = js_sys::Reflect::get(el, &JsValue::from_str("style")) {
        let value = JsValue::from_str(&format!("{}px", Shortest(px)));
        let _ = js_sys::Reflect::set(&style, &JsValue::from_str(key), &value);
    }
}

/// Makes the coloured lines and the gutter's numbers as tall as all `total` lines, with the
/// drawn ones from line `first` on pushed down to their place, so that both scroll as far as
/// the textarea and show its lines where it shows them.
fn lay_out(first: usize, total: usize, height: f64) {
    let document = gloo::utils::document();
    for selector in ["#editor-highlight > code", "#gutter > .gutter-lines"] {
        if let Ok(Some(el)) = document.query_selector(selector) {
            set_px(&el, "paddingTop", first as f64 * height);
            set_px(&el, "height", total.saturating_sub(first) as f64 * height);
        }
    }
}

/// Scrolls the gutter and the coloured lines to where the textarea is scrolled.
fn scroll_with(area: &Element) {
    let document = gloo::utils::document();
    if let Some(gutter) = document.get_element_by_id(GUTTER_ID) {
        gutter.set_scroll_top(area.scroll_top());
    }
    if let Some(pre) = document.get_element_by_id(HIGHLIGHT_ID) {
        // The drawn lines may all be shorter than the line scrolled to.
        if area.scroll_left() > 0 {
            if let Some(code) = pre.first_element_child() {
                set_px(&code, "minWidth", f64::from(area.scroll_width()));
            }
        }
        pre.set_scroll_top(area.scroll_top());
        pre.set_scroll_left(area.scroll_left());
    }
}

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

/// What the editor draws for one text: the class of each byte, its marks, where its lines
/// start, and the gutter's marks. Lines are cut into runs only when drawn, and only the lines
/// in view are drawn.
struct Painted {
    text: Rc<str>,
    classes: Vec<Class>,
    escape: char,
    /// Syntax errors, then findings, as marks.
    errors: Vec<Mark>,
    findings: Vec<Mark>,
    marks: Vec<Mark>,
    starts: Vec<usize>,
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
        let starts = line_starts(&text);
        let gutter = Rc::new(gutter_marks(&marks, &starts));
        Painted {
            text,
            classes,
            escape,
            errors,
            findings,
            marks,
            starts,
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
    /// The lines drawn, 0-based, end excluded (clamped to the text's lines).
    drawn: (usize, usize),
}

impl PartialEq for PaintedProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.painted, &other.painted) && self.drawn == other.drawn
    }
}

#[derive(Properties)]
struct CodeLineProps {
    painted: Rc<Painted>,
    line: Line,
    hash: u64,
}

/// The fingerprint covers everything the line shows.
impl PartialEq for CodeLineProps {
    fn eq(&self, other: &Self) -> bool {
        self.hash == other.hash
    }
}

/// One line of coloured text. A squiggled run carries its messages (`data-msg`) for the hover.
/// Each run's text is its `data-t`, drawn by the style sheet (`content: attr(data-t)`): the
/// browser's find (Ctrl+F) does not search drawn-in text, so it counts each match once, in the
/// textarea, instead of twice.
#[component]
fn CodeLine(props: &CodeLineProps) -> Html {
    let painted = &props.painted;
    let line = &props.line;
    if line.runs.is_empty() {
        return html! { <div class="hl-line"><br /></div> };
    }
    let text = &painted.text;
    let runs = line.runs.iter().map(|run| {
        let part = AttrValue::from(text[run.start..run.end].to_string());
        match run.mark {
            None => html! { <span class={run.class.css()} data-t={part}></span> },
            Some(m) => {
                let severity = painted.marks[m].severity.as_str();
                html! {
                    <span class={class_list!(run.class.css(), "sq", format!("sq-{severity}"),
                                          (run.start == run.end).then_some("sq-point"))}
                          data-msg={run.messages.clone()} data-t={part}></span>
                }
            }
        }
    });
    html! { <div class="hl-line">{ for runs }</div> }
}

/// The coloured lines in view, one keyed component per line: Yew redraws only lines whose
/// fingerprint changed, and moves the others when lines are added or removed above them. The
/// `<code>` is as tall as all the lines, the drawn ones pushed down to their place (`lay_out`).
#[component]
fn Highlight(props: &PaintedProps) -> Html {
    let painted = &props.painted;
    let (first, end) = props.drawn;
    let lines = lines_in(
        &painted.text,
        &painted.classes,
        &painted.marks,
        &painted.starts,
        first..end,
    );
    let mut seen: HashMap<u64, u32> = HashMap::with_capacity(lines.len());
    let lines = lines.into_iter().map(|line| {
        let hash = line_hash(&painted.text, &line, &painted.marks);
        let n = seen.entry(hash).or_default();
        *n += 1;
        html! {
            <CodeLine key={format!("{hash:x}.{n}")} painted={painted.clone()} {line} {hash} />
        }
    });
    html! {
        <code data-first={first.to_string()} data-lines={painted.starts.len().to_string()}>
            { for lines }
        </code>
    }
}

#[derive(Properties, PartialEq)]
struct GutterProps {
    drawn: (usize, usize),
    marks: Rc<Vec<GutterMark>>,
}

/// The numbers of the lines drawn, with the worst mark of each line (its messages as hover
/// text). Typing within a line changes none of its props, so it is not redrawn for that.
#[component]
fn Gutter(props: &GutterProps) -> Html {
    let (first, end) = (props.drawn.0 as u32 + 1, props.drawn.1 as u32);
    let from = props.marks.partition_point(|m| m.line < first);
    let mut marks = props.marks[from..].iter().peekable();
    let lines = (first..=end).map(|n| match marks.next_if(|m| m.line == n) {
        Some(m) => html! {
            <div class={class_list!("gutter-line", "marked", format!("sev-{}", m.severity.as_str()))}
                 data-line={n.to_string()} data-severity={m.severity.as_str()}
                 title={m.title.clone()}>
                <span class="mark"></span>{ n }
            </div>
        },
        None => html! { <div class="gutter-line">{ n }</div> },
    });
    // Hidden from screen readers: the findings pane says the same in words.
    html! {
        <div class="gutter" id={GUTTER_ID} aria-hidden="true">
            <div class="gutter-lines">{ for lines }</div>
        </div>
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
                <div class={class_list!("editor-message", format!("sev-{severity}"))}>
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
    // The lines drawn (0-based, end excluded; see `lines_to_draw`) and a drawn line's height.
    let view = use_mut_ref(|| (0, FIRST_DRAWN));
    let height = use_mut_ref(|| Cell::new(0.0));

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
    let total = shown.starts.len();
    let drawn = {
        let (first, end) = *view.borrow();
        (first.min(total), end.min(total))
    };
    // Draws the lines in view (after a scroll, a resize or a change of font size).
    let follow = {
        let (view, height, redraw) = (view.clone(), height.clone(), redraw.clone());
        move |area: &Element| {
            let measured = line_height();
            let changed = measured > 0.0 && measured != height.borrow().get();
            if changed {
                height.borrow().set(measured);
            }
            let next = in_view(area, height.borrow().get(), *view.borrow());
            if changed || next != *view.borrow() {
                *view.borrow_mut() = next;
                redraw.force_update();
            }
        }
    };

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
    // The drawn lines are put in their place when they, the number of lines or the line height
    // change, all of which are rare while typing. The textarea may have scrolled before they
    // were drawn (pasting a long text scrolls it at once): the rest follows it again.
    {
        let (height, area_ref) = (height.clone(), area_ref.clone());
        let key = (drawn.0, total, height.borrow().get().to_bits());
        use_effect_with(key, move |&(first, total, _)| {
            if height.borrow().get() <= 0.0 {
                height.borrow().set(line_height());
            }
            let height = height.borrow().get();
            if height > 0.0 {
                lay_out(first, total, height);
            }
            if let Some(area) = area_ref.cast::<Element>() {
                scroll_with(&area);
            }
        });
    }
    {
        let (follow, area_ref) = (follow.clone(), area_ref.clone());
        use_effect_with((), move |_| {
            let update = move || {
                if let Some(area) = area_ref.cast::<Element>() {
                    follow(&area);
                }
            };
            update();
            let listener = EventListener::new(&gloo::utils::window(), "resize", move |_| update());
            move || drop(listener)
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
    // all end in a scroll event when they move the text), and the lines now in view are drawn.
    let onscroll = Callback::from(move |e: Event| {
        let area: Element = e.target_unchecked_into();
        scroll_with(&area);
        follow(&area);
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
                <Gutter {drawn} marks={shown.gutter.clone()} />
                <div class="editor-code">
                    <pre class="editor-highlight" id={HIGHLIGHT_ID} aria-hidden="true">
                        <Highlight painted={shown.clone()} {drawn} />
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
