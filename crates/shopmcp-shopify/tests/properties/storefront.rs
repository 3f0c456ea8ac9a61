//! Storefront cart tools.

use proptest::prelude::*;
use serde_json::{Value, json};

use crate::strategies::id;
use crate::{WriteTool, check};

const CART_ID: &str = "gid://shopify/Cart/Z2NwLWV1cm9wZS13ZXN0NDowMUpD?key=8c2f6e1d0a";

fn new_lines() -> impl Strategy<Value = Value> {
    prop::collection::vec((id(), 1u32..=100), 1..4).prop_map(|lines| {
        json!(
            lines
                .into_iter()
                .map(|(id, q)| json!({"merchandise_id": id, "quantity": q}))
                .collect::<Vec<_>>()
        )
    })
}

static CARTS_CREATE: WriteTool = WriteTool {
    name: "shopify_carts_create",
    allowed: &["input", "lines", "merchandiseId", "quantity"],
    not_writable: &[
        "buyer_identity",
        "discount_codes",
        "note",
        "attributes",
        "gift_card_codes",
        "delivery",
    ],
    nested: Some("lines"),
};

#[test]
fn carts_create() {
    check(&CARTS_CREATE, new_lines().prop_map(|l| json!({"lines": l})));
}

static CART_LINES_ADD: WriteTool = WriteTool {
    name: "shopify_cart_lines_add",
    allowed: &["cartId", "lines", "merchandiseId", "quantity"],
    not_writable: &["selling_plan_id", "attributes", "parent", "note"],
    nested: Some("lines"),
};

#[test]
fn cart_lines_add() {
    check(
        &CART_LINES_ADD,
        new_lines().prop_map(|l| json!({"cart_id": CART_ID, "lines": l})),
    );
}

static CART_LINES_UPDATE: WriteTool = WriteTool {
    name: "shopify_cart_lines_update",
    allowed: &["cartId", "lines", "id", "quantity"],
    not_writable: &[
        "merchandise_id",
        "selling_plan_id",
        "attributes",
        "view_key",
    ],
    nested: Some("lines"),
};

#[test]
fn cart_lines_update() {
    let lines = prop::collection::vec(("[a-f0-9]{8}", 0u32..=100), 1..4).prop_map(|lines| {
        json!(lines
            .into_iter()
            .map(|(t, q)| json!({"line_id": format!("gid://shopify/CartLine/{t}?cart=Z2Nw"), "quantity": q}))
            .collect::<Vec<_>>())
    });
    check(
        &CART_LINES_UPDATE,
        lines.prop_map(|l| json!({"cart_id": CART_ID, "lines": l})),
    );
}

static CART_LINES_REMOVE: WriteTool = WriteTool {
    name: "shopify_cart_lines_remove",
    allowed: &["cartId", "lineIds"],
    not_writable: &["view_keys", "lines", "merchandise_id"],
    nested: None,
};

#[test]
fn cart_lines_remove() {
    let ids = prop::collection::vec("[a-f0-9]{8}", 1..4).prop_map(|ids| {
        json!(
            ids.into_iter()
                .map(|t| format!("gid://shopify/CartLine/{t}"))
                .collect::<Vec<_>>()
        )
    });
    check(
        &CART_LINES_REMOVE,
        ids.prop_map(|l| json!({"cart_id": CART_ID, "line_ids": l})),
    );
}
