//! GraphQL documents and response envelopes.
//!
//! Every request the crate sends is one [`Document`]: a named operation in a `const &str`
//! that takes all its inputs as variables. Nothing is ever spliced into a document.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use shopmcp_core::{ErrorKind, ToolError};
use shopmcp_http::throttle::shopify::QueryCost;

use crate::error::{ShopifyError, UserError, check_user_errors};

/// The API a document is sent to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Api {
    /// The Admin GraphQL API (`/admin/api/{version}/graphql.json`).
    Admin,
    /// The Storefront GraphQL API (`/api/{version}/graphql.json`).
    Storefront,
}

/// Whether a document reads or writes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum OperationKind {
    /// A query: sent as a read (retried after throttling and 5xx, within the deadline).
    Query,
    /// A mutation: sent as a write (never retried).
    Mutation,
}

/// One GraphQL operation the crate can send.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Document {
    /// The operation name (sent as `operationName`).
    pub name: &'static str,
    /// The API it targets.
    pub api: Api,
    /// Query or mutation.
    pub kind: OperationKind,
    /// The document text.
    pub text: &'static str,
}

impl Document {
    /// An Admin API query.
    pub(crate) const fn admin_query(name: &'static str, text: &'static str) -> Self {
        Self {
            name,
            api: Api::Admin,
            kind: OperationKind::Query,
            text,
        }
    }

    /// An Admin API mutation.
    pub(crate) const fn admin_mutation(name: &'static str, text: &'static str) -> Self {
        Self {
            name,
            api: Api::Admin,
            kind: OperationKind::Mutation,
            text,
        }
    }

    /// A Storefront API query.
    pub(crate) const fn storefront_query(name: &'static str, text: &'static str) -> Self {
        Self {
            name,
            api: Api::Storefront,
            kind: OperationKind::Query,
            text,
        }
    }

    /// A Storefront API mutation.
    pub(crate) const fn storefront_mutation(name: &'static str, text: &'static str) -> Self {
        Self {
            name,
            api: Api::Storefront,
            kind: OperationKind::Mutation,
            text,
        }
    }
}

/// One entry of a mutation's `userErrors` (any of Shopify's user-error types).
#[derive(Debug, Deserialize)]
pub(crate) struct WireUserError {
    #[serde(default)]
    field: Option<Vec<String>>,
    message: String,
}

/// `Ok` when a mutation reported no `userErrors`; else an error listing them.
pub(crate) fn user_errors(errors: Vec<WireUserError>) -> Result<(), ToolError> {
    check_user_errors(
        errors
            .into_iter()
            .map(|e| UserError {
                field: e.field.unwrap_or_default(),
                message: e.message,
            })
            .collect(),
    )
}

/// A GraphQL response: `data`, `errors`, `extensions`.
#[derive(Deserialize)]
pub(crate) struct Envelope {
    #[serde(default)]
    data: Option<Value>,
    // An array of error objects; some 4xx answers carry a bare string instead.
    #[serde(default)]
    errors: Option<Value>,
    #[serde(default)]
    extensions: Option<Extensions>,
}

#[derive(Deserialize, Default)]
struct GraphqlError {
    #[serde(default)]
    extensions: Option<ErrorExtensions>,
}

#[derive(Deserialize)]
struct ErrorExtensions {
    #[serde(default)]
    code: Option<String>,
}

#[derive(Deserialize)]
struct Extensions {
    // Kept loose: a cost block that does not parse must not fail the answer.
    #[serde(default)]
    cost: Option<Value>,
}

fn code_of(e: &GraphqlError) -> String {
    let code = e
        .extensions
        .as_ref()
        .and_then(|x| x.code.as_deref())
        .unwrap_or("UNKNOWN");
    // Codes are Shopify's machine names (`ACCESS_DENIED`); anything else is store text and
    // never reaches a message.
    let is_code = !code.is_empty()
        && code.len() <= 40
        && code.starts_with(|c: char| c.is_ascii_uppercase())
        && code
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    if is_code {
        code.to_owned()
    } else {
        "UNKNOWN".into()
    }
}

/// A deserialisation error for operator logs, without the values it quotes: serde repeats the
/// offending upstream value (`invalid type: string "…"`, ``unknown variant `…` ``), which may
/// be customer data. Only the field names of ``missing field `…` `` and
/// ``duplicate field `…` `` (the document's own names) are kept.
fn redacted(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let keep_names = text.starts_with("missing field") || text.starts_with("duplicate field");
    let mut out = String::with_capacity(text.len());
    let mut open: Option<char> = None;
    let mut escaped = false;
    for c in text.chars() {
        match open {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' && q == '"' {
                    escaped = true;
                } else if c == q {
                    open = None;
                    out.push(c);
                } else if q == '`' && keep_names {
                    out.push(c);
                }
            }
            None => {
                out.push(c);
                if c == '"' || c == '`' {
                    open = Some(c);
                    if !(c == '`' && keep_names) {
                        out.push('…');
                    }
                }
            }
        }
    }
    out
}

impl Envelope {
    /// The query cost Shopify reported, if any.
    pub(crate) fn cost(&self) -> Option<QueryCost> {
        let cost = self.extensions.as_ref()?.cost.as_ref()?;
        QueryCost::deserialize(cost).ok()
    }

    /// The typed `data`, or the error the envelope carries.
    ///
    /// Any `errors` entry fails the call (no partial answers): `ACCESS_DENIED` becomes
    /// [`ErrorKind::MissingScope`], `THROTTLED` [`ErrorKind::UpstreamThrottled`],
    /// `MAX_COST_EXCEEDED` an actionable rejection, everything else a rejection naming the
    /// codes.
    pub(crate) fn into_data<T: DeserializeOwned>(self) -> Result<T, ToolError> {
        let errors: Vec<GraphqlError> = match self.errors {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items
                .into_iter()
                .map(|v| GraphqlError::deserialize(v).unwrap_or_default())
                .collect(),
            Some(_) => vec![GraphqlError::default()],
        };
        if !errors.is_empty() {
            let codes: Vec<String> = errors.iter().map(code_of).collect();
            let mut unique = codes.clone();
            unique.sort();
            unique.dedup();
            let joined = unique.join(", ");
            if codes.iter().any(|c| c == "ACCESS_DENIED") {
                return Err(ShopifyError::AccessDenied { codes: joined }.into());
            }
            if codes.iter().any(|c| c == "THROTTLED") {
                return Err(ToolError::new(
                    ErrorKind::UpstreamThrottled,
                    "Shopify is rate limiting requests (query cost); try again later",
                ));
            }
            return Err(ShopifyError::Graphql {
                cost_exceeded: codes.iter().any(|c| c == "MAX_COST_EXCEEDED"),
                internal: codes.iter().any(|c| c == "INTERNAL_SERVER_ERROR"),
                codes: joined,
            }
            .into());
        }
        let data = self
            .data
            .filter(|d| !d.is_null())
            .ok_or(ShopifyError::Malformed("no data"))?;
        T::deserialize(data).map_err(|e| {
            ToolError::from(ShopifyError::Malformed("unexpected data shape")).with_detail(format!(
                "GraphQL data did not match the document: {}",
                redacted(&e)
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn env(v: Value) -> Envelope {
        serde_json::from_value(v).unwrap()
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Shop {
        name: String,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Data {
        shop: Shop,
    }

    #[test]
    fn data_is_typed() {
        let e = env(
            json!({"data": {"shop": {"name": "Acme"}}, "extensions": {"cost": {
            "requestedQueryCost": 1, "actualQueryCost": 1, "throttleStatus": {
            "maximumAvailable": 2000.0, "currentlyAvailable": 1999, "restoreRate": 100.0}}}}),
        );
        assert_eq!(e.cost().unwrap().requested_query_cost, 1.0);
        let d: Data = e.into_data().unwrap();
        assert_eq!(d.shop.name, "Acme");
    }

    #[test]
    fn errors_win_over_partial_data() {
        let e = env(json!({"data": {"shop": null}, "errors": [
            {"message": "Access denied for shop field.", "extensions": {"code": "ACCESS_DENIED"}}]}));
        let err = e.into_data::<Data>().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::MissingScope);
        assert!(!err.model_message().contains("Access denied for shop"));
        let e =
            env(json!({"errors": [{"message": "x", "extensions": {"code": "MAX_COST_EXCEEDED"}}]}));
        assert!(
            e.into_data::<Data>()
                .unwrap_err()
                .model_message()
                .contains("smaller page")
        );
        let e = env(json!({"errors": [{"message": "x"}]}));
        let err = e.into_data::<Data>().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::UpstreamRejected);
        assert!(err.model_message().contains("UNKNOWN"));
        let e = env(json!({"errors": [{"message": "x", "extensions": {"code": "THROTTLED"}}]}));
        assert_eq!(
            e.into_data::<Data>().unwrap_err().kind(),
            ErrorKind::UpstreamThrottled
        );
        let e = env(json!({"errors": "[API] Invalid API key or access token"}));
        assert_eq!(
            e.into_data::<Data>().unwrap_err().kind(),
            ErrorKind::UpstreamRejected
        );
        // Only machine names pass; store text in the code field never reaches the message.
        for code in [
            "BAD<script>",
            "lowercase_text",
            "X".repeat(41).as_str(),
            "_LEADING",
        ] {
            let e = env(json!({"errors": [{"message": "x", "extensions": {"code": code}}]}));
            let message = e.into_data::<Data>().unwrap_err().model_message();
            assert!(
                message.contains("UNKNOWN") && !message.contains(code),
                "{message}"
            );
        }
    }

    #[test]
    fn misshapen_data_is_logged_without_its_values() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Typed {
            kind: Kind,
            count: u64,
        }
        #[derive(Debug, Deserialize)]
        enum Kind {
            A,
        }
        for v in [
            json!({"data": {"shop": "customer@example.com"}}),
            json!({"data": {"shop": {"name": 42, "x": "customer@example.com"}}}),
            json!({"data": {"kind": "customer@example.com", "count": 1}}),
            json!({"data": {"kind": "A", "count": "customer \"@example.com"}}),
            json!({"data": {"kind": "A", "count": -987_654_321_i64}}),
        ] {
            for err in [
                env(v.clone()).into_data::<Data>().unwrap_err(),
                env(v.clone()).into_data::<Typed>().unwrap_err(),
            ] {
                let log = err.log_detail();
                assert!(!log.contains("customer"), "{log}");
                assert!(!log.contains("987654321"), "{log}");
                assert!(log.contains("did not match the document"), "{log}");
            }
        }
        let err = env(json!({"data": {"kind": "A"}}))
            .into_data::<Typed>()
            .unwrap_err();
        assert!(
            err.log_detail().contains("missing field `count`"),
            "{}",
            err.log_detail()
        );
    }

    #[test]
    fn missing_or_misshapen_data_is_malformed() {
        for v in [
            json!({}),
            json!({"data": null}),
            json!({"data": {"shop": 1}}),
        ] {
            let err = env(v).into_data::<Data>().unwrap_err();
            assert_eq!(err.kind(), ErrorKind::UpstreamUnavailable);
        }
    }
}
