//! Every write tool of every platform, with keys injected into a valid argument object: a
//! forbidden field or a field the tool does not accept, at the top level or inside any nested
//! object (the `changes`-style container included), in case, full-width, Cyrillic and
//! zero-width spellings, or a duplicated key whose second value is a marker. Each call goes
//! through the whole pipeline to a fake store, and is either refused by validation before any
//! request, naming the key, or neither the key nor the marker reaches the store.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::cell::Cell;

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{Value, json};
use shopmcp_core::validate::{FORBIDDEN_FIELDS, Rule};
use shopmcp_core::{ErrorKind, ToolSpec};

use common::base::{base, with_fresh_key};
use common::inject::{
    NOT_ACCEPTED, Seg, Spelling, leaks, object_at, object_paths, render_with, violation_path,
};
use common::stores::{Platform, Store};

/// One write tool with its store and base arguments.
struct Write {
    store: usize,
    spec: ToolSpec,
    base: Value,
    /// Every object of `base`, the root first.
    objects: Vec<Vec<Seg>>,
}

struct World {
    rt: tokio::runtime::Runtime,
    stores: Vec<Store>,
    writes: Vec<Write>,
}

fn world() -> World {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let stores: Vec<Store> = rt.block_on(async {
        let mut stores = Vec::new();
        for p in Platform::ALL {
            stores.push(Store::start(p).await);
        }
        stores
    });
    let mut writes = Vec::new();
    let mut missing = Vec::new();
    for (i, store) in stores.iter().enumerate() {
        for tool in &store.tools {
            let spec = tool.spec().clone();
            if !spec.access().is_write() {
                continue;
            }
            match base(&spec) {
                Some(base) => writes.push(Write {
                    store: i,
                    objects: object_paths(&base),
                    spec,
                    base,
                }),
                None => missing.push(spec.name().to_owned()),
            }
        }
    }
    assert!(
        missing.is_empty(),
        "write tools without valid base arguments (add them to base::EXAMPLES): {missing:?}"
    );
    World { rt, stores, writes }
}

/// Where the injected key goes and what it is.
#[derive(Clone, Debug)]
enum Key {
    Forbidden(Index, Spelling),
    NotAccepted(Index, Spelling),
    /// A second occurrence of a key already in the object.
    Duplicate(Index),
}

/// What one injection call showed.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    Refused,
    /// Validation let it through; it did not leak.
    Passed,
    /// The injected key was already a field there (skipped).
    Skipped,
}

/// Injects `key` with a marker value at `path` of the write's base arguments, calls the tool
/// and checks the outcome.
fn inject(
    world: &World,
    write: &Write,
    path: &[Seg],
    key: &str,
    duplicate: bool,
    n: u64,
) -> Result<Outcome, TestCaseError> {
    let args = with_fresh_key(write.base.clone(), n);
    if !duplicate && object_at(&args, path).contains_key(key) {
        return Ok(Outcome::Skipped);
    }
    let marker = format!("SMUGGLED{n:012x}MARK");
    let raw = render_with(&args, path, key, &json!(marker));
    let store = &world.stores[write.store];
    let name = write.spec.name();
    let before = store.fake.request_count();
    let result = world.rt.block_on(store.call_raw(name, &raw));
    let sent = store.requests_since(before);
    if let Err(e) = &result
        && e.kind() == ErrorKind::InvalidArguments
        && sent.is_empty()
    {
        let field = violation_path(path, key);
        let named = e
            .violations()
            .iter()
            .any(|v| v.field == field && (!duplicate || v.rule == Rule::DuplicateKey));
        // A validation refusal names the key; a tool's own refusal before any request (such
        // as "exactly one of sku, variant_id, product_id" when the injected key is another
        // accepted identifier) carries no violations and is a refusal before I/O too.
        prop_assert!(
            named || e.violations().is_empty(),
            "{name}: `{field}` not named in {:?}",
            e.violations()
        );
        return Ok(Outcome::Refused);
    }
    for request in &sent {
        prop_assert!(
            !leaks(request, key, &marker),
            "{name}: injected `{key}` reached the store: {request:?}"
        );
    }
    Ok(Outcome::Passed)
}

fn key_strategy() -> impl Strategy<Value = Key> {
    let spelling = proptest::sample::select(Spelling::ALL.to_vec());
    prop_oneof![
        (any::<Index>(), spelling.clone()).prop_map(|(i, s)| Key::Forbidden(i, s)),
        (any::<Index>(), spelling).prop_map(|(i, s)| Key::NotAccepted(i, s)),
        any::<Index>().prop_map(Key::Duplicate),
    ]
}

#[test]
fn injected_keys_are_refused_before_any_request() {
    let world = world();
    let mut runner = TestRunner::new(Config {
        cases: 2048,
        failure_persistence: None,
        ..Config::default()
    });
    let refused = Cell::new(0u32);
    let strategy = (
        0..world.writes.len(),
        any::<Index>(),
        any::<bool>(),
        key_strategy(),
        any::<u64>(),
    );
    runner
        .run(&strategy, |(w, at, prefer_container, key, n)| {
            let write = &world.writes[w];
            // Half the cases go to the whitelisted container when the tool has one.
            let container = write
                .spec
                .writable_container()
                .map(|c| vec![Seg::Key(c.to_owned())])
                .filter(|p| prefer_container && write.objects.contains(p));
            let path = container.unwrap_or_else(|| at.get(&write.objects).clone());
            let (name, duplicate) = match key {
                Key::Forbidden(i, s) => (s.apply(i.get::<&str>(FORBIDDEN_FIELDS)), false),
                Key::NotAccepted(i, s) => (s.apply(i.get::<&str>(NOT_ACCEPTED)), false),
                Key::Duplicate(i) => {
                    let keys: Vec<&String> = object_at(&write.base, &path).keys().collect();
                    if keys.is_empty() {
                        return Ok(());
                    }
                    ((*i.get(&keys)).clone(), true)
                }
            };
            let outcome = inject(&world, write, &path, &name, duplicate, n)?;
            if outcome == Outcome::Refused {
                refused.set(refused.get() + 1);
            }
            Ok(())
        })
        .unwrap();
    // Most cases inject a key no tool accepts: the refusals are the point, so count them.
    assert!(refused.get() > 1024, "only {} refusals", refused.get());
}

#[test]
fn every_forbidden_field_and_duplicate_is_refused_in_every_object_of_every_write() {
    let world = world();
    let mut n = 0u64;
    let mut refused = 0usize;
    for write in &world.writes {
        for path in &write.objects {
            let existing: Vec<String> = object_at(&write.base, path).keys().cloned().collect();
            let injections = FORBIDDEN_FIELDS
                .iter()
                .map(|f| ((*f).to_owned(), false))
                .chain(existing.into_iter().map(|k| (k, true)));
            for (key, duplicate) in injections {
                n += 1;
                let outcome = inject(&world, write, path, &key, duplicate, n).unwrap();
                assert_eq!(outcome, Outcome::Refused, "{}: `{key}`", write.spec.name());
                refused += 1;
            }
        }
    }
    assert!(refused >= world.writes.len() * FORBIDDEN_FIELDS.len());
}

#[test]
fn every_write_tool_succeeds_with_its_base_arguments() {
    let world = world();
    let expected_writes: usize = world
        .stores
        .iter()
        .map(|s| {
            s.tools
                .iter()
                .filter(|t| t.spec().access().is_write())
                .count()
        })
        .sum();
    assert_eq!(world.writes.len(), expected_writes);
    let mut silent = Vec::new();
    for (n, write) in world.writes.iter().enumerate() {
        let store = &world.stores[write.store];
        let args = with_fresh_key(write.base.clone(), 1 << 40 | n as u64);
        let before = store.fake.request_count();
        let result = world
            .rt
            .block_on(store.call_raw(write.spec.name(), &args.to_string()));
        let refused = result
            .as_ref()
            .err()
            .filter(|e| e.kind() == ErrorKind::InvalidArguments);
        if store.fake.request_count() == before || refused.is_some() || result.is_err() {
            silent.push((
                write.spec.name().to_owned(),
                args.to_string(),
                result
                    .err()
                    .map(|e| format!("{}: {}", e.kind(), e.log_detail())),
            ));
        }
    }
    assert!(
        silent.is_empty(),
        "base arguments that did not succeed against the store: {silent:#?}"
    );
}
