//! `token create | list | revoke`, on the configured token store (file or PostgreSQL).

use std::io::Write;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use shopmcp_core::auth::TokenId;
use shopmcp_core::secret::ExposeSecret;
use shopmcp_core::time::rfc3339;

use super::{CommandError, find_workspace};
use crate::cli::TokenAction;
use crate::config::Config;
use crate::stores::{self, Tokens};

/// One listed token (never its secret).
struct Row {
    id: String,
    workspace: String,
    created: SystemTime,
    state: &'static str,
    label: String,
}

fn state(revoked: bool, expires: Option<SystemTime>) -> &'static str {
    if revoked {
        "revoked"
    } else if expires.is_some_and(|e| e <= SystemTime::now()) {
        "expired"
    } else {
        "active"
    }
}

/// Runs a token action, writing human output to `out`.
pub async fn run(
    config: &Config,
    action: &TokenAction,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let tokens = stores::open(config).await?.tokens;
    let io = CommandError::from_display;
    match action {
        TokenAction::Create {
            workspace,
            label,
            ttl_days,
        } => {
            let ws = find_workspace(config, workspace)?;
            let ttl = ttl_days.map(|d| Duration::from_secs(d * 86_400));
            let (issued, id) = match &tokens {
                Tokens::File(f) => f
                    .issue(ws.id, label, ttl)
                    .map(|(t, r)| (t, r.id))
                    .map_err(CommandError::from_display)?,
                Tokens::Postgres(p) => p
                    .issue(ws.id, label, ttl)
                    .await
                    .map(|(t, r)| (t, r.id))
                    .map_err(CommandError::from_display)?,
            };
            writeln!(out, "token for workspace {} ({}), id {id}:", ws.name, ws.id).map_err(io)?;
            writeln!(out, "{}", issued.token.expose_secret()).map_err(io)?;
            writeln!(out, "It is shown once and stored only as a hash. Send it as `Authorization: Bearer <token>`.").map_err(io)?;
        }
        TokenAction::List => {
            let mut rows = Vec::new();
            match &tokens {
                Tokens::File(f) => {
                    for r in f.list() {
                        let expires = r.expires_at.map(|e| UNIX_EPOCH + Duration::from_secs(e));
                        rows.push(Row {
                            id: r.id.to_string(),
                            workspace: r.workspace.to_string(),
                            created: UNIX_EPOCH + Duration::from_secs(r.created_at),
                            state: state(r.revoked_at.is_some(), expires),
                            label: r.label,
                        });
                    }
                }
                Tokens::Postgres(p) => {
                    for ws in &config.workspaces {
                        for r in p.list(ws.id).await.map_err(CommandError::from_display)? {
                            rows.push(Row {
                                id: r.id.to_string(),
                                workspace: r.workspace.to_string(),
                                created: r.created_at,
                                state: state(r.revoked_at.is_some(), r.expires_at),
                                label: r.label,
                            });
                        }
                    }
                }
            }
            writeln!(
                out,
                "{:<16}  {:<36}  {:<10}  {:<8}  label",
                "id", "workspace", "created", "state"
            )
            .map_err(io)?;
            for r in rows {
                let created = rfc3339(r.created);
                writeln!(
                    out,
                    "{:<16}  {:<36}  {:<10}  {:<8}  {}",
                    r.id,
                    r.workspace,
                    created.get(..10).unwrap_or(""),
                    r.state,
                    r.label
                )
                .map_err(io)?;
            }
        }
        TokenAction::Revoke { id } => {
            let id = TokenId::parse(id)
                .ok_or_else(|| CommandError("a token id is 16 lowercase hex characters".into()))?;
            let revoked = match &tokens {
                Tokens::File(f) => f.revoke(&id).map_err(CommandError::from_display)?,
                Tokens::Postgres(p) => {
                    let mut found = false;
                    for ws in &config.workspaces {
                        if p.revoke(ws.id, &id)
                            .await
                            .map_err(CommandError::from_display)?
                        {
                            found = true;
                            break;
                        }
                    }
                    found
                }
            };
            if !revoked {
                return Err(CommandError(format!("no token with id {id}")));
            }
            writeln!(out, "revoked {id}").map_err(io)?;
        }
    }
    Ok(())
}
