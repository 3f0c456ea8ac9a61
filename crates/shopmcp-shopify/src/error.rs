//! The crate's own failures, turned into model-safe [`ToolError`]s.
//!
//! Messages are written here; nothing from an upstream body reaches the model except the
//! `field`/`message` pairs of GraphQL `userErrors` (Shopify's own validation text, truncated)
//! and Shopify's machine error codes.

use shopmcp_core::{ErrorKind, ToolError};

/// Longest `userErrors` message shown (characters).
const MAX_USER_ERROR_CHARS: usize = 300;
/// Most `userErrors` shown.
const MAX_USER_ERRORS: usize = 10;

/// One `userErrors` entry of a mutation payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UserError {
    pub(crate) field: Vec<String>,
    pub(crate) message: String,
}

#[derive(Debug, thiserror::Error)]
pub(crate) enum ShopifyError {
    /// GraphQL `errors` with code `ACCESS_DENIED`.
    #[error("access denied")]
    AccessDenied { codes: String },
    /// Other GraphQL `errors`.
    #[error("graphql errors")]
    Graphql {
        codes: String,
        cost_exceeded: bool,
        internal: bool,
    },
    /// A mutation's `userErrors`.
    #[error("user errors")]
    UserErrors(Vec<UserError>),
    /// The object does not exist (a `null` root field).
    #[error("not found")]
    NotFound(String),
    /// The response is not shaped as the document promises.
    #[error("malformed")]
    Malformed(&'static str),
    /// A model-facing argument problem found by the handler (the message is ours).
    #[error("invalid")]
    Invalid(String),
}

fn sanitize(text: &str, max: usize) -> String {
    let mut out = String::new();
    for c in text.chars().filter(|c| !c.is_control()).take(max) {
        out.push(c);
    }
    if text.chars().count() > max {
        out.push('…');
    }
    out
}

fn user_errors_message(errors: &[UserError]) -> String {
    let mut out = String::from("Shopify rejected the change; nothing was applied:");
    for e in errors.iter().take(MAX_USER_ERRORS) {
        let path = if e.field.is_empty() {
            "(input)".to_owned()
        } else {
            sanitize(&e.field.join("."), 120)
        };
        out.push_str(&format!(
            "\n- {path}: {}",
            sanitize(&e.message, MAX_USER_ERROR_CHARS)
        ));
    }
    if errors.len() > MAX_USER_ERRORS {
        out.push_str(&format!(
            "\n- … and {} more",
            errors.len() - MAX_USER_ERRORS
        ));
    }
    out
}

impl From<ShopifyError> for ToolError {
    fn from(e: ShopifyError) -> Self {
        match e {
            ShopifyError::AccessDenied { codes } => ToolError::new(
                ErrorKind::MissingScope,
                "the Shopify app's access token lacks an access scope (or protected customer \
                 data permission) this tool needs; the merchant must grant it in the app's \
                 configuration",
            )
            .with_detail(format!("GraphQL errors: {codes}")),
            ShopifyError::Graphql {
                codes,
                cost_exceeded,
                internal,
            } => {
                let (kind, message) = if cost_exceeded {
                    (
                        ErrorKind::UpstreamRejected,
                        "the request was too expensive for Shopify's query cost limit; ask for a \
                         smaller page"
                            .to_owned(),
                    )
                } else if internal {
                    (
                        ErrorKind::UpstreamUnavailable,
                        "Shopify had an internal error; try again later".to_owned(),
                    )
                } else {
                    (
                        ErrorKind::UpstreamRejected,
                        format!("Shopify refused the request (GraphQL error codes: {codes})"),
                    )
                };
                ToolError::new(kind, message).with_detail(format!("GraphQL errors: {codes}"))
            }
            ShopifyError::UserErrors(errors) => {
                ToolError::new(ErrorKind::UpstreamRejected, user_errors_message(&errors))
                    .with_detail(format!("{} userErrors", errors.len()))
            }
            ShopifyError::NotFound(what) => {
                ToolError::new(ErrorKind::NotFound, format!("{what} was not found"))
            }
            ShopifyError::Malformed(what) => ToolError::new(
                ErrorKind::UpstreamUnavailable,
                "the store sent a malformed response",
            )
            .with_detail(format!("GraphQL response: {what}")),
            ShopifyError::Invalid(message) => ToolError::new(ErrorKind::InvalidArguments, message),
        }
    }
}

/// Shorthand for a model-facing argument error.
pub(crate) fn invalid(message: impl Into<String>) -> ToolError {
    ShopifyError::Invalid(message.into()).into()
}

/// `Ok` when a mutation reported no `userErrors`.
pub(crate) fn check_user_errors(errors: Vec<UserError>) -> Result<(), ToolError> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ShopifyError::UserErrors(errors).into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_errors_list_paths_and_truncated_messages() {
        let long = "x".repeat(1000);
        let errors: Vec<UserError> = (0..12)
            .map(|i| UserError {
                field: vec!["input".into(), format!("f{i}")],
                message: if i == 0 {
                    long.clone()
                } else {
                    "bad\u{7}value".into()
                },
            })
            .collect();
        let err = check_user_errors(errors).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::UpstreamRejected);
        let msg = err.model_message();
        assert!(msg.contains("- input.f0: xxx"), "{msg}");
        assert!(msg.contains("…"));
        assert!(msg.contains("- input.f1: badvalue"));
        assert!(msg.contains("and 2 more"));
        assert!(msg.len() < 2000);
        assert!(check_user_errors(Vec::new()).is_ok());
    }

    #[test]
    fn graphql_error_kinds() {
        let e: ToolError = ShopifyError::AccessDenied {
            codes: "ACCESS_DENIED".into(),
        }
        .into();
        assert_eq!(e.kind(), ErrorKind::MissingScope);
        let e: ToolError = ShopifyError::Graphql {
            codes: "MAX_COST_EXCEEDED".into(),
            cost_exceeded: true,
            internal: false,
        }
        .into();
        assert_eq!(e.kind(), ErrorKind::UpstreamRejected);
        assert!(e.model_message().contains("smaller page"));
        let e: ToolError = ShopifyError::Graphql {
            codes: "INTERNAL_SERVER_ERROR".into(),
            cost_exceeded: false,
            internal: true,
        }
        .into();
        assert_eq!(e.kind(), ErrorKind::UpstreamUnavailable);
        let e: ToolError = ShopifyError::NotFound("order 1".into()).into();
        assert_eq!(e.kind(), ErrorKind::NotFound);
    }
}
