//! The embedded token file: hashed, expiring, revocable, constant-time compared.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::time::{Duration, SystemTime};

use shopmcp_core::auth::TokenRecord;
use shopmcp_core::secret::{ExposeSecret, SecretString};
use shopmcp_core::*;

fn tmp() -> (tempfile::TempDir, std::path::PathBuf) {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("tokens.json");
    (d, p)
}

#[tokio::test]
async fn issued_tokens_authenticate_and_only_hashes_are_stored() {
    let (_d, path) = tmp();
    let store = TokenFile::open(&path).unwrap();
    let ws = WorkspaceId::random();
    let (issued, record) = store.issue(ws, "laptop", None).unwrap();
    let id = store.authenticate(&issued.token).await.unwrap();
    assert_eq!(id.workspace, ws);
    assert_eq!(id.principal.subject(), format!("token:{}", record.id));
    let file = std::fs::read_to_string(&path).unwrap();
    assert!(!file.contains(issued.token.expose_secret()));
    assert!(!file.contains(&issued.token.expose_secret()[22..]));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    // A second handle on the same file sees the token.
    let again = TokenFile::open(&path).unwrap();
    assert!(again.authenticate(&issued.token).await.is_ok());
}

#[tokio::test]
async fn wrong_expired_revoked_and_malformed_tokens_fail_identically() {
    let (_d, path) = tmp();
    let store = TokenFile::open(&path).unwrap();
    let ws = WorkspaceId::random();
    let (good, _) = store.issue(ws, "a", None).unwrap();
    let (expired, _) = store
        .issue_until(ws, "b", Some(SystemTime::now() - Duration::from_secs(1)))
        .unwrap();
    let (revoked, rec) = store
        .issue(ws, "c", Some(Duration::from_secs(3600)))
        .unwrap();
    assert!(store.revoke(&rec.id).unwrap());
    let tampered = {
        let mut s = good.token.expose_secret().to_owned();
        let last = s.pop().unwrap();
        s.push(if last == '0' { '1' } else { '0' });
        SecretString::from(s)
    };
    let mut messages = Vec::new();
    for t in [
        &expired.token,
        &revoked.token,
        &tampered,
        &SecretString::from("smcp_nope"),
        &SecretString::from(""),
    ] {
        let e = store.authenticate(t).await.unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Unauthenticated);
        messages.push(e.model_message());
    }
    messages.dedup();
    assert_eq!(messages.len(), 1, "every failure looks the same");
    assert!(store.authenticate(&good.token).await.is_ok());
}

#[tokio::test]
async fn revocation_by_another_process_is_seen() {
    let (_d, path) = tmp();
    let server = TokenFile::open(&path).unwrap();
    let cli = TokenFile::open(&path).unwrap();
    let (t, rec) = cli.issue(WorkspaceId::random(), "x", None).unwrap();
    std::thread::sleep(Duration::from_millis(1100));
    assert!(
        server.authenticate(&t.token).await.is_ok(),
        "new token picked up"
    );
    cli.revoke(&rec.id).unwrap();
    std::thread::sleep(Duration::from_millis(1100));
    assert!(
        server.authenticate(&t.token).await.is_err(),
        "revocation picked up"
    );
    let listed: Vec<TokenRecord> = server.list();
    assert!(listed[0].revoked_at.is_some());
    assert_eq!(server.remove_workspace(rec.workspace).unwrap(), 1);
    assert!(server.list().is_empty());
}

#[cfg(unix)]
#[test]
fn group_readable_token_file_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let (_d, path) = tmp();
    std::fs::write(&path, r#"{"tokens":{}}"#).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let err = TokenFile::open(&path).unwrap_err();
    assert!(err.to_string().contains("chmod 600"), "{err}");
}
