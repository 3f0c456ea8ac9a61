//! One successful call of every tool, with every optional argument used, and the answers the
//! fake store gives. `tests/spec.rs` runs them all and checks each request against the Swagger.

use serde_json::{Value, json};

use super::{fixture, search_result};

/// A call and the answers it needs (method, path, body), in request order.
pub struct Scenario {
    pub tool: &'static str,
    pub args: Value,
    pub answers: Vec<(&'static str, &'static str, Value)>,
}

fn search_args(field: &str, value: &str, sort: &str) -> Value {
    json!({
        "filters": [{"field": field, "condition": "eq", "value": value}],
        "sort": {"field": sort, "direction": "desc"},
        "page_size": 10,
        "page": 1
    })
}

macro_rules! path {
    ($tail:literal) => {
        concat!("/rest/default/V1", $tail)
    };
}

/// Every tool's scenario.
pub fn all() -> Vec<Scenario> {
    let product = fixture("product.json");
    let order = fixture("order.json");
    vec![
        Scenario {
            tool: "magento_stores_list",
            args: json!({}),
            answers: vec![
                (
                    "GET",
                    path!("/store/websites"),
                    json!([{"id": 1, "code": "base", "name": "Main Website", "default_group_id": 1}]),
                ),
                (
                    "GET",
                    path!("/store/storeGroups"),
                    json!([{"id": 1, "website_id": 1, "root_category_id": 2, "default_store_id": 1, "name": "Main Website Store", "code": "main_website_store"}]),
                ),
                (
                    "GET",
                    path!("/store/storeViews"),
                    json!([{"id": 1, "code": "default", "name": "Default Store View", "website_id": 1, "store_group_id": 1, "is_active": 1}]),
                ),
            ],
        },
        Scenario {
            tool: "magento_products_search",
            args: search_args("sku", "24-MB01", "price"),
            answers: vec![(
                "GET",
                path!("/products"),
                search_result(std::slice::from_ref(&product), 1),
            )],
        },
        Scenario {
            tool: "magento_products_get",
            args: json!({"sku": "24-MB01"}),
            answers: vec![("GET", path!("/products/24-MB01"), product.clone())],
        },
        Scenario {
            tool: "magento_categories_list",
            args: json!({"root_category_id": 2, "depth": 3}),
            answers: vec![("GET", path!("/categories"), fixture("categories.json"))],
        },
        Scenario {
            tool: "magento_orders_search",
            args: search_args("status", "processing", "created_at"),
            answers: vec![(
                "GET",
                path!("/orders"),
                search_result(std::slice::from_ref(&order), 1),
            )],
        },
        Scenario {
            tool: "magento_orders_get",
            args: json!({"order_id": 1}),
            answers: vec![("GET", path!("/orders/1"), order)],
        },
        Scenario {
            tool: "magento_order_comments_list",
            args: json!({"order_id": 1}),
            answers: vec![(
                "GET",
                path!("/orders/1/comments"),
                search_result(
                    &[json!({
                        "comment": "Captured amount of $74.00 online.", "created_at": "2026-11-20 08:25:10",
                        "entity_id": 4, "entity_name": "invoice", "is_customer_notified": 0,
                        "is_visible_on_front": 0, "parent_id": 1, "status": "processing"
                    })],
                    1,
                ),
            )],
        },
        Scenario {
            tool: "magento_invoices_search",
            args: search_args("order_id", "1", "created_at"),
            answers: vec![(
                "GET",
                path!("/invoices"),
                search_result(&[fixture("invoice.json")], 1),
            )],
        },
        Scenario {
            tool: "magento_invoices_get",
            args: json!({"id": 1}),
            answers: vec![("GET", path!("/invoices/1"), fixture("invoice.json"))],
        },
        Scenario {
            tool: "magento_shipments_search",
            args: search_args("order_id", "1", "entity_id"),
            answers: vec![(
                "GET",
                path!("/shipments"),
                search_result(&[fixture("shipment.json")], 1),
            )],
        },
        Scenario {
            tool: "magento_shipments_get",
            args: json!({"shipment_id": 3}),
            answers: vec![("GET", path!("/shipment/3"), fixture("shipment.json"))],
        },
        Scenario {
            tool: "magento_creditmemos_search",
            args: search_args("order_id", "1", "grand_total"),
            answers: vec![(
                "GET",
                path!("/creditmemos"),
                search_result(&[fixture("creditmemo.json")], 1),
            )],
        },
        Scenario {
            tool: "magento_creditmemos_get",
            args: json!({"id": 1}),
            answers: vec![("GET", path!("/creditmemo/1"), fixture("creditmemo.json"))],
        },
        Scenario {
            tool: "magento_customers_search",
            args: search_args("group_id", "1", "created_at"),
            answers: vec![(
                "GET",
                path!("/customers/search"),
                search_result(&[fixture("customer.json")], 1),
            )],
        },
        Scenario {
            tool: "magento_customers_get",
            args: json!({"customer_id": 1}),
            answers: vec![("GET", path!("/customers/1"), fixture("customer.json"))],
        },
        Scenario {
            tool: "magento_customer_groups_list",
            args: json!({"page_size": 50, "page": 1}),
            answers: vec![(
                "GET",
                path!("/customerGroups/search"),
                search_result(
                    &[
                        json!({"id": 1, "code": "General", "tax_class_id": 3, "tax_class_name": "Retail Customer"}),
                    ],
                    1,
                ),
            )],
        },
        Scenario {
            tool: "magento_stock_items_get",
            args: json!({"sku": "24-MB01"}),
            answers: vec![(
                "GET",
                path!("/stockItems/24-MB01"),
                product["extension_attributes"]["stock_item"].clone(),
            )],
        },
        Scenario {
            tool: "magento_salable_quantity_get",
            args: json!({"sku": "24-MB01", "stock_id": 1}),
            answers: vec![(
                "GET",
                path!("/inventory/get-product-salable-quantity/24-MB01/1"),
                json!(98),
            )],
        },
        Scenario {
            tool: "magento_sources_list",
            args: json!({"page_size": 5, "page": 1}),
            answers: vec![(
                "GET",
                path!("/inventory/sources"),
                search_result(
                    &[json!({
                        "source_code": "default", "name": "Default Source", "enabled": true,
                        "description": "Default Source", "latitude": 0, "longitude": 0, "country_id": "US",
                        "postcode": "00000", "use_default_carrier_config": true, "carrier_links": []
                    })],
                    1,
                ),
            )],
        },
        Scenario {
            tool: "magento_carts_search",
            args: search_args("is_active", "1", "updated_at"),
            answers: vec![(
                "GET",
                path!("/carts/search"),
                search_result(&[fixture("cart.json")], 1),
            )],
        },
        Scenario {
            tool: "magento_sales_rules_search",
            args: search_args("is_active", "1", "sort_order"),
            answers: vec![(
                "GET",
                path!("/salesRules/search"),
                search_result(&[fixture("sales_rule.json")], 1),
            )],
        },
        Scenario {
            tool: "magento_coupons_search",
            args: search_args("rule_id", "2", "times_used"),
            answers: vec![(
                "GET",
                path!("/coupons/search"),
                search_result(
                    &[json!({
                        "coupon_id": 7, "rule_id": 2, "code": "H20", "usage_limit": 100,
                        "usage_per_customer": 1, "times_used": 4, "expiration_date": null,
                        "is_primary": true, "created_at": "2026-11-01 00:00:00", "type": 0
                    })],
                    1,
                ),
            )],
        },
        Scenario {
            tool: "magento_guest_cart_totals_get",
            args: json!({"cart_id": "pT1qA5yW8vK2mN4bC6xZ9rS3dF7gH0jL"}),
            answers: vec![(
                "GET",
                path!("/guest-carts/pT1qA5yW8vK2mN4bC6xZ9rS3dF7gH0jL/totals"),
                fixture("totals.json"),
            )],
        },
        Scenario {
            tool: "magento_order_comments_create",
            args: json!({"order_id": 1, "comment": "Called the customer; parcel to be left at reception."}),
            answers: vec![("POST", path!("/orders/1/comments"), json!(true))],
        },
        Scenario {
            tool: "magento_products_update",
            args: json!({"sku": "24-MB01", "changes": {
                "name": "Joust Duffle Bag (2026)", "price": "36.50", "special_price": "31",
                "status": "enabled", "visibility": "catalog_search",
                "description": "Roomy & tough.\nTwo pockets.", "short_description": "Roomy duffle.",
                "weight": "1.25", "qty": "80", "is_in_stock": true
            }}),
            answers: vec![
                ("GET", path!("/products/24-MB01"), product.clone()),
                ("PUT", path!("/products/24-MB01"), product.clone()),
            ],
        },
        Scenario {
            tool: "magento_orders_hold",
            args: json!({"order_id": 1}),
            answers: vec![("POST", path!("/orders/1/hold"), json!(true))],
        },
        Scenario {
            tool: "magento_orders_unhold",
            args: json!({"order_id": 1}),
            answers: vec![("POST", path!("/orders/1/unhold"), json!(true))],
        },
        Scenario {
            tool: "magento_source_items_update",
            args: json!({"items": [
                {"sku": "24-MB01", "source_code": "default", "quantity": "40", "status": "in_stock"},
                {"sku": "24-MB04", "source_code": "warehouse-2", "quantity": "0", "status": "out_of_stock"}
            ]}),
            answers: vec![("POST", path!("/inventory/source-items"), json!([]))],
        },
        Scenario {
            tool: "magento_guest_carts_create",
            args: json!({}),
            answers: vec![(
                "POST",
                path!("/guest-carts"),
                json!("pT1qA5yW8vK2mN4bC6xZ9rS3dF7gH0jL"),
            )],
        },
        Scenario {
            tool: "magento_guest_cart_items_add",
            args: json!({"cart_id": "pT1qA5yW8vK2mN4bC6xZ9rS3dF7gH0jL", "sku": "24-MB01", "qty": "1"}),
            answers: vec![(
                "POST",
                path!("/guest-carts/pT1qA5yW8vK2mN4bC6xZ9rS3dF7gH0jL/items"),
                json!({
                    "item_id": 31, "sku": "24-MB01", "qty": 1, "name": "Joust Duffle Bag", "price": 34,
                    "product_type": "simple", "quote_id": "12"
                }),
            )],
        },
        Scenario {
            tool: "magento_shipments_create",
            args: json!({
                "order_id": 1, "idempotency_key": "ship-order-1-2026-11-21",
                "items": [{"order_item_id": 1, "qty": "2"}],
                "tracks": [{"carrier_code": "ups", "title": "United Parcel Service", "track_number": "1Z999AA10123456784"}],
                "notify_customer": true
            }),
            answers: vec![("POST", path!("/order/1/ship"), json!(3))],
        },
        Scenario {
            tool: "magento_orders_cancel",
            args: json!({"order_id": 1, "idempotency_key": "cancel-order-1-2026-11-21"}),
            answers: vec![("POST", path!("/orders/1/cancel"), json!(true))],
        },
    ]
}
