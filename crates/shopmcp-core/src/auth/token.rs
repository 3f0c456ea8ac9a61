//! Bearer token format, generation and hashing.
//!
//! Format: `smcp_<id>_<secret>`: `id` is 16 lowercase hex characters (64 random bits,
//! public, used to find the record), `secret` is 64 lowercase hex characters (256 random
//! bits). Only SHA-256 of the whole token is stored; comparison is constant-time.

use std::fmt;

use aws_lc_rs::{constant_time, digest, rand};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

/// The prefix of every token (so leaked tokens are recognisable by secret scanners).
pub const TOKEN_PREFIX: &str = "smcp_";

const ID_BYTES: usize = 8;
const SECRET_BYTES: usize = 32;

/// The public id of a token.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TokenId(String);

impl TokenId {
    /// The id text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Parses an id (16 lowercase hex characters).
    pub fn parse(s: &str) -> Option<Self> {
        (s.len() == ID_BYTES * 2 && is_lower_hex(s)).then(|| Self(s.to_owned()))
    }
}

impl fmt::Display for TokenId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// SHA-256 of a token, hex-encoded.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TokenHash(String);

impl fmt::Debug for TokenHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TokenHash(..)")
    }
}

impl TokenHash {
    /// Hashes a token.
    pub fn of(token: &str) -> Self {
        Self(hex(
            digest::digest(&digest::SHA256, token.as_bytes()).as_ref()
        ))
    }

    /// Constant-time comparison.
    pub fn matches(&self, other: &TokenHash) -> bool {
        constant_time::verify_slices_are_equal(self.0.as_bytes(), other.0.as_bytes()).is_ok()
    }
}

/// A freshly issued token: the secret is shown once and never stored.
pub struct IssuedToken {
    /// The token's public id.
    pub id: TokenId,
    /// The whole token, to hand to the client once.
    pub token: SecretString,
    /// What is stored.
    pub hash: TokenHash,
}

impl fmt::Debug for IssuedToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IssuedToken")
            .field("id", &self.id)
            .field("token", &"[REDACTED]")
            .finish()
    }
}

impl IssuedToken {
    /// Generates a new random token.
    pub fn generate() -> Result<Self, crate::ToolError> {
        let rng = rand::SystemRandom::new();
        let mut id = [0u8; ID_BYTES];
        let mut secret = zeroize::Zeroizing::new([0u8; SECRET_BYTES]);
        rand::SecureRandom::fill(&rng, &mut id)
            .and_then(|()| rand::SecureRandom::fill(&rng, secret.as_mut()))
            .map_err(|_| crate::ToolError::internal("system random generator failed"))?;
        let id = TokenId(hex(&id));
        let token = zeroize::Zeroizing::new(format!("{TOKEN_PREFIX}{id}_{}", hex(secret.as_ref())));
        let hash = TokenHash::of(&token);
        Ok(Self {
            id,
            token: SecretString::from(token.as_str()),
            hash,
        })
    }
}

/// Splits a presented token into its id, if it has the right shape.
pub(crate) fn parse_token(token: &SecretString) -> Option<TokenId> {
    let rest = token.expose_secret().strip_prefix(TOKEN_PREFIX)?;
    let (id, secret) = rest.split_once('_')?;
    (secret.len() == SECRET_BYTES * 2 && is_lower_hex(secret)).then_some(())?;
    TokenId::parse(id)
}

fn is_lower_hex(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        for nibble in [b >> 4, b & 0x0f] {
            s.push(char::from(
                *DIGITS.get(usize::from(nibble)).unwrap_or(&b'0'),
            ));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_tokens_have_the_format_and_256_bit_secrets() {
        let t = IssuedToken::generate().unwrap();
        let s = t.token.expose_secret();
        assert!(s.starts_with("smcp_"));
        assert_eq!(s.len(), 5 + 16 + 1 + 64);
        assert_eq!(parse_token(&t.token), Some(t.id.clone()));
        assert!(TokenHash::of(s).matches(&t.hash));
        let other = IssuedToken::generate().unwrap();
        assert_ne!(other.id, t.id);
        assert!(!other.hash.matches(&t.hash));
        assert!(!format!("{t:?}").contains(s));
        assert!(!format!("{:?}", t.hash).contains(&t.hash.0));
    }

    #[test]
    fn malformed_tokens_do_not_parse() {
        for bad in [
            "",
            "smcp_",
            "Bearer smcp_x",
            "smcp_0123456789abcdef",
            "smcp_0123456789abcdeF_00",
            "smcp_0123456789abcdef_zz",
        ] {
            assert_eq!(parse_token(&SecretString::from(bad)), None, "{bad}");
        }
    }

    #[test]
    fn hash_comparison_is_exact() {
        let a = TokenHash::of("smcp_a");
        assert!(a.matches(&TokenHash::of("smcp_a")));
        assert!(!a.matches(&TokenHash::of("smcp_b")));
        assert!(!a.matches(&TokenHash(String::new())));
    }
}
