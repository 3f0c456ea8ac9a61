//! Shopify global IDs (`gid://shopify/Order/123`): checked before they are sent.
//!
//! A tool accepts the GID of its own resource type, or its numeric id (which the tool turns
//! into the GID). A GID of another type (a customer id given to an order tool) is refused
//! before any request.

use crate::error::invalid;
use shopmcp_core::ToolError;

const PREFIX: &str = "gid://shopify/";
const MAX_DIGITS: usize = 20;

/// The GID of a `kind` resource (`Order`, `Product`…) from `input`: its GID or numeric id.
pub(crate) fn numeric(kind: &'static str, field: &str, input: &str) -> Result<String, ToolError> {
    let digits = input
        .strip_prefix(PREFIX)
        .and_then(|rest| rest.strip_prefix(kind))
        .and_then(|rest| rest.strip_prefix('/'))
        .unwrap_or(input);
    let ok = !digits.is_empty()
        && digits.len() <= MAX_DIGITS
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.bytes().all(|b| b == b'0');
    if ok {
        Ok(format!("{PREFIX}{kind}/{digits}"))
    } else {
        Err(invalid(format!(
            "`{field}` must be a {kind} id: `{PREFIX}{kind}/<number>` or the number alone"
        )))
    }
}

/// The GID of a Storefront object with an opaque token id (`Cart`, `CartLine`), which may
/// carry a `?key=…` or `?cart=…` suffix. Only the token alphabet is accepted.
pub(crate) fn opaque(kind: &'static str, field: &str, input: &str) -> Result<String, ToolError> {
    let rest = input
        .strip_prefix(PREFIX)
        .and_then(|rest| rest.strip_prefix(kind))
        .and_then(|rest| rest.strip_prefix('/'));
    let ok = rest.is_some_and(|rest| {
        let (token, query) = rest.split_once('?').unwrap_or((rest, ""));
        let token_ok = !token.is_empty()
            && token
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        let query_ok = query.is_empty()
            || query.split('&').all(|pair| {
                pair.split_once('=').is_some_and(|(k, v)| {
                    !k.is_empty()
                        && k.bytes().all(|b| b.is_ascii_alphabetic())
                        && !v.is_empty()
                        && v.bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                })
            });
        token_ok && query_ok && input.len() <= 512
    });
    if ok {
        Ok(input.to_owned())
    } else {
        Err(invalid(format!(
            "`{field}` must be a {kind} id as returned by Shopify (`{PREFIX}{kind}/…`)"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_ids_and_gids_of_the_right_type() {
        assert_eq!(
            numeric("Order", "order_id", "450789469").unwrap(),
            "gid://shopify/Order/450789469"
        );
        assert_eq!(
            numeric("Order", "order_id", "gid://shopify/Order/450789469").unwrap(),
            "gid://shopify/Order/450789469"
        );
        for bad in [
            "gid://shopify/Customer/1",
            "gid://shopify/Order/",
            "gid://shopify/Order/1/2",
            "gid://shopify/OrderX/1",
            "gid://shopify/Order/1?x=1",
            "-1",
            "0",
            "1.5",
            "",
            "123456789012345678901",
            "../1",
        ] {
            let err = numeric("Order", "order_id", bad).unwrap_err();
            assert!(
                err.model_message()
                    .contains("`order_id` must be a Order id"),
                "{bad}"
            );
        }
    }

    #[test]
    fn opaque_ids() {
        for ok in [
            "gid://shopify/Cart/Z2NwLWV1cm9wZS13ZXN0NDowMUhRVk5ZRjhO?key=8a1b2c3d4e",
            "gid://shopify/Cart/abc_DEF-123",
        ] {
            assert_eq!(opaque("Cart", "cart_id", ok).unwrap(), ok);
        }
        assert!(
            opaque(
                "CartLine",
                "line_id",
                "gid://shopify/CartLine/0a1b-2c?cart=Z2Nw"
            )
            .is_ok()
        );
        for bad in [
            "gid://shopify/Cart/",
            "gid://shopify/CartLine/abc",
            "gid://shopify/Cart/abc?key=",
            "gid://shopify/Cart/abc?key=a b",
            "gid://shopify/Cart/a\"b",
            "gid://shopify/Cart/abc#x",
            "Cart/abc",
        ] {
            assert!(opaque("Cart", "cart_id", bad).is_err(), "{bad}");
        }
    }
}
