//! Connection options from a URL, with the crate's TLS policy.
//!
//! **TLS is either off or fully verified.** The URL's `sslmode` decides:
//!
//! | `sslmode` in the URL | what this crate does |
//! |---|---|
//! | `disable` | plaintext (an explicit choice; use it only on loopback or a private network) |
//! | `allow`, `prefer`, `require`, `verify-ca`, `verify-full` | `verify-full`: TLS required, the certificate chain verified against the trusted roots **and** the host name checked |
//! | absent, host is a Unix socket, `localhost` or a loopback address | plaintext |
//! | absent, any other host | `verify-full` |
//!
//! libpq's `prefer`/`require` would accept any certificate (or silently fall back to
//! plaintext); here they never do. Trusted roots are the Mozilla root set compiled into the
//! binary (`webpki-roots`), or the PEM file named by `sslrootcert=/path/ca.pem` for a private
//! CA. `PGSSLMODE` in the environment is ignored: the URL decides.

use std::net::IpAddr;
use std::str::FromStr;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use sqlx::postgres::{PgConnectOptions, PgSslMode};

use crate::PgError;

/// Whether a connection uses TLS, as the URL decides (see the module docs and [`inspect_url`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TlsPolicy {
    /// Plaintext.
    Disabled,
    /// TLS with full certificate and host name verification.
    VerifyFull,
}

/// What one pool's connections are for (their `application_name` and limits).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Purpose {
    pub(crate) application_name: &'static str,
    pub(crate) statement_timeout: Option<Duration>,
    pub(crate) idle_in_transaction_timeout: Option<Duration>,
    pub(crate) search_path: Option<&'static str>,
}

impl Purpose {
    /// No limits, default search path.
    pub(crate) const fn plain(application_name: &'static str) -> Self {
        Self {
            application_name,
            statement_timeout: None,
            idle_in_transaction_timeout: None,
            search_path: None,
        }
    }
}

/// Parses `url` into connect options and applies the TLS policy (see the module docs).
pub(crate) fn connect_options(
    url: &SecretString,
    purpose: Purpose,
) -> Result<PgConnectOptions, PgError> {
    let (options, _) = parse(url)?;
    let mut settings: Vec<(&str, String)> = Vec::new();
    if let Some(t) = purpose.statement_timeout {
        settings.push(("statement_timeout", millis(t)));
    }
    if let Some(t) = purpose.idle_in_transaction_timeout {
        settings.push(("idle_in_transaction_session_timeout", millis(t)));
    }
    if let Some(path) = purpose.search_path {
        settings.push(("search_path", path.to_owned()));
    }
    Ok(options
        .application_name(purpose.application_name)
        .options(settings))
}

/// The user name and TLS policy `url` results in, without connecting.
pub fn inspect_url(url: &SecretString) -> Result<(String, TlsPolicy), PgError> {
    let (options, policy) = parse(url)?;
    Ok((options.get_username().to_owned(), policy))
}

fn parse(url: &SecretString) -> Result<(PgConnectOptions, TlsPolicy), PgError> {
    let text = url.expose_secret();
    let parsed = url::Url::parse(text)
        .map_err(|e| PgError::Config(format!("the PostgreSQL URL does not parse: {e}")))?;
    if !matches!(parsed.scheme(), "postgres" | "postgresql") {
        return Err(PgError::Config(
            "the PostgreSQL URL must start with postgres:// or postgresql://".to_owned(),
        ));
    }
    let explicit = parsed
        .query_pairs()
        .filter(|(k, _)| k == "sslmode" || k == "ssl-mode")
        .map(|(_, v)| v.to_ascii_lowercase())
        .last();
    let options = PgConnectOptions::from_str(text)
        .map_err(|e| PgError::Config(format!("the PostgreSQL URL is invalid: {e}")))?;
    let policy = match explicit.as_deref() {
        Some("disable") => TlsPolicy::Disabled,
        Some("allow" | "prefer" | "require" | "verify-ca" | "verify-full") => TlsPolicy::VerifyFull,
        Some(other) => {
            return Err(PgError::Config(format!(
                "unknown sslmode `{}`",
                other.chars().take(20).collect::<String>()
            )));
        }
        None if is_local(&options) => TlsPolicy::Disabled,
        None => TlsPolicy::VerifyFull,
    };
    let mode = match policy {
        TlsPolicy::Disabled => PgSslMode::Disable,
        TlsPolicy::VerifyFull => PgSslMode::VerifyFull,
    };
    Ok((options.ssl_mode(mode), policy))
}

fn is_local(options: &PgConnectOptions) -> bool {
    if options.get_socket().is_some() {
        return true;
    }
    let host = options.get_host();
    host.eq_ignore_ascii_case("localhost")
        || host.starts_with('/')
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

fn millis(d: Duration) -> String {
    d.as_millis().to_string()
}

/// Quotes a role, database or schema name as a PostgreSQL identifier.
pub(crate) fn quote_ident(name: &str) -> Result<String, PgError> {
    if name.is_empty() || name.len() > 63 || name.chars().any(char::is_control) {
        return Err(PgError::Config(
            "a role or database name must be 1 to 63 bytes without control characters".to_owned(),
        ));
    }
    Ok(format!("\"{}\"", name.replace('"', "\"\"")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(url: &str) -> TlsPolicy {
        inspect_url(&SecretString::from(url)).unwrap().1
    }

    #[test]
    fn tls_is_off_or_fully_verified() {
        assert_eq!(policy("postgres://app@127.0.0.1/db"), TlsPolicy::Disabled);
        assert_eq!(policy("postgres://app@localhost/db"), TlsPolicy::Disabled);
        assert_eq!(policy("postgres://app@[::1]:5432/db"), TlsPolicy::Disabled);
        assert_eq!(
            policy("postgres://app@db.internal/db"),
            TlsPolicy::VerifyFull
        );
        assert_eq!(policy("postgres://app@10.0.0.5/db"), TlsPolicy::VerifyFull);
        for weak in ["allow", "prefer", "require", "verify-ca", "verify-full"] {
            let url = format!("postgres://app@127.0.0.1/db?sslmode={weak}");
            assert_eq!(policy(&url), TlsPolicy::VerifyFull, "{weak}");
            let url = format!("postgres://app@db.example/db?sslmode={weak}");
            assert_eq!(policy(&url), TlsPolicy::VerifyFull, "{weak}");
        }
        assert_eq!(
            policy("postgres://app@db.example/db?sslmode=disable"),
            TlsPolicy::Disabled
        );
        let opts = connect_options(
            &SecretString::from("postgres://app@db.example/db?sslmode=require"),
            Purpose::plain("t"),
        )
        .unwrap();
        assert!(matches!(opts.get_ssl_mode(), PgSslMode::VerifyFull));
    }

    #[test]
    fn bad_urls_are_refused_without_echoing_them() {
        for bad in [
            "mysql://u:hunter2@h/db",
            "postgres://u:hunter2@h/db?sslmode=bogus",
            "not a url hunter2",
        ] {
            let err = inspect_url(&SecretString::from(bad))
                .unwrap_err()
                .to_string();
            assert!(!err.contains("hunter2"), "{err}");
        }
    }

    #[test]
    fn identifiers_are_quoted() {
        assert_eq!(quote_ident("app").unwrap(), "\"app\"");
        assert_eq!(quote_ident("a\"b").unwrap(), "\"a\"\"b\"");
        assert!(quote_ident("").is_err());
        assert!(quote_ident("a\nb").is_err());
        assert!(quote_ident(&"x".repeat(64)).is_err());
    }
}
