//! Walks a raw JSON Schema (as advertised to clients), following `$ref`s into `$defs`.

use serde_json::{Map, Value};

use super::{Check, Finding};

/// Deeper than any tool input; stops a recursive `$ref` from looping.
const MAX_DEPTH: usize = 32;

/// Where a property sits: its dotted path (`changes.price`, `items[].sku`), its name and its
/// schema (`$ref`s resolved).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Property<'a> {
    pub(super) path: String,
    pub(super) name: String,
    pub(super) schema: &'a Value,
}

/// Calls `on_object(path, object_schema)` for every object schema and collects every property.
pub(super) struct Walker<'a> {
    defs: Option<&'a Map<String, Value>>,
}

impl<'a> Walker<'a> {
    pub(super) fn new(root: &'a Map<String, Value>) -> Self {
        let defs = root
            .get("$defs")
            .or_else(|| root.get("definitions"))
            .and_then(Value::as_object);
        Self { defs }
    }

    /// Follows `$ref`s into `$defs`.
    pub(super) fn resolve(&self, schema: &'a Value) -> &'a Value {
        let mut s = schema;
        for _ in 0..MAX_DEPTH {
            let Some(r) = s.get("$ref").and_then(Value::as_str) else {
                return s;
            };
            let name = r
                .strip_prefix("#/$defs/")
                .or_else(|| r.strip_prefix("#/definitions/"));
            match name.and_then(|n| self.defs.and_then(|d| d.get(n))) {
                Some(target) => s = target,
                None => return s,
            }
        }
        s
    }

    /// Visits `schema` at `path` and everything below it.
    pub(super) fn walk(
        &self,
        schema: &'a Value,
        path: &str,
        depth: usize,
        on_object: &mut dyn FnMut(&str, &'a Map<String, Value>),
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        let schema = self.resolve(schema);
        let Some(obj) = schema.as_object() else {
            return;
        };
        for key in ["anyOf", "oneOf", "allOf"] {
            for variant in obj.get(key).and_then(Value::as_array).into_iter().flatten() {
                self.walk(variant, path, depth + 1, on_object);
            }
        }
        if let Some(items) = obj.get("items") {
            self.walk(items, &format!("{path}[]"), depth + 1, on_object);
        }
        if is_object_schema(obj) {
            on_object(path, obj);
            for (name, prop) in properties(obj) {
                let child = if path.is_empty() {
                    name.clone()
                } else {
                    format!("{path}.{name}")
                };
                self.walk(prop, &child, depth + 1, on_object);
            }
        }
    }

    /// Every property at any depth.
    pub(super) fn properties(&self, root: &'a Value) -> Vec<Property<'a>> {
        let mut out = Vec::new();
        self.walk(root, "", 0, &mut |path, obj| {
            for (name, schema) in properties(obj) {
                out.push(Property {
                    path: if path.is_empty() {
                        name.clone()
                    } else {
                        format!("{path}.{name}")
                    },
                    name: name.clone(),
                    schema: self.resolve(schema),
                });
            }
        });
        out
    }

    /// The string constants `schema` is restricted to (`enum`, or `anyOf`/`oneOf` of `const`s
    /// and `null`), if it is an enumeration.
    pub(super) fn enum_values(&self, schema: &'a Value) -> Option<Vec<String>> {
        let schema = self.resolve(schema);
        if let Some(values) = schema.get("enum").and_then(Value::as_array) {
            return Some(
                values
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect(),
            );
        }
        if let Some(c) = schema.get("const").and_then(Value::as_str) {
            return Some(vec![c.to_owned()]);
        }
        let variants = schema
            .get("anyOf")
            .or_else(|| schema.get("oneOf"))
            .and_then(Value::as_array)?;
        let mut out = Vec::new();
        for v in variants {
            let v = self.resolve(v);
            if v.get("type").and_then(Value::as_str) == Some("null") {
                continue;
            }
            out.extend(self.enum_values(v)?);
        }
        Some(out)
    }
}

fn is_object_schema(obj: &Map<String, Value>) -> bool {
    let typed_object = match obj.get("type") {
        Some(Value::String(t)) => t == "object",
        Some(Value::Array(ts)) => ts.iter().any(|t| t == "object"),
        _ => false,
    };
    typed_object || obj.contains_key("properties") || obj.contains_key("additionalProperties")
}

fn properties(obj: &Map<String, Value>) -> &Map<String, Value> {
    static EMPTY: std::sync::LazyLock<Map<String, Value>> = std::sync::LazyLock::new(Map::new);
    obj.get("properties")
        .and_then(Value::as_object)
        .unwrap_or(&EMPTY)
}

/// Findings for every object of `schema` that is not closed.
pub(super) fn closed_objects(tool: &str, schema: &Map<String, Value>) -> Vec<Finding> {
    let mut out = Vec::new();
    let root = Value::Object(schema.clone());
    let walker = Walker::new(schema);
    walker.walk(&root, "", 0, &mut |path, obj| {
        if obj.get("additionalProperties") != Some(&Value::Bool(false)) {
            let at = if path.is_empty() { "(root)" } else { path };
            out.push(Finding::new(
                tool,
                Check::OpenObject,
                format!("input object at `{at}` lacks `additionalProperties: false`"),
            ));
        }
    });
    out
}
