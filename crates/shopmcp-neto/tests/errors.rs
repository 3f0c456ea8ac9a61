//! Upstream failures: `Ack: Error` on HTTP 200, warnings, strict numbers, malformed and
//! oversize answers, HTTP statuses, throttling, credentials, the SSRF guard, and secrets.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::sync::Arc;
use std::time::Duration;

use serde_json::json;
use shopmcp_core::{CallContext, CredentialSet, ErrorKind, Principal, ToolCall, WorkspaceId};
use shopmcp_http::{BaseUrl, HttpClient};
use shopmcp_neto::{NetoClient, NetoConfig, NetoCredentials, ToolOptions, tools};
use shopmcp_testkit::{FakeResponse, FakeUpstream};

use common::{Harness, KEY, Options, PATH, STORE, USERNAME, ack_error};

const NOTE: &str = "neto_order_notes_add";

fn note_args() -> serde_json::Value {
    json!({"order_id": "N10042", "title": "Hi", "description": "Note"})
}

#[tokio::test]
async fn ack_error_on_http_200_is_a_rejection_with_the_message() {
    let h = Harness::new().await;
    h.reply_json(&ack_error(&json!({"Error": {
        "Message": "Invalid SKU provided", "SeverityCode": "Error", "Description": "Invalid SKU provided"
    }})));
    let err = h.err("neto_items_get", &json!({"sku": "LSD"})).await;
    assert_eq!(err.kind(), ErrorKind::UpstreamRejected);
    assert_eq!(err.upstream_status(), Some(200));
    assert_eq!(
        err.model_message(),
        "the store refused GetItem: Invalid SKU provided"
    );
    assert_eq!(h.fake.request_count(), 1, "a rejection is never retried");
}

#[tokio::test]
async fn ack_error_with_an_array_of_messages_lists_them_all() {
    let h = Harness::new().await;
    h.reply_json(&ack_error(&json!({"Error": [
        {"Message": "Order N10042 is locked", "SeverityCode": "Error"},
        {"Message": "Sticky note title too long", "SeverityCode": "Error", "Description": "Max 50"}
    ]})));
    let err = h.err(NOTE, &note_args()).await;
    assert_eq!(err.kind(), ErrorKind::UpstreamRejected);
    assert_eq!(
        err.model_message(),
        "the store refused UpdateOrder: Order N10042 is locked; Sticky note title too long (Max 50). The change was not retried."
    );
    assert_eq!(h.fake.request_count(), 1);
}

#[tokio::test]
async fn rejection_messages_are_cleaned_and_cut() {
    let h = Harness::new().await;
    let long = format!("bad\u{202E}value\u{0007} {}", "x".repeat(1000));
    h.reply_json(&ack_error(&json!({"Error": {"Message": long}})));
    let err = h.err("neto_items_list", &json!({})).await;
    let msg = err.model_message();
    assert!(
        msg.starts_with("the store refused GetItem: bad value x"),
        "{msg}"
    );
    assert!(msg.chars().count() < 260, "{}", msg.chars().count());
    assert!(msg.ends_with('…'));
    assert!(!msg.contains('\u{202E}') && !msg.contains('\u{7}'));
}

#[tokio::test]
async fn ack_error_without_messages_still_fails() {
    let h = Harness::new().await;
    h.reply_json(&json!({"Ack": "Error"}));
    let err = h.err("neto_warehouses_list", &json!({})).await;
    assert_eq!(err.kind(), ErrorKind::UpstreamRejected);
    assert!(err.model_message().ends_with("no reason given"));
}

#[tokio::test]
async fn ack_warning_passes_the_warnings_on() {
    let h = Harness::new().await;
    let mut single = common::fixture("get_warehouse");
    single["Ack"] = json!("Warning");
    single["Messages"] =
        json!({"Warning": {"Message": "Limit reduced to 50", "SeverityCode": "Warning"}});
    h.reply_json(&single);
    let out = h.ok("neto_warehouses_list", &json!({})).await;
    assert_eq!(out["warnings"], json!(["Limit reduced to 50"]));
    assert_eq!(out["warehouses"].as_array().unwrap().len(), 2);

    let mut many = common::fixture("update_item");
    many["Ack"] = json!("Warning");
    many["Messages"] = json!({"Warning": [{"Message": "Promotion price above default price"}, {"Message": "Cache refresh pending"}]});
    h.reply_json(&many);
    let out = h
        .ok(
            "neto_items_update",
            &json!({"sku": "LSD", "changes": {"promotion_price": "200"}}),
        )
        .await;
    assert_eq!(
        out["warnings"],
        json!([
            "Promotion price above default price",
            "Cache refresh pending"
        ])
    );
}

#[tokio::test]
async fn a_write_answer_that_does_not_name_the_record_is_unconfirmed() {
    let h = Harness::new().await;
    h.reply_json(&json!({
        "Order": "", "Ack": "Warning",
        "Messages": {"Warning": {"Message": "Order not updated: status unchanged"}}
    }));
    let err = h.err(NOTE, &note_args()).await;
    assert_eq!(err.kind(), ErrorKind::UpstreamUnavailable);
    let msg = err.model_message();
    assert!(msg.contains("may or may not have been applied"), "{msg}");
    assert!(msg.ends_with("Store warnings: Order not updated: status unchanged"));
    assert_eq!(h.fake.request_count(), 1);
}

#[tokio::test]
async fn numbers_that_are_not_numbers_are_malformed_answers_never_zero() {
    let h = Harness::new().await;
    let mut bad_price = common::fixture("get_item_list");
    bad_price["Item"][0]["DefaultPrice"] = json!("abc");
    let mut bad_qty = common::fixture("get_item_stock");
    bad_qty["Item"][0]["WarehouseQuantity"][0]["Quantity"] = json!("ten");
    let mut bad_flag = common::fixture("get_warehouse");
    bad_flag["Warehouse"][1]["IsPrimary"] = json!("perhaps");
    h.reply_json(&bad_price);
    h.reply_json(&bad_qty);
    h.reply_json(&bad_flag);
    for (tool, args) in [
        ("neto_items_list", json!({})),
        ("neto_stock_get", json!({"sku": "LSD"})),
        ("neto_warehouses_list", json!({})),
    ] {
        let err = h.err(tool, &args).await;
        assert_eq!(err.kind(), ErrorKind::UpstreamUnavailable, "{tool}");
        assert_eq!(err.model_message(), "the store sent a malformed response");
        let detail = err.log_detail();
        for leaked in ["abc", "ten", "perhaps"] {
            assert!(!detail.contains(leaked), "{detail}");
        }
    }
}

#[tokio::test]
async fn malformed_json_and_missing_ack_are_malformed_answers() {
    let h = Harness::new().await;
    h.reply(FakeResponse::malformed_json());
    h.reply(FakeResponse::malformed_json());
    h.reply_json(&json!({"Item": []}));
    h.reply(FakeResponse::text(
        200,
        "<?xml version=\"1.0\"?><GetItemResponse/>",
    ));
    for (tool, args) in [
        ("neto_items_list", json!({})),
        (NOTE, note_args()),
        ("neto_items_list", json!({})),
        ("neto_items_list", json!({})),
    ] {
        let err = h.err(tool, &args).await;
        assert_eq!(err.kind(), ErrorKind::UpstreamUnavailable, "{tool}");
        assert!(err.model_message().contains("malformed"), "{tool}");
    }
    assert_eq!(
        h.fake.request_count(),
        4,
        "malformed answers are not retried"
    );
}

#[tokio::test]
async fn oversize_answers_are_refused() {
    let h = Harness::new().await;
    h.reply(FakeResponse::oversize(5 * 1024 * 1024));
    let err = h.err("neto_items_list", &json!({})).await;
    assert_eq!(err.kind(), ErrorKind::UpstreamUnavailable);
    assert!(
        err.model_message().contains("larger than"),
        "{}",
        err.model_message()
    );
}

#[tokio::test]
async fn http_statuses_map_to_error_kinds() {
    let h = Harness::new().await;
    for (status, kind) in [
        (401, ErrorKind::Credentials),
        (403, ErrorKind::MissingScope),
        (404, ErrorKind::NotFound),
        (422, ErrorKind::UpstreamRejected),
    ] {
        h.reply(FakeResponse::json(status, &json!({"error": "KEY-ECHO"})));
        let err = h.err(NOTE, &note_args()).await;
        assert_eq!(err.kind(), kind, "{status}");
        assert!(!err.log_detail().contains("KEY-ECHO"));
    }
    assert_eq!(h.fake.request_count(), 4, "4xx is never retried");
}

#[tokio::test]
async fn server_errors_retry_reads_but_never_writes() {
    let h = Harness::new().await;
    h.reply(FakeResponse::new(503));
    h.reply_fixture("get_warehouse");
    h.ok("neto_warehouses_list", &json!({})).await;
    assert_eq!(h.fake.request_count(), 2);

    h.reply(FakeResponse::new(503));
    let err = h.err(NOTE, &note_args()).await;
    assert_eq!(err.kind(), ErrorKind::UpstreamUnavailable);
    assert_eq!(h.fake.request_count(), 3, "the write was sent once");
}

#[tokio::test]
async fn rate_limit_429_is_waited_out_for_reads_and_reported_for_writes() {
    let h = Harness::new().await;
    h.reply(FakeResponse::throttled("0"));
    h.reply_fixture("get_warehouse");
    h.ok("neto_warehouses_list", &json!({})).await;
    assert_eq!(h.fake.request_count(), 2);

    h.reply(FakeResponse::throttled("120"));
    let err = h.err("neto_warehouses_list", &json!({})).await;
    assert_eq!(err.kind(), ErrorKind::UpstreamThrottled);
    assert_eq!(err.retry_after(), Some(Duration::from_secs(120)));
    assert_eq!(
        h.fake.request_count(),
        3,
        "a wait past the cap is not sat out"
    );

    h.reply(FakeResponse::throttled("2"));
    let err = h.err(NOTE, &note_args()).await;
    assert_eq!(err.kind(), ErrorKind::UpstreamThrottled);
    assert_eq!(err.retry_after(), Some(Duration::from_secs(2)));
    assert_eq!(h.fake.request_count(), 4, "writes are never retried");
}

#[tokio::test]
async fn wrong_credentials_fail_before_anything_is_sent() {
    for credential in [
        CredentialSet::new("access_token").with_field("token", KEY),
        CredentialSet::new("api_key").with_field("username", USERNAME),
        CredentialSet::new("api_key").with_field("key", "bad\nkey"),
    ] {
        let h = Harness::with(Options {
            credential,
            ..Options::default()
        })
        .await;
        let err = h.err("neto_items_list", &json!({})).await;
        assert_eq!(err.kind(), ErrorKind::Credentials);
        assert_eq!(h.fake.request_count(), 0);
    }
}

#[tokio::test]
async fn a_key_without_username_sends_no_username_header() {
    let h = Harness::with(Options {
        credential: CredentialSet::new("api_key").with_field("key", KEY),
        ..Options::default()
    })
    .await;
    h.reply_fixture("get_warehouse");
    h.ok("neto_warehouses_list", &json!({})).await;
    let req = h.only_request();
    assert_eq!(req.header("NETOAPI_KEY"), Some(KEY));
    assert_eq!(req.header("NETOAPI_USERNAME"), None);
}

#[tokio::test]
async fn the_dangerous_endpoint_needs_a_dangerous_client() {
    let fake = FakeUpstream::http().await.unwrap();
    fake.route(
        "POST",
        PATH,
        FakeResponse::fixture(common::fixture_path("get_warehouse")).unwrap(),
    );
    let safe = HttpClient::builder().build().unwrap();
    let config = NetoConfig::new(BaseUrl::parse(STORE).unwrap())
        .unwrap()
        .dangerous_endpoint(BaseUrl::parse(&fake.base_url()).unwrap());
    let client = Arc::new(NetoClient::new(safe, config));
    let all = tools(&client, &ToolOptions::default());
    let tool = all
        .iter()
        .find(|t| t.spec().name() == "neto_warehouses_list")
        .unwrap();
    let ctx = CallContext::new(
        WorkspaceId::random(),
        Principal::new("t"),
        Duration::from_secs(5),
    );
    let credential = Arc::new(CredentialSet::new("api_key").with_field("key", KEY));
    let err = tool
        .call(ToolCall {
            ctx: &ctx,
            arguments: json!({}),
            credential: Some(credential),
        })
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Forbidden);
    assert_eq!(fake.request_count(), 0);
    assert_eq!(fake.connection_count(), 0);
}

#[tokio::test]
async fn the_key_never_appears_in_errors_audit_or_debug_output() {
    let h = Harness::new().await;
    h.reply_json(&ack_error(&json!({"Error": {"Message": "denied"}})));
    h.reply(FakeResponse::new(401));
    h.reply(FakeResponse::malformed_json());
    let mut texts = Vec::new();
    for _ in 0..3 {
        let err = h.err("neto_items_list", &json!({})).await;
        texts.push(err.log_detail());
        texts.push(format!("{err:?}"));
    }
    for event in h.audit.events() {
        texts.push(event.to_json_line());
    }
    let set = CredentialSet::new("api_key")
        .with_field("key", KEY)
        .with_field("username", USERNAME);
    texts.push(format!("{:?}", NetoCredentials::from_set(&set).unwrap()));
    texts.push(format!("{set:?}"));
    texts.push(format!("{:?}", common::client_for(&h.fake)));
    for text in texts {
        assert!(!text.contains(KEY), "{text}");
        assert!(!text.contains(USERNAME), "{text}");
    }
    for req in h.requests() {
        assert_eq!(
            req.header("NETOAPI_KEY"),
            Some(KEY),
            "the key is sent only as its header"
        );
        assert!(!String::from_utf8_lossy(&req.body).contains(KEY));
    }
}
