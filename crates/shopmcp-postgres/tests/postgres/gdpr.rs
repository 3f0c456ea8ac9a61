//! GDPR through the admin role: an export holds everything of one workspace and nothing of
//! another; erasure leaves nothing, and old ciphertexts no longer decrypt.

use secrecy::ExposeSecret;
use shopmcp_core::{
    Authenticator, CredentialProvider, CredentialSet, CredentialSlot, Outcome, Platform,
    WorkspaceId,
};
use shopmcp_postgres::admin::EXPORT_FORMAT;
use shopmcp_postgres::{PgCredentialStore, PostgresBackend};
use shopmcp_vault::{
    CredentialStore, EncryptedCredentialProvider, KeyBytes, LocalKeyWrapper, SecretDisclosure,
    VaultError,
};

use crate::common::{TENANT_TABLES, TestDb, event, seed};

const SHOPIFY: CredentialSlot = CredentialSlot::new(Platform::Shopify, "admin");
const MAGENTO: CredentialSlot = CredentialSlot::new(Platform::Magento, "admin");

fn provider(
    backend: &PostgresBackend,
) -> EncryptedCredentialProvider<PgCredentialStore, LocalKeyWrapper> {
    let wrapper = LocalKeyWrapper::from_key(&KeyBytes::from_array([0x5a; 32])).unwrap();
    EncryptedCredentialProvider::new(backend.credentials(), wrapper).unwrap()
}

fn secret(ws: WorkspaceId) -> String {
    format!("shpat_secret_of_{}", ws.as_uuid().simple())
}

/// Everything a workspace can hold: credentials (real SME1), tokens, events, idempotency.
async fn populate(
    backend: &PostgresBackend,
    provider: &EncryptedCredentialProvider<PgCredentialStore, LocalKeyWrapper>,
    ws: WorkspaceId,
) -> shopmcp_core::auth::IssuedToken {
    seed(backend, ws).await;
    // Replace the seeded placeholder credential and DEK with real ones.
    provider.store().delete_workspace(ws).await.unwrap();
    let set = CredentialSet::new("access_token").with_field("token", secret(ws));
    provider.put_credential(ws, SHOPIFY, &set).await.unwrap();
    let oauth = CredentialSet::new("oauth1")
        .with_field("consumer_key", "ck")
        .with_field("consumer_secret", format!("cs_{}", secret(ws)));
    provider.put_credential(ws, MAGENTO, &oauth).await.unwrap();
    let (issued, _) = backend.tokens().issue(ws, "assistant", None).await.unwrap();
    for outcome in [
        Outcome::Ok,
        Outcome::Error(shopmcp_core::ErrorKind::NotFound),
    ] {
        shopmcp_core::AuditSink::record(
            &backend.audit(),
            &event(Some(ws), "shopify_orders_get", outcome),
        )
        .await
        .unwrap();
    }
    issued
}

#[tokio::test]
async fn export_of_one_workspace_holds_all_of_it_and_nothing_of_another() {
    let Some(db) = TestDb::create().await else {
        return;
    };
    let backend = db.backend().await;
    let provider = provider(&backend);
    let (a, b) = (WorkspaceId::random(), WorkspaceId::random());
    let token_a = populate(&backend, &provider, a).await;
    let token_b = populate(&backend, &provider, b).await;

    let export = backend.admin().export_workspace(a).await.unwrap();
    assert_eq!(export.format, EXPORT_FORMAT);
    assert_eq!(export.workspace_row.as_ref().unwrap().label, "seeded");
    assert_eq!(export.tokens.len(), 2);
    assert_eq!(export.data_keys.len(), 1);
    assert_eq!(export.credentials.len(), 2);
    let magento = export
        .credentials
        .iter()
        .find(|c| c.slot == "magento.admin")
        .unwrap();
    assert_eq!(
        (magento.kind.as_str(), magento.fields.clone()),
        (
            "oauth1",
            vec!["consumer_key".to_owned(), "consumer_secret".to_owned()]
        )
    );
    assert_eq!(export.usage_events.len(), 3);
    assert_eq!(export.usage_outbox.len(), 2);
    assert_eq!(export.idempotency_records.len(), 1);
    assert_eq!(
        export.idempotency_records[0].result,
        Some(serde_json::json!({"refund": "r1"}))
    );

    let json = export.to_json().unwrap();
    assert!(json.contains(&a.to_string()) && json.contains(token_a.id.as_str()));
    // Nothing of B: not its id, its token, its events' request ids.
    let export_b = backend.admin().export_workspace(b).await.unwrap();
    assert!(!json.contains(&b.to_string()));
    assert!(!json.contains(token_b.id.as_str()));
    for e in &export_b.usage_events {
        assert!(!json.contains(&e.request_id.to_string()));
        assert!(!json.contains(&e.event_id.to_string()));
    }
    // Secrets by name and kind only: no plaintext, no token, no hash.
    let su = db.superuser_pool().await;
    let hashes: Vec<String> = sqlx::query_scalar("SELECT token_hash FROM shopmcp.bearer_tokens")
        .fetch_all(&su)
        .await
        .unwrap();
    assert!(!json.contains(&secret(a)) && !json.contains(token_a.token.expose_secret()));
    assert!(hashes.iter().all(|h| !json.contains(h.as_str())));
    // The vault's own export over this store agrees on credentials.
    let vault_export = provider
        .export_workspace(a, SecretDisclosure::NamesOnly)
        .await
        .unwrap();
    assert_eq!(vault_export.credentials.len(), 2);
}

#[tokio::test]
async fn erasure_leaves_nothing_and_old_ciphertexts_no_longer_decrypt() {
    let Some(db) = TestDb::create().await else {
        return;
    };
    let backend = db.backend().await;
    let provider = provider(&backend);
    let (a, b) = (WorkspaceId::random(), WorkspaceId::random());
    let token_a = populate(&backend, &provider, a).await;
    let token_b = populate(&backend, &provider, b).await;
    // A "backup" of A's ciphertexts taken before the erasure.
    let backup = provider.store().list_records(a).await.unwrap();
    assert_eq!(backup.len(), 2);

    // The Shopify `shop/redact` path.
    let report = backend.admin().erase_workspace(a).await.unwrap();
    provider.revoke_cached_keys(a);
    assert_eq!(report.workspace, 1);
    assert_eq!((report.tokens, report.token_lookups), (2, 2));
    assert_eq!(
        (
            report.credentials,
            report.credential_fields,
            report.data_keys
        ),
        (2, 3, 1)
    );
    assert_eq!(
        (
            report.usage_events,
            report.usage_outbox,
            report.idempotency_records
        ),
        (3, 2, 1)
    );

    // Export afterwards: nothing left.
    let export = backend.admin().export_workspace(a).await.unwrap();
    assert!(export.workspace_row.is_none());
    assert!(
        export.tokens.is_empty() && export.data_keys.is_empty() && export.credentials.is_empty()
    );
    assert!(
        export.usage_events.is_empty()
            && export.usage_outbox.is_empty()
            && export.idempotency_records.is_empty()
    );
    let su = db.superuser_pool().await;
    for table in TENANT_TABLES.iter().chain(&["token_lookup"]) {
        let left: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT count(*) FROM shopmcp.{table} WHERE workspace_id = $1"
        )))
        .bind(a.as_uuid())
        .fetch_one(&su)
        .await
        .unwrap();
        assert_eq!(left, 0, "{table}");
    }
    assert!(backend.tokens().authenticate(&token_a.token).await.is_err());

    // Crypto-shredding: restoring the ciphertexts does not bring the secrets back, not even
    // through a fresh provider with the same master key.
    for record in backup {
        provider.store().put_record(a, record).await.unwrap();
    }
    for p in [&provider, &self::provider(&backend)] {
        let err = p.get_credential(a, SHOPIFY).await.unwrap_err();
        assert!(matches!(err, VaultError::UnknownDek { .. }), "{err}");
    }

    // B is untouched.
    assert_eq!(
        provider
            .credential(b, SHOPIFY)
            .await
            .unwrap()
            .expose("token"),
        Some(secret(b).as_str())
    );
    assert_eq!(
        backend
            .tokens()
            .authenticate(&token_b.token)
            .await
            .unwrap()
            .workspace,
        b
    );
    assert_eq!(
        backend
            .admin()
            .export_workspace(b)
            .await
            .unwrap()
            .usage_events
            .len(),
        3
    );
    assert_eq!(backend.admin().list_workspaces().await.unwrap(), vec![b]);
    // Erasing again finds nothing more than the restored backup.
    let again = backend.admin().erase_workspace(a).await.unwrap();
    assert_eq!((again.credentials, again.total()), (2, 5));
}
