//! Argument validation on the raw JSON, before deserialisation and before any I/O.
//!
//! Rules, all checked at once so every problem is reported together:
//! - only fields of the tool's input schema (closed objects at every level);
//! - for write tools, only the tool's writable fields (the message lists them);
//! - [`FORBIDDEN_FIELDS`] nowhere, at any depth, in any case or look-alike spelling;
//! - no duplicate keys (detected while parsing the raw text);
//! - nesting at most [`Limits::max_depth`];
//! - string caps in bytes and characters, array caps;
//! - no C0/C1 control characters or DEL (tab, newline and carriage return only in free
//!   text); no bidi controls or zero-width characters in identifier-class strings;
//! - types, required fields, enumerations, ranges and formats from the schema.

mod chars;
mod check;
mod forbidden;
mod format;
mod path;
mod raw;
pub mod schema;
mod violation;

use std::sync::LazyLock;

use serde_json::Value;

pub use forbidden::{FORBIDDEN_FIELDS, ROUTING_FIELDS};
pub use violation::{Rule, Violation};

pub(crate) use check::WriteScope;
pub(crate) use forbidden::{ForbiddenSet, is_routing, skeleton};
pub(crate) use path::push_sanitized;

use check::Checker;
use schema::Node;

static FORBIDDEN: LazyLock<ForbiddenSet> = LazyLock::new(ForbiddenSet::new);

/// Caps applied to every tool's arguments (a schema may set lower ones per field).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// Maximum nesting of objects and arrays (the arguments object itself is level 1).
    pub max_depth: usize,
    /// Maximum characters of an identifier-class string.
    pub max_identifier_chars: usize,
    /// Maximum bytes of an identifier-class string.
    pub max_identifier_bytes: usize,
    /// Maximum characters of a free-text string.
    pub max_text_chars: usize,
    /// Maximum bytes of a free-text string.
    pub max_text_bytes: usize,
    /// Maximum items of any array.
    pub max_array_items: usize,
    /// Maximum size of the raw arguments text.
    pub max_raw_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_depth: 16,
            max_identifier_chars: 1_024,
            max_identifier_bytes: 4_096,
            max_text_chars: 65_536,
            max_text_bytes: 262_144,
            max_array_items: 250,
            max_raw_bytes: 1_048_576,
        }
    }
}

/// Tool arguments as they arrive: raw JSON text (duplicate keys detectable) or an already
/// parsed value (a transport that parsed them first; duplicates are then already lost).
#[derive(Debug, Clone)]
pub enum Arguments<'a> {
    /// Raw JSON text of the arguments object.
    Raw(&'a str),
    /// A parsed JSON value.
    Value(Value),
}

impl From<Value> for Arguments<'_> {
    fn from(v: Value) -> Self {
        Self::Value(v)
    }
}

impl<'a> From<&'a str> for Arguments<'a> {
    fn from(s: &'a str) -> Self {
        Self::Raw(s)
    }
}

/// Whether `key` is forbidden everywhere (case-, separator- and look-alike-insensitive).
///
/// ```
/// use shopmcp_core::validate::is_forbidden;
/// assert!(is_forbidden("Password"));
/// assert!(is_forbidden("role_id"));
/// assert!(is_forbidden("isActive"));
/// assert!(!is_forbidden("price"));
/// ```
pub fn is_forbidden(key: &str) -> bool {
    FORBIDDEN.contains(key)
}

pub(crate) fn validate(
    node: &Node,
    write: Option<WriteScope<'_>>,
    args: Arguments<'_>,
    limits: &Limits,
) -> Result<Value, Vec<Violation>> {
    let (value, mut violations) = match args {
        Arguments::Raw(raw) => {
            if raw.len() > limits.max_raw_bytes {
                return Err(vec![Violation::new(
                    "(root)",
                    Rule::TooLong {
                        unit: "bytes",
                        max: limits.max_raw_bytes,
                    },
                )]);
            }
            raw::parse(raw, limits.max_depth).map_err(|v| vec![v])?
        }
        Arguments::Value(v) => {
            if raw::depth_of(&v) > limits.max_depth {
                return Err(vec![Violation::new(
                    "(root)",
                    Rule::TooDeep {
                        max: limits.max_depth,
                    },
                )]);
            }
            (v, Vec::new())
        }
    };
    let mut checker = Checker {
        limits,
        forbidden: &FORBIDDEN,
        write,
        out: Vec::new(),
    };
    checker.value(node, &value, &path::Path::ROOT);
    violations.append(&mut checker.out);
    if violations.is_empty() {
        Ok(value)
    } else {
        Err(violations)
    }
}
