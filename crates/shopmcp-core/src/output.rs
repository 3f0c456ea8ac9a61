//! Output projection: declared fields only, and a size cap with an honest note.

use serde_json::{Map, Value, json};

use crate::spec::TRUNCATED_FIELD;
use crate::validate::schema::Node;

/// Keeps only what the output schema declares (recursively). Objects that declare no
/// properties but are open (maps) keep their entries.
pub(crate) fn project(node: &Node, v: Value) -> Value {
    match (node, v) {
        (Node::Nullable(inner), v) => project(inner, v),
        (
            Node::Object {
                properties, open, ..
            },
            Value::Object(map),
        ) => {
            if properties.is_empty() && *open {
                return Value::Object(map);
            }
            let mut out = Map::new();
            for (k, v) in map {
                if let Some(n) = node.property(&k) {
                    out.insert(k, project(n, v));
                }
            }
            Value::Object(out)
        }
        (Node::Array { items, .. }, Value::Array(a)) => {
            Value::Array(a.into_iter().map(|v| project(items, v)).collect())
        }
        (_, v) => v,
    }
}

fn size(v: &Value) -> usize {
    serde_json::to_vec(v).map_or(usize::MAX, |b| b.len())
}

/// The longest array anywhere in `v` (by item count).
fn longest_array(v: &mut Value) -> Option<&mut Vec<Value>> {
    let mut best: Option<&mut Vec<Value>> = None;
    let mut stack: Vec<&mut Value> = vec![v];
    while let Some(cur) = stack.pop() {
        match cur {
            Value::Array(a) => {
                if best.as_ref().is_none_or(|b| a.len() > b.len()) && !a.is_empty() {
                    // Children of the best candidate are not searched further: cutting the
                    // outer list removes the most.
                    best = Some(a);
                } else {
                    stack.extend(a.iter_mut());
                }
            }
            Value::Object(o) => stack.extend(o.values_mut()),
            _ => {}
        }
    }
    best
}

fn longest_string(v: &mut Value) -> Option<&mut String> {
    let mut best: Option<&mut String> = None;
    let mut stack: Vec<&mut Value> = vec![v];
    while let Some(cur) = stack.pop() {
        match cur {
            Value::String(s) if best.as_ref().is_none_or(|b| s.len() > b.len()) => {
                best = Some(s);
            }
            Value::Array(a) => stack.extend(a.iter_mut()),
            Value::Object(o) => stack.extend(o.values_mut()),
            _ => {}
        }
    }
    best
}

/// Cuts `v` until it serialises to at most `cap` bytes: list items from the end of the
/// longest lists first, then the longest texts. Adds a `truncated` note saying what was
/// left out. Returns whether anything was cut.
pub(crate) fn cap(v: &mut Value, cap: usize) -> bool {
    let note_room = 256;
    let target = cap.saturating_sub(note_room);
    if size(v) <= cap {
        return false;
    }
    let mut omitted_items = 0usize;
    let mut cut_texts = 0usize;
    while size(v) > target {
        if let Some(a) = longest_array(v) {
            let drop = a.len().div_ceil(2).max(1);
            let keep = a.len() - drop;
            a.truncate(keep);
            omitted_items += drop;
            continue;
        }
        match longest_string(v) {
            Some(s) if s.len() > 64 => {
                let mut end = s.len() / 2;
                while !s.is_char_boundary(end) {
                    end -= 1;
                }
                s.truncate(end);
                s.push_str("…[cut]");
                cut_texts += 1;
            }
            _ => break,
        }
    }
    if let Value::Object(o) = v {
        o.insert(
            TRUNCATED_FIELD.into(),
            json!({
                "note": format!(
                    "This answer was cut to fit {cap} bytes: {omitted_items} list items and {cut_texts} long texts were left out. Narrow the request (filters, a smaller page) to see the rest."
                ),
                "omitted_items": omitted_items,
            }),
        );
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::schema::{Strictness, compile};

    #[test]
    fn undeclared_fields_are_dropped_recursively() {
        let schema = json!({
            "type": "object",
            "properties": {
                "orders": {"type": "array", "items": {"$ref": "#/$defs/O"}},
                "count": {"type": "integer"}
            },
            "$defs": {"O": {"type": "object", "properties": {"id": {"type": "string"}}}}
        });
        let node = compile(&schema, Strictness::Output).unwrap();
        let v = project(
            &node,
            json!({"count": 1, "secret": "x", "orders": [{"id": "1", "email": "a@b.c"}]}),
        );
        assert_eq!(v, json!({"count": 1, "orders": [{"id": "1"}]}));
    }

    #[test]
    fn oversize_answers_are_cut_with_a_note() {
        let items: Vec<Value> = (0..1000)
            .map(|i| json!({"id": i, "t": "x".repeat(50)}))
            .collect();
        let mut v = json!({"items": items});
        assert!(cap(&mut v, 4096));
        assert!(size(&v) <= 4096, "{}", size(&v));
        let omitted = v["truncated"]["omitted_items"].as_u64().unwrap();
        let kept = v["items"].as_array().unwrap().len() as u64;
        assert_eq!(omitted + kept, 1000);
        assert!(
            v["truncated"]["note"]
                .as_str()
                .unwrap()
                .contains("4096 bytes")
        );
    }

    #[test]
    fn small_answers_are_untouched() {
        let mut v = json!({"a": 1});
        assert!(!cap(&mut v, 4096));
        assert_eq!(v, json!({"a": 1}));
    }
}
