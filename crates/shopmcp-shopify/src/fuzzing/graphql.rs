//! GraphQL answers: throttle detection, the envelope, `errors`, `userErrors` and typed data.

use http::{HeaderMap, StatusCode};
use serde_json::Value;
use shopmcp_core::ToolError;
use shopmcp_core::fuzzing::check_tool_error;
use shopmcp_http::UpstreamResponse;
use shopmcp_http::throttle::shopify::{graphql_throttle, is_throttled, query_cost};

use crate::graphql::{Envelope, WireUserError, user_errors};
use crate::{orders, products};

/// Longest model message an answer may produce (ten user errors of 300 + 120 characters).
const MAX_MESSAGE_CHARS: usize = 5_000;

const STATUSES: [u16; 8] = [200, 200, 200, 429, 400, 401, 500, 302];

fn error(err: &ToolError, canary_allowed: bool) -> Result<(), String> {
    check_tool_error(err, MAX_MESSAGE_CHARS, canary_allowed)
}

fn envelope(resp: &UpstreamResponse) -> Result<Option<Envelope>, String> {
    match resp.json::<Envelope>() {
        Ok(env) => Ok(Some(env)),
        Err(e) => error(&e, false).map(|()| None),
    }
}

/// The `userErrors` arrays anywhere under `data`.
fn user_error_lists(v: &Value, out: &mut Vec<Value>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                if k == "userErrors" {
                    out.push(child.clone());
                } else {
                    user_error_lists(child, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| user_error_lists(i, out)),
        _ => {}
    }
}

/// Runs `data[1..]` as the body of a Shopify GraphQL answer with the status chosen by
/// `data[0]` through everything the client does with an answer: the throttle classifier,
/// the status mapping, the envelope, its cost, `into_data` for untyped data and for the
/// `ProductsList` and `OrderGet` documents (with their output mapping), and `userErrors`.
///
/// Returns `Err` when an invariant breaks:
/// - a throttle is classified only for a body `is_throttled` agrees on, on 200 or 429;
/// - every error's model message is at most 5,000 characters without control characters
///   (newlines aside) and carries no upstream text (`CANARY`) except `userErrors` messages;
///   no operator detail carries upstream text;
/// - typed outputs serialize.
pub fn check_graphql_response(data: &[u8]) -> Result<(), String> {
    let (status, body) = match data.split_first() {
        Some((s, rest)) => (
            STATUSES
                .get(usize::from(*s) % STATUSES.len())
                .copied()
                .unwrap_or(200),
            rest,
        ),
        None => (200, data),
    };
    let status = StatusCode::from_u16(status).map_err(|e| e.to_string())?;
    let resp = UpstreamResponse::new(status, HeaderMap::new(), body.to_vec());
    if graphql_throttle(&resp).is_some() && !is_throttled(body) {
        return Err("a throttle was classified on a body without a THROTTLED error".to_owned());
    }
    let _ = query_cost(body);
    let resp = match resp.error_for_status() {
        Ok(resp) => resp,
        Err(e) => return error(&e, false),
    };
    if let Some(env) = envelope(&resp)? {
        let _ = env.cost();
        match env.into_data::<Value>() {
            Ok(data) => {
                let mut lists = Vec::new();
                user_error_lists(&data, &mut lists);
                for list in lists {
                    if let Ok(errors) = serde_json::from_value::<Vec<WireUserError>>(list)
                        && let Err(e) = user_errors(errors)
                    {
                        error(&e, true)?;
                    }
                }
            }
            Err(e) => error(&e, false)?,
        }
    }
    if let Some(env) = envelope(&resp)? {
        match env.into_data::<products::ListData>() {
            Ok(data) => {
                serde_json::to_value(products::list_output(data)).map_err(|e| e.to_string())?;
            }
            Err(e) => error(&e, false)?,
        }
    }
    if let Some(env) = envelope(&resp)? {
        match env
            .into_data::<orders::GetData>()
            .and_then(|d| orders::get_output(d, "gid://shopify/Order/1"))
        {
            Ok(out) => {
                serde_json::to_value(out).map_err(|e| e.to_string())?;
            }
            Err(e) => error(&e, false)?,
        }
    }
    Ok(())
}
