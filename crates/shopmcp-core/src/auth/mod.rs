//! Authentication: a bearer token in, a workspace and principal out.

mod token;
mod token_file;

use std::fmt;

use async_trait::async_trait;
use secrecy::SecretString;

use crate::{ErrorKind, Principal, ToolError, WorkspaceId};

pub use token::{IssuedToken, TOKEN_PREFIX, TokenHash, TokenId};
pub use token_file::{TokenFile, TokenRecord};

/// Who a valid token belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    /// The workspace the token acts for.
    pub workspace: WorkspaceId,
    /// The caller.
    pub principal: Principal,
}

/// Turns a bearer token into an [`Identity`].
///
/// Every failure is the same [`ErrorKind::Unauthenticated`] error (see [`unauthenticated`]):
/// a caller cannot tell an unknown token from an expired or revoked one.
#[async_trait]
pub trait Authenticator: Send + Sync + fmt::Debug {
    /// Authenticates `token`.
    async fn authenticate(&self, token: &SecretString) -> Result<Identity, ToolError>;
}

/// The one error every authenticator returns.
pub fn unauthenticated() -> ToolError {
    ToolError::new(
        ErrorKind::Unauthenticated,
        "authentication required: send a valid bearer token",
    )
}
