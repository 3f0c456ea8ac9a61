//! [`ToolSpec`]: everything about a tool except its handler, checked when built.

use std::collections::BTreeSet;
use std::fmt;
use std::sync::Arc;

use schemars::JsonSchema;
use serde_json::{Map, Value};

use crate::access::{Access, Annotations, RiskTier};
use crate::credentials::CredentialSlot;
use crate::ids::Platform;
use crate::validate::schema::{Node, SchemaError};
use crate::validate::{self, Arguments, Limits, Violation, WriteScope, is_routing, skeleton};

mod compiled;

/// The input field every W3 tool must have: a caller-chosen key that makes replays safe.
pub const IDEMPOTENCY_KEY_FIELD: &str = "idempotency_key";

/// The output field the pipeline adds when it had to cut an answer to fit the size cap.
pub const TRUNCATED_FIELD: &str = "truncated";

/// Maximum length of a tool name.
pub const MAX_TOOL_NAME_LEN: usize = 48;

/// Why a [`ToolSpec`] could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SpecError {
    /// The name breaks the naming rules.
    #[error("tool name `{name}`: {reason}")]
    Name {
        /// The name.
        name: String,
        /// Which rule.
        reason: &'static str,
    },
    /// The input or output schema is outside the supported subset.
    #[error("tool `{tool}`: {source}")]
    Schema {
        /// The tool.
        tool: String,
        /// The schema problem.
        #[source]
        source: SchemaError,
    },
    /// A rule about fields is broken.
    #[error("tool `{tool}`: {reason}")]
    Fields {
        /// The tool.
        tool: String,
        /// What is wrong.
        reason: String,
    },
}

/// Where a write tool's writable fields are.
#[derive(Debug, Clone, PartialEq, Eq)]
struct WriteFields {
    container: Option<&'static str>,
    writable: Vec<String>,
}

/// A tool's name, description, access class, schemas and field rules.
///
/// Built from typed input and output structs, so the schema advertised and the parser
/// accepting input come from one definition:
///
/// ```
/// use schemars::JsonSchema;
/// use serde::{Deserialize, Serialize};
/// use shopmcp_core::{Platform, RiskTier, ToolSpec};
///
/// /// Arguments.
/// #[derive(Deserialize, JsonSchema)]
/// #[serde(deny_unknown_fields)]
/// struct Input {
///     /// The order.
///     order_id: String,
///     /// The new note.
///     #[schemars(extend("x-shopmcp-text" = "free"))]
///     note: String,
/// }
/// /// Result.
/// #[derive(Serialize, JsonSchema)]
/// struct Output {
///     /// The order.
///     order_id: String,
/// }
///
/// let spec = ToolSpec::write::<Input, Output>("shopify_orders_note", Platform::Shopify, RiskTier::W1)
///     .title("Set an order note")
///     .description("Replaces the note of one order.")
///     .identifiers(["order_id"])
///     .writable(["note"])
///     .build()
///     .unwrap();
/// assert!(spec.access().is_write());
/// let err = spec.validate(r#"{"order_id":"1","note":"x","email":"a@b.c"}"#.into(), &Default::default());
/// assert!(err.unwrap_err()[0].to_string().contains("not writable by shopify_orders_note"));
/// ```
#[derive(Clone)]
pub struct ToolSpec {
    inner: Arc<SpecInner>,
}

struct SpecInner {
    name: String,
    title: String,
    description: String,
    platform: Platform,
    access: Access,
    annotations: Annotations,
    scopes: Vec<String>,
    credential: Option<CredentialSlot>,
    input: Arc<compiled::Compiled>,
    output: Arc<compiled::Compiled>,
    write: Option<WriteFields>,
    identifiers: Vec<String>,
}

impl fmt::Debug for ToolSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ToolSpec")
            .field("name", &self.inner.name)
            .field("platform", &self.inner.platform)
            .field("access", &self.inner.access)
            .finish_non_exhaustive()
    }
}

impl ToolSpec {
    /// Starts a read tool.
    ///
    /// The schemas of `I` and `O` are generated and compiled once per process and shared
    /// by every spec built from the same types.
    pub fn read<I: JsonSchema + 'static, O: JsonSchema + 'static>(
        name: &str,
        platform: Platform,
    ) -> ToolSpecBuilder {
        ToolSpecBuilder::new::<I, O>(name, platform, Access::Read)
    }

    /// Starts a write tool of risk `tier`.
    pub fn write<I: JsonSchema + 'static, O: JsonSchema + 'static>(
        name: &str,
        platform: Platform,
        tier: RiskTier,
    ) -> ToolSpecBuilder {
        ToolSpecBuilder::new::<I, O>(name, platform, Access::Write(tier))
    }

    /// The tool name (`{platform}_{resource}_{verb}`).
    pub fn name(&self) -> &str {
        &self.inner.name
    }
    /// A short human title.
    pub fn title(&self) -> &str {
        &self.inner.title
    }
    /// What the tool does, for the model.
    pub fn description(&self) -> &str {
        &self.inner.description
    }
    /// The platform.
    pub fn platform(&self) -> Platform {
        self.inner.platform
    }
    /// Read, or write with a risk tier.
    pub fn access(&self) -> Access {
        self.inner.access
    }
    /// MCP annotations derived from the access class.
    pub fn annotations(&self) -> Annotations {
        self.inner.annotations
    }
    /// Upstream scopes (or ACL resources) the tool needs.
    pub fn scopes(&self) -> &[String] {
        &self.inner.scopes
    }
    /// The credential the pipeline fetches for this tool, if any.
    pub fn credential(&self) -> Option<CredentialSlot> {
        self.inner.credential
    }
    /// The JSON Schema of the input (`additionalProperties: false` at every level).
    pub fn input_schema(&self) -> &Map<String, Value> {
        &self.inner.input.schema
    }
    /// The JSON Schema of the output (with the optional `truncated` note).
    pub fn output_schema(&self) -> &Map<String, Value> {
        &self.inner.output.schema
    }
    /// [`input_schema`](Self::input_schema) as a shared handle, for hosts that hand the
    /// schema out (a `tools/list` answer) without copying it. Every spec built from the same
    /// input type shares one map:
    ///
    /// ```
    /// use std::sync::Arc;
    /// use schemars::JsonSchema;
    /// use serde::{Deserialize, Serialize};
    /// use shopmcp_core::{Platform, ToolSpec};
    ///
    /// /// Arguments.
    /// #[derive(Deserialize, JsonSchema)]
    /// #[serde(deny_unknown_fields)]
    /// struct Input {
    ///     /// The order.
    ///     order_id: String,
    /// }
    /// /// Result.
    /// #[derive(Serialize, JsonSchema)]
    /// struct Output {
    ///     /// The status.
    ///     status: String,
    /// }
    /// let spec = |name: &str| {
    ///     ToolSpec::read::<Input, Output>(name, Platform::Shopify)
    ///         .title("Order status")
    ///         .description("The status of one order.")
    ///         .build()
    ///         .unwrap()
    /// };
    /// // Two workspaces' tools, or two tools with the same types: one schema in memory.
    /// let (a, b) = (spec("shopify_orders_status"), spec("shopify_orders_state"));
    /// assert!(Arc::ptr_eq(&a.input_schema_shared(), &b.input_schema_shared()));
    /// assert!(Arc::ptr_eq(&a.output_schema_shared(), &b.output_schema_shared()));
    /// ```
    pub fn input_schema_shared(&self) -> Arc<Map<String, Value>> {
        Arc::clone(&self.inner.input.schema)
    }
    /// [`output_schema`](Self::output_schema) as a shared handle.
    pub fn output_schema_shared(&self) -> Arc<Map<String, Value>> {
        Arc::clone(&self.inner.output.schema)
    }
    /// The compiled output schema.
    pub fn output_node(&self) -> &Node {
        &self.inner.output.node
    }
    /// The compiled input schema.
    pub fn input_node(&self) -> &Node {
        &self.inner.input.node
    }
    /// For write tools, the fields the tool may change.
    pub fn writable(&self) -> &[String] {
        self.inner.write.as_ref().map_or(&[], |w| &w.writable)
    }
    /// For write tools, the object that holds the writable fields (`None`: top level).
    pub fn writable_container(&self) -> Option<&'static str> {
        self.inner.write.as_ref().and_then(|w| w.container)
    }
    /// Fields that identify the record a write applies to.
    pub fn identifiers(&self) -> &[String] {
        &self.inner.identifiers
    }

    /// Validates raw or parsed arguments against every rule; returns the parsed value, or
    /// every violation.
    pub fn validate(&self, args: Arguments<'_>, limits: &Limits) -> Result<Value, Vec<Violation>> {
        let write = self.inner.write.as_ref().map(|w| WriteScope {
            tool: &self.inner.name,
            container: w.container,
            writable: &w.writable,
        });
        validate::validate(&self.inner.input.node, write, args, limits)
    }
}

/// Builder for [`ToolSpec`]; `build` checks every rule.
#[derive(Debug)]
pub struct ToolSpecBuilder {
    name: String,
    platform: Platform,
    access: Access,
    title: String,
    description: String,
    scopes: Vec<String>,
    credential: Option<CredentialSlot>,
    idempotent: Option<bool>,
    input: compiled::Source,
    output: compiled::Source,
    write: Option<WriteFields>,
    identifiers: Vec<String>,
}

impl ToolSpecBuilder {
    fn new<I: JsonSchema + 'static, O: JsonSchema + 'static>(
        name: &str,
        platform: Platform,
        access: Access,
    ) -> Self {
        let credential = match platform {
            Platform::Local => None,
            p => Some(CredentialSlot::new(p, "admin")),
        };
        Self {
            name: name.to_owned(),
            platform,
            access,
            title: String::new(),
            description: String::new(),
            scopes: Vec::new(),
            credential,
            idempotent: None,
            input: compiled::input::<I>(),
            output: compiled::output::<O>(),
            write: None,
            identifiers: Vec::new(),
        }
    }

    /// A short human title.
    #[must_use]
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = title.into();
        self
    }

    /// What the tool does, written for the model.
    #[must_use]
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = description.into();
        self
    }

    /// Upstream scopes (or ACL resources) the tool needs.
    #[must_use]
    pub fn scopes<I: IntoIterator<Item = S>, S: Into<String>>(mut self, scopes: I) -> Self {
        self.scopes = scopes.into_iter().map(Into::into).collect();
        self
    }

    /// The credential slot to fetch (default: `{platform}.admin`; none for `Local`).
    #[must_use]
    pub fn credential(mut self, slot: Option<CredentialSlot>) -> Self {
        self.credential = slot;
        self
    }

    /// Declares whether repeating the same write has no further effect (default: W1 yes,
    /// W2/W3 no).
    #[must_use]
    pub fn idempotent(mut self, idempotent: bool) -> Self {
        self.idempotent = Some(idempotent);
        self
    }

    /// Top-level fields that identify the record (not writable).
    #[must_use]
    pub fn identifiers<I: IntoIterator<Item = S>, S: Into<String>>(mut self, ids: I) -> Self {
        self.identifiers = ids.into_iter().map(Into::into).collect();
        self
    }

    /// The writable fields of a write tool, at the top level next to the identifiers.
    #[must_use]
    pub fn writable<I: IntoIterator<Item = S>, S: Into<String>>(mut self, fields: I) -> Self {
        self.write = Some(WriteFields {
            container: None,
            writable: fields.into_iter().map(Into::into).collect(),
        });
        self
    }

    /// The writable fields of a write tool, inside the top-level object `container`
    /// (e.g. `changes`).
    #[must_use]
    pub fn writable_in<I: IntoIterator<Item = S>, S: Into<String>>(
        mut self,
        container: &'static str,
        fields: I,
    ) -> Self {
        self.write = Some(WriteFields {
            container: Some(container),
            writable: fields.into_iter().map(Into::into).collect(),
        });
        self
    }

    /// Checks every rule and builds the spec.
    pub fn build(self) -> Result<ToolSpec, SpecError> {
        check_name(&self.name, self.platform)?;
        let tool = self.name.clone();
        let schema_err = |source| SpecError::Schema {
            tool: tool.clone(),
            source,
        };
        let fields_err = |reason: String| SpecError::Fields {
            tool: tool.clone(),
            reason,
        };
        let input = (self.input)().map_err(schema_err)?;
        if !matches!(*input.node, Node::Object { .. }) {
            return Err(fields_err("the input schema must be an object".into()));
        }
        let output = (self.output)().map_err(schema_err)?;
        if !matches!(*output.node, Node::Object { .. }) {
            return Err(fields_err("the output schema must be an object".into()));
        }
        check_input_field_names(&input.node).map_err(fields_err)?;
        let write = self.write.map(|mut w| {
            w.writable.sort();
            w
        });
        check_write_fields(self.access, &input.node, write.as_ref(), &self.identifiers)
            .map_err(fields_err)?;
        if self.title.is_empty() || self.description.is_empty() {
            return Err(fields_err("a title and a description are required".into()));
        }
        let idempotent = self
            .idempotent
            .unwrap_or(matches!(self.access, Access::Write(RiskTier::W1)));
        let annotations =
            Annotations::derive(self.access, idempotent, self.platform != Platform::Local);
        Ok(ToolSpec {
            inner: Arc::new(SpecInner {
                name: self.name,
                title: self.title,
                description: self.description,
                platform: self.platform,
                access: self.access,
                annotations,
                scopes: self.scopes,
                credential: self.credential,
                input,
                output,
                write,
                identifiers: self.identifiers,
            }),
        })
    }
}

fn check_name(name: &str, platform: Platform) -> Result<(), SpecError> {
    let fail = |reason| {
        Err(SpecError::Name {
            name: name.to_owned(),
            reason,
        })
    };
    if name.is_empty() || name.len() > MAX_TOOL_NAME_LEN {
        return fail("must be 1 to 48 characters");
    }
    if !name.starts_with(|c: char| c.is_ascii_lowercase())
        || !name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        return fail("must match ^[a-z][a-z0-9_]*$");
    }
    let parts: Vec<&str> = name.split('_').collect();
    if parts.len() < 3 || parts.iter().any(|p| p.is_empty()) {
        return fail("must be {platform}_{resource}_{verb}");
    }
    if parts.first() != Some(&platform.as_str()) {
        return fail("must start with its platform name");
    }
    Ok(())
}

fn check_input_field_names(input: &Node) -> Result<(), String> {
    let mut problem = None;
    input.walk("", &mut |path, node| {
        for name in node.property_names() {
            if problem.is_some() {
                return;
            }
            let at = if path.is_empty() { name.to_owned() } else { format!("{path}.{name}") };
            if validate::is_forbidden(name) {
                problem = Some(format!("input field `{at}` is forbidden everywhere"));
            } else if is_routing(name) {
                problem = Some(format!(
                    "input field `{at}` would let the model choose a host, path, action, version or scope"
                ));
            }
        }
    });
    problem.map_or(Ok(()), Err)
}

fn check_write_fields(
    access: Access,
    input: &Node,
    write: Option<&WriteFields>,
    identifiers: &[String],
) -> Result<(), String> {
    let top: BTreeSet<&str> = input.property_names().into_iter().collect();
    let ids: BTreeSet<&str> = identifiers.iter().map(String::as_str).collect();
    if let Some(missing) = ids.iter().find(|i| !top.contains(**i)) {
        return Err(format!("identifier `{missing}` is not an input field"));
    }
    let tier = match (access, write) {
        (Access::Read, None) => return Ok(()),
        (Access::Read, Some(_)) => return Err("a read tool cannot declare writable fields".into()),
        (Access::Write(_), None) => {
            return Err("a write tool must declare its writable fields".into());
        }
        (Access::Write(t), Some(_)) => t,
    };
    let Some(w) = write else { return Ok(()) };
    let mut extra: BTreeSet<&str> = ids.clone();
    if tier == RiskTier::W3 {
        if !top.contains(IDEMPOTENCY_KEY_FIELD) {
            return Err(format!(
                "a W3 tool needs an `{IDEMPOTENCY_KEY_FIELD}` input field"
            ));
        }
        extra.insert(IDEMPOTENCY_KEY_FIELD);
    }
    let writable: BTreeSet<&str> = w.writable.iter().map(String::as_str).collect();
    if let Some(f) = writable.iter().find(|f| validate::is_forbidden(f)) {
        return Err(format!(
            "`{f}` is forbidden everywhere and cannot be writable"
        ));
    }
    let declared: BTreeSet<&str> = match w.container {
        None => top.difference(&extra).copied().collect(),
        Some(c) => {
            let node = input
                .property(c)
                .ok_or_else(|| format!("writable container `{c}` is not an input field"))?;
            let rest: BTreeSet<&str> = top.iter().copied().filter(|k| *k != c).collect();
            if let Some(stray) = rest.difference(&extra).next() {
                return Err(format!(
                    "top-level field `{stray}` is neither an identifier nor the `{c}` container"
                ));
            }
            node.property_names().into_iter().collect()
        }
    };
    if declared != writable {
        let schema_only: Vec<_> = declared.difference(&writable).collect();
        let list_only: Vec<_> = writable.difference(&declared).collect();
        return Err(format!(
            "the schema and the writable list disagree (schema only: {schema_only:?}; list only: {list_only:?})"
        ));
    }
    // Identifiers must never double as writable fields under another spelling.
    if let Some(clash) = writable
        .iter()
        .find(|f| ids.iter().any(|i| skeleton(i) == skeleton(f)))
    {
        return Err(format!(
            "`{clash}` cannot be both an identifier and writable"
        ));
    }
    Ok(())
}
