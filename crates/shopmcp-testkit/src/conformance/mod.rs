//! A conformance suite every platform crate runs over its complete tool list.
//!
//! [`check_platform`] looks at the final [`ToolSpec`](shopmcp_core::ToolSpec)s, independently
//! of the checks `ToolSpecBuilder::build` makes, so a regression in `shopmcp-core` is caught
//! by every platform crate's tests:
//!
//! - **naming**: `{platform}_{resource}_{verb}`, lower snake case, the platform's prefix, at
//!   most [`MAX_TOOL_NAME_LEN`](shopmcp_core::MAX_TOOL_NAME_LEN) bytes, unique in the list;
//! - **closed schemas**: every object of every input schema says `additionalProperties: false`,
//!   and the validator agrees: an unknown key at the top level and inside every reachable nested
//!   object is refused with a violation naming that key;
//! - **write declarations**: every write has a non-empty write whitelist, or is a pure action
//!   whose input holds only identifiers; W3 writes take an `idempotency_key`; reads declare
//!   no whitelist;
//! - **input field names**: no routing field (host, URL, path, action, version, scope, method,
//!   headers, a raw GraphQL document…) and no forbidden field, at any depth, in any spelling;
//! - **access classes**: a toolbox without write opt-in holds exactly the reads, one opted into
//!   every tier holds every tool, one opted into a tier holds the reads and that tier's writes,
//!   and a tool's verb agrees with its access class;
//! - **annotations**: the MCP hints follow the access class as `shopmcp-core` maps them.
//!
//! ```
//! use std::sync::Arc;
//! use schemars::JsonSchema;
//! use serde::{Deserialize, Serialize};
//! use shopmcp_core::{FnTool, HandlerFuture, Platform, Tool, ToolCall, ToolOutput, ToolSpec};
//! use shopmcp_testkit::conformance::check_platform;
//!
//! /// Input.
//! #[derive(Deserialize, JsonSchema)]
//! #[serde(deny_unknown_fields)]
//! struct In { sku: String }
//! /// Output.
//! #[derive(Serialize, JsonSchema)]
//! struct Out { stock: i64 }
//!
//! fn handler<'a>(_: &'a (), _: ToolCall<'a>) -> HandlerFuture<'a> {
//!     Box::pin(async { ToolOutput::new(&Out { stock: 1 }) })
//! }
//!
//! let spec = ToolSpec::read::<In, Out>("local_stock_get", Platform::Local)
//!     .title("Stock").description("Reads stock.").build().unwrap();
//! let tools: Vec<Arc<dyn Tool>> = vec![Arc::new(FnTool::new(spec, (), handler))];
//! assert!(check_platform("local", &tools).is_ok());
//! let findings = check_platform("shopify", &tools).unwrap_err();
//! assert!(findings.iter().any(|f| f.to_string().contains("local_stock_get")));
//! ```

mod access;
mod fields;
mod naming;
mod probe;
mod schema_walk;

use std::fmt;
use std::sync::Arc;

use shopmcp_core::Tool;

pub use fields::{EXTRA_ROUTING_FIELDS, MAX_SEARCH_CHARS, fold_name, is_routing_name};

/// Which conformance check a [`Finding`] comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Check {
    /// The tool name breaks `{platform}_{resource}_{verb}` or the platform prefix.
    Name,
    /// Two tools share a name.
    DuplicateName,
    /// An input object is not closed (`additionalProperties` is not `false`).
    OpenObject,
    /// The validator accepted, or did not name, an unknown key.
    UnknownKeyAccepted,
    /// A write without a whitelist, a read with one, or a W3 write without an idempotency key.
    WriteDeclaration,
    /// An input field lets the model choose a host, path, action, version, scope or request.
    RoutingField,
    /// An input field is on the forbidden list.
    ForbiddenField,
    /// A toolbox exposes the wrong tools for a write opt-in, or a verb disagrees with the
    /// access class.
    AccessClass,
    /// The MCP annotations do not follow the access class.
    Annotations,
}

/// One broken rule: which tool, which check, and what exactly is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The tool (or `(toolbox)` for findings about the whole list).
    pub tool: String,
    /// The check.
    pub check: Check,
    /// What is wrong.
    pub message: String,
}

impl Finding {
    pub(crate) fn new(tool: &str, check: Check, message: impl Into<String>) -> Self {
        Self {
            tool: tool.to_owned(),
            check,
            message: message.into(),
        }
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} [{:?}]: {}", self.tool, self.check, self.message)
    }
}

/// Runs every conformance check over a platform's complete tool list.
///
/// `prefix` is the platform's name as tool names start with it (`shopify`, `magento`,
/// `bigcommerce`, `neto`). Returns every finding, sorted by tool and check.
pub fn check_platform(prefix: &str, tools: &[Arc<dyn Tool>]) -> Result<(), Vec<Finding>> {
    let mut findings = Vec::new();
    findings.extend(naming::check(prefix, tools));
    for tool in tools {
        let spec = tool.spec();
        findings.extend(schema_walk::closed_objects(
            spec.name(),
            spec.input_schema(),
        ));
        findings.extend(probe::unknown_keys_refused(spec));
        findings.extend(access::write_declaration(spec));
        findings.extend(fields::check(spec.name(), spec.input_schema()));
        findings.extend(access::verb(spec.name(), spec.access()));
        findings.extend(access::annotations(spec));
    }
    findings.extend(access::toolboxes(tools));
    if findings.is_empty() {
        Ok(())
    } else {
        findings.sort_by(|a, b| (&a.tool, a.check).cmp(&(&b.tool, b.check)));
        Err(findings)
    }
}

/// Like [`check_platform`], panicking with every finding, one per line.
///
/// # Panics
///
/// When any check fails.
#[allow(clippy::panic, reason = "a test assertion")]
pub fn assert_conformant(prefix: &str, tools: &[Arc<dyn Tool>]) {
    if let Err(findings) = check_platform(prefix, tools) {
        let lines: Vec<String> = findings.iter().map(ToString::to_string).collect();
        panic!(
            "{} conformance finding(s) for `{prefix}`:\n{}",
            findings.len(),
            lines.join("\n")
        );
    }
}

#[cfg(test)]
mod tests;
