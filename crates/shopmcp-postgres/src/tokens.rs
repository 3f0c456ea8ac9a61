//! [`PgTokenStore`]: bearer tokens in PostgreSQL, and core's [`Authenticator`] over them.
//!
//! Tokens have core's format (`smcp_<16 hex id>_<64 hex secret>`); only the SHA-256 of the
//! whole token is stored. Authentication, before the workspace is known:
//!
//! 1. one transaction scoped to the token **id** (`app.token_id`) reads `token_lookup`, whose
//!    policy shows only the row of that id: the id's workspace, nothing else;
//! 2. the same transaction is then scoped to that **workspace** (`app.workspace_id`) and reads
//!    the token row under the tenant policy;
//! 3. the stored hash is compared with the presented token's hash in constant time
//!    ([`TokenHash::matches`]), then expiry and revocation are checked; every failure is the
//!    same [`unauthenticated`] error;
//! 4. `last_used_at` is written at most once per touch interval (60 s by default).

use std::time::{Duration, SystemTime};

use async_trait::async_trait;
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;
use shopmcp_core::auth::{IssuedToken, TOKEN_PREFIX, TokenHash, TokenId, unauthenticated};
use shopmcp_core::{Authenticator, Identity, Principal, ToolError, WorkspaceId};
use sqlx::types::time::OffsetDateTime;

use crate::convert::{from_timestamp, to_timestamp};
use crate::{PgError, TenantPool};

/// What is stored about a token, without its hash.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct TokenInfo {
    /// The public id.
    pub id: TokenId,
    /// The workspace the token acts for.
    pub workspace: WorkspaceId,
    /// A label for humans.
    pub label: String,
    /// Creation time.
    pub created_at: SystemTime,
    /// Expiry, if any.
    pub expires_at: Option<SystemTime>,
    /// Revocation time, if revoked.
    pub revoked_at: Option<SystemTime>,
    /// Last successful authentication (updated at most once per touch interval).
    pub last_used_at: Option<SystemTime>,
}

/// Issues, lists and revokes bearer tokens; implements [`Authenticator`].
#[derive(Clone, Debug)]
pub struct PgTokenStore {
    tenants: TenantPool,
    touch_interval: Duration,
}

type TokenRow = (
    String,
    String,
    OffsetDateTime,
    Option<OffsetDateTime>,
    Option<OffsetDateTime>,
    Option<OffsetDateTime>,
);

impl PgTokenStore {
    pub(crate) fn new(tenants: TenantPool, touch_interval: Duration) -> Self {
        Self {
            tenants,
            touch_interval,
        }
    }

    /// Issues a token for an existing workspace, valid for `ttl` (forever when `None`). The
    /// returned [`IssuedToken`] holds the only copy of the secret.
    pub async fn issue(
        &self,
        workspace: WorkspaceId,
        label: &str,
        ttl: Option<Duration>,
    ) -> Result<(IssuedToken, TokenInfo), PgError> {
        self.issue_until(workspace, label, ttl.map(|t| SystemTime::now() + t))
            .await
    }

    /// Issues a token that expires at `expires_at`.
    pub async fn issue_until(
        &self,
        workspace: WorkspaceId,
        label: &str,
        expires_at: Option<SystemTime>,
    ) -> Result<(IssuedToken, TokenInfo), PgError> {
        if label.len() > 200 || label.chars().any(char::is_control) {
            return Err(PgError::Invalid(
                "a token label has at most 200 bytes and no control characters".to_owned(),
            ));
        }
        let expires = expires_at.map(to_timestamp).transpose()?;
        let mut tx = self.tenants.begin(workspace).await?;
        let exists: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM shopmcp.workspaces WHERE workspace_id = $1)",
        )
        .bind(workspace.as_uuid())
        .fetch_one(tx.conn())
        .await?;
        if !exists {
            return Err(PgError::UnknownWorkspace(workspace));
        }
        // A 64-bit id is unique in practice; check anyway (the lookup policy shows every
        // workspace's row for the id this transaction is scoped to).
        let mut issued = IssuedToken::generate().map_err(|_| PgError::Random)?;
        for _ in 0..3 {
            tx.scope_token(&issued.id).await?;
            let taken: bool = sqlx::query_scalar(
                "SELECT EXISTS (SELECT 1 FROM shopmcp.token_lookup WHERE token_id = $1)",
            )
            .bind(issued.id.as_str())
            .fetch_one(tx.conn())
            .await?;
            if !taken {
                break;
            }
            issued = IssuedToken::generate().map_err(|_| PgError::Random)?;
        }
        let hash = serde_json::to_value(&issued.hash)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .ok_or_else(|| PgError::Corrupt("token hash is not text".to_owned()))?;
        let created: OffsetDateTime = sqlx::query_scalar(
            "INSERT INTO shopmcp.bearer_tokens \
             (workspace_id, token_id, token_hash, label, expires_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING created_at",
        )
        .bind(workspace.as_uuid())
        .bind(issued.id.as_str())
        .bind(hash)
        .bind(label)
        .bind(expires)
        .fetch_one(tx.conn())
        .await?;
        sqlx::query("INSERT INTO shopmcp.token_lookup (token_id, workspace_id) VALUES ($1, $2)")
            .bind(issued.id.as_str())
            .bind(workspace.as_uuid())
            .execute(tx.conn())
            .await?;
        tx.commit().await?;
        let info = TokenInfo {
            id: issued.id.clone(),
            workspace,
            label: label.to_owned(),
            created_at: from_timestamp(created),
            expires_at: expires.map(from_timestamp),
            revoked_at: None,
            last_used_at: None,
        };
        Ok((issued, info))
    }

    /// Every token of `workspace` (oldest first), without hashes.
    pub async fn list(&self, workspace: WorkspaceId) -> Result<Vec<TokenInfo>, PgError> {
        let mut tx = self.tenants.begin(workspace).await?;
        let rows: Vec<TokenRow> = sqlx::query_as(
            "SELECT token_id, label, created_at, expires_at, revoked_at, last_used_at \
             FROM shopmcp.bearer_tokens WHERE workspace_id = $1 ORDER BY created_at, token_id",
        )
        .bind(workspace.as_uuid())
        .fetch_all(tx.conn())
        .await?;
        tx.commit().await?;
        rows.into_iter()
            .map(|(id, label, created, expires, revoked, used)| {
                Ok(TokenInfo {
                    id: TokenId::parse(&id)
                        .ok_or_else(|| PgError::Corrupt("stored token id".to_owned()))?,
                    workspace,
                    label,
                    created_at: from_timestamp(created),
                    expires_at: expires.map(from_timestamp),
                    revoked_at: revoked.map(from_timestamp),
                    last_used_at: used.map(from_timestamp),
                })
            })
            .collect()
    }

    /// Revokes a token (its first revocation time is kept); whether it exists.
    pub async fn revoke(&self, workspace: WorkspaceId, id: &TokenId) -> Result<bool, PgError> {
        self.change(
            workspace,
            id,
            "UPDATE shopmcp.bearer_tokens SET revoked_at = coalesce(revoked_at, now()) \
             WHERE workspace_id = $1 AND token_id = $2",
        )
        .await
    }

    /// Deletes a token and its lookup row; whether it existed.
    pub async fn delete(&self, workspace: WorkspaceId, id: &TokenId) -> Result<bool, PgError> {
        self.change(
            workspace,
            id,
            "DELETE FROM shopmcp.bearer_tokens WHERE workspace_id = $1 AND token_id = $2",
        )
        .await
    }

    async fn change(
        &self,
        workspace: WorkspaceId,
        id: &TokenId,
        sql: &'static str,
    ) -> Result<bool, PgError> {
        let mut tx = self.tenants.begin(workspace).await?;
        let n = sqlx::query(sql)
            .bind(workspace.as_uuid())
            .bind(id.as_str())
            .execute(tx.conn())
            .await?
            .rows_affected();
        tx.commit().await?;
        Ok(n > 0)
    }

    /// The workspace of a valid token; `None` for every kind of invalid token.
    async fn check(
        &self,
        id: &TokenId,
        presented: &TokenHash,
    ) -> Result<Option<WorkspaceId>, PgError> {
        let Some(mut tx) = self.tenants.begin_for_token(id).await? else {
            return Ok(None);
        };
        let workspace = tx.workspace();
        let row: Option<(String, bool, bool)> = sqlx::query_as(
            "SELECT token_hash, \
                    revoked_at IS NULL AND (expires_at IS NULL OR now() < expires_at), \
                    last_used_at IS NULL OR last_used_at <= now() - $3::interval \
             FROM shopmcp.bearer_tokens WHERE workspace_id = $1 AND token_id = $2",
        )
        .bind(workspace.as_uuid())
        .bind(id.as_str())
        .bind(self.touch_interval)
        .fetch_optional(tx.conn())
        .await?;
        let Some((stored, usable, stale)) = row else {
            return Ok(None);
        };
        let stored: TokenHash = serde_json::from_value(Value::String(stored))
            .map_err(|_| PgError::Corrupt("stored token hash".to_owned()))?;
        // Non-short-circuit: the comparison always runs, in constant time.
        if !(stored.matches(presented) & usable) {
            return Ok(None);
        }
        if stale {
            sqlx::query(
                "UPDATE shopmcp.bearer_tokens SET last_used_at = now() \
                 WHERE workspace_id = $1 AND token_id = $2 \
                   AND (last_used_at IS NULL OR last_used_at <= now() - $3::interval)",
            )
            .bind(workspace.as_uuid())
            .bind(id.as_str())
            .bind(self.touch_interval)
            .execute(tx.conn())
            .await?;
        }
        tx.commit().await?;
        Ok(Some(workspace))
    }
}

/// The id of a token of the right shape (`smcp_<16 hex>_<64 hex>`), as core parses it.
fn token_id(token: &str) -> Option<TokenId> {
    let rest = token.strip_prefix(TOKEN_PREFIX)?;
    let (id, secret) = rest.split_once('_')?;
    let secret_ok = secret.len() == 64
        && secret
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    secret_ok.then(|| TokenId::parse(id)).flatten()
}

#[async_trait]
impl Authenticator for PgTokenStore {
    async fn authenticate(&self, token: &SecretString) -> Result<Identity, ToolError> {
        let id = token_id(token.expose_secret()).ok_or_else(unauthenticated)?;
        let presented = TokenHash::of(token.expose_secret());
        match self.check(&id, &presented).await {
            Ok(Some(workspace)) => Ok(Identity {
                workspace,
                principal: Principal::new(format!("token:{id}")),
            }),
            Ok(None) => Err(unauthenticated()),
            Err(e) => {
                tracing::error!(error = %e, "token store unavailable");
                Err(e.into_tool_error())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_well_formed_tokens_have_an_id() {
        let issued = IssuedToken::generate().unwrap();
        assert_eq!(token_id(issued.token.expose_secret()), Some(issued.id));
        for bad in [
            "",
            "smcp_",
            "Bearer smcp_x",
            "smcp_0123456789abcdef",
            "smcp_0123456789abcdeF_00",
            "smcp_0123456789abcdef_zz",
            &format!("smcp_0123456789abcdef_{}", "A".repeat(64)),
        ] {
            assert_eq!(token_id(bad), None, "{bad}");
        }
    }
}
