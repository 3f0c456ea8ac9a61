//! Erasure (crypto-shredding, cache invalidation) and export.
#![allow(clippy::unwrap_used)] // helpers outside #[test] functions unwrap too

mod common;

use std::sync::Arc;

use common::*;
use shopmcp_core::{CredentialProvider, WorkspaceId};
use shopmcp_vault::{CredentialStore, SecretDisclosure, VaultError};

#[tokio::test]
async fn erasure_removes_records_and_deks_and_invalidates_the_cache() {
    let provider = memory_provider();
    let (ws, other) = (WorkspaceId::random(), WorkspaceId::random());
    provider
        .put_credential(ws, SHOPIFY_ADMIN, &shopify_set())
        .await
        .unwrap();
    provider
        .put_credential(ws, MAGENTO_ADMIN, &magento_set())
        .await
        .unwrap();
    provider
        .put_credential(other, SHOPIFY_ADMIN, &shopify_set())
        .await
        .unwrap();
    let dek_id = provider.store().list_deks(ws).await.unwrap()[0].dek_id;
    let backup = provider.store().list_records(ws).await.unwrap();
    let weak = Arc::downgrade(&provider.cache().get(ws, dek_id).expect("cached after use"));

    let report = provider.erase_workspace(ws).await.unwrap();
    assert_eq!((report.records, report.deks, report.cached_deks), (2, 1, 1));
    assert!(weak.upgrade().is_none(), "plaintext DEK dropped at once");
    assert!(provider.cache().get(ws, dek_id).is_none());
    assert!(provider.store().list_records(ws).await.unwrap().is_empty());
    assert!(provider.store().list_deks(ws).await.unwrap().is_empty());
    assert_eq!(
        provider.store().list_workspaces().await.unwrap(),
        vec![other]
    );
    assert!(provider.credential(ws, SHOPIFY_ADMIN).await.is_err());

    // A backup of the records alone is useless: the DEK is shredded.
    for record in backup {
        provider.store().put_record(ws, record).await.unwrap();
    }
    let err = provider
        .get_credential(ws, SHOPIFY_ADMIN)
        .await
        .unwrap_err();
    assert!(matches!(err, VaultError::UnknownDek { .. }), "{err}");
    // The other workspace is untouched.
    let set = provider
        .get_credential(other, SHOPIFY_ADMIN)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(set.expose("token"), Some(SHOPIFY_TOKEN));
}

#[tokio::test]
async fn export_lists_names_and_kinds_without_secrets() {
    let provider = memory_provider();
    let ws = WorkspaceId::random();
    provider
        .put_credential(ws, SHOPIFY_ADMIN, &shopify_set())
        .await
        .unwrap();
    provider
        .put_credential(ws, MAGENTO_ADMIN, &magento_set())
        .await
        .unwrap();
    let export = provider
        .export_workspace(ws, SecretDisclosure::NamesOnly)
        .await
        .unwrap();
    let json = export.to_json().unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["workspace"], ws.to_string());
    assert_eq!(value["data_keys"][0]["version"], 1);
    assert_eq!(value["data_keys"][0]["state"], "active");
    let creds = value["credentials"].as_array().unwrap();
    assert_eq!(creds.len(), 2);
    let magento = creds.iter().find(|c| c["slot"] == "magento.admin").unwrap();
    assert_eq!(magento["kind"], "oauth1");
    let names: Vec<_> = magento["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "access_token",
            "access_token_secret",
            "consumer_key",
            "consumer_secret"
        ]
    );
    for secret in [SHOPIFY_TOKEN, MAGENTO_SECRET, "mag_ck_1"] {
        assert!(!json.contains(secret), "{secret} leaked");
    }
    assert!(!json.contains("\"value\""));
}

#[tokio::test]
async fn export_with_plaintext_only_when_asked_and_debug_stays_redacted() {
    let provider = memory_provider();
    let ws = WorkspaceId::random();
    provider
        .put_credential(ws, SHOPIFY_ADMIN, &shopify_set())
        .await
        .unwrap();
    let export = provider
        .export_workspace(ws, SecretDisclosure::Plaintext)
        .await
        .unwrap();
    let json = export.to_json().unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["credentials"][0]["fields"][0]["value"], SHOPIFY_TOKEN);
    let debug = format!("{export:?}");
    assert!(
        !debug.contains(SHOPIFY_TOKEN) && debug.contains("[REDACTED]"),
        "{debug}"
    );
    assert!(SecretDisclosure::default() == SecretDisclosure::NamesOnly);
}

#[tokio::test]
async fn exporting_an_unknown_workspace_is_empty() {
    let provider = memory_provider();
    let export = provider
        .export_workspace(WorkspaceId::random(), SecretDisclosure::Plaintext)
        .await
        .unwrap();
    assert!(export.credentials.is_empty() && export.data_keys.is_empty());
}
