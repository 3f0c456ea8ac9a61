//! A compiled subset of JSON Schema: what typed tool inputs and outputs use.
//!
//! Schemas come from `schemars` and are compiled once, when a [`ToolSpec`](crate::ToolSpec)
//! is built. Anything outside the subset (`allOf`, `patternProperties`, open objects,
//! `anyOf` other than "X or null" or a list of constants, recursive types) is refused then,
//! so the validator and the advertised schema can never disagree silently.

use serde_json::{Map, Value};

/// The schema keyword that marks a string field as free text (tabs and newlines allowed,
/// bidi marks and zero-width characters allowed). Every other string is an identifier-class
/// string. Use it with schemars: `#[schemars(extend("x-shopmcp-text" = "free"))]`.
pub const FREE_TEXT_KEYWORD: &str = "x-shopmcp-text";

/// How strictly a string's characters are checked.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum TextClass {
    /// No control characters, no DEL, no bidi controls, no zero-width characters.
    Identifier,
    /// Tab, newline and carriage return allowed; other controls and DEL refused.
    FreeText,
}

/// Known string formats checked by the validator.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum StringFormat {
    /// A decimal amount: optional `-`, up to 15 integer digits, up to 6 decimals.
    Decimal,
    /// An RFC 3339 date-time (`2026-11-21T10:00:00Z`).
    DateTime,
    /// A calendar date (`2026-11-21`).
    Date,
    /// A UUID.
    Uuid,
}

/// One compiled schema node.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// Any JSON value (only allowed in output schemas).
    Any,
    /// `null`.
    Null,
    /// `true` / `false`.
    Boolean,
    /// An integer within a range.
    Integer {
        /// Inclusive minimum.
        min: Option<f64>,
        /// Inclusive maximum.
        max: Option<f64>,
    },
    /// A number within a range.
    Number {
        /// Inclusive minimum.
        min: Option<f64>,
        /// Inclusive maximum.
        max: Option<f64>,
    },
    /// A string.
    String {
        /// Minimum characters.
        min_chars: Option<usize>,
        /// Maximum characters.
        max_chars: Option<usize>,
        /// Allowed values (`enum` / `const`), if restricted.
        allowed: Option<Vec<String>>,
        /// Character class.
        class: TextClass,
        /// Checked format.
        format: Option<StringFormat>,
    },
    /// An array.
    Array {
        /// Item schema.
        items: Box<Node>,
        /// Minimum items.
        min_items: Option<usize>,
        /// Maximum items.
        max_items: Option<usize>,
    },
    /// A closed object (`additionalProperties: false`).
    Object {
        /// Properties, sorted by name.
        properties: Vec<(String, Node)>,
        /// Required property names.
        required: Vec<String>,
        /// Whether unknown properties are allowed (output schemas only).
        open: bool,
    },
    /// `X` or `null`.
    Nullable(Box<Node>),
}

impl Node {
    /// The property schema `name` of an object node.
    pub fn property(&self, name: &str) -> Option<&Node> {
        match self {
            Node::Object { properties, .. } => properties
                .binary_search_by(|(k, _)| k.as_str().cmp(name))
                .ok()
                .and_then(|i| properties.get(i))
                .map(|(_, n)| n),
            Node::Nullable(inner) => inner.property(name),
            _ => None,
        }
    }

    /// Property names of an object node.
    pub fn property_names(&self) -> Vec<&str> {
        match self {
            Node::Object { properties, .. } => properties.iter().map(|(k, _)| k.as_str()).collect(),
            Node::Nullable(inner) => inner.property_names(),
            _ => Vec::new(),
        }
    }

    /// Calls `f` on this node and every node below it, with its path.
    pub fn walk<'a>(&'a self, path: &str, f: &mut dyn FnMut(&str, &'a Node)) {
        f(path, self);
        match self {
            Node::Object { properties, .. } => {
                for (k, n) in properties {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    n.walk(&p, f);
                }
            }
            Node::Array { items, .. } => items.walk(&format!("{path}[]"), f),
            Node::Nullable(inner) => inner.walk(path, f),
            _ => {}
        }
    }
}

/// Why a schema could not be compiled.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("schema at `{path}`: {message}")]
pub struct SchemaError {
    /// Where.
    pub path: String,
    /// What.
    pub message: String,
}

/// Whether open objects and untyped values are acceptable (outputs) or not (inputs).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Strictness {
    /// Input schemas: closed objects only, every value typed.
    Input,
    /// Output schemas: open objects and untyped values allowed.
    Output,
}

const MAX_SCHEMA_DEPTH: usize = 24;

/// Compiles a root schema (with `$defs`) into a [`Node`].
pub fn compile(root: &Value, strictness: Strictness) -> Result<Node, SchemaError> {
    let defs = root
        .get("$defs")
        .or_else(|| root.get("definitions"))
        .and_then(Value::as_object);
    Compiler { defs, strictness }.node(root, "", 0)
}

struct Compiler<'a> {
    defs: Option<&'a Map<String, Value>>,
    strictness: Strictness,
}

fn err(path: &str, message: impl Into<String>) -> SchemaError {
    SchemaError {
        path: if path.is_empty() {
            "(root)".into()
        } else {
            path.into()
        },
        message: message.into(),
    }
}

fn as_usize(v: Option<&Value>) -> Option<usize> {
    v.and_then(Value::as_u64)
        .map(|n| usize::try_from(n).unwrap_or(usize::MAX))
}

impl Compiler<'_> {
    fn node(&self, schema: &Value, path: &str, depth: usize) -> Result<Node, SchemaError> {
        if depth > MAX_SCHEMA_DEPTH {
            return Err(err(path, "schema nests too deeply (recursive type?)"));
        }
        let obj = match schema {
            Value::Bool(true) if self.strictness == Strictness::Output => return Ok(Node::Any),
            Value::Object(o) => o,
            _ => return Err(err(path, "expected a schema object")),
        };
        for banned in [
            "allOf",
            "patternProperties",
            "not",
            "if",
            "dependentSchemas",
        ] {
            if obj.contains_key(banned) {
                return Err(err(path, format!("`{banned}` is not supported")));
            }
        }
        if let Some(r) = obj.get("$ref").and_then(Value::as_str) {
            let name = r
                .strip_prefix("#/$defs/")
                .or_else(|| r.strip_prefix("#/definitions/"))
                .ok_or_else(|| err(path, format!("unsupported $ref {r}")))?;
            let target = self
                .defs
                .and_then(|d| d.get(name))
                .ok_or_else(|| err(path, format!("unresolved $ref {r}")))?;
            return self.node(target, path, depth + 1);
        }
        if let Some(variants) = obj.get("anyOf").or_else(|| obj.get("oneOf")) {
            return self.union(variants, path, depth);
        }
        if let Some(c) = obj.get("const") {
            return match c {
                Value::String(s) => Ok(self.string(obj, Some(vec![s.clone()]))),
                _ => Err(err(path, "only string constants are supported")),
            };
        }
        let types: Vec<&str> = match obj.get("type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
            None if self.strictness == Strictness::Output => return Ok(Node::Any),
            None if obj.contains_key("enum") => vec!["string"],
            None => return Err(err(path, "every input value needs a `type`")),
            Some(_) => return Err(err(path, "bad `type`")),
        };
        let non_null: Vec<&str> = types.iter().copied().filter(|t| *t != "null").collect();
        let nullable = non_null.len() < types.len();
        let inner = match non_null.as_slice() {
            [] => Node::Null,
            [t] => self.typed(t, obj, path, depth)?,
            [a, b]
                if (*a == "integer" && *b == "number") || (*a == "number" && *b == "integer") =>
            {
                self.typed("number", obj, path, depth)?
            }
            _ => return Err(err(path, "multi-type values are not supported")),
        };
        Ok(if nullable && inner != Node::Null {
            Node::Nullable(Box::new(inner))
        } else {
            inner
        })
    }

    fn union(&self, variants: &Value, path: &str, depth: usize) -> Result<Node, SchemaError> {
        let vs = variants
            .as_array()
            .ok_or_else(|| err(path, "anyOf/oneOf must be an array"))?;
        let is_null = |v: &Value| v.get("type").and_then(Value::as_str) == Some("null");
        let non_null: Vec<&Value> = vs.iter().filter(|v| !is_null(v)).collect();
        if let [only] = non_null.as_slice() {
            let inner = self.node(only, path, depth + 1)?;
            return Ok(if non_null.len() < vs.len() {
                Node::Nullable(Box::new(inner))
            } else {
                inner
            });
        }
        // A list of string constants (a unit enum with documented variants).
        let mut allowed = Vec::new();
        for v in &non_null {
            match self.node(v, path, depth + 1)? {
                Node::String {
                    allowed: Some(a), ..
                } => allowed.extend(a),
                _ if self.strictness == Strictness::Output => return Ok(Node::Any),
                _ => {
                    return Err(err(
                        path,
                        "anyOf/oneOf must be `X or null` or string constants",
                    ));
                }
            }
        }
        let node = Node::String {
            min_chars: None,
            max_chars: None,
            allowed: Some(allowed),
            class: TextClass::Identifier,
            format: None,
        };
        Ok(if non_null.len() < vs.len() {
            Node::Nullable(Box::new(node))
        } else {
            node
        })
    }

    fn typed(
        &self,
        t: &str,
        obj: &Map<String, Value>,
        path: &str,
        depth: usize,
    ) -> Result<Node, SchemaError> {
        Ok(match t {
            "boolean" => Node::Boolean,
            "integer" => {
                let (fmin, fmax) = int_format_range(obj.get("format").and_then(Value::as_str));
                Node::Integer {
                    min: max_opt(obj.get("minimum").and_then(Value::as_f64), fmin),
                    max: min_opt(obj.get("maximum").and_then(Value::as_f64), fmax),
                }
            }
            "number" => Node::Number {
                min: obj.get("minimum").and_then(Value::as_f64),
                max: obj.get("maximum").and_then(Value::as_f64),
            },
            "string" => {
                let allowed = match obj.get("enum") {
                    Some(Value::Array(vals)) => Some(
                        vals.iter()
                            .filter_map(|v| v.as_str().map(str::to_owned))
                            .collect::<Vec<_>>(),
                    ),
                    _ => None,
                };
                self.string(obj, allowed)
            }
            "array" => {
                let items = match obj.get("items") {
                    Some(items) => self.node(items, &format!("{path}[]"), depth + 1)?,
                    None if self.strictness == Strictness::Output => Node::Any,
                    None => return Err(err(path, "arrays need `items`")),
                };
                Node::Array {
                    items: Box::new(items),
                    min_items: as_usize(obj.get("minItems")),
                    max_items: as_usize(obj.get("maxItems")),
                }
            }
            "object" => self.object(obj, path, depth)?,
            other => return Err(err(path, format!("unsupported type `{other}`"))),
        })
    }

    fn string(&self, obj: &Map<String, Value>, allowed: Option<Vec<String>>) -> Node {
        let class = match obj.get(FREE_TEXT_KEYWORD).and_then(Value::as_str) {
            Some("free") => TextClass::FreeText,
            _ => TextClass::Identifier,
        };
        let format = match obj.get("format").and_then(Value::as_str) {
            Some("decimal") => Some(StringFormat::Decimal),
            Some("date-time") => Some(StringFormat::DateTime),
            Some("date") => Some(StringFormat::Date),
            Some("uuid") => Some(StringFormat::Uuid),
            _ => None,
        };
        Node::String {
            min_chars: as_usize(obj.get("minLength")),
            max_chars: as_usize(obj.get("maxLength")),
            allowed,
            class,
            format,
        }
    }

    fn object(
        &self,
        obj: &Map<String, Value>,
        path: &str,
        depth: usize,
    ) -> Result<Node, SchemaError> {
        let open = match obj.get("additionalProperties") {
            Some(Value::Bool(false)) => false,
            _ if self.strictness == Strictness::Output => true,
            _ => {
                return Err(err(
                    path,
                    "input objects need `additionalProperties: false`",
                ));
            }
        };
        let mut properties = Vec::new();
        if let Some(props) = obj.get("properties").and_then(Value::as_object) {
            for (k, v) in props {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                properties.push((k.clone(), self.node(v, &p, depth + 1)?));
            }
        }
        properties.sort_by(|a, b| a.0.cmp(&b.0));
        let required = obj
            .get("required")
            .and_then(Value::as_array)
            .map(|r| {
                r.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        Ok(Node::Object {
            properties,
            required,
            open,
        })
    }
}

fn int_format_range(format: Option<&str>) -> (Option<f64>, Option<f64>) {
    match format {
        Some("uint8") => (Some(0.0), Some(f64::from(u8::MAX))),
        Some("uint16") => (Some(0.0), Some(f64::from(u16::MAX))),
        Some("uint32") => (Some(0.0), Some(f64::from(u32::MAX))),
        Some("uint64" | "uint") => (Some(0.0), Some(u64::MAX as f64)),
        Some("int8") => (Some(f64::from(i8::MIN)), Some(f64::from(i8::MAX))),
        Some("int16") => (Some(f64::from(i16::MIN)), Some(f64::from(i16::MAX))),
        Some("int32") => (Some(f64::from(i32::MIN)), Some(f64::from(i32::MAX))),
        Some("int64" | "int") => (Some(i64::MIN as f64), Some(i64::MAX as f64)),
        _ => (None, None),
    }
}

fn max_opt(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, y) => x.or(y),
    }
}

fn min_opt(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    }
}
