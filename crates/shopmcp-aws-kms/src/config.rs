//! [`KmsConfig`]: which KMS key, where, and how patiently.

use std::net::IpAddr;
use std::time::Duration;

use url::{Host, Url};

use crate::KmsSetupError;

/// Longest key identifier accepted (KMS allows 2048 characters).
const MAX_KEY_ID_LEN: usize = 2048;
/// Longest region name accepted.
const MAX_REGION_LEN: usize = 64;
/// Upper bound for [`KmsConfig::max_attempts`]: more only delays failing closed.
pub const MAX_ATTEMPTS_LIMIT: u32 = 10;

/// Timeouts of every KMS call.
///
/// An expired timeout is a failure like any other: the call fails closed (no DEK, so no
/// credential), it never falls back to anything.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct KmsTimeouts {
    /// Establishing a TCP + TLS connection to the endpoint. Default 3 s.
    pub connect: Duration,
    /// One attempt (one HTTP request and its response). Default 5 s.
    pub attempt: Duration,
    /// The whole operation, all retries and backoff included. Default 15 s.
    pub operation: Duration,
}

impl Default for KmsTimeouts {
    fn default() -> Self {
        Self {
            connect: Duration::from_secs(3),
            attempt: Duration::from_secs(5),
            operation: Duration::from_secs(15),
        }
    }
}

impl KmsTimeouts {
    /// Timeouts with the given values.
    pub fn new(connect: Duration, attempt: Duration, operation: Duration) -> Self {
        Self {
            connect,
            attempt,
            operation,
        }
    }
}

/// How an [`AwsKmsKeyWrapper`](crate::AwsKmsKeyWrapper) reaches its master key.
///
/// ```
/// use std::time::Duration;
/// use shopmcp_aws_kms::KmsConfig;
/// let config = KmsConfig::new(
///     "arn:aws:kms:eu-west-1:111122223333:alias/shopmcp-dek",
///     "eu-west-1",
/// )
/// .with_max_attempts(4);
/// assert_eq!(config.max_attempts, 4);
/// assert_eq!(config.timeouts.attempt, Duration::from_secs(5));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct KmsConfig {
    /// The master key: a key ARN, an alias ARN, a key id or an alias name. Resolved once with
    /// `DescribeKey`; DEKs record the key ARN.
    pub key_id: String,
    /// The AWS region of the key, e.g. `eu-west-1`.
    pub region: String,
    /// Another endpoint than the region's public one: a VPC interface endpoint (`https://`)
    /// or, on loopback only, a plain `http://` test double.
    pub endpoint_override: Option<Url>,
    /// Connect, attempt and operation timeouts.
    pub timeouts: KmsTimeouts,
    /// Attempts per call, the first included (the SDK's standard retry mode: throttling,
    /// transient and timeout errors only). Default 3, at most [`MAX_ATTEMPTS_LIMIT`].
    pub max_attempts: u32,
    /// First retry backoff (jittered, doubling). Default 100 ms.
    pub initial_backoff: Duration,
    /// Largest retry backoff. Default 2 s.
    pub max_backoff: Duration,
    /// Key ARNs in other AWS accounts that stored DEKs may name (unwrap and re-wrap source
    /// only), e.g. while moving to a key in a new account. Keys of the configured key's own
    /// account need no entry. Default empty.
    pub previous_key_arns: Vec<String>,
}

impl KmsConfig {
    /// A configuration with default timeouts and retries.
    pub fn new(key_id: impl Into<String>, region: impl Into<String>) -> Self {
        Self {
            key_id: key_id.into(),
            region: region.into(),
            endpoint_override: None,
            timeouts: KmsTimeouts::default(),
            max_attempts: 3,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(2),
            previous_key_arns: Vec::new(),
        }
    }

    /// Sends requests to `endpoint` instead of the region's public endpoint.
    #[must_use]
    pub fn with_endpoint_override(mut self, endpoint: Url) -> Self {
        self.endpoint_override = Some(endpoint);
        self
    }

    /// Sets the timeouts.
    #[must_use]
    pub fn with_timeouts(mut self, timeouts: KmsTimeouts) -> Self {
        self.timeouts = timeouts;
        self
    }

    /// Sets the number of attempts per call (the first included).
    #[must_use]
    pub fn with_max_attempts(mut self, max_attempts: u32) -> Self {
        self.max_attempts = max_attempts;
        self
    }

    /// Sets the retry backoff bounds.
    #[must_use]
    pub fn with_backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_backoff = initial;
        self.max_backoff = max;
        self
    }

    /// Also trusts DEKs wrapped under `key_arn`, a key of another account (see
    /// [`previous_key_arns`](Self::previous_key_arns)).
    #[must_use]
    pub fn with_previous_key_arn(mut self, key_arn: impl Into<String>) -> Self {
        self.previous_key_arns.push(key_arn.into());
        self
    }

    /// Checks every field; the constructors call this.
    pub fn validate(&self) -> Result<(), KmsSetupError> {
        let bad = |detail: String| Err(KmsSetupError::Config { detail });
        if self.key_id.is_empty() || self.key_id.len() > MAX_KEY_ID_LEN {
            return bad(format!(
                "key_id must be 1-{MAX_KEY_ID_LEN} characters (a key ARN, alias ARN, key id or alias name)"
            ));
        }
        if self
            .key_id
            .chars()
            .any(|c| c.is_control() || c.is_whitespace())
        {
            return bad("key_id contains whitespace or control characters".to_owned());
        }
        if self.region.is_empty()
            || self.region.len() > MAX_REGION_LEN
            || !self
                .region
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return bad(format!(
                "region `{}` is not a region name such as eu-west-1",
                self.region.escape_debug()
            ));
        }
        if !(1..=MAX_ATTEMPTS_LIMIT).contains(&self.max_attempts) {
            return bad(format!(
                "max_attempts must be 1-{MAX_ATTEMPTS_LIMIT}, not {}",
                self.max_attempts
            ));
        }
        let t = &self.timeouts;
        if [t.connect, t.attempt, t.operation].contains(&Duration::ZERO) {
            return bad("timeouts must be greater than zero".to_owned());
        }
        if self.initial_backoff > self.max_backoff {
            return bad("initial_backoff must not exceed max_backoff".to_owned());
        }
        if let Some(arn) = self
            .previous_key_arns
            .iter()
            .find(|arn| crate::ops::owner(arn).is_none())
        {
            return bad(format!(
                "previous key `{}` is not a key ARN (arn:PARTITION:kms:REGION:ACCOUNT:key/ID)",
                arn.escape_debug()
            ));
        }
        if let Some(url) = &self.endpoint_override {
            check_endpoint(url).or_else(bad)?;
        }
        Ok(())
    }
}

/// An endpoint override: `https://`, or `http://` to a loopback address only (the DEK
/// plaintext travels in KMS responses); no credentials, query or fragment.
fn check_endpoint(url: &Url) -> Result<(), String> {
    if !url.username().is_empty() || url.password().is_some() {
        return Err("endpoint_override must not contain credentials".to_owned());
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err("endpoint_override must not have a query or fragment".to_owned());
    }
    let loopback = match url.host() {
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => return Err("endpoint_override has no host".to_owned()),
    };
    match url.scheme() {
        "https" => Ok(()),
        "http" if loopback => Ok(()),
        "http" => Err(format!(
            "endpoint_override {url} is plain http to a non-loopback host: data keys would cross the network unencrypted; use https"
        )),
        other => Err(format!("endpoint_override scheme `{other}` is not https")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> KmsConfig {
        KmsConfig::new("arn:aws:kms:eu-west-1:111122223333:key/k", "eu-west-1")
    }

    fn rejects(config: &KmsConfig, needle: &str) {
        let err = config.validate().unwrap_err().to_string();
        assert!(err.contains(needle), "{err}");
    }

    #[test]
    fn defaults_are_valid_and_bounded() {
        let c = config();
        c.validate().unwrap();
        assert_eq!(c.max_attempts, 3);
        assert!(c.timeouts.attempt < c.timeouts.operation);
        assert!(c.initial_backoff < c.max_backoff);
    }

    #[test]
    fn fields_are_checked() {
        rejects(&KmsConfig::new("", "eu-west-1"), "key_id");
        rejects(&KmsConfig::new("alias/a b", "eu-west-1"), "whitespace");
        rejects(&KmsConfig::new("alias/a", "EU west"), "region");
        rejects(&KmsConfig::new("alias/a", ""), "region");
        rejects(&config().with_max_attempts(0), "max_attempts");
        rejects(&config().with_max_attempts(11), "max_attempts");
        let zero = KmsTimeouts::new(
            Duration::ZERO,
            Duration::from_secs(1),
            Duration::from_secs(1),
        );
        rejects(&config().with_timeouts(zero), "greater than zero");
        rejects(
            &config().with_backoff(Duration::from_secs(3), Duration::from_secs(1)),
            "initial_backoff",
        );
        rejects(
            &config().with_previous_key_arn("alias/old"),
            "not a key ARN",
        );
        config()
            .with_previous_key_arn("arn:aws:kms:us-east-1:444455556666:key/old")
            .validate()
            .unwrap();
    }

    #[test]
    fn endpoints_are_https_or_loopback_http() {
        for ok in [
            "https://vpce-0abc.kms.eu-west-1.vpce.amazonaws.com",
            "http://127.0.0.1:4566",
            "http://[::1]:4566/",
            "http://localhost:4566",
        ] {
            let c = config().with_endpoint_override(Url::parse(ok).unwrap());
            c.validate().unwrap();
        }
        for (bad, needle) in [
            ("http://10.0.0.5:4566", "plain http"),
            ("http://kms.internal", "plain http"),
            ("https://user:pw@kms.example", "credentials"),
            ("https://kms.example/?x=1", "query"),
            ("ftp://127.0.0.1/", "scheme"),
        ] {
            rejects(
                &config().with_endpoint_override(Url::parse(bad).unwrap()),
                needle,
            );
        }
    }
}
