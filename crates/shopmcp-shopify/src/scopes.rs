//! Access scopes: what the token was granted, and which tools that allows.
//!
//! At connect time, read the granted scopes with
//! [`ShopifyClient::granted_scopes`](crate::ShopifyClient::granted_scopes) and register only the
//! tools they allow with [`filter_tools`]; the [`ScopeReport`] says which tools were left out
//! and which scopes they miss. Shopify's rule applies: a `write_X` scope implies `read_X`
//! (`unauthenticated_write_X` implies `unauthenticated_read_X`).

use std::collections::BTreeSet;
use std::fmt;
use std::sync::Arc;

use serde::Deserialize;
use shopmcp_core::Tool;

use crate::graphql::Document;

/// The document that lists the scopes granted to the app installation.
pub(crate) const GRANTED_SCOPES: Document = Document::admin_query(
    "GrantedScopes",
    r"query GrantedScopes {
  currentAppInstallation {
    accessScopes {
      handle
    }
  }
}",
);

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GrantedScopesData {
    current_app_installation: Installation,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Installation {
    access_scopes: Vec<Handle>,
}

#[derive(Deserialize)]
struct Handle {
    handle: String,
}

impl From<GrantedScopesData> for GrantedScopes {
    fn from(d: GrantedScopesData) -> Self {
        GrantedScopes::new(
            d.current_app_installation
                .access_scopes
                .into_iter()
                .map(|h| h.handle),
        )
    }
}

/// The access scopes a token holds, with Shopify's implication rule.
///
/// ```
/// use shopmcp_shopify::GrantedScopes;
/// let granted = GrantedScopes::new(["write_orders", "read_products"]);
/// assert!(granted.allows("read_orders"));
/// assert!(granted.allows("write_orders"));
/// assert!(!granted.allows("write_products"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GrantedScopes {
    handles: BTreeSet<String>,
}

impl GrantedScopes {
    /// The scopes `handles` (surrounding whitespace ignored).
    pub fn new<I, S>(handles: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        Self {
            handles: handles
                .into_iter()
                .map(|h| h.as_ref().trim().to_owned())
                .filter(|h| !h.is_empty())
                .collect(),
        }
    }

    /// Whether `scope` is granted, directly or through its `write_` counterpart.
    pub fn allows(&self, scope: &str) -> bool {
        if self.handles.contains(scope) {
            return true;
        }
        let implied_by = |prefix: &str| {
            scope.strip_prefix(prefix).is_some_and(|rest| {
                let write = format!("{}{rest}", prefix.replace("read_", "write_"));
                self.handles.contains(&write)
            })
        };
        implied_by("read_") || implied_by("unauthenticated_read_")
    }

    /// The granted handles, sorted.
    pub fn handles(&self) -> impl Iterator<Item = &str> {
        self.handles.iter().map(String::as_str)
    }
}

/// A tool that was not registered, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeftOutTool {
    /// The tool's name.
    pub tool: String,
    /// The scopes it needs that were not granted.
    pub missing: Vec<String>,
}

impl fmt::Display for LeftOutTool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} was left out: it needs the access scope{} {} which the token was not granted",
            self.tool,
            if self.missing.len() == 1 { "" } else { "s" },
            self.missing.join(", ")
        )
    }
}

/// Which tools [`filter_tools`] left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScopeReport {
    /// The tools left out, in the order they were given.
    pub left_out: Vec<LeftOutTool>,
}

impl ScopeReport {
    /// Whether every tool was kept.
    pub fn is_complete(&self) -> bool {
        self.left_out.is_empty()
    }

    /// Every scope some left-out tool needs, sorted: what to grant to get them all.
    pub fn missing_scopes(&self) -> BTreeSet<&str> {
        self.left_out
            .iter()
            .flat_map(|t| t.missing.iter().map(String::as_str))
            .collect()
    }
}

impl fmt::Display for ScopeReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.left_out.is_empty() {
            return f.write_str("every tool's access scopes are granted");
        }
        for (i, t) in self.left_out.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{t}")?;
        }
        Ok(())
    }
}

/// Keeps the tools whose every declared scope is granted; reports the others.
///
/// ```
/// # use std::sync::Arc;
/// # use shopmcp_http::{HttpClient, ShopHandle};
/// use shopmcp_shopify::{filter_tools, tools, ApiVersion, GrantedScopes, ShopifyClient, ShopifyConfig, ToolOptions};
/// # let http = HttpClient::builder().build().unwrap();
/// # let config = ShopifyConfig::new(ShopHandle::parse("acme").unwrap(), ApiVersion::V2026_07);
/// let client = Arc::new(ShopifyClient::new(http, config));
/// let granted = GrantedScopes::new(["read_products"]);
/// let (kept, report) = filter_tools(tools(&client, &ToolOptions::default()), &granted);
/// assert!(kept.iter().any(|t| t.spec().name() == "shopify_products_list"));
/// assert!(report.to_string().contains("shopify_orders_list was left out: it needs the access scope read_orders"));
/// ```
pub fn filter_tools(
    tools: Vec<Arc<dyn Tool>>,
    granted: &GrantedScopes,
) -> (Vec<Arc<dyn Tool>>, ScopeReport) {
    let mut kept = Vec::with_capacity(tools.len());
    let mut report = ScopeReport::default();
    for tool in tools {
        let missing: Vec<String> = tool
            .spec()
            .scopes()
            .iter()
            .filter(|s| !granted.allows(s))
            .cloned()
            .collect();
        if missing.is_empty() {
            kept.push(tool);
        } else {
            report.left_out.push(LeftOutTool {
                tool: tool.spec().name().to_owned(),
                missing,
            });
        }
    }
    (kept, report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_implies_read_only() {
        let g = GrantedScopes::new([" write_inventory ", "unauthenticated_write_checkouts", ""]);
        assert!(g.allows("read_inventory"));
        assert!(g.allows("write_inventory"));
        assert!(g.allows("unauthenticated_read_checkouts"));
        assert!(!g.allows("read_orders"));
        assert!(!g.allows("write_orders"));
        assert!(!g.allows("inventory"));
        assert!(!g.allows("read_"));
        assert_eq!(g.handles().count(), 2);
        let g = GrantedScopes::new(["read_orders"]);
        assert!(!g.allows("write_orders"));
    }

    #[test]
    fn report_text() {
        let report = ScopeReport {
            left_out: vec![
                LeftOutTool {
                    tool: "shopify_a_get".into(),
                    missing: vec!["read_a".into()],
                },
                LeftOutTool {
                    tool: "shopify_b_set".into(),
                    missing: vec!["write_b".into(), "read_a".into()],
                },
            ],
        };
        let text = report.to_string();
        assert!(text.contains("shopify_a_get was left out: it needs the access scope read_a "));
        assert!(text.contains("scopes write_b, read_a"));
        assert_eq!(
            report.missing_scopes().into_iter().collect::<Vec<_>>(),
            ["read_a", "write_b"]
        );
        assert!(!report.is_complete());
        assert!(ScopeReport::default().to_string().contains("every tool"));
    }
}
