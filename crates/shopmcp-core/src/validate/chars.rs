//! Character rules for strings: controls, bidi controls, zero-width characters.

use super::schema::TextClass;

/// Why a character is refused, or `None` when it is allowed in `class`.
pub(crate) fn refusal(c: char, class: TextClass) -> Option<&'static str> {
    let cp = u32::from(c);
    match cp {
        0x09 | 0x0A | 0x0D if class == TextClass::FreeText => None,
        0x00..=0x1F => Some("control character"),
        0x7F => Some("delete character"),
        0x80..=0x9F => Some("C1 control character"),
        _ if class == TextClass::FreeText => None,
        0x202A..=0x202E | 0x2066..=0x2069 | 0x200E | 0x200F | 0x061C => {
            Some("bidirectional control character")
        }
        0x200B..=0x200D | 0x2060 | 0xFEFF | 0x180E | 0x2028 | 0x2029 => {
            Some("zero-width or invisible separator")
        }
        _ => None,
    }
}

/// The first refused character of `s`, with its reason.
pub(crate) fn first_refused(s: &str, class: TextClass) -> Option<(char, &'static str)> {
    // Fast path: printable ASCII is always allowed.
    if s.bytes().all(|b| (0x20..0x7F).contains(&b)) {
        return None;
    }
    s.chars().find_map(|c| refusal(c, class).map(|r| (c, r)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        use TextClass::*;
        assert_eq!(first_refused("plain sku-1", Identifier), None);
        assert!(first_refused("a\tb", Identifier).is_some());
        assert_eq!(first_refused("a\tb\nc\r", FreeText), None);
        assert!(first_refused("a\u{0}b", FreeText).is_some());
        assert!(first_refused("a\u{7f}", FreeText).is_some());
        assert!(first_refused("a\u{85}", FreeText).is_some());
        assert!(first_refused("ab\u{202E}c", Identifier).is_some());
        assert!(first_refused("ab\u{2066}c", Identifier).is_some());
        assert!(first_refused("ab\u{200B}c", Identifier).is_some());
        assert!(first_refused("ab\u{FEFF}c", Identifier).is_some());
        assert_eq!(first_refused("مرحبا\u{200F}", FreeText), None);
        assert_eq!(first_refused("Größe 42 — café", Identifier), None);
    }
}
