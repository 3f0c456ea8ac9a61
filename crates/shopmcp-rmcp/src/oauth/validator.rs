//! JWT validation against a JWKS.

use std::str::FromStr;
use std::time::Duration;

use jsonwebtoken::{Algorithm, DecodingKey, Validation, decode, decode_header};
use serde_json::{Map, Value};
use shopmcp_core::secret::{ExposeSecret, SecretString};
use shopmcp_core::{Identity, Principal, WorkspaceId};

use super::Jwks;
use crate::error::ServeError;

/// Tokens longer than this are refused unparsed.
const MAX_TOKEN_BYTES: usize = 8 * 1024;

/// Asymmetric algorithms only: a shared-secret (HS*) token could be forged by anyone who
/// can read the JWKS, and `none` is never accepted.
const ALLOWED: [Algorithm; 9] = [
    Algorithm::RS256,
    Algorithm::RS384,
    Algorithm::RS512,
    Algorithm::PS256,
    Algorithm::PS384,
    Algorithm::PS512,
    Algorithm::ES256,
    Algorithm::ES384,
    Algorithm::EdDSA,
];

struct Key {
    kid: Option<String>,
    alg: Option<Algorithm>,
    key: DecodingKey,
}

/// Validates JWTs for one resource (audience).
pub(crate) struct Validator {
    keys: Vec<Key>,
    issuer: String,
    audience: String,
    workspace_claim: String,
    leeway: u64,
}

impl std::fmt::Debug for Validator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Validator")
            .field("keys", &self.keys.len())
            .field("issuer", &self.issuer)
            .field("audience", &self.audience)
            .finish_non_exhaustive()
    }
}

impl Validator {
    pub(crate) fn new(
        jwks: &Jwks,
        issuer: &str,
        audience: &str,
        workspace_claim: &str,
        leeway: Duration,
    ) -> Result<Self, ServeError> {
        let mut keys = Vec::new();
        for jwk in &jwks.0.keys {
            let alg = match jwk.common.key_algorithm {
                Some(a) => Some(
                    serde_json::to_value(a)
                        .ok()
                        .and_then(|v| v.as_str().and_then(|s| Algorithm::from_str(s).ok()))
                        .filter(|a| ALLOWED.contains(a))
                        .ok_or_else(|| {
                            ServeError::Config("JWKS key with an unsupported `alg`".into())
                        })?,
                ),
                None => None,
            };
            let key = DecodingKey::from_jwk(jwk)
                .map_err(|e| ServeError::Config(format!("JWKS key: {e}")))?;
            keys.push(Key {
                kid: jwk.common.key_id.clone(),
                alg,
                key,
            });
        }
        if issuer.is_empty() {
            return Err(ServeError::Config("OAuth issuer is empty".into()));
        }
        Ok(Self {
            keys,
            issuer: issuer.to_owned(),
            audience: audience.to_owned(),
            workspace_claim: workspace_claim.to_owned(),
            leeway: leeway.as_secs(),
        })
    }

    fn key_for(&self, kid: Option<&str>, alg: Algorithm) -> Option<&Key> {
        let candidates = self.keys.iter().filter(|k| k.alg.is_none_or(|a| a == alg));
        match kid {
            Some(kid) => candidates
                .into_iter()
                .find(|k| k.kid.as_deref() == Some(kid)),
            None => {
                let mut it = candidates;
                let first = it.next();
                it.next().is_none().then_some(first).flatten()
            }
        }
    }

    /// The identity of a valid token (`None` for every kind of invalid token).
    pub(crate) fn validate(&self, token: &SecretString) -> Option<Identity> {
        let token = token.expose_secret();
        if token.len() > MAX_TOKEN_BYTES {
            return None;
        }
        let header = decode_header(token).ok()?;
        if !ALLOWED.contains(&header.alg) {
            return None;
        }
        let key = self.key_for(header.kid.as_deref(), header.alg)?;
        let mut v = Validation::new(header.alg);
        v.set_issuer(&[&self.issuer]);
        v.set_audience(&[&self.audience]);
        v.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        v.validate_exp = true;
        v.validate_nbf = true;
        v.leeway = self.leeway;
        let claims = decode::<Map<String, Value>>(token, &key.key, &v)
            .ok()?
            .claims;
        let subject = claims.get("sub")?.as_str().filter(|s| !s.is_empty())?;
        let workspace: WorkspaceId = claims.get(&self.workspace_claim)?.as_str()?.parse().ok()?;
        Some(Identity {
            workspace,
            principal: Principal::new(format!("oauth:{subject}")).with_scopes(scopes(&claims)),
        })
    }
}

/// `scope` (space-separated string) or `scp` (array or string).
fn scopes(claims: &Map<String, Value>) -> Vec<String> {
    let mut out = Vec::new();
    for name in ["scope", "scp"] {
        match claims.get(name) {
            Some(Value::String(s)) => out.extend(s.split_whitespace().map(str::to_owned)),
            Some(Value::Array(items)) => {
                out.extend(items.iter().filter_map(Value::as_str).map(str::to_owned));
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn scopes_come_from_scope_or_scp() {
        let c = json!({"scope": "a b", "scp": ["c"]});
        assert_eq!(
            scopes(c.as_object().unwrap_or(&Map::new())),
            ["a", "b", "c"]
        );
        assert!(scopes(&Map::new()).is_empty());
    }
}
