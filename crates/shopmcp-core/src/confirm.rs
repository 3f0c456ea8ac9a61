//! Human confirmation for W3 tools, bound to the exact arguments.

use std::fmt;

use async_trait::async_trait;
use aws_lc_rs::digest;
use serde_json::Value;

use crate::{CallContext, ToolSpec};

/// SHA-256 of the tool name and the canonical JSON of the arguments (keys sorted at every
/// level). A confirmation names the digest it approves, so approving one set of arguments
/// never approves another.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ArgumentsDigest([u8; 32]);

impl ArgumentsDigest {
    /// The digest of `tool` called with `arguments`.
    pub fn of(tool: &str, arguments: &Value) -> Self {
        let mut canonical = Vec::with_capacity(256);
        canonical.extend_from_slice(tool.as_bytes());
        canonical.push(0);
        write_canonical(arguments, &mut canonical);
        let d = digest::digest(&digest::SHA256, &canonical);
        let mut out = [0u8; 32];
        out.copy_from_slice(d.as_ref());
        Self(out)
    }

    /// Lower-case hex.
    pub fn to_hex(self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }
}

impl fmt::Debug for ArgumentsDigest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ArgumentsDigest({})", self.to_hex())
    }
}

fn write_canonical(v: &Value, out: &mut Vec<u8>) {
    match v {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push(b'{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                out.extend_from_slice(Value::String(k.clone()).to_string().as_bytes());
                out.push(b':');
                if let Some(v) = map.get(k) {
                    write_canonical(v, out);
                }
            }
            out.push(b'}');
        }
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_canonical(item, out);
            }
            out.push(b']');
        }
        other => out.extend_from_slice(other.to_string().as_bytes()),
    }
}

/// What the host is asked to confirm.
#[derive(Debug)]
pub struct ConfirmationRequest<'a> {
    /// The call.
    pub ctx: &'a CallContext,
    /// The tool.
    pub spec: &'a ToolSpec,
    /// The validated arguments, to show to the human (never logged).
    pub arguments: &'a Value,
    /// The digest the answer must name.
    pub digest: ArgumentsDigest,
}

/// The human's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirmation {
    /// Approved these exact arguments.
    Approved(ArgumentsDigest),
    /// Declined.
    Declined,
    /// No human could be asked (e.g. the client cannot show a prompt).
    Unavailable,
}

/// Asks a human to confirm a W3 call. The host decides how (MCP elicitation, a chat
/// button, a signed link). Without a confirmer, W3 tools are refused.
#[async_trait]
pub trait Confirmer: Send + Sync + fmt::Debug {
    /// Asks for confirmation of `request`.
    async fn confirm(&self, request: &ConfirmationRequest<'_>) -> Confirmation;
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn digest_ignores_key_order_and_binds_values_and_tool() {
        let a = ArgumentsDigest::of("t", &json!({"a": 1, "b": {"x": [1, 2], "y": "z"}}));
        let b = ArgumentsDigest::of("t", &json!({"b": {"y": "z", "x": [1, 2]}, "a": 1}));
        assert_eq!(a, b);
        assert_ne!(
            a,
            ArgumentsDigest::of("t", &json!({"a": 2, "b": {"x": [1, 2], "y": "z"}}))
        );
        assert_ne!(
            a,
            ArgumentsDigest::of("u", &json!({"a": 1, "b": {"x": [1, 2], "y": "z"}}))
        );
        assert_eq!(a.to_hex().len(), 64);
    }
}
