//! Rules checked when a ToolSpec is built.
#![allow(dead_code)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod common;

use common::*;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::*;

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct Empty {}

#[derive(Serialize, JsonSchema)]
struct Out {
    ok: bool,
}

fn read(name: &str) -> Result<ToolSpec, SpecError> {
    ToolSpec::read::<Empty, Out>(name, Platform::Shopify)
        .title("t")
        .description("d")
        .build()
}

#[test]
fn names_follow_platform_resource_verb() {
    assert!(read("shopify_orders_list").is_ok());
    for bad in [
        "Shopify_orders_list",
        "shopify-orders-list",
        "shopify_orders",
        "shopify__list",
        "magento_orders_list",
        "shopify_orders_list_",
        "1shopify_orders_list",
        &format!("shopify_{}_list", "x".repeat(40)),
        "shopify_orders.list",
    ] {
        assert!(matches!(read(bad), Err(SpecError::Name { .. })), "{bad}");
    }
}

#[test]
fn input_schemas_are_closed_everywhere() {
    let spec = update_spec();
    assert_eq!(spec.input_schema()["additionalProperties"], false);
    let changes = &spec.input_schema()["$defs"]["ProductChanges"];
    assert_eq!(
        changes["additionalProperties"],
        false,
        "{:#?}",
        spec.input_schema()
    );

    #[derive(Deserialize, JsonSchema)]
    struct Open {
        _a: String,
    }
    let r = ToolSpec::read::<Open, Out>("shopify_orders_list", Platform::Shopify)
        .title("t")
        .description("d")
        .build();
    assert!(matches!(r, Err(SpecError::Schema { .. })), "{r:?}");
}

#[test]
fn forbidden_and_routing_fields_cannot_be_inputs() {
    #[derive(Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    struct WithPassword {
        password: String,
    }
    #[derive(Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    struct WithHost {
        api_version: String,
    }
    let a = ToolSpec::read::<WithPassword, Out>("shopify_x_get", Platform::Shopify)
        .title("t")
        .description("d")
        .build();
    let b = ToolSpec::read::<WithHost, Out>("shopify_x_get", Platform::Shopify)
        .title("t")
        .description("d")
        .build();
    assert!(matches!(a, Err(SpecError::Fields { .. })), "{a:?}");
    assert!(matches!(b, Err(SpecError::Fields { .. })), "{b:?}");
}

#[test]
fn writes_declare_whitelists_that_match_the_schema() {
    let base = || {
        ToolSpec::write::<UpdateInput, UpdateOutput>(
            "shopify_products_update",
            Platform::Shopify,
            RiskTier::W2,
        )
        .title("t")
        .description("d")
        .identifiers(["sku"])
    };
    assert!(
        base()
            .writable_in("changes", ["name", "price", "description", "tags"])
            .build()
            .is_ok()
    );
    assert!(
        base()
            .writable_in("changes", ["name", "price"])
            .build()
            .is_err(),
        "schema has more"
    );
    assert!(
        base()
            .writable_in("changes", ["name", "price", "description", "tags", "sku2"])
            .build()
            .is_err(),
        "list has more"
    );
    assert!(base().build().is_err(), "no whitelist");
    let read_with_whitelist =
        ToolSpec::read::<UpdateInput, UpdateOutput>("shopify_products_get", Platform::Shopify)
            .title("t")
            .description("d")
            .writable(["sku"])
            .build();
    assert!(read_with_whitelist.is_err());
}

#[test]
fn w3_tools_need_an_idempotency_key() {
    #[derive(Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    struct NoKey {
        order_id: String,
        amount: String,
    }
    let r =
        ToolSpec::write::<NoKey, Out>("shopify_refunds_create", Platform::Shopify, RiskTier::W3)
            .title("t")
            .description("d")
            .identifiers(["order_id"])
            .writable(["amount"])
            .build();
    assert!(r.unwrap_err().to_string().contains("idempotency_key"));
    assert!(refund_spec().access() == Access::Write(RiskTier::W3));
}

#[test]
fn annotations_follow_the_access_class() {
    let r = list_spec().annotations();
    assert!(r.read_only_hint && !r.destructive_hint && r.idempotent_hint && r.open_world_hint);
    let w2 = update_spec().annotations();
    assert!(!w2.read_only_hint && w2.destructive_hint && !w2.idempotent_hint);
    let w3 = refund_spec().annotations();
    assert!(!w3.read_only_hint && w3.destructive_hint);
    let w1 = Annotations::derive(Access::Write(RiskTier::W1), true, true);
    assert!(!w1.read_only_hint && !w1.destructive_hint && w1.idempotent_hint);
    assert_eq!(serde_json::to_value(r).unwrap()["readOnlyHint"], true);
}

#[test]
fn output_schema_allows_the_truncation_note() {
    assert!(
        list_spec().output_schema()["properties"]
            .get(TRUNCATED_FIELD)
            .is_some()
    );
}

#[test]
fn toolbox_registers_reads_by_default_and_writes_by_opt_in() {
    let rec = Recorder::default();
    let tools = || -> Vec<std::sync::Arc<dyn Tool>> {
        vec![
            DemoTool::new(list_spec(), &rec, Behaviour::Ok),
            DemoTool::new(update_spec(), &rec, Behaviour::Ok),
            DemoTool::new(refund_spec(), &rec, Behaviour::Ok),
        ]
    };
    let names = |tb: &Toolbox| {
        tb.tools()
            .iter()
            .map(|t| t.spec().name().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names(&Toolbox::new(tools(), &WriteOptIn::none()).unwrap()),
        ["shopify_orders_list"]
    );
    assert_eq!(
        names(&Toolbox::new(tools(), &WriteOptIn::none().allow_tier(RiskTier::W2)).unwrap()),
        ["shopify_orders_list", "shopify_products_update"]
    );
    assert_eq!(
        names(
            &Toolbox::new(
                tools(),
                &WriteOptIn::none().allow_tool("shopify_refunds_create")
            )
            .unwrap()
        ),
        ["shopify_orders_list", "shopify_refunds_create"]
    );
    let mut dup = tools();
    dup.push(DemoTool::new(list_spec(), &rec, Behaviour::Ok));
    assert!(Toolbox::new(dup, &WriteOptIn::none()).is_err());
}

#[test]
fn output_fields_skipped_when_empty_are_not_required() {
    #[derive(Serialize, JsonSchema)]
    struct Listed {
        items: Vec<String>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        warnings: Vec<String>,
    }
    let spec = ToolSpec::read::<Empty, Listed>("shopify_things_list", Platform::Shopify)
        .title("t")
        .description("d")
        .build()
        .unwrap();
    let required = spec.output_schema()["required"].as_array().unwrap();
    assert!(required.contains(&serde_json::json!("items")));
    assert!(
        !required.contains(&serde_json::json!("warnings")),
        "{required:?}"
    );
}
