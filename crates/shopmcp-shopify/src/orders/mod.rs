//! Orders: list (with a count), get, update note and tags (W1), cancel (W3).

mod cancel;
mod get;
mod list;
mod parts;
mod update;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub(crate) use cancel::{ORDER_CANCEL, cancel};
pub(crate) use get::{Data as GetData, ORDER_GET, get, output as get_output};
pub(crate) use list::{ORDERS_LIST, list};
pub(crate) use parts::{Tracking, WireTracking};
pub(crate) use update::{ORDER_UPDATE, update};

/// The customer of an order, draft order or checkout (only with customer PII enabled).
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct CustomerRef {
    /// Customer GID.
    id: String,
    /// The customer's display name.
    name: String,
}

/// `customer { id displayName }` on the wire.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WireCustomerRef {
    id: String,
    display_name: String,
}

impl From<WireCustomerRef> for CustomerRef {
    fn from(c: WireCustomerRef) -> Self {
        Self {
            id: c.id,
            name: c.display_name,
        }
    }
}
