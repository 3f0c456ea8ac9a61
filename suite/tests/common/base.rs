//! A valid argument object for every write tool: generated from its compiled input schema,
//! or taken from [`EXAMPLES`] where the generated one does not suit the tool.

use serde_json::{Map, Value, json};
use shopmcp_core::validate::Limits;
use shopmcp_core::validate::schema::{Node, StringFormat};
use shopmcp_core::{IDEMPOTENCY_KEY_FIELD, ToolSpec};

/// Explicit base arguments, for tools whose handlers check more than the schema says (Shopify
/// cart ids, BigCommerce's "exactly one of sku, variant_id, product_id") or whose answers
/// must name the record sent (Neto).
pub(crate) const EXAMPLES: &[(&str, &str)] = &[
    (
        "shopify_cart_lines_add",
        r#"{"cart_id": "gid://shopify/Cart/Z2NwLWV1cm9wZS13ZXN0NDowMUpDUlJTVlg3?key=8c2f6e1d0a",
            "lines": [{"merchandise_id": "gid://shopify/ProductVariant/49148385", "quantity": 1}]}"#,
    ),
    (
        "shopify_cart_lines_update",
        r#"{"cart_id": "gid://shopify/Cart/Z2NwLWV1cm9wZS13ZXN0NDowMUpDUlJTVlg3?key=8c2f6e1d0a",
            "lines": [{"line_id": "gid://shopify/CartLine/3f1b8c8e-0c1d-4f7e-9a55-2a1c8a6b7d10?cart=Z2NwLWV1cm9wZS13ZXN0NDowMUpDUlJTVlg3",
                       "quantity": 2}]}"#,
    ),
    (
        "shopify_cart_lines_remove",
        r#"{"cart_id": "gid://shopify/Cart/Z2NwLWV1cm9wZS13ZXN0NDowMUpDUlJTVlg3?key=8c2f6e1d0a",
            "line_ids": ["gid://shopify/CartLine/3f1b8c8e-0c1d-4f7e-9a55-2a1c8a6b7d10?cart=Z2NwLWV1cm9wZS13ZXN0NDowMUpDUlJTVlg3"]}"#,
    ),
    (
        "bigcommerce_inventory_adjust",
        r#"{"reason": "Cycle count", "items": [{"location_id": 1, "sku": "SKU-1", "quantity": 3}]}"#,
    ),
    (
        "bigcommerce_inventory_set",
        r#"{"reason": "Cycle count", "items": [{"location_id": 1, "variant_id": 77, "quantity": 10}]}"#,
    ),
    // Neto confirms a write by echoing the record: these match the crate's fixtures.
    (
        "neto_items_update",
        r#"{"sku": "LSD", "changes": {"name": "Lakeside Dress", "default_price": "89.95"}}"#,
    ),
    (
        "neto_stock_update",
        r#"{"sku": "LSD", "warehouse_id": 1, "mode": "set", "quantity": 12}"#,
    ),
    (
        "neto_order_notes_add",
        r#"{"order_id": "N10042", "title": "Call", "description": "Called the customer."}"#,
    ),
    (
        "neto_order_status_update",
        r#"{"order_id": "N10042", "order_status": "Quote", "send_customer_email": false,
            "idempotency_key": "status-N10042",
            "tracking": [{"sku": "LSD", "tracking_number": "TRK1", "shipping_method": "Post",
                          "date_shipped": "2026-11-21"}]}"#,
    ),
];

/// A value `node` accepts: every property of every object, one item per array (or the
/// minimum), the first allowed value of an enumeration, a well-formed value of a format.
pub(crate) fn generate(node: &Node) -> Value {
    match node {
        Node::Any | Node::Null => Value::Null,
        Node::Boolean => Value::Bool(false),
        Node::Integer { min, max } => json!(number_in(*min, *max) as i64),
        Node::Number { min, max } => json!(number_in(*min, *max)),
        Node::String {
            min_chars,
            allowed,
            format,
            ..
        } => Value::String(match (allowed, format) {
            (Some(a), _) if !a.is_empty() => a[0].clone(),
            (_, Some(StringFormat::Decimal)) => "1.00".into(),
            (_, Some(StringFormat::DateTime)) => "2026-11-21T10:00:00Z".into(),
            (_, Some(StringFormat::Date)) => "2026-11-21".into(),
            (_, Some(StringFormat::Uuid)) => "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b".into(),
            _ => "1".repeat(min_chars.unwrap_or(1).max(1)),
        }),
        Node::Array {
            items, min_items, ..
        } => {
            let n = min_items.unwrap_or(1).max(1);
            (0..n).map(|_| generate(items)).collect()
        }
        Node::Object { properties, .. } => Value::Object(
            properties
                .iter()
                .map(|(k, n)| (k.clone(), generate(n)))
                .collect::<Map<String, Value>>(),
        ),
        Node::Nullable(inner) => generate(inner),
    }
}

fn number_in(min: Option<f64>, max: Option<f64>) -> f64 {
    let n = min.map_or(1.0, |m| m.max(1.0));
    max.map_or(n, |m| n.min(m))
}

/// The base arguments of `spec`: its explicit example if it has one, else the generated value.
/// `None` when neither passes validation.
pub(crate) fn base(spec: &ToolSpec) -> Option<Value> {
    let candidate = match EXAMPLES.iter().find(|(name, _)| *name == spec.name()) {
        Some((_, text)) => serde_json::from_str(text).ok()?,
        None => generate(spec.input_node()),
    };
    spec.validate(candidate.clone().into(), &Limits::default())
        .ok()
        .map(|_| candidate)
}

/// `base` with a fresh idempotency key, when the tool takes one (W3 replays would otherwise
/// be answered from the idempotency store without reaching the fake).
pub(crate) fn with_fresh_key(mut base: Value, n: u64) -> Value {
    if let Some(obj) = base.as_object_mut()
        && obj.contains_key(IDEMPOTENCY_KEY_FIELD)
    {
        obj.insert(
            IDEMPOTENCY_KEY_FIELD.into(),
            json!(format!("suite-{n:016x}")),
        );
    }
    base
}
