//! Parsing raw JSON arguments while detecting duplicate keys and excessive nesting.
//!
//! `serde_json::Value` keeps the last of two equal keys silently, so the check must happen
//! while parsing the raw text.

use std::cell::RefCell;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use super::path::Path;
use super::{Rule, Violation};

struct State {
    max_depth: usize,
    violations: RefCell<Vec<Violation>>,
}

impl State {
    fn push(&self, path: &Path<'_>, rule: Rule) {
        self.violations
            .borrow_mut()
            .push(Violation::new(path.to_string(), rule));
    }
}

/// `depth` counts the containers around the value being parsed.
struct Seed<'s, 'p> {
    state: &'s State,
    path: &'p Path<'p>,
    depth: usize,
}

impl Seed<'_, '_> {
    /// Records a violation when a container here would be nested too deeply.
    fn too_deep(&self) -> bool {
        if self.depth >= self.state.max_depth {
            self.state.push(
                self.path,
                Rule::TooDeep {
                    max: self.state.max_depth,
                },
            );
            return true;
        }
        false
    }
}

impl<'de> DeserializeSeed<'de> for Seed<'_, '_> {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_, '_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        if self.too_deep() {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            return Ok(Value::Null);
        }
        let mut out = Vec::new();
        loop {
            let path = self.path.index(out.len());
            let seed = Seed {
                state: self.state,
                path: &path,
                depth: self.depth + 1,
            };
            match seq.next_element_seed(seed)? {
                Some(v) => out.push(v),
                None => break,
            }
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        if self.too_deep() {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            return Ok(Value::Null);
        }
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let path = self.path.key(&key);
            if out.contains_key(&key) {
                self.state.push(&path, Rule::DuplicateKey);
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            let value = map.next_value_seed(Seed {
                state: self.state,
                path: &path,
                depth: self.depth + 1,
            })?;
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}

/// Parses `raw`, returning the value and every duplicate-key and depth violation.
/// A syntax error is returned as a single [`Rule::Malformed`] (or [`Rule::TooDeep`] when the
/// JSON parser's own recursion limit was hit).
pub(crate) fn parse(raw: &str, max_depth: usize) -> Result<(Value, Vec<Violation>), Violation> {
    let state = State {
        max_depth,
        violations: RefCell::new(Vec::new()),
    };
    let mut de = serde_json::Deserializer::from_str(raw);
    let result = Seed {
        state: &state,
        path: &Path::ROOT,
        depth: 0,
    }
    .deserialize(&mut de)
    .and_then(|v| de.end().map(|()| v));
    match result {
        Ok(v) => Ok((v, state.violations.into_inner())),
        Err(e) if e.to_string().contains("recursion limit") => {
            Err(Violation::new("(root)", Rule::TooDeep { max: max_depth }))
        }
        Err(e) => Err(Violation::new(
            "(root)",
            Rule::Malformed {
                message: format!(
                    "{} at line {} column {}",
                    classify(&e),
                    e.line(),
                    e.column()
                ),
            },
        )),
    }
}

fn classify(e: &serde_json::Error) -> &'static str {
    match e.classify() {
        serde_json::error::Category::Eof => "unexpected end of input",
        serde_json::error::Category::Syntax => "syntax error",
        serde_json::error::Category::Data => "invalid data",
        serde_json::error::Category::Io => "read error",
    }
}

/// The nesting depth of a value (a scalar is 0, `{}` is 1).
pub(crate) fn depth_of(v: &Value) -> usize {
    match v {
        Value::Array(a) => 1 + a.iter().map(depth_of).max().unwrap_or(0),
        Value::Object(o) => 1 + o.values().map(depth_of).max().unwrap_or(0),
        _ => 0,
    }
}
