//! What every tool handler shares: the client and the workspace's [`ToolOptions`].

use std::sync::Arc;

use shopmcp_core::{FnTool, Handler, SpecError, Tool, ToolSpec, ToolSpecBuilder};

use crate::{ShopifyClient, ToolOptions};

/// The state behind every tool of one [`tools`](crate::tools) call.
#[derive(Debug)]
pub(crate) struct Shared {
    pub(crate) client: Arc<ShopifyClient>,
    pub(crate) options: ToolOptions,
}

impl Shared {
    /// `value` when the workspace enabled customer PII, else `None`: a second line of
    /// defence behind the documents' `@include(if: $pii)`.
    pub(crate) fn pii<T>(&self, value: Option<T>) -> Option<T> {
        value.filter(|_| self.options.customer_pii)
    }
}

/// A built tool, or why its spec was refused.
pub(crate) type Built = Result<Arc<dyn Tool>, SpecError>;

/// Builds `spec` and wraps it with `handler`.
pub(crate) fn tool(
    spec: ToolSpecBuilder,
    shared: &Arc<Shared>,
    handler: Handler<Arc<Shared>>,
) -> Built {
    let spec: ToolSpec = spec.build()?;
    Ok(Arc::new(FnTool::new(spec, Arc::clone(shared), handler)))
}

/// The scopes of a read that returns customer data when PII is enabled: `base`, plus
/// `read_customers` when the output includes the customer.
pub(crate) fn with_customer_scope(shared: &Shared, base: &[&'static str]) -> Vec<&'static str> {
    let mut scopes = base.to_vec();
    if shared.options.customer_pii && !scopes.contains(&"read_customers") {
        scopes.push("read_customers");
    }
    scopes
}

/// Longest tag Shopify stores.
const MAX_TAG_CHARS: usize = 255;

/// Checks a tag list before it replaces a resource's tags: Shopify splits tags on commas, so
/// a comma would smuggle in extra tags.
pub(crate) fn check_tags(field: &str, tags: &[String]) -> Result<(), shopmcp_core::ToolError> {
    for tag in tags {
        let chars = tag.chars().count();
        if tag.trim().is_empty() || chars > MAX_TAG_CHARS || tag.contains(',') {
            return Err(crate::error::invalid(format!(
                "every entry of `{field}` must be 1 to {MAX_TAG_CHARS} characters without commas"
            )));
        }
    }
    Ok(())
}

/// The `input` of `orderUpdate` / `customerUpdate` for a note-and-tags change: the object's
/// global id, and the note and tags that were given (at least one must be).
pub(crate) fn note_and_tags_input(
    id: String,
    note: Option<String>,
    tags: Option<Vec<String>>,
) -> Result<serde_json::Map<String, serde_json::Value>, shopmcp_core::ToolError> {
    use serde_json::Value;
    let mut changes = serde_json::Map::new();
    changes.insert("id".into(), Value::String(id));
    if let Some(note) = note {
        changes.insert("note".into(), Value::String(note));
    }
    if let Some(tags) = tags {
        check_tags("tags", &tags)?;
        changes.insert("tags".into(), Value::from(tags));
    }
    if changes.len() == 1 {
        return Err(crate::error::invalid("give `note`, `tags` or both"));
    }
    Ok(changes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_checked() {
        assert!(check_tags("tags", &["vip".into(), "late delivery".into()]).is_ok());
        assert!(check_tags("tags", &[]).is_ok());
        for bad in ["a,b", " ", ""] {
            let err = check_tags("tags", &[bad.into()]).unwrap_err();
            assert!(err.model_message().contains("`tags`"));
        }
        assert!(check_tags("tags", &["x".repeat(256)]).is_err());
    }
}
