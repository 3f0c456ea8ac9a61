//! Products: list and search, get (with variants and inventory item ids), update (W2).

mod get;
mod list;
mod update;

use schemars::JsonSchema;
use serde::Deserialize;

pub(crate) use get::{PRODUCT_GET, get};
pub(crate) use list::{Data as ListData, PRODUCTS_LIST, list, output as list_output};
pub(crate) use update::{PRODUCT_UPDATE, update};

/// A product's status.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum ProductStatus {
    /// For sale.
    Active,
    /// Not yet for sale.
    Draft,
    /// Retired.
    Archived,
    /// Reachable by direct link only.
    Unlisted,
}

impl ProductStatus {
    /// The search-syntax value.
    pub(crate) fn as_search(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Draft => "draft",
            Self::Archived => "archived",
            Self::Unlisted => "unlisted",
        }
    }

    /// The `ProductStatus` enum value.
    pub(crate) fn as_graphql(self) -> &'static str {
        match self {
            Self::Active => "ACTIVE",
            Self::Draft => "DRAFT",
            Self::Archived => "ARCHIVED",
            Self::Unlisted => "UNLISTED",
        }
    }
}
