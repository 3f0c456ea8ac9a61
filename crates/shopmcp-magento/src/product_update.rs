//! `magento_products_update`: ten whitelisted fields, mapped onto Magento's product shape.
//!
//! One `PUT /V1/products/{sku}` carries every change (the Swagger's `catalog-data-product-
//! interface`):
//! - `name`, `price`, `status`, `visibility`, `weight` are properties of `product`;
//! - `special_price`, `description`, `short_description` are EAV attributes without a property
//!   of their own, so they go in `custom_attributes` as `{attribute_code, value}` entries — one
//!   entry per changed attribute, never a replacement of the list;
//! - `qty` and `is_in_stock` go in `extension_attributes.stock_item`
//!   (`catalog-inventory-data-stock-item-interface`). The Swagger also offers
//!   `PUT /V1/products/{sku}/stockItems/{itemId}`; one request is preferred because writes are
//!   never retried: two requests could leave the product half-updated.
//!
//! `product.sku` is set from the identifier (the Swagger requires it; the path value wins in
//! Magento anyway), so the SKU cannot be renamed. `PUT` on an unknown SKU would create a
//! product, so the handler first reads the product and stops with "not found" if it does not
//! exist. Descriptions are plain text: HTML special characters are escaped and newlines become
//! `<br>`, so nothing the model writes can become markup or script on the storefront.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use shopmcp_core::{
    ErrorKind, HandlerFuture, Platform, RiskTier, SpecError, ToolCall, ToolError, ToolOutput,
    ToolSpec,
};

use crate::MagentoClient;
use crate::error::MagentoError;
use crate::products::{ACL, Product, ProductDetail};
use crate::routes::Admin;
use crate::values::decimal_number;

/// The fields `magento_products_update` may change, and nothing else.
pub(crate) const WRITABLE: [&str; 10] = [
    "name",
    "price",
    "special_price",
    "status",
    "visibility",
    "description",
    "short_description",
    "weight",
    "qty",
    "is_in_stock",
];

/// Enabled or disabled.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Status {
    /// Sold on the storefront (1).
    Enabled,
    /// Hidden and not sold (2).
    Disabled,
}

/// Where the product is shown.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Visibility {
    /// Not visible individually (1), e.g. a variant of a configurable product.
    NotVisibleIndividually,
    /// Catalog only (2).
    Catalog,
    /// Search only (3).
    Search,
    /// Catalog and search (4).
    CatalogSearch,
}

/// The changes; every field is optional, at least one must be given.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Changes {
    /// New name.
    #[schemars(length(min = 1, max = 255))]
    name: Option<String>,
    /// New price (decimal string, zero or more).
    #[schemars(extend("format" = "decimal"))]
    price: Option<String>,
    /// New special (sale) price (decimal string, zero or more).
    #[schemars(extend("format" = "decimal"))]
    special_price: Option<String>,
    /// Enabled or disabled.
    status: Option<Status>,
    /// Where the product is shown.
    visibility: Option<Visibility>,
    /// New description, plain text (HTML is escaped; newlines become line breaks).
    #[schemars(length(max = 20000), extend("x-shopmcp-text" = "free"))]
    description: Option<String>,
    /// New short description, plain text (HTML is escaped; newlines become line breaks).
    #[schemars(length(max = 2000), extend("x-shopmcp-text" = "free"))]
    short_description: Option<String>,
    /// New weight (decimal string, zero or more).
    #[schemars(extend("format" = "decimal"))]
    weight: Option<String>,
    /// New quantity in the default stock (decimal string).
    #[schemars(extend("format" = "decimal"))]
    qty: Option<String>,
    /// In stock or not, in the default stock.
    is_in_stock: Option<bool>,
}

/// Arguments of `magento_products_update`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct UpdateInput {
    /// The product's SKU (identifies it; cannot be changed).
    #[schemars(length(min = 1, max = 64))]
    sku: String,
    /// What to change.
    changes: Changes,
}

/// The product after the update.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct UpdateOutput {
    /// The fields that were sent.
    updated: Vec<String>,
    /// The product as the store returned it.
    product: ProductDetail,
}

pub(crate) fn update_spec() -> Result<ToolSpec, SpecError> {
    ToolSpec::write::<UpdateInput, UpdateOutput>(
        "magento_products_update",
        Platform::Magento,
        RiskTier::W2,
    )
    .title("Update a product")
    .description(
        "Changes an existing product's name, price, special price, status, visibility, \
         description, short description, weight, quantity or in-stock flag. Nothing else \
         (no SKU, attribute set, websites or other attributes). Values apply to the \
         configured store view.",
    )
    .scopes([ACL, crate::inventory::ACL_STOCK])
    .identifiers(["sku"])
    .writable_in("changes", WRITABLE)
    .idempotent(true)
    .build()
}

/// Escapes HTML special characters; newlines become `<br>`.
pub(crate) fn plain_text_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\r' => {}
            '\n' => out.push_str("<br>\n"),
            c => out.push(c),
        }
    }
    out
}

/// The `product` object of the request body, and the names of the fields it changes.
pub(crate) fn product_body(sku: &str, c: &Changes) -> Result<(Value, Vec<String>), ToolError> {
    let mut product = Map::new();
    let mut updated = Vec::new();
    let mut custom = Vec::new();
    let mut stock = Map::new();
    product.insert("sku".into(), json!(sku));
    if let Some(name) = &c.name {
        product.insert("name".into(), json!(name));
        updated.push("name");
    }
    if let Some(price) = &c.price {
        product.insert(
            "price".into(),
            Value::Number(decimal_number("price", price, true)?),
        );
        updated.push("price");
    }
    if let Some(status) = c.status {
        let code = match status {
            Status::Enabled => 1,
            Status::Disabled => 2,
        };
        product.insert("status".into(), json!(code));
        updated.push("status");
    }
    if let Some(visibility) = c.visibility {
        let code = match visibility {
            Visibility::NotVisibleIndividually => 1,
            Visibility::Catalog => 2,
            Visibility::Search => 3,
            Visibility::CatalogSearch => 4,
        };
        product.insert("visibility".into(), json!(code));
        updated.push("visibility");
    }
    if let Some(weight) = &c.weight {
        product.insert(
            "weight".into(),
            Value::Number(decimal_number("weight", weight, true)?),
        );
        updated.push("weight");
    }
    if let Some(special) = &c.special_price {
        decimal_number("special_price", special, true)?;
        custom.push(json!({"attribute_code": "special_price", "value": special}));
        updated.push("special_price");
    }
    for (code, text) in [
        ("description", &c.description),
        ("short_description", &c.short_description),
    ] {
        if let Some(text) = text {
            custom.push(json!({"attribute_code": code, "value": plain_text_html(text)}));
            updated.push(code);
        }
    }
    if let Some(qty) = &c.qty {
        stock.insert(
            "qty".into(),
            Value::Number(decimal_number("qty", qty, false)?),
        );
        updated.push("qty");
    }
    if let Some(in_stock) = c.is_in_stock {
        stock.insert("is_in_stock".into(), json!(in_stock));
        updated.push("is_in_stock");
    }
    if updated.is_empty() {
        return Err(MagentoError::NothingToChange.into());
    }
    if !custom.is_empty() {
        product.insert("custom_attributes".into(), Value::Array(custom));
    }
    if !stock.is_empty() {
        product.insert(
            "extension_attributes".into(),
            json!({ "stock_item": Value::Object(stock) }),
        );
    }
    let updated = updated.into_iter().map(str::to_owned).collect();
    Ok((json!({ "product": Value::Object(product) }), updated))
}

pub(crate) fn update<'a>(client: &'a Arc<MagentoClient>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: UpdateInput = call.input()?;
        let (body, updated) = product_body(&input.sku, &input.changes)?;
        let existing: Result<Product, _> = client
            .admin(&call, Admin::Product(&input.sku), &[], None)
            .await;
        match existing {
            Ok(_) => {}
            Err(e) if e.kind() == ErrorKind::NotFound => {
                return Err(MagentoError::ProductMissing(input.sku).into());
            }
            Err(e) => return Err(e),
        }
        let product: Product = client
            .admin(&call, Admin::ProductSave(&input.sku), &[], Some(&body))
            .await?;
        ToolOutput::new(&UpdateOutput {
            updated,
            product: ProductDetail::from(product),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            plain_text_html("<script>alert('x')</script> & \"q\"\r\nline 2"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;<br>\nline 2"
        );
    }

    #[test]
    fn maps_every_field_to_its_place() {
        let changes: Changes = serde_json::from_value(json!({
            "name": "Tee", "price": "19.99", "special_price": "15", "status": "disabled",
            "visibility": "catalog_search", "description": "<b>x</b>", "short_description": "s",
            "weight": "0.5", "qty": "12", "is_in_stock": true
        }))
        .unwrap();
        let (body, updated) = product_body("TEE-1", &changes).unwrap();
        assert_eq!(updated.len(), 10);
        assert_eq!(
            body,
            json!({"product": {
                "sku": "TEE-1", "name": "Tee", "price": 19.99, "status": 2, "visibility": 4,
                "weight": 0.5,
                "custom_attributes": [
                    {"attribute_code": "special_price", "value": "15"},
                    {"attribute_code": "description", "value": "&lt;b&gt;x&lt;/b&gt;"},
                    {"attribute_code": "short_description", "value": "s"}
                ],
                "extension_attributes": {"stock_item": {"qty": 12.0, "is_in_stock": true}}
            }})
        );
        let err = product_body("TEE-1", &Changes::default()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArguments);
    }
}
