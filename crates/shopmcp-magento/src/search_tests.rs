//! Tests of `searchCriteria` building.

use serde_json::json;
use shopmcp_core::ErrorKind;

use super::*;

search_fields! {
    /// Test fields.
    TestField {
        /// An id.
        Id = "entity_id" (Integer),
        /// A name.
        Name = "name" (Text),
        /// An amount.
        Total = "grand_total" (Decimal),
        /// A date.
        Created = "created_at" (Date),
        /// PII.
        Email = "customer_email" (Text) personal,
    }
}

type Input = SearchInput<TestField, TestField>;

fn input(v: serde_json::Value) -> Input {
    serde_json::from_value(v).unwrap()
}

fn pairs(c: &Criteria) -> Vec<(&str, &str)> {
    c.query
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

#[test]
fn filters_become_and_groups_with_sort_and_page() {
    let c = Criteria::search(
        &input(json!({
            "filters": [
                {"field": "created_at", "condition": "gteq", "value": "2026-11-01T00:00:00"},
                {"field": "name", "condition": "like", "value": "%blue shirt%"},
                {"field": "entity_id", "condition": "in", "value": "1,2,3"}
            ],
            "sort": {"field": "grand_total", "direction": "desc"},
            "page_size": 10,
            "page": 3
        })),
        false,
    )
    .unwrap();
    assert_eq!(
        pairs(&c),
        vec![
            (
                "searchCriteria[filterGroups][0][filters][0][field]",
                "created_at"
            ),
            (
                "searchCriteria[filterGroups][0][filters][0][value]",
                "2026-11-01T00:00:00"
            ),
            (
                "searchCriteria[filterGroups][0][filters][0][conditionType]",
                "gteq"
            ),
            ("searchCriteria[filterGroups][1][filters][0][field]", "name"),
            (
                "searchCriteria[filterGroups][1][filters][0][value]",
                "%blue_shirt%"
            ),
            (
                "searchCriteria[filterGroups][1][filters][0][conditionType]",
                "like"
            ),
            (
                "searchCriteria[filterGroups][2][filters][0][field]",
                "entity_id"
            ),
            (
                "searchCriteria[filterGroups][2][filters][0][value]",
                "1,2,3"
            ),
            (
                "searchCriteria[filterGroups][2][filters][0][conditionType]",
                "in"
            ),
            ("searchCriteria[sortOrders][0][field]", "grand_total"),
            ("searchCriteria[sortOrders][0][direction]", "DESC"),
            ("searchCriteria[pageSize]", "10"),
            ("searchCriteria[currentPage]", "3"),
        ]
    );
    assert_eq!((c.page, c.page_size), (3, 10));
}

#[test]
fn defaults_and_caps() {
    let c = Criteria::search(&input(json!({})), false).unwrap();
    assert_eq!(
        pairs(&c),
        vec![
            ("searchCriteria[pageSize]", "20"),
            ("searchCriteria[currentPage]", "1")
        ]
    );
    let c = Criteria::page(&PageInput {
        page_size: Some(5000),
        page: Some(u32::MAX),
    });
    assert_eq!((c.page, c.page_size), (MAX_PAGE, MAX_PAGE_SIZE));
}

#[test]
fn values_are_checked_per_kind() {
    let bad = [
        ("entity_id", "eq", "12a"),
        ("entity_id", "like", "1%"),
        ("grand_total", "gt", "1e9"),
        ("created_at", "lt", "2026-11-01 00:00:00"),
        ("created_at", "lt", "yesterday"),
        ("name", "eq", "blue shirt"),
    ];
    for (field, condition, value) in bad {
        let i =
            input(json!({"filters": [{"field": field, "condition": condition, "value": value}]}));
        let err = Criteria::search(&i, true).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArguments, "{field} {value}");
        assert!(
            err.model_message().contains(field),
            "{}",
            err.model_message()
        );
    }
    let many = (0..51).map(|i| i.to_string()).collect::<Vec<_>>().join(",");
    let i = input(json!({"filters": [{"field": "entity_id", "condition": "in", "value": many}]}));
    assert!(Criteria::search(&i, true).is_err());
    for (field, value) in [("grand_total", "-12.50"), ("created_at", "2026-02-28")] {
        let i = input(json!({"filters": [{"field": field, "condition": "lteq", "value": value}]}));
        assert!(Criteria::search(&i, true).is_ok(), "{field}");
    }
}

#[test]
fn personal_fields_need_pii() {
    let i = input(json!({"filters": [
        {"field": "customer_email", "condition": "eq", "value": "a@example.com"}
    ]}));
    let err = Criteria::search(&i, false).unwrap_err();
    assert!(err.model_message().contains("customer_email"));
    assert!(!err.model_message().contains("a@example.com"));
    assert!(Criteria::search(&i, true).is_ok());
}

#[test]
fn pages_past_the_end_are_empty() {
    let result = |n: u64| SearchResult {
        items: vec![1, 2],
        total_count: n,
    };
    let criteria = |page| {
        Criteria::page(&PageInput {
            page_size: Some(2),
            page: Some(page),
        })
    };
    let out = SearchOutput::from_result(result(5), &criteria(2), |x| x);
    assert_eq!((out.items.len(), out.has_more), (2, true));
    let out = SearchOutput::from_result(result(4), &criteria(2), |x| x);
    assert_eq!((out.items.len(), out.has_more), (2, false));
    let out = SearchOutput::from_result(result(4), &criteria(3), |x| x);
    assert_eq!((out.items.len(), out.has_more), (0, false));
}
