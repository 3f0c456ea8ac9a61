//! The [`KeyWrapper`] operations: `GenerateDataKey`, `Decrypt`, `ReEncrypt`, `Encrypt`.

use std::collections::HashMap;

use async_trait::async_trait;
use aws_sdk_kms::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_kms::primitives::Blob;
use aws_sdk_kms::types::DataKeySpec;
use shopmcp_vault::{
    DataKey, EncryptionContext, KeyBytes, KeyId, KeyWrapper, WrapError, WrappedKey,
};
use zeroize::Zeroizing;

use crate::AwsKmsKeyWrapper;
use crate::error::{KmsError, Op};

/// The context as KMS wants it. An empty context binds nothing, so it is refused.
fn kms_context(context: &EncryptionContext) -> Result<HashMap<String, String>, WrapError> {
    let map: HashMap<String, String> = context
        .iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    if map.is_empty() {
        return Err(WrapError::Backend(
            "refusing a KMS call without an encryption context".to_owned(),
        ));
    }
    Ok(map)
}

/// A plaintext data key from a KMS response: the SDK's buffer is taken over and zeroized
/// whatever happens; anything but 32 bytes is malformed.
fn take_plaintext(blob: Option<Blob>) -> Result<KeyBytes, WrapError> {
    let bytes = Zeroizing::new(blob.map(Blob::into_inner).unwrap_or_default());
    KeyBytes::from_slice(&bytes).ok_or(WrapError::Malformed)
}

/// Whether `id` is a key ARN (not an alias, not a bare key id).
fn is_key_arn(id: &str) -> bool {
    id.starts_with("arn:") && id.contains(":key/")
}

/// `partition:account` of a key ARN (`arn:PARTITION:kms:REGION:ACCOUNT:key/ID`).
pub(crate) fn owner(arn: &str) -> Option<(&str, &str)> {
    let mut parts = arn.split(':');
    match (parts.next(), parts.next(), parts.next(), parts.nth(1)) {
        (Some("arn"), Some(partition), Some("kms"), Some(account)) if is_key_arn(arn) => {
            Some((partition, account))
        }
        _ => None,
    }
}

/// The key id KMS reports for a call made with `requested`: present, and the very key
/// when a key ARN was requested.
fn reported_key(requested: &str, reported: Option<&str>) -> Result<KeyId, WrapError> {
    match reported {
        Some(id) if !is_key_arn(id) => Err(WrapError::Malformed),
        Some(id) if is_key_arn(requested) && id != requested => Err(WrapError::Rejected),
        Some(id) => Ok(KeyId::new(id)),
        None => Err(WrapError::Malformed),
    }
}

/// A wrapped key from a KMS response.
fn wrapped(
    requested: &str,
    reported: Option<&str>,
    blob: Option<Blob>,
) -> Result<WrappedKey, WrapError> {
    let key_id = reported_key(requested, reported)?;
    match blob.map(Blob::into_inner) {
        Some(blob) if !blob.is_empty() => Ok(WrappedKey { key_id, blob }),
        _ => Err(WrapError::Malformed),
    }
}

impl AwsKmsKeyWrapper {
    /// Classifies, logs and converts a failed call.
    fn failed<E>(op: Op, key_id: &str, err: &SdkError<E>) -> WrapError
    where
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        let err = KmsError::from_sdk(op, key_id, err);
        err.log();
        err.into()
    }

    /// A key id read from the store, trusted only when it is a key ARN of the account that
    /// owns the configured key, or a listed previous key: a store writer cannot make this
    /// wrapper ask KMS to decrypt under a key of theirs (whose DEK they would know).
    fn stored_key<'a>(&self, wrapped: &'a WrappedKey) -> Result<&'a str, WrapError> {
        let id = wrapped.key_id.as_str();
        let same_account = matches!(
            (owner(id), owner(self.key_arn().as_str())),
            (Some(theirs), Some(ours)) if theirs == ours
        );
        if same_account || self.previous_key_arns().iter().any(|k| k == id) {
            Ok(id)
        } else {
            Err(WrapError::UnknownKey(wrapped.key_id.clone()))
        }
    }

    fn target<'a>(&'a self, key_id: Option<&'a KeyId>) -> &'a str {
        key_id.unwrap_or(self.key_arn()).as_str()
    }
}

#[async_trait]
impl KeyWrapper for AwsKmsKeyWrapper {
    fn default_key_id(&self) -> &KeyId {
        self.key_arn()
    }

    /// `Encrypt`. Prefer [`generate_data_key`](KeyWrapper::generate_data_key): here the
    /// plaintext DEK passes through the SDK's request buffers, which are not zeroized.
    async fn wrap(
        &self,
        key_id: Option<&KeyId>,
        plaintext: &KeyBytes,
        context: &EncryptionContext,
    ) -> Result<WrappedKey, WrapError> {
        let target = self.target(key_id);
        let mut output = self
            .client()
            .encrypt()
            .key_id(target)
            .plaintext(Blob::new(plaintext.expose().to_vec()))
            .set_encryption_context(Some(kms_context(context)?))
            .send()
            .await
            .map_err(|e| Self::failed(Op::Encrypt, target, &e))?;
        wrapped(
            target,
            output.key_id.as_deref(),
            output.ciphertext_blob.take(),
        )
    }

    /// `Decrypt` with the stored key id as `KeyId` and `context`.
    async fn unwrap(
        &self,
        wrapped: &WrappedKey,
        context: &EncryptionContext,
    ) -> Result<KeyBytes, WrapError> {
        if wrapped.blob.is_empty() {
            return Err(WrapError::Malformed);
        }
        let key_id = self.stored_key(wrapped)?;
        let mut output = self
            .client()
            .decrypt()
            .key_id(key_id)
            .ciphertext_blob(Blob::new(wrapped.blob.clone()))
            .set_encryption_context(Some(kms_context(context)?))
            .send()
            .await
            .map_err(|e| Self::failed(Op::Decrypt, key_id, &e))?;
        let plaintext = take_plaintext(output.plaintext.take())?;
        reported_key(key_id, output.key_id.as_deref())?;
        Ok(plaintext)
    }

    /// `GenerateDataKey` (`AES_256`) under `key_id` or the configured key.
    async fn generate_data_key(
        &self,
        key_id: Option<&KeyId>,
        context: &EncryptionContext,
    ) -> Result<DataKey, WrapError> {
        let target = self.target(key_id);
        let mut output = self
            .client()
            .generate_data_key()
            .key_id(target)
            .key_spec(DataKeySpec::Aes256)
            .set_encryption_context(Some(kms_context(context)?))
            .send()
            .await
            .map_err(|e| Self::failed(Op::GenerateDataKey, target, &e))?;
        let plaintext = take_plaintext(output.plaintext.take())?;
        let wrapped = wrapped(
            target,
            output.key_id.as_deref(),
            output.ciphertext_blob.take(),
        )?;
        Ok(DataKey { plaintext, wrapped })
    }

    /// `ReEncrypt` from the stored key to `destination` (or the configured key), the same
    /// context on both sides. The plaintext DEK never leaves KMS.
    async fn rewrap(
        &self,
        wrapped: &WrappedKey,
        destination: Option<&KeyId>,
        context: &EncryptionContext,
    ) -> Result<WrappedKey, WrapError> {
        if wrapped.blob.is_empty() {
            return Err(WrapError::Malformed);
        }
        let source = self.stored_key(wrapped)?;
        let target = self.target(destination);
        let context = kms_context(context)?;
        let mut output = self
            .client()
            .re_encrypt()
            .ciphertext_blob(Blob::new(wrapped.blob.clone()))
            .source_key_id(source)
            .set_source_encryption_context(Some(context.clone()))
            .destination_key_id(target)
            .set_destination_encryption_context(Some(context))
            .send()
            .await
            .map_err(|e| Self::failed(Op::ReEncrypt, source, &e))?;
        reported_key(source, output.source_key_id.as_deref())?;
        self::wrapped(
            target,
            output.key_id.as_deref(),
            output.ciphertext_blob.take(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARN: &str = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd";

    #[test]
    fn empty_contexts_are_refused() {
        assert!(matches!(
            kms_context(&EncryptionContext::new()),
            Err(WrapError::Backend(_))
        ));
        let map = kms_context(&EncryptionContext::new().with("a", "1")).unwrap();
        assert_eq!(map.get("a").map(String::as_str), Some("1"));
    }

    #[test]
    fn plaintext_must_be_32_bytes() {
        assert_eq!(
            take_plaintext(Some(Blob::new(vec![7; 32])))
                .unwrap()
                .expose(),
            &[7; 32]
        );
        for bad in [
            None,
            Some(Blob::new(vec![7; 31])),
            Some(Blob::new(vec![7; 33])),
        ] {
            assert!(matches!(take_plaintext(bad), Err(WrapError::Malformed)));
        }
    }

    #[test]
    fn owners_come_from_key_arns_only() {
        assert_eq!(owner(ARN), Some(("aws", "111122223333")));
        assert_eq!(
            owner("arn:aws-cn:kms:cn-north-1:222233334444:key/k"),
            Some(("aws-cn", "222233334444"))
        );
        for not_a_key in [
            "arn:aws:kms:eu-west-1:111122223333:alias/shopmcp",
            "arn:aws:s3:eu-west-1:111122223333:key/k",
            "1234abcd",
            "local:0011223344556677",
            "",
        ] {
            assert_eq!(owner(not_a_key), None, "{not_a_key}");
        }
    }

    #[test]
    fn reported_keys_must_be_the_requested_key_arn() {
        assert_eq!(reported_key(ARN, Some(ARN)).unwrap().as_str(), ARN);
        let alias = "arn:aws:kms:eu-west-1:111122223333:alias/shopmcp";
        assert_eq!(reported_key(alias, Some(ARN)).unwrap().as_str(), ARN);
        let other = "arn:aws:kms:eu-west-1:111122223333:key/other";
        assert!(matches!(
            reported_key(ARN, Some(other)),
            Err(WrapError::Rejected)
        ));
        assert!(matches!(reported_key(ARN, None), Err(WrapError::Malformed)));
        assert!(matches!(
            reported_key(ARN, Some(alias)),
            Err(WrapError::Malformed)
        ));
        assert!(matches!(
            wrapped(ARN, Some(ARN), Some(Blob::new(Vec::new()))),
            Err(WrapError::Malformed)
        ));
        assert_eq!(
            wrapped(ARN, Some(ARN), Some(Blob::new(vec![1, 2])))
                .unwrap()
                .blob,
            [1, 2]
        );
    }
}
