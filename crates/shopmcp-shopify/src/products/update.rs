//! `shopify_products_update` (W2): title, description, status, tags, vendor, product type and
//! SEO fields only; never the handle, options or variants.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use shopmcp_core::{HandlerFuture, Platform, RiskTier, ToolCall, ToolOutput, ToolSpec};

use super::ProductStatus;
use crate::error::{ShopifyError, invalid};
use crate::gid;
use crate::graphql::{Document, WireUserError, user_errors};
use crate::html::check_html;
use crate::shared::{Built, Shared, check_tags, tool};

pub(crate) const PRODUCT_UPDATE: Document = Document::admin_mutation(
    "ProductUpdate",
    r"mutation ProductUpdate($product: ProductUpdateInput!) {
  productUpdate(product: $product) {
    product {
      id
      title
      handle
      status
      vendor
      productType
      tags
      updatedAt
      seo {
        title
        description
      }
    }
    userErrors {
      field
      message
    }
  }
}",
);

/// The product and the fields to change (omitted fields stay as they are).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Input {
    /// Product GID or numeric id.
    #[schemars(length(min = 1, max = 64))]
    product_id: String,
    /// New title.
    #[schemars(length(min = 1, max = 255))]
    title: Option<String>,
    /// New description, as formatting HTML (no scripts, frames, styles or forms).
    #[schemars(length(max = 60000), extend("x-shopmcp-text" = "free"))]
    description_html: Option<String>,
    /// New status.
    status: Option<ProductStatus>,
    /// New tags; replaces every current tag.
    #[schemars(length(max = 250))]
    tags: Option<Vec<String>>,
    /// New vendor.
    #[schemars(length(min = 1, max = 255))]
    vendor: Option<String>,
    /// New product type.
    #[schemars(length(max = 255))]
    product_type: Option<String>,
    /// New SEO title.
    #[schemars(length(max = 255))]
    seo_title: Option<String>,
    /// New SEO description.
    #[schemars(length(max = 320), extend("x-shopmcp-text" = "free"))]
    seo_description: Option<String>,
}

/// The product after the change.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Output {
    /// Product GID.
    id: String,
    /// Title.
    title: String,
    /// URL handle (unchanged by this tool).
    handle: String,
    /// Status.
    status: String,
    /// Vendor.
    vendor: String,
    /// Product type.
    product_type: String,
    /// Tags.
    tags: Vec<String>,
    /// SEO title.
    seo_title: Option<String>,
    /// SEO description.
    seo_description: Option<String>,
    /// When it was updated.
    updated_at: String,
    /// The fields this call changed.
    changed: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Data {
    product_update: Option<Payload>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Payload {
    product: Option<WireProduct>,
    user_errors: Vec<WireUserError>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireProduct {
    id: String,
    title: String,
    handle: String,
    status: String,
    vendor: String,
    product_type: String,
    tags: Vec<String>,
    updated_at: String,
    seo: WireSeo,
}

#[derive(Deserialize)]
struct WireSeo {
    title: Option<String>,
    description: Option<String>,
}

/// The `ProductUpdateInput` for `input`, and the names of the fields it changes.
fn changes(input: Input, id: &str) -> Result<(Value, Vec<String>), shopmcp_core::ToolError> {
    let mut product = Map::new();
    let mut changed = Vec::new();
    let mut put = |field: &str, key: &str, value: Value, product: &mut Map<String, Value>| {
        product.insert(key.to_owned(), value);
        changed.push(field.to_owned());
    };
    if let Some(t) = input.title {
        put("title", "title", json!(t), &mut product);
    }
    if let Some(html) = input.description_html {
        check_html("description_html", &html)?;
        put(
            "description_html",
            "descriptionHtml",
            json!(html),
            &mut product,
        );
    }
    if let Some(s) = input.status {
        put("status", "status", json!(s.as_graphql()), &mut product);
    }
    if let Some(tags) = input.tags {
        check_tags("tags", &tags)?;
        put("tags", "tags", json!(tags), &mut product);
    }
    if let Some(v) = input.vendor {
        put("vendor", "vendor", json!(v), &mut product);
    }
    if let Some(p) = input.product_type {
        put("product_type", "productType", json!(p), &mut product);
    }
    let mut seo = Map::new();
    if let Some(t) = input.seo_title {
        seo.insert("title".into(), json!(t));
        changed.push("seo_title".into());
    }
    if let Some(d) = input.seo_description {
        seo.insert("description".into(), json!(d));
        changed.push("seo_description".into());
    }
    if !seo.is_empty() {
        product.insert("seo".into(), Value::Object(seo));
    }
    if changed.is_empty() {
        return Err(invalid("give at least one field to change"));
    }
    product.insert("id".into(), json!(id));
    Ok((Value::Object(product), changed))
}

pub(crate) fn update(shared: &Arc<Shared>) -> Built {
    let spec = ToolSpec::write::<Input, Output>(
        "shopify_products_update",
        Platform::Shopify,
        RiskTier::W2,
    )
    .title("Update a product")
    .description(
        "Changes a product's title, description HTML, status, tags, vendor, product type, \
         SEO title or SEO description. The handle, options, variants and prices cannot be \
         changed with this tool.",
    )
    .scopes(["write_products"])
    .identifiers(["product_id"])
    .writable([
        "title",
        "description_html",
        "status",
        "tags",
        "vendor",
        "product_type",
        "seo_title",
        "seo_description",
    ]);
    tool(spec, shared, handle)
}

fn handle<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: Input = call.input()?;
        let id = gid::numeric("Product", "product_id", &input.product_id)?;
        let (product, changed) = changes(input, &id)?;
        let data: Data = shared
            .client
            .admin(
                call.ctx,
                call.credential()?,
                &PRODUCT_UPDATE,
                json!({ "product": product }),
            )
            .await?;
        let payload = data
            .product_update
            .ok_or(ShopifyError::Malformed("productUpdate payload missing"))?;
        user_errors(payload.user_errors)?;
        let p = payload
            .product
            .ok_or(ShopifyError::Malformed("productUpdate returned no product"))?;
        ToolOutput::new(&Output {
            id: p.id,
            title: p.title,
            handle: p.handle,
            status: p.status,
            vendor: p.vendor,
            product_type: p.product_type,
            tags: p.tags,
            seo_title: p.seo.title,
            seo_description: p.seo.description,
            updated_at: p.updated_at,
            changed,
        })
    })
}
