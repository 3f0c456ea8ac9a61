//! The answer-handling check shared by the cargo-fuzz target
//! (`fuzz/fuzz_targets/neto_response.rs`) and the stable property tests. Not part of the
//! supported API.

use http::{HeaderMap, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::Value;
use shopmcp_core::fuzzing::check_tool_error;
use shopmcp_core::{ErrorKind, ToolError};
use shopmcp_http::UpstreamResponse;

use crate::Action;
use crate::client::{Reply, reply};
use crate::item_updates::UpdateItemReply;
use crate::items::{ItemsReply, NetoItem, NetoItemRow, summary};
use crate::order_fields::{NetoOrder, NetoOrderRow};
use crate::orders::OrdersReply;

/// Most warnings and characters per warning an answer may pass on (see `wire`).
const MAX_WARNINGS: usize = 5;
const MAX_WARNING_CHARS: usize = 201;
/// Longest model message: a fixed text naming the action and five cleaned messages.
const MAX_MESSAGE_CHARS: usize = 200 + MAX_WARNINGS * (MAX_WARNING_CHARS + 2);

const STATUSES: [u16; 8] = [200, 200, 200, 200, 200, 401, 429, 500];

fn invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

fn error(err: &ToolError) -> Result<(), String> {
    // An `Ack: Error` shows the store's cleaned messages by design.
    let shows_store_text = err.kind() == ErrorKind::UpstreamRejected;
    check_tool_error(err, MAX_MESSAGE_CHARS, shows_store_text)?;
    if err.model_message().chars().any(invisible) {
        return Err("a model message carries an invisible character".to_owned());
    }
    Ok(())
}

fn parse<T: DeserializeOwned>(
    action: Action,
    resp: &UpstreamResponse,
) -> Result<Option<Reply<T>>, String> {
    match reply::<T>(action, resp) {
        Ok(r) => {
            if r.warnings.len() > MAX_WARNINGS {
                return Err(format!("{} warnings passed on", r.warnings.len()));
            }
            for w in &r.warnings {
                if w.is_empty() || w.chars().count() > MAX_WARNING_CHARS || w.chars().any(invisible)
                {
                    return Err("a warning is empty, too long or not cleaned".to_owned());
                }
            }
            Ok(Some(r))
        }
        Err(e) => error(&e).map(|()| None),
    }
}

/// Runs `data[2..]` as the body of a Neto answer with the status chosen by `data[0]` and
/// the action by `data[1]` through what the client does with it: the status mapping, the
/// `Ack` envelope with its `Messages` (one object or an array, `Error` and `Warning`), then
/// the body as untyped data, item rows and items (numbers and booleans sent as strings),
/// order rows and orders, and the `UpdateItem` answer.
///
/// Returns `Err` when an invariant breaks: every error's model message is bounded, has no
/// control or invisible characters and carries upstream text (`CANARY`) only for an
/// `Ack: Error` (never in an operator detail); at most five warnings pass, each non-empty,
/// cleaned and at most 201 characters; item summaries serialize.
pub fn check_response(data: &[u8]) -> Result<(), String> {
    let (head, body) = data.split_at(data.len().min(2));
    let status = head
        .first()
        .and_then(|s| STATUSES.get(usize::from(*s) % STATUSES.len()))
        .copied()
        .unwrap_or(200);
    let action = head
        .get(1)
        .and_then(|a| Action::ALL.get(usize::from(*a) % Action::ALL.len()))
        .copied()
        .unwrap_or(Action::GetItem);
    let status = StatusCode::from_u16(status).map_err(|e| e.to_string())?;
    let resp =
        match UpstreamResponse::new(status, HeaderMap::new(), body.to_vec()).error_for_status() {
            Ok(resp) => resp,
            Err(e) => return error(&e),
        };
    let _ = parse::<Value>(action, &resp)?;
    if let Some(r) = parse::<ItemsReply<NetoItemRow>>(action, &resp)? {
        let items: Vec<_> = r.data.items.into_iter().map(summary).collect();
        serde_json::to_value(items).map_err(|e| format!("item summaries: {e}"))?;
    }
    let _ = parse::<ItemsReply<NetoItem>>(action, &resp)?;
    let _ = parse::<OrdersReply<NetoOrderRow>>(action, &resp)?;
    let _ = parse::<OrdersReply<NetoOrder>>(action, &resp)?;
    let _ = parse::<UpdateItemReply>(action, &resp)?;
    Ok(())
}
