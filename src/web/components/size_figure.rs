//! One overridable figure of the size pane: what it sizes, its value and source, and a box for
//! the user's own size. The box keeps exactly what was typed; only a readable size reaches the
//! state, and an unreadable one says why beside the box.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::rich::rich;

use crate::engine::number::Fixed;
use crate::view::figure::{mb_text, Unit};
use crate::view::size_view::{mb_input_text, parse_mb, FigureRow};
use crate::web::hooks::use_app_state;
use crate::web::state::Action;

#[derive(Properties, PartialEq)]
pub struct SizeFigureProps {
    pub row: FigureRow,
    /// Unique in the list: the box's id.
    pub index: usize,
}

#[component]
pub fn SizeFigure(props: &SizeFigureProps) -> Html {
    let state = use_app_state();
    let row = &props.row;
    let text = {
        let initial = row.overridden.map(mb_input_text).unwrap_or_default();
        use_state(move || initial)
    };
    // When the override changes from elsewhere (reset, a new file), the box follows, unless it
    // already reads as that value (so typing `1.` is not rewritten to `1`).
    {
        let text = text.clone();
        use_effect_with(row.overridden, move |overridden| {
            if parse_mb(&text).ok().flatten() != *overridden {
                text.set(overridden.map(mb_input_text).unwrap_or_default());
            }
        });
    }
    let error = parse_mb(&text).err();
    let oninput = {
        let text = text.clone();
        let key = row.key.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let value = input.value();
            if let Ok(mb) = parse_mb(&value) {
                state.dispatch(Action::SetSizeOverride(key.clone(), mb));
            }
            text.set(value);
        })
    };
    let id = format!("figure-{}", props.index);
    let uses = if row.uses > 1 {
        format!(" · sizes {} items", row.uses)
    } else {
        String::new()
    };
    let class = class_list!(
        "figure",
        row.layer.as_str(),
        row.unknown.then_some("unknown"),
        row.overridden.is_some().then_some("overridden")
    );
    html! {
        <li {class} data-key={row.key.clone()}>
            <label for={id.clone()} class="figure-label">{ &row.label }</label>
            <div class="figure-input">
                <input id={id.clone()} type="text" inputmode="decimal" autocomplete="off"
                       spellcheck="false" data-key={row.key.clone()}
                       placeholder={Fixed(row.mb.uncompressed, 1).to_string()}
                       value={(*text).clone()}
                       aria-invalid={if error.is_some() { "true" } else { "false" }}
                       aria-describedby={format!("{id}-source {id}-error")}
                       {oninput} />
                <span class="unit" aria-hidden="true">{ "MB" }</span>
            </div>
            <p id={format!("{id}-source")} class="hint figure-source">
                if row.unknown {
                    <strong>{ "Unknown image, counted as 0 MB: type its size. " }</strong>
                }
                { format!("{} ({} compressed){uses}: ", mb_text(row.mb.uncompressed, Unit::Auto), mb_text(row.mb.compressed, Unit::Auto)) }
                { rich(&row.source) }
            </p>
            <p id={format!("{id}-error")} class="hint invalid" aria-live="polite">
                { error.map(|e| e.message()).unwrap_or_default() }
            </p>
        </li>
    }
}
