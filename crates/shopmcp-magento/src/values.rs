//! Value conversions shared by the resources: amounts, decimals, flags and untrusted text.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{DeserializeOwned, Deserializer};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Number, Value};
use shopmcp_core::{ErrorKind, ToolError, Untrusted};

/// A decimal amount or quantity as Magento sent it, shown as a decimal string (no float
/// arithmetic happens on it: the JSON number's own text is kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Amount(String);

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Value::deserialize(d)? {
            Value::Number(n) => Ok(Self(n.to_string())),
            Value::String(s) => Ok(Self(s)),
            other => Err(serde::de::Error::custom(format!(
                "expected an amount, found {}",
                kind_of(&other)
            ))),
        }
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl JsonSchema for Amount {
    fn schema_name() -> Cow<'static, str> {
        "Amount".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"type": "string", "format": "decimal", "description": "A decimal number, as the store sent it."})
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Deserialises `null` as the type's default (Magento sends `null` for empty lists).
pub(crate) fn null_as_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// A Magento 0/1 flag (integer or boolean in the JSON) as a boolean.
pub(crate) fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        Some(Value::Bool(b)) => Some(b),
        Some(Value::Number(n)) => Some(n.as_u64() != Some(0)),
        Some(Value::String(s)) => Some(s != "0" && !s.is_empty()),
        _ => None,
    })
}

/// Text from customers or third parties, marked untrusted; empty text is left out.
pub(crate) fn untrusted(text: Option<String>) -> Option<Untrusted> {
    text.filter(|t| !t.trim().is_empty()).map(Untrusted::new)
}

/// Most significant digits a decimal input may have: every decimal of up to 15 significant
/// digits survives the trip through an IEEE double unchanged, so the JSON number sent is the
/// value the model wrote.
const MAX_SIGNIFICANT_DIGITS: usize = 15;

/// Turns a validated decimal string (`format: decimal`) into the JSON number Magento's schema
/// asks for. `min_zero`: negative values are refused.
pub(crate) fn decimal_number(
    field: &str,
    value: &str,
    min_zero: bool,
) -> Result<Number, ToolError> {
    let invalid = |why: &str| {
        ToolError::new(
            ErrorKind::InvalidArguments,
            format!("`{field}` must be {why}"),
        )
    };
    let unsigned = value.strip_prefix('-').unwrap_or(value);
    if min_zero && unsigned.len() != value.len() {
        return Err(invalid("zero or more"));
    }
    let digits = unsigned
        .bytes()
        .filter(u8::is_ascii_digit)
        .skip_while(|d| *d == b'0')
        .count();
    let well_formed = !unsigned.is_empty()
        && unsigned.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && unsigned.bytes().filter(|b| *b == b'.').count() <= 1
        && !unsigned.starts_with('.')
        && !unsigned.ends_with('.');
    if !well_formed {
        return Err(invalid("a decimal number such as 19.99"));
    }
    if digits > MAX_SIGNIFICANT_DIGITS {
        return Err(invalid(
            "a decimal number with at most 15 significant digits",
        ));
    }
    value
        .parse::<f64>()
        .ok()
        .and_then(Number::from_f64)
        .ok_or_else(|| invalid("a finite decimal number"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_round_trip_exactly() {
        for (input, wire) in [
            ("19.99", "19.99"),
            ("0", "0.0"),
            ("1000", "1000.0"),
            ("12345678.123456", "12345678.123456"),
            ("0.1", "0.1"),
            ("999999999999.999", "999999999999.999"),
        ] {
            let n = decimal_number("price", input, true).unwrap();
            assert_eq!(n.to_string(), wire, "{input}");
        }
        assert!(decimal_number("price", "-1", true).is_err());
        assert_eq!(
            decimal_number("qty", "-1.5", false).unwrap().to_string(),
            "-1.5"
        );
        for bad in [
            "",
            ".5",
            "5.",
            "1e5",
            "1.2.3",
            "12345678901234567",
            "NaN",
            "0x10",
        ] {
            assert!(decimal_number("price", bad, false).is_err(), "{bad}");
        }
    }

    #[test]
    fn amounts_keep_the_number_text() {
        let a: Amount = serde_json::from_str("19.9").unwrap();
        assert_eq!(
            serde_json::to_value(&a).unwrap(),
            Value::String("19.9".into())
        );
        let a: Amount = serde_json::from_str("\"5.0000\"").unwrap();
        assert_eq!(a, Amount("5.0000".into()));
        assert!(serde_json::from_str::<Amount>("true").is_err());
    }
}
