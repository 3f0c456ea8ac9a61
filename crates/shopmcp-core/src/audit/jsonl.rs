//! An append-only JSON-lines audit file.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use async_trait::async_trait;

use super::{AuditError, AuditSink, UsageEvent};
use crate::fs::{PrivateFileError, open_private};

/// When a recorded event is acknowledged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Durability {
    /// After `write(2)` of the whole line: survives a crash of the process (the kernel has
    /// the bytes), not a crash of the machine.
    #[default]
    Process,
    /// After `fsync`: survives a crash of the machine, at the cost of a disk flush per call.
    Machine,
}

/// Appends one JSON object per line to a file (mode 0600), one `write` per event.
///
/// An event is acknowledged only after its whole line reached the kernel (or the disk,
/// with [`Durability::Machine`]), so a crash of the process never loses an acknowledged
/// event. A failed write makes the sink report not-ready until a later write succeeds.
#[derive(Debug)]
pub struct JsonLinesAudit {
    path: PathBuf,
    durability: Durability,
    file: Mutex<File>,
}

impl JsonLinesAudit {
    /// Opens (or creates) `path` for appending.
    pub fn open(path: impl AsRef<Path>, durability: Durability) -> Result<Self, PrivateFileError> {
        let path = path.as_ref().to_path_buf();
        let file = open_private(&path, OpenOptions::new().append(true).create(true))?;
        Ok(Self {
            path,
            durability,
            file: Mutex::new(file),
        })
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn append(&self, line: &[u8]) -> Result<(), AuditError> {
        let mut file = self
            .file
            .lock()
            .map_err(|_| AuditError("audit file lock poisoned".into()))?;
        file.write_all(line)
            .map_err(|e| AuditError(format!("write failed: {}", e.kind())))?;
        if self.durability == Durability::Machine {
            file.sync_data()
                .map_err(|e| AuditError(format!("fsync failed: {}", e.kind())))?;
        }
        Ok(())
    }
}

#[async_trait]
impl AuditSink for JsonLinesAudit {
    async fn record(&self, event: &UsageEvent) -> Result<(), AuditError> {
        let mut line = event.to_json_line();
        line.push('\n');
        self.append(line.as_bytes())
    }

    async fn ready(&self) -> Result<(), AuditError> {
        let file = self
            .file
            .lock()
            .map_err(|_| AuditError("audit file lock poisoned".into()))?;
        file.metadata()
            .map(|_| ())
            .map_err(|e| AuditError(format!("audit file unavailable: {}", e.kind())))
    }
}
