//! One call per tool with every optional argument set, and the answers the fake store gives.
//! `tests/spec.rs` sends them all and checks each captured request against the OpenAPI files.

use serde_json::{Value, json};
use shopmcp_testkit::FakeResponse;

use super::{fixture, fixture_with_status, path};

/// A tool call and the fake store's answers (method, path, answer).
pub struct Sample {
    pub tool: &'static str,
    pub args: Value,
    pub answers: Vec<(&'static str, String, FakeResponse)>,
}

fn sample(tool: &'static str, args: Value, answers: Vec<(&'static str, &str, &str)>) -> Sample {
    Sample {
        tool,
        args,
        answers: answers
            .into_iter()
            .map(|(method, rest, file)| {
                let answer = if method == "POST" && !file.contains("quote") {
                    fixture_with_status(file, 201)
                } else {
                    fixture(file)
                };
                (method, path(rest), answer)
            })
            .collect(),
    }
}

pub const CART: &str = "6e193ce6-f327-4dcc-b75e-72cf6738525e";

/// Every tool, once, with all optional arguments.
pub fn all() -> Vec<Sample> {
    let cart = |rest: &str| format!("/v3/carts/{CART}{rest}");
    vec![
        sample(
            "bigcommerce_store_get",
            json!({}),
            vec![("GET", "/v2/store", "store.json")],
        ),
        sample(
            "bigcommerce_products_list",
            json!({"keyword": "jar", "sku": "LPJ-1L", "brand_id": 36, "category_id": 23,
                   "is_visible": true, "sort": "price", "direction": "desc",
                   "include_variants": true, "page": 2, "limit": 2}),
            vec![("GET", "/v3/catalog/products", "products.json")],
        ),
        sample(
            "bigcommerce_products_get",
            json!({"product_id": 174}),
            vec![("GET", "/v3/catalog/products/174", "product.json")],
        ),
        sample(
            "bigcommerce_products_update",
            json!({"product_id": 174, "changes": {"name": "Le Parfait Jar 1 L", "price": "8.50",
                   "sale_price": "7.99", "is_visible": false, "description": "<p>Glass jar</p>",
                   "weight": "1.25"}}),
            vec![("PUT", "/v3/catalog/products/174", "product_updated.json")],
        ),
        sample(
            "bigcommerce_variants_list",
            json!({"sku": "LPJ-1L-BLK", "product_id": 174, "page": 1, "limit": 10}),
            vec![("GET", "/v3/catalog/variants", "variants.json")],
        ),
        sample(
            "bigcommerce_variant_prices_update",
            json!({"product_id": 174, "variant_id": 384,
                   "changes": {"price": "27.50", "sale_price": "22"}}),
            vec![(
                "PUT",
                "/v3/catalog/products/174/variants/384",
                "variant_updated.json",
            )],
        ),
        sample(
            "bigcommerce_category_tree_get",
            json!({"tree_id": 1, "depth": 3}),
            vec![(
                "GET",
                "/v3/catalog/trees/1/categories",
                "category_tree.json",
            )],
        ),
        sample(
            "bigcommerce_brands_list",
            json!({"name_contains": "Parf", "page": 1, "limit": 20}),
            vec![("GET", "/v3/catalog/brands", "brands.json")],
        ),
        sample(
            "bigcommerce_orders_list",
            json!({"status_id": 11, "customer_id": 20, "email": "janedoe@example.com",
                   "created_from": "2018-01-01T00:00:00Z", "created_to": "2018-12-31T23:59:59Z",
                   "min_id": 100, "max_id": 200, "sort": "date_created", "direction": "desc",
                   "page": 1, "limit": 2}),
            vec![("GET", "/v2/orders", "orders.json")],
        ),
        sample(
            "bigcommerce_orders_get",
            json!({"order_id": 100}),
            vec![("GET", "/v2/orders/100", "order.json")],
        ),
        sample(
            "bigcommerce_orders_update",
            json!({"order_id": 100, "changes": {"status_id": 9, "staff_notes": "Packed by Sam"}}),
            vec![("PUT", "/v2/orders/100", "order_updated.json")],
        ),
        sample(
            "bigcommerce_order_products_list",
            json!({"order_id": 100, "page": 1, "limit": 50}),
            vec![("GET", "/v2/orders/100/products", "order_products.json")],
        ),
        sample(
            "bigcommerce_order_shipping_addresses_list",
            json!({"order_id": 100, "page": 1, "limit": 50}),
            vec![(
                "GET",
                "/v2/orders/100/shipping_addresses",
                "shipping_addresses.json",
            )],
        ),
        sample(
            "bigcommerce_order_statuses_list",
            json!({}),
            vec![("GET", "/v2/order_statuses", "order_statuses.json")],
        ),
        sample(
            "bigcommerce_shipments_list",
            json!({"order_id": 100, "page": 1, "limit": 20}),
            vec![("GET", "/v2/orders/100/shipments", "shipments.json")],
        ),
        sample(
            "bigcommerce_shipments_create",
            json!({"order_id": 100, "order_address_id": 132,
                   "items": [{"order_product_id": 65, "quantity": 1}],
                   "tracking_number": "1Z999AA10123456784", "shipping_provider": "ups",
                   "tracking_carrier": "ups", "shipping_method": "Express",
                   "idempotency_key": "ship-100-132-a"}),
            vec![("POST", "/v2/orders/100/shipments", "shipment_created.json")],
        ),
        sample(
            "bigcommerce_transactions_list",
            json!({"order_id": 100}),
            vec![("GET", "/v3/orders/100/transactions", "transactions.json")],
        ),
        sample(
            "bigcommerce_refunds_list",
            json!({"order_id": 100, "created_from": "2022-06-01T00:00:00Z",
                   "created_to": "2022-06-30T23:59:59Z", "page": 1, "limit": 20}),
            vec![("GET", "/v3/orders/payment_actions/refunds", "refunds.json")],
        ),
        sample(
            "bigcommerce_refunds_quote",
            json!({"order_id": 100, "items": [
                {"item_type": "PRODUCT", "item_id": 65, "quantity": 1},
                {"item_type": "SHIPPING", "item_id": 132, "amount": "10.00"}]}),
            vec![(
                "POST",
                "/v3/orders/100/payment_actions/refund_quotes",
                "refund_quote.json",
            )],
        ),
        sample(
            "bigcommerce_customers_list",
            json!({"name_contains": "smith", "email": "jane.smith@example.com",
                   "customer_group_id": 2, "created_from": "2023-01-01T00:00:00Z",
                   "created_to": "2024-01-01T00:00:00Z", "sort": "date_created:desc",
                   "page": 1, "limit": 20}),
            vec![("GET", "/v3/customers", "customers.json")],
        ),
        sample(
            "bigcommerce_customers_get",
            json!({"customer_id": 11}),
            vec![("GET", "/v3/customers", "customers.json")],
        ),
        sample(
            "bigcommerce_customer_groups_list",
            json!({"name_contains": "Whole", "page": 1, "limit": 20}),
            vec![("GET", "/v2/customer_groups", "customer_groups.json")],
        ),
        Sample {
            tool: "bigcommerce_carts_get",
            args: json!({"cart_id": CART, "checkout_url": true}),
            answers: vec![
                ("GET", path(&cart("")), fixture("cart.json")),
                (
                    "POST",
                    path(&cart("/redirect_urls")),
                    fixture_with_status("redirect_urls.json", 201),
                ),
            ],
        },
        sample(
            "bigcommerce_carts_create",
            json!({"line_items": [{"product_id": 174, "variant_id": 384, "quantity": 2}]}),
            vec![("POST", "/v3/carts", "cart.json")],
        ),
        Sample {
            tool: "bigcommerce_cart_items_add",
            args: json!({"cart_id": CART, "line_items": [{"product_id": 175, "quantity": 1}]}),
            answers: vec![(
                "POST",
                path(&cart("/items")),
                fixture_with_status("cart.json", 201),
            )],
        },
        sample(
            "bigcommerce_abandoned_carts_get",
            json!({"token": "0f1e2d3c-4b5a-4697-8877-665544332211"}),
            vec![(
                "GET",
                "/v3/abandoned-carts/0f1e2d3c-4b5a-4697-8877-665544332211",
                "abandoned_cart.json",
            )],
        ),
        sample(
            "bigcommerce_inventory_items_list",
            json!({"location_id": 1, "sku": "LPJ-1L-BLK", "product_id": 174, "variant_id": 384,
                   "page": 1, "limit": 20}),
            vec![(
                "GET",
                "/v3/inventory/locations/1/items",
                "inventory_items.json",
            )],
        ),
        sample(
            "bigcommerce_inventory_adjust",
            json!({"reason": "Damaged in warehouse", "items": [
                {"location_id": 1, "sku": "LPJ-1L-BLK", "quantity": -2},
                {"location_id": 1, "variant_id": 385, "quantity": 5},
                {"location_id": 2, "product_id": 111, "quantity": 7}]}),
            vec![(
                "POST",
                "/v3/inventory/adjustments/relative",
                "inventory_receipt.json",
            )],
        ),
        sample(
            "bigcommerce_inventory_set",
            json!({"reason": "Stock count 2026-11", "items": [
                {"location_id": 1, "sku": "LPJ-1L-BLK", "quantity": 30},
                {"location_id": 1, "variant_id": 385, "quantity": 0},
                {"location_id": 2, "product_id": 111, "quantity": 7}]}),
            vec![(
                "PUT",
                "/v3/inventory/adjustments/absolute",
                "inventory_receipt.json",
            )],
        ),
        sample(
            "bigcommerce_locations_list",
            json!({"page": 1, "limit": 20}),
            vec![("GET", "/v3/inventory/locations", "locations.json")],
        ),
        sample(
            "bigcommerce_promotions_list",
            json!({"name": "Summer", "code": "TEST_COUPON", "redemption_type": "coupon",
                   "status": "ENABLED", "sort": "start_date", "direction": "asc",
                   "page": 1, "limit": 1}),
            vec![("GET", "/v3/promotions", "promotions.json")],
        ),
        sample(
            "bigcommerce_coupon_codes_list",
            json!({"promotion_id": 1, "code": "TEST_COUPON", "cursor": "eyJpZCI6IjIzNzU1NyJ9",
                   "limit": 20}),
            vec![("GET", "/v3/promotions/1/codes", "coupon_codes.json")],
        ),
    ]
}
