//! Draft orders: list and get.

mod get;
mod list;

pub(crate) use get::{DRAFT_ORDER_GET, get};
pub(crate) use list::{DRAFT_ORDERS_LIST, list};
