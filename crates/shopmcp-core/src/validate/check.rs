//! Walks parsed arguments against a compiled schema, collecting every violation.

use serde_json::{Map, Value};

use super::chars::first_refused;
use super::forbidden::ForbiddenSet;
use super::format::check_format;
use super::path::Path;
use super::schema::{Node, TextClass};
use super::{Limits, Rule, Violation};

/// Where a write tool's writable fields live.
#[derive(Debug, Clone)]
pub(crate) struct WriteScope<'a> {
    pub(crate) tool: &'a str,
    /// `Some("changes")`: writable fields are the properties of that top-level object.
    /// `None`: writable fields are top-level properties next to the identifiers.
    pub(crate) container: Option<&'a str>,
    pub(crate) writable: &'a [String],
}

pub(crate) struct Checker<'a> {
    pub(crate) limits: &'a Limits,
    pub(crate) forbidden: &'a ForbiddenSet,
    pub(crate) write: Option<WriteScope<'a>>,
    pub(crate) out: Vec<Violation>,
}

impl Checker<'_> {
    fn push(&mut self, path: &Path<'_>, rule: Rule) {
        self.out.push(Violation::new(path.to_string(), rule));
    }

    pub(crate) fn value(&mut self, node: &Node, v: &Value, path: &Path<'_>) {
        match (node, v) {
            (Node::Any, _) | (Node::Null, Value::Null) | (Node::Boolean, Value::Bool(_)) => {}
            (Node::Nullable(_), Value::Null) => {}
            (Node::Nullable(inner), _) => self.value(inner, v, path),
            (Node::Integer { min, max }, Value::Number(n)) if n.is_i64() || n.is_u64() => {
                self.range(n.as_f64().unwrap_or(0.0), *min, *max, path);
            }
            (Node::Number { min, max }, Value::Number(n)) => {
                self.range(n.as_f64().unwrap_or(0.0), *min, *max, path);
            }
            (
                Node::String {
                    min_chars,
                    max_chars,
                    allowed,
                    class,
                    format,
                },
                Value::String(s),
            ) => {
                self.string(s, *min_chars, *max_chars, *class, path);
                if let Some(allowed) = allowed {
                    if !allowed.iter().any(|a| a == s) {
                        let allowed = allowed.iter().map(|a| format!("\"{a}\"")).collect();
                        self.push(path, Rule::NotAllowedValue { allowed });
                    }
                } else if let Some(f) = format
                    && let Err(expected) = check_format(*f, s)
                {
                    self.push(
                        path,
                        Rule::BadFormat {
                            expected: expected.into(),
                        },
                    );
                }
            }
            (
                Node::Array {
                    items,
                    min_items,
                    max_items,
                },
                Value::Array(a),
            ) => {
                let max = max_items
                    .unwrap_or(self.limits.max_array_items)
                    .min(self.limits.max_array_items);
                if a.len() > max {
                    self.push(path, Rule::TooManyItems { max });
                }
                if let Some(min) = min_items
                    && a.len() < *min
                {
                    self.push(path, Rule::TooFewItems { min: *min });
                }
                for (i, item) in a.iter().enumerate().take(max) {
                    self.value(items, item, &path.index(i));
                }
            }
            (Node::Object { .. }, Value::Object(map)) => self.object(node, map, path),
            _ => self.push(
                path,
                Rule::WrongType {
                    expected: expected(node),
                },
            ),
        }
    }

    fn range(&mut self, n: f64, min: Option<f64>, max: Option<f64>, path: &Path<'_>) {
        let below = min.is_some_and(|m| n < m);
        let above = max.is_some_and(|m| n > m);
        if below || above {
            let range = match (min, max) {
                (Some(a), Some(b)) => format!("between {a} and {b}"),
                (Some(a), None) => format!("at least {a}"),
                (None, Some(b)) => format!("at most {b}"),
                (None, None) => String::new(),
            };
            self.push(path, Rule::OutOfRange { range });
        }
    }

    fn string(
        &mut self,
        s: &str,
        min_chars: Option<usize>,
        max_chars: Option<usize>,
        class: TextClass,
        path: &Path<'_>,
    ) {
        let (limit_chars, limit_bytes) = match class {
            TextClass::Identifier => (
                self.limits.max_identifier_chars,
                self.limits.max_identifier_bytes,
            ),
            TextClass::FreeText => (self.limits.max_text_chars, self.limits.max_text_bytes),
        };
        let max_chars = max_chars.map_or(limit_chars, |m| m.min(limit_chars));
        let max_bytes = limit_bytes.min(max_chars.saturating_mul(4));
        if s.len() > max_bytes {
            self.push(
                path,
                Rule::TooLong {
                    unit: "bytes",
                    max: max_bytes,
                },
            );
        } else {
            let n = s.chars().count();
            if n > max_chars {
                self.push(
                    path,
                    Rule::TooLong {
                        unit: "characters",
                        max: max_chars,
                    },
                );
            }
            if let Some(min) = min_chars
                && n < min
            {
                self.push(path, Rule::TooShort { min });
            }
        }
        if let Some((c, reason)) = first_refused(s, class) {
            self.push(
                path,
                Rule::BadCharacter {
                    code_point: format!("U+{:04X}", u32::from(c)),
                    reason,
                },
            );
        }
    }

    fn object(&mut self, node: &Node, map: &Map<String, Value>, path: &Path<'_>) {
        let Node::Object { required, .. } = node else {
            return;
        };
        let in_write_area = self.in_write_area(path);
        for (k, v) in map {
            let child = path.key(k);
            if self.forbidden.contains(k) {
                self.push(&child, Rule::Forbidden);
                continue;
            }
            match node.property(k) {
                Some(n) => self.value(n, v, &child),
                None => match (&self.write, in_write_area) {
                    (Some(w), true) => {
                        let rule = Rule::NotWritable {
                            tool: w.tool.to_owned(),
                            writable: w.writable.to_vec(),
                        };
                        self.push(&child, rule);
                    }
                    _ => self.push(&child, Rule::UnknownField),
                },
            }
        }
        for r in required {
            if !map.contains_key(r) {
                self.push(&path.key(r), Rule::Missing);
            }
        }
    }

    /// Whether unknown keys of the object at `path` are attempts to write a field.
    fn in_write_area(&self, path: &Path<'_>) -> bool {
        match &self.write {
            None => false,
            Some(WriteScope {
                container: None, ..
            }) => path.is_root(),
            Some(WriteScope {
                container: Some(c), ..
            }) => path.is_top_level_key(c),
        }
    }
}

fn expected(node: &Node) -> String {
    match node {
        Node::Any => "any value".into(),
        Node::Null => "null".into(),
        Node::Boolean => "true or false".into(),
        Node::Integer { .. } => "an integer".into(),
        Node::Number { .. } => "a number".into(),
        Node::String { .. } => "a string".into(),
        Node::Array { .. } => "an array".into(),
        Node::Object { .. } => "an object".into(),
        Node::Nullable(inner) => format!("{} or null", expected(inner)),
    }
}
