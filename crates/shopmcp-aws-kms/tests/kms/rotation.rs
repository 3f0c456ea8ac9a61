//! Master-key rotation through the vault: every DEK re-wrapped with `ReEncrypt` (no
//! plaintext leaves KMS), ciphertexts untouched, old blobs still decrypt under the old key.

use std::collections::BTreeSet;

use crate::common::*;
use shopmcp_core::{CredentialSet, CredentialSlot, Platform, WorkspaceId};
use shopmcp_vault::{
    CredentialStore, EncryptedCredentialProvider, EncryptionContext, KeyWrapper, MemoryStore,
    WrappedDekRecord,
};

const SHOPIFY: CredentialSlot = CredentialSlot::new(Platform::Shopify, "admin");
const MAGENTO: CredentialSlot = CredentialSlot::new(Platform::Magento, "admin");

fn token(ws: WorkspaceId) -> String {
    format!("shpat_rotation_{ws}")
}

async fn all_deks(store: &MemoryStore) -> Vec<(WorkspaceId, WrappedDekRecord)> {
    let mut out = Vec::new();
    for ws in store.list_workspaces().await.unwrap() {
        for dek in store.list_deks(ws).await.unwrap() {
            out.push((ws, dek));
        }
    }
    out
}

#[tokio::test]
async fn rotation_rewraps_every_dek_and_old_ciphertexts_still_decrypt() {
    let fake = FakeKms::start().await;
    let (k1, k2) = (fake.add_key("k1"), fake.add_key("k2"));
    let alias = fake.set_alias("shopmcp-dek", "k1");
    let store = MemoryStore::new();
    let workspaces = [
        WorkspaceId::random(),
        WorkspaceId::random(),
        WorkspaceId::random(),
    ];
    {
        let before =
            EncryptedCredentialProvider::new(store.clone(), wrapper(&fake, &alias).await).unwrap();
        for ws in workspaces {
            let set = CredentialSet::new("access_token").with_field("token", token(ws));
            before.put_credential(ws, SHOPIFY, &set).await.unwrap();
        }
        let magento = CredentialSet::new("integration_token").with_field("token", "mag_rot");
        before
            .put_credential(workspaces[0], MAGENTO, &magento)
            .await
            .unwrap();
    }
    let old_deks = all_deks(&store).await;
    assert_eq!(old_deks.len(), 3, "one DEK per workspace");
    assert!(
        old_deks
            .iter()
            .all(|(_, d)| d.wrapped.key_id.as_str() == k1)
    );
    let mut old_records = Vec::new();
    for ws in workspaces {
        old_records.push(store.list_records(ws).await.unwrap());
    }

    // Rotate: the alias now names k2; a wrapper built now resolves to k2.
    fake.set_alias("shopmcp-dek", "k2");
    let rotated = wrapper(&fake, &alias).await;
    assert_eq!(rotated.default_key_id().as_str(), k2);
    fake.clear_requests();
    let provider = EncryptedCredentialProvider::new(store.clone(), rotated.clone()).unwrap();
    let report = provider.rewrap_all_deks().await.unwrap();
    assert_eq!((report.rewrapped, report.unchanged), (3, 0));

    // Exactly one ReEncrypt per DEK, from k1 to k2, each with that DEK's own context.
    let requests = fake.requests();
    assert!(requests.iter().all(|r| r.operation == "ReEncrypt"));
    let mut seen = BTreeSet::new();
    for r in &requests {
        assert_eq!(r.body["SourceKeyId"], k1);
        assert_eq!(r.body["DestinationKeyId"], k2);
        assert!(r.body.get("Plaintext").is_none());
        let source = r.context("SourceEncryptionContext");
        assert_eq!(source, r.context("DestinationEncryptionContext"));
        seen.insert(source);
    }
    let expected: BTreeSet<_> = old_deks
        .iter()
        .map(|(ws, d)| as_map(&EncryptionContext::for_workspace_dek(*ws, d.dek_id)))
        .collect();
    assert_eq!(seen, expected);

    // Every stored DEK is now under k2; credential ciphertexts did not change.
    assert!(
        all_deks(&store)
            .await
            .iter()
            .all(|(_, d)| d.wrapped.key_id.as_str() == k2)
    );
    for (ws, records) in workspaces.iter().zip(&old_records) {
        assert_eq!(&store.list_records(*ws).await.unwrap(), records);
    }

    // A fresh provider (empty DEK cache) reads everything through k2, even with k1
    // disabled: nothing depends on the old key any more.
    fake.set_key_state("k1", "Disabled");
    fake.clear_requests();
    let fresh = EncryptedCredentialProvider::new(store.clone(), rotated.clone()).unwrap();
    for ws in workspaces {
        let set = fresh.get_credential(ws, SHOPIFY).await.unwrap().unwrap();
        assert_eq!(set.expose("token"), Some(token(ws).as_str()));
    }
    let decrypts = fake.requests();
    assert_eq!(decrypts.len(), 3);
    assert!(
        decrypts
            .iter()
            .all(|r| r.operation == "Decrypt" && r.key_id() == Some(k2.as_str()))
    );

    // The old wrapped blobs (e.g. in a backup) still decrypt under k1 while it is enabled,
    // to the very same DEKs.
    fake.set_key_state("k1", "Enabled");
    let new_deks = all_deks(&store).await;
    for (ws, old) in &old_deks {
        let (_, new) = new_deks
            .iter()
            .find(|(_, d)| d.dek_id == old.dek_id)
            .unwrap();
        let ctx = EncryptionContext::for_workspace_dek(*ws, old.dek_id);
        let from_old = rotated.unwrap(&old.wrapped, &ctx).await.unwrap();
        let from_new = rotated.unwrap(&new.wrapped, &ctx).await.unwrap();
        assert_eq!(from_old.expose(), from_new.expose());
    }

    // Running it again changes nothing and calls no KMS operation.
    fake.clear_requests();
    let again = provider.rewrap_all_deks().await.unwrap();
    assert_eq!((again.rewrapped, again.unchanged), (0, 3));
    assert!(fake.requests().is_empty());
}

#[tokio::test]
async fn new_deks_after_rotation_are_generated_under_the_new_key() {
    let fake = FakeKms::start().await;
    fake.add_key("k1");
    let k2 = fake.add_key("k2");
    let alias = fake.set_alias("shopmcp-dek", "k2");
    let provider =
        EncryptedCredentialProvider::new(MemoryStore::new(), wrapper(&fake, &alias).await).unwrap();
    let ws = WorkspaceId::random();
    fake.clear_requests();
    let set = CredentialSet::new("access_token").with_field("token", "shpat_new");
    provider.put_credential(ws, SHOPIFY, &set).await.unwrap();
    let rotation = provider.rotate_workspace_dek(ws).await.unwrap();
    assert_eq!(rotation.reencrypted, 1);
    let generated: Vec<_> = fake
        .requests()
        .into_iter()
        .filter(|r| r.operation == "GenerateDataKey")
        .collect();
    assert_eq!(generated.len(), 2, "first DEK, then the rotated one");
    assert!(generated.iter().all(|r| r.key_id() == Some(k2.as_str())));
    for dek in provider.store().list_deks(ws).await.unwrap() {
        assert_eq!(dek.wrapped.key_id.as_str(), k2);
    }
}

#[tokio::test]
async fn moving_to_a_key_of_another_account_needs_the_old_key_listed() {
    use shopmcp_aws_kms::AwsKmsKeyWrapper;
    use shopmcp_vault::{VaultError, WrapError};

    let fake = FakeKms::start().await;
    let old = fake.add_key("k1");
    let new = fake.add_key_arn("arn:aws:kms:eu-west-1:444455556666:key/k9".to_owned());
    let store = MemoryStore::new();
    let workspaces = [WorkspaceId::random(), WorkspaceId::random()];
    let before =
        EncryptedCredentialProvider::new(store.clone(), wrapper(&fake, &old).await).unwrap();
    for ws in workspaces {
        let set = CredentialSet::new("access_token").with_field("token", token(ws));
        before.put_credential(ws, SHOPIFY, &set).await.unwrap();
    }
    drop(before);

    // Without the old key listed, DEKs naming another account's key are not trusted.
    fake.clear_requests();
    let strict = wrapper(&fake, &new).await;
    let provider = EncryptedCredentialProvider::new(store.clone(), strict).unwrap();
    let err = provider.rewrap_all_deks().await.unwrap_err();
    assert!(
        matches!(&err, VaultError::Wrap(WrapError::UnknownKey(id)) if id.as_str() == old),
        "{err}"
    );
    assert_eq!(
        fake.operations(),
        ["DescribeKey"],
        "refused before any KMS call"
    );

    let config = config(&fake, &new).with_previous_key_arn(&old);
    let moving = AwsKmsKeyWrapper::with_credentials(config, credentials())
        .await
        .unwrap();
    assert_eq!(moving.previous_key_arns(), std::slice::from_ref(&old));
    let provider = EncryptedCredentialProvider::new(store.clone(), moving).unwrap();
    let report = provider.rewrap_all_deks().await.unwrap();
    assert_eq!(report.rewrapped, 2);
    for r in fake
        .requests()
        .iter()
        .filter(|r| r.operation == "ReEncrypt")
    {
        assert_eq!(
            (
                r.body["SourceKeyId"].as_str(),
                r.body["DestinationKeyId"].as_str()
            ),
            (Some(old.as_str()), Some(new.as_str()))
        );
    }
    // From now on the new key alone serves everything.
    let after = EncryptedCredentialProvider::new(store, wrapper(&fake, &new).await).unwrap();
    for ws in workspaces {
        let set = after.get_credential(ws, SHOPIFY).await.unwrap().unwrap();
        assert_eq!(set.expose("token"), Some(token(ws).as_str()));
    }
}
