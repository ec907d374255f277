//! The size pane: how much smaller the multi-stage image is than the same build in one stage,
//! on both bases, as a chart whose parts say where their figures come from, the engine's notes,
//! and a box per figure to override it.

use std::rc::Rc;

use yew::prelude::*;

use super::more_rows::capped;
use super::rich::rich;
use super::size_chart::size_chart;
use super::size_figure::SizeFigure;
use crate::view::figure::{mb_text, Unit};
use crate::view::size_view::{chart, factor_text, figure_rows, pct_text, reduction_word, Layer};
use crate::web::hooks::use_app_state;
use crate::web::state::Action;

#[component]
pub fn SizePane() -> Html {
    let state = use_app_state();
    let peek = use_state(|| None::<(usize, usize)>);
    let est = &state.analysis.size;
    let bars = Rc::new(chart(est));
    let rows = figure_rows(est, &state.size.overrides);
    let (shown, more) = capped(&state, rows.len());
    let on_peek = {
        let peek = peek.clone();
        Callback::from(move |p| peek.set(p))
    };
    let on_reset = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::ResetSizeOverrides))
    };
    let single = est.single_stage_mb();
    let multi = est.multi_stage;
    let (ru, rc) = (est.reduction_uncompressed, est.reduction_compressed);
    let exports = est.target_exports();
    let focused = (*peek).and_then(|(b, p)| Some((bars.get(b)?, bars.get(b)?.parts.get(p)?)));
    let unknown = rows.iter().filter(|r| r.unknown).count();

    let summary = if bars.is_empty() {
        html! { <p class="hint">{ "No stage to estimate yet: type a FROM line." }</p> }
    } else {
        html! {
            <>
                if exports {
                    <div class="size-headline" id="size-export">
                        <p class="size-big">
                            <span id="size-exported" class="size-pct">{ mb_text(multi.uncompressed, Unit::Auto) }</span>
                            <span class="size-word">{ " of files exported" }</span>
                        </p>
                        <p class="size-export-note">
                            { "The target is not an image anyone runs: it is " }<code>{ "FROM scratch" }</code>
                            { " with only files copied in and no default command, so " }
                            <code>{ "docker build --output type=local,dest=DIR" }</code>
                            { format!(" writes its files out ({} compressed). Built in one stage on the builder's base, an image would weigh {}; no reduction is given for files that are not an image.",
                                      mb_text(multi.compressed, Unit::Auto), mb_text(single.uncompressed, Unit::Auto)) }
                        </p>
                    </div>
                } else {
                    <div class="size-headline">
                        <p class="size-big">
                            <span id="size-reduction" class="size-pct">{ pct_text(ru) }</span>
                            <span class="size-word">{ format!(" {}", reduction_word(ru)) }</span>
                            <span class="size-factor-wrap">
                                { " · " }<span id="size-factor" class="size-factor">{ factor_text(ru) }</span>
                            </span>
                        </p>
                        <dl class="size-basis">
                            <dt>{ "Uncompressed" }<span class="hint">{ " (what docker images and dive show)" }</span></dt>
                            <dd id="size-uncompressed">
                                { format!("{} → {}", mb_text(single.uncompressed, Unit::Auto), mb_text(multi.uncompressed, Unit::Auto)) }
                            </dd>
                            <dt>{ "Compressed" }<span class="hint">{ " (registry pull size)" }</span></dt>
                            <dd id="size-compressed">
                                { format!("{} → {} · {}, {}", mb_text(single.compressed, Unit::Auto), mb_text(multi.compressed, Unit::Auto),
                                          pct_text(rc), factor_text(rc)) }
                            </dd>
                        </dl>
                    </div>
                }
                { size_chart(&bars, *peek, &on_peek) }
                <p id="size-focus" class="details size-focus" aria-live="polite">
                    { match focused {
                        Some((bar, part)) => html! {
                            <>
                                <strong>{ format!("{} · {}: {}", bar.label, part.layer.as_str(), part.what) }</strong>
                                { format!(" {} uncompressed, {} compressed. ", mb_text(part.mb.uncompressed, Unit::Auto), mb_text(part.mb.compressed, Unit::Auto)) }
                                <span class="size-source">{ rich(&part.source) }</span>
                            </>
                        },
                        None => html! {
                            <span class="hint">
                                { "Point at or focus a part of a bar to see its figure and where it comes from." }
                            </span>
                        },
                    } }
                </p>
                <ul class="legend size-legend">
                    { for Layer::ALL.iter().map(|l| html! {
                        <li><span class={class_list!("swatch", "size-swatch", l.as_str())}></span>{ l.as_str() }</li>
                    }) }
                </ul>
            </>
        }
    };

    html! {
        <section class="panel size-panel" aria-labelledby="size-title">
            <h2 id="size-title" class="panel-title">
                { "Size estimate" }
                <span class="count">{ "single-stage vs multi-stage, before anything is built" }</span>
            </h2>
            { summary }
            if !est.notes.is_empty() {
                <h3 class="size-subtitle">{ "Notes" }</h3>
                <ul id="size-notes" class="size-notes">
                    { for est.notes.iter().map(|n| html! { <li>{ rich(n) }</li> }) }
                </ul>
            }
            if !rows.is_empty() {
                <div class="size-figures-head">
                    <h3 id="size-figures-title" class="size-subtitle">{ "Figures" }</h3>
                    if !state.size.overrides.is_empty() {
                        <button type="button" id="size-reset" onclick={on_reset}>{ "Reset overrides" }</button>
                    }
                </div>
                <p class="hint">
                    { "Type a size in MB (uncompressed; KB and GB work too) to replace a figure; empty the box to go back to the table's or default figure." }
                </p>
                if unknown > 0 {
                    <p id="size-unknown" class="size-unknown" role="status">
                        { format!("{unknown} unknown image{}: counted as 0 MB, so the totals are too low. Type {} size below.",
                                  if unknown == 1 { "" } else { "s" }, if unknown == 1 { "its" } else { "their" }) }
                    </p>
                }
                <ul id="size-figures" class="size-figures" aria-labelledby="size-figures-title">
                    { for rows.into_iter().take(shown).enumerate().map(|(index, row)| {
                        let key = row.key.clone();
                        html! { <SizeFigure {key} {row} {index} /> }
                    }) }
                    { more }
                </ul>
            }
        </section>
    }
}
