//! The cargo-fuzz check (`fuzz/fuzz_targets/args_validate.rs`) run on stable for a bounded
//! number of inputs: random bytes, random JSON-ish text, and mutations of valid arguments.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;
use serde_json::{Value, json};
use shopmcp_core::fuzzing::{check_arguments, valid_arguments};

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Keys worth trying: real fields, forbidden names in several spellings, routing fields.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "sku",
            "changes",
            "name",
            "price",
            "description",
            "tags",
            "status",
            "limit",
            "query",
            "updated_after",
            "order_id",
            "amount",
            "idempotency_key",
            "password",
            "Password",
            "role_id",
            "isActive",
            "is-admin",
            "api_key",
            "ＰＡＳＳＷＯＲＤ",
            "shop",
            "store_url",
            "workspace_id",
            "",
        ])
        .prop_map(str::to_owned),
        "[a-z_\\-\u{200B}\u{202E}\"\\\\ ]{0,12}",
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        "[ -~\u{0}-\u{1F}\u{7F}\u{85}\u{200B}\u{202E}é]{0,20}".prop_map(Value::String),
        prop::sample::select(vec!["open", "19.90", "1e5", "2025-01-02T03:04:05Z", "-0.5"])
            .prop_map(|s| Value::String(s.to_owned())),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(5, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

/// The JSON pointer of a container inside `v`, chosen by `path`.
fn container_pointer(v: &Value, path: &[usize]) -> String {
    let mut pointer = String::new();
    let mut cursor = v;
    for step in path {
        let next = match cursor {
            Value::Object(map) if !map.is_empty() => {
                let (k, next) = map.iter().nth(step % map.len()).unwrap();
                Some((k.replace('~', "~0").replace('/', "~1"), next))
            }
            Value::Array(items) if !items.is_empty() => {
                let i = step % items.len();
                Some((i.to_string(), &items[i]))
            }
            _ => None,
        };
        match next {
            Some((segment, n)) if n.is_object() || n.is_array() => {
                pointer.push('/');
                pointer.push_str(&segment);
                cursor = n;
            }
            _ => break,
        }
    }
    pointer
}

/// Mutations of a valid arguments object: a field removed or added (or replaced) at some depth.
fn mutate(mut v: Value, path: &[usize], new_key: &str, new_value: Value, remove: bool) -> Value {
    let pointer = container_pointer(&v, path);
    match v.pointer_mut(&pointer).unwrap() {
        Value::Object(map) => {
            if remove && !map.is_empty() {
                let k = map.keys().next().cloned().unwrap();
                map.remove(&k);
            } else {
                map.insert(new_key.to_owned(), new_value);
            }
        }
        Value::Array(items) => items.push(new_value),
        _ => {}
    }
    v
}

#[test]
fn valid_arguments_pass_the_check() {
    let all = valid_arguments();
    assert_eq!(all.len(), 3);
    for raw in all {
        check_arguments(raw.as_bytes()).unwrap();
    }
}

#[test]
fn duplicate_and_deep_inputs_pass_the_check() {
    for raw in [
        r#"{"sku":"A","sku":"B","changes":{}}"#.to_owned(),
        format!("{}{}", "[".repeat(200), "]".repeat(200)),
        format!(
            "{{\"sku\":\"A\",\"changes\":{}1{}}}",
            "{\"a\":".repeat(40),
            "}".repeat(40)
        ),
        "\u{feff}{}".to_owned(),
    ] {
        check_arguments(raw.as_bytes()).unwrap();
    }
}

proptest! {
    #![proptest_config(config(500))]

    #[test]
    fn random_bytes(data in prop::collection::vec(any::<u8>(), 0..200)) {
        prop_assert_eq!(check_arguments(&data), Ok(()));
    }

    #[test]
    fn random_json(v in value()) {
        prop_assert_eq!(check_arguments(v.to_string().as_bytes()), Ok(()));
    }

    #[test]
    fn mutated_valid_arguments(
        which in 0usize..3,
        path in prop::collection::vec(any::<usize>(), 0..4),
        new_key in key(),
        new_value in value(),
        remove in any::<bool>(),
    ) {
        let base: Value = serde_json::from_str(&valid_arguments()[which]).unwrap();
        let mutated = mutate(base, &path, &new_key, new_value, remove);
        prop_assert_eq!(check_arguments(mutated.to_string().as_bytes()), Ok(()));
    }

    #[test]
    fn truncated_or_spliced_text(which in 0usize..3, cut in any::<usize>(), insert in "[{}\\[\\],:\"0-9a-z ]{0,8}") {
        let raw = &valid_arguments()[which];
        let mut at = cut % (raw.len() + 1);
        while !raw.is_char_boundary(at) {
            at -= 1;
        }
        let text = format!("{}{}{}", &raw[..at], insert, &raw[at..]);
        prop_assert_eq!(check_arguments(text.as_bytes()), Ok(()));
    }
}
