//! BigCommerce failures and how they become model-safe [`ToolError`]s.
//!
//! Upstream validation errors (400, 409, 422) are turned into actionable messages: the
//! store's `title` and its per-field `errors` map (v3: `{"status", "title", "errors": {field:
//! message}}`; v2: `[{"status", "message"}]`). Those texts describe our own request, so they are
//! shown, but cleaned first: e-mail addresses and phone numbers replaced by placeholders,
//! control, bidi and zero-width characters removed, whitespace
//! collapsed, each text cut to [`MAX_TEXT_CHARS`] and at most [`MAX_PROBLEMS`] fields listed.

use serde_json::Value;
use shopmcp_core::{ErrorKind, ToolError};

/// The longest upstream text shown, in characters.
pub(crate) const MAX_TEXT_CHARS: usize = 200;

/// The most field problems listed.
pub(crate) const MAX_PROBLEMS: usize = 8;

/// What went wrong, before it is rendered for the model.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum BcError {
    /// The store says the object does not exist.
    #[error("{what} was not found in the store (HTTP {status})")]
    NotFound { what: String, status: u16 },
    /// The store refused the request's data.
    #[error("{}", rejection_message(*.status, .title.as_deref(), .problems, *.write))]
    Rejected {
        status: u16,
        title: Option<String>,
        problems: Vec<(String, String)>,
        write: bool,
    },
    /// Arguments that pass the schema but not a rule the schema cannot express.
    #[error("{0}")]
    Invalid(String),
    /// A successful answer that lacks what the tool needs.
    #[error("{0}")]
    Missing(String),
}

impl From<BcError> for ToolError {
    fn from(e: BcError) -> Self {
        let message = e.to_string();
        match e {
            BcError::NotFound { status, .. } => {
                ToolError::new(ErrorKind::NotFound, message).with_upstream_status(status)
            }
            BcError::Rejected { status, .. } => {
                ToolError::new(ErrorKind::UpstreamRejected, message).with_upstream_status(status)
            }
            BcError::Invalid(_) => ToolError::new(ErrorKind::InvalidArguments, message),
            BcError::Missing(_) => ToolError::new(ErrorKind::NotFound, message),
        }
    }
}

fn rejection_message(
    status: u16,
    title: Option<&str>,
    problems: &[(String, String)],
    write: bool,
) -> String {
    let mut out = match status {
        409 => format!("the store reported a conflict (HTTP {status})"),
        _ => format!("the store rejected the request as invalid (HTTP {status})"),
    };
    if let Some(title) = title {
        out.push_str(": ");
        out.push_str(title.trim_end_matches('.'));
    }
    if !problems.is_empty() {
        out.push_str(". Field problems: ");
        let shown: Vec<String> = problems
            .iter()
            .map(|(field, msg)| format!("`{field}`: {}", msg.trim_end_matches('.')))
            .collect();
        out.push_str(&shown.join("; "));
    }
    if write {
        out.push_str(". The change was not applied; correct the arguments before trying again");
    } else {
        out.push_str(". Correct the arguments before trying again");
    }
    out
}

/// Reads a BigCommerce error body (v3 object or v2 array) into a [`BcError::Rejected`].
pub(crate) fn rejection(status: u16, body: &[u8], write: bool) -> BcError {
    let parsed: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    let mut title = None;
    let mut problems = Vec::new();
    match &parsed {
        Value::Object(obj) => {
            title = obj.get("title").and_then(Value::as_str).map(clean);
            if let Some(Value::Object(errors)) = obj.get("errors") {
                for (field, msg) in errors {
                    problems.push((clean(field), clean(&flatten(msg))));
                }
            }
        }
        Value::Array(items) => {
            let messages: Vec<String> = items
                .iter()
                .filter_map(|i| i.get("message").and_then(Value::as_str))
                .map(clean)
                .filter(|m| !m.is_empty())
                .collect();
            if !messages.is_empty() {
                title = Some(clean(&messages.join("; ")));
            }
        }
        _ => {}
    }
    let total = problems.len();
    problems.truncate(MAX_PROBLEMS);
    if total > MAX_PROBLEMS {
        problems.push((
            "…".to_owned(),
            format!("{} more problems not shown", total - MAX_PROBLEMS),
        ));
    }
    BcError::Rejected {
        status,
        title: title.filter(|t| !t.is_empty()),
        problems,
        write,
    }
}

fn flatten(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(flatten).collect::<Vec<_>>().join("; "),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Removes control, bidi and zero-width characters and contact details (e-mail addresses and
/// phone numbers the store may quote), collapses whitespace and cuts the text.
pub(crate) fn clean(text: &str) -> String {
    let text = shopmcp_core::redact::contact_details(text);
    let mut out = String::with_capacity(text.len().min(MAX_TEXT_CHARS * 4));
    let mut count = 0usize;
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if c.is_control() || is_invisible(c) {
            continue;
        }
        if count + usize::from(pending_space) >= MAX_TEXT_CHARS {
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

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v3_validation_errors_name_fields() {
        let body = br#"{"status":422,"title":"JSON data is missing or invalid","type":"/api-docs/getting-started/api-status-codes","errors":{"name":"error.expected.jsstring","price":["must be >= 0","is not a number"]}}"#;
        let err: ToolError = rejection(422, body, true).into();
        assert_eq!(err.kind(), ErrorKind::UpstreamRejected);
        assert_eq!(err.upstream_status(), Some(422));
        let msg = err.model_message();
        assert!(
            msg.contains("(HTTP 422): JSON data is missing or invalid. Field problems: "),
            "{msg}"
        );
        assert!(msg.contains("`name`: error.expected.jsstring"), "{msg}");
        assert!(
            msg.contains("`price`: must be >= 0; is not a number"),
            "{msg}"
        );
        assert!(msg.contains("not applied"), "{msg}");
    }

    #[test]
    fn v2_error_arrays_become_the_title() {
        let body = br#"[{"status":400,"message":"The field 'status_id' is invalid."}]"#;
        let msg = ToolError::from(rejection(400, body, false)).model_message();
        assert!(
            msg.contains("(HTTP 400): The field 'status_id' is invalid. Correct the arguments"),
            "{msg}"
        );
    }

    #[test]
    fn texts_are_cleaned_and_capped() {
        let long = "x".repeat(1000);
        let body = serde_json::json!({
            "title": format!("bad\u{202E}\u{0007} title\n\n{long}"),
            "errors": (0..20).map(|i| (format!("f{i}"), serde_json::json!("bad"))).collect::<serde_json::Map<_, _>>()
        });
        let err = rejection(422, body.to_string().as_bytes(), false);
        let BcError::Rejected {
            title, problems, ..
        } = &err
        else {
            panic!("not a rejection");
        };
        let title = title.as_deref().unwrap();
        assert!(title.starts_with("bad title x"), "{title}");
        assert!(title.chars().count() <= MAX_TEXT_CHARS + 1);
        assert_eq!(problems.len(), MAX_PROBLEMS + 1);
        assert!(problems.last().unwrap().1.contains("12 more"));
    }

    #[test]
    fn unreadable_bodies_still_give_a_message() {
        let msg = ToolError::from(rejection(409, b"<html>oops</html>", true)).model_message();
        assert!(
            msg.starts_with("the store reported a conflict (HTTP 409)"),
            "{msg}"
        );
        assert!(!msg.contains("html"));
    }
}
