//! The injection helpers do what `write_injection.rs` relies on: real spelling variants,
//! raw JSON with a second occurrence of a key, the validator's path rendering, and leak
//! detection in every part of a request.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::time::Instant;

use bytes::Bytes;
use serde_json::json;
use shopmcp_core::validate::is_forbidden;
use shopmcp_testkit::RecordedRequest;

use common::inject::{Seg, Spelling, leaks, object_paths, render_with, violation_path};

#[test]
fn spellings_differ_from_the_name_and_still_fold_onto_it() {
    for spelling in Spelling::ALL {
        let variant = spelling.apply("role_id");
        assert_eq!(
            variant == "role_id",
            spelling == Spelling::Exact,
            "{spelling:?}: {variant}"
        );
        assert!(is_forbidden(&variant), "{spelling:?}: {variant}");
    }
    assert_eq!(Spelling::Camel.apply("role_id"), "roleId");
    assert_eq!(Spelling::Fullwidth.apply("ab"), "\u{FF41}\u{FF42}");
    assert_eq!(Spelling::Cyrillic.apply("password"), "\u{0440}assword");
    assert_eq!(Spelling::ZeroWidth.apply("admin"), "a\u{200B}dmin");
}

#[test]
fn raw_json_carries_a_second_occurrence_of_a_key_where_asked() {
    let base = json!({"id": "1", "changes": {"price": "1.00"}, "lines": [{"sku": "A"}]});
    let raw = render_with(
        &base,
        &[Seg::Key("changes".into())],
        "price",
        &json!("MARK"),
    );
    assert!(
        raw.contains(r#""changes":{"price":"1.00","price":"MARK"}"#),
        "{raw}"
    );
    let raw = render_with(
        &base,
        &[Seg::Key("lines".into()), Seg::Index(0)],
        "x",
        &json!(1),
    );
    assert!(raw.contains(r#""lines":[{"sku":"A","x":1}]"#), "{raw}");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&render_with(&base, &[], "y", &json!(2)))
            .unwrap()["y"],
        2
    );
    assert_eq!(object_paths(&base).len(), 3);
}

#[test]
fn violation_paths_render_like_the_validator() {
    let path = [Seg::Key("lines".into()), Seg::Index(2)];
    assert_eq!(violation_path(&path, "sku"), "lines[2].sku");
    assert_eq!(violation_path(&[], "p\u{0430}ss"), "p\\u{0430}ss");
}

fn request(query: Option<&str>, headers: &[(&str, &str)], body: &str) -> RecordedRequest {
    RecordedRequest {
        method: "POST".into(),
        path: "/v1/orders".into(),
        query: query.map(str::to_owned),
        headers: headers
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
        body: Bytes::from(body.to_owned()),
        received_at: Instant::now(),
    }
}

#[test]
fn leaks_are_found_in_body_query_and_headers() {
    let clean = request(Some("page=1"), &[("x-a", "b")], r#"{"note":"hi"}"#);
    assert!(!leaks(&clean, "role_id", "MARK1"));
    assert!(leaks(
        &request(None, &[], r#"{"role_id":"x"}"#),
        "role_id",
        "MARK1"
    ));
    assert!(leaks(
        &request(None, &[], r#"{"note":"MARK1"}"#),
        "role_id",
        "MARK1"
    ));
    assert!(leaks(
        &request(Some("role_id=2"), &[], ""),
        "role_id",
        "MARK1"
    ));
    assert!(leaks(
        &request(None, &[("x-note", "MARK1")], ""),
        "role_id",
        "MARK1"
    ));
}
