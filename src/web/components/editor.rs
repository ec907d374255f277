//! The Dockerfile editor. The textarea stays the real input (native undo, IME, selection and
//! find keep working); its text is transparent, and behind it a `<pre>` shows the same text
//! coloured from the parser's tokens, with squiggles under syntax errors and findings
//! (`view::highlight`, `view::painted`). Both scroll together, with the gutter of line numbers
//! and marks. A squiggle's message shows on hover and, for keyboard users, in a status line
//! while the caret is in it.
//!
//! The component draws; its behaviour is in named hooks: `use_typing` (every input event
//! re-analyses through the reducer, except in a long file, where typing runs ahead of the
//! analysis until it pauses), `use_textarea_text` (text from elsewhere put in the textarea),
//! `use_lines_in_view` (only the lines in view are drawn), `use_squiggle_hover` and
//! `use_tab_indent` (Tab and Shift-Tab indent and outdent; Escape then Tab leaves).

use std::collections::HashMap;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::view::controls::utf16_to_byte;
use crate::view::highlight::{line_hash, lines_in, marks_at, GutterMark, Line};
use crate::view::page::PageOptions;
use crate::view::painted::Painted;
use crate::web::dom::{EDITOR_ID, PICKED};
use crate::web::hooks::{
    use_app_state, use_lines_in_view, use_squiggle_hover, use_tab_indent, use_textarea_text,
    use_typing, GUTTER_ID, HIGHLIGHT_ID,
};

/// The message of the squiggle under the pointer.
const HOVER_ID: &str = "editor-hover";
/// The line under the editor that says what the caret is on.
const STATUS_ID: &str = "editor-status";
/// What the keys do (the textarea's description).
const KEYS_ID: &str = "editor-keys";

/// The caret as a byte offset into `text`, the area's text (the DOM counts UTF-16 units).
fn caret(area: &HtmlTextAreaElement, text: &str) -> Option<usize> {
    let start = area.selection_start().ok().flatten()?;
    Some(utf16_to_byte(text, start))
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

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// Soft wrap (Settings): long lines wrap, in the textarea and its coloured copy alike.
    #[prop_or_default]
    pub wrap: bool,
}

#[component]
pub fn Editor(props: &EditorProps) -> Html {
    let state = use_app_state();
    let readonly = use_context::<Rc<PageOptions>>().is_some_and(|p| p.readonly);
    let typing = use_typing(&state);
    let shown = typing.shown();
    let area_ref = use_node_ref();
    let known = use_textarea_text(&area_ref, shown.text.clone());
    let lines = use_lines_in_view(&area_ref, shown.starts.len(), props.wrap);
    let drawn = lines.drawn;
    let hover = use_squiggle_hover(HOVER_ID);
    let tab = use_tab_indent(readonly);

    // The gutter and the highlight follow the textarea whenever it scrolls (typing, selecting
    // from the panes and text set by a fix all end in a scroll event when they move the text).
    let onscroll = Callback::from(move |e: Event| lines.scrolled(&e.target_unchecked_into()));
    let oninput = {
        let (typing, known) = (typing.clone(), known.clone());
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            let (text, at) = known.read(&area);
            // `insertFromPaste`, `insertFromDrop`, ...: text put in whole, not typed. A script
            // may send a plain `Event` named `input`, which has no input type to read.
            let inserted = e
                .dyn_ref::<InputEvent>()
                .is_some_and(|e| e.input_type().starts_with("insertFrom"));
            typing.input(text, at, inserted);
        })
    };
    let moved = {
        let typing = typing.clone();
        move |e: &Event| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            typing.caret_moved(caret(&area, &known.get()));
        }
    };
    let onclick = {
        let moved = moved.clone();
        Callback::from(move |e: MouseEvent| {
            // A click in the text is the user's own selection: Tab indents it.
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            let _ = area.remove_attribute(PICKED);
            moved(&e)
        })
    };
    let onkeyup = {
        let moved = moved.clone();
        Callback::from(move |e: KeyboardEvent| moved(&e))
    };
    let onselect = Callback::from(move |e: Event| moved(&e));
    let onkeydown = tab.onkeydown.clone();
    let onblur = {
        let typing = typing.clone();
        Callback::from(move |_: FocusEvent| {
            tab.reset();
            // Leaving the editor (for a fix, a pane, another tab) hands over what was typed.
            typing.flush();
        })
    };
    let onmousemove = {
        let hover = hover.clone();
        Callback::from(move |e: MouseEvent| hover.moved(&e))
    };
    let onmouseleave = {
        let hover = hover.clone();
        Callback::from(move |_: MouseEvent| hover.left())
    };

    // Always in the page (hidden when there is nothing to say): an element that comes and goes
    // beside the textarea could make Yew recreate the textarea, losing its text and caret.
    let tooltip = hover.current().map(|h| {
        // `severity CODE: message` or `error: message`: the first word is the severity.
        let lines = h
            .messages
            .lines()
            .map(|m| (m.split([' ', ':']).next().unwrap_or("error"), m));
        message_list(lines)
    });
    let at_caret = typing
        .caret()
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
            // The line count sizes the editor to its text, up to the visible area (style.css).
            // With soft wrap the gutter makes way for numbers drawn beside the coloured lines
            // (style.css), which alone know how tall each wrapped line is.
            <div class={class_list!("editor-frame", props.wrap.then_some("wrap"))}
                 style={format!("--editor-lines: {}", shown.starts.len())}>
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
                        wrap={if props.wrap { "soft" } else { "off" }}
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
