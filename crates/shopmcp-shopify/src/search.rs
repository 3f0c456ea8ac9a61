//! Shopify search-syntax strings (`query:` arguments), built from enumerated filters only.
//!
//! Field names are `&'static str` constants written in this crate; the model supplies values
//! only, and every value is a double-quoted string with `\` and `"` escaped, so a value can
//! never add a term, a connective (`OR`), a modifier (`-`, `NOT`) or a field of its own.
//! Free-text search words are quoted one by one the same way.

/// A comparison in a filter term.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cmp {
    /// `field:>=value`
    AtLeast,
    /// `field:<=value`
    AtMost,
}

/// A search string under construction: terms joined by spaces (an implicit `AND`).
#[derive(Debug, Default)]
pub(crate) struct Search {
    terms: Vec<String>,
}

/// `value` as a double-quoted search value.
pub(crate) fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '\\' | '"' => {
                out.push('\\');
                out.push(c);
            }
            // Line breaks and other controls end terms in the grammar: make them spaces.
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl Search {
    /// An empty search.
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// `field:"value"`, when `value` is given.
    pub(crate) fn eq(mut self, field: &'static str, value: Option<&str>) -> Self {
        if let Some(v) = value {
            self.terms.push(format!("{field}:{}", quote(v)));
        }
        self
    }

    /// `field:>="value"` or `field:<="value"`, when `value` is given.
    pub(crate) fn cmp(mut self, field: &'static str, cmp: Cmp, value: Option<&str>) -> Self {
        if let Some(v) = value {
            let op = match cmp {
                Cmp::AtLeast => ">=",
                Cmp::AtMost => "<=",
            };
            self.terms.push(format!("{field}:{op}{}", quote(v)));
        }
        self
    }

    /// Free-text words, each quoted on its own (all must match).
    pub(crate) fn words(mut self, text: Option<&str>) -> Self {
        if let Some(text) = text {
            self.terms
                .extend(text.split_whitespace().take(20).map(quote));
        }
        self
    }

    /// The search string, or `None` when no filter was given.
    pub(crate) fn build(self) -> Option<String> {
        (!self.terms.is_empty()).then(|| self.terms.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn terms_are_quoted_and_escaped() {
        let q = Search::new()
            .eq("status", Some("open"))
            .eq("tag", None)
            .cmp("created_at", Cmp::AtLeast, Some("2026-01-01T00:00:00Z"))
            .cmp("created_at", Cmp::AtMost, Some("2026-02-01T00:00:00Z"))
            .words(Some("green  hoodie"))
            .build()
            .unwrap();
        assert_eq!(
            q,
            r#"status:"open" created_at:>="2026-01-01T00:00:00Z" created_at:<="2026-02-01T00:00:00Z" "green" "hoodie""#
        );
        assert_eq!(Search::new().eq("tag", None).build(), None);
        assert_eq!(Search::new().words(Some("   ")).build(), None);
    }

    #[test]
    fn injection_attempts_stay_inside_one_value() {
        let q = Search::new()
            .eq("tag", Some(r#"vip" OR status:"any"#))
            .build()
            .unwrap();
        assert_eq!(q, r#"tag:"vip\" OR status:\"any""#);
        let q = Search::new().eq("sku", Some("a\\\" -x")).build().unwrap();
        assert_eq!(q, r#"sku:"a\\\" -x""#);
        let q = Search::new().eq("sku", Some("a\nOR b")).build().unwrap();
        assert_eq!(q, r#"sku:"a OR b""#);
        let q = Search::new().words(Some(r#"x" OR "y"#)).build().unwrap();
        assert_eq!(q, r#""x\"" "OR" "\"y""#);
    }

    /// Reads one quoted value back the way Shopify's grammar does.
    fn unquote(s: &str) -> Option<(String, &str)> {
        let mut chars = s.strip_prefix('"')?.char_indices();
        let mut out = String::new();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => out.push(chars.next()?.1),
                '"' => return Some((out, s.get(i + 2..)?)),
                c => out.push(c),
            }
        }
        None
    }

    proptest! {
        #[test]
        fn any_value_round_trips_as_one_term(v in "\\PC{0,40}") {
            let q = Search::new().eq("tag", Some(&v)).build().unwrap();
            let rest = q.strip_prefix("tag:").unwrap();
            let (value, tail) = unquote(rest).unwrap();
            prop_assert_eq!(value, v);
            prop_assert_eq!(tail, "");
        }
    }
}
