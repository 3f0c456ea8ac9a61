//! Master-key rotation (re-wrap, ciphertexts untouched) and workspace DEK rotation.
#![allow(clippy::unwrap_used)] // helpers outside #[test] functions unwrap too

mod common;

use std::collections::BTreeMap;

use common::*;
use shopmcp_core::WorkspaceId;
use shopmcp_vault::{
    CredentialRecord, CredentialStore, DekState, EncryptedCredentialProvider, FileVault,
    LocalKeyWrapper, VaultError, WrapError,
};

async fn records(
    store: &impl CredentialStore,
    ws: WorkspaceId,
) -> BTreeMap<String, CredentialRecord> {
    store
        .list_records(ws)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.slot.to_string(), r))
        .collect()
}

#[tokio::test]
async fn master_key_rotation_rewraps_deks_without_touching_ciphertexts() {
    let dir = tempfile::tempdir().unwrap();
    let (vault_path, old_key, new_key) = (
        dir.path().join("vault.json"),
        dir.path().join("master-1.key"),
        dir.path().join("master-2.key"),
    );
    let (a, b) = (WorkspaceId::random(), WorkspaceId::random());
    let old_wrapper = LocalKeyWrapper::open_or_create(&old_key).unwrap();
    {
        let p = EncryptedCredentialProvider::new(
            FileVault::open(&vault_path).unwrap(),
            old_wrapper.clone(),
        )
        .unwrap();
        p.put_credential(a, SHOPIFY_ADMIN, &shopify_set())
            .await
            .unwrap();
        p.put_credential(b, MAGENTO_ADMIN, &magento_set())
            .await
            .unwrap();
    }
    let store = FileVault::open(&vault_path).unwrap();
    let before = (records(&store, a).await, records(&store, b).await);

    let rotating = LocalKeyWrapper::open_or_create(&new_key)
        .unwrap()
        .with_previous_key_file(&old_key)
        .unwrap();
    let p = EncryptedCredentialProvider::new(store.clone(), rotating).unwrap();
    let report = p.rewrap_all_deks().await.unwrap();
    assert_eq!((report.rewrapped, report.unchanged), (2, 0));
    assert_eq!(p.rewrap_all_deks().await.unwrap().unchanged, 2);
    drop(p);

    let store = FileVault::open(&vault_path).unwrap();
    assert_eq!(
        (records(&store, a).await, records(&store, b).await),
        before,
        "ciphertexts untouched"
    );
    let new_only = LocalKeyWrapper::open(&new_key).unwrap();
    for ws in [a, b] {
        for dek in store.list_deks(ws).await.unwrap() {
            assert_eq!(&dek.wrapped.key_id, new_only.key_id());
        }
    }
    let p = EncryptedCredentialProvider::new(store.clone(), new_only).unwrap();
    assert_eq!(
        p.get_credential(a, SHOPIFY_ADMIN)
            .await
            .unwrap()
            .unwrap()
            .expose("token"),
        Some(SHOPIFY_TOKEN)
    );
    assert_eq!(
        p.get_credential(b, MAGENTO_ADMIN)
            .await
            .unwrap()
            .unwrap()
            .expose("consumer_secret"),
        Some(MAGENTO_SECRET)
    );
    // The old master key alone no longer unwraps anything.
    let p = EncryptedCredentialProvider::new(store, old_wrapper).unwrap();
    let err = p.get_credential(a, SHOPIFY_ADMIN).await.unwrap_err();
    assert!(
        matches!(err, VaultError::Wrap(WrapError::UnknownKey(_))),
        "{err}"
    );
}

#[tokio::test]
async fn dek_rotation_reencrypts_records_and_retires_the_old_key() {
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
    let old_dek = provider.store().list_deks(ws).await.unwrap().remove(0);
    let old_records = records(provider.store(), ws).await;

    let rotation = provider.rotate_workspace_dek(ws).await.unwrap();
    assert_eq!(
        (rotation.version, rotation.reencrypted, rotation.retired),
        (2, 2, 1)
    );
    let deks = provider.store().list_deks(ws).await.unwrap();
    assert_eq!(deks.len(), 1);
    assert_eq!(
        (deks[0].dek_id, deks[0].version, deks[0].state),
        (rotation.dek_id, 2, DekState::Active)
    );
    assert!(
        provider.cache().get(ws, old_dek.dek_id).is_none(),
        "retired key left the cache"
    );
    for (slot, record) in records(provider.store(), ws).await {
        assert_eq!(record.dek_id, rotation.dek_id);
        assert_ne!(record.fields, old_records[&slot].fields);
    }
    assert_eq!(
        provider
            .get_credential(ws, MAGENTO_ADMIN)
            .await
            .unwrap()
            .unwrap()
            .expose("consumer_secret"),
        Some(MAGENTO_SECRET)
    );
    // The old ciphertexts are unreadable: their DEK is gone.
    provider
        .store()
        .put_record(ws, old_records["shopify.admin"].clone())
        .await
        .unwrap();
    let err = provider
        .get_credential(ws, SHOPIFY_ADMIN)
        .await
        .unwrap_err();
    assert!(
        matches!(err, VaultError::UnknownDek { dek_id } if dek_id == old_dek.dek_id),
        "{err}"
    );
}

#[tokio::test]
async fn a_decrypt_only_key_still_decrypts_until_the_next_rotation_retires_it() {
    // The state an interrupted rotation leaves: a new active DEK, an old decrypt-only DEK
    // still used by a record.
    let provider = memory_provider();
    let ws = WorkspaceId::random();
    provider
        .put_credential(ws, SHOPIFY_ADMIN, &shopify_set())
        .await
        .unwrap();
    let old_dek = provider.store().list_deks(ws).await.unwrap().remove(0);
    let old_record = records(provider.store(), ws)
        .await
        .remove("shopify.admin")
        .unwrap();
    provider.rotate_workspace_dek(ws).await.unwrap();
    let mut decrypt_only = old_dek.clone();
    decrypt_only.state = DekState::DecryptOnly;
    provider.store().put_dek(ws, decrypt_only).await.unwrap();
    provider.store().put_record(ws, old_record).await.unwrap();

    let set = provider
        .get_credential(ws, SHOPIFY_ADMIN)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(set.expose("token"), Some(SHOPIFY_TOKEN));
    // New writes never use the decrypt-only key.
    provider
        .put_credential(ws, MAGENTO_ADMIN, &magento_set())
        .await
        .unwrap();
    let magento = provider
        .store()
        .get_record(ws, &MAGENTO_ADMIN.into())
        .await
        .unwrap()
        .unwrap();
    assert_ne!(magento.dek_id, old_dek.dek_id);

    let rotation = provider.rotate_workspace_dek(ws).await.unwrap();
    assert_eq!(
        (rotation.version, rotation.reencrypted, rotation.retired),
        (3, 2, 2)
    );
    let ids: Vec<_> = provider
        .store()
        .list_deks(ws)
        .await
        .unwrap()
        .iter()
        .map(|d| d.dek_id)
        .collect();
    assert_eq!(ids, vec![rotation.dek_id]);
    assert!(
        provider
            .get_credential(ws, SHOPIFY_ADMIN)
            .await
            .unwrap()
            .is_some()
    );
}
