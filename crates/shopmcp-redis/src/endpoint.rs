//! Redis URLs: accepted forms, and a form that is safe to log.

use crate::RedisLimiterError;

/// A parsed Redis URL.
pub(crate) struct Endpoint {
    /// The client (holds the password, if any; never printed).
    pub(crate) client: redis::Client,
    /// `scheme://host:port/db` or `unix://path`: no user, password or query.
    pub(crate) redacted: String,
}

/// Parses `url`: `redis://[user:password@]host[:port][/db]`, `rediss://…` (with the `tls`
/// feature), or `unix:///path/to/socket[?db=N]` (`redis+unix://`, and the `valkey` spellings,
/// too). TLS without certificate verification (`#insecure`) is refused.
pub(crate) fn parse(url: &str) -> Result<Endpoint, RedisLimiterError> {
    let parsed = url::Url::parse(url).map_err(|_| RedisLimiterError::InvalidUrl("not a URL"))?;
    let tls = match parsed.scheme() {
        "redis" | "valkey" | "unix" | "redis+unix" | "valkey+unix" => false,
        "rediss" | "valkeys" => true,
        _ => {
            return Err(RedisLimiterError::InvalidUrl(
                "the scheme must be redis, rediss or unix",
            ));
        }
    };
    if let Some(fragment) = parsed.fragment() {
        return Err(if tls && fragment == "insecure" {
            RedisLimiterError::InsecureTls
        } else {
            RedisLimiterError::InvalidUrl("a fragment (#…) is not allowed")
        });
    }
    if tls && !cfg!(feature = "tls") {
        return Err(RedisLimiterError::TlsNotEnabled);
    }
    let redacted = redact(&parsed);
    let client = redis::Client::open(url).map_err(|_| {
        RedisLimiterError::InvalidUrl("not a valid Redis URL (host, port or database)")
    })?;
    Ok(Endpoint { client, redacted })
}

/// Like [`parse`] for a `rediss://` URL, trusting only the CA certificates in `ca_pem`
/// instead of the platform's roots (for a Redis with its own CA).
#[cfg(feature = "tls")]
pub(crate) fn parse_with_ca(url: &str, ca_pem: &[u8]) -> Result<Endpoint, RedisLimiterError> {
    let Endpoint { redacted, .. } = parse(url)?;
    if !(redacted.starts_with("rediss://") || redacted.starts_with("valkeys://")) {
        return Err(RedisLimiterError::InvalidUrl(
            "a CA certificate needs a rediss:// URL",
        ));
    }
    let has_certificate = ca_pem
        .windows(b"-----BEGIN CERTIFICATE-----".len())
        .any(|w| w == b"-----BEGIN CERTIFICATE-----");
    let bad_ca = RedisLimiterError::InvalidConfig("the CA must be PEM certificates");
    if !has_certificate {
        return Err(bad_ca);
    }
    let certificates = redis::TlsCertificates {
        client_tls: None,
        root_cert: Some(ca_pem.to_vec()),
    };
    let client = redis::Client::build_with_tls(url, certificates).map_err(|_| bad_ca)?;
    Ok(Endpoint { client, redacted })
}

fn redact(url: &url::Url) -> String {
    match url.host_str() {
        Some(host) => {
            let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
            format!("{}://{host}{port}{}", url.scheme(), url.path())
        }
        None => format!("{}://{}", url.scheme(), url.path()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_logged_form_has_no_credentials() {
        let e = parse("redis://app:s3cr3t-PASSWORD@cache.internal:6380/2").unwrap();
        assert_eq!(e.redacted, "redis://cache.internal:6380/2");
        let e = parse("redis://:s3cr3t-PASSWORD@127.0.0.1").unwrap();
        assert_eq!(e.redacted, "redis://127.0.0.1");
        let e = parse("unix:///run/redis.sock?db=1&pass=s3cr3t-PASSWORD").unwrap();
        assert_eq!(e.redacted, "unix:///run/redis.sock");
    }

    #[test]
    fn bad_urls_are_refused_without_repeating_them() {
        for (url, want) in [
            ("http://s3cr3t-PASSWORD@host", "scheme"),
            ("s3cr3t-PASSWORD", "not a URL"),
            ("redis://:s3cr3t-PASSWORD@host/x", "database"),
            ("redis://:s3cr3t-PASSWORD@host#frag", "fragment"),
            ("redis://:s3cr3t-PASSWORD@0.0.0.0", "host"),
        ] {
            let err = parse(url).err().unwrap();
            let text = format!("{err} {err:?}");
            assert!(text.contains(want), "{url}: {text}");
            assert!(!text.contains("s3cr3t"), "{text}");
        }
    }

    #[test]
    fn tls_is_verified_or_refused() {
        assert!(matches!(
            parse("rediss://:pw@cache.internal:6380/#insecure"),
            Err(RedisLimiterError::InsecureTls)
        ));
        let verified = parse("rediss://:pw@cache.internal:6380/0");
        if cfg!(feature = "tls") {
            assert_eq!(verified.unwrap().redacted, "rediss://cache.internal:6380/0");
        } else {
            assert!(matches!(verified, Err(RedisLimiterError::TlsNotEnabled)));
        }
    }
}
