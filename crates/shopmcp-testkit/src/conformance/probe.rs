//! The parser agrees with the schema: an unknown key is refused wherever an object can be.

use serde_json::{Map, Value};
use shopmcp_core::ToolSpec;
use shopmcp_core::validate::{Limits, Rule, Violation};

use super::schema_walk::Walker;
use super::{Check, Finding};

/// The unknown key put into each object (plain ASCII, so violation paths show it verbatim).
pub(super) const PROBE_KEY: &str = "conformance_probe_field";

/// Findings for every object of `spec`'s input where the validator accepts [`PROBE_KEY`] or
/// refuses it without naming it.
pub(super) fn unknown_keys_refused(spec: &ToolSpec) -> Vec<Finding> {
    let limits = Limits::default();
    probe_all(spec.name(), spec.input_schema(), &mut |args| {
        spec.validate(args.clone().into(), &limits)
    })
}

/// Runs the probe at every object path of `schema` through `validate`.
pub(super) fn probe_all(
    tool: &str,
    schema: &Map<String, Value>,
    validate: &mut dyn FnMut(&Value) -> Result<Value, Vec<Violation>>,
) -> Vec<Finding> {
    let root = Value::Object(schema.clone());
    let mut paths = Vec::new();
    Walker::new(schema).walk(&root, "", 0, &mut |path, _| paths.push(path.to_owned()));
    paths.sort();
    paths.dedup();
    let mut out = Vec::new();
    for path in paths {
        let (args, expected) = arguments_with_probe(&path);
        let ok = match validate(&args) {
            Ok(_) => false,
            Err(violations) => violations.iter().any(|v| {
                v.field == expected
                    && matches!(v.rule, Rule::UnknownField | Rule::NotWritable { .. })
            }),
        };
        if !ok {
            out.push(Finding::new(
                tool,
                Check::UnknownKeyAccepted,
                format!("the validator did not refuse the unknown key `{expected}`"),
            ));
        }
    }
    out
}

/// Arguments holding `{PROBE_KEY: true}` at `path` (`""`, `changes`, `items[].options`), and
/// the violation path the validator should report for it.
pub(super) fn arguments_with_probe(path: &str) -> (Value, String) {
    let mut segments: Vec<(&str, usize)> = Vec::new();
    if !path.is_empty() {
        for seg in path.split('.') {
            let name = seg.trim_end_matches("[]");
            let arrays = (seg.len() - name.len()) / 2;
            segments.push((name, arrays));
        }
    }
    let mut value = Value::Object(Map::from_iter([(PROBE_KEY.to_owned(), Value::Bool(true))]));
    for (name, arrays) in segments.iter().rev() {
        for _ in 0..*arrays {
            value = Value::Array(vec![value]);
        }
        value = Value::Object(Map::from_iter([((*name).to_owned(), value)]));
    }
    let mut expected = String::new();
    for (name, arrays) in &segments {
        if !expected.is_empty() {
            expected.push('.');
        }
        expected.push_str(name);
        for _ in 0..*arrays {
            expected.push_str("[0]");
        }
    }
    if !expected.is_empty() {
        expected.push('.');
    }
    expected.push_str(PROBE_KEY);
    (value, expected)
}
