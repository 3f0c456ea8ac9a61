//! `neto_items_update` (`UpdateItem`, W2): a fixed whitelist of item fields.
//!
//! | input (`changes.*`) | Neto field |
//! |---|---|
//! | `name` | `Name` |
//! | `default_price` | `DefaultPrice` |
//! | `promotion_price` | `PromotionPrice` |
//! | `description` | `Description` |
//! | `short_description` | `ShortDescription` |
//! | `shipping_weight` | `ShippingWeight` |
//! | `visible` | `Visible` |
//!
//! `IsActive` and every globally forbidden field are refused by the pipeline before this
//! code runs; nothing else of the item can be reached (no SKU rename, no stock, no cost).

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::{
    ErrorKind, HandlerFuture, Platform, RiskTier, Tool, ToolCall, ToolError, ToolOutput, ToolSpec,
};

use crate::Action;
use crate::common::{Shared, tool};
use crate::error::NetoError;
use crate::wire::{one_or_many, text_opt};

/// The writable fields of `neto_items_update`, as the model sends them.
pub const ITEM_WRITABLE: [&str; 7] = [
    "name",
    "default_price",
    "promotion_price",
    "description",
    "short_description",
    "shipping_weight",
    "visible",
];

/// Arguments of `neto_items_update`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct UpdateInput {
    /// The SKU of the item to change (not changeable itself).
    #[schemars(length(min = 1, max = 100))]
    sku: String,
    /// The fields to change; leave out what stays as it is.
    changes: ItemChanges,
}

/// The changeable item fields.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ItemChanges {
    /// New name.
    #[schemars(length(min = 1, max = 255))]
    name: Option<String>,
    /// New default price (decimal string, not negative).
    #[schemars(extend("format" = "decimal"))]
    default_price: Option<String>,
    /// New promotion price (decimal string, not negative).
    #[schemars(extend("format" = "decimal"))]
    promotion_price: Option<String>,
    /// New description (HTML as the store accepts it).
    #[schemars(length(max = 60000), extend("x-shopmcp-text" = "free"))]
    description: Option<String>,
    /// New short description.
    #[schemars(length(max = 4000), extend("x-shopmcp-text" = "free"))]
    short_description: Option<String>,
    /// New shipping weight (decimal string in the store's unit, not negative).
    #[schemars(extend("format" = "decimal"))]
    shipping_weight: Option<String>,
    /// Show or hide the item on the webstore.
    visible: Option<bool>,
}

/// One `UpdateItem` record: the SKU and the whitelisted fields, in Neto's names.
#[derive(Debug, Serialize)]
struct ItemRecord {
    #[serde(rename = "SKU")]
    sku: String,
    #[serde(rename = "Name", skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(rename = "DefaultPrice", skip_serializing_if = "Option::is_none")]
    default_price: Option<String>,
    #[serde(rename = "PromotionPrice", skip_serializing_if = "Option::is_none")]
    promotion_price: Option<String>,
    #[serde(rename = "Description", skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(rename = "ShortDescription", skip_serializing_if = "Option::is_none")]
    short_description: Option<String>,
    #[serde(rename = "ShippingWeight", skip_serializing_if = "Option::is_none")]
    shipping_weight: Option<String>,
    #[serde(rename = "Visible", skip_serializing_if = "Option::is_none")]
    visible: Option<bool>,
}

/// `{"Item": [record]}`.
#[derive(Debug, Serialize)]
pub(crate) struct UpdateItemBody<T: Serialize> {
    #[serde(rename = "Item")]
    pub(crate) item: [T; 1],
}

/// One entry of the `UpdateItem` answer (`UpdatedItem`).
#[derive(Debug, Deserialize)]
pub(crate) struct UpdatedItem {
    #[serde(rename = "SKU", default, deserialize_with = "text_opt")]
    pub(crate) sku: Option<String>,
}

/// The `UpdateItem` answer.
#[derive(Debug, Deserialize)]
pub(crate) struct UpdateItemReply {
    #[serde(rename = "Item", default, deserialize_with = "one_or_many")]
    pub(crate) items: Vec<UpdatedItem>,
}

impl UpdateItemReply {
    /// Whether the answer names `sku`.
    pub(crate) fn confirms(&self, sku: &str) -> bool {
        self.items.iter().any(|i| i.sku.as_deref() == Some(sku))
    }
}

/// `neto_items_update` result.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct UpdateOutput {
    /// The item changed.
    sku: String,
    /// The fields that were sent (input names).
    updated: Vec<String>,
    /// Warnings the store sent with the answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
}

pub(crate) fn update_tool(shared: &Arc<Shared>) -> Result<Arc<dyn Tool>, shopmcp_core::SpecError> {
    tool(
        ToolSpec::write::<UpdateInput, UpdateOutput>(
            "neto_items_update",
            Platform::Neto,
            RiskTier::W2,
        )
        .title("Update an item")
        .description("Changes an item's name, default or promotion price, descriptions, shipping weight or webstore visibility. Only these fields can be changed; the SKU identifies the item.")
        .scopes([Action::UpdateItem.as_str()])
        .identifiers(["sku"])
        .writable_in("changes", ITEM_WRITABLE)
        .idempotent(true)
        .build(),
        shared,
        update,
    )
}

fn not_negative(field: &str, value: Option<&String>) -> Result<(), ToolError> {
    if value.is_some_and(|v| v.starts_with('-')) {
        return Err(ToolError::new(
            ErrorKind::InvalidArguments,
            format!("`changes.{field}` cannot be negative"),
        ));
    }
    Ok(())
}

fn update<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: UpdateInput = call.input()?;
        let c = input.changes;
        not_negative("default_price", c.default_price.as_ref())?;
        not_negative("promotion_price", c.promotion_price.as_ref())?;
        not_negative("shipping_weight", c.shipping_weight.as_ref())?;
        let updated: Vec<String> = [
            ("name", c.name.is_some()),
            ("default_price", c.default_price.is_some()),
            ("promotion_price", c.promotion_price.is_some()),
            ("description", c.description.is_some()),
            ("short_description", c.short_description.is_some()),
            ("shipping_weight", c.shipping_weight.is_some()),
            ("visible", c.visible.is_some()),
        ]
        .into_iter()
        .filter(|(_, set)| *set)
        .map(|(name, _)| name.to_owned())
        .collect();
        if updated.is_empty() {
            return Err(ToolError::new(
                ErrorKind::InvalidArguments,
                "`changes` names no field to change; nothing was sent",
            ));
        }
        let body = UpdateItemBody {
            item: [ItemRecord {
                sku: input.sku.clone(),
                name: c.name,
                default_price: c.default_price,
                promotion_price: c.promotion_price,
                description: c.description,
                short_description: c.short_description,
                shipping_weight: c.shipping_weight,
                visible: c.visible,
            }],
        };
        let reply = shared
            .client
            .send::<_, UpdateItemReply>(&call, Action::UpdateItem, &body)
            .await?;
        if !reply.data.confirms(&input.sku) {
            return Err(NetoError::Unconfirmed {
                action: Action::UpdateItem,
                warnings: reply.warnings,
            }
            .into());
        }
        ToolOutput::new(&UpdateOutput {
            sku: input.sku,
            updated,
            warnings: reply.warnings,
        })
    })
}
