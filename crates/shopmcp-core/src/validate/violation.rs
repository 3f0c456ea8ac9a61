//! One broken argument rule, naming the field and the rule.

use std::fmt;

/// Which rule an argument broke.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rule {
    /// The field is not part of the tool's input.
    UnknownField,
    /// The field exists upstream but this write tool may not change it.
    NotWritable {
        /// The tool.
        tool: String,
        /// What the tool may change.
        writable: Vec<String>,
    },
    /// The field is forbidden everywhere (e.g. `password`, `role_id`, `is_active`).
    Forbidden,
    /// The same key appears twice in one object.
    DuplicateKey,
    /// Objects/arrays nested deeper than allowed.
    TooDeep {
        /// The maximum depth.
        max: usize,
    },
    /// A string is longer than allowed.
    TooLong {
        /// What was measured (`bytes` or `characters`).
        unit: &'static str,
        /// The maximum.
        max: usize,
    },
    /// A string is shorter than allowed.
    TooShort {
        /// The minimum number of characters.
        min: usize,
    },
    /// An array has too many items.
    TooManyItems {
        /// The maximum.
        max: usize,
    },
    /// An array has too few items.
    TooFewItems {
        /// The minimum.
        min: usize,
    },
    /// A string contains a character not allowed there.
    BadCharacter {
        /// The code point, as `U+XXXX`.
        code_point: String,
        /// Why it is refused.
        reason: &'static str,
    },
    /// The value has the wrong JSON type.
    WrongType {
        /// The expected type(s).
        expected: String,
    },
    /// A required field is missing.
    Missing,
    /// The value is not one of the allowed values.
    NotAllowedValue {
        /// The allowed values (rendered as JSON).
        allowed: Vec<String>,
    },
    /// A number is outside its range.
    OutOfRange {
        /// A description of the range.
        range: String,
    },
    /// A string does not have the required form.
    BadFormat {
        /// What form is expected.
        expected: String,
    },
    /// The arguments are not valid JSON.
    Malformed {
        /// The parser's message.
        message: String,
    },
}

/// One violation: the field (a JSON path like `changes.price` or `items[2].sku`) and the rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The field's path (`(root)` for the arguments object itself).
    pub field: String,
    /// The rule.
    pub rule: Rule,
}

impl Violation {
    /// A violation of `rule` at `field`.
    pub fn new(field: impl Into<String>, rule: Rule) -> Self {
        Self {
            field: field.into(),
            rule,
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let field = &self.field;
        match &self.rule {
            Rule::UnknownField => write!(f, "`{field}` is not a field of this tool"),
            Rule::NotWritable { tool, writable } => write!(
                f,
                "`{field}` is not writable by {tool}; writable: {}",
                writable.join(", ")
            ),
            Rule::Forbidden => write!(f, "`{field}` is forbidden everywhere"),
            Rule::DuplicateKey => write!(f, "`{field}` appears more than once"),
            Rule::TooDeep { max } => write!(f, "`{field}` is nested deeper than {max} levels"),
            Rule::TooLong { unit, max } => write!(f, "`{field}` is longer than {max} {unit}"),
            Rule::TooShort { min } => write!(f, "`{field}` is shorter than {min} characters"),
            Rule::TooManyItems { max } => write!(f, "`{field}` has more than {max} items"),
            Rule::TooFewItems { min } => write!(f, "`{field}` has fewer than {min} items"),
            Rule::BadCharacter { code_point, reason } => {
                write!(f, "`{field}` contains {code_point} ({reason})")
            }
            Rule::WrongType { expected } => write!(f, "`{field}` must be {expected}"),
            Rule::Missing => write!(f, "`{field}` is required"),
            Rule::NotAllowedValue { allowed } => {
                write!(f, "`{field}` must be one of: {}", allowed.join(", "))
            }
            Rule::OutOfRange { range } => write!(f, "`{field}` must be {range}"),
            Rule::BadFormat { expected } => write!(f, "`{field}` must be {expected}"),
            Rule::Malformed { message } => write!(f, "arguments are not valid JSON: {message}"),
        }
    }
}
