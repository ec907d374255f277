//! `class` attribute values as yew's `classes!` makes them (parts split into words, repeats and
//! empty parts left out, no attribute when nothing is left), built as a plain string:
//! `classes!` collects into an `IndexSet`, code the bundle otherwise does without.

/// A part of a class list: class names separated by spaces, or `None` for none.
pub trait Part {
    fn part(&self) -> Option<&str>;
}

impl Part for &str {
    fn part(&self) -> Option<&str> {
        Some(self)
    }
}

impl Part for String {
    fn part(&self) -> Option<&str> {
        Some(self)
    }
}

impl Part for Option<&str> {
    fn part(&self) -> Option<&str> {
        *self
    }
}

/// The class list of `parts`: each word once, in order; `None` when there is none.
pub fn join(parts: &[Option<&str>]) -> Option<String> {
    let mut out = String::new();
    for word in parts.iter().flatten().flat_map(|p| p.split_whitespace()) {
        if !out.split(' ').any(|w| w == word) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    (!out.is_empty()).then_some(out)
}

/// `classes!` without the `IndexSet`: `class_list!("row", format!("sev-{s}"), on.then_some("on"))`.
#[allow(unused_macros)] // only the page uses it; the native build compiles this file for its tests
macro_rules! class_list {
    ($($part:expr),* $(,)?) => {
        $crate::view::class_list::join(&[$($crate::view::class_list::Part::part(&$part)),*])
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(parts: &[Option<&str>]) -> Option<String> {
        join(parts)
    }

    #[test]
    fn joins_words_in_order_once() {
        assert_eq!(
            list(&[Some("row"), Some("finding"), Some("sev-error")]).as_deref(),
            Some("row finding sev-error")
        );
        assert_eq!(
            list(&[Some("a b"), Some(" b  c "), Some("a")]).as_deref(),
            Some("a b c")
        );
    }

    #[test]
    fn leaves_out_none_and_empty_parts() {
        assert_eq!(
            list(&[Some("tab"), None, Some(""), Some("selected")]).as_deref(),
            Some("tab selected")
        );
        assert_eq!(list(&[None, Some(" ")]), None);
        assert_eq!(list(&[]), None);
    }

    #[test]
    fn parts_of_each_kind() {
        let owned = String::from("sev-warning");
        let on: Option<&str> = Some("on");
        let off: Option<&str> = None;
        assert_eq!(
            list(&["row".part(), owned.part(), on.part(), off.part()]).as_deref(),
            Some("row sev-warning on")
        );
    }
}
