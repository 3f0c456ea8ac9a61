//! Credentials and plaintext DEKs never appear in `Debug` or error text (logs: `logs.rs`);
//! the model sees none of the operator detail.

use crate::common::*;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use shopmcp_core::{CredentialSet, CredentialSlot, Platform, ToolError, WorkspaceId};
use shopmcp_vault::{EncryptedCredentialProvider, KeyWrapper, MemoryStore};

fn forbidden() -> [&'static str; 3] {
    [ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN]
}

fn assert_clean(what: &str, text: &str, extra: &[String]) {
    for secret in forbidden()
        .iter()
        .copied()
        .chain(extra.iter().map(String::as_str))
    {
        assert!(!text.contains(secret), "{what} leaks `{secret}`");
    }
}

/// The ways a 32-byte key could be printed.
fn renderings(key: &[u8; 32]) -> Vec<String> {
    let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
    let list = format!("{:?}", &key[..8]).trim_end_matches(']').to_owned();
    vec![B64.encode(key), hex, list]
}

#[tokio::test]
async fn no_secret_in_debug_or_error_text() {
    let fake = FakeKms::start().await;
    let arn = fake.add_key("k1");
    let wrapper = wrapper(&fake, &arn).await;
    let (_, _, ctx) = workspace_context();
    let data_key = wrapper.generate_data_key(None, &ctx).await.unwrap();
    let unwrapped = wrapper.unwrap(&data_key.wrapped, &ctx).await.unwrap();
    let mut keys = renderings(data_key.plaintext.expose());
    keys.extend(renderings(unwrapped.expose()));

    let mut texts = vec![
        format!("{wrapper:?}"),
        format!("{:?}", config(&fake, &arn)),
        format!("{data_key:?}"),
        format!("{unwrapped:?}"),
    ];
    for kind in [
        "AccessDeniedException",
        "UnrecognizedClientException",
        "ThrottlingException",
        "InvalidCiphertextException",
    ] {
        fake.fail_next([Fault::Error(400, kind); 3]);
        let err = wrapper.unwrap(&data_key.wrapped, &ctx).await.unwrap_err();
        texts.push(err.to_string());
        texts.push(format!("{err:?}"));
        fake.clear_faults();
    }
    for text in &texts {
        assert_clean("Debug or error text", text, &keys);
    }
    assert!(texts[0].contains(&arn), "{}", texts[0]);
    assert!(texts[2].contains("REDACTED"), "{}", texts[2]);
}

#[tokio::test]
async fn the_model_sees_no_kms_detail() {
    let (fake, wrapper) = fake_and_wrapper().await;
    let provider = EncryptedCredentialProvider::new(MemoryStore::new(), wrapper).unwrap();
    let ws = WorkspaceId::random();
    let slot = CredentialSlot::new(Platform::Magento, "admin");
    fake.fail_next([Fault::Error(400, "AccessDeniedException")]);
    let set = CredentialSet::new("integration_token").with_field("token", "mag_model_safe");
    let err = provider.put_credential(ws, slot, &set).await.unwrap_err();
    let tool: ToolError = err.into();
    let model = tool.model_message();
    for hidden in [
        "arn:aws:kms",
        "AccessDenied",
        "fake-req-",
        "GenerateDataKey",
        "key policy",
    ] {
        assert!(!model.contains(hidden), "model sees `{hidden}`: {model}");
    }
    let detail = tool.log_detail();
    assert!(
        detail.contains("AccessDeniedException") && detail.contains(&key_arn("k1")),
        "operators see the detail: {detail}"
    );
    assert_clean("the operator detail", &detail, &[]);
}
