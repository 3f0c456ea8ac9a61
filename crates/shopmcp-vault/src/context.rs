//! Contexts bound into ciphertexts: [`EncryptionContext`] for wrapped DEKs and
//! [`RecordContext`] for credential fields. Neither may hold PII or secrets.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use shopmcp_core::WorkspaceId;

use crate::DekId;

/// Appends `len(bytes)` as a big-endian u64, then `bytes`.
fn put_len_prefixed(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&(bytes.len() as u64).to_be_bytes());
    out.extend_from_slice(bytes);
}

/// An ordered string map passed on every wrap/unwrap call (the AWS KMS "encryption
/// context"). Unwrapping under a different context fails.
///
/// ```
/// use shopmcp_core::WorkspaceId;
/// use shopmcp_vault::{DekId, EncryptionContext};
/// let ctx = EncryptionContext::for_workspace_dek(WorkspaceId::random(), DekId::random());
/// assert_eq!(ctx.get("shopmcp:purpose"), Some("workspace-dek"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EncryptionContext(BTreeMap<String, String>);

impl EncryptionContext {
    /// Key of the workspace id entry.
    pub const WORKSPACE_ID: &'static str = "shopmcp:workspace_id";
    /// Key of the purpose entry.
    pub const PURPOSE: &'static str = "shopmcp:purpose";
    /// Key of the DEK id entry.
    pub const DEK_ID: &'static str = "shopmcp:dek_id";
    /// The purpose of a workspace's data encryption key.
    pub const PURPOSE_WORKSPACE_DEK: &'static str = "workspace-dek";

    /// An empty context.
    pub fn new() -> Self {
        Self::default()
    }

    /// The context of a workspace DEK: workspace id, purpose `workspace-dek`, DEK id.
    pub fn for_workspace_dek(workspace: WorkspaceId, dek_id: DekId) -> Self {
        Self::new()
            .with(Self::WORKSPACE_ID, workspace.to_string())
            .with(Self::PURPOSE, Self::PURPOSE_WORKSPACE_DEK)
            .with(Self::DEK_ID, dek_id.to_string())
    }

    /// Adds (or replaces) an entry.
    #[must_use]
    pub fn with(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.0.insert(key.into(), value.into());
        self
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str)
    }

    /// The entries, sorted by key.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The canonical encoding used as AAD: for each entry in key order,
    /// `u64be(len key) ‖ key ‖ u64be(len value) ‖ value`.
    pub fn canonical_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for (k, v) in &self.0 {
            put_len_prefixed(&mut out, k.as_bytes());
            put_len_prefixed(&mut out, v.as_bytes());
        }
        out
    }
}

/// Where a ciphertext belongs: workspace, record kind, record id and field.
///
/// Bound into the AAD of every SME1 ciphertext, so a ciphertext copied to another
/// workspace, record, or field does not decrypt.
///
/// ```
/// use shopmcp_core::WorkspaceId;
/// use shopmcp_vault::RecordContext;
/// let ctx = RecordContext::new(WorkspaceId::random(), "credential:shopify.admin:access_token", "r1", "token");
/// assert_eq!(ctx.field(), "token");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordContext {
    workspace: WorkspaceId,
    record_kind: String,
    record_id: String,
    field: String,
}

impl RecordContext {
    /// A context.
    pub fn new(
        workspace: WorkspaceId,
        record_kind: impl Into<String>,
        record_id: impl Into<String>,
        field: impl Into<String>,
    ) -> Self {
        Self {
            workspace,
            record_kind: record_kind.into(),
            record_id: record_id.into(),
            field: field.into(),
        }
    }

    /// The workspace.
    pub fn workspace(&self) -> WorkspaceId {
        self.workspace
    }

    /// The record kind.
    pub fn record_kind(&self) -> &str {
        &self.record_kind
    }

    /// The record id.
    pub fn record_id(&self) -> &str {
        &self.record_id
    }

    /// The field name.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// Points this context at another field of the same record (reuses the allocation).
    pub fn set_field(&mut self, field: &str) {
        self.field.clear();
        self.field.push_str(field);
    }

    /// Appends the canonical encoding: the entries `field`, `record_id`, `record_kind`,
    /// `workspace` (sorted by key), each `u64be(len key) ‖ key ‖ u64be(len value) ‖ value`.
    /// The workspace is its lower-case hyphenated UUID.
    pub fn encode_into(&self, out: &mut Vec<u8>) {
        let mut buf = uuid::Uuid::encode_buffer();
        let workspace = self.workspace.as_uuid().hyphenated().encode_lower(&mut buf);
        for (k, v) in [
            ("field", self.field.as_str()),
            ("record_id", self.record_id.as_str()),
            ("record_kind", self.record_kind.as_str()),
            ("workspace", &*workspace),
        ] {
            put_len_prefixed(out, k.as_bytes());
            put_len_prefixed(out, v.as_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_bytes_are_sorted_and_length_prefixed() {
        let ctx = EncryptionContext::new().with("b", "2").with("a", "1");
        let mut want = Vec::new();
        for part in ["a", "1", "b", "2"] {
            want.extend_from_slice(&1u64.to_be_bytes());
            want.extend_from_slice(part.as_bytes());
        }
        assert_eq!(ctx.canonical_bytes(), want);
    }

    #[test]
    fn length_prefixes_make_encodings_unambiguous() {
        let ws = WorkspaceId::random();
        let mut a = Vec::new();
        let mut b = Vec::new();
        RecordContext::new(ws, "k", "ab", "c").encode_into(&mut a);
        RecordContext::new(ws, "k", "a", "bc").encode_into(&mut b);
        assert_ne!(a, b);
        let mut sorted = EncryptionContext::new();
        let ctx = RecordContext::new(ws, "k", "r", "f");
        for (k, v) in [
            ("workspace", ws.to_string()),
            ("record_kind", "k".to_owned()),
            ("record_id", "r".to_owned()),
            ("field", "f".to_owned()),
        ] {
            sorted = sorted.with(k, v);
        }
        let mut direct = Vec::new();
        ctx.encode_into(&mut direct);
        assert_eq!(direct, sorted.canonical_bytes());
    }

    #[test]
    fn workspace_dek_context() {
        let ws = WorkspaceId::random();
        let dek = DekId::random();
        let ctx = EncryptionContext::for_workspace_dek(ws, dek);
        assert_eq!(
            ctx.get(EncryptionContext::WORKSPACE_ID),
            Some(ws.to_string().as_str())
        );
        assert_eq!(
            ctx.get(EncryptionContext::DEK_ID),
            Some(dek.to_string().as_str())
        );
        assert_eq!(ctx.iter().count(), 3);
    }
}
