//! Checks shared by the cargo-fuzz targets (`fuzz/fuzz_targets/shopify_webhook.rs`,
//! `fuzz/fuzz_targets/shopify_graphql.rs`) and the stable property tests. Not part of the
//! supported API.

mod graphql;
mod webhook;

pub use graphql::check_graphql_response;
pub use webhook::{WEBHOOK_SECRET, check_webhook, sign};
