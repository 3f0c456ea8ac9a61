//! Decimal amounts without floating point, and the price-change ceiling.

/// Decimal places kept (Shopify money has at most 2–3; inputs are capped at 6).
const SCALE: u32 = 6;

/// `s` (`-`? digits, optionally `.` and up to 6 decimals) in millionths.
pub(crate) fn parse_micros(s: &str) -> Option<i128> {
    let (negative, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if int.is_empty()
        || int.len() > 18
        || frac.len() > SCALE as usize
        || (digits.contains('.') && frac.is_empty())
        || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let mut value: i128 = int.parse().ok()?;
    let mut frac_value: i128 = if frac.is_empty() {
        0
    } else {
        frac.parse().ok()?
    };
    for _ in frac.len()..SCALE as usize {
        frac_value *= 10;
    }
    value = value
        .checked_mul(10i128.pow(SCALE))?
        .checked_add(frac_value)?;
    Some(if negative { -value } else { value })
}

/// How a proposed price compares with the ceiling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ceiling {
    /// Within the ceiling (or no ceiling).
    Within,
    /// The change is larger than `max_pct` percent of the current price.
    Exceeded,
    /// The current price is zero (or unreadable), so no percentage can be computed.
    NoBase,
}

/// Checks that moving a price from `current` to `proposed` changes it by at most `max_pct`
/// percent of `current`, with exact integer arithmetic.
pub(crate) fn check_change(current: i128, proposed: i128, max_pct: u32) -> Ceiling {
    if current == proposed {
        return Ceiling::Within;
    }
    if current <= 0 {
        return Ceiling::NoBase;
    }
    let change = (proposed - current).abs();
    if change.saturating_mul(100) > current.saturating_mul(i128::from(max_pct)) {
        Ceiling::Exceeded
    } else {
        Ceiling::Within
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_decimals_exactly() {
        assert_eq!(parse_micros("19.99"), Some(19_990_000));
        assert_eq!(parse_micros("0"), Some(0));
        assert_eq!(parse_micros("7"), Some(7_000_000));
        assert_eq!(parse_micros("0.000001"), Some(1));
        assert_eq!(parse_micros("-1.5"), Some(-1_500_000));
        for bad in [
            "",
            ".5",
            "1.",
            "1.0000001",
            "1e3",
            "1,00",
            " 1",
            "--1",
            "NaN",
        ] {
            assert_eq!(parse_micros(bad), None, "{bad}");
        }
    }

    #[test]
    fn ceiling_is_exact_at_the_boundary() {
        let p = |s| parse_micros(s).unwrap();
        assert_eq!(check_change(p("100.00"), p("150.00"), 50), Ceiling::Within);
        assert_eq!(
            check_change(p("100.00"), p("150.01"), 50),
            Ceiling::Exceeded
        );
        assert_eq!(check_change(p("100.00"), p("50.00"), 50), Ceiling::Within);
        assert_eq!(check_change(p("100.00"), p("49.99"), 50), Ceiling::Exceeded);
        assert_eq!(check_change(p("19.99"), p("19.99"), 0), Ceiling::Within);
        assert_eq!(check_change(p("19.99"), p("20.00"), 0), Ceiling::Exceeded);
        assert_eq!(check_change(p("0.00"), p("1.00"), 50), Ceiling::NoBase);
        assert_eq!(check_change(p("0.00"), p("0.00"), 50), Ceiling::Within);
    }
}
