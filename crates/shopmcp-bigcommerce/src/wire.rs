//! Shapes shared by every resource: lenient field readers, paging, decimal amounts.
//!
//! BigCommerce is inconsistent about types across API versions (v2 sends money as strings such
//! as `"336.3200"`, v3 as numbers such as `7.95`; ids are sometimes numbers with a fraction).
//! The readers here accept both, so a harmless type change upstream never fails a whole list.

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Number, Value};
use shopmcp_core::Untrusted;

use crate::error::BcError;

/// The default page size of list tools.
pub(crate) const DEFAULT_LIMIT: u32 = 20;

/// The largest page size any list tool asks for.
pub const MAX_PAGE_SIZE: u32 = 50;

/// A page request: 1-based page and a capped size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Paging {
    pub(crate) page: u32,
    pub(crate) limit: u32,
}

impl Paging {
    pub(crate) fn new(page: Option<u32>, limit: Option<u32>) -> Self {
        Self {
            page: page.unwrap_or(1).max(1),
            limit: limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_PAGE_SIZE),
        }
    }
}

/// `meta.pagination` of a v3 list.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct Pagination {
    #[serde(default, deserialize_with = "opt_u64")]
    pub(crate) total: Option<u64>,
    #[serde(default, deserialize_with = "opt_u64")]
    pub(crate) current_page: Option<u64>,
    #[serde(default, deserialize_with = "opt_u64")]
    pub(crate) total_pages: Option<u64>,
}

/// `meta.cursor_pagination` of a v3 list with cursors.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct CursorPagination {
    #[serde(default, deserialize_with = "opt_string")]
    pub(crate) end_cursor: Option<String>,
    #[serde(default)]
    pub(crate) links: Option<CursorLinks>,
}

/// `meta.cursor_pagination.links`.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct CursorLinks {
    #[serde(default, deserialize_with = "opt_string")]
    pub(crate) next: Option<String>,
}

/// `meta` of a v3 list (absent for v2 lists).
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct ListMeta {
    #[serde(default)]
    pub(crate) pagination: Option<Pagination>,
    #[serde(default)]
    pub(crate) cursor_pagination: Option<CursorPagination>,
}

/// One page of a list, as the client returns it.
#[derive(Debug, Clone)]
pub(crate) struct Page<T> {
    pub(crate) items: Vec<T>,
    pub(crate) meta: ListMeta,
}

/// Where a list answer sits in the whole collection.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct PageInfo {
    /// The page returned (1-based).
    pub(crate) page: u32,
    /// The page size asked for.
    pub(crate) limit: u32,
    /// The next page to ask for, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) next_page: Option<u32>,
    /// How many items match in total, when the store says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) total: Option<u64>,
}

impl PageInfo {
    /// Page information from the v3 `meta.pagination`, or for v2 lists (no meta) from whether
    /// the page came back full.
    pub(crate) fn of<T>(paging: Paging, page: &Page<T>) -> Self {
        let returned = u32::try_from(page.items.len()).unwrap_or(u32::MAX);
        let next_page = match &page.meta.pagination {
            Some(Pagination {
                current_page: Some(current),
                total_pages: Some(pages),
                ..
            }) => (current < pages).then(|| paging.page.saturating_add(1)),
            _ => (returned >= paging.limit).then(|| paging.page.saturating_add(1)),
        };
        Self {
            page: paging.page,
            limit: paging.limit,
            next_page,
            total: page.meta.pagination.as_ref().and_then(|p| p.total),
        }
    }
}

/// Sort direction of v3 lists.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Direction {
    /// Ascending.
    Asc,
    /// Descending.
    Desc,
}

impl Direction {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Asc => "asc",
            Self::Desc => "desc",
        }
    }
}

/// Fails unless at least one change is given (an empty `changes` object would send an empty
/// update).
pub(crate) fn require_changes(fields: &[(&'static str, bool)]) -> Result<Vec<String>, BcError> {
    let named: Vec<String> = fields
        .iter()
        .filter(|(_, set)| *set)
        .map(|(name, _)| (*name).to_owned())
        .collect();
    if named.is_empty() {
        let all: Vec<&str> = fields.iter().map(|(name, _)| *name).collect();
        return Err(BcError::Invalid(format!(
            "`changes` must set at least one of: {}",
            all.join(", ")
        )));
    }
    Ok(named)
}

/// A JSON number for a request body, from a validated decimal string (`"19.99"`).
///
/// The schema already checked the format; this refuses negative values (every amount this
/// crate sends is a price, weight or refund amount) and values that would not survive the
/// trip through a JSON number (more significant digits than a double holds).
pub(crate) fn decimal_number(field: &str, text: &str) -> Result<Number, BcError> {
    let invalid = || {
        BcError::Invalid(format!(
            "`{field}` must be a non-negative decimal amount with at most 15 significant digits"
        ))
    };
    if text.starts_with('-') {
        return Err(invalid());
    }
    let value: f64 = text.parse().map_err(|_| invalid())?;
    let number = Number::from_f64(value).ok_or_else(invalid)?;
    if normalise(&number.to_string()) != normalise(text) {
        return Err(invalid());
    }
    Ok(number)
}

fn normalise(text: &str) -> String {
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let int = int.trim_start_matches('0');
    let frac = frac.trim_end_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    if frac.is_empty() {
        if int == "0" {
            "0".to_owned()
        } else {
            format!("{sign}{int}")
        }
    } else {
        format!("{sign}{int}.{frac}")
    }
}

/// Reads a number or a numeric string as a decimal string (`7.95` → `"7.95"`).
pub(crate) fn decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        _ => None,
    })
}

/// Reads a non-negative integer given as a number (possibly `12.0`) or a numeric string.
pub(crate) fn opt_u64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Number(n) => n.as_u64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f < 9.0e15)
                .map(|f| f as u64)
        }),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    })
}

/// Reads an integer that may be negative.
pub(crate) fn opt_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Number(n) => n.as_i64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
                .map(|f| f as i64)
        }),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    })
}

/// Reads a string (numbers are written out); empty strings and other types become `None`.
pub(crate) fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) if !s.is_empty() => Some(s),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

/// Reads a boolean (also `"true"`/`"false"`, `0`/`1`).
pub(crate) fn opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Bool(b) => Some(b),
        Value::String(s) => s.parse().ok(),
        Value::Number(n) => n.as_u64().map(|v| v != 0),
        _ => None,
    })
}

/// Reads text written outside the merchant (customers, importers) as [`Untrusted`].
pub(crate) fn untrusted<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Untrusted>, D::Error> {
    Ok(opt_string(d)?
        .filter(|s| !s.trim().is_empty())
        .map(Untrusted::new))
}

/// Reads an array, skipping it when the store sent something else (e.g. a `{url, resource}`
/// link object where a list was expected).
pub(crate) fn lenient_vec<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    Ok(match Value::deserialize(d)? {
        Value::Array(items) => items
            .into_iter()
            .filter_map(|v| serde_json::from_value(v).ok())
            .collect(),
        _ => Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_round_trip_or_are_refused() {
        for (text, wire) in [
            ("19.99", "19.99"),
            ("7", "7.0"),
            ("0.50", "0.5"),
            ("0", "0.0"),
        ] {
            assert_eq!(decimal_number("price", text).unwrap().to_string(), wire);
        }
        assert!(decimal_number("price", "123456789012345.123456").is_err());
        assert!(decimal_number("price", "abc").is_err());
        assert!(decimal_number("price", "-2.25").is_err());
    }

    #[test]
    fn paging_is_capped() {
        assert_eq!(Paging::new(None, None), Paging { page: 1, limit: 20 });
        assert_eq!(
            Paging::new(Some(0), Some(500)),
            Paging { page: 1, limit: 50 }
        );
    }

    #[test]
    fn next_page_from_meta_or_fullness() {
        let paging = Paging::new(Some(2), Some(2));
        let v2_full = Page {
            items: vec![1, 2],
            meta: ListMeta::default(),
        };
        assert_eq!(PageInfo::of(paging, &v2_full).next_page, Some(3));
        let v2_short = Page {
            items: vec![1],
            meta: ListMeta::default(),
        };
        assert_eq!(PageInfo::of(paging, &v2_short).next_page, None);
        let v3_last = Page {
            items: vec![1, 2],
            meta: ListMeta {
                pagination: Some(Pagination {
                    total: Some(4),
                    current_page: Some(2),
                    total_pages: Some(2),
                }),
                cursor_pagination: None,
            },
        };
        let info = PageInfo::of(paging, &v3_last);
        assert_eq!((info.next_page, info.total), (None, Some(4)));
    }
}
