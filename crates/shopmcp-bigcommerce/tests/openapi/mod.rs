//! A small OpenAPI 3 checker over the vendored BigCommerce files (`tests/spec-data/`).
//!
//! It answers one question: could this exact request have been written from the spec? Path
//! templates are matched segment by segment (the most literal template wins), parameters are
//! collected from the path item and the operation (`$ref`s resolved, also into sibling files),
//! and bodies are walked against the request schema, where `allOf` merges and `anyOf`/`oneOf`
//! are alternatives: a value passes when one alternative accepts it.
#![allow(dead_code, unreachable_pub)]

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

/// Every vendored spec file, by its path under `tests/spec-data/`.
pub struct Specs {
    files: BTreeMap<String, Value>,
}

/// A schema and the file it lives in (for resolving its `$ref`s).
#[derive(Clone, Copy)]
struct At<'a> {
    file: &'a str,
    schema: &'a Value,
}

/// One way a schema can be satisfied, after `allOf` merging.
#[derive(Default, Clone)]
struct Alt<'a> {
    types: Option<BTreeSet<String>>,
    enumeration: Option<Vec<Value>>,
    properties: BTreeMap<String, Vec<At<'a>>>,
    items: Vec<At<'a>>,
    additional: bool,
}

impl Specs {
    /// Reads `tests/spec-data/**/*.yml` and `*.yml.gz`.
    pub fn load() -> Self {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/spec-data");
        let mut files = BTreeMap::new();
        let mut dirs = vec![root.clone()];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("spec-data") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                let name = relative(&root, &path);
                let text = if name.ends_with(".yml.gz") {
                    let mut out = String::new();
                    let raw = std::fs::read(&path).expect("read");
                    flate2::read::GzDecoder::new(raw.as_slice())
                        .read_to_string(&mut out)
                        .expect("gunzip");
                    out
                } else if name.ends_with(".yml") {
                    std::fs::read_to_string(&path).expect("read")
                } else {
                    continue;
                };
                let doc: Value = serde_yaml_ng::from_str(&text)
                    .unwrap_or_else(|e| panic!("{name} does not parse: {e}"));
                files.insert(name.trim_end_matches(".gz").to_owned(), doc);
            }
        }
        assert!(
            files.len() >= 14,
            "vendored specs missing: {:?}",
            files.keys()
        );
        Self { files }
    }

    /// Checks one request; `rest` is the path after `/stores/{hash}/` (e.g. `v2/orders/1`).
    pub fn check(
        &self,
        method: &str,
        rest: &str,
        query: Option<&str>,
        body: &[u8],
    ) -> Result<(), Vec<String>> {
        let mut problems = Vec::new();
        let (version, path) = rest
            .split_once('/')
            .ok_or_else(|| vec!["no version".to_owned()])?;
        let segments: Vec<String> = path.split('/').map(decode).collect();
        let (file, template, item) = self
            .find_path(version, &segments)
            .ok_or_else(|| vec![format!("no {version} path matches /{path}")])?;
        let op = item
            .get(method.to_ascii_lowercase())
            .ok_or_else(|| vec![format!("{template} has no {method}")])?;
        let params: Vec<&Value> = [item.get("parameters"), op.get("parameters")]
            .into_iter()
            .flatten()
            .filter_map(Value::as_array)
            .flatten()
            .map(|p| self.resolve(file, p).1)
            .collect();
        let named = |location: &str| -> BTreeMap<&str, &Value> {
            params
                .iter()
                .filter(|p| p.get("in").and_then(Value::as_str) == Some(location))
                .filter_map(|p| Some((p.get("name")?.as_str()?, *p)))
                .collect()
        };
        let query_params = named("query");
        for (key, _) in url::form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
            if !query_params.contains_key(key.as_ref()) {
                problems.push(format!(
                    "{template}: query parameter `{key}` is not in the spec"
                ));
            }
        }
        let path_params = named("path");
        for (tpl, value) in template.trim_start_matches('/').split('/').zip(&segments) {
            let Some(name) = tpl.strip_prefix('{').and_then(|t| t.strip_suffix('}')) else {
                continue;
            };
            match path_params.get(name) {
                None => problems.push(format!("{template}: path parameter `{name}` undeclared")),
                Some(p) => {
                    let ty = p.pointer("/schema/type").and_then(Value::as_str);
                    if ty == Some("integer") && value.parse::<i64>().is_err() {
                        problems.push(format!(
                            "{template}: `{name}` = {value:?} is not an integer"
                        ));
                    }
                }
            }
        }
        if !body.is_empty() {
            let json: Value = serde_json::from_slice(body).map_err(|e| vec![e.to_string()])?;
            match op.get("requestBody").map(|b| self.resolve(file, b)) {
                None => problems.push(format!("{template}: {method} takes no body")),
                Some((f, rb)) => match rb.pointer("/content/application~1json/schema") {
                    None => problems.push(format!("{template}: no JSON request schema")),
                    Some(schema) => {
                        let at = At { file: f, schema };
                        problems.extend(self.check_value(&[at], &json, "body"));
                    }
                },
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    fn find_path(&self, version: &str, segments: &[String]) -> Option<(&str, String, &Value)> {
        let mut best: Option<(usize, &str, String, &Value)> = None;
        for (name, doc) in &self.files {
            let url = doc
                .pointer("/servers/0/url")
                .and_then(Value::as_str)
                .unwrap_or("");
            if !url.ends_with(&format!("/{version}")) {
                continue;
            }
            let Some(paths) = doc.get("paths").and_then(Value::as_object) else {
                continue;
            };
            for (template, item) in paths {
                let parts: Vec<&str> = template.trim_start_matches('/').split('/').collect();
                if parts.len() != segments.len() {
                    continue;
                }
                let mut literal = 0;
                let fits = parts.iter().zip(segments).all(|(p, s)| {
                    if p.starts_with('{') && p.ends_with('}') {
                        true
                    } else {
                        literal += 1;
                        p == s
                    }
                });
                if fits && best.as_ref().is_none_or(|b| literal > b.0) {
                    best = Some((literal, name.as_str(), template.clone(), item));
                }
            }
        }
        best.map(|(_, f, t, i)| (f, t, i))
    }

    /// Follows `$ref`s (`#/…` in the same file, `other.yml#/…` in a sibling file).
    fn resolve<'a>(&'a self, file: &'a str, value: &'a Value) -> (&'a str, &'a Value) {
        let (mut file, mut value) = (file, value);
        for _ in 0..32 {
            let Some(reference) = value.get("$ref").and_then(Value::as_str) else {
                return (file, value);
            };
            let (target, pointer) = reference.split_once('#').unwrap_or((reference, ""));
            if !target.is_empty() {
                let dir = Path::new(file).parent().unwrap_or(Path::new(""));
                let joined = dir.join(target).to_string_lossy().replace('\\', "/");
                file = self
                    .files
                    .get_key_value(joined.as_str())
                    .map(|(k, _)| k.as_str())
                    .unwrap_or_else(|| {
                        panic!("$ref into a file that is not vendored: {reference}")
                    });
            }
            let doc = &self.files[file];
            value = doc
                .pointer(pointer)
                .unwrap_or_else(|| panic!("unresolved $ref {reference} in {file}"));
        }
        panic!("$ref chain too long in {file}");
    }

    /// The alternatives of a schema: `allOf` merged, `anyOf`/`oneOf` split.
    fn alternatives<'a>(&'a self, at: At<'a>, depth: usize) -> Vec<Alt<'a>> {
        assert!(depth < 40, "schema nests too deeply");
        let (file, schema) = self.resolve(at.file, at.schema);
        let Some(obj) = schema.as_object() else {
            return vec![Alt {
                additional: true,
                ..Alt::default()
            }];
        };
        let mut alts = vec![own(file, obj)];
        if let Some(all) = obj.get("allOf").and_then(Value::as_array) {
            for part in all {
                let parts = self.alternatives(At { file, schema: part }, depth + 1);
                alts = alts
                    .iter()
                    .flat_map(|a| parts.iter().map(move |p| merge(a.clone(), p.clone())))
                    .collect();
            }
        }
        for key in ["anyOf", "oneOf"] {
            if let Some(choices) = obj.get(key).and_then(Value::as_array) {
                let options: Vec<Alt<'a>> = choices
                    .iter()
                    .flat_map(|c| self.alternatives(At { file, schema: c }, depth + 1))
                    .collect();
                alts = alts
                    .iter()
                    .flat_map(|a| options.iter().map(move |o| merge(a.clone(), o.clone())))
                    .collect();
            }
        }
        alts
    }

    /// Problems of `value` against the union of `schemas` (empty: accepted).
    fn check_value(&self, schemas: &[At<'_>], value: &Value, at: &str) -> Vec<String> {
        let mut best: Option<Vec<String>> = None;
        for schema in schemas {
            for alt in self.alternatives(*schema, 0) {
                let problems = self.check_alt(&alt, value, at);
                if problems.is_empty() {
                    return problems;
                }
                if best.as_ref().is_none_or(|b| problems.len() < b.len()) {
                    best = Some(problems);
                }
            }
        }
        best.unwrap_or_default()
    }

    fn check_alt(&self, alt: &Alt<'_>, value: &Value, at: &str) -> Vec<String> {
        if let Some(types) = &alt.types
            && !types.iter().any(|t| type_accepts(t, value))
        {
            return vec![format!("{at}: {value} is not of type {types:?}")];
        }
        if let Some(allowed) = &alt.enumeration
            && !allowed.contains(value)
        {
            return vec![format!("{at}: {value} is not one of {allowed:?}")];
        }
        let mut problems = Vec::new();
        match value {
            Value::Object(map) => {
                let open = alt.additional || alt.properties.is_empty();
                for (key, v) in map {
                    let here = format!("{at}.{key}");
                    match alt.properties.get(key) {
                        Some(schemas) => problems.extend(self.check_value(schemas, v, &here)),
                        None if open => {}
                        None => problems.push(format!("{here} is not a property of the schema")),
                    }
                }
            }
            Value::Array(items) if !alt.items.is_empty() => {
                for (i, v) in items.iter().enumerate() {
                    problems.extend(self.check_value(&alt.items, v, &format!("{at}[{i}]")));
                }
            }
            _ => {}
        }
        problems
    }
}

fn own<'a>(file: &'a str, obj: &'a Map<String, Value>) -> Alt<'a> {
    let mut types: Option<BTreeSet<String>> = match obj.get("type") {
        Some(Value::String(t)) => Some([t.clone()].into()),
        Some(Value::Array(ts)) => Some(
            ts.iter()
                .filter_map(|t| t.as_str().map(str::to_owned))
                .collect(),
        ),
        _ => None,
    };
    let nullable = ["nullable", "x-nullable"]
        .iter()
        .any(|k| obj.get(*k) == Some(&Value::Bool(true)));
    if let (Some(t), true) = (types.as_mut(), nullable) {
        t.insert("null".to_owned());
    }
    let properties = obj
        .get("properties")
        .and_then(Value::as_object)
        .map(|p| {
            p.iter()
                .map(|(k, schema)| (k.clone(), vec![At { file, schema }]))
                .collect()
        })
        .unwrap_or_default();
    Alt {
        types,
        enumeration: obj.get("enum").and_then(Value::as_array).cloned(),
        properties,
        items: obj
            .get("items")
            .map(|schema| At { file, schema })
            .into_iter()
            .collect(),
        additional: matches!(
            obj.get("additionalProperties"),
            Some(Value::Bool(true) | Value::Object(_))
        ),
    }
}

fn merge<'a>(mut a: Alt<'a>, b: Alt<'a>) -> Alt<'a> {
    a.types = match (a.types, b.types) {
        (Some(x), Some(y)) => Some(x.intersection(&y).cloned().collect()),
        (x, y) => x.or(y),
    };
    a.enumeration = a.enumeration.or(b.enumeration);
    for (k, v) in b.properties {
        a.properties.entry(k).or_default().extend(v);
    }
    a.items.extend(b.items);
    a.additional |= b.additional;
    a
}

fn type_accepts(ty: &str, value: &Value) -> bool {
    match ty {
        "null" => value.is_null(),
        "boolean" => value.is_boolean(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "string" => value.is_string(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        _ => true,
    }
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .expect("under root")
        .to_string_lossy()
        .replace('\\', "/")
}

fn decode(segment: &str) -> String {
    url::form_urlencoded::parse(format!("x={}", segment.replace('+', "%2B")).as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}
