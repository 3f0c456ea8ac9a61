//! Admin write tools.

use proptest::prelude::*;
use serde_json::{Value, json};

use crate::strategies::{id, key, price, tags, text};
use crate::{WriteTool, check};

fn note_and_tags(id_field: &'static str) -> impl Strategy<Value = Value> {
    (
        id(),
        prop::option::of(text()),
        prop::option::of(tags()),
        any::<bool>(),
    )
        .prop_map(move |(id, note, tags, note_first)| {
            let mut v = json!({ id_field: id });
            match (note, tags) {
                (None, None) if note_first => v["note"] = json!("n"),
                (None, None) => v["tags"] = json!(["t"]),
                (note, tags) => {
                    if let Some(n) = note {
                        v["note"] = json!(n);
                    }
                    if let Some(t) = tags {
                        v["tags"] = json!(t);
                    }
                }
            }
            v
        })
}

static ORDERS_UPDATE: WriteTool = WriteTool {
    name: "shopify_orders_update",
    allowed: &["input", "id", "note", "tags"],
    not_writable: &[
        "email",
        "phone",
        "shipping_address",
        "shippingAddress",
        "po_number",
        "metafields",
        "custom_attributes",
        "customer_id",
    ],
    nested: None,
};

#[test]
fn orders_update() {
    check(&ORDERS_UPDATE, note_and_tags("order_id"));
}

static CUSTOMERS_UPDATE: WriteTool = WriteTool {
    name: "shopify_customers_update",
    allowed: &["input", "id", "note", "tags"],
    not_writable: &[
        "email",
        "phone",
        "first_name",
        "lastName",
        "email_marketing_consent",
        "smsMarketingConsent",
        "tax_exempt",
        "addresses",
        "locale",
    ],
    nested: None,
};

#[test]
fn customers_update() {
    check(&CUSTOMERS_UPDATE, note_and_tags("customer_id"));
}

static PRODUCTS_UPDATE: WriteTool = WriteTool {
    name: "shopify_products_update",
    allowed: &[
        "product",
        "id",
        "title",
        "descriptionHtml",
        "status",
        "tags",
        "vendor",
        "productType",
        "seo",
        "description",
    ],
    not_writable: &[
        "handle",
        "variants",
        "options",
        "price",
        "template_suffix",
        "metafields",
        "category",
        "redirect_new_handle",
        "collections_to_join",
        "gift_card",
    ],
    nested: None,
};

#[test]
fn products_update() {
    let fields = (
        prop::option::of("[A-Za-z0-9 ]{1,40}"),
        prop::option::of("[a-z ]{0,40}".prop_map(|t| format!("<p>{t}</p>"))),
        prop::option::of(prop::sample::select(vec![
            "active", "draft", "archived", "unlisted",
        ])),
        prop::option::of(tags()),
        prop::option::of("[A-Za-z]{1,20}"),
        prop::option::of("[A-Za-z ]{0,20}"),
        prop::option::of("[A-Za-z ]{0,40}"),
        prop::option::of(text()),
    );
    let valid = (id(), fields).prop_map(
        |(id, (title, html, status, tags, vendor, ptype, seo_t, seo_d))| {
            let mut v = json!({"product_id": id});
            let mut put = |k: &str, x: Option<Value>| {
                if let Some(x) = x {
                    v[k] = x;
                }
            };
            put("title", title.map(Value::from));
            put("description_html", html.map(Value::from));
            put("status", status.map(Value::from));
            put("tags", tags.map(|t| json!(t)));
            put("vendor", vendor.map(Value::from));
            put("product_type", ptype.map(Value::from));
            put("seo_title", seo_t.map(Value::from));
            put("seo_description", seo_d.map(Value::from));
            if v.as_object().unwrap().len() == 1 {
                v["title"] = json!("Title");
            }
            v
        },
    );
    check(&PRODUCTS_UPDATE, valid);
}

static VARIANT_PRICES_UPDATE: WriteTool = WriteTool {
    name: "shopify_variant_prices_update",
    allowed: &["id", "productId", "variants", "price", "compareAtPrice"],
    not_writable: &[
        "sku",
        "barcode",
        "inventory_policy",
        "taxable",
        "inventoryQuantities",
        "option_values",
        "cost",
    ],
    nested: None,
};

#[test]
fn variant_prices_update() {
    let valid =
        (id(), prop::option::of(price()), prop::option::of(price())).prop_map(|(id, p, c)| {
            let mut v = json!({"variant_id": id});
            if p.is_none() && c.is_none() {
                v["price"] = json!("9.99");
            }
            if let Some(p) = p {
                v["price"] = json!(p);
            }
            if let Some(c) = c {
                v["compare_at_price"] = json!(c);
            }
            v
        });
    check(&VARIANT_PRICES_UPDATE, valid);
}

const INVENTORY_ALLOWED: &[&str] = &[
    "idempotencyKey",
    "input",
    "name",
    "reason",
    "referenceDocumentUri",
    "changes",
    "quantities",
    "inventoryItemId",
    "locationId",
    "delta",
    "quantity",
    "changeFromQuantity",
];

fn reason() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "correction",
        "cycle_count_available",
        "damaged",
        "promotion",
        "quality_control",
        "received",
        "restock",
        "safety_stock",
        "shrinkage",
        "other",
    ])
}

static INVENTORY_ADJUST: WriteTool = WriteTool {
    name: "shopify_inventory_adjust",
    allowed: INVENTORY_ALLOWED,
    not_writable: &[
        "name",
        "quantity_name",
        "reference_document_uri",
        "ledger_document_uri",
        "sku",
        "available",
    ],
    nested: None,
};

#[test]
fn inventory_adjust() {
    let delta = prop_oneof![-1000i32..=-1, 1i32..=1000];
    let valid = (id(), id(), delta, reason(), prop::option::of(0i32..10_000)).prop_map(
        |(item, loc, delta, reason, expected)| {
            let mut v = json!({"inventory_item_id": item, "location_id": loc, "delta": delta, "reason": reason});
            if let Some(e) = expected {
                v["expected_available"] = json!(e);
            }
            v
        },
    );
    check(&INVENTORY_ADJUST, valid);
}

static INVENTORY_SET: WriteTool = WriteTool {
    name: "shopify_inventory_set",
    allowed: INVENTORY_ALLOWED,
    not_writable: &[
        "delta",
        "ignore_compare_quantity",
        "reference_document_uri",
        "sku",
        "incoming",
    ],
    nested: None,
};

#[test]
fn inventory_set() {
    let name = prop::option::of(prop::sample::select(vec!["available", "on_hand"]));
    let valid = (id(), id(), 0i32..100_000, name, reason(), 0i32..100_000).prop_map(
        |(item, loc, q, name, reason, current)| {
            let mut v = json!({"inventory_item_id": item, "location_id": loc, "quantity": q,
                "reason": reason, "current_quantity": current});
            if let Some(n) = name {
                v["quantity_name"] = json!(n);
            }
            v
        },
    );
    check(&INVENTORY_SET, valid);
}

static FULFILLMENTS_CREATE: WriteTool = WriteTool {
    name: "shopify_fulfillments_create",
    allowed: &[
        "fulfillment",
        "lineItemsByFulfillmentOrder",
        "fulfillmentOrderId",
        "fulfillmentOrderLineItems",
        "id",
        "quantity",
        "notifyCustomer",
        "trackingInfo",
        "company",
        "number",
    ],
    not_writable: &[
        "tracking_url",
        "origin_address",
        "message",
        "order_id",
        "location_id",
        "tracking_urls",
    ],
    nested: Some("line_items"),
};

#[test]
fn fulfillments_create() {
    let line = (id(), 1u32..50).prop_map(|(id, q)| json!({"id": id, "quantity": q}));
    let valid = (
        id(),
        prop::option::of(prop::collection::vec(line, 1..4)),
        prop::option::of("[A-Z]{2,10}"),
        prop::option::of("[A-Z0-9]{6,20}"),
        prop::option::of(any::<bool>()),
        key(),
    )
        .prop_map(|(fo, lines, company, number, notify, key)| {
            let mut v = json!({"fulfillment_order_id": fo, "idempotency_key": key});
            if let Some(l) = lines {
                v["line_items"] = json!(l);
            }
            if let Some(c) = company {
                v["tracking_company"] = json!(c);
            }
            if let Some(n) = number {
                v["tracking_number"] = json!(n);
            }
            if let Some(n) = notify {
                v["notify_customer"] = json!(n);
            }
            v
        });
    check(&FULFILLMENTS_CREATE, valid);
}

static ORDERS_CANCEL: WriteTool = WriteTool {
    name: "shopify_orders_cancel",
    allowed: &[
        "orderId",
        "reason",
        "restock",
        "notifyCustomer",
        "refundMethod",
        "originalPaymentMethodsRefund",
        "staffNote",
    ],
    not_writable: &[
        "refund_method",
        "store_credit_refund",
        "amount",
        "email",
        "notify",
    ],
    nested: None,
};

#[test]
fn orders_cancel() {
    let reasons = prop::sample::select(vec![
        "customer",
        "declined",
        "fraud",
        "inventory",
        "staff",
        "other",
    ]);
    let valid = (
        id(),
        reasons,
        any::<bool>(),
        prop::option::of(any::<bool>()),
        prop::option::of(any::<bool>()),
        prop::option::of("[a-zA-Z ]{0,40}"),
        key(),
    )
        .prop_map(|(id, reason, restock, refund, notify, note, key)| {
            let mut v = json!({"order_id": id, "reason": reason, "restock": restock, "idempotency_key": key});
            if let Some(r) = refund {
                v["refund"] = json!(r);
            }
            if let Some(n) = notify {
                v["notify_customer"] = json!(n);
            }
            if let Some(n) = note {
                v["staff_note"] = json!(n);
            }
            v
        });
    check(&ORDERS_CANCEL, valid);
}
