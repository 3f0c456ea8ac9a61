//! Product variants: find by SKU, update prices (W2, with a change ceiling).

mod prices;
mod search;

pub(crate) use prices::{VARIANT_PRICE, VARIANT_PRICES_UPDATE, prices_update};
pub(crate) use search::{VARIANTS_BY_SKU, search};
