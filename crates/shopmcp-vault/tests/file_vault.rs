//! FileVault: persistence, permissions, crash safety, concurrency, no plaintext on disk.
#![allow(clippy::unwrap_used)] // helpers outside #[test] functions unwrap too

mod common;

use std::fs;
use std::sync::Arc;

use base64::Engine;
use common::*;
use shopmcp_core::fs::temp_path_for;
use shopmcp_core::{CredentialSlot, Platform, WorkspaceId};
use shopmcp_vault::{
    CredentialStore, EncryptedCredentialProvider, FileVault, LocalKeyWrapper, StoreError,
};

fn provider(dir: &std::path::Path) -> EncryptedCredentialProvider<FileVault, LocalKeyWrapper> {
    EncryptedCredentialProvider::new(
        FileVault::open(dir.join("vault.json")).unwrap(),
        LocalKeyWrapper::open_or_create(dir.join("master.key")).unwrap(),
    )
    .unwrap()
}

#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[tokio::test]
async fn survives_a_reopen_and_holds_no_plaintext() {
    let dir = tempfile::tempdir().unwrap();
    let ws = WorkspaceId::random();
    {
        let p = provider(dir.path());
        p.put_credential(ws, SHOPIFY_ADMIN, &shopify_set())
            .await
            .unwrap();
        p.put_credential(ws, MAGENTO_ADMIN, &magento_set())
            .await
            .unwrap();
    }
    let p = provider(dir.path());
    let set = p.get_credential(ws, MAGENTO_ADMIN).await.unwrap().unwrap();
    assert_eq!(set.expose("consumer_secret"), Some(MAGENTO_SECRET));

    let bytes = fs::read(dir.path().join("vault.json")).unwrap();
    let b64 = base64::engine::general_purpose::STANDARD;
    for secret in [SHOPIFY_TOKEN, MAGENTO_SECRET, "mag_ats_1"] {
        for needle in [secret.as_bytes().to_vec(), b64.encode(secret).into_bytes()] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle),
                "{secret} found in the vault file"
            );
        }
    }
    let key = fs::read(dir.path().join("master.key")).unwrap();
    assert!(
        !bytes.windows(8).any(|w| key.windows(8).any(|k| k == w)),
        "master key bytes in the vault"
    );
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains("shopmcp-vault/1") && text.contains("consumer_secret"));
    #[cfg(unix)]
    {
        assert_eq!(mode(&dir.path().join("vault.json")), 0o600);
        assert_eq!(mode(&dir.path().join("master.key")), 0o600);
    }
}

#[tokio::test]
async fn a_crash_between_write_and_rename_keeps_the_previous_content() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.json");
    let ws = WorkspaceId::random();
    provider(dir.path())
        .put_credential(ws, SHOPIFY_ADMIN, &shopify_set())
        .await
        .unwrap();
    let committed = fs::read(&path).unwrap();

    // The process died after writing (part of) the next version to the temporary file, before
    // the rename: the vault file is the previous version, untouched.
    let half = &committed[..committed.len() / 2];
    shopmcp_core::fs::write_private_atomic(&temp_path_for(&path), half).unwrap();
    assert_eq!(fs::read(&path).unwrap(), committed);
    let p = provider(dir.path());
    assert_eq!(
        p.get_credential(ws, SHOPIFY_ADMIN)
            .await
            .unwrap()
            .unwrap()
            .expose("token"),
        Some(SHOPIFY_TOKEN)
    );
    // The next write replaces the stale temporary file and commits normally.
    p.put_credential(ws, MAGENTO_ADMIN, &magento_set())
        .await
        .unwrap();
    assert!(!temp_path_for(&path).exists());
    let reopened = FileVault::open(&path).unwrap();
    assert_eq!(reopened.list_records(ws).await.unwrap().len(), 2);
}

#[cfg(unix)]
#[tokio::test]
async fn a_group_or_world_readable_vault_file_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.json");
    provider(dir.path())
        .put_credential(WorkspaceId::random(), SHOPIFY_ADMIN, &shopify_set())
        .await
        .unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    let err = FileVault::open(&path).unwrap_err();
    assert!(
        matches!(err, StoreError::Io(_)) && err.to_string().contains("chmod 600"),
        "{err}"
    );
}

#[tokio::test]
async fn corrupt_or_foreign_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.json");
    for content in [
        &b"{not json"[..],
        br#"{"format":"other/9","workspaces":{}}"#,
    ] {
        shopmcp_core::fs::write_private_atomic(&path, content).unwrap();
        assert!(matches!(
            FileVault::open(&path),
            Err(StoreError::Corrupt(_))
        ));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_writers_in_one_process_are_serialised() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.json");
    let vault = FileVault::open(&path).unwrap();
    let p = Arc::new(EncryptedCredentialProvider::new(vault.clone(), wrapper(1)).unwrap());
    let ws = WorkspaceId::random();
    const NAMES: [&str; 12] = [
        "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11",
    ];
    let mut tasks = Vec::new();
    for name in NAMES {
        let p = Arc::clone(&p);
        tasks.push(tokio::spawn(async move {
            let slot = CredentialSlot::new(Platform::Bigcommerce, name);
            p.put_credential(ws, slot, &shopify_set()).await
        }));
        // Direct store writers race with the provider's writers.
        let v = vault.clone();
        tasks.push(tokio::spawn(async move {
            let other = WorkspaceId::random();
            let record = shopmcp_vault::CredentialRecord {
                slot: CredentialSlot::new(Platform::Neto, name).into(),
                record_id: uuid::Uuid::new_v4(),
                kind: "api_key".into(),
                dek_id: shopmcp_vault::DekId::random(),
                fields: Default::default(),
                updated_at: 0,
            };
            v.put_record(other, record).await.map_err(Into::into)
        }));
    }
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    let reopened = FileVault::open(&path).unwrap();
    assert_eq!(reopened.list_records(ws).await.unwrap().len(), NAMES.len());
    assert_eq!(
        reopened.list_workspaces().await.unwrap().len(),
        NAMES.len() + 1
    );
}
