//! Output and wire types shared by several resources: money, pages, addresses, counts.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::Untrusted;

/// Largest page any list tool asks Shopify for.
pub(crate) const MAX_PAGE: u32 = 50;
/// Page size when the caller gives none.
pub(crate) const DEFAULT_PAGE: u32 = 20;

/// The page size to request: the caller's, within 1..=50, or the default.
pub(crate) fn page_size(first: Option<u32>) -> u32 {
    first.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE)
}

/// An amount of money.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub(crate) struct Money {
    /// Decimal amount, e.g. `"19.99"`.
    #[schemars(extend("format" = "decimal"))]
    pub(crate) amount: String,
    /// ISO 4217 currency code.
    pub(crate) currency: String,
}

/// `MoneyV2` on the wire.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WireMoney {
    amount: String,
    currency_code: String,
}

impl From<WireMoney> for Money {
    fn from(m: WireMoney) -> Self {
        Self {
            amount: m.amount,
            currency: m.currency_code,
        }
    }
}

/// `MoneyBag` on the wire: the shop-currency amount is what tools report.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WireMoneyBag {
    shop_money: WireMoney,
}

impl From<WireMoneyBag> for Money {
    fn from(m: WireMoneyBag) -> Self {
        m.shop_money.into()
    }
}

/// Converts an optional wire money value.
pub(crate) fn money<T: Into<Money>>(m: Option<T>) -> Option<Money> {
    m.map(Into::into)
}

/// Where the next page starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub(crate) struct PageInfo {
    /// Whether more results follow.
    pub(crate) has_next_page: bool,
    /// Pass as `after` to get the next page.
    pub(crate) end_cursor: Option<String>,
}

/// `PageInfo` on the wire.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WirePageInfo {
    has_next_page: bool,
    #[serde(default)]
    end_cursor: Option<String>,
}

impl From<WirePageInfo> for PageInfo {
    fn from(p: WirePageInfo) -> Self {
        Self {
            has_next_page: p.has_next_page,
            end_cursor: p.end_cursor.filter(|_| p.has_next_page),
        }
    }
}

/// A connection on the wire: `nodes` and, when selected, `pageInfo`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Connection<T> {
    pub(crate) nodes: Vec<T>,
    #[serde(default)]
    pub(crate) page_info: Option<WirePageInfo>,
}

impl<T> Connection<T> {
    /// The page info, or "no more pages" when it was not selected.
    pub(crate) fn page(&mut self) -> PageInfo {
        self.page_info.take().map_or(
            PageInfo {
                has_next_page: false,
                end_cursor: None,
            },
            Into::into,
        )
    }

    /// Whether the connection has more nodes than were fetched.
    pub(crate) fn truncated(&self) -> bool {
        self.page_info.as_ref().is_some_and(|p| p.has_next_page)
    }
}

/// `Count` on the wire.
#[derive(Debug, Deserialize)]
pub(crate) struct WireCount {
    pub(crate) count: u64,
    #[serde(default)]
    pub(crate) precision: Option<String>,
}

/// A postal address (customer data: shown only when customer PII is enabled).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub(crate) struct Address {
    /// The address lines as Shopify formats them (name, company, street, city, country).
    pub(crate) formatted: Untrusted,
    /// ISO 3166-1 alpha-2 country code.
    pub(crate) country_code: Option<String>,
}

/// `MailingAddress` on the wire (`formatted(withName: true, withCompany: true)`,
/// `countryCodeV2`).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WireAddress {
    formatted: Vec<String>,
    #[serde(default)]
    country_code_v2: Option<String>,
}

impl From<WireAddress> for Address {
    fn from(a: WireAddress) -> Self {
        Self {
            formatted: Untrusted::new(a.formatted.join("\n")),
            country_code: a.country_code_v2,
        }
    }
}

/// Wraps optional outside text as untrusted.
pub(crate) fn untrusted(text: Option<String>) -> Option<Untrusted> {
    text.filter(|t| !t.is_empty()).map(Untrusted::new)
}

/// An `UnsignedInt64`, which Shopify sends as a string.
pub(crate) fn unsigned(v: &serde_json::Value) -> u64 {
    match v {
        serde_json::Value::String(s) => s.parse().unwrap_or(0),
        other => other.as_u64().unwrap_or(0),
    }
}

/// A `{ id }` reference on the wire.
#[derive(Debug, Deserialize)]
pub(crate) struct WireRef {
    pub(crate) id: String,
}

/// Whether the caller asked for newest first (the default) or oldest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum SortOrder {
    /// Newest / highest first.
    #[default]
    Desc,
    /// Oldest / lowest first.
    Asc,
}

impl SortOrder {
    /// Shopify's `reverse` argument for keys that sort ascending by default.
    pub(crate) fn reverse(self) -> bool {
        self == Self::Desc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_sizes_are_bounded() {
        assert_eq!(page_size(None), 20);
        assert_eq!(page_size(Some(0)), 1);
        assert_eq!(page_size(Some(500)), 50);
        assert_eq!(page_size(Some(7)), 7);
    }

    #[test]
    fn cursors_only_when_more_follow() {
        let p: PageInfo = WirePageInfo {
            has_next_page: false,
            end_cursor: Some("abc".into()),
        }
        .into();
        assert_eq!(p.end_cursor, None);
        let mut c: Connection<u8> = serde_json::from_str(
            r#"{"nodes":[1],"pageInfo":{"hasNextPage":true,"endCursor":"x"}}"#,
        )
        .unwrap();
        assert!(c.truncated());
        assert_eq!(c.page().end_cursor.as_deref(), Some("x"));
    }
}
