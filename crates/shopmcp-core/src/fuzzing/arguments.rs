//! The argument-validation check (`fuzz/fuzz_targets/args_validate.rs`).
//!
//! Raw argument text is validated against three specs shaped like real tools (a filtered
//! list, a W2 update with a writable container, a W3 refund) under the default and under
//! tight [`Limits`].

use std::sync::OnceLock;

use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::validate::{Limits, Violation, is_forbidden};
use crate::{Arguments, Platform, RiskTier, ToolSpec};

/// Filters of the list spec.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListInput {
    /// Status filter.
    pub status: Option<Status>,
    /// Page size.
    #[schemars(range(min = 1, max = 50))]
    pub limit: Option<u32>,
    /// Search text.
    #[schemars(length(max = 100))]
    pub query: Option<String>,
    /// Updated after (a timestamp).
    #[schemars(extend("format" = "date-time"))]
    pub updated_after: Option<String>,
}

/// A status enumeration.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Open.
    Open,
    /// Closed.
    Closed,
}

/// Changes of the update spec.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProductChanges {
    /// New name.
    #[schemars(length(min = 1, max = 255))]
    pub name: Option<String>,
    /// New price.
    #[schemars(extend("format" = "decimal"))]
    pub price: Option<String>,
    /// New description (free text).
    #[schemars(extend("x-shopmcp-text" = "free"))]
    pub description: Option<String>,
    /// New tags.
    #[schemars(length(max = 20))]
    pub tags: Option<Vec<String>>,
}

/// Input of the update spec.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateInput {
    /// The product.
    pub sku: String,
    /// What changes.
    pub changes: ProductChanges,
}

/// Input of the refund spec.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RefundInput {
    /// The order.
    pub order_id: String,
    /// The amount.
    #[schemars(extend("format" = "decimal"))]
    pub amount: String,
    /// The idempotency key.
    pub idempotency_key: String,
}

/// The output of every spec (only its schema is used).
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
pub struct Output {
    /// Some id.
    pub id: String,
}

type TypedCheck = fn(&Value) -> Result<(), String>;

fn typed<T: DeserializeOwned>(value: &Value) -> Result<(), String> {
    T::deserialize(value)
        .map(drop)
        .map_err(|e| format!("validated arguments do not fit the input type: {e}"))
}

fn specs() -> &'static [(ToolSpec, TypedCheck)] {
    static SPECS: OnceLock<Vec<(ToolSpec, TypedCheck)>> = OnceLock::new();
    SPECS.get_or_init(|| {
        let list = ToolSpec::read::<ListInput, Output>("shopify_orders_list", Platform::Shopify)
            .title("List orders")
            .description("Lists orders.")
            .scopes(["read_orders"])
            .build();
        let update = ToolSpec::write::<UpdateInput, Output>(
            "shopify_products_update",
            Platform::Shopify,
            RiskTier::W2,
        )
        .title("Update a product")
        .description("Changes name, price, description or tags.")
        .identifiers(["sku"])
        .writable_in("changes", ["name", "price", "description", "tags"])
        .build();
        let refund = ToolSpec::write::<RefundInput, Output>(
            "shopify_refunds_create",
            Platform::Shopify,
            RiskTier::W3,
        )
        .title("Refund")
        .description("Refunds money.")
        .identifiers(["order_id"])
        .writable(["amount"])
        .build();
        [
            list.map(|s| (s, typed::<ListInput> as TypedCheck)),
            update.map(|s| (s, typed::<UpdateInput> as TypedCheck)),
            refund.map(|s| (s, typed::<RefundInput> as TypedCheck)),
        ]
        .into_iter()
        .flatten()
        .collect()
    })
}

fn tight_limits() -> Limits {
    Limits {
        max_depth: 3,
        max_identifier_chars: 8,
        max_identifier_bytes: 16,
        max_text_chars: 16,
        max_text_bytes: 32,
        max_array_items: 3,
        max_raw_bytes: 256,
    }
}

/// Valid arguments for each of the three specs, for mutation-based testing.
pub fn valid_arguments() -> Vec<String> {
    vec![
        r#"{"status":"open","limit":20,"query":"blue shirt","updated_after":"2025-01-02T03:04:05Z"}"#.to_owned(),
        r#"{"sku":"SKU-1","changes":{"name":"Shirt","price":"19.90","description":"Soft\ncotton","tags":["a","b"]}}"#.to_owned(),
        r#"{"order_id":"gid://shopify/Order/1","amount":"5.00","idempotency_key":"k-1"}"#.to_owned(),
    ]
}

fn forbidden_key(value: &Value) -> Option<&str> {
    match value {
        Value::Object(map) => map.iter().find_map(|(k, v)| {
            if is_forbidden(k) {
                Some(k.as_str())
            } else {
                forbidden_key(v)
            }
        }),
        Value::Array(items) => items.iter().find_map(forbidden_key),
        _ => None,
    }
}

/// Characters a violation's field path may contain: model-supplied keys are escaped to
/// `[A-Za-z0-9_-]` and `\u{XXXX}`, joined with `.` and `[n]`, cut with `…`.
fn safe_path_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "_-.[]\\{}()…".contains(c)
}

fn check_violations(tool: &str, violations: &[Violation]) -> Result<(), String> {
    if violations.is_empty() {
        return Err(format!("{tool}: rejected without a violation"));
    }
    for v in violations {
        if let Some(c) = v.field.chars().find(|c| !safe_path_char(*c)) {
            return Err(format!(
                "{tool}: field path carries an unescaped {:?}",
                c.escape_unicode().to_string()
            ));
        }
        let text = v.to_string();
        if text.chars().any(char::is_control) {
            return Err(format!(
                "{tool}: a violation message carries a control character"
            ));
        }
    }
    Ok(())
}

fn check_accepted(spec: &ToolSpec, typed: TypedCheck, value: &Value) -> Result<(), String> {
    let tool = spec.name();
    if !value.is_object() {
        return Err(format!("{tool}: accepted arguments that are not an object"));
    }
    if let Some(key) = forbidden_key(value) {
        return Err(format!(
            "{tool}: accepted a forbidden key ({} chars)",
            key.chars().count()
        ));
    }
    typed(value).map_err(|e| format!("{tool}: {e}"))?;
    match spec.validate(Arguments::Value(value.clone()), &Limits::default()) {
        Ok(again) if &again == value => Ok(()),
        Ok(_) => Err(format!(
            "{tool}: validating accepted arguments changed them"
        )),
        Err(_) => Err(format!(
            "{tool}: accepted raw text, rejected its parsed value"
        )),
    }
}

/// Validates `data` (as lossy UTF-8) against each spec, raw and (when it is JSON) parsed.
///
/// Returns `Err` with a description when an invariant breaks:
/// - accepted arguments are an object without any forbidden key at any depth, deserialize
///   into the tool's input type, and validate again, as a value, to the same value;
/// - a rejection names at least one violation; every field path is escaped (no quotes,
///   spaces, controls or other raw characters from the input) and no message carries a
///   control character;
/// - raw text accepted under tight limits is accepted under the default limits.
pub fn check_arguments(data: &[u8]) -> Result<(), String> {
    let text = String::from_utf8_lossy(data);
    let parsed: Option<Value> = serde_json::from_str(&text).ok();
    let tight = tight_limits();
    let specs = specs();
    if specs.len() != 3 {
        return Err("the reference specs could not be built".to_owned());
    }
    for (spec, typed) in specs {
        let tool = spec.name();
        let default = spec.validate(Arguments::Raw(&text), &Limits::default());
        match &default {
            Ok(value) => check_accepted(spec, *typed, value)?,
            Err(violations) => check_violations(tool, violations)?,
        }
        match spec.validate(Arguments::Raw(&text), &tight) {
            Ok(value) => {
                if default.is_err() {
                    return Err(format!(
                        "{tool}: tight limits accepted what default refused"
                    ));
                }
                check_accepted(spec, *typed, &value)?;
            }
            Err(violations) => check_violations(tool, &violations)?,
        }
        if let Some(value) = &parsed {
            match spec.validate(Arguments::Value(value.clone()), &Limits::default()) {
                Ok(accepted) => check_accepted(spec, *typed, &accepted)?,
                Err(violations) => check_violations(tool, &violations)?,
            }
        }
    }
    Ok(())
}
