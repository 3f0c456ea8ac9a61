//! The crate's own failures, turned into model-safe [`ToolError`]s.
//!
//! Upstream HTTP failures are already `ToolError`s (mapped by `shopmcp-http`); what is left
//! here are answers that arrived but say "no", and inputs only a handler can judge.

use shopmcp_core::{ErrorKind, ToolError};

/// What went wrong inside a handler.
#[derive(Debug, thiserror::Error)]
pub(crate) enum MagentoError {
    /// Magento answered `false` to an order action (its state does not allow it).
    #[error("the store refused to {action} order {order_id}; its current state does not allow it")]
    ActionRefused {
        /// What was asked (`hold`, `unhold`, `cancel`).
        action: &'static str,
        /// The order.
        order_id: u64,
    },
    /// A product update with nothing to change.
    #[error("`changes` is empty: name at least one field to change")]
    NothingToChange,
    /// A guest cart id is not Magento's 32-character masked id.
    #[error("`cart_id` must be the 32-character id returned by magento_guest_carts_create")]
    CartId,
    /// A carrier code outside `[a-z0-9_]`.
    #[error(
        "`carrier_code` must be a carrier code such as `ups`, `fedex`, `usps`, `dhl` or `custom`"
    )]
    CarrierCode,
    /// A source code outside Magento's pattern.
    #[error("`source_code` must be a source code such as `default` (letters, digits, `_` and `-`)")]
    SourceCode,
    /// The product the update targets does not exist (the update never creates products).
    #[error("product `{0}` was not found; this tool changes existing products only")]
    ProductMissing(String),
}

impl From<MagentoError> for ToolError {
    fn from(e: MagentoError) -> Self {
        let kind = match &e {
            MagentoError::ActionRefused { .. } => ErrorKind::UpstreamRejected,
            MagentoError::ProductMissing(_) => ErrorKind::NotFound,
            MagentoError::NothingToChange
            | MagentoError::CartId
            | MagentoError::CarrierCode
            | MagentoError::SourceCode => ErrorKind::InvalidArguments,
        };
        ToolError::new(kind, e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_messages() {
        let e: ToolError = MagentoError::ActionRefused {
            action: "cancel",
            order_id: 7,
        }
        .into();
        assert_eq!(e.kind(), ErrorKind::UpstreamRejected);
        assert!(e.model_message().contains("cancel order 7"));
        let e: ToolError = MagentoError::ProductMissing("SKU-1".into()).into();
        assert_eq!(e.kind(), ErrorKind::NotFound);
        let e: ToolError = MagentoError::CartId.into();
        assert_eq!(e.kind(), ErrorKind::InvalidArguments);
    }
}
