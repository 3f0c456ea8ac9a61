//! Secrets and key material never appear in Debug or Display output.
#![allow(clippy::unwrap_used)] // helpers outside #[test] functions unwrap too

mod common;

use common::*;
use shopmcp_core::WorkspaceId;
use shopmcp_vault::{
    CredentialStore, DataKey, Dek, DekId, EncryptionContext, KeyBytes, KeyWrapper,
    SecretDisclosure, VaultError,
};

const KEY: [u8; 32] = [0x42; 32];

/// Fails if `text` contains the secret or the key bytes in a common rendering.
fn assert_clean(what: &str, text: &str) {
    for needle in [
        SHOPIFY_TOKEN,
        MAGENTO_SECRET,
        "66, 66, 66",
        "424242",
        "0x42, 0x42",
        "BBBBBBBB",
    ] {
        assert!(!text.contains(needle), "{what} shows `{needle}`: {text}");
    }
}

#[tokio::test]
async fn every_debug_and_display_is_redacted() {
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

    let set = provider
        .get_credential(ws, MAGENTO_ADMIN)
        .await
        .unwrap()
        .unwrap();
    let record = provider
        .store()
        .get_record(ws, &SHOPIFY_ADMIN.into())
        .await
        .unwrap()
        .unwrap();
    let dek_record = provider.store().list_deks(ws).await.unwrap().remove(0);
    let dek = Dek::new(DekId::random(), 1, KeyBytes::from_array(KEY));
    let wrapper = wrapper(0x42);
    let ctx = EncryptionContext::for_workspace_dek(ws, dek.id());
    let data_key: DataKey = wrapper.generate_data_key(None, &ctx).await.unwrap();
    let export = provider
        .export_workspace(ws, SecretDisclosure::Plaintext)
        .await
        .unwrap();
    let errors = [
        VaultError::NoRuntime,
        VaultError::UnknownDek { dek_id: dek.id() },
        VaultError::EmptyCredential,
    ];

    let rendered = [
        ("provider", format!("{provider:?}")),
        ("store", format!("{:?}", provider.store())),
        ("cache", format!("{:?}", provider.cache())),
        ("set", format!("{set:?}")),
        ("record", format!("{record:?}")),
        ("dek record", format!("{dek_record:?}")),
        ("dek", format!("{dek:?}")),
        ("key bytes", format!("{:?}", KeyBytes::from_array(KEY))),
        ("wrapper", format!("{wrapper:?}")),
        ("data key", format!("{data_key:?}")),
        ("wrapped key", format!("{:?}", data_key.wrapped)),
        ("export", format!("{export:?}")),
        (
            "errors",
            format!(
                "{errors:?} {}",
                errors.iter().map(ToString::to_string).collect::<String>()
            ),
        ),
    ];
    for (what, text) in &rendered {
        assert_clean(what, text);
    }
    assert!(rendered[3].1.contains("REDACTED") && rendered[6].1.contains("REDACTED"));
}
