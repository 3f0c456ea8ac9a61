//! Every request the crate sends exists in Adobe's Swagger: path template and method, query
//! parameter names, and every body field as a property of the operation's request schema
//! (`$ref`s resolved, types checked, required properties present). Admin tools are checked
//! against the 2.4.9 admin schema; guest cart tools against the guest (anonymous) schema, and
//! must send no credential.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::BTreeSet;
use std::io::Read;
use std::sync::Arc;

use flate2::read::GzDecoder;
use serde_json::{Map, Value};
use shopmcp_magento::{ToolOptions, tools};
use shopmcp_testkit::RecordedRequest;

use common::{Harness, ok, scenarios};

/// Request schemas the crate sends partially on purpose.
///
/// The Swagger marks 23 stock item fields required because the PHP getters are not nullable;
/// Magento merges a partial `stock_item` into the existing one (a product update changes only
/// `qty` and `is_in_stock`).
const PARTIAL_OK: [&str; 1] = ["catalog-inventory-data-stock-item-interface"];

fn load(name: &str) -> Value {
    let path = format!("{}/tests/spec-data/{name}", env!("CARGO_MANIFEST_DIR"));
    let mut yaml = String::new();
    GzDecoder::new(std::fs::File::open(path).unwrap())
        .read_to_string(&mut yaml)
        .unwrap();
    let doc: serde_yaml_ng::Value = serde_yaml_ng::from_str(&yaml).unwrap();
    serde_json::to_value(doc).unwrap()
}

struct Spec {
    doc: Value,
}

impl Spec {
    fn definition<'a>(&'a self, schema: &'a Value) -> (&'a Value, Option<&'a str>) {
        match schema.get("$ref").and_then(Value::as_str) {
            Some(r) => {
                let name = r.strip_prefix("#/definitions/").unwrap();
                (&self.doc["definitions"][name], Some(name))
            }
            None => (schema, None),
        }
    }

    /// The operation for `method` on a `/V1/...` path, matching `{param}` to one segment.
    fn operation(&self, method: &str, path: &str) -> Option<(&str, &Value)> {
        let segments: Vec<&str> = path.split('/').collect();
        self.doc["paths"]
            .as_object()
            .unwrap()
            .iter()
            .find_map(|(template, item)| {
                let parts: Vec<&str> = template.split('/').collect();
                let matches = parts.len() == segments.len()
                    && parts.iter().zip(&segments).all(|(t, s)| {
                        (t.starts_with('{') && t.ends_with('}') && !s.is_empty()) || t == s
                    });
                let op = item.get(method.to_ascii_lowercase())?;
                matches.then_some((template.as_str(), op))
            })
    }

    /// Checks `value` against `schema`, collecting problems with their JSON path.
    fn check(&self, schema: &Value, value: &Value, at: &str, problems: &mut Vec<String>) {
        let (schema, name) = self.definition(schema);
        let ty = schema
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or("object");
        match (ty, value) {
            ("object", Value::Object(map)) => self.check_object(schema, name, map, at, problems),
            ("array", Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    self.check(&schema["items"], item, &format!("{at}[{i}]"), problems);
                }
            }
            ("integer", Value::Number(n)) if n.is_i64() || n.is_u64() => {}
            ("number", Value::Number(_))
            | ("string", Value::String(_))
            | ("boolean", Value::Bool(_)) => {}
            _ => problems.push(format!("{at}: {value} is not of type {ty}")),
        }
    }

    fn check_object(
        &self,
        schema: &Value,
        name: Option<&str>,
        map: &Map<String, Value>,
        at: &str,
        problems: &mut Vec<String>,
    ) {
        let props = schema["properties"].as_object();
        for (key, v) in map {
            match props.and_then(|p| p.get(key)) {
                Some(prop) => self.check(prop, v, &format!("{at}.{key}"), problems),
                None => problems.push(format!("{at}.{key} is not a property of {name:?}")),
            }
        }
        if name.is_some_and(|n| PARTIAL_OK.contains(&n)) {
            return;
        }
        for required in schema["required"].as_array().into_iter().flatten() {
            let required = required.as_str().unwrap();
            if !map.contains_key(required) {
                problems.push(format!("{at}.{required} is required by {name:?}"));
            }
        }
    }
}

/// Square-bracket indexes become 0, as in the Swagger's parameter names.
fn normalise_key(key: &str) -> String {
    let mut out = String::new();
    for part in key.split_inclusive(']') {
        match part.strip_suffix(']').and_then(|p| p.rsplit_once('[')) {
            Some((head, idx)) if idx.bytes().all(|b| b.is_ascii_digit()) => {
                out.push_str(head);
                out.push_str("[0]");
            }
            _ => out.push_str(part),
        }
    }
    out
}

fn check_request(spec: &Spec, tool: &str, req: &RecordedRequest) -> Vec<String> {
    let mut problems = Vec::new();
    let path = req
        .path
        .strip_prefix("/rest/default")
        .expect("store prefix");
    let Some((template, op)) = spec.operation(&req.method, path) else {
        return vec![format!(
            "{tool}: {} {path} is not in the Swagger",
            req.method
        )];
    };
    let params = op["parameters"].as_array().cloned().unwrap_or_default();
    let query_names: BTreeSet<&str> = params
        .iter()
        .filter(|p| p["in"] == "query")
        .filter_map(|p| p["name"].as_str())
        .collect();
    for (key, _) in common::query(req) {
        if !query_names.contains(normalise_key(&key).as_str()) {
            problems.push(format!(
                "{tool}: query `{key}` is not a parameter of {template}"
            ));
        }
    }
    let body_schema = params
        .iter()
        .find(|p| p["in"] == "body")
        .map(|p| &p["schema"]);
    match (req.json(), body_schema) {
        (Some(body), Some(schema)) => spec.check(schema, &body, tool, &mut problems),
        (Some(_), None) => problems.push(format!("{tool}: {template} takes no body")),
        (None, Some(schema)) if schema["required"].as_array().is_some_and(|r| !r.is_empty()) => {
            problems.push(format!("{tool}: {template} needs a body"));
        }
        (None, _) => {}
    }
    problems
}

#[tokio::test]
async fn every_request_exists_in_the_swagger() {
    let admin = Spec {
        doc: load("admin-schema-2.4.9.yaml.gz"),
    };
    let guest = Spec {
        doc: load("guest-schema-2.4.8.yaml.gz"),
    };
    let h = Harness::with(common::Options {
        customer_pii: true,
        ..Default::default()
    })
    .await;
    let mut problems = Vec::new();
    let mut covered = BTreeSet::new();
    for scenario in scenarios::all() {
        for (method, path, body) in &scenario.answers {
            h.fake.push(method, path, ok(body));
        }
        let before = h.fake.request_count();
        let out = h.call(scenario.tool, scenario.args.clone()).await;
        assert!(
            out.is_ok(),
            "{}: {:?}",
            scenario.tool,
            out.unwrap_err().log_detail()
        );
        let requests = h.fake.requests().split_off(before);
        assert_eq!(requests.len(), scenario.answers.len(), "{}", scenario.tool);
        let is_guest = scenario.tool.starts_with("magento_guest_");
        for req in &requests {
            if is_guest {
                assert_eq!(req.header("authorization"), None, "{}", scenario.tool);
                problems.extend(check_request(&guest, scenario.tool, req));
            } else {
                common::oauth_check::assert_signed(req, h.port());
            }
            // Guest routes are admin-schema routes too (the admin schema lists every route).
            problems.extend(check_request(&admin, scenario.tool, req));
        }
        covered.insert(scenario.tool);
    }
    assert!(problems.is_empty(), "{problems:#?}");
    let all: BTreeSet<String> = tools(&h.client, &ToolOptions::default())
        .iter()
        .map(|t| t.spec().name().to_owned())
        .collect();
    let covered: BTreeSet<String> = covered.into_iter().map(str::to_owned).collect();
    assert_eq!(all, covered, "every tool needs a scenario");
}

#[test]
fn the_checker_catches_what_it_should() {
    let admin = Spec {
        doc: load("admin-schema-2.4.9.yaml.gz"),
    };
    assert!(admin.operation("PUT", "/V1/products/x").is_some());
    assert!(admin.operation("PATCH", "/V1/products/x").is_none());
    assert!(admin.operation("GET", "/V1/customers/1/password").is_none());
    let schema = &admin.operation("PUT", "/V1/products/x").unwrap().1["parameters"][1]["schema"];
    let mut problems = Vec::new();
    let body = serde_json::json!({"product": {"sku": "x", "price": "1", "passwordHash": "h", "custom_attributes": [{"attribute_code": "a"}]}});
    admin.check(schema, &body, "body", &mut problems);
    assert_eq!(problems.len(), 3, "{problems:#?}");
    assert_eq!(
        normalise_key("searchCriteria[filterGroups][3][filters][0][value]"),
        "searchCriteria[filterGroups][0][filters][0][value]"
    );
}

#[test]
fn readme_lists_every_tool_with_its_acl_resources() {
    let readme =
        std::fs::read_to_string(format!("{}/README.md", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let client = Arc::new(shopmcp_magento::MagentoClient::new(
        shopmcp_http::HttpClient::builder().build().unwrap(),
        shopmcp_magento::MagentoConfig::new(
            shopmcp_http::BaseUrl::parse("https://shop.example.com").unwrap(),
            shopmcp_magento::StoreCode::default_store(),
        ),
    ));
    for tool in tools(&client, &ToolOptions::default()) {
        let spec = tool.spec();
        let row = readme
            .lines()
            .find(|l| l.starts_with(&format!("| `{}`", spec.name())))
            .unwrap_or_else(|| panic!("README has no row for {}", spec.name()));
        for scope in spec.scopes() {
            assert!(row.contains(scope.as_str()), "{}: {scope}", spec.name());
        }
    }
}
