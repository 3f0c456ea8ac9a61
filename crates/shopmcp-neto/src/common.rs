//! Pieces every resource uses: paging, date filters, the shared tool state, and turning
//! customer-supplied address parts into one untrusted block.

use std::sync::Arc;

use shopmcp_core::{FnTool, Handler, SpecError, Tool, ToolSpec, Untrusted};

use crate::{NetoClient, ToolOptions};

/// Page size when the caller gives none.
pub(crate) const DEFAULT_LIMIT: u32 = 20;
/// Largest page size a caller may ask for.
pub(crate) const MAX_LIMIT: u32 = 100;
/// Highest page number (0-based) a caller may ask for.
pub(crate) const MAX_PAGE: u32 = 10_000;

/// What every handler gets: the client and the deployment's options.
#[derive(Debug)]
pub(crate) struct Shared {
    pub(crate) client: Arc<NetoClient>,
    pub(crate) options: ToolOptions,
}

/// The tools of one resource file, each built or refused by its spec's rules.
pub(crate) type ToolList = Vec<Result<Arc<dyn Tool>, SpecError>>;

/// One tool: its spec, the shared state and its handler.
pub(crate) fn tool(
    spec: Result<ToolSpec, SpecError>,
    shared: &Arc<Shared>,
    handler: Handler<Arc<Shared>>,
) -> Result<Arc<dyn Tool>, SpecError> {
    let tool: Arc<dyn Tool> = Arc::new(FnTool::new(spec?, Arc::clone(shared), handler));
    Ok(tool)
}

/// `(page, limit)` with defaults applied (Neto pages are 0-based).
pub(crate) fn paging(page: Option<u32>, limit: Option<u32>) -> (u32, u32) {
    (
        page.unwrap_or(0).min(MAX_PAGE),
        limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT),
    )
}

/// The next page number when this one came back full (there may be more).
pub(crate) fn next_page(page: u32, limit: u32, returned: usize) -> Option<u32> {
    (returned >= limit as usize && page < MAX_PAGE).then_some(page + 1)
}

/// `YYYY-MM-DD` → the first second of that day, as Neto writes date-times.
pub(crate) fn day_start(date: Option<&String>) -> Option<String> {
    date.map(|d| format!("{d} 00:00:00"))
}

/// `YYYY-MM-DD` → the last second of that day, as Neto writes date-times.
pub(crate) fn day_end(date: Option<&String>) -> Option<String> {
    date.map(|d| format!("{d} 23:59:59"))
}

/// Joins the non-empty parts of a customer-supplied address (one per line) into one
/// [`Untrusted`] block, or nothing when every part is empty.
pub(crate) fn address_block(lines: &[Vec<Option<&str>>]) -> Option<Untrusted> {
    let text: Vec<String> = lines
        .iter()
        .map(|parts| {
            parts
                .iter()
                .flatten()
                .map(|p| p.trim())
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|line| !line.is_empty())
        .collect();
    (!text.is_empty()).then(|| Untrusted::new(text.join("\n")))
}

/// The selectors of a tool: the base list, plus the personal-data list when enabled.
pub(crate) fn selectors(
    base: &[&'static str],
    pii: &[&'static str],
    options: ToolOptions,
) -> Vec<&'static str> {
    let mut out = base.to_vec();
    if options.customer_pii {
        out.extend_from_slice(pii);
    }
    out
}

/// Personal data only when the deployment enabled it, whatever the store sent.
pub(crate) fn pii<T>(options: ToolOptions, value: Option<T>) -> Option<T> {
    value.filter(|_| options.customer_pii)
}

/// Wraps optional text from outside the merchant.
pub(crate) fn untrusted(text: Option<String>) -> Option<Untrusted> {
    text.map(Untrusted::new)
}

/// Test support: the Neto fields a response type reads must all be requested.
#[cfg(test)]
pub(crate) mod coverage {
    use serde_json::Value;

    fn resolve<'a>(root: &'a Value, schema: &'a Value) -> &'a Value {
        let target = schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/$defs/"))
            .and_then(|name| root.get("$defs").and_then(|d| d.get(name)));
        match target {
            Some(t) => resolve(root, t),
            None => match schema.get("items") {
                Some(items) => resolve(root, items),
                None => schema,
            },
        }
    }

    fn properties(schema: &Value) -> Vec<(String, &Value)> {
        schema
            .get("properties")
            .and_then(Value::as_object)
            .map(|p| p.iter().map(|(k, v)| (k.clone(), v)).collect())
            .unwrap_or_default()
    }

    /// The selectors request exactly the fields `T` reads (Neto names): every field of
    /// `T` is selected and every selector is read. A nested field is covered by its parent
    /// alone, unless the selectors name some `Parent.Child`, in which case each nested field
    /// needs its own.
    pub(crate) fn assert_covered<T: schemars::JsonSchema>(selectors: &[&str]) {
        let root = schemars::schema_for!(T).to_value();
        let mut read: Vec<String> = Vec::new();
        for (name, schema) in properties(&root) {
            read.push(name.clone());
            let prefix = format!("{name}.");
            if !selectors.iter().any(|s| s.starts_with(&prefix)) {
                continue;
            }
            for (child, _) in properties(resolve(&root, schema)) {
                read.push(format!("{name}.{child}"));
            }
        }
        for field in &read {
            assert!(
                selectors.contains(&field.as_str()),
                "`{field}` is read but not requested"
            );
        }
        for selector in selectors {
            assert!(
                read.iter().any(|r| r == selector),
                "`{selector}` is requested but never read"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paging_defaults_and_caps() {
        assert_eq!(paging(None, None), (0, DEFAULT_LIMIT));
        assert_eq!(paging(Some(3), Some(500)), (3, MAX_LIMIT));
        assert_eq!(paging(Some(u32::MAX), Some(0)), (MAX_PAGE, 1));
        assert_eq!(next_page(0, 2, 2), Some(1));
        assert_eq!(next_page(0, 2, 1), None);
        assert_eq!(next_page(MAX_PAGE, 2, 2), None);
    }

    #[test]
    fn dates_and_addresses() {
        let d = "2026-11-01".to_owned();
        assert_eq!(day_start(Some(&d)).as_deref(), Some("2026-11-01 00:00:00"));
        assert_eq!(day_end(Some(&d)).as_deref(), Some("2026-11-01 23:59:59"));
        assert_eq!(day_end(None), None);
        let block = address_block(&[
            vec![Some("Jane"), Some(" Citizen ")],
            vec![None, Some("")],
            vec![Some("1 George St")],
        ])
        .unwrap();
        assert_eq!(block.text(), "Jane Citizen\n1 George St");
        assert!(address_block(&[vec![None, Some(" ")]]).is_none());
    }

    #[allow(dead_code)]
    #[derive(schemars::JsonSchema)]
    struct Probe {
        #[serde(rename = "A")]
        a: u8,
        #[serde(rename = "L")]
        l: Vec<ProbeLine>,
    }

    #[allow(dead_code)]
    #[derive(schemars::JsonSchema)]
    struct ProbeLine {
        #[serde(rename = "X")]
        x: u8,
        #[serde(rename = "Y")]
        y: u8,
    }

    #[test]
    fn coverage_accepts_exact_selections() {
        coverage::assert_covered::<Probe>(&["A", "L"]);
        coverage::assert_covered::<Probe>(&["A", "L", "L.X", "L.Y"]);
    }

    #[test]
    #[should_panic(expected = "`A` is read but not requested")]
    fn coverage_refuses_a_missing_selector() {
        coverage::assert_covered::<Probe>(&["L"]);
    }

    #[test]
    #[should_panic(expected = "`L.Y` is read but not requested")]
    fn coverage_refuses_a_missing_dotted_selector() {
        coverage::assert_covered::<Probe>(&["A", "L", "L.X"]);
    }

    #[test]
    #[should_panic(expected = "`B` is requested but never read")]
    fn coverage_refuses_an_extra_selector() {
        coverage::assert_covered::<Probe>(&["A", "L", "B"]);
    }

    #[test]
    fn personal_selectors_only_when_enabled() {
        let off = selectors(&["A"], &["Email"], ToolOptions::default());
        assert_eq!(off, ["A"]);
        let on = selectors(
            &["A"],
            &["Email"],
            ToolOptions::default().with_customer_pii(true),
        );
        assert_eq!(on, ["A", "Email"]);
    }
}
