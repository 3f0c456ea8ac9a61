//! String formats checked without a regex engine.

use super::schema::StringFormat;

fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.get(4) == Some(&b'-')
        && b.get(7) == Some(&b'-')
        && digits(s.get(0..4).unwrap_or(""))
        && s.get(5..7)
            .and_then(|m| m.parse::<u8>().ok())
            .is_some_and(|m| (1..=12).contains(&m))
        && s.get(8..10)
            .and_then(|d| d.parse::<u8>().ok())
            .is_some_and(|d| (1..=31).contains(&d))
}

fn time_with_offset(s: &str) -> bool {
    // hh:mm:ss[.frac](Z|±hh:mm)
    let (hms, rest) = match (s.get(0..8), s.get(8..)) {
        (Some(h), Some(r)) => (h, r),
        _ => return false,
    };
    let hb = hms.as_bytes();
    let hms_ok = hb.get(2) == Some(&b':')
        && hb.get(5) == Some(&b':')
        && hms
            .get(0..2)
            .and_then(|h| h.parse::<u8>().ok())
            .is_some_and(|h| h < 24)
        && hms
            .get(3..5)
            .and_then(|m| m.parse::<u8>().ok())
            .is_some_and(|m| m < 60)
        && hms
            .get(6..8)
            .and_then(|x| x.parse::<u8>().ok())
            .is_some_and(|x| x <= 60);
    if !hms_ok {
        return false;
    }
    let rest = match rest.strip_prefix('.') {
        Some(frac) => {
            let n = frac.bytes().take_while(u8::is_ascii_digit).count();
            if n == 0 || n > 9 {
                return false;
            }
            frac.get(n..).unwrap_or("")
        }
        None => rest,
    };
    if rest == "Z" || rest == "z" {
        return true;
    }
    let rb = rest.as_bytes();
    rb.len() == 6
        && matches!(rb.first(), Some(b'+' | b'-'))
        && rb.get(3) == Some(&b':')
        && rest
            .get(1..3)
            .and_then(|h| h.parse::<u8>().ok())
            .is_some_and(|h| h < 24)
        && rest
            .get(4..6)
            .and_then(|m| m.parse::<u8>().ok())
            .is_some_and(|m| m < 60)
}

fn decimal(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    digits(int) && int.len() <= 15 && frac.is_none_or(|f| digits(f) && f.len() <= 6)
}

fn uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// `Ok` when `s` has the format, else what was expected.
pub(crate) fn check_format(f: StringFormat, s: &str) -> Result<(), &'static str> {
    let ok = match f {
        StringFormat::Decimal => decimal(s),
        StringFormat::Date => date(s),
        StringFormat::DateTime => s
            .split_once(['T', 't'])
            .is_some_and(|(d, t)| date(d) && time_with_offset(t)),
        StringFormat::Uuid => uuid(s),
    };
    if ok {
        Ok(())
    } else {
        Err(match f {
            StringFormat::Decimal => "a decimal amount such as \"19.99\"",
            StringFormat::Date => "a date such as \"2026-11-21\"",
            StringFormat::DateTime => "an RFC 3339 date-time such as \"2026-11-21T10:00:00Z\"",
            StringFormat::Uuid => "a UUID",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert!(check_format(StringFormat::Decimal, "19.99").is_ok());
        assert!(check_format(StringFormat::Decimal, "-0.5").is_ok());
        assert!(check_format(StringFormat::Decimal, "1e3").is_err());
        assert!(check_format(StringFormat::Decimal, "1.").is_err());
        assert!(check_format(StringFormat::Decimal, "").is_err());
        assert!(check_format(StringFormat::Date, "2026-11-21").is_ok());
        assert!(check_format(StringFormat::Date, "2026-13-01").is_err());
        assert!(check_format(StringFormat::DateTime, "2026-11-21T10:00:00Z").is_ok());
        assert!(check_format(StringFormat::DateTime, "2026-11-21T10:00:00.123+02:00").is_ok());
        assert!(check_format(StringFormat::DateTime, "2026-11-21 10:00").is_err());
        assert!(check_format(StringFormat::Uuid, "7d8e3c4a-1b2c-4d5e-8f90-a1b2c3d4e5f6").is_ok());
        assert!(check_format(StringFormat::Uuid, "not-a-uuid").is_err());
    }
}
