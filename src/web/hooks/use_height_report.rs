//! Embeds tell the page around their iframe how tall they are (`airlock:height` messages), on
//! load and on every resize, so that it can size the iframe to fit.

use yew::prelude::*;

use crate::web::dom::HeightReporter;

/// While `enabled`, reports the height of the element `root` with `id` to the parent page.
#[hook]
pub fn use_height_report(root: &'static str, enabled: bool, id: Option<String>) {
    use_effect_with(enabled, move |&enabled| {
        let reporter = enabled.then(|| HeightReporter::new(root, id)).flatten();
        move || drop(reporter)
    });
}
