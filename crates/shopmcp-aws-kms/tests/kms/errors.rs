//! Error mapping for each KMS error type: permanent errors are not retried, throttling and
//! transient errors are retried a bounded number of times, and nothing ever falls back.

use crate::common::*;
use shopmcp_vault::{DataKey, EncryptionContext, KeyId, KeyWrapper, WrapError};

/// A wrapper over `k1` with one DEK already generated; requests cleared.
async fn setup() -> (
    FakeKms,
    shopmcp_aws_kms::AwsKmsKeyWrapper,
    DataKey,
    EncryptionContext,
) {
    let (fake, wrapper) = fake_and_wrapper().await;
    let (_, _, ctx) = workspace_context();
    let data_key = wrapper.generate_data_key(None, &ctx).await.unwrap();
    fake.clear_requests();
    (fake, wrapper, data_key, ctx)
}

fn backend(err: &WrapError) -> &str {
    match err {
        WrapError::Backend(detail) => detail,
        other => panic!("expected a backend error, got {other:?}"),
    }
}

#[tokio::test]
async fn permanent_kms_errors_map_to_clear_errors_without_retry() {
    let (fake, wrapper, data_key, ctx) = setup().await;
    let arn = key_arn("k1");
    for (kind, check) in [
        ("InvalidCiphertextException", None),
        ("IncorrectKeyException", None),
        ("NotFoundException", None),
        ("AccessDeniedException", Some("access denied")),
        ("DisabledException", Some("disabled")),
        ("KMSInvalidStateException", Some("pending deletion")),
        (
            "InvalidKeyUsageException",
            Some("not a symmetric encryption key"),
        ),
        (
            "UnrecognizedClientException",
            Some("credentials were refused"),
        ),
        ("ValidationException", Some("invalid")),
    ] {
        fake.clear_requests();
        fake.fail_next([Fault::Error(400, kind)]);
        let err = wrapper.unwrap(&data_key.wrapped, &ctx).await.unwrap_err();
        assert_eq!(fake.requests().len(), 1, "{kind} must not be retried");
        match (kind, &err) {
            ("InvalidCiphertextException" | "IncorrectKeyException", WrapError::Rejected) => {}
            ("NotFoundException", WrapError::UnknownKey(id)) => assert_eq!(id.as_str(), arn),
            (_, WrapError::Backend(detail)) => {
                let needle = check.unwrap();
                for part in [
                    needle,
                    kind,
                    "Decrypt",
                    arn.as_str(),
                    "permanent",
                    "fake-req-",
                ] {
                    assert!(
                        detail.contains(part),
                        "{kind}: `{part}` missing in {detail}"
                    );
                }
            }
            _ => panic!("{kind} mapped to {err:?}"),
        }
    }
}

#[tokio::test]
async fn key_state_errors_from_every_operation() {
    let (fake, wrapper, data_key, ctx) = setup().await;
    let k2 = KeyId::new(fake.add_key("k2"));

    fake.set_key_state("k1", "Disabled");
    let err = wrapper.generate_data_key(None, &ctx).await.unwrap_err();
    assert!(backend(&err).contains("DisabledException"), "{err}");
    assert!(backend(&err).contains("GenerateDataKey"), "{err}");
    let err = wrapper.unwrap(&data_key.wrapped, &ctx).await.unwrap_err();
    assert!(backend(&err).contains("DisabledException"), "{err}");
    fake.set_key_state("k1", "Enabled");

    fake.set_key_state("k2", "PendingDeletion");
    let err = wrapper
        .rewrap(&data_key.wrapped, Some(&k2), &ctx)
        .await
        .unwrap_err();
    assert!(backend(&err).contains("KMSInvalidStateException"), "{err}");
    assert!(backend(&err).contains("ReEncrypt"), "{err}");

    let missing = KeyId::new(key_arn("no-such-key"));
    let err = wrapper
        .wrap(Some(&missing), &data_key.plaintext, &ctx)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, WrapError::UnknownKey(id) if id == &missing),
        "{err}"
    );
    assert_eq!(
        fake.operations(),
        ["GenerateDataKey", "Decrypt", "ReEncrypt", "Encrypt"],
        "no retries"
    );
}

#[tokio::test]
async fn throttling_is_retried_a_bounded_number_of_times_then_fails() {
    let (fake, wrapper, data_key, ctx) = setup().await;
    for kind in ["ThrottlingException", "LimitExceededException"] {
        fake.clear_requests();
        fake.fail_next([Fault::Error(400, kind); 5]);
        let err = wrapper.unwrap(&data_key.wrapped, &ctx).await.unwrap_err();
        let detail = backend(&err);
        assert!(
            detail.contains("throttled") && detail.contains("transient"),
            "{detail}"
        );
        assert!(detail.contains(kind), "{detail}");
        assert_eq!(fake.requests().len(), 3, "max_attempts = 3 for {kind}");
        // Drain the faults this call did not consume.
        fake.clear_faults();
    }
}

#[tokio::test]
async fn throttling_and_internal_errors_then_success() {
    let (fake, wrapper, data_key, ctx) = setup().await;
    fake.fail_next([
        Fault::Error(400, "ThrottlingException"),
        Fault::Error(500, "KMSInternalException"),
    ]);
    let plaintext = wrapper.unwrap(&data_key.wrapped, &ctx).await.unwrap();
    assert_eq!(plaintext.expose(), data_key.plaintext.expose());
    let requests = fake.requests();
    assert_eq!(fake.operations(), ["Decrypt"; 3]);
    // The retries are the same request: same key id and context each time.
    for r in &requests {
        assert_eq!(r.key_id(), Some(key_arn("k1").as_str()));
        assert_eq!(r.context("EncryptionContext"), as_map(&ctx));
    }
}

#[tokio::test]
async fn a_dropped_connection_is_retried_then_fails_closed() {
    let (fake, wrapper, data_key, ctx) = setup().await;
    fake.fail_next([Fault::Close; 3]);
    let err = wrapper.unwrap(&data_key.wrapped, &ctx).await.unwrap_err();
    let detail = backend(&err);
    assert!(
        detail.contains("transient") && detail.contains("retries were used up"),
        "{detail}"
    );
    assert_eq!(fake.requests().len(), 3);
}

#[tokio::test]
async fn a_hanging_kms_times_out_and_fails_closed() {
    use std::time::Duration;
    let fake = FakeKms::start().await;
    let arn = fake.add_key("k1");
    let config =
        config(&fake, &arn)
            .with_max_attempts(2)
            .with_timeouts(shopmcp_aws_kms::KmsTimeouts::new(
                Duration::from_secs(5),
                Duration::from_millis(500),
                Duration::from_secs(30),
            ));
    let wrapper = shopmcp_aws_kms::AwsKmsKeyWrapper::with_credentials(config, credentials())
        .await
        .unwrap();
    let (_, _, ctx) = workspace_context();
    fake.clear_requests();
    fake.fail_next([Fault::Hang, Fault::Hang]);
    let err = wrapper.generate_data_key(None, &ctx).await.unwrap_err();
    let detail = backend(&err);
    assert!(
        detail.contains("timed out") && detail.contains("failing closed"),
        "{detail}"
    );
    assert_eq!(fake.operations(), ["GenerateDataKey"; 2]);
}

#[tokio::test]
async fn an_unreachable_endpoint_fails_closed() {
    // Nothing listens on 127.0.0.2 (the fakes bind 127.0.0.1), and this port was just freed.
    let listener = std::net::TcpListener::bind("127.0.0.2:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let config = shopmcp_aws_kms::KmsConfig::new(key_arn("k1"), unique_region())
        .with_endpoint_override(url::Url::parse(&format!("http://{addr}")).unwrap())
        .with_backoff(
            std::time::Duration::from_millis(1),
            std::time::Duration::from_millis(5),
        );
    let err = shopmcp_aws_kms::AwsKmsKeyWrapper::with_credentials(config, credentials())
        .await
        .unwrap_err();
    let text = err.to_string();
    assert!(
        matches!(err, shopmcp_aws_kms::KmsSetupError::Kms(_)),
        "{text}"
    );
    assert!(
        text.contains("unreachable") && text.contains("DescribeKey"),
        "{text}"
    );
}

#[tokio::test]
async fn construction_refuses_unusable_or_unknown_keys() {
    use shopmcp_aws_kms::{AwsKmsKeyWrapper, KmsSetupError};
    let fake = FakeKms::start().await;
    let arn = fake.add_key("k1");
    fake.set_key_state("k1", "Disabled");
    let err = AwsKmsKeyWrapper::with_credentials(config(&fake, &arn), credentials())
        .await
        .unwrap_err();
    assert!(matches!(&err, KmsSetupError::UnusableKey { .. }), "{err}");
    assert!(err.to_string().contains("Disabled"), "{err}");

    let err = AwsKmsKeyWrapper::with_credentials(config(&fake, "alias/missing"), credentials())
        .await
        .unwrap_err();
    assert!(err.to_string().contains("NotFoundException"), "{err}");

    fake.clear_requests();
    let plain = config(&fake, &arn)
        .with_endpoint_override(url::Url::parse("http://198.51.100.7:4566").unwrap());
    let err = AwsKmsKeyWrapper::with_credentials(plain, credentials())
        .await
        .unwrap_err();
    assert!(matches!(err, KmsSetupError::Config { .. }), "{err}");
    assert!(fake.requests().is_empty(), "refused before any request");
}
