//! The size chart: one horizontal bar per estimate, on one scale, stacked from its figures (base,
//! additions, artifacts). Every part is focusable and says where its figure comes from.

use yew::prelude::*;

use crate::engine::number::Fixed;
use crate::view::figure::{mb_text, Unit};
use crate::view::size_view::Bar;

/// Bar height in pixels.
const BAR_H: &str = "28";

fn pct(v: f64) -> String {
    format!("{}%", Fixed(v, 2))
}

/// The chart of `bars`; `peek` is the part under the pointer or focus, as (bar, part), and
/// `on_peek` hears where it moves. A plain function, not a component: it has no state, its
/// pane draws it anew on each change anyway, and a component type costs code.
pub fn size_chart(
    bars: &[Bar],
    peek: Option<(usize, usize)>,
    on_peek: &Callback<Option<(usize, usize)>>,
) -> Html {
    html! {
        <div class="size-bars">
            { for bars.iter().enumerate().map(|(b, bar)| {
                let parts = bar.parts.iter().enumerate().map(|(p, part)| {
                    let at = (b, p);
                    let described = format!(
                        "{}: {} uncompressed, {} compressed. Source: {}",
                        part.what,
                        mb_text(part.mb.uncompressed, Unit::Auto),
                        mb_text(part.mb.compressed, Unit::Auto),
                        part.source
                    );
                    let class = class_list!(
                        "part",
                        part.layer.as_str(),
                        (peek == Some(at)).then_some("peek")
                    );
                    html! {
                        <g {class} tabindex="0" role="img" aria-label={described.clone()}
                           onfocus={on_peek.reform(move |_: FocusEvent| Some(at))}
                           onblur={on_peek.reform(|_: FocusEvent| None)}
                           onmouseenter={on_peek.reform(move |_: MouseEvent| Some(at))}
                           onmouseleave={on_peek.reform(|_: MouseEvent| None)}>
                            <title>{ described }</title>
                            <rect x={pct(part.x)} y="0" width={pct(part.w)} height={BAR_H} />
                        </g>
                    }
                });
                let label_id = format!("size-{}-label", bar.id);
                html! {
                    <div class="size-bar" id={format!("size-{}", bar.id)}>
                        <div class="size-bar-head">
                            <span id={label_id.clone()} class="size-bar-label">{ bar.label }</span>
                            <span id={format!("size-{}-total", bar.id)} class="size-bar-total">
                                { mb_text(bar.total.uncompressed, Unit::Auto) }
                            </span>
                        </div>
                        <svg class="size-bar-svg" width="100%" height={BAR_H} role="group"
                             aria-labelledby={label_id}>
                            <rect class="track" x="0" y="0" width="100%" height={BAR_H} />
                            { for parts }
                        </svg>
                        <p class="hint">
                            { format!("{} · compressed {}", bar.detail, mb_text(bar.total.compressed, Unit::Auto)) }
                        </p>
                    </div>
                }
            }) }
        </div>
    }
}
