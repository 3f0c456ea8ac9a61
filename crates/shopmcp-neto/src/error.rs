//! Neto-specific failures, turned into [`ToolError`]s with model-safe messages.

use shopmcp_core::{ErrorKind, ToolError};

use crate::Action;
use crate::wire::clean_text;

/// What can go wrong beyond HTTP (which shopmcp-http maps itself).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum NetoError {
    /// HTTP 200 with `Ack: "Error"`: Neto refused the action.
    #[error("{action} answered Ack=Error with {} message(s)", messages.len())]
    Rejected {
        /// The action.
        action: Action,
        /// The cleaned `Messages.Error` texts.
        messages: Vec<String>,
    },
    /// A lookup by identifier found nothing.
    #[error("{what} not found")]
    NotFound {
        /// What was looked up ("item", "order", ...).
        what: &'static str,
        /// The identifier the caller gave.
        id: String,
    },
    /// A write answered `Success` without naming the record it changed.
    #[error("{action} answered without confirming the record")]
    Unconfirmed {
        /// The action.
        action: Action,
        /// Warnings the store sent instead.
        warnings: Vec<String>,
    },
}

impl From<NetoError> for ToolError {
    fn from(err: NetoError) -> Self {
        let detail = err.to_string();
        match err {
            NetoError::Rejected { action, messages } => {
                let reason = if messages.is_empty() {
                    "no reason given".to_owned()
                } else {
                    messages.join("; ")
                };
                let mut message = format!("the store refused {action}: {reason}");
                if !action.is_read() {
                    message.push_str(". The change was not retried.");
                }
                ToolError::new(ErrorKind::UpstreamRejected, message)
                    .with_upstream_status(200)
                    .with_detail(detail)
            }
            NetoError::NotFound { what, id } => ToolError::new(
                ErrorKind::NotFound,
                format!(
                    "no {what} `{}` was found in the store",
                    clean_text(&id, 100)
                ),
            )
            .with_detail(detail),
            NetoError::Unconfirmed { action, warnings } => {
                let mut message = format!(
                    "the store answered {action} without confirming the record; the change may or may not have been applied, and it was not retried"
                );
                if !warnings.is_empty() {
                    message.push_str(&format!(". Store warnings: {}", warnings.join("; ")));
                }
                ToolError::new(ErrorKind::UpstreamUnavailable, message).with_detail(detail)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejections_carry_the_cleaned_messages() {
        let err: ToolError = NetoError::Rejected {
            action: Action::UpdateItem,
            messages: vec!["SKU not found".into(), "Price invalid".into()],
        }
        .into();
        assert_eq!(err.kind(), ErrorKind::UpstreamRejected);
        assert_eq!(err.upstream_status(), Some(200));
        let msg = err.model_message();
        assert!(
            msg.contains("UpdateItem: SKU not found; Price invalid"),
            "{msg}"
        );
        assert!(msg.contains("not retried"));
        let read: ToolError = NetoError::Rejected {
            action: Action::GetItem,
            messages: vec![],
        }
        .into();
        assert!(read.model_message().ends_with("no reason given"));
    }

    #[test]
    fn not_found_and_unconfirmed() {
        let err: ToolError = NetoError::NotFound {
            what: "item",
            id: "A\u{202E}B".into(),
        }
        .into();
        assert_eq!(err.kind(), ErrorKind::NotFound);
        assert_eq!(err.model_message(), "no item `A B` was found in the store");
        let err: ToolError = NetoError::Unconfirmed {
            action: Action::UpdateOrder,
            warnings: vec!["Order is locked".into()],
        }
        .into();
        assert_eq!(err.kind(), ErrorKind::UpstreamUnavailable);
        assert!(err.model_message().contains("may or may not"));
        assert!(
            err.model_message()
                .ends_with("Store warnings: Order is locked")
        );
    }
}
