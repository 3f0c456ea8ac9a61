//! `shopify_shop_get`: the shop's name, plan, currency and time zone.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;
use shopmcp_core::{HandlerFuture, Platform, ToolCall, ToolOutput, ToolSpec};

use crate::graphql::Document;
use crate::shared::{Built, Shared, tool};

pub(crate) const SHOP_GET: Document = Document::admin_query(
    "ShopGet",
    r"query ShopGet {
  shop {
    id
    name
    myshopifyDomain
    primaryDomain {
      host
    }
    currencyCode
    enabledPresentmentCurrencies
    ianaTimezone
    weightUnit
    taxesIncluded
    plan {
      publicDisplayName
      shopifyPlus
      partnerDevelopment
    }
  }
}",
);

/// No arguments.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Input {}

/// The shop.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Output {
    /// Shop GID.
    id: String,
    /// Shop name.
    name: String,
    /// `{handle}.myshopify.com`.
    myshopify_domain: String,
    /// The primary storefront host.
    primary_domain: String,
    /// The shop currency (ISO 4217); amounts in other tools use it.
    currency: String,
    /// Currencies buyers can pay in.
    presentment_currencies: Vec<String>,
    /// IANA time zone, e.g. `Europe/Berlin`.
    timezone: String,
    /// Weight unit for products.
    weight_unit: String,
    /// Whether prices include taxes.
    taxes_included: bool,
    /// The Shopify plan's name.
    plan: String,
    /// Whether the shop is on Shopify Plus.
    shopify_plus: bool,
    /// Whether this is a development shop.
    development_shop: bool,
}

#[derive(Deserialize)]
struct Data {
    shop: WireShop,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireShop {
    id: String,
    name: String,
    myshopify_domain: String,
    primary_domain: Host,
    currency_code: String,
    enabled_presentment_currencies: Vec<String>,
    iana_timezone: String,
    weight_unit: String,
    taxes_included: bool,
    plan: Plan,
}

#[derive(Deserialize)]
struct Host {
    host: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Plan {
    public_display_name: String,
    shopify_plus: bool,
    partner_development: bool,
}

pub(crate) fn get(shared: &Arc<Shared>) -> Built {
    let spec = ToolSpec::read::<Input, Output>("shopify_shop_get", Platform::Shopify)
        .title("Shop details")
        .description(
            "Returns the shop's name, domains, currency, time zone, weight unit and plan. \
             Call it first to learn the currency and time zone other tools use.",
        );
    tool(spec, shared, handle)
}

fn handle<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let _: Input = call.input()?;
        let data: Data = shared
            .client
            .admin(call.ctx, call.credential()?, &SHOP_GET, json!({}))
            .await?;
        let s = data.shop;
        ToolOutput::new(&Output {
            id: s.id,
            name: s.name,
            myshopify_domain: s.myshopify_domain,
            primary_domain: s.primary_domain.host,
            currency: s.currency_code,
            presentment_currencies: s.enabled_presentment_currencies,
            timezone: s.iana_timezone,
            weight_unit: s.weight_unit,
            taxes_included: s.taxes_included,
            plan: s.plan.public_display_name,
            shopify_plus: s.plan.shopify_plus,
            development_shop: s.plan.partner_development,
        })
    })
}
