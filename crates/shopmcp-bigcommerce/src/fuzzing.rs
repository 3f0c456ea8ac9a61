//! The answer-handling check shared by the cargo-fuzz target
//! (`fuzz/fuzz_targets/bigcommerce_response.rs`) and the stable property tests. Not part of
//! the supported API.

use http::{HeaderMap, StatusCode};
use serde::Serialize;
use serde_json::Value;
use shopmcp_core::ToolError;
use shopmcp_core::fuzzing::check_tool_error;
use shopmcp_http::UpstreamResponse;

use crate::client::{Api, Endpoint, Shape, checked, decode, decode_page};
use crate::error::{MAX_PROBLEMS, MAX_TEXT_CHARS};
use crate::orders::Order;
use crate::products::Product;
use crate::wire::{PageInfo, Paging};

const STATUSES: [u16; 12] = [200, 200, 200, 200, 204, 400, 409, 422, 404, 401, 429, 500];

/// Longest model message: the fixed text, a title, and the shown field problems (each a
/// cleaned field name and message), plus the closing advice.
const MAX_MESSAGE_CHARS: usize = 300 + (MAX_PROBLEMS + 1) * (2 * MAX_TEXT_CHARS + 10);

fn error(err: &ToolError, status: u16) -> Result<(), String> {
    // 400/409/422 show the store's own (cleaned) validation texts by design.
    let shows_store_text = matches!(status, 400 | 409 | 422);
    check_tool_error(err, MAX_MESSAGE_CHARS, shows_store_text)?;
    if shows_store_text {
        let problems = err.model_message().matches("`: ").count();
        if problems > MAX_PROBLEMS + 1 {
            return Err(format!("{problems} field problems shown"));
        }
    }
    Ok(())
}

fn serialize<T: Serialize>(v: &T) -> Result<(), String> {
    serde_json::to_value(v)
        .map(drop)
        .map_err(|e| format!("an output did not serialize: {e}"))
}

/// Runs `data[2..]` as the body of a BigCommerce answer with the status chosen by `data[0]`
/// through what the client does with it: the status mapping (including the v2 and v3
/// validation-error bodies), v2 bare lists and v3 `data`/`meta.pagination` lists of orders,
/// products and untyped items with the page info computed from them, and single objects
/// (bare or in `data`). `data[1]` picks v2 or v3, read or write, and the page requested.
///
/// Returns `Err` when an invariant breaks: every error's model message is bounded, has no
/// control characters, shows at most the capped number of field problems, and carries
/// upstream text (`CANARY`) only for validation errors (never in an operator detail); a
/// next page is never offered on a page that reported none, and outputs serialize.
pub fn check_response(data: &[u8]) -> Result<(), String> {
    let (head, body) = data.split_at(data.len().min(2));
    let status = head
        .first()
        .and_then(|s| STATUSES.get(usize::from(*s) % STATUSES.len()))
        .copied()
        .unwrap_or(200);
    let flags = head.get(1).copied().unwrap_or(0);
    let api = if flags & 1 == 0 { Api::V2 } else { Api::V3 };
    let write = flags & 2 != 0;
    let paging = Paging::new(Some(u32::from(flags >> 4)), Some(u32::from(flags >> 2)));
    let endpoint = match api {
        Api::V2 => Endpoint::v2(["orders"], "orders"),
        Api::V3 => Endpoint::v3(["catalog", "products"], "products"),
    };
    let http_status = StatusCode::from_u16(status).map_err(|e| e.to_string())?;
    let resp = UpstreamResponse::new(http_status, HeaderMap::new(), body.to_vec());
    let resp = match checked(resp, &endpoint, write) {
        Ok(resp) => resp,
        Err(e) => return error(&e, status),
    };
    let pages = [
        decode_page::<Value>(&resp, api).and_then(|p| {
            let info = PageInfo::of(paging, &p);
            let last = p.meta.pagination.as_ref().is_some_and(
                |m| matches!((m.current_page, m.total_pages), (Some(c), Some(t)) if c >= t),
            );
            if last && info.next_page.is_some() {
                return Err(ToolError::internal(
                    "a next page offered after the last page",
                ));
            }
            Ok((info, p.items.len()))
        }),
        decode_page::<Order>(&resp, api).and_then(|p| {
            let info = PageInfo::of(paging, &p);
            let n = p.items.len();
            for order in p.items {
                serialize(&order.minimise(false)).map_err(ToolError::internal)?;
            }
            Ok((info, n))
        }),
        decode_page::<Product>(&resp, api).and_then(|p| {
            serialize(&p.items).map_err(ToolError::internal)?;
            Ok((PageInfo::of(paging, &p), p.items.len()))
        }),
    ];
    for page in pages {
        match page {
            Ok((info, _)) => serialize(&info)?,
            Err(e) if e.kind() == shopmcp_core::ErrorKind::Internal => return Err(e.log_detail()),
            Err(e) => error(&e, status)?,
        }
    }
    for shape in [Shape::Bare, Shape::Data] {
        match decode::<Order>(&resp, &endpoint, shape) {
            Ok(order) => serialize(&order.minimise(true))?,
            Err(e) => error(&e, status)?,
        }
        match decode::<Product>(&resp, &endpoint, shape) {
            Ok(product) => serialize(&product)?,
            Err(e) => error(&e, status)?,
        }
    }
    Ok(())
}
