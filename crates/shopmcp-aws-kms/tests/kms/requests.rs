//! Every KMS request, exactly: operation, `KeyId`, encryption context, signature.

use crate::common::*;
use shopmcp_vault::{KeyBytes, KeyId, KeyWrapper};

#[tokio::test]
async fn construction_resolves_an_alias_to_the_key_arn() {
    let fake = FakeKms::start().await;
    let arn = fake.add_key("k1");
    let alias = fake.set_alias("shopmcp-dek", "k1");
    let wrapper = wrapper(&fake, &alias).await;
    assert_eq!(wrapper.default_key_id().as_str(), arn);
    assert_eq!(wrapper.key_arn().as_str(), arn);
    assert_eq!(wrapper.configured_key_id(), alias);

    let requests = fake.requests();
    assert_eq!(fake.operations(), ["DescribeKey"]);
    assert_eq!(requests[0].key_id(), Some(alias.as_str()));

    // New DEKs go to the resolved key ARN, and the stored id is the ARN KMS reports.
    let (_, _, ctx) = workspace_context();
    let data_key = wrapper.generate_data_key(None, &ctx).await.unwrap();
    assert_eq!(data_key.wrapped.key_id.as_str(), arn);
    assert_eq!(fake.requests()[1].key_id(), Some(arn.as_str()));
}

#[tokio::test]
async fn generate_data_key_sends_key_spec_key_id_and_context() {
    let (fake, wrapper) = fake_and_wrapper().await;
    let (ws, dek, ctx) = workspace_context();
    let data_key = wrapper.generate_data_key(None, &ctx).await.unwrap();

    let requests = fake.requests();
    assert_eq!(fake.operations(), ["GenerateDataKey"]);
    let body = &requests[0].body;
    assert_eq!(body["KeyId"], key_arn("k1"));
    assert_eq!(body["KeySpec"], "AES_256");
    assert!(body["NumberOfBytes"].is_null());
    let sent = requests[0].context("EncryptionContext");
    assert_eq!(sent, as_map(&ctx));
    assert_eq!(sent["shopmcp:workspace_id"], ws.to_string());
    assert_eq!(sent["shopmcp:purpose"], "workspace-dek");
    assert_eq!(sent["shopmcp:dek_id"], dek.to_string());
    assert_eq!(sent.len(), 3, "the context holds nothing else (no PII)");
    assert_eq!(
        body.as_object().unwrap().len(),
        3,
        "KeyId, KeySpec, EncryptionContext only: {body}"
    );
    assert_eq!(data_key.plaintext.expose().len(), 32);
    assert!(!data_key.wrapped.blob.is_empty());
}

#[tokio::test]
async fn unwrap_always_passes_the_stored_key_id_and_the_context() {
    let (fake, wrapper) = fake_and_wrapper().await;
    let (_, _, ctx) = workspace_context();
    let data_key = wrapper.generate_data_key(None, &ctx).await.unwrap();
    fake.clear_requests();

    let plaintext = wrapper.unwrap(&data_key.wrapped, &ctx).await.unwrap();
    assert_eq!(plaintext.expose(), data_key.plaintext.expose());

    let requests = fake.requests();
    assert_eq!(fake.operations(), ["Decrypt"]);
    assert_eq!(requests[0].key_id(), Some(key_arn("k1").as_str()));
    assert_eq!(requests[0].context("EncryptionContext"), as_map(&ctx));
    assert!(requests[0].body["CiphertextBlob"].is_string());
}

#[tokio::test]
async fn wrap_uses_encrypt_with_the_context() {
    let (fake, wrapper) = fake_and_wrapper().await;
    let (_, _, ctx) = workspace_context();
    let dek = KeyBytes::from_array([0x5A; 32]);
    let wrapped = wrapper.wrap(None, &dek, &ctx).await.unwrap();
    assert_eq!(wrapped.key_id.as_str(), key_arn("k1"));

    let requests = fake.requests();
    assert_eq!(fake.operations(), ["Encrypt"]);
    assert_eq!(requests[0].key_id(), Some(key_arn("k1").as_str()));
    assert_eq!(requests[0].context("EncryptionContext"), as_map(&ctx));
    assert_eq!(
        wrapper.unwrap(&wrapped, &ctx).await.unwrap().expose(),
        dek.expose()
    );
}

#[tokio::test]
async fn rewrap_uses_re_encrypt_with_both_contexts() {
    let (fake, wrapper) = fake_and_wrapper().await;
    let k2 = fake.add_key("k2");
    let (_, _, ctx) = workspace_context();
    let data_key = wrapper.generate_data_key(None, &ctx).await.unwrap();
    fake.clear_requests();

    let moved = wrapper
        .rewrap(&data_key.wrapped, Some(&KeyId::new(&k2)), &ctx)
        .await
        .unwrap();
    assert_eq!(moved.key_id.as_str(), k2);

    let requests = fake.requests();
    assert_eq!(fake.operations(), ["ReEncrypt"]);
    let body = &requests[0].body;
    assert_eq!(body["SourceKeyId"], key_arn("k1"));
    assert_eq!(body["DestinationKeyId"], k2);
    assert_eq!(requests[0].context("SourceEncryptionContext"), as_map(&ctx));
    assert_eq!(
        requests[0].context("DestinationEncryptionContext"),
        as_map(&ctx)
    );
    assert!(
        body.get("Plaintext").is_none(),
        "no plaintext crosses the wire"
    );
    assert_eq!(
        wrapper.unwrap(&moved, &ctx).await.unwrap().expose(),
        data_key.plaintext.expose()
    );
}

#[tokio::test]
async fn every_request_is_sigv4_signed_aws_json() {
    let (fake, wrapper) = fake_and_wrapper().await;
    let (_, _, ctx) = workspace_context();
    let data_key = wrapper.generate_data_key(None, &ctx).await.unwrap();
    wrapper.unwrap(&data_key.wrapped, &ctx).await.unwrap();

    for recorded in fake.requests() {
        let req = &recorded.request;
        assert_eq!((req.method.as_str(), req.path.as_str()), ("POST", "/"));
        assert_eq!(
            req.header("content-type"),
            Some("application/x-amz-json-1.1")
        );
        assert_eq!(
            req.header("x-amz-target"),
            Some(format!("TrentService.{}", recorded.operation).as_str())
        );
        let auth = req.header("authorization").expect("signed");
        assert!(auth.starts_with("AWS4-HMAC-SHA256 Credential="), "{auth}");
        assert!(auth.contains("/kms/aws4_request"), "{auth}");
        assert!(auth.contains("SignedHeaders=") && auth.contains("Signature="));
        assert!(req.header("x-amz-date").is_some());
        // The secret key itself is never sent; only the HMAC made with it.
        assert!(!format!("{:?}", req.headers).contains(SECRET_ACCESS_KEY));
        assert!(!String::from_utf8_lossy(&req.body).contains(SECRET_ACCESS_KEY));
    }
}

#[tokio::test]
async fn from_sdk_config_takes_credentials_but_endpoint_region_and_retries_from_config() {
    use aws_sdk_kms::config::retry::RetryConfig;
    use aws_sdk_kms::config::{BehaviorVersion, Region};
    use shopmcp_aws_kms::AwsKmsKeyWrapper;
    use shopmcp_aws_kms::aws::{SdkConfig, SharedCredentialsProvider};

    let fake = FakeKms::start().await;
    let arn = fake.add_key("k1");
    // Everything but the credentials points elsewhere and must be overridden.
    let sdk = SdkConfig::builder()
        .credentials_provider(SharedCredentialsProvider::new(credentials()))
        .region(Region::new("ap-unused-1"))
        .endpoint_url("http://127.0.0.2:9")
        .retry_config(RetryConfig::standard().with_max_attempts(1))
        .behavior_version(BehaviorVersion::latest())
        .build();
    let config = config(&fake, &arn);
    let region = config.region.clone();
    let wrapper = AwsKmsKeyWrapper::from_sdk_config(&sdk, config)
        .await
        .unwrap();

    fake.fail_next([Fault::Error(400, "ThrottlingException"); 2]);
    let (_, _, ctx) = workspace_context();
    wrapper.generate_data_key(None, &ctx).await.unwrap();
    assert_eq!(
        fake.operations(),
        [
            "DescribeKey",
            "GenerateDataKey",
            "GenerateDataKey",
            "GenerateDataKey"
        ],
        "the config's 3 attempts, not the SDK config's 1"
    );
    let auth = fake.requests()[0]
        .request
        .header("authorization")
        .unwrap()
        .to_owned();
    assert!(auth.contains(&format!("{ACCESS_KEY_ID}/")), "{auth}");
    assert!(
        auth.contains(&format!("/{region}/kms/aws4_request")),
        "{auth}"
    );
}
