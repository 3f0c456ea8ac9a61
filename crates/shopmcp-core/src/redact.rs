//! Redaction of personal contact details from upstream text before it reaches a message.
//!
//! Some stores explain a refusal in words (`"email jane@example.com is already taken"`,
//! `"phone +61 400 000 000 is invalid"`). Platform crates that show such text to the model
//! pass it through [`contact_details`] first, so an error message never carries a customer's
//! e-mail address or phone number.

/// What replaces an e-mail address.
pub const EMAIL_PLACEHOLDER: &str = "[email]";
/// What replaces a phone number.
pub const PHONE_PLACEHOLDER: &str = "[phone]";

/// `text` with every e-mail address replaced by [`EMAIL_PLACEHOLDER`] and every phone number
/// by [`PHONE_PLACEHOLDER`].
///
/// An e-mail address is `local@domain` with a dot in the domain. A phone number is a run of
/// digits and separators (space, `-`, `.`, parentheses) with at least 8 digits that starts with
/// `+` or has a separator inside (plain digit runs are identifiers, such as order numbers, and
/// `YYYY-MM-DD` dates are kept).
///
/// ```
/// use shopmcp_core::redact::contact_details;
/// assert_eq!(
///     contact_details("email jane.doe@example.com or +61 400 000 123 (order 450789469, 2026-11-21)"),
///     "email [email] or [phone] (order 450789469, 2026-11-21)"
/// );
/// ```
pub fn contact_details(text: &str) -> String {
    phones(&emails(text))
}

fn is_local(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-' | '\'')
}

fn is_domain(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '-')
}

fn emails(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let span = |from: usize, to: usize| chars.get(from..to).unwrap_or_default().iter();
    let mut out = String::with_capacity(text.len());
    // `chars[..copied]` is already in `out`.
    let mut copied = 0;
    let mut i = 0;
    while i < chars.len() {
        if chars.get(i) != Some(&'@') {
            i += 1;
            continue;
        }
        let at = i;
        let mut start = at;
        while start > copied && chars.get(start - 1).is_some_and(|c| is_local(*c)) {
            start -= 1;
        }
        let mut end = at + 1;
        while chars.get(end).is_some_and(|c| is_domain(*c)) {
            end += 1;
        }
        // A trailing dot ends the sentence, not the domain.
        while end > at + 1 && chars.get(end - 1) == Some(&'.') {
            end -= 1;
        }
        if start < at && span(at + 1, end).any(|c| *c == '.') {
            out.extend(span(copied, start));
            out.push_str(EMAIL_PLACEHOLDER);
            copied = end;
            i = end;
        } else {
            i = at + 1;
        }
    }
    out.extend(span(copied, chars.len()));
    out
}

fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '-' | '.' | '(' | ')')
}

fn phones(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars.get(i).copied().unwrap_or_default();
        let after_word = i > 0 && chars.get(i - 1).is_some_and(|p| p.is_alphanumeric());
        let starts = !after_word
            && (c.is_ascii_digit()
                || (matches!(c, '+' | '(') && chars.get(i + 1).is_some_and(char::is_ascii_digit)));
        if !starts {
            out.push(c);
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while chars
            .get(end)
            .is_some_and(|c| c.is_ascii_digit() || is_separator(*c))
        {
            end += 1;
        }
        // Trailing separators belong to the sentence.
        while end > i && chars.get(end - 1).is_some_and(|c| is_separator(*c)) {
            end -= 1;
        }
        let run: String = chars.get(i..end).unwrap_or_default().iter().collect();
        let digits = run.chars().filter(char::is_ascii_digit).count();
        let separated = run.chars().any(is_separator);
        let followed_by_word = chars.get(end).is_some_and(|c| c.is_alphanumeric());
        if digits >= 8 && (c == '+' || separated) && !is_date(&run) && !followed_by_word {
            out.push_str(PHONE_PLACEHOLDER);
        } else {
            out.push_str(&run);
        }
        i = end.max(i + 1);
    }
    out
}

/// Whether `run` starts with a `YYYY-MM-DD` date.
fn is_date(run: &str) -> bool {
    let b = run.as_bytes();
    b.len() >= 10
        && b.get(..4).is_some_and(|y| y.iter().all(u8::is_ascii_digit))
        && b.get(4) == Some(&b'-')
        && b.get(5..7)
            .is_some_and(|m| m.iter().all(u8::is_ascii_digit))
        && b.get(7) == Some(&b'-')
        && b.get(8..10)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
}

#[cfg(test)]
mod tests {
    use super::contact_details;

    #[test]
    fn emails_and_phones_are_replaced() {
        for (input, expected) in [
            ("pii-3@leak.example", "[email]"),
            ("Email jane@example.com.", "Email [email]."),
            ("a@b", "a@b"),
            ("@handle and x@", "@handle and x@"),
            ("call 0400 000 000 now", "call [phone] now"),
            ("+61 400 000 123", "[phone]"),
            ("(02) 9999-1234", "[phone]"),
            (
                "order 450789469 and sku 12345678",
                "order 450789469 and sku 12345678",
            ),
            ("on 2026-11-21 10:00:00", "on 2026-11-21 10:00:00"),
            ("price 1.50, qty 3", "price 1.50, qty 3"),
            (
                "token abc123 for jo@x.io (phone +1 555 010 9999)",
                "token abc123 for [email] (phone [phone])",
            ),
        ] {
            assert_eq!(contact_details(input), expected, "{input}");
        }
    }
}
