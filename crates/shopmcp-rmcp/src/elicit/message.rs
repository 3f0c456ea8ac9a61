//! What the human is shown, and how their answer is read.

use rmcp::model::{ElicitRequestParams, ElicitResult, ElicitationAction, ElicitationSchema};
use serde_json::{Value, json};
use shopmcp_core::ConfirmationRequest;

/// The field of the confirmation form.
pub(crate) const CONFIRM_FIELD: &str = "confirm";

/// The most characters of argument text shown in one prompt.
const MAX_SUMMARY_CHARS: usize = 4000;

/// The human-readable question: the tool, the workspace and every argument.
pub(crate) fn summary(req: &ConfirmationRequest<'_>) -> String {
    let mut out = format!(
        "Confirm \"{}\" ({}) for workspace {}?\nThis moves money, notifies customers or cannot be undone.\n",
        req.spec.title(),
        req.spec.name(),
        req.ctx.workspace()
    );
    if let Value::Object(map) = req.arguments {
        let mut keys: Vec<&String> = map.keys().collect();
        keys.sort();
        for key in keys {
            let value = map.get(key).map(short).unwrap_or_default();
            out.push_str(&format!("- {key}: {value}\n"));
        }
    }
    if out.chars().count() > MAX_SUMMARY_CHARS {
        out = out.chars().take(MAX_SUMMARY_CHARS).collect();
        out.push_str("\n[arguments cut; see the request]");
    }
    out
}

fn short(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A form with one required boolean, `confirm`.
pub(crate) fn params(req: &ConfirmationRequest<'_>) -> Option<ElicitRequestParams> {
    let schema = json!({
        "type": "object",
        "title": "Confirm this change",
        "properties": {
            CONFIRM_FIELD: {
                "type": "boolean",
                "title": "Confirm",
                "description": "Approve exactly this call with exactly these arguments",
                "default": false
            }
        },
        "required": [CONFIRM_FIELD]
    });
    let Value::Object(schema) = schema else {
        return None;
    };
    let requested_schema = ElicitationSchema::from_json_schema(schema).ok()?;
    Some(ElicitRequestParams::FormElicitationParams {
        meta: None,
        message: summary(req),
        requested_schema,
    })
}

/// Whether the answer approves: accepted, with `confirm: true`.
pub(crate) fn approves(result: &ElicitResult) -> bool {
    matches!(result.action, ElicitationAction::Accept)
        && result
            .content
            .as_ref()
            .and_then(|c| c.get(CONFIRM_FIELD))
            .and_then(Value::as_bool)
            == Some(true)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn only_accept_with_confirm_true_approves() {
        let yes =
            ElicitResult::new(ElicitationAction::Accept).with_content(json!({"confirm": true}));
        let no =
            ElicitResult::new(ElicitationAction::Accept).with_content(json!({"confirm": false}));
        let empty = ElicitResult::new(ElicitationAction::Accept);
        let declined =
            ElicitResult::new(ElicitationAction::Decline).with_content(json!({"confirm": true}));
        assert!(approves(&yes));
        assert!(!approves(&no));
        assert!(!approves(&empty));
        assert!(!approves(&declined));
        assert!(!approves(&ElicitResult::new(ElicitationAction::Cancel)));
    }
}
