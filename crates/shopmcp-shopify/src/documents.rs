//! Every GraphQL document the crate can send, in one reviewable list.
//!
//! Each is a named operation in a constant that takes its inputs as variables only. The
//! crate's tests validate every one against the vendored Admin or Storefront 2026-07 schema
//! and list any deprecated field they use.

use crate::graphql::Document;
use crate::{
    checkouts, collections, customers, discounts, draft_orders, fulfillments, inventory, locations,
    orders, products, scopes, shop, storefront, variants,
};

/// Every document, Admin first, then Storefront.
pub const ALL: &[Document] = &[
    scopes::GRANTED_SCOPES,
    shop::SHOP_GET,
    orders::ORDERS_LIST,
    orders::ORDER_GET,
    orders::ORDER_UPDATE,
    orders::ORDER_CANCEL,
    products::PRODUCTS_LIST,
    products::PRODUCT_GET,
    products::PRODUCT_UPDATE,
    variants::VARIANTS_BY_SKU,
    variants::VARIANT_PRICE,
    variants::VARIANT_PRICES_UPDATE,
    collections::COLLECTIONS_LIST,
    customers::CUSTOMERS_LIST,
    customers::CUSTOMER_GET,
    customers::CUSTOMER_UPDATE,
    inventory::INVENTORY_BY_SKU,
    inventory::INVENTORY_AT_LOCATION,
    inventory::INVENTORY_ADJUST,
    inventory::INVENTORY_SET,
    locations::LOCATIONS_LIST,
    fulfillments::FULFILLMENT_ORDERS_LIST,
    fulfillments::FULFILLMENT_CREATE,
    draft_orders::DRAFT_ORDERS_LIST,
    draft_orders::DRAFT_ORDER_GET,
    discounts::DISCOUNTS_LIST,
    checkouts::ABANDONED_CHECKOUTS_LIST,
    storefront::CATALOG_SEARCH,
    storefront::CART_GET,
    storefront::CART_CREATE,
    storefront::CART_LINES_ADD,
    storefront::CART_LINES_UPDATE,
    storefront::CART_LINES_REMOVE,
];

/// The document named `name`, if the crate has one.
pub fn by_name(name: &str) -> Option<&'static Document> {
    ALL.iter().find(|d| d.name == name)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn names_are_unique_and_match_the_operation() {
        let names: BTreeSet<&str> = ALL.iter().map(|d| d.name).collect();
        assert_eq!(names.len(), ALL.len());
        for d in ALL {
            let keyword = match d.kind {
                crate::OperationKind::Query => "query",
                crate::OperationKind::Mutation => "mutation",
            };
            assert!(
                d.text.starts_with(&format!("{keyword} {}(", d.name))
                    || d.text.starts_with(&format!("{keyword} {} {{", d.name)),
                "{}",
                d.name
            );
            assert!(by_name(d.name).is_some());
        }
        assert!(by_name("executeGraphql").is_none());
    }
}
