//! [`AwsKmsKeyWrapper`]: construction, key resolution and `Debug`.

use std::fmt;
use std::sync::Arc;

use aws_config::SdkConfig;
use aws_config::default_provider::credentials::DefaultCredentialsChain;
use aws_sdk_kms::Client;
use aws_sdk_kms::config::{Builder, ProvideCredentials, Region};
use aws_sdk_kms::types::{KeySpec, KeyState, KeyUsageType};
use shopmcp_vault::KeyId;
use url::Url;

use crate::error::{KmsError, Op};
use crate::{KmsConfig, KmsSetupError, client};

/// The scale-out [`KeyWrapper`](shopmcp_vault::KeyWrapper): workspace DEKs generated,
/// unwrapped and re-wrapped by a symmetric AWS KMS key.
///
/// | trait method | KMS operation |
/// |---|---|
/// | `generate_data_key` | `GenerateDataKey` (`KeySpec` `AES_256`) |
/// | `unwrap` | `Decrypt`, `KeyId` always passed |
/// | `rewrap` | `ReEncrypt` (the plaintext DEK never leaves KMS) |
/// | `wrap` | `Encrypt` |
///
/// Every call passes the vault's encryption context (workspace id, purpose, DEK id) and
/// refuses an empty one, so a DEK only unwraps for the workspace it belongs to. The key id
/// stored beside each DEK is the key ARN KMS reports; a stored key id that is not a key ARN
/// of the configured key's AWS account (or a listed
/// [`previous_key_arns`](KmsConfig::previous_key_arns) entry) is refused before any request:
/// a store writer cannot point unwrapping at a key of theirs. Plaintext DEKs go from the SDK's
/// buffer straight into a zeroizing [`KeyBytes`](shopmcp_vault::KeyBytes), and that buffer
/// is zeroized.
///
/// Construction resolves the configured key (an alias is fine) with `DescribeKey` and
/// checks that it is an enabled symmetric encryption key, so a misconfiguration fails at
/// start, not at the first tool call. Cheap to clone (one shared client).
///
/// ```no_run
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// use shopmcp_aws_kms::{AwsKmsKeyWrapper, KmsConfig};
/// use shopmcp_vault::{EncryptedCredentialProvider, MemoryStore};
///
/// let wrapper = AwsKmsKeyWrapper::new(KmsConfig::new(
///     "arn:aws:kms:eu-west-1:111122223333:alias/shopmcp-dek",
///     "eu-west-1",
/// ))
/// .await?;
/// let provider = EncryptedCredentialProvider::new(MemoryStore::new(), wrapper)?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct AwsKmsKeyWrapper {
    inner: Arc<Inner>,
}

struct Inner {
    client: Client,
    /// The key ARN `DescribeKey` reported: new DEKs are wrapped under it.
    key_arn: KeyId,
    /// The key as configured (maybe an alias).
    configured: String,
    region: String,
    endpoint: Option<Url>,
    max_attempts: u32,
    /// Keys of other accounts stored DEKs may name.
    previous: Vec<String>,
}

impl AwsKmsKeyWrapper {
    /// A wrapper using the default AWS credential chain (environment, profile files, web
    /// identity / IRSA, ECS and EKS container credentials, EC2 instance metadata). Region,
    /// endpoint, retries and timeouts come from `config` only.
    pub async fn new(config: KmsConfig) -> Result<Self, KmsSetupError> {
        config.validate()?;
        let chain = DefaultCredentialsChain::builder()
            .region(Region::new(config.region.clone()))
            .build()
            .await;
        Self::with_credentials(config, chain).await
    }

    /// A wrapper with explicit credentials (a provider of your own, or static test
    /// credentials: `aws_sdk_kms::config::Credentials`).
    pub async fn with_credentials(
        config: KmsConfig,
        credentials: impl ProvideCredentials + 'static,
    ) -> Result<Self, KmsSetupError> {
        config.validate()?;
        let builder = Builder::new().credentials_provider(credentials);
        Self::connect(config, builder).await
    }

    /// A wrapper over an SDK configuration the server already loaded (its credentials,
    /// HTTP client and async runtime are reused). Region, endpoint, retries and timeouts
    /// still come from `config`, never from `sdk_config`.
    pub async fn from_sdk_config(
        sdk_config: &SdkConfig,
        config: KmsConfig,
    ) -> Result<Self, KmsSetupError> {
        config.validate()?;
        Self::connect(config, Builder::from(sdk_config)).await
    }

    async fn connect(config: KmsConfig, builder: Builder) -> Result<Self, KmsSetupError> {
        let client = client::build(&config, builder);
        let key_arn = describe(&client, &config.key_id).await?;
        tracing::info!(configured = %config.key_id, key_arn = %key_arn, region = %config.region, "KMS key wrapper ready");
        Ok(Self {
            inner: Arc::new(Inner {
                client,
                key_arn,
                configured: config.key_id,
                region: config.region,
                endpoint: config.endpoint_override,
                max_attempts: config.max_attempts,
                previous: config.previous_key_arns,
            }),
        })
    }

    /// The ARN of the key new DEKs are wrapped under.
    pub fn key_arn(&self) -> &KeyId {
        &self.inner.key_arn
    }

    /// The key as configured (maybe an alias).
    pub fn configured_key_id(&self) -> &str {
        &self.inner.configured
    }

    /// Key ARNs of other accounts that stored DEKs may name.
    pub fn previous_key_arns(&self) -> &[String] {
        &self.inner.previous
    }

    pub(crate) fn client(&self) -> &Client {
        &self.inner.client
    }
}

/// Resolves `key_id` to its key ARN and checks it can wrap data keys.
async fn describe(client: &Client, key_id: &str) -> Result<KeyId, KmsSetupError> {
    let output = client
        .describe_key()
        .key_id(key_id)
        .send()
        .await
        .map_err(|e| {
            let err = KmsError::from_sdk(Op::DescribeKey, key_id, &e);
            err.log();
            KmsSetupError::from(err)
        })?;
    let unusable = |detail: &str| KmsSetupError::UnusableKey {
        key_id: key_id.to_owned(),
        detail: detail.to_owned(),
    };
    let meta = output
        .key_metadata()
        .ok_or_else(|| unusable("DescribeKey returned no key metadata"))?;
    if meta.key_state() != Some(&KeyState::Enabled) {
        let state = meta.key_state().map_or("unknown", KeyState::as_str);
        return Err(unusable(&format!("its state is {state}, not Enabled")));
    }
    if meta.key_usage() != Some(&KeyUsageType::EncryptDecrypt) {
        return Err(unusable("its key usage is not ENCRYPT_DECRYPT"));
    }
    if meta.key_spec() != Some(&KeySpec::SymmetricDefault) {
        return Err(unusable("it is not a SYMMETRIC_DEFAULT key"));
    }
    match meta.arn() {
        Some(arn) if arn.starts_with("arn:") && arn.contains(":key/") => Ok(KeyId::new(arn)),
        _ => Err(unusable("DescribeKey reported no key ARN")),
    }
}

impl fmt::Debug for AwsKmsKeyWrapper {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        f.debug_struct("AwsKmsKeyWrapper")
            .field("key_arn", &inner.key_arn)
            .field("configured", &inner.configured)
            .field("region", &inner.region)
            .field("endpoint", &inner.endpoint.as_ref().map(Url::as_str))
            .field("max_attempts", &inner.max_attempts)
            .field("previous_key_arns", &inner.previous)
            .finish_non_exhaustive()
    }
}
