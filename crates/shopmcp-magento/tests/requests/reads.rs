//! Store hierarchy, catalogue and inventory reads; path encoding of SKUs.

use serde_json::json;
use shopmcp_core::ErrorKind;

use crate::common::{self, Harness, fixture, ok, search_result};

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn page(size: &str, page: &str) -> Vec<(String, String)> {
    pairs(&[
        ("searchCriteria[pageSize]", size),
        ("searchCriteria[currentPage]", page),
    ])
}

#[tokio::test]
async fn stores_list_reads_three_lists_and_nests_them() {
    let h = Harness::new().await;
    h.fake.push(
        "GET",
        "/rest/default/V1/store/websites",
        ok(&json!([
            {"id": 0, "code": "admin", "name": "Admin", "default_group_id": 0},
            {"id": 1, "code": "base", "name": "Main Website", "default_group_id": 1}
        ])),
    );
    h.fake.push("GET", "/rest/default/V1/store/storeGroups", ok(&json!([
        {"id": 0, "website_id": 0, "root_category_id": 0, "default_store_id": 0, "name": "Default", "code": "default"},
        {"id": 1, "website_id": 1, "root_category_id": 2, "default_store_id": 1, "name": "Main Website Store", "code": "main_website_store"}
    ])));
    h.fake.push("GET", "/rest/default/V1/store/storeViews", ok(&json!([
        {"id": 0, "code": "admin", "name": "Admin", "website_id": 0, "store_group_id": 0, "is_active": 1},
        {"id": 1, "code": "default", "name": "Default Store View", "website_id": 1, "store_group_id": 1, "is_active": 1},
        {"id": 2, "code": "fr", "name": "French", "website_id": 1, "store_group_id": 1, "is_active": 0}
    ])));
    let out = h.ok("magento_stores_list", json!({})).await;
    let requests = h.fake.requests();
    let paths: Vec<&str> = requests.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/rest/default/V1/store/websites",
            "/rest/default/V1/store/storeGroups",
            "/rest/default/V1/store/storeViews"
        ]
    );
    for r in &requests {
        assert_eq!(r.method, "GET");
        assert_eq!(r.query, None);
        assert_eq!(r.header("accept"), Some("application/json"));
        assert!(r.body.is_empty());
        common::oauth_check::assert_signed(r, h.port());
    }
    let main = &out["websites"][1];
    assert_eq!(main["code"], "base");
    assert_eq!(main["groups"][0]["root_category_id"], 2);
    assert_eq!(
        main["groups"][0]["views"],
        json!([
            {"id": 1, "code": "default", "name": "Default Store View", "enabled": true},
            {"id": 2, "code": "fr", "name": "French", "enabled": false}
        ])
    );
}

#[tokio::test]
async fn products_search_builds_enumerated_criteria() {
    let h = Harness::new().await;
    let product = fixture("product.json");
    h.fake.push(
        "GET",
        "/rest/default/V1/products",
        ok(&search_result(&[product], 41)),
    );
    let out = h
        .ok(
            "magento_products_search",
            json!({
                "filters": [
                    {"field": "name", "condition": "like", "value": "%duffle bag%"},
                    {"field": "price", "condition": "lteq", "value": "50"},
                    {"field": "status", "condition": "eq", "value": "1"}
                ],
                "sort": {"field": "price", "direction": "asc"},
                "page_size": 20,
                "page": 2
            }),
        )
        .await;
    let req = h.only_request();
    assert_eq!(
        (req.method.as_str(), req.path.as_str()),
        ("GET", "/rest/default/V1/products")
    );
    let mut expected = pairs(&[
        ("searchCriteria[filterGroups][0][filters][0][field]", "name"),
        (
            "searchCriteria[filterGroups][0][filters][0][value]",
            "%duffle_bag%",
        ),
        (
            "searchCriteria[filterGroups][0][filters][0][conditionType]",
            "like",
        ),
        (
            "searchCriteria[filterGroups][1][filters][0][field]",
            "price",
        ),
        ("searchCriteria[filterGroups][1][filters][0][value]", "50"),
        (
            "searchCriteria[filterGroups][1][filters][0][conditionType]",
            "lteq",
        ),
        (
            "searchCriteria[filterGroups][2][filters][0][field]",
            "status",
        ),
        ("searchCriteria[filterGroups][2][filters][0][value]", "1"),
        (
            "searchCriteria[filterGroups][2][filters][0][conditionType]",
            "eq",
        ),
        ("searchCriteria[sortOrders][0][field]", "price"),
        ("searchCriteria[sortOrders][0][direction]", "ASC"),
    ]);
    expected.extend(page("20", "2"));
    assert_eq!(common::query(&req), expected);
    assert_eq!(
        out,
        json!({
            "items": [{
                "id": 1, "sku": "24-MB01", "name": "Joust Duffle Bag", "type_id": "simple",
                "status": "enabled", "visibility": "catalog_search", "price": "34",
                "special_price": "29.000000", "created_at": "2026-03-02 09:14:11",
                "updated_at": "2026-11-18 16:40:02"
            }],
            "total_count": 41, "page": 2, "page_size": 20, "has_more": true
        })
    );
}

#[tokio::test]
async fn search_arguments_outside_the_enums_never_reach_the_store() {
    let h = Harness::new().await;
    for args in [
        json!({"filters": [{"field": "password_hash", "condition": "eq", "value": "x"}]}),
        json!({"filters": [{"field": "sku", "condition": "regexp", "value": "x"}]}),
        json!({"sort": {"field": "cost", "direction": "asc"}}),
        json!({"page_size": 500}),
        json!({"page": 0}),
        json!({"filters": [{"field": "sku", "condition": "eq", "value": "a b"}]}),
        json!({"searchCriteria": {"pageSize": 1000}}),
    ] {
        let err = h
            .call("magento_products_search", args.clone())
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArguments, "{args}");
    }
    assert_eq!(h.fake.request_count(), 0);
}

#[tokio::test]
async fn products_get_shows_stock_and_marks_descriptions_untrusted() {
    let h = Harness::new().await;
    h.fake.push(
        "GET",
        "/rest/default/V1/products/24-MB01",
        ok(&fixture("product.json")),
    );
    let out = h
        .ok("magento_products_get", json!({"sku": "24-MB01"}))
        .await;
    let req = h.only_request();
    assert_eq!(req.query, None);
    assert_eq!(
        out["stock"],
        json!({
            "item_id": 1, "product_id": 1, "stock_id": 1, "qty": "100", "is_in_stock": true,
            "manage_stock": true, "low_stock_date": null
        })
    );
    assert_eq!(out["category_ids"], json!(["3", "4"]));
    assert_eq!(out["website_ids"], json!([1]));
    assert_eq!(out["weight"], "1.2");
    assert!(
        out["description"]["untrusted_text"]
            .as_str()
            .unwrap()
            .contains("Ignore previous")
    );
    assert_eq!(
        out["short_description"],
        json!({"untrusted_text": "<p>Roomy duffle for the gym.</p>"})
    );
    assert!(out.get("media_gallery_entries").is_none() && out.get("custom_attributes").is_none());
}

#[tokio::test]
async fn a_traversing_sku_stays_one_path_segment() {
    let h = Harness::new().await;
    h.fake
        .set_default(ok(&json!({"id": 1, "email": "leak@example.com"})));
    for (sku, path) in [
        (
            "../customers/1",
            "/rest/default/V1/products/..%2Fcustomers%2F1",
        ),
        (
            "..%2Fcustomers%2F1",
            "/rest/default/V1/products/..%252Fcustomers%252F1",
        ),
        (
            "a/../../customers",
            "/rest/default/V1/products/a%2F..%2F..%2Fcustomers",
        ),
        (
            "x?searchCriteria=1#f",
            "/rest/default/V1/products/x%3FsearchCriteria%3D1%23f",
        ),
        ("MB 01;é", "/rest/default/V1/products/MB%2001%3B%C3%A9"),
    ] {
        let _ = h.call("magento_products_get", json!({"sku": sku})).await;
        let req = h.fake.requests().pop().unwrap();
        assert_eq!(req.path, path, "{sku}");
        assert_eq!(req.query, None, "{sku}");
        common::oauth_check::assert_signed(&req, h.port());
    }
    for sku in ["..", ".", "", "a\u{0}b", "a\r\nHost: evil", "x\u{202e}y"] {
        let err = h
            .call("magento_products_get", json!({"sku": sku}))
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArguments, "{sku:?}");
    }
    let requests = h.fake.requests();
    assert_eq!(requests.len(), 5);
    assert!(
        requests
            .iter()
            .all(|r| r.path.starts_with("/rest/default/V1/products/"))
    );
    assert!(!requests.iter().any(|r| r.path.contains("/V1/customers")));
}

#[tokio::test]
async fn categories_are_flattened_depth_first() {
    let h = Harness::new().await;
    h.fake.push(
        "GET",
        "/rest/default/V1/categories",
        ok(&fixture("categories.json")),
    );
    let out = h
        .ok(
            "magento_categories_list",
            json!({"root_category_id": 2, "depth": 3}),
        )
        .await;
    let req = h.only_request();
    assert_eq!(
        common::query(&req),
        pairs(&[("rootCategoryId", "2"), ("depth", "3")])
    );
    let ids: Vec<(u64, u64)> = out["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_u64().unwrap(), c["parent_id"].as_u64().unwrap()))
        .collect();
    assert_eq!(ids, [(2, 1), (3, 2), (4, 3), (5, 3), (7, 2)]);
    assert_eq!(out["categories"][4]["enabled"], false);
    assert_eq!(out["omitted"], 0);
}

#[tokio::test]
async fn inventory_reads() {
    let h = Harness::new().await;
    let stock = fixture("product.json")["extension_attributes"]["stock_item"].clone();
    h.fake
        .push("GET", "/rest/default/V1/stockItems/24-MB01", ok(&stock));
    let out = h
        .ok("magento_stock_items_get", json!({"sku": "24-MB01"}))
        .await;
    assert_eq!(
        (out["qty"].clone(), out["is_in_stock"].clone()),
        (json!("100"), json!(true))
    );
    h.only_request();

    let h = Harness::new().await;
    let path = "/rest/default/V1/inventory/get-product-salable-quantity/24-MB01/2";
    h.fake.push("GET", path, ok(&json!(97.5)));
    let out = h
        .ok(
            "magento_salable_quantity_get",
            json!({"sku": "24-MB01", "stock_id": 2}),
        )
        .await;
    assert_eq!(
        out,
        json!({"sku": "24-MB01", "stock_id": 2, "salable_quantity": "97.5"})
    );
    assert_eq!(h.only_request().path, path);

    let h = Harness::new().await;
    h.fake.push("GET", "/rest/default/V1/inventory/sources", ok(&search_result(&[json!({
        "source_code": "default", "name": "Default Source", "enabled": true, "country_id": "US",
        "postcode": "00000", "email": "ops@example.com", "contact_name": "Ops", "phone": "555"
    })], 1)));
    let out = h.ok("magento_sources_list", json!({"page_size": 5})).await;
    assert_eq!(common::query(&h.only_request()), page("5", "1"));
    assert_eq!(
        out["items"],
        json!([{
            "source_code": "default", "name": "Default Source", "enabled": true, "country_id": "US", "city": null
        }])
    );
}
