//! The encryption context really binds: a DEK never unwraps for another workspace, another
//! DEK id, another key or a tampered blob, and KMS is the one refusing.

use crate::common::*;
use shopmcp_core::{CredentialSet, CredentialSlot, Platform, WorkspaceId};
use shopmcp_vault::{
    CredentialStore, DekId, EncryptedCredentialProvider, EncryptionContext, KeyId, KeyWrapper,
    MemoryStore, VaultError, WrapError,
};

#[tokio::test]
async fn another_workspace_or_dek_context_is_refused_by_kms() {
    let (fake, wrapper) = fake_and_wrapper().await;
    let (_, dek, ctx) = workspace_context();
    let data_key = wrapper.generate_data_key(None, &ctx).await.unwrap();
    fake.clear_requests();

    let other_workspace = EncryptionContext::for_workspace_dek(WorkspaceId::random(), dek);
    let other_dek = ctx
        .clone()
        .with(EncryptionContext::DEK_ID, DekId::random().to_string());
    let extra_entry = ctx.clone().with("shopmcp:extra", "1");
    let other_purpose = ctx.clone().with(EncryptionContext::PURPOSE, "export-key");
    let bad = [other_workspace, other_dek, extra_entry, other_purpose];
    for wrong in &bad {
        let err = wrapper.unwrap(&data_key.wrapped, wrong).await.unwrap_err();
        assert!(matches!(err, WrapError::Rejected), "{err}");
    }
    // Each attempt reached KMS with exactly the wrong context and the stored key id, and
    // was refused there (not retried: InvalidCiphertextException is permanent).
    let requests = fake.requests();
    assert_eq!(requests.len(), bad.len());
    for (request, wrong) in requests.iter().zip(&bad) {
        assert_eq!(request.operation, "Decrypt");
        assert_eq!(request.key_id(), Some(key_arn("k1").as_str()));
        assert_eq!(request.context("EncryptionContext"), as_map(wrong));
    }
    // The right context still works.
    let plaintext = wrapper.unwrap(&data_key.wrapped, &ctx).await.unwrap();
    assert_eq!(plaintext.expose(), data_key.plaintext.expose());
}

#[tokio::test]
async fn an_empty_context_never_reaches_kms() {
    let (fake, wrapper) = fake_and_wrapper().await;
    let (_, _, ctx) = workspace_context();
    let data_key = wrapper.generate_data_key(None, &ctx).await.unwrap();
    fake.clear_requests();
    let empty = EncryptionContext::new();
    let err = wrapper.unwrap(&data_key.wrapped, &empty).await.unwrap_err();
    assert!(err.to_string().contains("encryption context"), "{err}");
    assert!(wrapper.generate_data_key(None, &empty).await.is_err());
    assert!(
        wrapper
            .rewrap(&data_key.wrapped, None, &empty)
            .await
            .is_err()
    );
    assert!(fake.requests().is_empty());
}

#[tokio::test]
async fn a_blob_relabelled_with_another_key_or_tampered_is_rejected() {
    let (fake, wrapper) = fake_and_wrapper().await;
    let k2 = fake.add_key("k2");
    let (_, _, ctx) = workspace_context();
    let data_key = wrapper.generate_data_key(None, &ctx).await.unwrap();

    // KeyId is always passed, so KMS checks the blob against the key the store names.
    let mut relabelled = data_key.wrapped.clone();
    relabelled.key_id = KeyId::new(&k2);
    let err = wrapper.unwrap(&relabelled, &ctx).await.unwrap_err();
    assert!(matches!(err, WrapError::Rejected), "{err}");
    assert_eq!(fake.requests().last().unwrap().key_id(), Some(k2.as_str()));

    let mut tampered = data_key.wrapped.clone();
    *tampered.blob.last_mut().unwrap() ^= 0x01;
    let err = wrapper.unwrap(&tampered, &ctx).await.unwrap_err();
    assert!(matches!(err, WrapError::Rejected), "{err}");

    let mut empty = data_key.wrapped.clone();
    empty.blob.clear();
    let err = wrapper.unwrap(&empty, &ctx).await.unwrap_err();
    assert!(matches!(err, WrapError::Malformed), "{err}");
}

#[tokio::test]
async fn a_dek_copied_into_another_workspace_does_not_unwrap() {
    let (fake, wrapper) = fake_and_wrapper().await;
    let provider = EncryptedCredentialProvider::new(MemoryStore::new(), wrapper).unwrap();
    let (a, b) = (WorkspaceId::random(), WorkspaceId::random());
    let slot = CredentialSlot::new(Platform::Shopify, "admin");
    let set = CredentialSet::new("access_token").with_field("token", "shpat_isolation_1");
    provider.put_credential(a, slot, &set).await.unwrap();

    // An attacker with write access to the store copies A's wrapped DEK and record to B.
    let store = provider.store();
    for dek in store.list_deks(a).await.unwrap() {
        store.put_dek(b, dek).await.unwrap();
    }
    for record in store.list_records(a).await.unwrap() {
        store.put_record(b, record).await.unwrap();
    }
    fake.clear_requests();
    let err = provider.get_credential(b, slot).await.unwrap_err();
    assert!(
        matches!(err, VaultError::Wrap(WrapError::Rejected)),
        "{err}"
    );
    let decrypt = &fake.requests()[0];
    assert_eq!(decrypt.operation, "Decrypt");
    assert_eq!(
        decrypt.context("EncryptionContext")["shopmcp:workspace_id"],
        b.to_string()
    );
    let tool: shopmcp_core::ToolError = err.into();
    assert!(!tool.model_message().contains("arn:aws:kms"));
    // A's own credential is intact.
    let own = provider.get_credential(a, slot).await.unwrap().unwrap();
    assert_eq!(own.expose("token"), Some("shpat_isolation_1"));
}

#[tokio::test]
async fn stored_key_ids_outside_the_account_never_reach_kms() {
    let (fake, wrapper) = fake_and_wrapper().await;
    let (_, _, ctx) = workspace_context();
    let data_key = wrapper.generate_data_key(None, &ctx).await.unwrap();
    fake.clear_requests();
    // A store writer swaps in a key of their own account (whose DEK they would know), an
    // alias, or something that is no key ARN at all.
    for foreign in [
        "arn:aws:kms:eu-west-1:999988887777:key/attacker",
        "arn:aws-cn:kms:cn-north-1:111122223333:key/k1",
        "arn:aws:kms:eu-west-1:111122223333:alias/shopmcp-dek",
        "alias/shopmcp-dek",
        "local:0011223344556677",
    ] {
        let mut swapped = data_key.wrapped.clone();
        swapped.key_id = KeyId::new(foreign);
        let err = wrapper.unwrap(&swapped, &ctx).await.unwrap_err();
        assert!(
            matches!(&err, WrapError::UnknownKey(id) if id.as_str() == foreign),
            "{err}"
        );
        let err = wrapper.rewrap(&swapped, None, &ctx).await.unwrap_err();
        assert!(matches!(err, WrapError::UnknownKey(_)), "{err}");
    }
    assert!(fake.requests().is_empty());
    // Another key of the same account is fine (rotation between keys of one account).
    let k2 = KeyId::new(fake.add_key("k2"));
    let moved = wrapper
        .rewrap(&data_key.wrapped, Some(&k2), &ctx)
        .await
        .unwrap();
    let again = wrapper.unwrap(&moved, &ctx).await.unwrap();
    assert_eq!(again.expose(), data_key.plaintext.expose());
}
