//! The GDPR export of one workspace, read in one consistent snapshot.

use std::collections::BTreeMap;

use serde::Serialize;
use shopmcp_core::WorkspaceId;
use shopmcp_core::time::rfc3339;
use sqlx::PgConnection;
use sqlx::types::time::OffsetDateTime;
use uuid::Uuid;

use crate::PgError;
use crate::convert::from_timestamp;

/// The `format` of an export document.
pub const EXPORT_FORMAT: &str = "shopmcp-postgres-export/1";

/// Everything held for one workspace. Secrets appear by name and kind only: no token hash,
/// no ciphertext, no wrapped key.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct WorkspaceExport {
    /// [`EXPORT_FORMAT`].
    pub format: &'static str,
    /// The workspace.
    pub workspace: WorkspaceId,
    /// Its `workspaces` row, if any.
    pub workspace_row: Option<ExportedWorkspace>,
    /// Bearer tokens (ids, labels, times).
    pub tokens: Vec<ExportedToken>,
    /// Data encryption keys (ids, versions, states, wrapping key ids).
    pub data_keys: Vec<ExportedDek>,
    /// Credentials (slot, kind, field names).
    pub credentials: Vec<ExportedCredential>,
    /// Every audit event.
    pub usage_events: Vec<ExportedEvent>,
    /// Usage-meter outbox rows.
    pub usage_outbox: Vec<ExportedOutboxRow>,
    /// Idempotency records of W3 tools, with their stored results.
    pub idempotency_records: Vec<ExportedIdempotency>,
}

impl WorkspaceExport {
    /// The export as pretty JSON.
    pub fn to_json(&self) -> Result<String, PgError> {
        serde_json::to_string_pretty(self).map_err(|e| PgError::Corrupt(e.to_string()))
    }
}

/// The workspace row.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct ExportedWorkspace {
    /// Its label.
    pub label: String,
    /// Creation time (RFC 3339).
    pub created_at: String,
}

/// A bearer token, without its hash.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct ExportedToken {
    /// Public id.
    pub id: String,
    /// Label.
    pub label: String,
    /// Creation time.
    pub created_at: String,
    /// Expiry.
    pub expires_at: Option<String>,
    /// Revocation time.
    pub revoked_at: Option<String>,
    /// Last use.
    pub last_used_at: Option<String>,
}

/// A wrapped DEK's metadata (never key material).
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct ExportedDek {
    /// DEK id.
    pub dek_id: Uuid,
    /// Version.
    pub version: i64,
    /// `active` or `decrypt_only`.
    pub state: String,
    /// The master key that wraps it.
    pub wrapping_key_id: String,
    /// Creation time, seconds since the Unix epoch.
    pub created_at: i64,
}

/// A credential: slot, kind and field names, never values.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct ExportedCredential {
    /// `platform.slot`.
    pub slot: String,
    /// Credential kind.
    pub kind: String,
    /// Record id.
    pub record_id: Uuid,
    /// The DEK its fields are encrypted under.
    pub dek_id: Uuid,
    /// Last write, seconds since the Unix epoch.
    pub updated_at: i64,
    /// Field names.
    pub fields: Vec<String>,
}

/// One audit event.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct ExportedEvent {
    /// Event id.
    pub event_id: Uuid,
    /// When the call ended.
    pub occurred_at: String,
    /// Request id.
    pub request_id: Uuid,
    /// Tool.
    pub tool: String,
    /// Platform.
    pub platform: Option<String>,
    /// Latency in microseconds.
    pub latency_us: i64,
    /// Outcome.
    pub outcome: String,
}

/// One usage-meter outbox row.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct ExportedOutboxRow {
    /// The event it meters.
    pub event_id: Uuid,
    /// Tool.
    pub tool: String,
    /// Delivery time, if delivered.
    pub delivered_at: Option<String>,
}

/// One idempotency record.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct ExportedIdempotency {
    /// Tool.
    pub tool: String,
    /// The caller's idempotency key.
    pub key: String,
    /// SHA-256 of the arguments.
    pub digest: String,
    /// The stored result, once the call completed.
    pub result: Option<serde_json::Value>,
    /// Claim time.
    pub created_at: String,
}

fn ts(t: OffsetDateTime) -> String {
    rfc3339(from_timestamp(t))
}

/// Reads the export inside the caller's (snapshot) transaction. Every query filters on the
/// workspace explicitly: the admin role bypasses Row-Level Security.
pub(super) async fn read(
    conn: &mut PgConnection,
    ws: WorkspaceId,
) -> Result<WorkspaceExport, PgError> {
    let id = ws.as_uuid();
    let workspace_row = sqlx::query_as::<_, (String, OffsetDateTime)>(
        "SELECT label, created_at FROM shopmcp.workspaces WHERE workspace_id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .map(|(label, at)| ExportedWorkspace {
        label,
        created_at: ts(at),
    });
    type TokenRow = (
        String,
        String,
        OffsetDateTime,
        Option<OffsetDateTime>,
        Option<OffsetDateTime>,
        Option<OffsetDateTime>,
    );
    let tokens = sqlx::query_as::<_, TokenRow>(
        "SELECT token_id, label, created_at, expires_at, revoked_at, last_used_at \
         FROM shopmcp.bearer_tokens WHERE workspace_id = $1 ORDER BY created_at, token_id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|(id, label, c, e, r, u)| ExportedToken {
        id,
        label,
        created_at: ts(c),
        expires_at: e.map(ts),
        revoked_at: r.map(ts),
        last_used_at: u.map(ts),
    })
    .collect();
    let data_keys = sqlx::query_as::<_, (Uuid, i64, String, String, i64)>(
        "SELECT dek_id, version, state, key_id, created_at_unix FROM shopmcp.wrapped_deks \
         WHERE workspace_id = $1 ORDER BY version, dek_id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|(dek_id, version, state, key, created_at)| ExportedDek {
        dek_id,
        version,
        state,
        wrapping_key_id: key,
        created_at,
    })
    .collect();
    let credentials = credentials(conn, ws).await?;
    let usage_events = sqlx::query_as::<
        _,
        (
            Uuid,
            OffsetDateTime,
            Uuid,
            String,
            Option<String>,
            i64,
            String,
        ),
    >(
        "SELECT event_id, occurred_at, request_id, tool, platform, latency_us, outcome \
         FROM shopmcp.usage_events WHERE workspace_id = $1 ORDER BY occurred_at, event_id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(
        |(event_id, at, request_id, tool, platform, latency_us, outcome)| ExportedEvent {
            event_id,
            occurred_at: ts(at),
            request_id,
            tool,
            platform,
            latency_us,
            outcome,
        },
    )
    .collect();
    let usage_outbox = sqlx::query_as::<_, (Uuid, String, Option<OffsetDateTime>)>(
        "SELECT event_id, tool, delivered_at FROM shopmcp.usage_outbox \
         WHERE workspace_id = $1 ORDER BY occurred_at, event_id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|(event_id, tool, delivered)| ExportedOutboxRow {
        event_id,
        tool,
        delivered_at: delivered.map(ts),
    })
    .collect();
    let idempotency_records = idempotency(conn, ws).await?;
    Ok(WorkspaceExport {
        format: EXPORT_FORMAT,
        workspace: ws,
        workspace_row,
        tokens,
        data_keys,
        credentials,
        usage_events,
        usage_outbox,
        idempotency_records,
    })
}

async fn credentials(
    conn: &mut PgConnection,
    ws: WorkspaceId,
) -> Result<Vec<ExportedCredential>, PgError> {
    let rows: Vec<(String, String, String, Uuid, Uuid, i64)> = sqlx::query_as(
        "SELECT platform, slot, kind, record_id, dek_id, updated_at_unix \
         FROM shopmcp.credential_records WHERE workspace_id = $1 ORDER BY platform, slot",
    )
    .bind(ws.as_uuid())
    .fetch_all(&mut *conn)
    .await?;
    let fields: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT platform, slot, field FROM shopmcp.credential_fields \
         WHERE workspace_id = $1 ORDER BY platform, slot, field",
    )
    .bind(ws.as_uuid())
    .fetch_all(&mut *conn)
    .await?;
    let mut names: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for (platform, slot, field) in fields {
        names.entry((platform, slot)).or_default().push(field);
    }
    Ok(rows
        .into_iter()
        .map(|(platform, slot, kind, record_id, dek_id, updated_at)| {
            let fields = names
                .remove(&(platform.clone(), slot.clone()))
                .unwrap_or_default();
            ExportedCredential {
                slot: format!("{platform}.{slot}"),
                kind,
                record_id,
                dek_id,
                updated_at,
                fields,
            }
        })
        .collect())
}

async fn idempotency(
    conn: &mut PgConnection,
    ws: WorkspaceId,
) -> Result<Vec<ExportedIdempotency>, PgError> {
    let rows: Vec<(String, String, String, Option<String>, OffsetDateTime)> = sqlx::query_as(
        "SELECT tool, idem_key, digest, result::text, created_at \
         FROM shopmcp.idempotency_records WHERE workspace_id = $1 ORDER BY created_at, tool, idem_key",
    )
    .bind(ws.as_uuid())
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(tool, key, digest, result, at)| {
            Ok(ExportedIdempotency {
                tool,
                key,
                digest,
                result: result
                    .map(|r| serde_json::from_str(&r))
                    .transpose()
                    .map_err(|_| PgError::Corrupt("stored idempotent result".to_owned()))?,
                created_at: ts(at),
            })
        })
        .collect()
}
