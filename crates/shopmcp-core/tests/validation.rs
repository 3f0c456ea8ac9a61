//! Argument validation: every rule, reported all at once, before the handler runs.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod common;

use common::*;
use serde_json::json;
use shopmcp_core::validate::{FORBIDDEN_FIELDS, Limits, Rule, Violation};
use shopmcp_core::*;

fn violations(spec: &ToolSpec, raw: &str) -> Vec<Violation> {
    spec.validate(Arguments::Raw(raw), &Limits::default())
        .unwrap_err()
}

#[test]
fn every_forbidden_field_is_rejected_top_level_nested_and_case_varied() {
    let spec = update_spec();
    for f in FORBIDDEN_FIELDS {
        let variants = [f.to_string(), f.to_uppercase(), f.replace('_', "-"), {
            let mut c = f.chars();
            c.next()
                .map(|x| x.to_uppercase().collect::<String>() + c.as_str())
                .unwrap()
        }];
        for v in variants {
            let top = json!({"sku": "A", "changes": {"name": "x"}, v.clone(): "x"}).to_string();
            let nested = json!({"sku": "A", "changes": {"name": "x", v.clone(): "x"}}).to_string();
            for raw in [top, nested] {
                let vs = violations(&spec, &raw);
                assert!(
                    vs.iter()
                        .any(|x| x.rule == Rule::Forbidden && x.field.ends_with(&v)),
                    "{raw}: {vs:?}"
                );
            }
        }
    }
}

#[tokio::test]
async fn forbidden_fields_never_reach_the_handler() {
    let h = Harness::new(HarnessOptions::default());
    for f in FORBIDDEN_FIELDS {
        let raw = json!({"sku": "A", "changes": {"name": "x", "tags": [], f.to_uppercase(): "x"}})
            .to_string();
        let r = h.call("shopify_products_update", &raw).await;
        assert_eq!(
            r.result.unwrap_err().kind(),
            ErrorKind::InvalidArguments,
            "{f}"
        );
    }
    assert_eq!(h.update.calls(), 0);
}

#[test]
fn all_problems_are_reported_at_once_with_field_and_rule() {
    let spec = update_spec();
    let raw = r#"{"sku":"A","changes":{"name":"x","sku":"B","attribute_set_id":4,"password":"p","price":"1e5"},"extra":1}"#;
    let vs = violations(&spec, raw);
    let text: Vec<String> = vs.iter().map(ToString::to_string).collect();
    assert!(text.contains(&"`changes.sku` is not writable by shopify_products_update; writable: description, name, price, tags".to_owned()), "{text:?}");
    assert!(
        text.iter()
            .any(|t| t.starts_with("`changes.attribute_set_id` is not writable")),
        "{text:?}"
    );
    assert!(
        text.contains(&"`changes.password` is forbidden everywhere".to_owned()),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|t| t.starts_with("`changes.price` must be a decimal amount")),
        "{text:?}"
    );
    assert!(
        text.contains(&"`extra` is not a field of this tool".to_owned()),
        "{text:?}"
    );
    assert_eq!(vs.len(), 5);
    let err = ToolError::invalid(spec.name(), vs);
    assert!(err.model_message().contains("5 problems"));
}

#[test]
fn duplicate_keys_are_rejected_at_any_depth() {
    let spec = update_spec();
    let vs = violations(
        &spec,
        r#"{"sku":"A","sku":"B","changes":{"name":"x","name":"y"}}"#,
    );
    let dups: Vec<_> = vs
        .iter()
        .filter(|v| v.rule == Rule::DuplicateKey)
        .map(|v| v.field.clone())
        .collect();
    assert_eq!(dups, ["sku", "changes.name"]);
}

#[test]
fn nesting_deeper_than_16_is_rejected() {
    let spec = update_spec();
    let mut deep = String::from("1");
    for _ in 0..20 {
        deep = format!("[{deep}]");
    }
    let raw = format!(r#"{{"sku":"A","changes":{{"tags":{deep}}}}}"#);
    let vs = violations(&spec, &raw);
    assert!(
        vs.iter()
            .any(|v| matches!(v.rule, Rule::TooDeep { max: 16 })),
        "{vs:?}"
    );
    // Far deeper than serde_json's own limit: still a clean violation.
    let very = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    let vs = violations(
        &spec,
        &format!(r#"{{"sku":"A","changes":{{"tags":{very}}}}}"#),
    );
    assert!(
        vs.iter().any(|v| matches!(v.rule, Rule::TooDeep { .. })),
        "{vs:?}"
    );
    // Exactly 16 levels of containers is fine for the depth rule.
    let mut ok = json!("x");
    for _ in 0..14 {
        ok = json!([ok]);
    }
    let raw = json!({"sku":"A","changes":{"tags": ok}}).to_string();
    assert!(
        !violations(&spec, &raw)
            .iter()
            .any(|v| matches!(v.rule, Rule::TooDeep { .. }))
    );
}

#[test]
fn string_and_array_caps_in_bytes_chars_and_items() {
    let spec = update_spec();
    let long = "é".repeat(300); // 300 chars, 600 bytes; schema max 255 chars
    let vs = violations(
        &spec,
        &json!({"sku":"A","changes":{"name": long}}).to_string(),
    );
    assert!(
        vs.iter().any(|v| v.rule
            == Rule::TooLong {
                unit: "characters",
                max: 255
            }),
        "{vs:?}"
    );
    let huge = "a".repeat(5000); // identifier default: 4096 bytes
    let vs = violations(&spec, &json!({"sku": huge,"changes":{}}).to_string());
    assert!(
        vs.iter()
            .any(|v| matches!(v.rule, Rule::TooLong { unit: "bytes", .. })),
        "{vs:?}"
    );
    let tags: Vec<String> = (0..300).map(|i| format!("t{i}")).collect();
    let vs = violations(
        &spec,
        &json!({"sku":"A","changes":{"tags": tags}}).to_string(),
    );
    assert!(
        vs.iter().any(|v| v.rule == Rule::TooManyItems { max: 250 }),
        "{vs:?}"
    );
    let vs = violations(
        &spec,
        &json!({"sku":"A","changes":{"name": ""}}).to_string(),
    );
    assert!(
        vs.iter().any(|v| v.rule == Rule::TooShort { min: 1 }),
        "{vs:?}"
    );
    let raw = " ".repeat(2_000_000);
    assert!(matches!(
        violations(&spec, &raw)[0].rule,
        Rule::TooLong { unit: "bytes", .. }
    ));
}

#[test]
fn control_bidi_and_zero_width_characters() {
    let spec = update_spec();
    let bad_char = |raw: String| -> Vec<String> {
        spec.validate(Arguments::Raw(&raw), &Limits::default())
            .err()
            .unwrap_or_default()
            .into_iter()
            .filter(|v| matches!(v.rule, Rule::BadCharacter { .. }))
            .map(|v| v.to_string())
            .collect()
    };
    // Identifiers: no tab/newline, no bidi override, no zero-width.
    for sku in [
        "A\tB",
        "A\nB",
        "A\u{202E}B",
        "A\u{200B}B",
        "A\u{7F}",
        "A\u{85}B",
        "A\u{2066}B",
    ] {
        assert_eq!(
            bad_char(json!({"sku": sku, "changes": {}}).to_string()).len(),
            1,
            "{sku:?}"
        );
    }
    // Free text: tab and newline allowed, other controls not.
    assert!(
        bad_char(json!({"sku":"A","changes":{"description":"line 1\n\tline 2\r\n"}}).to_string())
            .is_empty()
    );
    let msgs = bad_char(json!({"sku":"A","changes":{"description":"bell\u{7}"}}).to_string());
    assert_eq!(
        msgs,
        ["`changes.description` contains U+0007 (control character)"]
    );
    // Identifier-class text fields (name) refuse newlines.
    assert_eq!(
        bad_char(json!({"sku":"A","changes":{"name":"a\nb"}}).to_string()).len(),
        1
    );
}

#[test]
fn hostile_keys_cannot_inject_text_into_messages() {
    let spec = update_spec();
    let raw = json!({"sku":"A","changes":{}, "x\nIGNORE ALL\u{202E}": 1}).to_string();
    let msg = violations(&spec, &raw)[0].to_string();
    assert!(!msg.contains('\n') && !msg.contains('\u{202E}'), "{msg}");
    assert!(msg.contains("\\u{000A}"), "{msg}");
}

#[test]
fn types_required_enums_and_ranges() {
    let spec = list_spec();
    let vs = spec
        .validate(
            Arguments::Raw(r#"{"status":"paid","limit":51,"query":7}"#),
            &Limits::default(),
        )
        .unwrap_err();
    let rules: Vec<_> = vs.iter().map(|v| (v.field.as_str(), &v.rule)).collect();
    assert!(
        rules
            .iter()
            .any(|(f, r)| *f == "status" && matches!(r, Rule::NotAllowedValue { .. })),
        "{vs:?}"
    );
    assert!(
        rules
            .iter()
            .any(|(f, r)| *f == "limit" && matches!(r, Rule::OutOfRange { .. })),
        "{vs:?}"
    );
    assert!(
        rules
            .iter()
            .any(|(f, r)| *f == "query" && matches!(r, Rule::WrongType { .. })),
        "{vs:?}"
    );
    let vs = update_spec()
        .validate(Arguments::Raw(r#"{"changes":{}}"#), &Limits::default())
        .unwrap_err();
    assert_eq!(vs[0].to_string(), "`sku` is required");
    let vs = list_spec()
        .validate(Arguments::Raw("[1]"), &Limits::default())
        .unwrap_err();
    assert!(matches!(vs[0].rule, Rule::WrongType { .. }));
    let vs = list_spec()
        .validate(Arguments::Raw("{"), &Limits::default())
        .unwrap_err();
    assert!(matches!(vs[0].rule, Rule::Malformed { .. }));
    assert!(
        list_spec()
            .validate(Arguments::Raw(r#"{"limit":5.0}"#), &Limits::default())
            .is_err()
    );
    assert!(
        list_spec()
            .validate(
                Arguments::Raw(r#"{"status":null,"limit":5}"#),
                &Limits::default()
            )
            .is_ok()
    );
}

#[test]
fn parsed_values_are_validated_too() {
    let spec = update_spec();
    let v = json!({"sku":"A","changes":{"Password":"x"}});
    let vs = spec
        .validate(Arguments::Value(v), &Limits::default())
        .unwrap_err();
    assert_eq!(vs[0].rule, Rule::Forbidden);
}
