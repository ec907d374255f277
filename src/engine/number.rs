//! Decimal text to `f64` without `f64::from_str`, to keep the playground's wasm small.
//!
//! The standard parser is exact for every input, which costs a 10 KB table of powers of five
//! and its big-number code in the wasm (about 11 KB brotli). Sizes are short decimals, so this
//! parser is exact where they live (Clinger's fast path: up to 15 significant digits and a
//! decimal exponent within ±22 give the correctly rounded value, the same bits as
//! `str::parse::<f64>`), and within a few units in the last place beyond that. It accepts the
//! same text as `str::parse::<f64>`: an optional sign, digits with an optional point, an
//! optional exponent, or `inf`, `infinity`, `nan` in any case.

mod print;
pub use print::{Fixed, Shortest};

/// The powers of ten an `f64` holds exactly.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Reads `text` as a decimal number; `None` when it is not one (as `str::parse::<f64>` errs).
pub fn parse_f64(text: &str) -> Option<f64> {
    let (negative, rest) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let magnitude = if ["inf", "infinity"]
        .iter()
        .any(|w| rest.eq_ignore_ascii_case(w))
    {
        f64::INFINITY
    } else if rest.eq_ignore_ascii_case("nan") {
        f64::NAN
    } else {
        decimal(rest.as_bytes())?
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// `digits[.digits][(e|E)[sign]digits]`, at least one mantissa digit.
fn decimal(bytes: &[u8]) -> Option<f64> {
    let mut mantissa: u64 = 0;
    let mut significant = 0u32;
    // The decimal exponent the digits kept so far stand at.
    let mut exponent: i64 = 0;
    let mut digits = 0usize;
    let mut seen_point = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b @ b'0'..=b'9' => {
                digits += 1;
                if significant < 19 {
                    if mantissa != 0 || b != b'0' {
                        significant += 1;
                    }
                    mantissa = mantissa * 10 + u64::from(b - b'0');
                    if seen_point {
                        exponent -= 1;
                    }
                } else if !seen_point {
                    // A digit past what a u64 holds: dropped, but it still scales the number.
                    exponent += 1;
                }
            }
            b'.' if !seen_point => seen_point = true,
            _ => break,
        }
        i += 1;
    }
    if digits == 0 {
        return None;
    }
    if i < bytes.len() {
        if !matches!(bytes[i], b'e' | b'E') {
            return None;
        }
        i += 1;
        let negative = match bytes.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        if i == bytes.len() {
            return None;
        }
        let mut written: i64 = 0;
        for &b in &bytes[i..] {
            if !b.is_ascii_digit() {
                return None;
            }
            // Saturates: anything this large is 0 or infinite anyway.
            written = (written * 10 + i64::from(b - b'0')).min(1 << 40);
        }
        exponent += if negative { -written } else { written };
    }
    Some(scale(mantissa, exponent))
}

/// `mantissa * 10^exponent`, correctly rounded when both factors are exact.
fn scale(mantissa: u64, exponent: i64) -> f64 {
    if mantissa == 0 {
        return 0.0;
    }
    let m = mantissa as f64;
    if mantissa <= 1 << 53 && exponent.abs() <= 22 {
        let p = POW10[exponent.unsigned_abs() as usize];
        return if exponent >= 0 { m * p } else { m / p };
    }
    // Outside the exact range: scale in steps that stay within f64's exponents.
    let mut value = m;
    let mut e = exponent.clamp(-400, 400);
    while e > 0 {
        let step = e.min(22);
        value *= POW10[step as usize];
        e -= step;
    }
    while e < 0 {
        let step = (-e).min(22);
        value /= POW10[step as usize];
        e += step;
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn std_parse(text: &str) -> Option<f64> {
        text.parse::<f64>().ok()
    }

    #[test]
    fn accepts_and_rejects_what_the_standard_parser_does() {
        let cases = [
            "0",
            "1",
            "12",
            "116.57",
            "2.7",
            ".5",
            "5.",
            "+3",
            "-0.25",
            "1e3",
            "1E-3",
            "2.5e+2",
            "007",
            "0.000",
            "inf",
            "-Infinity",
            "NaN",
            "",
            ".",
            "-",
            "+",
            "e5",
            "1e",
            "1e+",
            "1.2.3",
            "1,5",
            " 1",
            "1 ",
            "12mb",
            "0x10",
            "1_000",
            "--1",
            "+-1",
            "in",
            "nanx",
        ];
        for text in cases {
            let (ours, std) = (parse_f64(text), std_parse(text));
            match (ours, std) {
                (Some(a), Some(b)) if a.is_nan() => assert!(b.is_nan(), "{text}"),
                _ => assert_eq!(ours, std, "{text}"),
            }
        }
    }

    #[test]
    fn exact_for_short_decimals() {
        // Pseudo-random decimals of up to 15 significant digits with a point anywhere.
        let mut seed = 0x2545_f491u64;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let digits = (seed % 15 + 1) as usize;
            let number = (seed >> 8) % 10u64.pow(digits as u32);
            let mut text = format!("{number:0digits$}");
            let point = (seed >> 60) as usize % (digits + 1);
            text.insert(point, '.');
            if seed & 1 == 0 {
                text.push_str(&format!("e{}", (seed >> 4) % 15));
            }
            assert_eq!(parse_f64(&text), std_parse(&text), "{text}");
        }
    }

    #[test]
    fn close_beyond_the_exact_range() {
        for text in [
            "123456789012345678901234567890",
            "0.1234567890123456789",
            "1e300",
            "1e-300",
            "9.87654321e-30",
            "1e400",
            "1e-400",
            "1e99999999999999999999",
        ] {
            let (ours, std) = (parse_f64(text).unwrap(), std_parse(text).unwrap());
            if std == 0.0 || std.is_infinite() {
                assert_eq!(ours, std, "{text}");
            } else {
                assert!(
                    ((ours - std) / std).abs() < 1e-14,
                    "{text}: {ours} vs {std}"
                );
            }
        }
    }
}
