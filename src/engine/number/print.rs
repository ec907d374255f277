//! `f64` to decimal text without std's float formatting, to keep the playground's wasm small.
//!
//! `format!("{}")` and `format!("{:.N}")` of an `f64` bring in std's Grisu and Dragon code, its
//! table of cached powers and its big-number type (about 20 KB of wasm). Our figures are short,
//! so a plain big-number version of the same two algorithms is enough (with a 64-bit integer
//! path for fixed decimals, which the graph's coordinates take):
//! [`Shortest`] prints what `{}` prints (the shortest digits that read back to the same value,
//! the closest of them), [`Fixed`] what `{:.N}` prints (the exact value rounded half to even).
//! Both print the same text as std for every `f64` (tested against it).

use std::cmp::Ordering;
use std::fmt;

/// `f64` as `{}` prints it: `Shortest(0.1).to_string() == format!("{}", 0.1)`.
#[derive(Clone, Copy, Debug)]
pub struct Shortest(pub f64);

/// `f64` as `{:.N}` prints it: `Fixed(2.345, 1).to_string() == format!("{:.1}", 2.345)`.
#[derive(Clone, Copy, Debug)]
pub struct Fixed(pub f64, pub usize);

impl fmt::Display for Shortest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&print(self.0, None))
    }
}

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&print(self.0, Some(self.1)))
    }
}

/// The text of `value`: shortest when `precision` is `None`, else with that many decimals.
fn print(value: f64, precision: Option<usize>) -> String {
    if value.is_nan() {
        return "NaN".into();
    }
    let mut out = String::new();
    if value.is_sign_negative() {
        out.push('-');
    }
    if value.is_infinite() {
        out.push_str("inf");
        return out;
    }
    let bits = value.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    let (mantissa, exponent) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | 1 << 52, biased - 1075)
    };
    // value = 0.digits × 10^point
    let (digits, point) = match (mantissa, precision) {
        (0, _) => (Vec::new(), 0),
        (_, None) => shortest(mantissa, exponent, biased > 1),
        (_, Some(p)) => fixed(mantissa, exponent, p),
    };
    let frac = precision.unwrap_or(0);
    let point_at = point.max(0) as usize;
    if point_at == 0 {
        out.push('0');
    } else {
        for i in 0..point_at {
            out.push(char::from(b'0' + digits.get(i).copied().unwrap_or(0)));
        }
    }
    // Decimals: the shortest form prints what the digits hold, the fixed form exactly `frac`.
    let shown = digits.len() as i32 - point;
    let decimals = if precision.is_some() {
        frac
    } else {
        shown.max(0) as usize
    };
    if decimals > 0 {
        out.push('.');
        for i in 0..decimals as i32 {
            let at = point + i;
            let d = if at < 0 {
                0
            } else {
                digits.get(at as usize).copied().unwrap_or(0)
            };
            out.push(char::from(b'0' + d));
        }
    }
    out
}

/// Digits of `mantissa × 2^exponent` rounded half to even at `precision` decimals, as
/// `(digits, point)` with value = 0.digits × 10^point; no digits when it rounds to 0.
fn fixed(mantissa: u64, exponent: i32, precision: usize) -> (Vec<u8>, i32) {
    if let Some(n) = fixed_narrow(mantissa, exponent, precision) {
        let digits = if n == 0 {
            Vec::new()
        } else {
            n.to_string().bytes().map(|b| b - b'0').collect()
        };
        let point = digits.len() as i32 - precision as i32;
        return (digits, point);
    }
    fixed_wide(mantissa, exponent, precision)
}

/// `fixed` on big numbers, for any `f64` and precision.
fn fixed_wide(mantissa: u64, exponent: i32, precision: usize) -> (Vec<u8>, i32) {
    let mut n = Big::from(mantissa);
    for _ in 0..precision {
        n.mul_small(10);
    }
    let shift = (-exponent).max(0) as usize;
    if exponent > 0 {
        n.shl(exponent as usize);
    }
    // n / 2^shift, rounded half to even.
    let half = shift > 0 && n.bit(shift - 1);
    let below = (0..shift.saturating_sub(1)).any(|i| n.bit(i));
    n.shr(shift);
    if half && (below || n.bit(0)) {
        n.add(&Big::from(1));
    }
    let digits = n.decimal();
    let point = digits.len() as i32 - precision as i32;
    (digits, point)
}

/// `fixed`'s rounded integer (`mantissa × 10^precision × 2^exponent`, half to even) in plain
/// 64-bit arithmetic, when it fits (a mantissa times 10^3 does): every figure and graph
/// coordinate the playground prints, a thousand per redraw of a large graph. The same exact
/// rounding, no big numbers. (128 bits would cover more, at 1.4 KB brotli of wasm for the
/// wide integer's division and printing.)
fn fixed_narrow(mantissa: u64, exponent: i32, precision: usize) -> Option<u64> {
    let scaled = 10u64
        .checked_pow(u32::try_from(precision).ok()?)?
        .checked_mul(mantissa)?;
    if exponent >= 0 {
        let up = exponent as u32;
        return (up < scaled.leading_zeros()).then(|| scaled << up);
    }
    let down = exponent.unsigned_abs();
    if down >= 64 {
        return None;
    }
    let (whole, rest, half) = (scaled >> down, scaled & ((1 << down) - 1), 1 << (down - 1));
    Some(whole + u64::from(rest > half || (rest == half && whole % 2 == 1)))
}

/// The shortest digits that read back to `mantissa × 2^exponent`, the closest to it when
/// several do (Steele and White's free-format algorithm on exact integers). `wide_below` is
/// false at the bottom of a binade, where the gap to the next smaller `f64` is half as wide.
fn shortest(mantissa: u64, exponent: i32, wide_below: bool) -> (Vec<u8>, i32) {
    // The bounds of what reads back to the value are inclusive when the mantissa is even
    // (reading rounds half to even).
    let inclusive = mantissa % 2 == 0;
    let narrow = mantissa == 1 << 52 && wide_below;
    // value = r / s; the bounds are (r - minus) / s and (r + plus) / s.
    let mut r = Big::from(mantissa);
    let mut s = Big::from(1);
    let mut plus = Big::from(1);
    let mut minus = Big::from(1);
    if exponent >= 0 {
        r.shl(exponent as usize);
        plus.shl(exponent as usize);
        minus.shl(exponent as usize);
    } else {
        s.shl((-exponent) as usize);
    }
    // Doubled so the half gaps are integers; twice again above a narrow gap below.
    r.shl(if narrow { 2 } else { 1 });
    s.shl(if narrow { 2 } else { 1 });
    if narrow {
        plus.shl(1);
    }
    let past = |r: &Big, plus: &Big, s: &Big| {
        let mut high = r.clone();
        high.add(plus);
        match high.cmp(s) {
            Ordering::Greater => true,
            Ordering::Equal => inclusive,
            Ordering::Less => false,
        }
    };
    // Scale so that the upper bound is just below 1.
    let mut point = 0;
    while past(&r, &plus, &s) {
        s.mul_small(10);
        point += 1;
    }
    loop {
        let mut r10 = r.clone();
        r10.mul_small(10);
        let mut plus10 = plus.clone();
        plus10.mul_small(10);
        if past(&r10, &plus10, &s) {
            break;
        }
        r = r10;
        plus = plus10;
        minus.mul_small(10);
        point -= 1;
    }
    let mut digits = Vec::new();
    loop {
        r.mul_small(10);
        plus.mul_small(10);
        minus.mul_small(10);
        let mut d = 0u8;
        while r.cmp(&s) != Ordering::Less {
            r.sub(&s);
            d += 1;
        }
        let low = match r.cmp(&minus) {
            Ordering::Less => true,
            Ordering::Equal => inclusive,
            Ordering::Greater => false,
        };
        let high = past(&r, &plus, &s);
        if !low && !high {
            digits.push(d);
            continue;
        }
        let up = if low && high {
            // Both end here: the closer one, up on a tie.
            let mut twice = r.clone();
            twice.shl(1);
            twice.cmp(&s) != Ordering::Less
        } else {
            high
        };
        digits.push(d + u8::from(up));
        break;
    }
    (digits, point)
}

/// A non-negative integer in base 2^32, least significant limb first, no leading zero limbs.
#[derive(Clone, PartialEq, Eq)]
struct Big(Vec<u32>);

impl Big {
    fn from(v: u64) -> Big {
        let mut b = Big(vec![v as u32, (v >> 32) as u32]);
        b.trim();
        b
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    fn mul_small(&mut self, m: u32) {
        let mut carry = 0u64;
        for limb in &mut self.0 {
            let x = u64::from(*limb) * u64::from(m) + carry;
            *limb = x as u32;
            carry = x >> 32;
        }
        if carry != 0 {
            self.0.push(carry as u32);
        }
    }

    fn shl(&mut self, n: usize) {
        if self.0.is_empty() {
            return;
        }
        let bits = n % 32;
        if bits != 0 {
            let mut carry = 0u32;
            for limb in &mut self.0 {
                let x = (u64::from(*limb) << bits) | u64::from(carry);
                *limb = x as u32;
                carry = (x >> 32) as u32;
            }
            if carry != 0 {
                self.0.push(carry);
            }
        }
        self.0.splice(0..0, std::iter::repeat_n(0, n / 32));
    }

    fn shr(&mut self, n: usize) {
        let words = (n / 32).min(self.0.len());
        self.0.drain(..words);
        let bits = n % 32;
        if bits != 0 {
            let mut carry = 0u32;
            for limb in self.0.iter_mut().rev() {
                let x = *limb;
                *limb = (x >> bits) | (carry << (32 - bits));
                carry = x;
            }
        }
        self.trim();
    }

    fn bit(&self, i: usize) -> bool {
        self.0
            .get(i / 32)
            .is_some_and(|limb| limb >> (i % 32) & 1 == 1)
    }

    fn add(&mut self, other: &Big) {
        if self.0.len() < other.0.len() {
            self.0.resize(other.0.len(), 0);
        }
        let mut carry = 0u64;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let x = u64::from(*limb) + u64::from(other.0.get(i).copied().unwrap_or(0)) + carry;
            *limb = x as u32;
            carry = x >> 32;
        }
        if carry != 0 {
            self.0.push(carry as u32);
        }
    }

    /// `self - other`, for `self >= other`.
    fn sub(&mut self, other: &Big) {
        let mut borrow = 0i64;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let x = i64::from(*limb) - i64::from(other.0.get(i).copied().unwrap_or(0)) - borrow;
            borrow = i64::from(x < 0);
            *limb = (x + (borrow << 32)) as u32;
        }
        self.trim();
    }

    fn cmp(&self, other: &Big) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }

    /// Decimal digits, most significant first; none for 0.
    fn decimal(mut self) -> Vec<u8> {
        let mut digits = Vec::new();
        while !self.0.is_empty() {
            let mut rem = 0u64;
            for limb in self.0.iter_mut().rev() {
                let x = rem << 32 | u64::from(*limb);
                *limb = (x / 10) as u32;
                rem = x % 10;
            }
            digits.push(rem as u8);
            self.trim();
        }
        digits.reverse();
        digits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn same(v: f64) {
        assert_eq!(Shortest(v).to_string(), format!("{v}"), "{{}} of {:e}", v);
        for p in 0..4 {
            assert_eq!(
                Fixed(v, p).to_string(),
                format!("{v:.p$}"),
                "{{:.{p}}} of {:e}",
                v
            );
        }
    }

    #[test]
    fn prints_special_values_as_std() {
        for v in [
            0.0,
            -0.0,
            f64::NAN,
            -f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MIN_POSITIVE,
            f64::MAX,
            f64::MIN,
            f64::EPSILON,
            5e-324,
            -5e-324,
            // The largest subnormal, and the bottom of a binade (a narrower gap below).
            f64::from_bits(0x000f_ffff_ffff_ffff),
            f64::from_bits(0x0020_0000_0000_0000),
            1e21,
            1e22,
            1e23,
            9007199254740993.0,
        ] {
            same(v);
        }
    }

    #[test]
    fn prints_figures_and_ties_as_std() {
        for v in [
            0.5,
            1.5,
            2.5,
            -0.5,
            0.25,
            0.125,
            0.375,
            1.05,
            2.675,
            0.05,
            0.005,
            0.0049,
            99.95,
            999.95,
            9.995,
            0.95,
            0.1,
            0.2,
            0.3,
            1.0 / 3.0,
            2.0 / 3.0,
            100.0,
            116.57,
            4.5,
            2.7,
            1024.0,
            1e-7,
            123456789.125,
            0.001,
            -0.001,
            -0.04,
            12.345,
            1234.5,
        ] {
            same(v);
        }
        for i in 0..20_000 {
            same(f64::from(i) / 100.0);
            same(f64::from(i) / 8.0);
            same(f64::from(i) * 0.05);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        #[test]
        fn any_bits_print_as_std(bits in any::<u64>()) {
            same(f64::from_bits(bits));
        }

        #[test]
        fn sizes_print_as_std(v in 0.0..1e7f64) {
            same(v);
        }

        #[test]
        fn coordinates_print_as_std(v in -1e5..1e5f64) {
            same(v);
        }

        /// Where the 64-bit path applies, it rounds exactly as the big-number one.
        #[test]
        fn narrow_and_wide_fixed_agree(mantissa in 1u64..1 << 53, exponent in -80i32..20, precision in 0usize..6) {
            if let Some(n) = fixed_narrow(mantissa, exponent, precision) {
                let (digits, _) = fixed_wide(mantissa, exponent, precision);
                let wide = digits.iter().fold(String::new(), |s, d| s + &d.to_string());
                prop_assert_eq!(if n == 0 { String::new() } else { n.to_string() }, wide);
            }
        }

        #[test]
        fn short_decimals_print_as_std(n in 0u64..10_000_000, scale in 0u32..8) {
            same(n as f64 / 10f64.powi(scale as i32));
        }
    }
}
