use shopmcp_core::WorkspaceId;

use super::*;
use crate::DekId;

fn ctx() -> EncryptionContext {
    EncryptionContext::for_workspace_dek(WorkspaceId::random(), DekId::random())
}

fn wrapper(byte: u8) -> LocalKeyWrapper {
    LocalKeyWrapper::from_key(&KeyBytes::from_array([byte; 32])).unwrap()
}

#[tokio::test]
async fn wrap_unwrap_round_trip() {
    let w = wrapper(1);
    let ctx = ctx();
    let dk = w.generate_data_key(None, &ctx).await.unwrap();
    assert_eq!(dk.wrapped.key_id, *w.key_id());
    assert_eq!(dk.wrapped.blob.len(), BLOB_LEN);
    assert_eq!(
        w.unwrap(&dk.wrapped, &ctx).await.unwrap().expose(),
        dk.plaintext.expose()
    );
}

#[tokio::test]
async fn another_context_is_rejected() {
    let w = wrapper(1);
    let ctx = ctx();
    let dk = w.generate_data_key(None, &ctx).await.unwrap();
    let other_workspace = ctx.clone().with(
        EncryptionContext::WORKSPACE_ID,
        WorkspaceId::random().to_string(),
    );
    let extra = ctx.clone().with("shopmcp:extra", "1");
    for bad in [other_workspace, extra, EncryptionContext::new()] {
        let err = w.unwrap(&dk.wrapped, &bad).await.unwrap_err();
        assert!(matches!(err, WrapError::Rejected), "{err}");
    }
}

#[tokio::test]
async fn every_bit_flip_of_a_blob_is_rejected() {
    let w = wrapper(2);
    let ctx = ctx();
    let dk = w.generate_data_key(None, &ctx).await.unwrap();
    for bit in 0..dk.wrapped.blob.len() * 8 {
        let mut bad = dk.wrapped.clone();
        bad.blob[bit / 8] ^= 1 << (bit % 8);
        assert!(w.unwrap(&bad, &ctx).await.is_err(), "bit {bit}");
    }
    for len in 0..dk.wrapped.blob.len() {
        let mut bad = dk.wrapped.clone();
        bad.blob.truncate(len);
        assert!(matches!(
            w.unwrap(&bad, &ctx).await,
            Err(WrapError::Malformed)
        ));
    }
}

#[tokio::test]
async fn a_blob_is_bound_to_its_master_key() {
    let (a, b) = (wrapper(1), wrapper(2));
    let ctx = ctx();
    let dk = a.generate_data_key(None, &ctx).await.unwrap();
    let err = b.unwrap(&dk.wrapped, &ctx).await.unwrap_err();
    assert!(matches!(err, WrapError::UnknownKey(_)), "{err}");
    // Relabelled with b's id, it still fails: the key id is in the AAD and the key differs.
    let mut relabelled = dk.wrapped.clone();
    relabelled.key_id = b.key_id().clone();
    assert!(matches!(
        b.unwrap(&relabelled, &ctx).await,
        Err(WrapError::Rejected)
    ));
}

#[tokio::test]
async fn rotation_rewraps_under_the_new_key() {
    let old = wrapper(1);
    let ctx = ctx();
    let dk = old.generate_data_key(None, &ctx).await.unwrap();
    let new = wrapper(9)
        .with_previous_key(&KeyBytes::from_array([1; 32]))
        .unwrap();
    assert_ne!(new.key_id(), old.key_id());
    let rewrapped = new.rewrap(&dk.wrapped, None, &ctx).await.unwrap();
    assert_eq!(rewrapped.key_id, *new.key_id());
    let only_new = wrapper(9);
    assert_eq!(
        only_new.unwrap(&rewrapped, &ctx).await.unwrap().expose(),
        dk.plaintext.expose()
    );
    // Previous keys never wrap.
    let err = new
        .wrap(Some(old.key_id()), &dk.plaintext, &ctx)
        .await
        .unwrap_err();
    assert!(matches!(err, WrapError::UnknownKey(_)));
}

#[test]
fn key_ids_are_derived_from_the_key_and_debug_is_redacted() {
    let a = wrapper(7);
    let id = a.key_id().as_str();
    assert!(id.starts_with("local:") && id.len() == 6 + 16, "{id}");
    assert_eq!(wrapper(7).key_id(), a.key_id());
    assert_ne!(wrapper(8).key_id(), a.key_id());
    let shown = format!("{a:?}");
    assert!(shown.contains(id) && !shown.contains("7, 7"), "{shown}");
}

#[test]
fn key_file_is_created_0600_and_reopened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("master.key");
    assert!(LocalKeyWrapper::open(&path).is_err());
    let a = LocalKeyWrapper::open_or_create(&path).unwrap();
    let b = LocalKeyWrapper::open(&path).unwrap();
    assert_eq!(a.key_id(), b.key_id());
    let w = wrapper(3).with_previous_key_file(&path).unwrap();
    assert!(w.find(a.key_id()).is_ok());
}

#[cfg(unix)]
#[test]
fn group_or_world_readable_key_file_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("master.key");
    LocalKeyWrapper::open_or_create(&path).unwrap();
    for mode in [0o640, 0o604, 0o660] {
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        let err = LocalKeyWrapper::open_or_create(&path).unwrap_err();
        assert!(matches!(err, WrapError::KeyFile { .. }), "{err}");
        assert!(err.to_string().contains("chmod 600"), "{err}");
        let tool: shopmcp_core::ToolError = crate::VaultError::from(err).into();
        assert!(!tool.model_message().contains("master.key"));
    }
}
