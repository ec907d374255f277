//! Drafts when the playground is open in several tabs at once: whether a tab's save may replace
//! the stored draft or must set it aside first, what a tab shows when it starts, and the bounded
//! list of drafts set aside. Pure: stored drafts are opaque strings here, and what counts as
//! work is the caller's `worth` test; `persist.rs` makes the storage calls.
//!
//! The rule: a tab remembers the stored draft it last loaded or saved (its `base`, kept in
//! `sessionStorage`, so per tab and surviving a reload). When the stored draft is something else,
//! another tab wrote it, and it is set aside before this tab writes over it. No tab ever writes
//! the draft because another one did, so tabs cannot take turns overwriting each other.

/// A line of the set-aside list: the stored draft and, when it was set aside because another
/// tab saved over it, a space and the id of the tab whose text it was (stored drafts hold no
/// spaces: `<version>.<base64url>`).
pub fn line(stored: &str, tab: Option<&str>) -> String {
    match tab {
        Some(tab) => format!("{stored} {tab}"),
        None => stored.to_string(),
    }
}

/// A line split into the stored draft and its tab id.
pub fn split(line: &str) -> (&str, Option<&str>) {
    match line.split_once(' ') {
        Some((stored, tab)) => (stored, Some(tab)),
        None => (line, None),
    }
}

/// `list` (newest first, one line each) with `stored` kept at the front, at most `max` lines.
///
/// - A draft the list already holds is not added again: the list stays as it is (except that a
///   copy kept by hand, without a tab, makes the kept copy tab-less too), so nothing is pushed
///   out to make room for a draft already there, and two tabs keeping the same draft leave the
///   list unchanged rather than rewriting it in turns.
/// - With a `tab`, that tab's earlier drafts in the list are dropped: the new one is the same
///   tab's text further on, so two tabs edited in turns take one place each, not the whole list.
///   Drafts without a tab (replaced by a share link, an example or an exercise) are only ever
///   dropped as the oldest beyond `max`.
pub fn keep(list: &str, stored: &str, tab: Option<&str>, max: usize) -> String {
    let mut lines: Vec<String> = list
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    if let Some(at) = lines.iter().position(|l| split(l).0 == stored) {
        if tab.is_none() {
            lines[at] = stored.to_string();
        }
        return lines.join("\n");
    }
    if tab.is_some() {
        lines.retain(|l| split(l).1 != tab);
    }
    lines.insert(0, line(stored, tab));
    lines.truncate(max);
    lines.join("\n")
}

/// What a tab sets aside before it writes `next` over the stored draft `slot`, written by the tab
/// `owner`: the slot's draft (and that tab's id) when it is neither `next` nor what this tab last
/// loaded or saved (`base`) nor written by this very page (`me`, which also covers a tab whose
/// `sessionStorage` fails), i.e. another tab wrote it since, unless `worth` finds no work in it.
/// `None`: write straight away.
pub fn to_set_aside<'a>(
    slot: Option<&'a str>,
    owner: Option<&'a str>,
    me: &str,
    base: Option<&str>,
    next: &str,
    worth: impl Fn(&str) -> bool,
) -> Option<(&'a str, Option<&'a str>)> {
    let seen = |s: &str| Some(s) == base || owner == Some(me);
    let slot = slot.filter(|s| !s.is_empty() && *s != next && !seen(s))?;
    worth(slot).then_some((slot, owner))
}

/// When another tab has just written the stored draft (`slot`): this tab's own last save
/// (`saved`), to set aside now that the slot no longer holds it, so it outlives this tab even if
/// the other tab's save raced this tab's (each saw its own text and set nothing aside).
pub fn to_set_aside_after_other_save<'a>(
    slot: Option<&str>,
    saved: Option<&'a str>,
    worth: impl Fn(&str) -> bool,
) -> Option<&'a str> {
    saved.filter(|s| slot != Some(*s) && worth(s))
}

/// What a tab starts with: `shown`, and `other`, a draft of another tab to offer alongside it.
#[derive(Debug, PartialEq, Eq)]
pub struct Start<'a> {
    pub shown: Option<&'a str>,
    pub other: Option<&'a str>,
}

/// Chooses what a tab shows when it starts. `own` is the tab's own last draft (from before a
/// reload), `slot` the stored draft (the last save of any tab), `list` the set-aside list.
/// `worth(candidate, shown)` says whether a candidate holds work that `shown` does not.
///
/// - A reloaded tab shows its own text; if another tab saved different work since, that is
///   offered.
/// - A new tab shows the stored draft; if the newest draft set aside is one of another tab,
///   set aside after a clash (a tagged line), it is offered (older ones were either offered
///   already or are earlier versions of a tab's text kept since).
pub fn start<'a>(
    own: Option<&'a str>,
    slot: Option<&'a str>,
    list: &'a str,
    worth: impl Fn(&str, Option<&str>) -> bool,
) -> Start<'a> {
    let shown = own.or(slot);
    let other = match own {
        Some(_) => slot,
        None => list
            .lines()
            .next()
            .map(split)
            .filter(|(_, tab)| tab.is_some())
            .map(|(stored, _)| stored),
    };
    let other = other.filter(|o| Some(*o) != shown && worth(o, shown));
    Start { shown, other }
}

/// `list` with the line of `stored` made tab-less: once offered, a draft is kept like one
/// replaced by a share link (not offered again, not dropped for a newer one of its tab).
pub fn untag(list: &str, stored: &str) -> String {
    list.lines()
        .map(|l| if split(l).0 == stored { stored } else { l })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    /// Any non-empty text is work, in these tests.
    fn worth(s: &str) -> bool {
        !s.ends_with(".default")
    }

    #[test]
    fn lines_carry_an_optional_tab_id() {
        assert_eq!(line("1.abc", None), "1.abc");
        assert_eq!(line("1.abc", Some("t1")), "1.abc t1");
        assert_eq!(split("1.abc t1"), ("1.abc", Some("t1")));
        assert_eq!(split("1.abc"), ("1.abc", None));
    }

    #[test]
    fn keep_puts_the_newest_first_and_caps_the_list() {
        let list = keep("", "1.a", None, 3);
        assert_eq!(list, "1.a");
        let list = keep(
            &keep(&keep(&list, "1.b", None, 3), "1.c", None, 3),
            "1.d",
            None,
            3,
        );
        assert_eq!(list, "1.d\n1.c\n1.b");
    }

    #[test]
    fn a_draft_already_kept_is_not_kept_twice_nor_pushes_another_out() {
        let full = "1.e\n1.d\n1.c\n1.b\n1.a";
        // The oldest one is the same: nothing moves, nothing is dropped.
        assert_eq!(keep(full, "1.a", None, 5), full);
        assert_eq!(keep(full, "1.c", Some("t1"), 5), full);
        // A hand-kept copy of a tagged line makes it tab-less (never dropped for its tab).
        assert_eq!(keep("1.b t1\n1.a", "1.b", None, 5), "1.b\n1.a");
        assert_eq!(keep("1.b\n1.a", "1.b", Some("t1"), 5), "1.b\n1.a");
    }

    #[test]
    fn a_tab_takes_one_place_in_the_list() {
        let list = keep("1.x", "1.a1", Some("t1"), 5);
        let list = keep(&list, "1.b1", Some("t2"), 5);
        let list = keep(&list, "1.a2", Some("t1"), 5);
        let list = keep(&list, "1.b2", Some("t2"), 5);
        assert_eq!(list, "1.b2 t2\n1.a2 t1\n1.x");
        // Untagged drafts are never dropped for a tab's newer one.
        assert_eq!(keep("1.y\n1.a1 t1", "1.a2", Some("t1"), 5), "1.a2 t1\n1.y");
    }

    #[test]
    fn a_save_over_the_tabs_own_draft_sets_nothing_aside() {
        assert_eq!(
            to_set_aside(Some("1.a"), Some("t0"), "t1", Some("1.a"), "1.a2", worth),
            None
        );
        // Written by this page itself, even when the tab could not remember what it saved.
        assert_eq!(
            to_set_aside(Some("1.a"), Some("t1"), "t1", None, "1.a2", worth),
            None
        );
        assert_eq!(to_set_aside(None, None, "t1", None, "1.a", worth), None);
        assert_eq!(to_set_aside(Some(""), None, "t1", None, "1.a", worth), None);
        // Storage already holds exactly this.
        assert_eq!(
            to_set_aside(Some("1.a"), Some("t2"), "t1", Some("1.z"), "1.a", worth),
            None
        );
    }

    #[test]
    fn a_save_over_another_tabs_draft_sets_it_aside_with_that_tabs_id() {
        assert_eq!(
            to_set_aside(Some("1.b"), Some("t2"), "t1", Some("1.a"), "1.a2", worth),
            Some(("1.b", Some("t2")))
        );
        // A tab that never loaded a draft has seen none: whatever is there was written since.
        assert_eq!(
            to_set_aside(Some("1.b"), None, "t1", None, "1.a", worth),
            Some(("1.b", None))
        );
        // Unless it holds no work (the default example).
        assert_eq!(
            to_set_aside(
                Some("1.default"),
                Some("t2"),
                "t1",
                Some("1.a"),
                "1.a2",
                worth
            ),
            None
        );
    }

    #[test]
    fn a_tab_whose_save_was_replaced_by_another_keeps_it_aside() {
        assert_eq!(
            to_set_aside_after_other_save(Some("1.b"), Some("1.a"), worth),
            Some("1.a")
        );
        assert_eq!(
            to_set_aside_after_other_save(Some("1.a"), Some("1.a"), worth),
            None
        );
        assert_eq!(
            to_set_aside_after_other_save(Some("1.b"), None, worth),
            None
        );
        assert_eq!(
            to_set_aside_after_other_save(Some("1.b"), Some("1.default"), worth),
            None
        );
    }

    #[test]
    fn a_reloaded_tab_shows_its_own_text_and_offers_the_other_tabs() {
        let w = |c: &str, _: Option<&str>| worth(c);
        assert_eq!(
            start(Some("1.a"), Some("1.b"), "", w),
            Start {
                shown: Some("1.a"),
                other: Some("1.b")
            }
        );
        assert_eq!(
            start(Some("1.a"), Some("1.a"), "1.b t2", w),
            Start {
                shown: Some("1.a"),
                other: None
            }
        );
        assert_eq!(
            start(Some("1.a"), Some("1.default"), "", w),
            Start {
                shown: Some("1.a"),
                other: None
            }
        );
    }

    #[test]
    fn a_new_tab_shows_the_last_save_and_offers_the_newest_clash() {
        let w = |c: &str, _: Option<&str>| worth(c);
        assert_eq!(
            start(None, Some("1.a"), "1.b t2\n1.x\n1.c t3", w),
            Start {
                shown: Some("1.a"),
                other: Some("1.b")
            }
        );
        assert_eq!(
            start(None, Some("1.a"), "1.x\n1.b t2", w),
            Start {
                shown: Some("1.a"),
                other: None
            }
        );
        assert_eq!(
            start(None, Some("1.a"), "1.a t1\n1.x", w),
            Start {
                shown: Some("1.a"),
                other: None
            }
        );
        assert_eq!(
            start(None, None, "1.x", w),
            Start {
                shown: None,
                other: None
            }
        );
        assert_eq!(untag("1.x\n1.b t2\n1.c t3", "1.b"), "1.x\n1.b\n1.c t3");
        assert_eq!(untag("1.x\n1.c t3", "1.b"), "1.x\n1.c t3");
    }

    /// Storage as the browser holds it, and tabs that save in turns (each save seen by the
    /// others before the next, as the `storage` event delivers it) or at the same moment (a
    /// race: both saw their own text in the slot).
    #[derive(Default)]
    struct World {
        slot: Option<String>,
        owner: Option<String>,
        list: String,
        /// Per tab: base (`sessionStorage`) and its last save.
        tabs: HashMap<usize, (Option<String>, Option<String>)>,
    }

    const MAX: usize = 5;

    impl World {
        fn save(&mut self, tab: usize, next: &str, react: bool) {
            let id = format!("t{tab}");
            let (base, _) = self.tabs.get(&tab).cloned().unwrap_or_default();
            if let Some((stored, owner)) = to_set_aside(
                self.slot.as_deref(),
                self.owner.as_deref(),
                &id,
                base.as_deref(),
                next,
                worth,
            ) {
                self.list = keep(&self.list, stored, owner, MAX);
            }
            self.slot = Some(next.to_string());
            self.owner = Some(id);
            self.tabs
                .insert(tab, (Some(next.to_string()), Some(next.to_string())));
            if react {
                self.storage_event(tab);
            }
        }

        /// Every other tab hears of the change.
        fn storage_event(&mut self, writer: usize) {
            let mut others: Vec<usize> =
                self.tabs.keys().copied().filter(|&t| t != writer).collect();
            others.sort();
            for t in others {
                let saved = self.tabs[&t].1.clone();
                if let Some(s) =
                    to_set_aside_after_other_save(self.slot.as_deref(), saved.as_deref(), worth)
                {
                    self.list = keep(&self.list, s, Some(&format!("t{t}")), MAX);
                }
            }
        }

        fn reachable(&self, stored: &str) -> bool {
            self.slot.as_deref() == Some(stored) || self.list.lines().any(|l| split(l).0 == stored)
        }
    }

    #[test]
    fn two_tabs_typing_in_turns_lose_nothing_and_take_two_places() {
        let mut w = World {
            list: "1.shared-link-draft".into(),
            ..World::default()
        };
        for round in 0..10 {
            w.save(1, &format!("1.a{round}"), true);
            w.save(2, &format!("1.b{round}"), true);
            assert!(w.reachable(&format!("1.a{round}")), "round {round}");
            assert!(w.reachable(&format!("1.b{round}")), "round {round}");
        }
        // One place per tab (tab 2's is its save before the last, which the slot holds now).
        assert_eq!(w.list, "1.a9 t1\n1.b8 t2\n1.shared-link-draft");
        assert_eq!(w.slot.as_deref(), Some("1.b9"));
    }

    #[test]
    fn a_race_is_caught_by_the_tab_that_lost_the_slot() {
        let mut w = World::default();
        w.save(1, "1.a", true);
        w.save(2, "1.b", true);
        // Both save at once: tab 2's save has not reached tab 1, which still sees its own "1.a"
        // in the slot and so sets nothing aside; then each hears of the other's save.
        w.save(2, "1.b2", false);
        let seen = w.slot.replace("1.a".into());
        assert_eq!(seen.as_deref(), Some("1.b2"));
        w.save(1, "1.a2", false);
        assert!(!w.list.contains("1.b2"));
        w.storage_event(1);
        assert!(w.reachable("1.a2") && w.reachable("1.b2"));
    }

    proptest! {
        /// Whatever the order of saves by up to three tabs, each tab's last save is the stored
        /// draft or in the list, the list holds no draft twice and stays within its bound.
        #[test]
        fn every_tabs_last_save_stays_reachable(
            saves in proptest::collection::vec((1..=3usize, 0..6u8), 1..40),
        ) {
            let mut w = World::default();
            for (i, (tab, text)) in saves.iter().enumerate() {
                let next = if *text == 0 { "1.default".to_string() } else { format!("1.t{tab}v{i}") };
                w.save(*tab, &next, true);
                let lines: Vec<&str> = w.list.lines().map(|l| split(l).0).collect();
                prop_assert!(lines.len() <= MAX);
                let mut unique = lines.clone();
                unique.sort();
                unique.dedup();
                prop_assert_eq!(unique.len(), lines.len());
                for (_, saved) in w.tabs.values() {
                    let saved = saved.as_deref().unwrap();
                    prop_assert!(!worth(saved) || w.reachable(saved), "lost {}", saved);
                }
            }
        }
    }
}
