//! Keys injected into a valid argument object, and the raw JSON text that carries them.

use std::fmt::Write as _;

use serde_json::Value;
use shopmcp_testkit::RecordedRequest;

/// Upstream field names that no write tool accepts where they are injected (any that a
/// location does accept is skipped there): identities, ownership, money, state and
/// notification switches across the four platforms.
pub(crate) const NOT_ACCEPTED: &[&str] = &[
    "sku",
    "email",
    "customer_id",
    "customer_group_id",
    "status",
    "status_id",
    "price",
    "cost",
    "cost_price",
    "store_id",
    "website_id",
    "attribute_set_id",
    "custom_attributes",
    "extension_attributes",
    "entity_id",
    "parent_id",
    "tags",
    "metafields",
    "financial_status",
    "total_price",
    "amount",
    "currency",
    "notify_customer",
    "send_receipt",
    "is_customer_notified",
    "is_visible_on_front",
    "inventory_item_id",
    "location_id",
    "tax_exempt",
    "accepts_marketing",
    "date_modified",
    "UserGroup",
    "Approved",
];

/// How an injected name is spelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Spelling {
    Exact,
    Upper,
    Camel,
    Fullwidth,
    Cyrillic,
    ZeroWidth,
}

impl Spelling {
    pub(crate) const ALL: [Spelling; 6] = [
        Spelling::Exact,
        Spelling::Upper,
        Spelling::Camel,
        Spelling::Fullwidth,
        Spelling::Cyrillic,
        Spelling::ZeroWidth,
    ];

    /// `name` in this spelling.
    pub(crate) fn apply(self, name: &str) -> String {
        match self {
            Self::Exact => name.to_owned(),
            Self::Upper => name.to_uppercase(),
            Self::Camel => name
                .split('_')
                .enumerate()
                .map(|(i, part)| {
                    let mut chars = part.chars();
                    match chars.next() {
                        Some(first) if i > 0 => first.to_uppercase().chain(chars).collect(),
                        Some(first) => std::iter::once(first).chain(chars).collect(),
                        None => String::new(),
                    }
                })
                .collect(),
            Self::Fullwidth => name
                .chars()
                .map(|c| {
                    if c.is_ascii_graphic() {
                        char::from_u32(u32::from(c) + 0xFEE0).unwrap_or(c)
                    } else {
                        c
                    }
                })
                .collect(),
            Self::Cyrillic => {
                let mut done = false;
                name.chars()
                    .map(|c| {
                        let swapped = match c {
                            'a' => Some('\u{0430}'),
                            'e' => Some('\u{0435}'),
                            'o' => Some('\u{043E}'),
                            'p' => Some('\u{0440}'),
                            'c' => Some('\u{0441}'),
                            'x' => Some('\u{0445}'),
                            'i' => Some('\u{0456}'),
                            _ => None,
                        };
                        match swapped {
                            Some(s) if !done => {
                                done = true;
                                s
                            }
                            _ => c,
                        }
                    })
                    .collect()
            }
            Self::ZeroWidth => {
                let mut chars = name.chars();
                let first: String = chars.next().into_iter().collect();
                format!("{first}\u{200B}{}", chars.as_str())
            }
        }
    }
}

/// One step of a path to an object inside the arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Seg {
    Key(String),
    Index(usize),
}

/// Every object inside `value` (the root first), as paths: nested objects and the items of
/// arrays.
pub(crate) fn object_paths(value: &Value) -> Vec<Vec<Seg>> {
    let mut out = Vec::new();
    collect(value, &mut Vec::new(), &mut out);
    out
}

fn collect(value: &Value, at: &mut Vec<Seg>, out: &mut Vec<Vec<Seg>>) {
    match value {
        Value::Object(map) => {
            out.push(at.clone());
            for (k, v) in map {
                at.push(Seg::Key(k.clone()));
                collect(v, at, out);
                at.pop();
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                at.push(Seg::Index(i));
                collect(v, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

/// The object at `path`.
pub(crate) fn object_at<'a>(value: &'a Value, path: &[Seg]) -> &'a serde_json::Map<String, Value> {
    let mut v = value;
    for seg in path {
        v = match seg {
            Seg::Key(k) => &v[k.as_str()],
            Seg::Index(i) => &v[*i],
        };
    }
    v.as_object().unwrap()
}

/// The JSON text of `value` with one more `"key": extra` pair at the end of the object at
/// `path`: a new key, or a second occurrence of an existing one.
pub(crate) fn render_with(value: &Value, path: &[Seg], key: &str, extra: &Value) -> String {
    let mut out = String::new();
    render(value, Some(path), key, extra, &mut out);
    out
}

fn render(value: &Value, target: Option<&[Seg]>, key: &str, extra: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            out.push('{');
            let mut first = true;
            for (k, v) in map {
                if !first {
                    out.push(',');
                }
                first = false;
                let below = match target {
                    Some([Seg::Key(t), rest @ ..]) if t == k => Some(rest),
                    _ => None,
                };
                let _ = write!(out, "{}:", Value::String(k.clone()));
                render(v, below, key, extra, out);
            }
            if target == Some(&[]) {
                if !first {
                    out.push(',');
                }
                let _ = write!(out, "{}:{extra}", Value::String(key.to_owned()));
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                let below = match target {
                    Some([Seg::Index(t), rest @ ..]) if *t == i => Some(rest),
                    _ => None,
                };
                render(v, below, key, extra, out);
            }
            out.push(']');
        }
        other => {
            let _ = write!(out, "{other}");
        }
    }
}

/// The violation path the validator reports for `key` at `path` (keys outside
/// `[A-Za-z0-9_-]` are escaped as `\u{XXXX}`).
pub(crate) fn violation_path(path: &[Seg], key: &str) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(&escape(k));
            }
            Seg::Index(i) => {
                let _ = write!(out, "[{i}]");
            }
        }
    }
    if !out.is_empty() {
        out.push('.');
    }
    out.push_str(&escape(key));
    out
}

fn escape(key: &str) -> String {
    let mut out = String::new();
    for c in key.chars().take(64) {
        if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
            out.push(c);
        } else {
            let _ = write!(out, "\\u{{{:04X}}}", u32::from(c));
        }
    }
    out
}

/// Whether `request` carries `key` as a JSON key or a query parameter, or `marker` anywhere
/// (method, path, query, headers, body).
pub(crate) fn leaks(request: &RecordedRequest, key: &str, marker: &str) -> bool {
    let json_key = Value::String(key.to_owned()).to_string();
    let in_query = request
        .query
        .as_deref()
        .is_some_and(|q| q.split('&').any(|p| p.split('=').next() == Some(key)));
    request.method.contains(marker)
        || request.contains(marker)
        || request.contains(&format!("{json_key}:"))
        || in_query
}
