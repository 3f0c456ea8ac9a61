//! Shopify's `shop/redact` compliance webhook, delivered over HTTP to a running server,
//! erases the shop's workspace (credentials and wrapped keys, tokens, tools) and nothing of
//! another workspace's; unsigned, mis-signed and unknown-shop deliveries change nothing.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::net::SocketAddr;

use aws_lc_rs::hmac;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use shopmcp_core::secret::SecretString;
use shopmcp_core::{CallRequest, Caller, CredentialSet, CredentialSlot, ErrorKind, WorkspaceId};
use shopmcp_server::commands::connect::Vault;
use shopmcp_server::commands::serve;
use shopmcp_server::config::Config;
use shopmcp_shopify::{SLOT_ADMIN, SLOT_WEBHOOKS};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const GONE: &str = "0b8e5a52-46a4-4b7e-9e3f-6d1c2b3a4f50";
const KEPT: &str = "7c2d1e0f-9a8b-4c6d-8e5f-4a3b2c1d0e9f";
const SECRET: &str = "whsec-gone-shop-app-secret";
const KEPT_SECRET: &str = "kept-shop-client-secret";

fn sign(secret: &str, body: &[u8]) -> String {
    let key = hmac::Key::new(hmac::HMAC_SHA256, secret.as_bytes());
    STANDARD.encode(hmac::sign(&key, body).as_ref())
}

/// One webhook delivery over a plain HTTP/1.1 connection; the status code.
async fn deliver(addr: SocketAddr, topic: &str, shop: &str, signature: &str, body: &str) -> u16 {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let request = format!(
        "POST /webhooks/shopify HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
         X-Shopify-Topic: {topic}\r\nX-Shopify-Shop-Domain: {shop}\r\nX-Shopify-Hmac-Sha256: {signature}\r\n\
         X-Shopify-API-Version: 2026-07\r\nX-Shopify-Webhook-Id: 5c7b8d1e-0000-4000-8000-000000000001\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {response:?}"))
}

/// A delivery signed with `secret`.
async fn deliver_signed(
    addr: SocketAddr,
    topic: &str,
    shop: &str,
    secret: &str,
    body: &str,
) -> u16 {
    deliver(addr, topic, shop, &sign(secret, body.as_bytes()), body).await
}

/// Whether the vault still holds `slot` of `workspace`.
async fn holds(vault: &Vault, workspace: WorkspaceId, slot: CredentialSlot) -> bool {
    vault
        .get_credential(workspace, slot)
        .await
        .unwrap()
        .is_some()
}

/// The configuration: `backends`, then the gone and the kept shop.
fn two_shops(backends: &str, kept_shop: &str) -> String {
    format!(
        r#"{backends}
[[workspace]]
id = "{GONE}"
name = "gone"
shopify = {{ shop = "gone-shop" }}

[[workspace]]
id = "{KEPT}"
name = "kept"
shopify = {{ shop = "{kept_shop}" }}
"#
    )
}

fn shop_redact(domain: &str) -> String {
    serde_json::json!({"shop_id": 954889, "shop_domain": domain}).to_string()
}

/// The error kind of a call to a tool that does not exist: `UnknownTool` while the token is
/// accepted, `Unauthenticated` once it is gone.
async fn probe(serving: &serve::Serving, token: &SecretString) -> ErrorKind {
    let r = serving
        .assembled
        .pipeline
        .call(CallRequest::new(
            Caller::Bearer(token),
            "shopify_nothing_list",
            "{}",
        ))
        .await;
    r.result.unwrap_err().kind()
}

#[tokio::test]
async fn shop_redact_erases_only_the_signed_shops_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let text = two_shops("", "kept-shop.myshopify.com");
    let config = Config::parse(&text, "redact.toml", dir.path().to_path_buf()).unwrap();
    // The gone shop signs with a dedicated webhook secret (and a previous one, mid-rotation);
    // the kept shop has none stored yet.
    common::connect(
        &config,
        "gone",
        "shopify",
        "webhooks",
        "app_secret",
        &[SECRET, "old-secret"],
    )
    .await;
    let gone_token = common::bearer(&config, "gone").await;
    let kept_token = common::bearer(&config, "kept").await;

    let serving = serve::start(&config, Some("127.0.0.1:0")).await.unwrap();
    let addr = serving.handle.local_addr();
    let gone: WorkspaceId = GONE.parse().unwrap();
    let kept: WorkspaceId = KEPT.parse().unwrap();
    let vault = serving.assembled.vault.clone();
    let body = shop_redact("gone-shop.myshopify.com");

    // Refused, nothing erased: no signature, a wrong one, the right signature over another
    // body, a shop this server does not serve, the kept shop (no secret stored).
    let wrong = sign("not-the-secret", body.as_bytes());
    let other = sign(SECRET, shop_redact("kept-shop.myshopify.com").as_bytes());
    let good = sign(SECRET, body.as_bytes());
    for (shop, signature, body) in [
        ("gone-shop.myshopify.com", "", body.as_str()),
        ("gone-shop.myshopify.com", wrong.as_str(), body.as_str()),
        ("gone-shop.myshopify.com", other.as_str(), body.as_str()),
        ("elsewhere.myshopify.com", good.as_str(), body.as_str()),
        ("kept-shop.myshopify.com", good.as_str(), body.as_str()),
    ] {
        let status = deliver(addr, "shop/redact", shop, signature, body).await;
        assert_eq!(status, 401, "{shop} {signature:?}");
    }
    // Signed, but the header names another shop than the signed body: 400.
    let kept_body = shop_redact("kept-shop.myshopify.com");
    // (Stored through the running server's vault: a Dev Dashboard app's client secret.)
    let client = CredentialSet::new("client_credentials")
        .with_field("client_id", "client-id")
        .with_field("client_secret", KEPT_SECRET);
    vault
        .put_credential(kept, SLOT_ADMIN, &client)
        .await
        .unwrap();
    let status = deliver_signed(
        addr,
        "shop/redact",
        "kept-shop.myshopify.com",
        KEPT_SECRET,
        &body,
    )
    .await;
    assert_eq!(status, 400);
    assert!(holds(&vault, gone, SLOT_WEBHOOKS).await);
    assert_eq!(probe(&serving, &gone_token).await, ErrorKind::UnknownTool);

    // The customer topics are acknowledged and erase nothing.
    let customer = serde_json::json!({
        "shop_id": 954889, "shop_domain": "gone-shop.myshopify.com",
        "customer": {"id": 191167, "email": "john@example.com", "phone": "555-625-1199"},
        "orders_to_redact": [299938, 280263]
    })
    .to_string();
    let status = deliver_signed(
        addr,
        "customers/redact",
        "gone-shop.myshopify.com",
        SECRET,
        &customer,
    )
    .await;
    assert_eq!(status, 200);
    assert!(holds(&vault, gone, SLOT_WEBHOOKS).await);

    // A delivery signed with the previous secret is genuine too: the shop is erased.
    let status = deliver_signed(
        addr,
        "shop/redact",
        "Gone-Shop.myshopify.com",
        "old-secret",
        &body,
    )
    .await;
    assert_eq!(status, 200);
    assert!(!holds(&vault, gone, SLOT_WEBHOOKS).await);
    assert!(serving.assembled.registry.get(gone).is_none());
    assert_eq!(
        probe(&serving, &gone_token).await,
        ErrorKind::Unauthenticated
    );
    let tokens = std::fs::read_to_string(config.paths().tokens).unwrap();
    assert!(!tokens.contains(GONE), "{tokens}");
    // With its secret shredded, a replay can no longer be verified.
    assert_eq!(
        deliver(addr, "shop/redact", "gone-shop.myshopify.com", &good, &body).await,
        401
    );

    // The other workspace is whole: credential, token, tools.
    assert!(holds(&vault, kept, SLOT_ADMIN).await);
    assert!(serving.assembled.registry.get(kept).is_some());
    assert_eq!(probe(&serving, &kept_token).await, ErrorKind::UnknownTool);
    assert!(tokens.contains(KEPT));

    // The kept shop's admin client secret verifies its own deliveries.
    let status = deliver_signed(
        addr,
        "shop/redact",
        "kept-shop.myshopify.com",
        KEPT_SECRET,
        &kept_body,
    )
    .await;
    assert_eq!(status, 200);
    assert!(!holds(&vault, kept, SLOT_ADMIN).await);
    serving.handle.shutdown().await.unwrap();
}

/// With PostgreSQL the webhook erases every row of the workspace in one transaction.
#[tokio::test]
async fn shop_redact_erases_the_workspace_from_postgresql() {
    if !common::require("127.0.0.1:5432", "SHOPMCP_TEST_DATABASE_URL") {
        return;
    }
    let db = shopmcp_postgres::provision::ScratchDatabase::create(
        &common::superuser_url(),
        "smcp_redact",
    )
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let text = two_shops(&common::postgres_backends(&db), "kept-shop");
    let config = Config::parse(&text, "pg.toml", dir.path().to_path_buf()).unwrap();
    let body = async {
        common::connect(
            &config,
            "gone",
            "shopify",
            "webhooks",
            "app_secret",
            &[SECRET, ""],
        )
        .await;
        common::connect(
            &config,
            "kept",
            "shopify",
            "webhooks",
            "app_secret",
            &[KEPT_SECRET, ""],
        )
        .await;
        let gone_token = common::bearer(&config, "gone").await;
        let kept_token = common::bearer(&config, "kept").await;
        let serving = serve::start(&config, Some("127.0.0.1:0")).await.unwrap();
        let admin = serving.assembled.stores.admin.clone().unwrap();
        let gone: WorkspaceId = GONE.parse().unwrap();
        let kept: WorkspaceId = KEPT.parse().unwrap();
        // Calls leave usage events behind.
        assert_eq!(probe(&serving, &gone_token).await, ErrorKind::UnknownTool);
        let before = admin.export_workspace(gone).await.unwrap();
        assert_eq!(before.tokens.len(), 1);
        assert!(!before.credentials.is_empty() && !before.data_keys.is_empty());

        let redact = shop_redact("gone-shop.myshopify.com");
        let status = deliver_signed(
            serving.handle.local_addr(),
            "shop/redact",
            "gone-shop.myshopify.com",
            SECRET,
            &redact,
        )
        .await;
        assert_eq!(status, 200);
        let after = admin.export_workspace(gone).await.unwrap();
        assert!(after.workspace_row.is_none());
        assert!(after.tokens.is_empty() && after.credentials.is_empty());
        assert!(after.data_keys.is_empty() && after.usage_events.is_empty());
        assert_eq!(
            probe(&serving, &gone_token).await,
            ErrorKind::Unauthenticated
        );
        // The other workspace keeps everything.
        let other = admin.export_workspace(kept).await.unwrap();
        assert!(other.workspace_row.is_some() && other.tokens.len() == 1);
        assert!(!other.credentials.is_empty());
        assert_eq!(probe(&serving, &kept_token).await, ErrorKind::UnknownTool);
        serving.handle.shutdown().await.unwrap();
    };
    body.await;
    db.destroy().await.unwrap();
}
