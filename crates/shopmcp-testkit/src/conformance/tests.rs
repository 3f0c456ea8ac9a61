//! Each check fires on a deliberately bad tool or schema, and stays quiet on good ones.

#![allow(dead_code, reason = "the input types exist for their schemas")]

use std::collections::BTreeSet;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use shopmcp_core::validate::{Rule, Violation};
use shopmcp_core::{
    Access, Annotations, FnTool, HandlerFuture, Platform, RiskTier, Tool, ToolCall, ToolOutput,
    ToolSpec, ToolSpecBuilder,
};

use super::{Check, Finding, access, check_platform, fields, naming, probe, schema_walk};

/// A nested filter.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct Filter {
    status: String,
}

/// One line of a list.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct Line {
    sku: String,
    qty: u32,
}

/// A read's input: nested object, array of objects.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct ReadIn {
    sku: String,
    filter: Option<Filter>,
    lines: Vec<Line>,
}

/// Writable fields.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct Changes {
    note: String,
}

/// A write's input.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct WriteIn {
    order_id: String,
    changes: Changes,
}

/// A W3 write's input.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct CancelIn {
    order_id: String,
    idempotency_key: String,
    reason: String,
}

/// Only an identifier.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct IdOnly {
    order_id: String,
}

/// A field core does not refuse but the suite does.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct WithMethod {
    sku: String,
    method: String,
}

/// Any output.
#[derive(Serialize, JsonSchema)]
struct Out {
    ok: bool,
}

fn handler<'a>(_: &'a (), _: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async { ToolOutput::new(&Out { ok: true }) })
}

fn wrap(builder: ToolSpecBuilder) -> Arc<dyn Tool> {
    let spec = builder.title("T").description("D").build().unwrap();
    Arc::new(FnTool::new(spec, (), handler))
}

fn read(name: &str) -> Arc<dyn Tool> {
    wrap(ToolSpec::read::<ReadIn, Out>(name, Platform::Shopify))
}

fn update() -> Arc<dyn Tool> {
    wrap(
        ToolSpec::write::<WriteIn, Out>("shopify_orders_update", Platform::Shopify, RiskTier::W1)
            .identifiers(["order_id"])
            .writable_in("changes", ["note"]),
    )
}

fn cancel() -> Arc<dyn Tool> {
    wrap(
        ToolSpec::write::<CancelIn, Out>("shopify_orders_cancel", Platform::Shopify, RiskTier::W3)
            .identifiers(["order_id"])
            .writable(["reason"]),
    )
}

fn good() -> Vec<Arc<dyn Tool>> {
    vec![read("shopify_orders_list"), update(), cancel()]
}

fn checks(findings: &[Finding]) -> BTreeSet<Check> {
    findings.iter().map(|f| f.check).collect()
}

#[test]
fn a_conformant_list_passes() {
    assert_eq!(check_platform("shopify", &good()), Ok(()));
    super::assert_conformant("shopify", &good());
}

#[test]
#[should_panic(expected = "conformance finding")]
fn assert_conformant_panics_listing_findings() {
    super::assert_conformant("magento", &good());
}

#[test]
fn names_must_follow_the_convention() {
    for (prefix, name) in [
        ("shopify", "Shopify_orders_list"),
        ("shopify", "shopify_orders"),
        ("shopify", "shopify__list"),
        ("shopify", "shopify-orders-list"),
        ("shopify", "shopify_2orders_list"),
        ("magento", "shopify_orders_list"),
        (
            "shopify",
            "shopify_a_very_long_resource_name_that_goes_on_list",
        ),
    ] {
        assert!(
            naming::name_problem(prefix, name).is_some(),
            "{name} for {prefix}"
        );
    }
    assert_eq!(naming::name_problem("shopify", "shopify_orders_list"), None);
    let findings = check_platform("magento", &good()).unwrap_err();
    assert!(findings.iter().filter(|f| f.check == Check::Name).count() >= 3);
}

#[test]
fn duplicate_names_are_found() {
    let tools = vec![read("shopify_orders_list"), read("shopify_orders_list")];
    let findings = check_platform("shopify", &tools).unwrap_err();
    assert!(
        findings
            .iter()
            .any(|f| f.check == Check::DuplicateName && f.tool == "shopify_orders_list")
    );
}

#[test]
fn open_objects_are_found_at_every_level() {
    let schema = json!({
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "changes": {"$ref": "#/$defs/Changes"},
            "lines": {"type": "array", "items": {"type": "object", "properties": {"sku": {"type": "string"}}}},
            "note": {"anyOf": [{"type": "object"}, {"type": "null"}]}
        },
        "$defs": {"Changes": {"type": "object", "properties": {"price": {"type": "string"}}}}
    });
    let Value::Object(schema) = schema else {
        unreachable!()
    };
    let findings = schema_walk::closed_objects("t", &schema);
    let messages: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(findings.len(), 3, "{messages:?}");
    for at in ["`changes`", "`lines[]`", "`note`"] {
        assert!(
            messages.iter().any(|m| m.contains(at)),
            "{at}: {messages:?}"
        );
    }
    let spec = good()[0].spec().clone();
    assert!(schema_walk::closed_objects("t", spec.input_schema()).is_empty());
}

#[test]
fn probes_reach_nested_objects_and_array_items() {
    let (args, expected) = probe::arguments_with_probe("lines[].filter");
    assert_eq!(
        args,
        json!({"lines": [{"filter": {"conformance_probe_field": true}}]})
    );
    assert_eq!(expected, "lines[0].filter.conformance_probe_field");
    let (args, expected) = probe::arguments_with_probe("");
    assert_eq!(args, json!({"conformance_probe_field": true}));
    assert_eq!(expected, "conformance_probe_field");
}

#[test]
fn a_validator_that_accepts_unknown_keys_is_found() {
    let spec = read("shopify_orders_list").spec().clone();
    let mut probed = Vec::new();
    let lax = probe::probe_all(spec.name(), spec.input_schema(), &mut |v| {
        probed.push(v.clone());
        Ok(v.clone())
    });
    // Root, `filter` and `lines[]`.
    assert_eq!(lax.len(), 3, "{lax:?}");
    assert_eq!(probed.len(), 3);
    assert!(lax.iter().all(|f| f.check == Check::UnknownKeyAccepted));
    // Refusing for another reason does not count as refusing the unknown key.
    let unrelated = probe::probe_all(spec.name(), spec.input_schema(), &mut |_| {
        Err(vec![Violation::new("sku", Rule::Missing)])
    });
    assert_eq!(unrelated.len(), 3);
    // The real validator names every probe.
    assert!(probe::unknown_keys_refused(&spec).is_empty());
}

#[test]
fn a_write_without_a_whitelist_is_found() {
    let ids = ["order_id".to_owned()];
    let w2 = Access::Write(RiskTier::W2);
    // Fields beside the identifiers, yet nothing declared writable.
    let problems = access::declaration_problems(w2, &[], None, &["order_id", "note"], &ids);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("note"));
    // An empty whitelist inside a container.
    let problems =
        access::declaration_problems(w2, &[], Some("changes"), &["order_id", "changes"], &ids);
    assert_eq!(problems.len(), 1, "{problems:?}");
    // A read with a whitelist; a W3 write without an idempotency key.
    let note = ["note".to_owned()];
    assert_eq!(
        access::declaration_problems(Access::Read, &note, None, &["order_id", "note"], &ids).len(),
        1
    );
    let w3 = Access::Write(RiskTier::W3);
    assert_eq!(
        access::declaration_problems(w3, &note, None, &["order_id", "note"], &ids).len(),
        1
    );
    // A pure action (only an identifier) and a whitelisted write are fine.
    let hold = wrap(
        ToolSpec::write::<IdOnly, Out>("shopify_orders_hold", Platform::Shopify, RiskTier::W2)
            .identifiers(["order_id"])
            .writable(Vec::<String>::new()),
    );
    assert!(access::write_declaration(hold.spec()).is_empty());
    assert!(access::write_declaration(update().spec()).is_empty());
    assert!(access::write_declaration(cancel().spec()).is_empty());
    assert!(access::write_declaration(read("shopify_orders_list").spec()).is_empty());
}

#[test]
fn routing_and_forbidden_fields_are_found_at_any_depth_and_spelling() {
    let schema = json!({
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "apiVersion": {"type": "string"},
            "options": {"type": "object", "additionalProperties": false, "properties": {
                "ｈｏｓｔ": {"type": "string"},
                "Pass_Word": {"type": "string"},
                "b\u{0430}se\u{200B}url": {"type": "string"}
            }},
            "lines": {"type": "array", "items": {"$ref": "#/$defs/L"}},
            "method": {"anyOf": [{"$ref": "#/$defs/M"}, {"type": "null"}]},
            "verb": {"type": "string", "enum": ["code", "automatic"]},
            "query": {"type": ["string", "null"], "maxLength": 200},
            "search": {"type": "object", "additionalProperties": false, "properties": {
                "q": {"type": "string"},
                "Query": {"type": "string", "maxLength": 100, "x-shopmcp-text": "free"},
                "query_document": {"type": "string", "maxLength": 100}
            }}
        },
        "$defs": {"L": {"type": "object", "additionalProperties": false,
            "properties": {"headers": {"type": "string"}, "sku": {"type": "string"},
                "method": {"type": "string"}}},
            "M": {"oneOf": [{"const": "code"}, {"const": "POST"}]}}
    });
    let Value::Object(schema) = schema else {
        unreachable!()
    };
    let findings = fields::check("t", &schema);
    let routing: Vec<&str> = findings
        .iter()
        .filter(|f| f.check == Check::RoutingField)
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(routing.len(), 9, "{routing:?}");
    // Bounded search words pass; an unbounded or free-text query, or a document, does not.
    assert!(!routing.iter().any(|m| m.contains("`query`")));
    for at in ["`search.q`", "`search.Query`", "`search.query_document`"] {
        assert!(routing.iter().any(|m| m.contains(at)), "{at}: {routing:?}");
    }
    assert!(routing.iter().any(|m| m.contains("`lines[].headers`")));
    // A free-text `method` and one offering `POST` are refused; a business enumeration passes.
    assert!(routing.iter().any(|m| m.contains("`lines[].method`")));
    assert!(routing.iter().any(|m| m.contains("`method`")));
    assert!(!routing.iter().any(|m| m.contains("`verb`")));
    assert!(routing.iter().any(|m| m.contains("`apiVersion`")));
    assert_eq!(
        findings
            .iter()
            .filter(|f| f.check == Check::ForbiddenField)
            .count(),
        1
    );
    // A field core's builder accepts, refused here.
    let tool = wrap(ToolSpec::read::<WithMethod, Out>(
        "shopify_orders_list",
        Platform::Shopify,
    ));
    let findings = check_platform("shopify", &[tool]).unwrap_err();
    assert_eq!(checks(&findings), BTreeSet::from([Check::RoutingField]));
}

#[test]
fn verbs_must_match_the_access_class() {
    let tools = vec![read("shopify_orders_update")];
    let findings = check_platform("shopify", &tools).unwrap_err();
    assert_eq!(checks(&findings), BTreeSet::from([Check::AccessClass]));
    assert!(access::verb("shopify_orders_list", Access::Write(RiskTier::W2)).is_some());
    assert!(access::verb("shopify_refunds_quote", Access::Read).is_none());
}

#[test]
fn toolbox_differences_are_found() {
    let exposed = BTreeSet::from(["a_b_list".to_owned(), "a_b_update".to_owned()]);
    let expected = BTreeSet::from(["a_b_list".to_owned(), "a_b_get".to_owned()]);
    let findings = access::compare("no write opt-in", &exposed, &expected);
    let tools: BTreeSet<&str> = findings.iter().map(|f| f.tool.as_str()).collect();
    assert_eq!(tools, BTreeSet::from(["a_b_update", "a_b_get"]));
    assert!(access::toolboxes(&good()).is_empty());
}

#[test]
fn annotations_follow_the_access_class() {
    for tool in good() {
        assert_eq!(access::annotations(tool.spec()), None);
    }
    let update = update();
    let expected = access::expected_annotations(update.spec());
    assert!(!expected.destructive_hint && !expected.read_only_hint);
    let cancel = cancel();
    assert!(access::expected_annotations(cancel.spec()).destructive_hint);
    let lying = Annotations {
        read_only_hint: true,
        ..expected
    };
    let finding = access::annotation_mismatch(update.spec().name(), lying, expected).unwrap();
    assert_eq!(finding.check, Check::Annotations);
    let read = read("shopify_orders_list");
    let read_expected = access::expected_annotations(read.spec());
    assert!(read_expected.read_only_hint && read_expected.idempotent_hint);
    let destructive_read = Annotations {
        destructive_hint: true,
        ..read_expected
    };
    assert!(access::annotation_mismatch("r", destructive_read, read_expected).is_some());
}
