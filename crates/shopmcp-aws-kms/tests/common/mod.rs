//! Shared by the integration tests: the fake KMS, static test credentials, wrappers
//! pointed at the fake.
#![allow(dead_code, unreachable_pub, unused_imports)]

pub mod fake_kms;
pub mod http;
pub mod sealing;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use shopmcp_aws_kms::aws::Credentials;
use shopmcp_aws_kms::{AwsKmsKeyWrapper, KmsConfig, KmsTimeouts};
use shopmcp_core::WorkspaceId;
use shopmcp_vault::{DekId, EncryptionContext};

pub use fake_kms::{FakeKms, Fault, KmsRequest, alias_arn, key_arn};

/// Static test credentials: none of them may ever appear in a log line, an error or `Debug`.
pub const ACCESS_KEY_ID: &str = "AKIAFAKEKMSTESTACCESS";
pub const SECRET_ACCESS_KEY: &str = "fakeSecretAccessKey/MustNeverBeLogged+0001";
pub const SESSION_TOKEN: &str = "FakeSessionTokenThatMustNeverLeak0002";

pub fn credentials() -> Credentials {
    Credentials::new(
        ACCESS_KEY_ID,
        SECRET_ACCESS_KEY,
        Some(SESSION_TOKEN.to_owned()),
        None,
        "shopmcp-tests",
    )
}

/// A region name of its own for every wrapper: the SDK's retry quota is shared per region,
/// so tests that exhaust retries must not starve each other.
pub fn unique_region() -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!("us-test-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// A configuration pointed at `fake`: short backoff, 3 attempts, generous timeouts (only
/// the timeout tests shorten them).
pub fn config(fake: &FakeKms, key_id: &str) -> KmsConfig {
    KmsConfig::new(key_id, unique_region())
        .with_endpoint_override(fake.endpoint())
        .with_backoff(Duration::from_millis(1), Duration::from_millis(5))
        .with_timeouts(KmsTimeouts::new(
            Duration::from_secs(5),
            Duration::from_secs(10),
            Duration::from_secs(30),
        ))
}

pub async fn wrapper(fake: &FakeKms, key_id: &str) -> AwsKmsKeyWrapper {
    AwsKmsKeyWrapper::with_credentials(config(fake, key_id), credentials())
        .await
        .unwrap()
}

/// A fake with key `k1` and a wrapper using it; the `DescribeKey` of construction is
/// already cleared from the recorded requests.
pub async fn fake_and_wrapper() -> (FakeKms, AwsKmsKeyWrapper) {
    let fake = FakeKms::start().await;
    let arn = fake.add_key("k1");
    let wrapper = wrapper(&fake, &arn).await;
    fake.clear_requests();
    (fake, wrapper)
}

pub fn workspace_context() -> (WorkspaceId, DekId, EncryptionContext) {
    let (ws, dek) = (WorkspaceId::random(), DekId::random());
    (ws, dek, EncryptionContext::for_workspace_dek(ws, dek))
}

/// The context as the fake recorded it.
pub fn as_map(context: &EncryptionContext) -> BTreeMap<String, String> {
    context
        .iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}
