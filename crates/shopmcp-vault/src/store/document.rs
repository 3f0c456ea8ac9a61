//! The in-memory shape shared by [`MemoryStore`](super::MemoryStore) and
//! [`FileVault`](super::FileVault), and the JSON format of the vault file.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use shopmcp_core::WorkspaceId;

use super::{CredentialRecord, SlotKey, StoreError, WrappedDekRecord};
use crate::DekId;

/// The `format` value of a vault file.
pub(crate) const FORMAT: &str = "shopmcp-vault/1";

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Workspace {
    #[serde(default)]
    deks: Vec<WrappedDekRecord>,
    #[serde(default)]
    records: Vec<CredentialRecord>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Document {
    format: String,
    workspaces: BTreeMap<WorkspaceId, Workspace>,
}

impl Default for Document {
    fn default() -> Self {
        Self {
            format: FORMAT.to_owned(),
            workspaces: BTreeMap::new(),
        }
    }
}

impl Document {
    pub(crate) fn from_json(bytes: &[u8]) -> Result<Self, StoreError> {
        let doc: Self =
            serde_json::from_slice(bytes).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        if doc.format != FORMAT {
            return Err(StoreError::Corrupt(format!(
                "unsupported vault format `{}`",
                doc.format.chars().take(40).collect::<String>()
            )));
        }
        Ok(doc)
    }

    pub(crate) fn to_json(&self) -> Result<Vec<u8>, StoreError> {
        serde_json::to_vec_pretty(self).map_err(|e| StoreError::Corrupt(e.to_string()))
    }

    fn entry(&mut self, ws: WorkspaceId) -> &mut Workspace {
        self.workspaces.entry(ws).or_default()
    }

    fn prune(&mut self, ws: WorkspaceId) {
        if self
            .workspaces
            .get(&ws)
            .is_some_and(|w| w.deks.is_empty() && w.records.is_empty())
        {
            self.workspaces.remove(&ws);
        }
    }

    pub(crate) fn put_record(&mut self, ws: WorkspaceId, record: CredentialRecord) {
        let records = &mut self.entry(ws).records;
        match records.iter_mut().find(|r| r.slot == record.slot) {
            Some(slot) => *slot = record,
            None => records.push(record),
        }
    }

    pub(crate) fn get_record(&self, ws: WorkspaceId, slot: &SlotKey) -> Option<CredentialRecord> {
        self.workspaces
            .get(&ws)?
            .records
            .iter()
            .find(|r| &r.slot == slot)
            .cloned()
    }

    pub(crate) fn delete_record(&mut self, ws: WorkspaceId, slot: &SlotKey) -> bool {
        let Some(w) = self.workspaces.get_mut(&ws) else {
            return false;
        };
        let before = w.records.len();
        w.records.retain(|r| &r.slot != slot);
        let removed = w.records.len() != before;
        self.prune(ws);
        removed
    }

    pub(crate) fn list_records(&self, ws: WorkspaceId) -> Vec<CredentialRecord> {
        self.workspaces
            .get(&ws)
            .map(|w| w.records.clone())
            .unwrap_or_default()
    }

    pub(crate) fn put_dek(&mut self, ws: WorkspaceId, dek: WrappedDekRecord) {
        let deks = &mut self.entry(ws).deks;
        match deks.iter_mut().find(|d| d.dek_id == dek.dek_id) {
            Some(slot) => *slot = dek,
            None => deks.push(dek),
        }
    }

    pub(crate) fn list_deks(&self, ws: WorkspaceId) -> Vec<WrappedDekRecord> {
        self.workspaces
            .get(&ws)
            .map(|w| w.deks.clone())
            .unwrap_or_default()
    }

    pub(crate) fn delete_dek(&mut self, ws: WorkspaceId, dek_id: DekId) -> bool {
        let Some(w) = self.workspaces.get_mut(&ws) else {
            return false;
        };
        let before = w.deks.len();
        w.deks.retain(|d| d.dek_id != dek_id);
        let removed = w.deks.len() != before;
        self.prune(ws);
        removed
    }

    pub(crate) fn list_workspaces(&self) -> Vec<WorkspaceId> {
        self.workspaces.keys().copied().collect()
    }

    pub(crate) fn delete_workspace(&mut self, ws: WorkspaceId) -> bool {
        self.workspaces.remove(&ws).is_some()
    }
}
