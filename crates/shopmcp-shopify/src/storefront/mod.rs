//! Buyer-side tools over the Storefront API: catalog search and carts.
//!
//! They use the `shopify.storefront` credential (a Storefront access token), never the Admin
//! token. A cart's `checkout_url` is where a human completes the purchase: no tool places an
//! order or takes payment.

mod cart;
mod carts;
mod catalog;
mod lines;

pub(crate) use carts::{CART_CREATE, CART_GET, carts_create, carts_get};
pub(crate) use catalog::{CATALOG_SEARCH, catalog_search};
pub(crate) use lines::{
    CART_LINES_ADD, CART_LINES_REMOVE, CART_LINES_UPDATE, lines_add, lines_remove, lines_update,
};
