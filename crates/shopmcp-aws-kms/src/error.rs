//! KMS failures: classified once, turned into the vault's [`WrapError`] (operator detail in
//! the text, a fixed model-safe message once it becomes a tool error) or a [`KmsSetupError`].

use std::fmt;

use aws_sdk_kms::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_sdk_kms::operation::RequestId;
use shopmcp_vault::{KeyId, WrapError};

/// Longest KMS error message kept in an operator detail.
const MAX_MESSAGE_CHARS: usize = 300;

/// Why an [`AwsKmsKeyWrapper`](crate::AwsKmsKeyWrapper) could not be built. For operators:
/// these happen at server start, never in a tool call.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KmsSetupError {
    /// A [`KmsConfig`](crate::KmsConfig) field is invalid.
    #[error("invalid KMS configuration: {detail}")]
    Config {
        /// What is wrong.
        detail: String,
    },
    /// `DescribeKey` answered, but the key cannot wrap data keys (disabled, pending deletion,
    /// asymmetric, HMAC, ...).
    #[error("KMS key {key_id} cannot wrap data keys: {detail}")]
    UnusableKey {
        /// The key as configured.
        key_id: String,
        /// Why.
        detail: String,
    },
    /// `DescribeKey` failed (unknown key, access denied, KMS unreachable, ...).
    #[error("{0}")]
    Kms(String),
}

/// The KMS operation a failure belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    DescribeKey,
    GenerateDataKey,
    Decrypt,
    Encrypt,
    ReEncrypt,
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::DescribeKey => "DescribeKey",
            Self::GenerateDataKey => "GenerateDataKey",
            Self::Decrypt => "Decrypt",
            Self::Encrypt => "Encrypt",
            Self::ReEncrypt => "ReEncrypt",
        })
    }
}

/// What kind of failure, independent of the operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Wrong encryption context, tampered or foreign ciphertext.
    InvalidCiphertext,
    /// The ciphertext was made under another key than the `KeyId` passed.
    IncorrectKey,
    /// No such key or alias.
    NotFound,
    /// IAM or key policy refused the caller.
    AccessDenied,
    /// The credentials themselves were refused (unknown, expired, bad signature).
    Authentication,
    /// The key is disabled.
    Disabled,
    /// The key is pending deletion, pending import, or otherwise unusable.
    InvalidState,
    /// The key cannot be used for this operation (asymmetric, HMAC, ...).
    InvalidKeyUsage,
    /// The request was refused as invalid.
    InvalidRequest,
    /// KMS throttled the caller (retried by the SDK, then given up).
    Throttled,
    /// KMS or its key store failed transiently (retried by the SDK, then given up).
    Transient,
    /// No connection to the endpoint (retried by the SDK, then given up).
    Unreachable,
    /// A timeout expired.
    TimedOut,
    /// The answer was not a valid KMS response.
    InvalidResponse,
    /// Anything else, e.g. no credentials could be loaded.
    Other,
}

impl Kind {
    fn from_code(code: &str) -> Self {
        const AUTH: &[&str] = &[
            "UnrecognizedClientException",
            "InvalidSignatureException",
            "IncompleteSignature",
            "ExpiredTokenException",
            "InvalidClientTokenId",
            "MissingAuthenticationToken",
        ];
        const THROTTLED: &[&str] = &[
            "ThrottlingException",
            "LimitExceededException",
            "TooManyRequestsException",
            "RequestLimitExceeded",
        ];
        const TRANSIENT: &[&str] = &[
            "KMSInternalException",
            "KeyUnavailableException",
            "DependencyTimeoutException",
            "ServiceUnavailableException",
            "InternalFailure",
        ];
        const INVALID: &[&str] = &[
            "ValidationException",
            "InvalidArnException",
            "InvalidGrantTokenException",
            "InvalidParameterValue",
        ];
        let is = |names: &[&str]| names.iter().any(|n| n.eq_ignore_ascii_case(code));
        match code {
            _ if is(&["InvalidCiphertextException"]) => Self::InvalidCiphertext,
            _ if is(&["IncorrectKeyException"]) => Self::IncorrectKey,
            _ if is(&["NotFoundException"]) => Self::NotFound,
            _ if is(&["AccessDeniedException", "AccessDenied"]) => Self::AccessDenied,
            _ if is(&["DisabledException"]) => Self::Disabled,
            _ if is(&["KMSInvalidStateException"]) => Self::InvalidState,
            _ if is(&["InvalidKeyUsageException"]) => Self::InvalidKeyUsage,
            _ if is(AUTH) => Self::Authentication,
            _ if is(THROTTLED) => Self::Throttled,
            _ if is(TRANSIENT) => Self::Transient,
            _ if is(INVALID) => Self::InvalidRequest,
            _ => Self::Other,
        }
    }

    /// Whether the SDK retried it (a later call may succeed); all others are permanent until
    /// an operator acts.
    pub(crate) fn is_transient(self) -> bool {
        matches!(
            self,
            Self::Throttled | Self::Transient | Self::Unreachable | Self::TimedOut
        )
    }

    fn explain(self) -> &'static str {
        match self {
            Self::InvalidCiphertext => {
                "ciphertext rejected: wrong encryption context, or a tampered or foreign blob"
            }
            Self::IncorrectKey => "the ciphertext was wrapped under another KMS key",
            Self::NotFound => "the KMS key or alias does not exist in this account and region",
            Self::AccessDenied => {
                "access denied: check the key policy and the runtime role's IAM policy (operation and encryption-context conditions)"
            }
            Self::Authentication => {
                "the AWS credentials were refused (unknown, expired or badly signed)"
            }
            Self::Disabled => "the KMS key is disabled: enable it to use the data keys it wraps",
            Self::InvalidState => {
                "the KMS key is not usable in its current state (pending deletion or pending import): cancel the deletion or import the key material"
            }
            Self::InvalidKeyUsage => "the KMS key is not a symmetric encryption key",
            Self::InvalidRequest => "KMS refused the request as invalid",
            Self::Throttled => "KMS throttled the requests; the bounded retries were used up",
            Self::Transient => {
                "KMS or the connection to it failed transiently; the bounded retries were used up"
            }
            Self::Unreachable => "KMS is unreachable; failing closed",
            Self::TimedOut => "the KMS call timed out; failing closed",
            Self::InvalidResponse => "KMS sent an invalid response",
            Self::Other => "the KMS call failed",
        }
    }
}

/// One failed KMS call, classified, with everything an operator needs and nothing secret
/// (key ids, error codes and request ids only).
#[derive(Debug)]
pub(crate) struct KmsError {
    pub(crate) op: Op,
    pub(crate) key_id: String,
    pub(crate) kind: Kind,
    pub(crate) code: Option<String>,
    pub(crate) request_id: Option<String>,
    pub(crate) detail: Option<String>,
}

impl KmsError {
    /// Classifies an SDK error.
    pub(crate) fn from_sdk<E>(op: Op, key_id: &str, err: &SdkError<E>) -> Self
    where
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        let mut error = Self {
            op,
            key_id: key_id.to_owned(),
            kind: Kind::Other,
            code: None,
            request_id: err.request_id().map(str::to_owned),
            detail: None,
        };
        match err {
            SdkError::ServiceError(service) => {
                let service = service.err();
                error.code = service.code().map(str::to_owned);
                error.kind = service.code().map_or(Kind::Other, Kind::from_code);
                error.detail = service.message().map(clip);
            }
            SdkError::TimeoutError(_) => error.kind = Kind::TimedOut,
            SdkError::DispatchFailure(dispatch) => {
                error.kind = if dispatch.is_timeout() {
                    Kind::TimedOut
                } else if dispatch.is_io() {
                    Kind::Unreachable
                } else if dispatch.is_user() {
                    Kind::Other
                } else {
                    // Connection reset or closed mid-request: transport trouble.
                    Kind::Transient
                };
                error.detail = Some(clip(&DisplayErrorContext(err).to_string()));
            }
            SdkError::ResponseError(_) => {
                error.kind = Kind::InvalidResponse;
                error.detail = Some(clip(&DisplayErrorContext(err).to_string()));
            }
            _ => error.detail = Some(clip(&DisplayErrorContext(err).to_string())),
        }
        error
    }

    /// Logs the failure once, for operators.
    pub(crate) fn log(&self) {
        tracing::warn!(
            operation = %self.op,
            key_id = %self.key_id,
            code = self.code.as_deref().unwrap_or("-"),
            request_id = self.request_id.as_deref().unwrap_or("-"),
            transient = self.kind.is_transient(),
            "KMS call failed: {}",
            self.kind.explain()
        );
    }
}

impl fmt::Display for KmsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "KMS {} with key {}: {}",
            self.op,
            self.key_id,
            self.kind.explain()
        )?;
        if let Some(code) = &self.code {
            write!(f, " ({code})")?;
        }
        f.write_str(if self.kind.is_transient() {
            "; transient, a later call may succeed"
        } else {
            "; permanent until an operator acts"
        })?;
        if let Some(detail) = &self.detail {
            write!(f, ": {detail}")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " [request id {id}]")?;
        }
        Ok(())
    }
}

impl From<KmsError> for WrapError {
    fn from(err: KmsError) -> Self {
        match err.kind {
            Kind::InvalidCiphertext | Kind::IncorrectKey => Self::Rejected,
            Kind::NotFound => Self::UnknownKey(KeyId::new(err.key_id)),
            _ => Self::Backend(err.to_string()),
        }
    }
}

impl From<KmsError> for KmsSetupError {
    fn from(err: KmsError) -> Self {
        Self::Kms(err.to_string())
    }
}

/// At most [`MAX_MESSAGE_CHARS`] characters, control characters escaped.
fn clip(text: &str) -> String {
    let mut out: String = text
        .chars()
        .take(MAX_MESSAGE_CHARS)
        .flat_map(char::escape_default)
        .collect();
    if text.chars().nth(MAX_MESSAGE_CHARS).is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(kind: Kind, code: &str) -> KmsError {
        KmsError {
            op: Op::Decrypt,
            key_id: "arn:aws:kms:eu-west-1:111122223333:key/k1".to_owned(),
            kind,
            code: Some(code.to_owned()),
            request_id: Some("req-1".to_owned()),
            detail: None,
        }
    }

    #[test]
    fn codes_are_classified() {
        for (code, kind) in [
            ("InvalidCiphertextException", Kind::InvalidCiphertext),
            ("IncorrectKeyException", Kind::IncorrectKey),
            ("NotFoundException", Kind::NotFound),
            ("AccessDeniedException", Kind::AccessDenied),
            ("DisabledException", Kind::Disabled),
            ("KMSInvalidStateException", Kind::InvalidState),
            ("KmsInvalidStateException", Kind::InvalidState),
            ("InvalidKeyUsageException", Kind::InvalidKeyUsage),
            ("ExpiredTokenException", Kind::Authentication),
            ("ThrottlingException", Kind::Throttled),
            ("LimitExceededException", Kind::Throttled),
            ("KMSInternalException", Kind::Transient),
            ("KeyUnavailableException", Kind::Transient),
            ("ValidationException", Kind::InvalidRequest),
            ("SomethingNew", Kind::Other),
        ] {
            assert_eq!(Kind::from_code(code), kind, "{code}");
        }
        assert!(Kind::Throttled.is_transient() && Kind::Unreachable.is_transient());
        assert!(!Kind::AccessDenied.is_transient() && !Kind::Disabled.is_transient());
    }

    #[test]
    fn wrap_errors_keep_the_vault_semantics() {
        let rejected: WrapError =
            error(Kind::InvalidCiphertext, "InvalidCiphertextException").into();
        assert!(matches!(rejected, WrapError::Rejected));
        let incorrect: WrapError = error(Kind::IncorrectKey, "IncorrectKeyException").into();
        assert!(matches!(incorrect, WrapError::Rejected));
        let missing: WrapError = error(Kind::NotFound, "NotFoundException").into();
        assert!(
            matches!(&missing, WrapError::UnknownKey(id) if id.as_str().ends_with("key/k1")),
            "{missing}"
        );
        let denied =
            WrapError::from(error(Kind::AccessDenied, "AccessDeniedException")).to_string();
        for needle in [
            "Decrypt",
            "key/k1",
            "AccessDeniedException",
            "permanent",
            "req-1",
        ] {
            assert!(denied.contains(needle), "{needle}: {denied}");
        }
        let throttled = WrapError::from(error(Kind::Throttled, "ThrottlingException")).to_string();
        assert!(throttled.contains("transient"), "{throttled}");
    }

    #[test]
    fn messages_are_clipped_and_escaped() {
        let long = "x".repeat(1000);
        assert_eq!(clip(&long).chars().count(), MAX_MESSAGE_CHARS + 1);
        assert_eq!(clip("a\nb\u{7}"), "a\\nb\\u{7}");
    }
}
