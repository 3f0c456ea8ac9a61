//! Tool names across all four platform crates together, and each platform's conformance.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::BTreeMap;

use common::stores::{Platform, tools};
use shopmcp_testkit::conformance::assert_conformant;

#[test]
fn tool_names_are_unique_across_every_platform() {
    let mut owners: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    let mut total = 0;
    for platform in Platform::ALL {
        let list = tools(platform);
        assert_eq!(list.len(), platform.tool_count(), "{platform:?}");
        total += list.len();
        for tool in list {
            owners
                .entry(tool.spec().name().to_owned())
                .or_default()
                .push(platform.prefix());
        }
    }
    let shared: Vec<_> = owners.iter().filter(|(_, o)| o.len() > 1).collect();
    assert!(shared.is_empty(), "names used more than once: {shared:?}");
    assert_eq!(owners.len(), total);
    assert_eq!(total, 112);
}

#[test]
fn every_platform_conforms() {
    for platform in Platform::ALL {
        assert_conformant(platform.prefix(), &tools(platform));
    }
}
