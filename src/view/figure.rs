//! How a size in MB reads, in every face: the Size pane, `airlock size` and the workshop's goal
//! results print it here, so one estimate never reads three ways.

use crate::engine::number::Fixed;

/// Which unit a figure is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// A figure read on its own (a pane's total, a bar): `0.04 MB`, `8.4 MB`, `2.53 GB` (1 GB =
    /// 1000 MB, as `docker images` counts). Below 1 MB two decimals, so that a small figure does
    /// not read as 0.
    Auto,
    /// A figure read against others in MB (a table in MB, a goal written in MB): always MB, one
    /// decimal.
    Mb,
}

/// `mb` as text in `unit`; `?` when it is not a number.
pub fn mb_text(mb: f64, unit: Unit) -> String {
    if !mb.is_finite() {
        "?".into()
    } else if unit == Unit::Mb {
        format!("{} MB", Fixed(mb, 1))
    } else if mb >= 1000.0 {
        format!("{} GB", Fixed(mb / 1000.0, 2))
    } else if mb > 0.0 && mb < 1.0 {
        format!("{} MB", Fixed(mb, 2))
    } else {
        format!("{} MB", Fixed(mb, 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_alone_reads_in_mb_below_a_gigabyte() {
        assert_eq!(mb_text(8.44, Unit::Auto), "8.4 MB");
        assert_eq!(mb_text(0.037, Unit::Auto), "0.04 MB");
        assert_eq!(mb_text(0.0, Unit::Auto), "0.0 MB");
        assert_eq!(mb_text(613.5, Unit::Auto), "613.5 MB");
        assert_eq!(mb_text(2527.8, Unit::Auto), "2.53 GB");
        assert_eq!(mb_text(f64::NAN, Unit::Auto), "?");
    }

    #[test]
    fn a_figure_among_others_stays_in_mb() {
        assert_eq!(mb_text(2527.8, Unit::Mb), "2527.8 MB");
        assert_eq!(mb_text(0.037, Unit::Mb), "0.0 MB");
        assert_eq!(mb_text(218.84, Unit::Mb), "218.8 MB");
        assert_eq!(mb_text(f64::INFINITY, Unit::Mb), "?");
    }
}
