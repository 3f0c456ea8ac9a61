//! Secrets never appear in Debug, Display, errors or audit events.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod common;

use common::*;
use shopmcp_core::secret::SecretString;
use shopmcp_core::*;

#[test]
fn credential_debug_is_redacted() {
    let set = CredentialSet::new("oauth1")
        .with_field("consumer_secret", "CS-SECRET-VALUE")
        .with_field("access_token", "AT-SECRET-VALUE");
    let dbg = format!("{set:?} {:?}", std::sync::Arc::new(set.clone()));
    assert!(!dbg.contains("SECRET-VALUE"), "{dbg}");
    assert!(
        dbg.contains("consumer_secret"),
        "field names are fine: {dbg}"
    );
    let provider = StaticCredentials::new().with(
        WorkspaceId::random(),
        CredentialSlot::new(Platform::Magento, "admin"),
        set,
    );
    assert!(!format!("{provider:?}").contains("SECRET-VALUE"));
    let token = SecretString::from("smcp_0123456789abcdef_secret");
    assert!(!format!("{token:?}").contains("secret"));
}

#[tokio::test]
async fn secrets_do_not_reach_errors_audit_or_logs() {
    use std::io::Write;
    use std::sync::{Arc, Mutex};
    #[derive(Clone, Default)]
    struct Buf(Arc<Mutex<Vec<u8>>>);
    impl Write for Buf {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let buf = Buf::default();
    let writer = buf.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let h = Harness::new(HarnessOptions::default());
    let mut texts = Vec::new();
    for (tool, args) in [
        ("shopify_orders_list", "{}"),
        (
            "shopify_products_update",
            r#"{"sku":"A","changes":{"password":"hunter2-PII","name":"x"}}"#,
        ),
        ("shopify_orders_list", r#"{"query":"jane.doe@example.com"}"#),
        ("shopify_nope_list", "{}"),
    ] {
        let r = h.call(tool, args).await;
        if let Err(e) = r.result {
            texts.push(e.model_message());
            texts.push(e.log_detail());
            texts.push(format!("{e:?} {e}"));
        }
    }
    let bad = SecretString::from("smcp_0123456789abcdef_BEARER-SECRET");
    let r = h
        .pipeline
        .call(CallRequest::new(
            Caller::Bearer(&bad),
            "shopify_orders_list",
            "{}",
        ))
        .await;
    texts.push(r.result.unwrap_err().log_detail());
    for e in h.audit.events() {
        texts.push(e.to_json_line());
        texts.push(format!("{e:?}"));
    }
    texts.push(String::from_utf8(buf.0.lock().unwrap().clone()).unwrap());
    let all = texts.join("\n");
    for needle in [
        SECRET_TOKEN,
        "hunter2-PII",
        "jane.doe@example.com",
        "BEARER-SECRET",
    ] {
        assert!(!all.contains(needle), "{needle} leaked in:\n{all}");
    }
    assert!(
        all.contains("shopify_orders_list"),
        "the capture saw the calls"
    );
}
