//! OAuth 2.1 resource-server mode: see [`OAuthConfig`].

mod validator;

use std::path::Path;
use std::time::Duration;

use jsonwebtoken::jwk::JwkSet;

use crate::error::ServeError;

pub(crate) use validator::Validator;

/// The default claim naming the workspace a token acts for.
pub const DEFAULT_WORKSPACE_CLAIM: &str = "shopmcp_workspace";

/// A JSON Web Key Set: the authorization server's public signing keys.
#[derive(Debug, Clone)]
pub struct Jwks(pub(crate) JwkSet);

impl Jwks {
    /// Parses a JWKS document (`{"keys": [...]}`).
    ///
    /// ```
    /// use shopmcp_rmcp::Jwks;
    /// let jwks = Jwks::from_json(r#"{"keys":[{"kty":"OKP","crv":"Ed25519","kid":"k1","alg":"EdDSA","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}"#).unwrap();
    /// assert_eq!(jwks.len(), 1);
    /// assert!(Jwks::from_json("{}").is_err());
    /// ```
    pub fn from_json(json: &str) -> Result<Self, ServeError> {
        let set: JwkSet =
            serde_json::from_str(json).map_err(|e| ServeError::Config(format!("JWKS: {e}")))?;
        if set.keys.is_empty() {
            return Err(ServeError::Config("JWKS has no keys".into()));
        }
        Ok(Self(set))
    }

    /// Reads a JWKS document from a file.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self, ServeError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path)
            .map_err(|e| ServeError::Config(format!("JWKS file {}: {e}", path.display())))?;
        Self::from_json(&text)
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.0.keys.len()
    }

    /// Whether there is no key (never true for a parsed set).
    pub fn is_empty(&self) -> bool {
        self.0.keys.is_empty()
    }
}

/// OAuth 2.1 resource-server mode: bearer tokens are JWTs from an authorization server.
///
/// A token is accepted when its signature verifies with a key of the configured JWKS (an
/// asymmetric algorithm only: RS*, PS*, ES256/384, EdDSA), its `iss` is the configured
/// issuer, its `aud` contains this server's resource URL, `exp` has not passed and `nbf` has
/// (both with the configured leeway), and it names a `sub` and a workspace (claim
/// `shopmcp_workspace` unless configured). Its scopes (`scope`, space-separated, or `scp`)
/// become the principal's scopes; each tool needs the scope of its access class
/// ([`crate::scope`]). Tokens are never passed upstream.
///
/// ```
/// # fn jwks() -> shopmcp_rmcp::Jwks { shopmcp_rmcp::Jwks::from_json(r#"{"keys":[{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}"#).unwrap() }
/// use std::time::Duration;
/// use shopmcp_rmcp::OAuthConfig;
/// let oauth = OAuthConfig::new("https://auth.example.com", jwks())
///     .workspace_claim("https://example.com/workspace")
///     .leeway(Duration::from_secs(30));
/// # let _ = oauth;
/// ```
#[derive(Debug, Clone)]
pub struct OAuthConfig {
    issuer: String,
    jwks: Jwks,
    workspace_claim: String,
    leeway: Duration,
}

impl OAuthConfig {
    /// Tokens issued by `issuer`, signed with a key of `jwks`.
    pub fn new(issuer: impl Into<String>, jwks: Jwks) -> Self {
        Self {
            issuer: issuer.into(),
            jwks,
            workspace_claim: DEFAULT_WORKSPACE_CLAIM.to_owned(),
            leeway: Duration::from_secs(60),
        }
    }

    /// The claim holding the workspace id (default [`DEFAULT_WORKSPACE_CLAIM`]).
    #[must_use]
    pub fn workspace_claim(mut self, claim: impl Into<String>) -> Self {
        self.workspace_claim = claim.into();
        self
    }

    /// Clock skew allowed on `exp` and `nbf` (default 60 s).
    #[must_use]
    pub fn leeway(mut self, leeway: Duration) -> Self {
        self.leeway = leeway;
        self
    }

    pub(crate) fn issuer(&self) -> &str {
        &self.issuer
    }

    pub(crate) fn validator(&self, audience: &str) -> Result<Validator, ServeError> {
        Validator::new(
            &self.jwks,
            &self.issuer,
            audience,
            &self.workspace_claim,
            self.leeway,
        )
    }
}
