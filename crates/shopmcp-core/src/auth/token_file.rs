//! The embedded token store: a JSON file (mode 0600) of token hashes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError, RwLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use async_trait::async_trait;
use secrecy::SecretString;
use serde::{Deserialize, Serialize};

use super::token::parse_token;
use super::{Authenticator, Identity, IssuedToken, TokenHash, TokenId, unauthenticated};
use crate::fs::{PrivateFileError, read_private, write_private_atomic};
use crate::{Principal, ToolError, WorkspaceId};

/// What is stored for one token: never the token itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenRecord {
    /// The public id.
    pub id: TokenId,
    /// SHA-256 of the token.
    pub hash: TokenHash,
    /// The workspace the token acts for.
    pub workspace: WorkspaceId,
    /// A label for humans (e.g. "claude desktop on laptop").
    pub label: String,
    /// Creation time, seconds since the Unix epoch.
    pub created_at: u64,
    /// Expiry, seconds since the Unix epoch.
    pub expires_at: Option<u64>,
    /// Revocation time, seconds since the Unix epoch.
    pub revoked_at: Option<u64>,
}

impl TokenRecord {
    /// Whether the token may be used at `now`.
    pub fn is_usable(&self, now: SystemTime) -> bool {
        let now = unix(now);
        self.revoked_at.is_none() && self.expires_at.is_none_or(|e| now < e)
    }
}

fn unix(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

#[derive(Default, Serialize, Deserialize)]
struct FileBody {
    tokens: BTreeMap<TokenId, TokenRecord>,
}

/// Error of the token file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TokenFileError {
    /// The file could not be read or written.
    #[error(transparent)]
    File(#[from] PrivateFileError),
    /// The file is not a valid token file.
    #[error("{path}: not a valid token file: {message}")]
    Format {
        /// The file.
        path: String,
        /// The parser's message.
        message: String,
    },
    /// Token generation failed.
    #[error("token generation failed")]
    Random,
}

/// Bearer tokens in a JSON file, hashed. Implements [`Authenticator`].
///
/// Changes made by another process (e.g. `shopmcp-server token revoke`) are picked up
/// within one second: the file's modification time is checked at most once a second.
#[derive(Debug)]
pub struct TokenFile {
    path: PathBuf,
    tokens: RwLock<BTreeMap<TokenId, TokenRecord>>,
    seen: Mutex<(Option<SystemTime>, std::time::Instant)>,
}

impl TokenFile {
    /// Opens `path` (an absent file is an empty store, created on first write).
    pub fn open(path: impl AsRef<Path>) -> Result<Self, TokenFileError> {
        let path = path.as_ref().to_path_buf();
        let tokens = load(&path)?;
        Ok(Self {
            seen: Mutex::new((mtime(&path), std::time::Instant::now())),
            path,
            tokens: RwLock::new(tokens),
        })
    }

    /// Issues a token for `workspace`, valid for `ttl` (forever when `None`).
    /// The returned [`IssuedToken`] holds the only copy of the secret.
    pub fn issue(
        &self,
        workspace: WorkspaceId,
        label: &str,
        ttl: Option<Duration>,
    ) -> Result<(IssuedToken, TokenRecord), TokenFileError> {
        let now = SystemTime::now();
        self.issue_until(workspace, label, ttl.map(|t| now + t))
    }

    /// Issues a token that expires at `expires_at`.
    pub fn issue_until(
        &self,
        workspace: WorkspaceId,
        label: &str,
        expires_at: Option<SystemTime>,
    ) -> Result<(IssuedToken, TokenRecord), TokenFileError> {
        let issued = IssuedToken::generate().map_err(|_| TokenFileError::Random)?;
        let record = TokenRecord {
            id: issued.id.clone(),
            hash: issued.hash.clone(),
            workspace,
            label: label.to_owned(),
            created_at: unix(SystemTime::now()),
            expires_at: expires_at.map(unix),
            revoked_at: None,
        };
        self.update(|tokens| {
            tokens.insert(record.id.clone(), record.clone());
        })?;
        Ok((issued, record))
    }

    /// Revokes a token; returns whether it existed.
    pub fn revoke(&self, id: &TokenId) -> Result<bool, TokenFileError> {
        let mut found = false;
        self.update(|tokens| {
            if let Some(r) = tokens.get_mut(id) {
                r.revoked_at.get_or_insert(unix(SystemTime::now()));
                found = true;
            }
        })?;
        Ok(found)
    }

    /// Every record (no secrets in them).
    pub fn list(&self) -> Vec<TokenRecord> {
        self.refresh_if_changed();
        self.tokens
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .values()
            .cloned()
            .collect()
    }

    /// Removes every token of `workspace` (erasure); returns how many.
    pub fn remove_workspace(&self, workspace: WorkspaceId) -> Result<usize, TokenFileError> {
        let mut n = 0;
        self.update(|tokens| {
            let before = tokens.len();
            tokens.retain(|_, r| r.workspace != workspace);
            n = before - tokens.len();
        })?;
        Ok(n)
    }

    fn update(
        &self,
        f: impl FnOnce(&mut BTreeMap<TokenId, TokenRecord>),
    ) -> Result<(), TokenFileError> {
        let mut guard = self.tokens.write().unwrap_or_else(PoisonError::into_inner);
        // Start from the file's current content so concurrent writers are not lost.
        let mut tokens = load(&self.path)?;
        f(&mut tokens);
        let body = serde_json::to_vec_pretty(&FileBody {
            tokens: tokens.clone(),
        })
        .map_err(|e| TokenFileError::Format {
            path: self.path.display().to_string(),
            message: e.to_string(),
        })?;
        write_private_atomic(&self.path, &body)?;
        *guard = tokens;
        let mut seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
        *seen = (mtime(&self.path), std::time::Instant::now());
        Ok(())
    }

    fn refresh_if_changed(&self) {
        let mut seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
        if seen.1.elapsed() < Duration::from_secs(1) {
            return;
        }
        seen.1 = std::time::Instant::now();
        let current = mtime(&self.path);
        if current != seen.0 {
            match load(&self.path) {
                Ok(tokens) => {
                    *self.tokens.write().unwrap_or_else(PoisonError::into_inner) = tokens;
                    seen.0 = current;
                }
                Err(e) => {
                    tracing::warn!(error = %e, "token file reload failed; keeping the tokens loaded before");
                }
            }
        }
    }
}

fn mtime(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

fn load(path: &Path) -> Result<BTreeMap<TokenId, TokenRecord>, TokenFileError> {
    match read_private(path)? {
        None => Ok(BTreeMap::new()),
        Some(bytes) => serde_json::from_slice::<FileBody>(&bytes)
            .map(|b| b.tokens)
            .map_err(|e| TokenFileError::Format {
                path: path.display().to_string(),
                message: e.to_string(),
            }),
    }
}

#[async_trait]
impl Authenticator for TokenFile {
    async fn authenticate(&self, token: &SecretString) -> Result<Identity, ToolError> {
        self.refresh_if_changed();
        let id = parse_token(token).ok_or_else(unauthenticated)?;
        let presented = TokenHash::of(secrecy::ExposeSecret::expose_secret(token));
        let tokens = self.tokens.read().unwrap_or_else(PoisonError::into_inner);
        let record = tokens.get(&id).ok_or_else(unauthenticated)?;
        if !record.hash.matches(&presented) || !record.is_usable(SystemTime::now()) {
            return Err(unauthenticated());
        }
        Ok(Identity {
            workspace: record.workspace,
            principal: Principal::new(format!("token:{}", record.id)),
        })
    }
}
