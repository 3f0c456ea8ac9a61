//! Every request the crate can send exists in the vendored Shopify 2026-07 schemas:
//! documents validate, recorded variables coerce to the declared types (unknown input fields
//! are errors), and no deprecated field, argument, enum value or input field is used.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "../common/mod.rs"]
mod common;

mod recorded;
mod walk;

use std::collections::BTreeSet;
use std::io::Read;
use std::path::PathBuf;
use std::sync::OnceLock;

use apollo_compiler::ast::OperationType;
use apollo_compiler::request::coerce_variable_values;
use apollo_compiler::response::JsonMap;
use apollo_compiler::validation::Valid;
use apollo_compiler::{ExecutableDocument, Schema};
use serde_json::json;
use shopmcp_shopify::{Api, Document, OperationKind, documents};

use walk::deprecated_in;

fn load(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/spec-data")
        .join(name);
    let mut text = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(&path).unwrap())
        .read_to_string(&mut text)
        .unwrap();
    text
}

pub(crate) fn schema(api: Api) -> &'static Valid<Schema> {
    static ADMIN: OnceLock<Valid<Schema>> = OnceLock::new();
    static STOREFRONT: OnceLock<Valid<Schema>> = OnceLock::new();
    let (cell, file) = match api {
        Api::Admin => (&ADMIN, "admin_2026-07.graphql.gz"),
        Api::Storefront => (&STOREFRONT, "storefront_2026-07.graphql.gz"),
    };
    cell.get_or_init(|| {
        Schema::parse_and_validate(load(file), file)
            .unwrap_or_else(|e| panic!("{file} does not validate: {}", e.errors))
    })
}

pub(crate) fn executable(doc: &Document) -> Valid<ExecutableDocument> {
    ExecutableDocument::parse_and_validate(
        schema(doc.api),
        doc.text,
        format!("{}.graphql", doc.name),
    )
    .unwrap_or_else(|e| panic!("{} does not validate:\n{}", doc.name, e.errors))
}

#[test]
fn every_document_validates_against_its_schema() {
    for doc in documents::ALL {
        let exe = executable(doc);
        assert_eq!(
            exe.operations.iter().count(),
            1,
            "{}: one operation",
            doc.name
        );
        let op = exe.operations.get(Some(doc.name)).unwrap();
        let want = match doc.kind {
            OperationKind::Query => OperationType::Query,
            OperationKind::Mutation => OperationType::Mutation,
        };
        assert_eq!(op.operation_type, want, "{}", doc.name);
    }
}

#[test]
fn invalid_documents_are_told_apart() {
    // The check is not vacuous: a field that does not exist, or a wrong argument, fails.
    let bad = [
        (Api::Admin, "query A { shop { nmae } }"),
        (
            Api::Admin,
            "query B($id: ID!) { order(id: $id) { id passwordHash } }",
        ),
        (
            Api::Admin,
            "mutation C($i: OrderInput!) { orderUpdate(input: $i, notify: true) { userErrors { field } } }",
        ),
        (Api::Storefront, "query D { cart { id } }"),
    ];
    for (api, text) in bad {
        assert!(
            ExecutableDocument::parse_and_validate(schema(api), text, "bad.graphql").is_err(),
            "{text}"
        );
    }
}

#[test]
fn no_document_uses_a_deprecated_field_argument_or_enum_value() {
    let mut used = BTreeSet::new();
    for doc in documents::ALL {
        let exe = executable(doc);
        let op = exe.operations.get(Some(doc.name)).unwrap();
        let mut found = BTreeSet::new();
        deprecated_in(
            schema(doc.api),
            &exe,
            &op.selection_set,
            &mut BTreeSet::new(),
            &mut found,
        );
        used.extend(found.into_iter().map(|f| format!("{}: {f}", doc.name)));
    }
    // Justified exceptions would be listed here, each with its reason. There are none.
    let allowed: BTreeSet<String> = BTreeSet::new();
    assert_eq!(used, allowed, "deprecated schema elements in use");
}

#[test]
fn the_deprecation_walk_finds_deprecated_fields() {
    let doc = Document {
        name: "Old",
        api: Api::Admin,
        kind: OperationKind::Query,
        text: "query Old($id: ID!) { order(id: $id) { totalPrice riskLevel lineItems(first: 1) { nodes { fulfillableQuantity } } } }",
    };
    let exe = executable(&doc);
    let op = exe.operations.get(Some("Old")).unwrap();
    let mut found = BTreeSet::new();
    deprecated_in(
        schema(Api::Admin),
        &exe,
        &op.selection_set,
        &mut BTreeSet::new(),
        &mut found,
    );
    assert_eq!(
        found.into_iter().collect::<Vec<_>>(),
        [
            "LineItem.fulfillableQuantity",
            "Order.riskLevel",
            "Order.totalPrice"
        ]
    );
}

#[test]
fn coercion_rejects_unknown_input_fields() {
    let doc = documents::by_name("OrderUpdate").unwrap();
    let exe = executable(doc);
    let op = exe.operations.get(Some("OrderUpdate")).unwrap();
    let bad: JsonMap = serde_json::from_value(
        json!({"input": {"id": "gid://shopify/Order/1", "note": "x", "password": "x"}}),
    )
    .unwrap();
    assert!(coerce_variable_values(schema(Api::Admin), op, &bad).is_err());
}
