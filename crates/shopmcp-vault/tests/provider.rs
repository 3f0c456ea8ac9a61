//! EncryptedCredentialProvider: storing, reading, binding and error hygiene.
#![allow(clippy::unwrap_used)] // helpers outside #[test] functions unwrap too

mod common;

use std::sync::Arc;

use common::*;
use shopmcp_core::{CredentialProvider, CredentialSet, ErrorKind, WorkspaceId};
use shopmcp_vault::{CredentialStore, DekState, SlotKey, Sme1Error, VaultError};

#[tokio::test]
async fn round_trip_through_core_trait() {
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
    let dyn_provider: &dyn CredentialProvider = &provider;
    let shopify = dyn_provider.credential(ws, SHOPIFY_ADMIN).await.unwrap();
    assert_eq!(shopify.kind(), "access_token");
    assert_eq!(shopify.expose("token"), Some(SHOPIFY_TOKEN));
    let magento = dyn_provider.credential(ws, MAGENTO_ADMIN).await.unwrap();
    assert_eq!(magento.field_names().count(), 4);
    assert_eq!(magento.expose("consumer_secret"), Some(MAGENTO_SECRET));
}

#[tokio::test]
async fn missing_credential_is_a_model_safe_credentials_error() {
    let provider = memory_provider();
    let err = provider
        .credential(WorkspaceId::random(), SHOPIFY_ADMIN)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Credentials);
    assert!(err.model_message().contains("shopify.admin"));
}

#[tokio::test]
async fn one_dek_per_workspace_created_on_first_connection_and_stored_wrapped() {
    let provider = memory_provider();
    let ws = WorkspaceId::random();
    assert!(provider.store().list_deks(ws).await.unwrap().is_empty());
    provider
        .put_credential(ws, SHOPIFY_ADMIN, &shopify_set())
        .await
        .unwrap();
    provider
        .put_credential(ws, MAGENTO_ADMIN, &magento_set())
        .await
        .unwrap();
    provider
        .put_credential(ws, SHOPIFY_ADMIN, &shopify_set())
        .await
        .unwrap();
    let deks = provider.store().list_deks(ws).await.unwrap();
    assert_eq!(deks.len(), 1);
    assert_eq!((deks[0].version, deks[0].state), (1, DekState::Active));
    assert_eq!(&deks[0].wrapped.key_id, provider.wrapper().key_id());
    for record in provider.store().list_records(ws).await.unwrap() {
        assert_eq!(record.dek_id, deks[0].dek_id);
    }
    // Another workspace gets its own DEK.
    let other = WorkspaceId::random();
    provider
        .put_credential(other, SHOPIFY_ADMIN, &shopify_set())
        .await
        .unwrap();
    assert_ne!(
        provider.store().list_deks(other).await.unwrap()[0].dek_id,
        deks[0].dek_id
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_first_connections_create_a_single_dek() {
    let provider = Arc::new(memory_provider());
    let ws = WorkspaceId::random();
    let tasks: Vec<_> = (0..16)
        .map(|_| {
            let p = Arc::clone(&provider);
            tokio::spawn(async move { p.put_credential(ws, SHOPIFY_ADMIN, &shopify_set()).await })
        })
        .collect();
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    assert_eq!(provider.store().list_deks(ws).await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_record_copied_to_another_workspace_does_not_decrypt() {
    let provider = memory_provider();
    let (a, b) = (WorkspaceId::random(), WorkspaceId::random());
    provider
        .put_credential(a, SHOPIFY_ADMIN, &shopify_set())
        .await
        .unwrap();
    provider
        .put_credential(b, MAGENTO_ADMIN, &magento_set())
        .await
        .unwrap();
    let record = provider
        .store()
        .get_record(a, &SHOPIFY_ADMIN.into())
        .await
        .unwrap()
        .unwrap();
    provider.store().put_record(b, record).await.unwrap();
    let err = provider.get_credential(b, SHOPIFY_ADMIN).await.unwrap_err();
    assert!(matches!(err, VaultError::UnknownDek { .. }), "{err}");

    // Even with a's wrapped DEK copied along, the DEK's encryption context names workspace a.
    let dek = provider.store().list_deks(a).await.unwrap().remove(0);
    let mut copied = dek.clone();
    copied.state = DekState::DecryptOnly;
    provider.store().put_dek(b, copied).await.unwrap();
    provider.revoke_cached_keys(b);
    let err = provider.get_credential(b, SHOPIFY_ADMIN).await.unwrap_err();
    assert!(matches!(err, VaultError::Wrap(_)), "{err}");
}

#[tokio::test]
async fn a_record_moved_to_another_slot_or_swapped_fields_are_detected() {
    let provider = memory_provider();
    let ws = WorkspaceId::random();
    provider
        .put_credential(ws, MAGENTO_ADMIN, &magento_set())
        .await
        .unwrap();
    let store = provider.store();
    let mut record = store
        .get_record(ws, &MAGENTO_ADMIN.into())
        .await
        .unwrap()
        .unwrap();

    let mut moved = record.clone();
    moved.slot = SlotKey::from(SHOPIFY_ADMIN);
    store.put_record(ws, moved).await.unwrap();
    let err = provider
        .get_credential(ws, SHOPIFY_ADMIN)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            VaultError::Ciphertext {
                source: Sme1Error::Unauthentic,
                ..
            }
        ),
        "{err}"
    );

    let key = record.fields.remove("consumer_key").unwrap();
    let secret = record.fields.remove("consumer_secret").unwrap();
    record.fields.insert("consumer_key".into(), secret);
    record.fields.insert("consumer_secret".into(), key);
    store.put_record(ws, record).await.unwrap();
    let err = provider
        .get_credential(ws, MAGENTO_ADMIN)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            VaultError::Ciphertext {
                source: Sme1Error::Unauthentic,
                ..
            }
        ),
        "{err}"
    );
}

#[tokio::test]
async fn overwriting_a_record_invalidates_its_old_ciphertexts() {
    // Every write gets a fresh record id, so an old field cannot be replayed into a new record.
    let provider = memory_provider();
    let ws = WorkspaceId::random();
    provider
        .put_credential(ws, SHOPIFY_ADMIN, &shopify_set())
        .await
        .unwrap();
    let old = provider
        .store()
        .get_record(ws, &SHOPIFY_ADMIN.into())
        .await
        .unwrap()
        .unwrap();
    let newer = CredentialSet::new("access_token").with_field("token", "shpat_newer");
    provider
        .put_credential(ws, SHOPIFY_ADMIN, &newer)
        .await
        .unwrap();
    let mut current = provider
        .store()
        .get_record(ws, &SHOPIFY_ADMIN.into())
        .await
        .unwrap()
        .unwrap();
    assert_ne!(current.record_id, old.record_id);
    current.fields = old.fields.clone();
    provider.store().put_record(ws, current).await.unwrap();
    assert!(provider.get_credential(ws, SHOPIFY_ADMIN).await.is_err());
}

#[tokio::test]
async fn bad_names_and_empty_credentials_are_refused() {
    let provider = memory_provider();
    let ws = WorkspaceId::random();
    let cases = [
        CredentialSet::new("access:token").with_field("token", "x"),
        CredentialSet::new("access_token").with_field("to ken", "x"),
        CredentialSet::new("access_token").with_field("", "x"),
    ];
    for set in cases {
        let err = provider
            .put_credential(ws, SHOPIFY_ADMIN, &set)
            .await
            .unwrap_err();
        assert!(matches!(err, VaultError::InvalidName { .. }), "{err}");
    }
    let err = provider
        .put_credential(ws, SHOPIFY_ADMIN, &CredentialSet::new("access_token"))
        .await
        .unwrap_err();
    assert!(matches!(err, VaultError::EmptyCredential));
    let bad_slot = shopmcp_core::CredentialSlot::new(shopmcp_core::Platform::Shopify, "ad:min");
    assert!(
        provider
            .put_credential(ws, bad_slot, &shopify_set())
            .await
            .is_err()
    );
    assert!(provider.store().list_workspaces().await.unwrap().is_empty());
}

#[tokio::test]
async fn decryption_failures_reach_the_model_without_detail() {
    let provider = memory_provider();
    let ws = WorkspaceId::random();
    provider
        .put_credential(ws, SHOPIFY_ADMIN, &shopify_set())
        .await
        .unwrap();
    let mut record = provider
        .store()
        .get_record(ws, &SHOPIFY_ADMIN.into())
        .await
        .unwrap()
        .unwrap();
    let ct = record.fields.get_mut("token").unwrap();
    let last = ct.0.len() - 1;
    ct.0[last] ^= 0x80;
    provider.store().put_record(ws, record).await.unwrap();
    let err = provider.credential(ws, SHOPIFY_ADMIN).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Credentials);
    let model = err.model_message();
    assert!(
        !model.contains(SHOPIFY_TOKEN) && !model.contains("authentication"),
        "{model}"
    );
    assert!(err.log_detail().contains("shopify.admin"));
    assert!(!err.log_detail().contains(SHOPIFY_TOKEN));
}

#[tokio::test]
async fn delete_credential_removes_only_that_slot() {
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
    assert!(provider.delete_credential(ws, SHOPIFY_ADMIN).await.unwrap());
    assert!(!provider.delete_credential(ws, SHOPIFY_ADMIN).await.unwrap());
    assert!(
        provider
            .get_credential(ws, SHOPIFY_ADMIN)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        provider
            .get_credential(ws, MAGENTO_ADMIN)
            .await
            .unwrap()
            .is_some()
    );
}

#[tokio::test]
async fn revocation_empties_the_cache_and_reads_unwrap_again() {
    let provider = memory_provider();
    let ws = WorkspaceId::random();
    provider
        .put_credential(ws, SHOPIFY_ADMIN, &shopify_set())
        .await
        .unwrap();
    assert_eq!(provider.cache().len(), 1);
    assert_eq!(provider.revoke_cached_keys(ws), 1);
    assert!(provider.cache().is_empty());
    let set = provider
        .get_credential(ws, SHOPIFY_ADMIN)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(set.expose("token"), Some(SHOPIFY_TOKEN));
    assert_eq!(provider.cache().len(), 1);
}

#[tokio::test]
async fn works_over_shared_trait_objects() {
    use shopmcp_vault::{EncryptedCredentialProvider, KeyWrapper, MemoryStore};
    let store: Arc<dyn CredentialStore> = Arc::new(MemoryStore::new());
    let wrapper: Arc<dyn KeyWrapper> = Arc::new(wrapper(3));
    let provider = EncryptedCredentialProvider::new(Arc::clone(&store), wrapper).unwrap();
    let ws = WorkspaceId::random();
    provider
        .put_credential(ws, SHOPIFY_ADMIN, &shopify_set())
        .await
        .unwrap();
    assert_eq!(store.list_records(ws).await.unwrap().len(), 1);
    let boxed: Box<dyn CredentialProvider> = Box::new(provider);
    let set = boxed.credential(ws, SHOPIFY_ADMIN).await.unwrap();
    assert_eq!(set.expose("token"), Some(SHOPIFY_TOKEN));
}
