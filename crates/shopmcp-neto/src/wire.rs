//! Neto's JSON conventions, parsed strictly: the `Ack` envelope with its `Messages`, lists
//! that arrive as one object or many, and numbers, booleans and dates that arrive as strings.
//!
//! Every deserializer here fails on a value it does not understand ("abc" where a number is
//! due): the failure becomes shopmcp-http's "malformed response" error, never a silent 0.
//! Error texts never quote the value.

use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// The `Ack` of every answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub(crate) enum Ack {
    /// The action succeeded.
    Success,
    /// The action succeeded with warnings in `Messages.Warning`.
    Warning,
    /// The action failed; the reasons are in `Messages.Error` (with HTTP 200).
    Error,
}

/// The part of every answer that says whether it worked.
#[derive(Debug, Deserialize)]
pub(crate) struct Envelope {
    #[serde(rename = "Ack")]
    pub(crate) ack: Ack,
    #[serde(rename = "Messages", default)]
    pub(crate) messages: Value,
}

/// Most messages kept from one answer.
const MAX_MESSAGES: usize = 5;
/// Most characters kept of one message.
const MAX_MESSAGE_CHARS: usize = 200;

impl Envelope {
    /// The `Message` texts of `Messages.<kind>` (`Error` or `Warning`), whether Neto sent one
    /// object or an array, cleaned and cut to size.
    pub(crate) fn texts(&self, kind: &str) -> Vec<String> {
        let mut out = Vec::new();
        let groups: Vec<&Value> = match &self.messages {
            Value::Array(items) => items.iter().collect(),
            other => vec![other],
        };
        for group in groups {
            match group.get(kind) {
                Some(Value::Array(entries)) => out.extend(entries.iter().filter_map(entry_text)),
                Some(entry) => out.extend(entry_text(entry)),
                None => {}
            }
        }
        out.truncate(MAX_MESSAGES);
        out
    }
}

fn entry_text(entry: &Value) -> Option<String> {
    let text = match entry {
        Value::String(s) => s.clone(),
        Value::Object(o) => {
            let message = o.get("Message").and_then(Value::as_str).unwrap_or_default();
            let description = o
                .get("Description")
                .and_then(Value::as_str)
                .unwrap_or_default();
            match (message.is_empty(), description.is_empty()) {
                (false, true) => message.to_owned(),
                (true, false) => description.to_owned(),
                (false, false) if message == description => message.to_owned(),
                (false, false) => format!("{message} ({description})"),
                (true, true) => return None,
            }
        }
        _ => return None,
    };
    // Store texts may quote a customer's contact details: never shown.
    let clean = clean_text(
        &shopmcp_core::redact::contact_details(&text),
        MAX_MESSAGE_CHARS,
    );
    (!clean.is_empty()).then_some(clean)
}

/// Keeps printable text: control, bidi and zero-width characters become spaces, runs of
/// white space collapse, and the result is cut to `max` characters.
pub(crate) fn clean_text(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max * 4));
    let mut count = 0usize;
    let mut pending_space = false;
    for c in text.chars() {
        let invisible = c.is_control()
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}');
        if invisible || c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if count >= max {
            out.push('…');
            return out;
        }
        if pending_space {
            out.push(' ');
            count += 1;
            pending_space = false;
        }
        out.push(c);
        count += 1;
    }
    out
}

fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// `-?digits(.digits)?`: what Neto sends for money, weights and quantities.
pub(crate) fn is_decimal(s: &str) -> bool {
    let body = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    digits(int) && frac.is_none_or(digits)
}

/// A decimal sent as a string (or a JSON number); blank means absent.
pub(crate) fn decimal_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let v = Value::deserialize(d)?;
    if is_blank(&v) {
        return Ok(None);
    }
    let text = match &v {
        Value::String(s) => s.trim().to_owned(),
        Value::Number(n) => n.to_string(),
        _ => return Err(D::Error::custom("expected a decimal")),
    };
    if is_decimal(&text) {
        Ok(Some(text))
    } else {
        Err(D::Error::custom("expected a decimal"))
    }
}

/// An integer sent as a string (or a JSON integer); blank means absent.
pub(crate) fn int_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    let v = Value::deserialize(d)?;
    if is_blank(&v) {
        return Ok(None);
    }
    let parsed = match &v {
        Value::String(s) => {
            let t = s.trim();
            let digits = t.strip_prefix('-').unwrap_or(t);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                None
            } else {
                t.parse::<i64>().ok()
            }
        }
        Value::Number(n) => n.as_i64(),
        _ => None,
    };
    parsed
        .map(Some)
        .ok_or_else(|| D::Error::custom("expected an integer"))
}

/// A boolean sent as `True`/`False` (any case), `1`/`0` or a JSON boolean; blank means absent.
pub(crate) fn bool_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    let v = Value::deserialize(d)?;
    if is_blank(&v) {
        return Ok(None);
    }
    match &v {
        Value::Bool(b) => Ok(Some(*b)),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "1" => Ok(Some(true)),
            "false" | "0" => Ok(Some(false)),
            _ => Err(D::Error::custom("expected a boolean")),
        },
        Value::Number(n) => match n.as_u64() {
            Some(1) => Ok(Some(true)),
            Some(0) => Ok(Some(false)),
            _ => Err(D::Error::custom("expected a boolean")),
        },
        _ => Err(D::Error::custom("expected a boolean")),
    }
}

/// Text, or an identifier Neto may send as a number; blank means absent.
pub(crate) fn text_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let v = Value::deserialize(d)?;
    if is_blank(&v) {
        return Ok(None);
    }
    match v {
        Value::String(s) => Ok(Some(s)),
        Value::Number(n) => Ok(Some(n.to_string())),
        _ => Err(D::Error::custom("expected text")),
    }
}

/// A date as Neto writes it (`YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`, kept as sent); blank and
/// the zero date `0000-00-00…` mean absent.
pub(crate) fn date_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let v = Value::deserialize(d)?;
    if is_blank(&v) {
        return Ok(None);
    }
    let Value::String(s) = v else {
        return Err(D::Error::custom("expected a date"));
    };
    if s.starts_with("0000-00-00") {
        return Ok(None);
    }
    if is_neto_date(&s) {
        Ok(Some(s))
    } else {
        Err(D::Error::custom("expected a date"))
    }
}

fn is_neto_date(s: &str) -> bool {
    let shape = |t: &str, pattern: &str| {
        t.len() == pattern.len()
            && t.bytes().zip(pattern.bytes()).all(|(c, p)| match p {
                b'9' => c.is_ascii_digit(),
                other => c == other,
            })
    };
    shape(s, "9999-99-99") || shape(s, "9999-99-99 99:99:99")
}

/// A list Neto sends as an array, a single object, or nothing (`null`, `""`).
pub(crate) fn one_or_many<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    let v = Value::deserialize(d)?;
    let items = match v {
        Value::Array(items) => items,
        Value::Object(_) => vec![v],
        ref blank if is_blank(blank) => Vec::new(),
        _ => return Err(D::Error::custom("expected a list")),
    };
    items
        .into_iter()
        .map(|item| serde_json::from_value(item).map_err(|_| D::Error::custom("bad list item")))
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Row {
        #[serde(default, deserialize_with = "decimal_opt")]
        price: Option<String>,
        #[serde(default, deserialize_with = "int_opt")]
        qty: Option<i64>,
        #[serde(default, deserialize_with = "bool_opt")]
        on: Option<bool>,
        #[serde(default, deserialize_with = "date_opt")]
        at: Option<String>,
        #[serde(default, deserialize_with = "text_opt")]
        id: Option<String>,
    }

    fn row(v: Value) -> Result<Row, serde_json::Error> {
        serde_json::from_value(v)
    }

    #[test]
    fn strings_parse_strictly() {
        let r = row(json!({"price": "12.50", "qty": "-3", "on": "True", "at": "2026-11-21 10:49:40", "id": 31673}))
            .unwrap();
        assert_eq!(r.price.as_deref(), Some("12.50"));
        assert_eq!(r.qty, Some(-3));
        assert_eq!(r.on, Some(true));
        assert_eq!(r.at.as_deref(), Some("2026-11-21 10:49:40"));
        assert_eq!(r.id.as_deref(), Some("31673"));
        let blank =
            row(json!({"price": "", "qty": "", "on": "", "at": "0000-00-00 00:00:00", "id": ""}))
                .unwrap();
        assert_eq!(
            blank,
            Row {
                price: None,
                qty: None,
                on: None,
                at: None,
                id: None
            }
        );
        assert_eq!(row(json!({})).unwrap(), blank);
    }

    #[test]
    fn garbage_is_an_error_never_zero() {
        for bad in [
            json!({"price": "abc"}),
            json!({"price": "1e5"}),
            json!({"price": "12."}),
            json!({"price": true}),
            json!({"qty": "1.5"}),
            json!({"qty": "ten"}),
            json!({"qty": 1.5}),
            json!({"on": "maybe"}),
            json!({"on": 2}),
            json!({"at": "21/11/2026"}),
            json!({"at": 20261121}),
            json!({"id": {"x": 1}}),
        ] {
            let err = row(bad.clone()).unwrap_err();
            assert!(!err.to_string().contains("abc"), "{err}");
        }
    }

    #[test]
    fn lists_come_as_one_or_many() {
        #[derive(Debug, Deserialize)]
        struct L {
            #[serde(default, deserialize_with = "one_or_many")]
            items: Vec<Row>,
        }
        let one: L = serde_json::from_value(json!({"items": {"qty": "1"}})).unwrap();
        assert_eq!(one.items.len(), 1);
        let many: L =
            serde_json::from_value(json!({"items": [{"qty": "1"}, {"qty": "2"}]})).unwrap();
        assert_eq!(many.items.len(), 2);
        let none: L = serde_json::from_value(json!({"items": ""})).unwrap();
        assert!(none.items.is_empty());
        assert!(serde_json::from_value::<L>(json!({"items": 7})).is_err());
        assert!(serde_json::from_value::<L>(json!({"items": [{"qty": "x"}]})).is_err());
    }

    #[test]
    fn messages_single_or_array() {
        let single: Envelope = serde_json::from_value(json!({
            "Ack": "Error",
            "Messages": {"Error": {"Message": "SKU not found", "SeverityCode": "Error", "Description": "SKU not found"}}
        }))
        .unwrap();
        assert_eq!(single.ack, Ack::Error);
        assert_eq!(single.texts("Error"), ["SKU not found"]);
        let many: Envelope = serde_json::from_value(json!({
            "Ack": "Warning",
            "Messages": {"Warning": [{"Message": "a\u{202E}b\n c"}, {"Message": "x".repeat(500)}]}
        }))
        .unwrap();
        let texts = many.texts("Warning");
        assert_eq!(texts.first().map(String::as_str), Some("a b c"));
        assert_eq!(texts.get(1).map(|t| t.chars().count()), Some(201));
        assert!(many.texts("Error").is_empty());
        assert!(serde_json::from_value::<Envelope>(json!({"Ack": "Maybe"})).is_err());
        assert!(serde_json::from_value::<Envelope>(json!({"Item": []})).is_err());
    }
}
