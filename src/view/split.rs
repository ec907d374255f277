//! The split between the editor and the results: the editor's share of the page's width in whole
//! percent, as the drag handle moves it (pointer or keys) and as `localStorage` keeps it.

/// The narrowest and widest the editor may be, in percent of the layout's width.
pub const MIN: u32 = 20;
pub const MAX: u32 = 80;
/// What the page starts with: the editor takes two fifths, as before the split was movable.
pub const DEFAULT: u32 = 40;
/// How far one arrow key moves the split; Page Up/Down move it further.
pub const STEP: u32 = 2;
const PAGE_STEP: u32 = 10;

/// The stored form's first word: the format's version.
const HEADER: &str = "split1";

/// `percent` kept between `MIN` and `MAX`.
pub fn clamp(percent: u32) -> u32 {
    percent.clamp(MIN, MAX)
}

/// The share for a pointer at `x` in a layout from `left` to `left + width` (CSS pixels).
pub fn at_pointer(x: f64, left: f64, width: f64) -> Option<u32> {
    if width.is_nan() || width <= 0.0 || !x.is_finite() || !left.is_finite() {
        return None;
    }
    let share = ((x - left) / width * 100.0).round().clamp(0.0, 100.0);
    Some(clamp(share as u32))
}

/// Where a key moves the split from `now` (a separator's keys: arrows, Page Up/Down, Home,
/// End); `None` for any other key.
pub fn after_key(key: &str, now: u32) -> Option<u32> {
    Some(match key {
        "ArrowLeft" | "ArrowDown" => clamp(now.saturating_sub(STEP)),
        "ArrowRight" | "ArrowUp" => clamp(now + STEP),
        "PageDown" => clamp(now.saturating_sub(PAGE_STEP)),
        "PageUp" => clamp(now + PAGE_STEP),
        "Home" => MIN,
        "End" => MAX,
        _ => return None,
    })
}

/// The stored form: `split1 40`.
pub fn to_stored(percent: u32) -> String {
    format!("{HEADER} {}", clamp(percent))
}

/// Reads `to_stored`'s form; anything else (another version, damage) is `None`.
pub fn from_stored(text: &str) -> Option<u32> {
    let (header, value) = text.trim().split_once(' ')?;
    if header != HEADER || value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    value.parse::<u32>().ok().map(clamp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_move_by_steps_and_stop_at_the_ends() {
        assert_eq!(after_key("ArrowRight", 40), Some(42));
        assert_eq!(after_key("ArrowLeft", 40), Some(38));
        assert_eq!(after_key("ArrowLeft", MIN), Some(MIN));
        assert_eq!(after_key("ArrowRight", MAX), Some(MAX));
        assert_eq!(after_key("PageUp", 75), Some(MAX));
        assert_eq!(after_key("Home", 50), Some(MIN));
        assert_eq!(after_key("End", 50), Some(MAX));
        assert_eq!(after_key("a", 50), None);
    }

    #[test]
    fn the_pointer_gives_its_share_of_the_width() {
        assert_eq!(at_pointer(600.0, 100.0, 1000.0), Some(50));
        assert_eq!(at_pointer(0.0, 100.0, 1000.0), Some(MIN));
        assert_eq!(at_pointer(5000.0, 100.0, 1000.0), Some(MAX));
        assert_eq!(at_pointer(600.0, 100.0, 0.0), None);
        assert_eq!(at_pointer(f64::NAN, 0.0, 10.0), None);
    }

    #[test]
    fn the_stored_form_round_trips_and_damage_is_ignored() {
        assert_eq!(from_stored(&to_stored(55)), Some(55));
        assert_eq!(from_stored(&to_stored(99)), Some(MAX));
        assert_eq!(from_stored("split1 5"), Some(MIN));
        for bad in [
            "",
            "55",
            "split2 55",
            "split1 -3",
            "split1 4x",
            "split1 99999999999999",
        ] {
            assert_eq!(from_stored(bad), None, "{bad}");
        }
    }
}
