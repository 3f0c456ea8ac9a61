//! The Magento crate's scenarios (one call of every tool, with its answers), over fixtures
//! read from that crate with PII markers.

use serde_json::{Value, json};

pub(crate) fn fixture(name: &str) -> Value {
    super::prepare(super::read_json("shopmcp-magento", name))
}

pub(crate) fn search_result(items: &[Value], total: u64) -> Value {
    json!({
        "items": items,
        "search_criteria": {"filter_groups": [], "page_size": 20, "current_page": 1},
        "total_count": total,
    })
}

#[allow(dead_code, missing_docs, unreachable_pub)]
#[path = "../../../shopmcp-magento/tests/common/scenarios.rs"]
pub(crate) mod scenarios;
