//! Input field names the model must never supply: routing fields and forbidden fields.

use serde_json::{Map, Value};
use shopmcp_core::validate::{FORBIDDEN_FIELDS, ROUTING_FIELDS};

use super::schema_walk::Walker;
use super::{Check, Finding};

/// Routing field names refused besides `shopmcp_core::validate::ROUTING_FIELDS`: the HTTP
/// method and headers, and anything that would carry a raw request or GraphQL document.
///
/// `method` and `verb` also name business filters (a discount's `code` or `automatic`
/// method), so a field of those names passes when it is an enumeration without any HTTP
/// method among its values; as free text, or with a value such as `POST`, it is refused.
/// `query` and `q` pass only as bounded search words: an identifier-class string of at most
/// [`MAX_SEARCH_CHARS`] characters, too small and too plain for a query document.
pub const EXTRA_ROUTING_FIELDS: &[&str] = &[
    "query",
    "q",
    "method",
    "http_method",
    "verb",
    "headers",
    "header",
    "base_uri",
    "api_url",
    "api_path",
    "resource_path",
    "request",
    "raw_query",
    "graphql",
    "gql",
    "document",
    "mutation",
    "query_document",
    "operation",
    "operation_name",
];

/// Folds a field name for comparison: full-width ASCII to ASCII, common Cyrillic and Greek
/// look-alikes to their Latin letters, separators and zero-width characters dropped, lower
/// case.
///
/// ```
/// use shopmcp_testkit::conformance::fold_name;
/// assert_eq!(fold_name("Base-URL"), "baseurl");
/// assert_eq!(fold_name("ｈｏｓｔ"), "host");
/// assert_eq!(fold_name("p\u{0430}th"), "path");
/// assert_eq!(fold_name("end\u{200B}point"), "endpoint");
/// ```
pub fn fold_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        let c = match u32::from(c) {
            n @ 0xFF01..=0xFF5E => char::from_u32(n - 0xFEE0).unwrap_or(c),
            _ => c,
        };
        let c = match c {
            '_' | '-' | '.' | ' ' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => continue,
            'а' | 'А' | 'α' => 'a',
            'е' | 'Е' | 'ε' => 'e',
            'о' | 'О' | 'ο' => 'o',
            'р' | 'Р' | 'ρ' => 'p',
            'с' | 'С' => 'c',
            'і' | 'І' | 'ι' => 'i',
            'х' | 'Х' => 'x',
            'у' | 'У' => 'y',
            'т' | 'Т' | 'τ' => 't',
            'н' | 'Н' => 'h',
            'м' | 'М' => 'm',
            'к' | 'К' | 'κ' => 'k',
            'ѕ' | 'Ѕ' => 's',
            other => other,
        };
        out.extend(c.to_lowercase());
    }
    out
}

/// Whether `name` is a routing field (core's list or [`EXTRA_ROUTING_FIELDS`]) in any
/// spelling [`fold_name`] folds together.
///
/// ```
/// use shopmcp_testkit::conformance::is_routing_name;
/// assert!(is_routing_name("apiVersion"));
/// assert!(is_routing_name("HTTP_METHOD"));
/// assert!(!is_routing_name("sku"));
/// ```
pub fn is_routing_name(name: &str) -> bool {
    let folded = fold_name(name);
    ROUTING_FIELDS
        .iter()
        .chain(EXTRA_ROUTING_FIELDS)
        .any(|r| fold_name(r) == folded)
}

/// HTTP methods, which an enumerated `method` field must not offer.
const HTTP_METHODS: &[&str] = &[
    "get", "head", "post", "put", "patch", "delete", "options", "trace", "connect",
];

/// Names whose enumerations are acceptable when they offer no HTTP method.
const METHOD_NAMES: &[&str] = &["method", "verb"];

/// Names acceptable as bounded search words.
const SEARCH_NAMES: &[&str] = &["query", "q"];

/// The longest `query` search string that is not treated as a query document.
pub const MAX_SEARCH_CHARS: u64 = 500;

/// Whether the property `name` with schema `schema` is a routing field.
fn is_routing_field(walker: &Walker<'_>, name: &str, schema: &Value) -> bool {
    if !is_routing_name(name) {
        return false;
    }
    let folded = fold_name(name);
    let named = |list: &[&str]| list.iter().any(|m| fold_name(m) == folded);
    if named(METHOD_NAMES) {
        return match walker.enum_values(schema) {
            Some(values) => values
                .iter()
                .any(|v| HTTP_METHODS.contains(&v.to_ascii_lowercase().as_str())),
            None => true,
        };
    }
    if named(SEARCH_NAMES) {
        return !is_search_words(walker, schema);
    }
    true
}

/// Whether `schema` is a string (or a string or null) of identifier class and at most
/// [`MAX_SEARCH_CHARS`] characters.
fn is_search_words(walker: &Walker<'_>, schema: &Value) -> bool {
    let schema = walker.resolve(schema);
    if let Some(variants) = schema
        .get("anyOf")
        .or_else(|| schema.get("oneOf"))
        .and_then(Value::as_array)
    {
        let non_null: Vec<&Value> = variants
            .iter()
            .filter(|v| walker.resolve(v).get("type").and_then(Value::as_str) != Some("null"))
            .collect();
        return matches!(non_null.as_slice(), [only] if is_search_words(walker, only));
    }
    let is_string = match schema.get("type") {
        Some(Value::String(t)) => t == "string",
        Some(Value::Array(ts)) => ts.iter().all(|t| t == "string" || t == "null"),
        _ => false,
    };
    let bounded = schema
        .get("maxLength")
        .and_then(Value::as_u64)
        .is_some_and(|n| n <= MAX_SEARCH_CHARS);
    let free_text = schema
        .get(shopmcp_core::validate::schema::FREE_TEXT_KEYWORD)
        .is_some();
    is_string && bounded && !free_text
}

fn is_forbidden_name(name: &str) -> bool {
    let folded = fold_name(name);
    FORBIDDEN_FIELDS.iter().any(|f| fold_name(f) == folded)
}

/// Findings for every routing or forbidden property of `schema`, at any depth.
pub(super) fn check(tool: &str, schema: &Map<String, Value>) -> Vec<Finding> {
    let root = Value::Object(schema.clone());
    let mut out = Vec::new();
    let walker = Walker::new(schema);
    for prop in walker.properties(&root) {
        if is_routing_field(&walker, &prop.name, prop.schema) {
            out.push(Finding::new(
                tool,
                Check::RoutingField,
                format!(
                    "input field `{}` would let the model choose where or how the request goes",
                    prop.path
                ),
            ));
        }
        if is_forbidden_name(&prop.name) {
            out.push(Finding::new(
                tool,
                Check::ForbiddenField,
                format!("input field `{}` is on the forbidden list", prop.path),
            ));
        }
    }
    out
}
