//! The naming rule for slots, credential kinds and field names.
//!
//! Names end up in record contexts, JSON keys and operator logs, so they are restricted to
//! `1..=64` characters from `A-Z a-z 0-9 _ - .`. In particular a name can never contain `:`,
//! the separator of the record kind (`credential:{platform}.{slot}:{kind}`).

use crate::VaultError;

/// The longest name accepted.
pub const MAX_NAME_LEN: usize = 64;

/// Whether `name` follows the naming rule.
pub fn is_valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_NAME_LEN
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
}

/// `Ok(())` when `name` follows the rule, else [`VaultError::InvalidName`].
pub(crate) fn check_name(what: &'static str, name: &str) -> Result<(), VaultError> {
    if is_valid_name(name) {
        Ok(())
    } else {
        Err(VaultError::InvalidName {
            what,
            value: name.chars().take(MAX_NAME_LEN).collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for ok in ["token", "consumer_key", "api-key.v2", "A1"] {
            assert!(is_valid_name(ok), "{ok}");
        }
        let long = "a".repeat(MAX_NAME_LEN + 1);
        for bad in ["", "a:b", "a b", "é", "a/b", long.as_str()] {
            assert!(!is_valid_name(bad), "{bad}");
        }
        assert!(matches!(
            check_name("field", "x:y"),
            Err(VaultError::InvalidName { what: "field", .. })
        ));
    }
}
