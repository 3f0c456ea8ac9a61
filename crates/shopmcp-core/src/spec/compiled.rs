//! Schemas generated and compiled once per Rust type, shared by every spec built from it.
//!
//! A tool's schemas are a pure function of its input and output types, so a server that
//! builds the same tools for 1 000 workspaces generates and compiles each schema once and
//! shares it (and `tools/list` hands out the shared map instead of cloning it). The cache
//! holds one entry per type and contract, a set fixed at compile time: it cannot grow with
//! traffic or configuration.

use std::any::TypeId;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, PoisonError, RwLock};

use schemars::JsonSchema;
use serde_json::{Map, Value, json};

use crate::spec::TRUNCATED_FIELD;
use crate::validate::schema::{self, Node, SchemaError, Strictness};

/// Which side of a tool a schema describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Contract {
    /// What the model sends: deserialisation rules, closed objects.
    Input,
    /// What the tool answers: serialisation rules, plus the optional `truncated` note.
    Output,
}

/// One type's schema, as advertised and as compiled for validation.
#[derive(Debug)]
pub(super) struct Compiled {
    /// The JSON Schema (empty if the type's schema is not an object, which never compiles to
    /// an object node and is refused by the builder).
    pub(super) schema: Arc<Map<String, Value>>,
    /// The compiled form.
    pub(super) node: Arc<Node>,
}

type Entry = Result<Arc<Compiled>, SchemaError>;

static CACHE: LazyLock<RwLock<HashMap<(TypeId, Contract), Entry>>> =
    LazyLock::new(|| RwLock::new(HashMap::new()));

/// A function that yields the compiled schema of one type for one contract.
pub(super) type Source = fn() -> Entry;

/// The [`Source`] of `T`'s input schema.
pub(super) fn input<T: JsonSchema + 'static>() -> Source {
    || cached::<T>(Contract::Input)
}

/// The [`Source`] of `T`'s output schema.
pub(super) fn output<T: JsonSchema + 'static>() -> Source {
    || cached::<T>(Contract::Output)
}

fn cached<T: JsonSchema + 'static>(contract: Contract) -> Entry {
    let key = (TypeId::of::<T>(), contract);
    if let Some(hit) = CACHE
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .get(&key)
    {
        return hit.clone();
    }
    // Built outside the lock; two threads racing on a cold type build equal values.
    let built = build(schema_value::<T>(contract), contract);
    CACHE
        .write()
        .unwrap_or_else(PoisonError::into_inner)
        .entry(key)
        .or_insert(built)
        .clone()
}

fn build(mut schema: Value, contract: Contract) -> Entry {
    let strictness = match contract {
        Contract::Input => Strictness::Input,
        Contract::Output => {
            add_truncated_property(&mut schema);
            Strictness::Output
        }
    };
    let node = schema::compile(&schema, strictness)?;
    let schema = match schema {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    Ok(Arc::new(Compiled {
        schema: Arc::new(schema),
        node: Arc::new(node),
    }))
}

/// The schema of what deserialises into `T` (tool inputs) or what `T` serialises to (tool
/// outputs: a field skipped when empty is then not required).
fn schema_value<T: JsonSchema>(contract: Contract) -> Value {
    let settings = match contract {
        Contract::Input => schemars::generate::SchemaSettings::draft2020_12(),
        Contract::Output => schemars::generate::SchemaSettings::draft2020_12().for_serialize(),
    };
    let mut v = settings
        .into_generator()
        .into_root_schema_for::<T>()
        .to_value();
    if let Value::Object(m) = &mut v {
        m.remove("$schema");
    }
    v
}

fn add_truncated_property(schema: &mut Value) {
    if let Some(props) = schema.as_object_mut().and_then(|o| {
        o.entry("properties")
            .or_insert_with(|| json!({}))
            .as_object_mut()
    }) {
        props.insert(
            TRUNCATED_FIELD.into(),
            json!({
                "type": "object",
                "description": "Present only when the answer was cut to fit the size limit.",
                "properties": {
                    "note": {"type": "string"},
                    "omitted_items": {"type": "integer", "minimum": 0}
                }
            }),
        );
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    /// An input.
    #[derive(serde::Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct In {
        /// A field.
        a: String,
    }

    #[test]
    fn one_type_is_generated_once_and_shared() {
        let first = input::<In>()().unwrap();
        let again = input::<In>()().unwrap();
        assert!(Arc::ptr_eq(&first, &again));
        assert!(Arc::ptr_eq(&first.schema, &again.schema));
        assert_eq!(first.schema["required"], json!(["a"]));
        // The output contract of the same type is a separate entry, with the truncation note.
        let out = output::<In>()().unwrap();
        assert!(!Arc::ptr_eq(&first, &out));
        assert!(out.schema["properties"].get(TRUNCATED_FIELD).is_some());
        assert!(first.schema["properties"].get(TRUNCATED_FIELD).is_none());
    }

    #[test]
    fn a_schema_that_does_not_compile_stays_an_error() {
        // `serde_json::Value` accepts anything: not allowed as an input.
        let first = input::<Value>()().unwrap_err();
        assert_eq!(input::<Value>()().unwrap_err(), first);
    }
}
