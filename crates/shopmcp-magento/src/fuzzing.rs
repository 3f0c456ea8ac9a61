//! The answer-handling check shared by the cargo-fuzz target
//! (`fuzz/fuzz_targets/magento_response.rs`) and the stable property tests. Not part of the
//! supported API.

use http::{HeaderMap, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use shopmcp_core::fuzzing::check_tool_error;
use shopmcp_http::UpstreamResponse;

use crate::orders::{self, Order};
use crate::products::{Product, ProductDetail, ProductSummary};
use crate::search::{Criteria, PageInput, SearchOutput, SearchResult};

/// Longest model message an answer may produce (all are fixed texts).
const MAX_MESSAGE_CHARS: usize = 400;

const STATUSES: [u16; 10] = [200, 200, 200, 200, 400, 401, 404, 422, 500, 503];

fn parse<T: DeserializeOwned>(resp: &UpstreamResponse) -> Result<Option<T>, String> {
    match resp.json::<T>() {
        Ok(v) => Ok(Some(v)),
        Err(e) => check_tool_error(&e, MAX_MESSAGE_CHARS, false).map(|()| None),
    }
}

fn serialize<T: Serialize>(v: &T) -> Result<(), String> {
    serde_json::to_value(v)
        .map(drop)
        .map_err(|e| format!("an output did not serialize: {e}"))
}

fn page<T, U>(
    result: SearchResult<U>,
    criteria: &Criteria,
    map: impl FnMut(U) -> T,
) -> Result<SearchOutput<T>, String> {
    let upstream_items = result.items.len();
    let total = result.total_count;
    let out = SearchOutput::from_result(result, criteria, map);
    if out.total_count != total || out.items.len() > upstream_items {
        return Err("a search page does not reflect the answer".to_owned());
    }
    if out.has_more && u64::from(out.page) * u64::from(out.page_size) >= total {
        return Err("a search page claims more items past the total".to_owned());
    }
    Ok(out)
}

/// Runs `data[2..]` as the body of a Magento REST answer with the status chosen by
/// `data[0]` (and the page by `data[1]`) through what the client and the order and product
/// tools do with it: the status mapping, search results (`items`, `total_count`) mapped to
/// pages, single orders and products mapped with and without customer data, and `bool`
/// answers of order actions.
///
/// Returns `Err` when an invariant breaks: every error's model message is a short fixed text
/// without upstream text (and no operator detail carries upstream text); a page keeps the
/// answer's total and never claims more items past it; outputs serialize.
pub fn check_response(data: &[u8]) -> Result<(), String> {
    let (head, body) = data.split_at(data.len().min(2));
    let status = head
        .first()
        .and_then(|s| STATUSES.get(usize::from(*s) % STATUSES.len()))
        .copied()
        .unwrap_or(200);
    let page_byte = head.get(1).copied().unwrap_or(0);
    let status = StatusCode::from_u16(status).map_err(|e| e.to_string())?;
    let resp =
        match UpstreamResponse::new(status, HeaderMap::new(), body.to_vec()).error_for_status() {
            Ok(resp) => resp,
            Err(e) => return check_tool_error(&e, MAX_MESSAGE_CHARS, false),
        };
    let criteria = Criteria::page(&PageInput {
        page_size: Some(u32::from(page_byte % 64)),
        page: Some(u32::from(page_byte / 64) + 1),
    });
    if let Some(result) = parse::<SearchResult<Value>>(&resp)? {
        serialize(&page(result, &criteria, |v| v)?)?;
    }
    if let Some(result) = parse::<SearchResult<Order>>(&resp)? {
        serialize(&page(result, &criteria, |mut o| {
            orders::summary::<true>(&mut o)
        })?)?;
    }
    if let Some(result) = parse::<SearchResult<Order>>(&resp)? {
        serialize(&page(result, &criteria, |mut o| {
            orders::summary::<false>(&mut o)
        })?)?;
    }
    if let Some(order) = parse::<Order>(&resp)? {
        serialize(&orders::detail::<true>(order))?;
    }
    if let Some(order) = parse::<Order>(&resp)? {
        serialize(&orders::detail::<false>(order))?;
    }
    if let Some(result) = parse::<SearchResult<Product>>(&resp)? {
        serialize(&page(result, &criteria, ProductSummary::from)?)?;
    }
    if let Some(product) = parse::<Product>(&resp)? {
        serialize(&ProductDetail::from(product))?;
    }
    let _ = parse::<bool>(&resp)?;
    Ok(())
}
