//! Secrets and personal data stay out of logs, audit events and error texts.
//!
//! One workspace connects all four platforms (every tool, writes of every tier opted in,
//! customer PII on), each pointed at a loopback fake store with `sandbox_endpoint`, and is
//! served by `serve::start` over streamable HTTP. Every credential field is a recognisable
//! `SECRETMARK-<uuid>`; the fake stores answer with the platforms' spec-shaped fixtures in
//! which every e-mail address became `pii-<n>@leak.example` and every phone number
//! `+61 400 000 <nnn>`. Every tool is called over MCP in four rounds:
//!
//! 1. `fixtures`: the fixture answers (with the PII markers);
//! 2. `echo`: error statuses (4xx, 429, 5xx) whose bodies echo the credential and PII;
//! 3. `echo-200`: the platforms' in-band errors (GraphQL `errors` and `userErrors`, Neto
//!    `Ack: Error`, error objects where data was expected) echoing the credential and PII;
//! 4. `confused`: the fixtures with every number, numeric string and boolean replaced by a
//!    PII marker, so parsers fail on values that carry personal data.
//!
//! Asserted, with all `tracing` output captured at TRACE level:
//! - no secret marker and no bearer token anywhere: tracing output, the audit trail, the
//!   `usage` report, and every byte of every MCP answer (successful results included);
//! - no e-mail or phone marker in the tracing output, the audit trail, the `usage` report,
//!   or any MCP answer that is an error (`isError` results and JSON-RPC errors). Successful
//!   results may carry the customer data the merchant enabled, so they are not checked for PII;
//! - every tool of the four platforms was listed and called, each round audited every tool,
//!   and the fixture round succeeded for every tool whose answers the fixtures describe.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};
use shopmcp_core::secret::ExposeSecret;
use shopmcp_server::commands::{serve, usage};
use shopmcp_server::config::Config;
use shopmcp_testkit::{FakeResponse, FakeUpstream};

use common::{Mcp, McpReply};

const WORKSPACE: &str = "3f6c2a1e-8b4d-4c7a-9e2f-5a1b0c9d8e7f";
const SECRET: &str = "SECRETMARK";
const EMAIL_DOMAIN: &str = "leak.example";
const SHOPIFY_ADMIN: &str = "/admin/api/2026-07/graphql.json";
const SHOPIFY_STOREFRONT: &str = "/api/2026-07/graphql.json";
const NETO_PATH: &str = "/do/WS/NetoAPI";

/// Counter behind the markers, so each substituted value is distinct.
static MARKERS: AtomicUsize = AtomicUsize::new(0);
/// Whether fixtures are read "confused" (numbers and booleans replaced by PII markers).
static CONFUSED: AtomicBool = AtomicBool::new(false);

fn email_marker() -> String {
    format!(
        "pii-{}@{EMAIL_DOMAIN}",
        MARKERS.fetch_add(1, Ordering::Relaxed)
    )
}

fn phone_marker() -> String {
    format!(
        "+61 400 000 {:03}",
        MARKERS.fetch_add(1, Ordering::Relaxed) % 1000
    )
}

fn looks_like_email(s: &str) -> bool {
    s.split_once('@')
        .is_some_and(|(l, d)| !l.is_empty() && d.contains('.') && !s.contains(' '))
}

/// Replaces every e-mail address and phone number in `v` by a marker.
fn with_pii_markers(v: &mut Value, key: &str) {
    match v {
        Value::Object(map) => {
            for (k, child) in map.iter_mut() {
                with_pii_markers(child, k);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| with_pii_markers(i, key)),
        Value::String(s) => {
            if key.to_ascii_lowercase().contains("phone") {
                *s = phone_marker();
            } else if looks_like_email(s) {
                *s = email_marker();
            }
        }
        _ => {}
    }
}

/// Replaces every number, numeric string and boolean in `v` by a PII marker.
fn confuse(v: &mut Value) {
    match v {
        Value::Object(map) => map.values_mut().for_each(confuse),
        Value::Array(items) => items.iter_mut().for_each(confuse),
        Value::Number(_) | Value::Bool(_) => *v = Value::String(email_marker()),
        Value::String(s) if s.parse::<f64>().is_ok() || s == "True" || s == "False" => {
            *s = phone_marker();
        }
        _ => {}
    }
}

/// A fixture answer as the current round wants it.
fn prepare(mut v: Value) -> Value {
    with_pii_markers(&mut v, "");
    if CONFUSED.load(Ordering::Relaxed) {
        confuse(&mut v);
    }
    v
}

fn read_json(crate_dir: &str, name: &str) -> Value {
    common::fixture(crate_dir, name)
}

#[path = "leaks/magento.rs"]
mod magento;

#[path = "leaks/bigcommerce.rs"]
mod bigcommerce;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Platform {
    Shopify,
    Magento,
    BigCommerce,
    Neto,
}

/// One tool call and the answers its fake store gives, in order (empty: none scripted).
struct Call {
    platform: Platform,
    tool: String,
    args: Value,
    answers: Vec<(String, String, FakeResponse)>,
}

fn shopify_fixture(name: &str) -> Value {
    prepare(read_json("shopmcp-shopify", &format!("{name}.json")))
}

fn graphql_cost(data: &Value) -> Value {
    prepare(json!({
        "data": data,
        "extensions": {"cost": {
            "requestedQueryCost": 12, "actualQueryCost": 8,
            "throttleStatus": {"maximumAvailable": 2000.0, "currentlyAvailable": 1992, "restoreRate": 100.0}
        }}
    }))
}

fn payload(name: &str, body: Value) -> Value {
    let mut data = serde_json::Map::new();
    data.insert(name.to_owned(), body);
    graphql_cost(&Value::Object(data))
}

/// A Shopify tool, its arguments and its answers (endpoint path, body).
type ShopifyRow<'a> = (&'a str, Value, Vec<(&'a str, Value)>);

fn shopify_calls() -> Vec<Call> {
    let cart_id = "gid://shopify/Cart/Z2NwLWV1cm9wZS13ZXN0NDowMUpDUlJTVlg3?key=8c2f6e1d0a";
    let line = "gid://shopify/CartLine/3f1b8c8e-0c1d-4f7e-9a55-2a1c8a6b7d10?cart=Z2NwLWV1cm9wZS13ZXN0NDowMUpDUlJTVlg3";
    let cart = || shopify_fixture("cart");
    let cart_payload = |name: &str| {
        let mut data = serde_json::Map::new();
        data.insert(
            name.to_owned(),
            json!({"cart": cart(), "userErrors": [], "warnings": []}),
        );
        prepare(json!({ "data": data }))
    };
    let admin = |v: Value| (SHOPIFY_ADMIN, v);
    let front = |v: Value| (SHOPIFY_STOREFRONT, v);
    let group = |id: &str| {
        json!({"inventoryAdjustmentGroup": {"id": id, "createdAt": "2026-11-06T10:00:00Z",
            "reason": "correction", "changes": [{"name": "available", "delta": 3, "quantityAfterChange": 8,
            "item": {"id": "gid://shopify/InventoryItem/49148385"}, "location": {"id": "gid://shopify/Location/346779380"}}]},
            "userErrors": []})
    };
    let table: Vec<ShopifyRow<'_>> = vec![
        (
            "shopify_shop_get",
            json!({}),
            vec![admin(shopify_fixture("shop_get"))],
        ),
        (
            "shopify_orders_list",
            json!({"first": 5, "status": "open"}),
            vec![admin(shopify_fixture("orders_list"))],
        ),
        (
            "shopify_orders_get",
            json!({"order_id": "450789469"}),
            vec![admin(shopify_fixture("order_get"))],
        ),
        (
            "shopify_products_list",
            json!({"title": "Trail"}),
            vec![admin(shopify_fixture("products_list"))],
        ),
        (
            "shopify_products_get",
            json!({"product_id": "108828309"}),
            vec![admin(shopify_fixture("product_get"))],
        ),
        (
            "shopify_variants_search",
            json!({"sku": "TR-42-BLK"}),
            vec![admin(shopify_fixture("variants_by_sku"))],
        ),
        (
            "shopify_collections_list",
            json!({"first": 3}),
            vec![admin(shopify_fixture("collections_list"))],
        ),
        (
            "shopify_customers_list",
            json!({"search": "jane"}),
            vec![admin(shopify_fixture("customers_list"))],
        ),
        (
            "shopify_customers_get",
            json!({"customer_id": "544365967"}),
            vec![admin(shopify_fixture("customer_get"))],
        ),
        (
            "shopify_inventory_levels_list",
            json!({"sku": "TR-42-BLK"}),
            vec![admin(shopify_fixture("inventory_by_sku"))],
        ),
        (
            "shopify_locations_list",
            json!({"include_inactive": false}),
            vec![admin(shopify_fixture("locations_list"))],
        ),
        (
            "shopify_fulfillment_orders_list",
            json!({"order_id": "450789469"}),
            vec![admin(shopify_fixture("fulfillment_orders"))],
        ),
        (
            "shopify_draft_orders_list",
            json!({"status": "open"}),
            vec![admin(shopify_fixture("draft_orders_list"))],
        ),
        (
            "shopify_draft_orders_get",
            json!({"draft_order_id": "276395349"}),
            vec![admin(shopify_fixture("draft_order_get"))],
        ),
        (
            "shopify_discounts_list",
            json!({"status": "active"}),
            vec![admin(shopify_fixture("discounts_list"))],
        ),
        (
            "shopify_abandoned_checkouts_list",
            json!({"created_after": "2026-01-01T00:00:00Z"}),
            vec![admin(shopify_fixture("abandoned_checkouts"))],
        ),
        (
            "shopify_catalog_search",
            json!({"query": "shoes", "first": 3}),
            vec![front(shopify_fixture("catalog_search"))],
        ),
        (
            "shopify_carts_get",
            json!({"cart_id": cart_id}),
            vec![front(prepare(json!({"data": {"cart": cart()}})))],
        ),
        (
            "shopify_carts_create",
            json!({"lines": [{"merchandise_id": "49148385", "quantity": 2}]}),
            vec![front(cart_payload("cartCreate"))],
        ),
        (
            "shopify_cart_lines_add",
            json!({"cart_id": cart_id, "lines": [{"merchandise_id": "49148385", "quantity": 1}]}),
            vec![front(cart_payload("cartLinesAdd"))],
        ),
        (
            "shopify_cart_lines_update",
            json!({"cart_id": cart_id, "lines": [{"line_id": line, "quantity": 1}]}),
            vec![front(cart_payload("cartLinesUpdate"))],
        ),
        (
            "shopify_cart_lines_remove",
            json!({"cart_id": cart_id, "line_ids": [line]}),
            vec![front(cart_payload("cartLinesRemove"))],
        ),
        (
            "shopify_orders_update",
            json!({"order_id": "450789469", "note": "Called customer", "tags": ["called"]}),
            vec![admin(payload(
                "orderUpdate",
                json!({"order": {"id": "gid://shopify/Order/450789469", "name": "#1001", "note": "Called customer",
                "tags": ["called"], "updatedAt": "2026-11-06T10:00:00Z"}, "userErrors": []}),
            ))],
        ),
        (
            "shopify_customers_update",
            json!({"customer_id": "544365967", "tags": ["vip"]}),
            vec![admin(payload(
                "customerUpdate",
                json!({"customer": {"id": "gid://shopify/Customer/544365967", "note": "", "tags": ["vip"],
                "updatedAt": "2026-11-06T10:00:00Z"}, "userErrors": []}),
            ))],
        ),
        (
            "shopify_products_update",
            json!({"product_id": "108828309", "title": "Trail Runner GTX 2"}),
            vec![admin(payload(
                "productUpdate",
                json!({"product": {"id": "gid://shopify/Product/108828309", "title": "Trail Runner GTX 2",
                "handle": "trail-runner-gtx", "status": "ACTIVE", "vendor": "Acme", "productType": "Shoes",
                "tags": ["running"], "updatedAt": "2026-11-06T10:00:00Z",
                "seo": {"title": "Trail Runner GTX 2", "description": "New model."}}, "userErrors": []}),
            ))],
        ),
        (
            "shopify_variant_prices_update",
            json!({"variant_id": "49148385", "price": "99.95", "compare_at_price": "119.95"}),
            vec![
                admin(graphql_cost(
                    &json!({"productVariant": {"id": "gid://shopify/ProductVariant/49148385",
                "price": "89.95", "compareAtPrice": "109.95", "product": {"id": "gid://shopify/Product/108828309"}}}),
                )),
                admin(payload(
                    "productVariantsBulkUpdate",
                    json!({"productVariants": [{"id": "gid://shopify/ProductVariant/49148385",
                "price": "99.95", "compareAtPrice": "119.95"}], "userErrors": []}),
                )),
            ],
        ),
        (
            "shopify_inventory_adjust",
            json!({"inventory_item_id": "49148385", "location_id": "346779380", "delta": 3, "reason": "received"}),
            vec![admin(payload(
                "inventoryAdjustQuantities",
                group("gid://shopify/InventoryAdjustmentGroup/1918"),
            ))],
        ),
        (
            "shopify_inventory_set",
            json!({"inventory_item_id": "49148385", "location_id": "346779380", "quantity": 8, "reason": "correction", "current_quantity": 5}),
            vec![admin(payload(
                "inventorySetQuantities",
                group("gid://shopify/InventoryAdjustmentGroup/1919"),
            ))],
        ),
        (
            "shopify_fulfillments_create",
            json!({"fulfillment_order_id": "1046000781", "tracking_company": "UPS",
            "tracking_number": "1Z999AA10123456784", "notify_customer": true, "idempotency_key": "leak-fulfil-0001"}),
            vec![admin(payload(
                "fulfillmentCreate",
                json!({"fulfillment": {"id": "gid://shopify/Fulfillment/255858047",
                "name": "#1001-F2", "status": "SUCCESS", "createdAt": "2026-11-06T10:00:00Z",
                "trackingInfo": [{"company": "UPS", "number": "1Z999AA10123456784",
                "url": "https://www.ups.com/WebTracking?tracknum=1Z999AA10123456784"}]}, "userErrors": []}),
            ))],
        ),
        (
            "shopify_orders_cancel",
            json!({"order_id": "450789469", "reason": "customer", "restock": true, "refund": false,
            "notify_customer": false, "idempotency_key": "leak-cancel-0001"}),
            vec![admin(payload(
                "orderCancel",
                json!({"job": {"id": "gid://shopify/Job/8e1f3c7a-4b8d-4a63-9d02-2f1b7c5e9a10",
                "done": false}, "orderCancelUserErrors": []}),
            ))],
        ),
    ];
    table
        .into_iter()
        .map(|(tool, args, answers)| Call {
            platform: Platform::Shopify,
            tool: tool.to_owned(),
            args,
            answers: answers
                .into_iter()
                .map(|(path, body)| {
                    (
                        "POST".to_owned(),
                        path.to_owned(),
                        FakeResponse::json(200, &body),
                    )
                })
                .collect(),
        })
        .collect()
}

fn neto_calls() -> Vec<Call> {
    let table: Vec<(&str, Value, &str)> = vec![
        (
            "neto_items_list",
            json!({"skus": ["A"], "page": 1, "limit": 7}),
            "get_item_list",
        ),
        ("neto_items_get", json!({"sku": "LSD"}), "get_item"),
        (
            "neto_items_update",
            json!({"sku": "LSD", "changes": {"name": "N", "default_price": "1.50"}}),
            "update_item",
        ),
        (
            "neto_stock_get",
            json!({"sku": "LSD", "warehouse_id": 1}),
            "get_item_stock",
        ),
        (
            "neto_stock_update",
            json!({"sku": "LSD", "warehouse_id": 2, "mode": "decrement", "quantity": 4}),
            "update_item",
        ),
        (
            "neto_warehouses_list",
            json!({"warehouse_ids": [1]}),
            "get_warehouse",
        ),
        (
            "neto_categories_list",
            json!({"category_ids": [1]}),
            "get_category",
        ),
        (
            "neto_orders_list",
            json!({"statuses": ["New"], "placed_from": "2026-01-01"}),
            "get_order_list",
        ),
        (
            "neto_orders_get",
            json!({"order_id": "N10042"}),
            "get_order",
        ),
        (
            "neto_order_notes_add",
            json!({"order_id": "N10042", "title": "T", "description": "D"}),
            "update_order",
        ),
        (
            "neto_order_status_update",
            json!({"order_id": "N10042", "idempotency_key": "leak-status-1",
            "order_status": "Dispatched", "send_customer_email": false}),
            "update_order",
        ),
        (
            "neto_customers_list",
            json!({"usernames": ["jcitizen"], "active": true}),
            "get_customer_list",
        ),
        (
            "neto_customers_get",
            json!({"username": "jcitizen"}),
            "get_customer",
        ),
        (
            "neto_payments_list",
            json!({"order_ids": ["N1"]}),
            "get_payment",
        ),
        ("neto_rmas_list", json!({"order_ids": ["N1"]}), "get_rma"),
        (
            "neto_abandoned_carts_list",
            json!({"updated_from": "2026-01-01"}),
            "get_cart",
        ),
        (
            "neto_vouchers_list",
            json!({"voucher_ids": [1]}),
            "get_voucher",
        ),
        (
            "neto_shipping_methods_list",
            json!({}),
            "get_shipping_methods",
        ),
    ];
    table
        .into_iter()
        .map(|(tool, args, fixture)| Call {
            platform: Platform::Neto,
            tool: tool.to_owned(),
            args,
            answers: vec![(
                "POST".to_owned(),
                NETO_PATH.to_owned(),
                FakeResponse::json(
                    200,
                    &prepare(read_json("shopmcp-neto", &format!("{fixture}.json"))),
                ),
            )],
        })
        .collect()
}

/// Every call of every platform, with answers for the current round.
fn all_calls() -> Vec<Call> {
    let mut calls = shopify_calls();
    for s in magento::scenarios::all() {
        calls.push(Call {
            platform: Platform::Magento,
            tool: s.tool.to_owned(),
            args: s.args,
            answers: s
                .answers
                .into_iter()
                .map(|(m, p, body)| {
                    (
                        m.to_owned(),
                        p.to_owned(),
                        FakeResponse::json(200, &prepare(body)),
                    )
                })
                .collect(),
        });
    }
    for s in bigcommerce::samples::all() {
        calls.push(Call {
            platform: Platform::BigCommerce,
            tool: s.tool.to_owned(),
            args: s.args,
            answers: s
                .answers
                .into_iter()
                .map(|(m, p, r)| (m.to_owned(), p, r))
                .collect(),
        });
    }
    calls.extend(neto_calls());
    calls
}

/// An error text that echoes the credential and personal data.
fn echo_text(secret: &str) -> String {
    format!(
        "token {secret} is not valid for {} (phone {}) on this store",
        email_marker(),
        phone_marker()
    )
}

/// A 4xx/5xx body in the platform's error format, echoing the credential and PII.
fn echo_error_body(platform: Platform, secret: &str) -> Value {
    let t = echo_text(secret);
    match platform {
        Platform::Shopify => {
            json!({"errors": [{"message": t, "extensions": {"code": t}}], "error": t})
        }
        Platform::Magento => json!({"message": format!("%1 {t}"), "parameters": [t, secret],
            "trace": t}),
        Platform::BigCommerce => json!({"status": 422, "title": t, "type": t, "detail": t,
            "errors": {"email": t, "phone": t}, "message": t}),
        Platform::Neto => json!({"Ack": "Error", "Messages": {"Error": [{"Message": t,
            "SeverityLevel": "Error", "Description": t}]}}),
    }
}

/// A 200 body with an in-band error echoing the credential and PII.
fn echo_200_body(platform: Platform, secret: &str) -> Value {
    let t = echo_text(secret);
    match platform {
        Platform::Shopify => {
            let user_errors =
                json!([{"field": ["input", "email"], "message": t, "code": "INVALID"}]);
            let mut data = serde_json::Map::new();
            for root in [
                "orderUpdate",
                "customerUpdate",
                "productUpdate",
                "productVariantsBulkUpdate",
                "inventoryAdjustQuantities",
                "inventorySetQuantities",
                "fulfillmentCreate",
                "cartCreate",
                "cartLinesAdd",
                "cartLinesUpdate",
                "cartLinesRemove",
            ] {
                data.insert(
                    root.to_owned(),
                    json!({"userErrors": user_errors, "warnings": user_errors}),
                );
            }
            data.insert(
                "orderCancel".to_owned(),
                json!({"job": null, "orderCancelUserErrors": user_errors}),
            );
            json!({"data": data, "errors": [{"message": t, "extensions": {"code": "ACCESS_DENIED", "documentation": t}}]})
        }
        Platform::Neto => json!({"Ack": "Error", "Messages": {"Error": [{"Message": t,
            "SeverityLevel": "Error", "Description": t}], "Warning": [{"Message": t}]}}),
        Platform::Magento | Platform::BigCommerce => echo_error_body(platform, secret),
    }
}

/// `tracing` output, captured in memory.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

/// The PII markers `text` contains (e-mail domain and phone prefix, raw or URL-encoded).
fn pii_in(text: &str) -> Vec<&'static str> {
    [
        EMAIL_DOMAIN,
        "400 000",
        "400%20000",
        "400+000",
        "400\\u0020000",
    ]
    .into_iter()
    .filter(|m| text.contains(m))
    .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_or_personal_data_leaves_through_logs_audit_or_errors() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    tracing::subscriber::set_global_default(subscriber).unwrap();

    let fakes = [
        (Platform::Shopify, FakeUpstream::http().await.unwrap()),
        (Platform::Magento, FakeUpstream::http().await.unwrap()),
        (Platform::BigCommerce, FakeUpstream::http().await.unwrap()),
        (Platform::Neto, FakeUpstream::http().await.unwrap()),
    ];
    let fake = |p: Platform| &fakes.iter().find(|(q, _)| *q == p).unwrap().1;
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        r#"[plans.leaks]
per_minute = 100000

[[workspace]]
id = "{WORKSPACE}"
name = "leaks"
plan = "leaks"
customer_pii = true
writes = {{ tiers = ["w1", "w2", "w3"] }}
shopify = {{ shop = "leak-shop", sandbox_endpoint = "{}" }}
magento = {{ base_url = "https://magento.example.com", sandbox_endpoint = "{}" }}
bigcommerce = {{ store_hash = "{}", sandbox_endpoint = "{}" }}
neto = {{ base_url = "https://neto.example.com.au", sandbox_endpoint = "{}" }}
"#,
        fake(Platform::Shopify).base_url(),
        fake(Platform::Magento).base_url(),
        bigcommerce::HASH,
        fake(Platform::BigCommerce).base_url(),
        fake(Platform::Neto).base_url(),
    );
    let config = Config::parse(&text, "leaks.toml", dir.path().to_path_buf()).unwrap();

    // Every credential field is a recognisable secret.
    let mark = || format!("{SECRET}-{}", uuid::Uuid::new_v4());
    let secrets: BTreeMap<Platform, Vec<String>> = [
        (Platform::Shopify, vec![mark(), mark()]),
        (Platform::Magento, vec![mark(), mark(), mark(), mark()]),
        (Platform::BigCommerce, vec![mark()]),
        (Platform::Neto, vec![mark(), mark()]),
    ]
    .into_iter()
    .collect();
    let s = |p: Platform| secrets[&p].iter().map(String::as_str).collect::<Vec<_>>();
    common::connect(
        &config,
        "leaks",
        "shopify",
        "admin",
        "access_token",
        &s(Platform::Shopify)[..1],
    )
    .await;
    common::connect(
        &config,
        "leaks",
        "shopify",
        "storefront",
        "storefront_token",
        &s(Platform::Shopify)[1..],
    )
    .await;
    common::connect(
        &config,
        "leaks",
        "magento",
        "admin",
        "oauth1",
        &s(Platform::Magento),
    )
    .await;
    common::connect(
        &config,
        "leaks",
        "bigcommerce",
        "admin",
        "access_token",
        &s(Platform::BigCommerce),
    )
    .await;
    common::connect(
        &config,
        "leaks",
        "neto",
        "admin",
        "api_key",
        &s(Platform::Neto),
    )
    .await;
    let token = common::bearer(&config, "leaks").await;

    // Shopify reads the granted scopes at start: grant every scope the tools ask for.
    let scopes: Vec<Value> = [
        "read_products",
        "write_products",
        "read_orders",
        "write_orders",
        "read_customers",
        "write_customers",
        "read_inventory",
        "write_inventory",
        "read_locations",
        "read_draft_orders",
        "read_discounts",
        "read_merchant_managed_fulfillment_orders",
        "write_merchant_managed_fulfillment_orders",
        "unauthenticated_read_product_listings",
        "unauthenticated_read_checkouts",
        "unauthenticated_write_checkouts",
    ]
    .into_iter()
    .map(|h| json!({"handle": h, "description": h}))
    .collect();
    fake(Platform::Shopify).push(
        "POST",
        SHOPIFY_ADMIN,
        FakeResponse::json(
            200,
            &graphql_cost(&json!({"currentAppInstallation": {"accessScopes": scopes}})),
        ),
    );

    let serving = serve::start(&config, Some("127.0.0.1:0")).await.unwrap();
    let mcp = Mcp::new(serving.handle.url(), token.clone());

    // Every tool of the four platforms is listed, and every listed tool is called.
    let listed: BTreeSet<String> = mcp.tool_names().await.into_iter().collect();
    let called: BTreeSet<String> = all_calls().into_iter().map(|c| c.tool).collect();
    assert_eq!(listed, called, "the calls cover exactly the listed tools");
    assert_eq!(listed.len(), 30 + 32 + 32 + 18, "{listed:?}");

    let mut replies: Vec<(String, String, McpReply)> = Vec::new();
    let mut fixture_ok = 0;
    let mut fixture_failures = Vec::new();
    let mut id = 10;
    for round in ["fixtures", "echo", "echo-200", "confused"] {
        CONFUSED.store(round == "confused", Ordering::Relaxed);
        let statuses = [400, 401, 403, 404, 409, 422, 429, 500, 502, 503];
        for (i, mut call) in all_calls().into_iter().enumerate() {
            let f = fake(call.platform);
            let secret = secrets[&call.platform][i % secrets[&call.platform].len()].clone();
            // W3 tools: a fresh idempotency key per round, so no round replays another.
            if let Some(key) = call.args.get("idempotency_key").and_then(Value::as_str) {
                call.args["idempotency_key"] = json!(format!("{key}-{round}"));
            }
            let scripted = call.answers.len();
            match round {
                "fixtures" | "confused" => {
                    f.set_default(FakeResponse::json(404, &json!({"errors": "not scripted"})));
                    for (m, p, r) in call.answers {
                        f.push(&m, &p, r);
                    }
                }
                "echo" => {
                    let status = statuses[i % statuses.len()];
                    let mut r =
                        FakeResponse::json(status, &echo_error_body(call.platform, &secret));
                    if status == 429 {
                        r = r.header("retry-after", "1");
                    }
                    f.set_default(r);
                }
                _ => f.set_default(FakeResponse::json(
                    200,
                    &echo_200_body(call.platform, &secret),
                )),
            }
            let before = f.request_count();
            let answers = mcp.call(id, &call.tool, &call.args).await;
            id += 2;
            let last = answers.last().unwrap().json();
            let ok = last["result"]["isError"] == json!(false);
            if round == "fixtures" {
                // Succeeded, and consumed exactly its scripted answers (nothing is left over
                // for the next call).
                let consumed = f.request_count() - before;
                if ok && consumed == scripted {
                    fixture_ok += 1;
                } else {
                    let text = &answers.last().unwrap().text;
                    fixture_failures.push(format!(
                        "{} ({consumed}/{scripted} answers): {text}",
                        call.tool
                    ));
                }
            }
            for a in answers {
                replies.push((round.to_owned(), call.tool.clone(), a));
            }
        }
        assert!(
            fixture_failures.is_empty(),
            "calls failed on their fixtures:\n{}",
            fixture_failures.join("\n")
        );
    }

    // The usage report of the workspace, as an operator reads it.
    let mut report = Vec::new();
    usage::run(&config, "leaks", 10_000, &mut report).unwrap();
    let report = String::from_utf8(report).unwrap();
    let audit = std::fs::read_to_string(config.paths().audit).unwrap();
    serving.handle.shutdown().await.unwrap();
    let logs = captured.text();

    // Exactly one audit event per MCP call (a W3 confirmation round is a call of its own).
    assert_eq!(audit.lines().count(), replies.len());
    // Each round audited every tool (exactly one event per call that reached the pipeline).
    let mut audited = BTreeMap::<String, usize>::new();
    for line in audit.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        *audited
            .entry(v["tool"].as_str().unwrap().to_owned())
            .or_default() += 1;
    }
    for tool in &listed {
        assert!(
            audited.get(tool).copied().unwrap_or(0) >= 4,
            "{tool}: {audited:?}"
        );
    }

    let bearer = token.expose_secret().to_owned();
    let mut leaks = Vec::new();
    let mut lines = BTreeMap::<&str, usize>::new();
    for (name, text) in [("tracing", &logs), ("audit", &audit), ("usage", &report)] {
        for line in text.lines() {
            // rmcp's own DEBUG/TRACE events dump whole MCP messages, successful results
            // included (the server binary logs at INFO): checked for secrets only.
            let message_dump = name == "tracing"
                && line.contains(" rmcp::")
                && (line.contains(" DEBUG ") || line.contains(" TRACE "));
            let pii = !message_dump && !pii_in(line).is_empty();
            if line.contains(SECRET) || line.contains(&bearer) || pii {
                leaks.push(format!(
                    "{name}: {}",
                    line.chars().take(400).collect::<String>()
                ));
            }
        }
        *lines.entry(name).or_default() += text.lines().count();
    }
    let mut errors = 0;
    for (round, tool, reply) in &replies {
        let text = &reply.text;
        let v = reply.json();
        let is_error = v.get("error").is_some() || v["result"]["isError"] == json!(true);
        errors += usize::from(is_error);
        if text.contains(SECRET) || text.contains(&bearer) || (is_error && !pii_in(text).is_empty())
        {
            leaks.push(format!(
                "MCP answer, round {round}, {tool}: {}",
                text.chars().take(400).collect::<String>()
            ));
        }
    }
    assert!(
        leaks.is_empty(),
        "{} leaks:\n{}",
        leaks.len(),
        leaks.join("\n")
    );
    assert!(logs.contains("shopmcp"), "tracing output was captured");
    assert!(
        errors > listed.len() * 2,
        "the error rounds produced errors: {errors}"
    );
    #[allow(clippy::print_stdout)]
    {
        println!(
            "leaks: {} tools, {} MCP answers ({errors} errors), {} audit events, {} tracing lines, {fixture_ok} succeeded on their fixtures",
            listed.len(),
            replies.len(),
            audit.lines().count(),
            lines["tracing"],
        );
    }
}
