//! Access classes: write declarations, toolbox membership, verbs and MCP annotations.

use std::collections::BTreeSet;
use std::sync::Arc;

use shopmcp_core::{
    Access, Annotations, IDEMPOTENCY_KEY_FIELD, Platform, RiskTier, Tool, ToolSpec, Toolbox,
    WriteOptIn,
};

use super::{Check, Finding};

/// Every risk tier (the toolbox checks opt into each).
const TIERS: [RiskTier; 3] = [RiskTier::W1, RiskTier::W2, RiskTier::W3];

/// Final name segments that only reads use.
const READ_VERBS: &[&str] = &["list", "get", "search", "count", "lookup"];

/// Final name segments that only writes use.
const WRITE_VERBS: &[&str] = &[
    "update", "create", "delete", "cancel", "adjust", "set", "add", "remove", "hold", "unhold",
    "refund", "capture", "close", "archive",
];

/// A write declares its whitelist (W3 also an idempotency key); a read declares none.
///
/// A write whose whitelist is empty must be a pure action (hold, cancel, create an empty
/// cart): its input holds nothing but identifiers and the idempotency key, so it has nothing
/// to write.
pub(super) fn write_declaration(spec: &ToolSpec) -> Vec<Finding> {
    let top: Vec<&str> = spec.input_node().property_names();
    declaration_problems(
        spec.access(),
        spec.writable(),
        spec.writable_container(),
        &top,
        spec.identifiers(),
    )
    .into_iter()
    .map(|m| Finding::new(spec.name(), Check::WriteDeclaration, m))
    .collect()
}

/// What is wrong with a tool's write declaration: its access class, whitelist, whitelist
/// container, top-level input fields and identifiers.
pub(super) fn declaration_problems(
    access: Access,
    writable: &[String],
    container: Option<&str>,
    top_level: &[&str],
    identifiers: &[String],
) -> Vec<String> {
    let mut out = Vec::new();
    match access {
        Access::Read => {
            if !writable.is_empty() || container.is_some() {
                out.push("a read declares writable fields".into());
            }
        }
        Access::Write(tier) => {
            if tier == RiskTier::W3 && !top_level.contains(&IDEMPOTENCY_KEY_FIELD) {
                out.push(format!("a W3 write has no `{IDEMPOTENCY_KEY_FIELD}` input"));
            }
            if writable.is_empty() {
                let stray: Vec<&str> = top_level
                    .iter()
                    .copied()
                    .filter(|f| *f != IDEMPOTENCY_KEY_FIELD && !identifiers.iter().any(|i| i == f))
                    .collect();
                if !stray.is_empty() {
                    out.push(format!(
                        "a {tier} write declares no writable fields but accepts {stray:?}"
                    ));
                }
            }
        }
    }
    out
}

/// The tool's verb (last name segment) agrees with its access class.
pub(super) fn verb(name: &str, access: Access) -> Option<Finding> {
    let verb = name.rsplit('_').next().unwrap_or_default();
    let mismatch = match access {
        Access::Read => WRITE_VERBS.contains(&verb),
        Access::Write(_) => READ_VERBS.contains(&verb),
    };
    mismatch.then(|| {
        Finding::new(
            name,
            Check::AccessClass,
            format!(
                "verb `{verb}` disagrees with access class `{}`",
                access.as_str()
            ),
        )
    })
}

/// The annotations `shopmcp-core` maps `access` to: reads are read-only, non-destructive and
/// idempotent; W1 writes are non-destructive, W2 and W3 writes destructive; a write's
/// idempotency is what the tool declared; every store tool is open-world.
pub(super) fn expected_annotations(spec: &ToolSpec) -> Annotations {
    let open_world = spec.platform() != Platform::Local;
    match spec.access() {
        Access::Read => Annotations {
            read_only_hint: true,
            destructive_hint: false,
            idempotent_hint: true,
            open_world_hint: open_world,
        },
        Access::Write(tier) => Annotations {
            read_only_hint: false,
            destructive_hint: tier != RiskTier::W1,
            idempotent_hint: spec.annotations().idempotent_hint,
            open_world_hint: open_world,
        },
    }
}

/// The spec's annotations follow its access class.
pub(super) fn annotations(spec: &ToolSpec) -> Option<Finding> {
    annotation_mismatch(spec.name(), spec.annotations(), expected_annotations(spec))
}

/// A finding when `actual` differs from `expected`.
pub(super) fn annotation_mismatch(
    name: &str,
    actual: Annotations,
    expected: Annotations,
) -> Option<Finding> {
    (actual != expected).then(|| {
        Finding::new(
            name,
            Check::Annotations,
            format!("annotations {actual:?}, expected {expected:?}"),
        )
    })
}

fn names<'a>(tools: impl IntoIterator<Item = &'a Arc<dyn Tool>>) -> BTreeSet<String> {
    tools
        .into_iter()
        .map(|t| t.spec().name().to_owned())
        .collect()
}

/// Toolboxes built with no opt-in, each single tier, and every tier hold exactly the reads,
/// the reads plus that tier's writes, and everything.
pub(super) fn toolboxes(tools: &[Arc<dyn Tool>]) -> Vec<Finding> {
    let reads = names(tools.iter().filter(|t| !t.spec().access().is_write()));
    let all = names(tools);
    let mut out = Vec::new();
    let mut expect =
        |label: &str, opt_in: &WriteOptIn, expected: &BTreeSet<String>| match Toolbox::new(
            tools.iter().cloned(),
            opt_in,
        ) {
            Ok(toolbox) => out.extend(compare(label, &names(toolbox.tools()), expected)),
            Err(e) => out.push(Finding::new(
                "(toolbox)",
                Check::DuplicateName,
                format!("{label}: {e}"),
            )),
        };
    expect("no write opt-in", &WriteOptIn::none(), &reads);
    let mut every = WriteOptIn::none();
    for tier in TIERS {
        every = every.allow_tier(tier);
        let mut with_tier = reads.clone();
        with_tier.extend(names(
            tools
                .iter()
                .filter(|t| t.spec().access() == Access::Write(tier)),
        ));
        expect(
            &format!("opt-in to {tier}"),
            &WriteOptIn::none().allow_tier(tier),
            &with_tier,
        );
    }
    expect("opt-in to every tier", &every, &all);
    out
}

/// Findings for the names a toolbox exposed against the names it should have.
pub(super) fn compare(
    label: &str,
    exposed: &BTreeSet<String>,
    expected: &BTreeSet<String>,
) -> Vec<Finding> {
    let extra = exposed.difference(expected).map(|n| {
        Finding::new(
            n,
            Check::AccessClass,
            format!("{label}: exposed, should not be"),
        )
    });
    let missing = expected.difference(exposed).map(|n| {
        Finding::new(
            n,
            Check::AccessClass,
            format!("{label}: missing, should be exposed"),
        )
    });
    extra.chain(missing).collect()
}
