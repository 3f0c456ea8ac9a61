//! Fulfillments: the fulfillment orders of an order; create a fulfillment with tracking (W3).

mod create;
mod orders;

pub(crate) use create::{FULFILLMENT_CREATE, create};
pub(crate) use orders::{FULFILLMENT_ORDERS_LIST, orders};
