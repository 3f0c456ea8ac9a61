//! Property: whatever the advertised schema allows, the validator accepts and the typed
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! parser parses; whatever it forbids, the validator rejects.
mod common;

use common::*;
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};
use shopmcp_core::validate::Limits;
use shopmcp_core::validate::schema::{Node, StringFormat};
use shopmcp_core::{Arguments, ToolSpec};

fn string_strategy(
    min: usize,
    max: usize,
    allowed: Option<Vec<String>>,
    format: Option<StringFormat>,
) -> BoxedStrategy<Value> {
    if let Some(a) = allowed {
        return proptest::sample::select(a).prop_map(Value::String).boxed();
    }
    match format {
        Some(StringFormat::Decimal) => "-?[0-9]{1,9}(\\.[0-9]{1,4})?"
            .prop_map(Value::String)
            .boxed(),
        Some(_) => Just(Value::String("2026-11-21T10:00:00Z".into())).boxed(),
        None => proptest::string::string_regex(&format!(
            "[a-zA-Z0-9 é漢\\-]{{{},{}}}",
            min,
            max.min(40)
        ))
        .unwrap()
        .prop_map(Value::String)
        .boxed(),
    }
}

fn valid(node: &Node) -> BoxedStrategy<Value> {
    match node {
        Node::Null => Just(Value::Null).boxed(),
        Node::Any => Just(json!("any")).boxed(),
        Node::Boolean => any::<bool>().prop_map(Value::Bool).boxed(),
        Node::Integer { min, max } => {
            let lo = min.unwrap_or(-1e6).max(-1e6) as i64;
            let hi = max.unwrap_or(1e6).min(1e6) as i64;
            (lo..=hi).prop_map(|i| json!(i)).boxed()
        }
        Node::Number { .. } => (-1e6f64..1e6).prop_map(|f| json!(f)).boxed(),
        Node::String {
            min_chars,
            max_chars,
            allowed,
            format,
            ..
        } => string_strategy(
            min_chars.unwrap_or(0),
            max_chars.unwrap_or(40),
            allowed.clone(),
            *format,
        ),
        Node::Nullable(inner) => prop_oneof![Just(Value::Null), valid(inner)].boxed(),
        Node::Array {
            items,
            min_items,
            max_items,
        } => {
            let lo = min_items.unwrap_or(0);
            let hi = max_items.unwrap_or(4).min(4).max(lo);
            proptest::collection::vec(valid(items), lo..=hi)
                .prop_map(Value::Array)
                .boxed()
        }
        Node::Object {
            properties,
            required,
            ..
        } => {
            let fields: Vec<BoxedStrategy<Option<(String, Value)>>> = properties
                .iter()
                .map(|(k, n)| {
                    let k = k.clone();
                    let v = valid(n).prop_map({
                        let k = k.clone();
                        move |v| Some((k.clone(), v))
                    });
                    if required.contains(&k) {
                        v.boxed()
                    } else {
                        prop_oneof![Just(None), v].boxed()
                    }
                })
                .collect();
            fields
                .prop_map(|kvs| Value::Object(kvs.into_iter().flatten().collect::<Map<_, _>>()))
                .boxed()
        }
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    UnknownKey(String),
    WrongType,
    DropRequired,
}

fn mutate(node: &Node, v: &mut Value, m: &Mutation) -> bool {
    let Value::Object(map) = v else { return false };
    match m {
        Mutation::UnknownKey(k) => {
            if node.property(k).is_some() {
                return false;
            }
            map.insert(k.clone(), json!(1));
            true
        }
        Mutation::WrongType => {
            let Some(k) = map.keys().next().cloned() else {
                return false;
            };
            let is_string = |n: &Node| matches!(n, Node::String { .. });
            let replacement = match node.property(&k) {
                Some(Node::Nullable(inner)) if is_string(inner) => json!({"x": 1}),
                Some(n) if is_string(n) => json!({"x": 1}),
                _ => json!("wrong"),
            };
            map.insert(k, replacement);
            true
        }
        Mutation::DropRequired => match node {
            Node::Object { required, .. } if !required.is_empty() => {
                map.remove(&required[0]);
                true
            }
            _ => false,
        },
    }
}

fn check_agreement<T: DeserializeOwned>(spec: &ToolSpec, cases: u32) {
    let node = spec.input_node().clone();
    let strategy = (
        valid(&node),
        prop_oneof![
            "[a-z_]{1,12}".prop_map(Mutation::UnknownKey),
            Just(Mutation::WrongType),
            Just(Mutation::DropRequired),
        ],
    );
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(cases));
    runner
        .run(&strategy, |(value, mutation)| {
            let raw = value.to_string();
            let accepted = spec.validate(Arguments::Raw(&raw), &Limits::default());
            prop_assert!(
                accepted.is_ok(),
                "schema-valid {raw} rejected: {:?}",
                accepted.err()
            );
            prop_assert!(
                serde_json::from_value::<T>(accepted.unwrap()).is_ok(),
                "validator accepted but type rejected {raw}"
            );
            let mut bad = value;
            if mutate(&node, &mut bad, &mutation) {
                let raw = bad.to_string();
                prop_assert!(
                    spec.validate(Arguments::Raw(&raw), &Limits::default())
                        .is_err(),
                    "{mutation:?}: {raw} accepted"
                );
                if !matches!(mutation, Mutation::WrongType)
                    || serde_json::from_str::<T>(&raw).is_err()
                {
                    // Type-level violations are rejected by the parser as well.
                } else {
                    // A wrong-type mutation the parser accepts would mean schema and type disagree.
                    prop_assert!(false, "parser accepted wrong type: {raw}");
                }
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn list_input_schema_and_parser_agree() {
    check_agreement::<ListInput>(&list_spec(), 400);
}

#[test]
fn update_input_schema_and_parser_agree() {
    check_agreement::<UpdateInput>(&update_spec(), 400);
}

#[test]
fn refund_input_schema_and_parser_agree() {
    check_agreement::<RefundInput>(&refund_spec(), 200);
}
