//! The BigCommerce crate's samples (one call of every tool, with its answers), over fixtures
//! read from that crate with PII markers.

use shopmcp_testkit::FakeResponse;

pub(crate) const HASH: &str = "abc123";

pub(crate) fn path(rest: &str) -> String {
    format!("/stores/{HASH}{rest}")
}

pub(crate) fn fixture(name: &str) -> FakeResponse {
    fixture_with_status(name, 200)
}

pub(crate) fn fixture_with_status(name: &str, status: u16) -> FakeResponse {
    FakeResponse::json(
        status,
        &super::prepare(super::read_json("shopmcp-bigcommerce", name)),
    )
}

#[allow(dead_code, missing_docs, unreachable_pub)]
#[path = "../../../shopmcp-bigcommerce/tests/common/samples.rs"]
pub(crate) mod samples;
