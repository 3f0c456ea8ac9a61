//! `searchCriteria` from enumerated fields, condition types and sort fields.
//!
//! Every search tool declares its own field and sort enums ([`search_fields!`]); the model picks
//! from them and supplies values only. Each filter becomes its own filter group (filters are
//! AND-ed), page sizes are capped at [`MAX_PAGE_SIZE`] and pages at [`MAX_PAGE`]; one call
//! fetches one page, never "every page".
//!
//! Values are checked per field kind (integers, decimals, dates, text). A value may not contain
//! a space, because a space is sent as `+`, which Magento releases decode differently when they
//! verify an OAuth signature; in `like` patterns a space is sent as `_` (any one character).

use std::fmt::Write as _;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::{ErrorKind, ToolError};

/// Largest page a search tool returns.
pub(crate) const MAX_PAGE_SIZE: u32 = 50;
/// Default page size.
pub(crate) const DEFAULT_PAGE_SIZE: u32 = 20;
/// Highest page number a search tool accepts.
pub(crate) const MAX_PAGE: u32 = 1000;
/// Most values in one `in` / `nin` list.
const MAX_LIST_VALUES: usize = 50;

/// What values a field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Digits only (ids, flags as 0/1).
    Integer,
    /// A decimal number (amounts).
    Decimal,
    /// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS`, UTC.
    Date,
    /// Text (codes, SKUs, names); `like` allowed.
    Text,
}

/// A search field: its Magento column, value kind, and whether it holds customer PII.
pub(crate) trait Field: Copy {
    /// The column name Magento filters on.
    fn column(self) -> &'static str;
    /// What values it takes.
    fn kind(self) -> Kind;
    /// Whether it is customer PII (usable only when the workspace enabled PII).
    fn personal(self) -> bool;
}

/// Declares a field enum: `Variant = "column" (Kind) [personal]`.
macro_rules! search_fields {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $column:literal ($kind:ident) $($personal:ident)?),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, schemars::JsonSchema)]
        pub(crate) enum $name {
            $($(#[$vm])* #[serde(rename = $column)] $variant),+
        }
        impl $crate::search::Field for $name {
            fn column(self) -> &'static str {
                match self { $(Self::$variant => $column),+ }
            }
            fn kind(self) -> $crate::search::Kind {
                match self { $(Self::$variant => $crate::search::Kind::$kind),+ }
            }
            fn personal(self) -> bool {
                match self { $(Self::$variant => $crate::search::search_fields!(@personal $($personal)?)),+ }
            }
        }
    };
    (@personal personal) => { true };
    (@personal) => { false };
}
pub(crate) use search_fields;

/// How a filter compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Condition {
    /// Equal.
    Eq,
    /// Not equal.
    Neq,
    /// Greater than.
    Gt,
    /// Greater than or equal.
    Gteq,
    /// Less than.
    Lt,
    /// Less than or equal.
    Lteq,
    /// SQL LIKE pattern (`%` any text, `_` one character); text fields only.
    Like,
    /// One of a comma-separated list (at most 50 values).
    In,
    /// None of a comma-separated list (at most 50 values).
    Nin,
}

impl Condition {
    fn as_str(self) -> &'static str {
        match self {
            Self::Eq => "eq",
            Self::Neq => "neq",
            Self::Gt => "gt",
            Self::Gteq => "gteq",
            Self::Lt => "lt",
            Self::Lteq => "lteq",
            Self::Like => "like",
            Self::In => "in",
            Self::Nin => "nin",
        }
    }
}

/// One filter. Filters are combined with AND.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Filter<F> {
    /// The field to filter on.
    pub(crate) field: F,
    /// How to compare.
    pub(crate) condition: Condition,
    /// The value: digits for ids, a decimal for amounts, `YYYY-MM-DD` or
    /// `YYYY-MM-DDTHH:MM:SS` (UTC) for dates, a comma-separated list for `in` / `nin`.
    #[schemars(length(min = 1, max = 255))]
    pub(crate) value: String,
}

/// Sort direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Direction {
    /// Ascending.
    Asc,
    /// Descending.
    Desc,
}

/// How to sort.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Sort<S> {
    /// The field to sort by.
    pub(crate) field: S,
    /// The direction.
    pub(crate) direction: Direction,
}

/// Arguments of every search tool: filters, sort and one page.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct SearchInput<F, S> {
    /// Filters (AND-ed), at most 5.
    #[schemars(length(max = 5))]
    pub(crate) filters: Option<Vec<Filter<F>>>,
    /// Sort order.
    pub(crate) sort: Option<Sort<S>>,
    /// Items per page (1 to 50, default 20).
    #[schemars(range(min = 1, max = 50))]
    pub(crate) page_size: Option<u32>,
    /// Page number (1 to 1000, default 1).
    #[schemars(range(min = 1, max = 1000))]
    pub(crate) page: Option<u32>,
}

/// Paging arguments of list tools without filters.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PageInput {
    /// Items per page (1 to 50, default 20).
    #[schemars(range(min = 1, max = 50))]
    pub(crate) page_size: Option<u32>,
    /// Page number (1 to 1000, default 1).
    #[schemars(range(min = 1, max = 1000))]
    pub(crate) page: Option<u32>,
}

/// A built `searchCriteria`: query pairs plus the page actually asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Criteria {
    pub(crate) query: Vec<(String, String)>,
    pub(crate) page: u32,
    pub(crate) page_size: u32,
}

fn invalid(message: String) -> ToolError {
    ToolError::new(ErrorKind::InvalidArguments, message)
}

fn page_of(page: Option<u32>, page_size: Option<u32>) -> (u32, u32) {
    (
        page.unwrap_or(1).clamp(1, MAX_PAGE),
        page_size
            .unwrap_or(DEFAULT_PAGE_SIZE)
            .clamp(1, MAX_PAGE_SIZE),
    )
}

fn is_date(v: &str) -> bool {
    let b = v.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    let date = digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10);
    match b.len() {
        10 => date,
        19 => {
            date && b.get(10) == Some(&b'T')
                && digits(11..13)
                && b.get(13) == Some(&b':')
                && digits(14..16)
                && b.get(16) == Some(&b':')
                && digits(17..19)
        }
        _ => false,
    }
}

fn is_decimal(v: &str) -> bool {
    let v = v.strip_prefix('-').unwrap_or(v);
    let (int, frac) = v.split_once('.').unwrap_or((v, "0"));
    !int.is_empty()
        && !frac.is_empty()
        && int.len() <= 15
        && frac.len() <= 6
        && int.bytes().chain(frac.bytes()).all(|c| c.is_ascii_digit())
}

/// Checks one value of `field`, returns what goes on the wire.
fn wire_value<F: Field>(field: F, condition: Condition, value: &str) -> Result<String, ToolError> {
    let column = field.column();
    let kind = field.kind();
    if condition == Condition::Like {
        if kind != Kind::Text {
            return Err(invalid(format!(
                "`like` only works on text fields, not `{column}`"
            )));
        }
        return Ok(value.replace(' ', "_"));
    }
    let items: Vec<&str> = if matches!(condition, Condition::In | Condition::Nin) {
        value.split(',').collect()
    } else {
        vec![value]
    };
    if items.len() > MAX_LIST_VALUES {
        return Err(invalid(format!(
            "at most {MAX_LIST_VALUES} values in one `in` list"
        )));
    }
    for item in &items {
        let ok = match kind {
            Kind::Integer => {
                !item.is_empty() && item.len() <= 18 && item.bytes().all(|c| c.is_ascii_digit())
            }
            Kind::Decimal => is_decimal(item),
            Kind::Date => is_date(item),
            Kind::Text => !item.is_empty() && !item.contains(' '),
        };
        if !ok {
            let expected = match kind {
                Kind::Integer => "digits only",
                Kind::Decimal => "a decimal number such as 19.99",
                Kind::Date => "a UTC date `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS`",
                Kind::Text => {
                    "text without spaces (use `like`, where a space matches any one character)"
                }
            };
            return Err(invalid(format!(
                "the value for `{column}` must be {expected}"
            )));
        }
    }
    Ok(value.to_owned())
}

impl Criteria {
    /// Builds the query of a search. `personal_allowed`: whether PII fields may be filtered on.
    pub(crate) fn search<F: Field, S: Field>(
        input: &SearchInput<F, S>,
        personal_allowed: bool,
    ) -> Result<Self, ToolError> {
        let mut query = Vec::new();
        for (i, filter) in input.filters.iter().flatten().enumerate() {
            let column = filter.field.column();
            if filter.field.personal() && !personal_allowed {
                return Err(invalid(format!(
                    "filtering on `{column}` needs customer data to be enabled for this workspace"
                )));
            }
            let value = wire_value(filter.field, filter.condition, &filter.value)?;
            let key = |part: &str| {
                let mut k = String::new();
                let _ = write!(k, "searchCriteria[filterGroups][{i}][filters][0][{part}]");
                k
            };
            query.push((key("field"), column.to_owned()));
            query.push((key("value"), value));
            query.push((key("conditionType"), filter.condition.as_str().to_owned()));
        }
        if let Some(sort) = &input.sort {
            query.push((
                "searchCriteria[sortOrders][0][field]".into(),
                sort.field.column().into(),
            ));
            let dir = match sort.direction {
                Direction::Asc => "ASC",
                Direction::Desc => "DESC",
            };
            query.push((
                "searchCriteria[sortOrders][0][direction]".into(),
                dir.into(),
            ));
        }
        Ok(Self::paged(query, input.page, input.page_size))
    }

    /// Only a page (list tools).
    pub(crate) fn page(input: &PageInput) -> Self {
        Self::paged(Vec::new(), input.page, input.page_size)
    }

    fn paged(mut query: Vec<(String, String)>, page: Option<u32>, page_size: Option<u32>) -> Self {
        let (page, page_size) = page_of(page, page_size);
        query.push(("searchCriteria[pageSize]".into(), page_size.to_string()));
        query.push(("searchCriteria[currentPage]".into(), page.to_string()));
        Self {
            query,
            page,
            page_size,
        }
    }
}

/// Magento's search answer (`{items, search_criteria, total_count}`).
#[derive(Debug, Deserialize)]
#[serde(bound(deserialize = "T: serde::de::DeserializeOwned"))]
pub(crate) struct SearchResult<T> {
    #[serde(
        default = "Vec::new",
        deserialize_with = "crate::values::null_as_default"
    )]
    pub(crate) items: Vec<T>,
    #[serde(default)]
    pub(crate) total_count: u64,
}

/// One page of results, as every search tool returns it.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct SearchOutput<T> {
    /// The items of this page.
    pub(crate) items: Vec<T>,
    /// How many items match in total.
    pub(crate) total_count: u64,
    /// This page's number.
    pub(crate) page: u32,
    /// Items per page.
    pub(crate) page_size: u32,
    /// Whether a later page has more items.
    pub(crate) has_more: bool,
}

impl<T> SearchOutput<T> {
    /// Maps a page of upstream items. Magento answers a page past the end with the last page
    /// again; such a page is returned empty.
    pub(crate) fn from_result<U>(
        result: SearchResult<U>,
        criteria: &Criteria,
        map: impl FnMut(U) -> T,
    ) -> Self {
        let before = u64::from(criteria.page - 1) * u64::from(criteria.page_size);
        let past_end = before >= result.total_count;
        let items = if past_end {
            Vec::new()
        } else {
            result.items.into_iter().map(map).collect()
        };
        Self {
            items,
            total_count: result.total_count,
            page: criteria.page,
            page_size: criteria.page_size,
            has_more: before + u64::from(criteria.page_size) < result.total_count,
        }
    }
}

#[cfg(test)]
#[path = "search_tests.rs"]
mod tests;
