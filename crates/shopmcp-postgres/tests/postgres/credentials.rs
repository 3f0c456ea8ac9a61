//! The credential store behaves exactly like vault's `MemoryStore`, and vault's provider runs
//! over it unchanged.

use shopmcp_core::{CredentialProvider, CredentialSet, CredentialSlot, Platform, WorkspaceId};
use shopmcp_vault::{
    Ciphertext, CredentialRecord, CredentialStore, DekId, DekState, EncryptedCredentialProvider,
    KeyBytes, KeyId, LocalKeyWrapper, MemoryStore, SlotKey, WrappedDekRecord, WrappedKey,
};
use uuid::Uuid;

use crate::common::TestDb;

fn slot(platform: Platform, name: &str) -> SlotKey {
    SlotKey {
        platform,
        name: name.to_owned(),
    }
}

fn record(slot: SlotKey, dek_id: DekId, fields: &[(&str, u8)]) -> CredentialRecord {
    CredentialRecord {
        slot,
        record_id: Uuid::new_v4(),
        kind: "access_token".to_owned(),
        dek_id,
        fields: fields
            .iter()
            .map(|(name, byte)| ((*name).to_owned(), Ciphertext(vec![*byte; 120])))
            .collect(),
        updated_at: 1_790_000_000,
    }
}

fn dek(dek_id: DekId, version: u32, state: DekState) -> WrappedDekRecord {
    WrappedDekRecord {
        dek_id,
        version,
        state,
        wrapped: WrappedKey {
            key_id: KeyId::new("local:0011223344556677"),
            blob: vec![u8::try_from(version).unwrap(); 61],
        },
        created_at: 1_790_000_000 + u64::from(version),
    }
}

fn sorted_records(mut records: Vec<CredentialRecord>) -> Vec<CredentialRecord> {
    records.sort_by(|x, y| x.slot.cmp(&y.slot));
    records
}

fn sorted_deks(mut deks: Vec<WrappedDekRecord>) -> Vec<WrappedDekRecord> {
    deks.sort_by_key(|d| (d.version, d.dek_id));
    deks
}

/// One fixed sequence of calls; every answer goes into the transcript.
async fn transcript(
    store: &dyn CredentialStore,
    (a, b): (WorkspaceId, WorkspaceId),
    (d1, d2, d3): (DekId, DekId, DekId),
    record_ids: [Uuid; 4],
) -> Vec<String> {
    let shopify = slot(Platform::Shopify, "admin");
    let magento = slot(Platform::Magento, "admin");
    let with_id = |mut r: CredentialRecord, i: usize| {
        r.record_id = record_ids[i];
        r
    };
    let r1 = with_id(record(shopify.clone(), d1, &[("token", 1)]), 0);
    let r2 = with_id(
        record(
            magento.clone(),
            d1,
            &[("consumer_key", 2), ("consumer_secret", 3)],
        ),
        1,
    );
    let r1_new = with_id(
        record(shopify.clone(), d2, &[("token", 4), ("refresh", 5)]),
        2,
    );
    let empty = with_id(record(slot(Platform::Neto, "api"), d3, &[]), 3);
    let mut t = Vec::new();
    macro_rules! log {
        ($e:expr) => {
            t.push(format!("{} => {:?}", stringify!($e), $e))
        };
    }
    log!(store.list_workspaces().await.unwrap());
    log!(store.get_record(a, &shopify).await.unwrap());
    store
        .put_dek(a, dek(d1, 1, DekState::Active))
        .await
        .unwrap();
    log!(store.list_deks(a).await.unwrap());
    store.put_record(a, r1.clone()).await.unwrap();
    log!(store.get_record(a, &shopify).await.unwrap() == Some(r1.clone()));
    store.put_record(a, r2.clone()).await.unwrap();
    log!(sorted_records(store.list_records(a).await.unwrap()));
    store.put_record(a, r1_new.clone()).await.unwrap();
    log!(store.get_record(a, &shopify).await.unwrap() == Some(r1_new.clone()));
    store
        .put_dek(a, dek(d1, 1, DekState::DecryptOnly))
        .await
        .unwrap();
    store
        .put_dek(a, dek(d2, 2, DekState::Active))
        .await
        .unwrap();
    log!(sorted_deks(store.list_deks(a).await.unwrap()));
    log!(store.get_dek(a, d2).await.unwrap());
    log!(store.get_dek(a, DekId::random()).await.unwrap());
    store.put_record(b, empty.clone()).await.unwrap();
    store
        .put_dek(b, dek(d3, 1, DekState::Active))
        .await
        .unwrap();
    log!(store.get_record(b, &empty.slot).await.unwrap() == Some(empty.clone()));
    let mut both = vec![a, b];
    both.sort();
    log!(store.list_workspaces().await.unwrap() == both);
    log!(store.get_dek(b, d1).await.unwrap());
    log!(store.get_record(b, &shopify).await.unwrap());
    log!(store.delete_record(a, &magento).await.unwrap());
    log!(store.delete_record(a, &magento).await.unwrap());
    log!(store.delete_dek(a, d1).await.unwrap());
    log!(store.delete_dek(a, d1).await.unwrap());
    log!(sorted_records(store.list_records(a).await.unwrap()) == vec![r1_new.clone()]);
    log!(store.delete_workspace(a).await.unwrap());
    log!(store.list_records(a).await.unwrap());
    log!(store.list_deks(a).await.unwrap());
    log!(store.list_workspaces().await.unwrap() == vec![b]);
    log!(store.delete_workspace(a).await.unwrap());
    log!(store.delete_record(b, &empty.slot).await.unwrap());
    log!(store.delete_dek(b, d3).await.unwrap());
    log!(store.list_workspaces().await.unwrap());
    t
}

#[tokio::test]
async fn the_store_answers_exactly_like_the_memory_store() {
    let Some(db) = TestDb::create().await else {
        return;
    };
    let backend = db.backend().await;
    let workspaces = (WorkspaceId::random(), WorkspaceId::random());
    let deks = (DekId::random(), DekId::random(), DekId::random());
    let ids = [(); 4].map(|()| Uuid::new_v4());
    let expected = transcript(&MemoryStore::new(), workspaces, deks, ids).await;
    let actual = transcript(&backend.credentials(), workspaces, deks, ids).await;
    assert_eq!(actual, expected);
    // The transcript says something: records were found, replaced and deleted.
    assert!(
        expected
            .iter()
            .any(|l| l.contains("== Some(r1_new.clone())") && l.ends_with("true"))
    );
    assert!(expected.iter().filter(|l| l.ends_with("=> true")).count() >= 10);
}

#[tokio::test]
async fn a_second_active_dek_is_refused_by_the_database() {
    let Some(db) = TestDb::create().await else {
        return;
    };
    let store = db.backend().await.credentials();
    let ws = WorkspaceId::random();
    store
        .put_dek(ws, dek(DekId::random(), 1, DekState::Active))
        .await
        .unwrap();
    let err = store
        .put_dek(ws, dek(DekId::random(), 2, DekState::Active))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("23505"), "{err}");
    assert_eq!(store.list_deks(ws).await.unwrap().len(), 1);
}

const SHOPIFY: CredentialSlot = CredentialSlot::new(Platform::Shopify, "admin");
const SECRET: &str = "shpat_postgres_known_secret_7d1e";

#[tokio::test]
async fn the_encrypted_provider_runs_over_the_store() {
    let Some(db) = TestDb::create().await else {
        return;
    };
    let backend = db.backend().await;
    let wrapper = LocalKeyWrapper::from_key(&KeyBytes::from_array([0x42; 32])).unwrap();
    let provider = EncryptedCredentialProvider::new(backend.credentials(), wrapper).unwrap();
    let (a, b) = (WorkspaceId::random(), WorkspaceId::random());
    let set = CredentialSet::new("access_token").with_field("token", SECRET);
    provider.put_credential(a, SHOPIFY, &set).await.unwrap();
    provider.put_credential(b, SHOPIFY, &set).await.unwrap();
    assert_eq!(
        provider
            .credential(a, SHOPIFY)
            .await
            .unwrap()
            .expose("token"),
        Some(SECRET)
    );

    // Only ciphertext is stored.
    let su = db.superuser_pool().await;
    let stored: Vec<Vec<u8>> = sqlx::query_scalar(
        "SELECT ciphertext FROM shopmcp.credential_fields UNION ALL SELECT wrapped FROM shopmcp.wrapped_deks",
    )
    .fetch_all(&su)
    .await
    .unwrap();
    assert_eq!(stored.len(), 4);
    for bytes in &stored {
        assert!(!bytes.windows(SECRET.len()).any(|w| w == SECRET.as_bytes()));
    }

    // Rotation re-encrypts and retires the old DEK; re-wrapping walks every workspace.
    let rotation = provider.rotate_workspace_dek(a).await.unwrap();
    assert_eq!(
        (rotation.version, rotation.reencrypted, rotation.retired),
        (2, 1, 1)
    );
    provider.cache().clear();
    assert_eq!(
        provider
            .credential(a, SHOPIFY)
            .await
            .unwrap()
            .expose("token"),
        Some(SECRET)
    );
    let rewrap = provider.rewrap_all_deks().await.unwrap();
    assert_eq!((rewrap.rewrapped, rewrap.unchanged), (0, 2));

    // A ciphertext copied into another workspace does not decrypt there.
    let mut stolen = provider
        .store()
        .get_record(a, &SHOPIFY.into())
        .await
        .unwrap()
        .unwrap();
    stolen.dek_id = provider.store().list_deks(b).await.unwrap()[0].dek_id;
    provider.store().put_record(b, stolen).await.unwrap();
    assert!(provider.credential(b, SHOPIFY).await.is_err());
}
