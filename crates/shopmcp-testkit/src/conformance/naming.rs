//! Tool names: `{platform}_{resource}_{verb}`, lower snake case, the platform's prefix, unique.

use std::collections::BTreeMap;
use std::sync::Arc;

use shopmcp_core::{MAX_TOOL_NAME_LEN, Tool};

use super::{Check, Finding};

/// Findings about every name in `tools`.
pub(super) fn check(prefix: &str, tools: &[Arc<dyn Tool>]) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for tool in tools {
        let spec = tool.spec();
        let name = spec.name();
        *seen.entry(name).or_default() += 1;
        if let Some(problem) = name_problem(prefix, name) {
            out.push(Finding::new(name, Check::Name, problem));
        }
        if spec.platform().as_str() != prefix {
            out.push(Finding::new(
                name,
                Check::Name,
                format!(
                    "declares platform `{}`, expected `{prefix}`",
                    spec.platform().as_str()
                ),
            ));
        }
    }
    for (name, n) in seen {
        if n > 1 {
            out.push(Finding::new(
                name,
                Check::DuplicateName,
                format!("{n} tools share this name"),
            ));
        }
    }
    out
}

/// What is wrong with `name` for platform `prefix`, if anything.
pub(super) fn name_problem(prefix: &str, name: &str) -> Option<String> {
    if name.is_empty() || name.len() > MAX_TOOL_NAME_LEN {
        return Some(format!("must be 1 to {MAX_TOOL_NAME_LEN} bytes"));
    }
    if !name
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        return Some("must be lower snake case (a-z, 0-9, _)".into());
    }
    let parts: Vec<&str> = name.split('_').collect();
    if parts.len() < 3 || parts.iter().any(|p| p.is_empty()) {
        return Some("must be {platform}_{resource}_{verb} with no empty segment".into());
    }
    if parts.first() != Some(&prefix) {
        return Some(format!("must start with `{prefix}_`"));
    }
    if parts
        .iter()
        .any(|p| !p.starts_with(|c: char| c.is_ascii_lowercase()))
    {
        return Some("every segment must start with a letter".into());
    }
    None
}
