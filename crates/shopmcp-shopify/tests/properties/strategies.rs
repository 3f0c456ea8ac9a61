//! Generators of valid argument values.

use proptest::prelude::*;

pub(crate) fn id() -> impl Strategy<Value = String> {
    "[1-9][0-9]{0,11}"
}

pub(crate) fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 .,!?'éü€\n-]{0,60}"
}

pub(crate) fn tags() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec("[a-zA-Z0-9][a-zA-Z0-9 _-]{0,19}", 0..5)
}

pub(crate) fn key() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9]{16,24}"
}

pub(crate) fn price() -> impl Strategy<Value = String> {
    "[1-9][0-9]{0,3}\\.[0-9]{2}"
}
