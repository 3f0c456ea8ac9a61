//! `shopmcp.toml`: workspaces, platforms, store addresses, write opt-ins, plans, file paths.
//!
//! ```toml
//! [storage]                       # paths are relative to this file
//! data_dir = "shopmcp-data"       # tokens.json, vault.json, master.key, audit.jsonl inside
//!
//! [http]
//! bind = "127.0.0.1:8787"
//! allowed_hosts = ["127.0.0.1", "localhost"]
//!
//! [plans.default]
//! per_minute = 120
//! tools = { shopify_orders_list = 30 }
//!
//! [[workspace]]
//! id = "0b6a3c1e-6c43-4f0e-9d4e-2f0b1f0c9a11"
//! name = "acme"
//! plan = "default"
//! writes = { tiers = ["w1"], tools = ["shopify_products_update"] }
//! shopify = { shop = "acme", api_version = "2026-07" }
//! ```
//!
//! Every table rejects unknown keys; errors name the line and the key.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use shopmcp_core::{Plan, RiskTier, WorkspaceId, WriteOptIn};

/// A configuration problem, with where it is.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// Syntax or shape error (the message has the line, column and key).
    #[error("{path}: {message}")]
    Parse {
        /// The file.
        path: String,
        /// What the parser said, with line and column.
        message: String,
    },
    /// A value is well-formed but wrong.
    #[error("{path}: line {line}: `{key}`: {message}")]
    Invalid {
        /// The file.
        path: String,
        /// 1-based line of the value.
        line: usize,
        /// The key (dotted path).
        key: String,
        /// What is wrong.
        message: String,
    },
}

/// The whole configuration.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Where files live.
    #[serde(default)]
    pub storage: Storage,
    /// The HTTP transport.
    #[serde(default)]
    pub http: HttpSettings,
    /// Scale-out engines (embedded defaults when absent).
    #[serde(default)]
    pub backends: Backends,
    /// Rate plans by name.
    #[serde(default)]
    pub plans: BTreeMap<String, PlanConfig>,
    /// The workspaces.
    #[serde(default, rename = "workspace")]
    pub workspaces: Vec<WorkspaceConfig>,
    /// Where the file was (paths are relative to its directory).
    #[serde(skip)]
    pub base_dir: PathBuf,
}

/// File locations (embedded defaults).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Storage {
    /// Directory holding the files below unless they are given explicitly.
    #[serde(default = "default_data_dir")]
    pub data_dir: PathBuf,
    /// Bearer token hashes.
    pub tokens_file: Option<PathBuf>,
    /// Encrypted credentials.
    pub vault_file: Option<PathBuf>,
    /// The master key wrapping each workspace's data key.
    pub master_key_file: Option<PathBuf>,
    /// The JSON-lines audit trail.
    pub audit_file: Option<PathBuf>,
}

fn default_data_dir() -> PathBuf {
    PathBuf::from("shopmcp-data")
}

impl Default for Storage {
    fn default() -> Self {
        Self {
            data_dir: default_data_dir(),
            tokens_file: None,
            vault_file: None,
            master_key_file: None,
            audit_file: None,
        }
    }
}

/// Resolved file paths.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// The data directory.
    pub data_dir: PathBuf,
    /// Bearer token hashes.
    pub tokens: PathBuf,
    /// Encrypted credentials.
    pub vault: PathBuf,
    /// Master key.
    pub master_key: PathBuf,
    /// Audit trail.
    pub audit: PathBuf,
}

/// The HTTP transport's settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HttpSettings {
    /// Listen address (loopback unless told otherwise).
    #[serde(default = "default_bind")]
    pub bind: String,
    /// `Host` header values accepted (DNS-rebinding protection).
    #[serde(default = "default_hosts")]
    pub allowed_hosts: Vec<String>,
    /// `Origin` values accepted from browsers.
    #[serde(default)]
    pub allowed_origins: Vec<String>,
    /// The public URL of the MCP endpoint, for protected-resource metadata.
    pub public_url: Option<String>,
}

fn default_bind() -> String {
    "127.0.0.1:8787".into()
}

fn default_hosts() -> Vec<String> {
    vec!["127.0.0.1".into(), "localhost".into()]
}

impl Default for HttpSettings {
    fn default() -> Self {
        Self {
            bind: default_bind(),
            allowed_hosts: default_hosts(),
            allowed_origins: Vec::new(),
            public_url: None,
        }
    }
}

/// Scale-out engines. Each is optional; without it the embedded default is used.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Backends {
    /// An AWS KMS key (ARN or alias ARN) wrapping each workspace's data key, instead of the
    /// local master key file. Needs `kms_region`.
    pub kms_key_id: Option<String>,
    /// The KMS key's region.
    pub kms_region: Option<String>,
    /// A Redis URL (`redis://` or `rediss://`): rate limits shared by every server instance.
    pub redis_url: Option<shopmcp_core::secret::SecretString>,
    /// PostgreSQL URL of the application role (tokens, credentials, audit, idempotency with
    /// Row-Level Security). Needs `postgres_admin_url`.
    pub postgres_url: Option<shopmcp_core::secret::SecretString>,
    /// PostgreSQL URL of the separate GDPR/admin role.
    pub postgres_admin_url: Option<shopmcp_core::secret::SecretString>,
    /// PostgreSQL URL of the owner role; when set, migrations run at start.
    pub postgres_migrate_url: Option<shopmcp_core::secret::SecretString>,
}

/// A rate plan.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanConfig {
    /// Calls per minute for the whole workspace.
    pub per_minute: u32,
    /// Calls per minute for single tools.
    #[serde(default)]
    pub tools: BTreeMap<String, u32>,
}

/// Write opt-in of a workspace.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WritesConfig {
    /// Risk tiers enabled (`w1`, `w2`, `w3`).
    #[serde(default)]
    pub tiers: Vec<TierName>,
    /// Single write tools enabled by name.
    #[serde(default)]
    pub tools: Vec<String>,
}

/// `w1`, `w2` or `w3`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TierName {
    /// Reversible metadata.
    W1,
    /// Store state.
    W2,
    /// Money, notifications, irreversible.
    W3,
}

impl From<TierName> for RiskTier {
    fn from(t: TierName) -> Self {
        match t {
            TierName::W1 => RiskTier::W1,
            TierName::W2 => RiskTier::W2,
            TierName::W3 => RiskTier::W3,
        }
    }
}

/// One workspace (one merchant).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkspaceConfig {
    /// Its id (a UUID; never PII).
    pub id: WorkspaceId,
    /// A label for humans.
    pub name: String,
    /// The rate plan's name.
    #[serde(default = "default_plan")]
    pub plan: String,
    /// Write opt-in (read-only when absent).
    #[serde(default)]
    pub writes: WritesConfig,
    /// Whether customer e-mail, phone and addresses may be read.
    #[serde(default)]
    pub customer_pii: bool,
    /// Shopify connection.
    pub shopify: Option<ShopifySection>,
    /// Magento connection.
    pub magento: Option<MagentoSection>,
    /// BigCommerce connection.
    pub bigcommerce: Option<BigCommerceSection>,
    /// Neto connection.
    pub neto: Option<NetoSection>,
}

fn default_plan() -> String {
    "default".into()
}

impl WorkspaceConfig {
    /// The write opt-in as the core type.
    pub fn opt_in(&self) -> WriteOptIn {
        let mut o = WriteOptIn::none();
        for t in &self.writes.tiers {
            o = o.allow_tier((*t).into());
        }
        for t in &self.writes.tools {
            o = o.allow_tool(t.clone());
        }
        o
    }

    /// Sandbox endpoints configured, by platform name.
    pub fn sandbox_endpoints(&self) -> Vec<(&'static str, &str)> {
        [
            (
                "shopify",
                self.shopify
                    .as_ref()
                    .and_then(|s| s.sandbox_endpoint.as_deref()),
            ),
            (
                "magento",
                self.magento
                    .as_ref()
                    .and_then(|s| s.sandbox_endpoint.as_deref()),
            ),
            (
                "bigcommerce",
                self.bigcommerce
                    .as_ref()
                    .and_then(|s| s.sandbox_endpoint.as_deref()),
            ),
            (
                "neto",
                self.neto
                    .as_ref()
                    .and_then(|s| s.sandbox_endpoint.as_deref()),
            ),
        ]
        .into_iter()
        .filter_map(|(name, e)| e.map(|e| (name, e)))
        .collect()
    }

    /// The platforms this workspace connects.
    pub fn platforms(&self) -> Vec<&'static str> {
        let mut v = Vec::new();
        if self.shopify.is_some() {
            v.push("shopify");
        }
        if self.magento.is_some() {
            v.push("magento");
        }
        if self.bigcommerce.is_some() {
            v.push("bigcommerce");
        }
        if self.neto.is_some() {
            v.push("neto");
        }
        v
    }
}

/// `shopify = { shop = "acme", api_version = "2026-07" }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShopifySection {
    /// The shop handle (`acme` or `acme.myshopify.com`).
    pub shop: String,
    /// The Admin API version (only versions the crate was checked against).
    #[serde(default = "default_shopify_version")]
    pub api_version: String,
    /// SANDBOX ONLY: send this platform's requests to a local fake store at this loopback
    /// `http://127.0.0.1:<port>` URL instead of the real one. Refused for any other address.
    pub sandbox_endpoint: Option<String>,
}

fn default_shopify_version() -> String {
    "2026-07".into()
}

/// `magento = { base_url = "https://shop.example.com", store_code = "default" }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MagentoSection {
    /// The store's https base URL.
    pub base_url: String,
    /// The store view code.
    #[serde(default = "default_store_code")]
    pub store_code: String,
    /// SANDBOX ONLY: send this platform's requests to a local fake store at this loopback
    /// `http://127.0.0.1:<port>` URL instead of the real one. Refused for any other address.
    pub sandbox_endpoint: Option<String>,
}

fn default_store_code() -> String {
    "default".into()
}

/// `bigcommerce = { store_hash = "abc123" }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BigCommerceSection {
    /// The store hash.
    pub store_hash: String,
    /// SANDBOX ONLY: send this platform's requests to a local fake store at this loopback
    /// `http://127.0.0.1:<port>` URL instead of the real one. Refused for any other address.
    pub sandbox_endpoint: Option<String>,
}

/// `neto = { base_url = "https://shop.example.com.au" }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetoSection {
    /// The store's https base URL.
    pub base_url: String,
    /// SANDBOX ONLY: send this platform's requests to a local fake store at this loopback
    /// `http://127.0.0.1:<port>` URL instead of the real one. Refused for any other address.
    pub sandbox_endpoint: Option<String>,
}

impl Config {
    /// Loads and validates `path`.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.display().to_string(),
            source,
        })?;
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Self::parse(&text, &path.display().to_string(), base)
    }

    /// Parses and validates TOML text; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str, base_dir: PathBuf) -> Result<Self, ConfigError> {
        let mut config: Config = toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: origin.to_owned(),
            message: e.to_string().trim_end().to_owned(),
        })?;
        config.base_dir = base_dir;
        config.validate(text, origin)?;
        Ok(config)
    }

    fn validate(&self, text: &str, origin: &str) -> Result<(), ConfigError> {
        let invalid = |needle: &str, key: String, message: String| ConfigError::Invalid {
            path: origin.to_owned(),
            line: line_of(text, needle),
            key,
            message,
        };
        let mut ids = BTreeSet::new();
        for (i, ws) in self.workspaces.iter().enumerate() {
            let id = ws.id.to_string();
            if !ids.insert(ws.id) {
                return Err(invalid(
                    &id,
                    format!("workspace[{i}].id"),
                    "duplicate workspace id".into(),
                ));
            }
            if ws.plan != "default" && !self.plans.contains_key(&ws.plan) {
                let known: Vec<_> = self.plans.keys().cloned().collect();
                return Err(invalid(
                    &format!("\"{}\"", ws.plan),
                    format!("workspace[{i}].plan"),
                    format!("unknown plan `{}`; defined: {}", ws.plan, known.join(", ")),
                ));
            }
        }
        if self.backends.postgres_url.is_some() != self.backends.postgres_admin_url.is_some() {
            return Err(invalid(
                "postgres_",
                "backends".into(),
                "postgres_url and postgres_admin_url go together (the GDPR role is not the request role)".into(),
            ));
        }
        if self.backends.kms_key_id.is_some() != self.backends.kms_region.is_some() {
            return Err(invalid(
                "kms_",
                "backends".into(),
                "kms_key_id and kms_region go together".into(),
            ));
        }
        for (i, ws) in self.workspaces.iter().enumerate() {
            for (name, endpoint) in ws.sandbox_endpoints() {
                if let Err(e) = crate::platforms::sandbox::check(endpoint) {
                    return Err(invalid(
                        endpoint,
                        format!("workspace[{i}].{name}.sandbox_endpoint"),
                        e,
                    ));
                }
            }
        }
        for (name, plan) in &self.plans {
            if plan.per_minute == 0 {
                return Err(invalid(
                    "per_minute",
                    format!("plans.{name}.per_minute"),
                    "must be at least 1".into(),
                ));
            }
        }
        Ok(())
    }

    /// The plan of a workspace (`default`: 120 calls a minute unless defined).
    pub fn plan(&self, name: &str) -> Plan {
        match self.plans.get(name) {
            Some(p) => p
                .tools
                .iter()
                .fold(Plan::new(name, p.per_minute), |plan, (t, n)| {
                    plan.with_tool_limit(t.clone(), *n)
                }),
            None => Plan::new(name, 120),
        }
    }

    /// File paths, resolved against the config file's directory.
    pub fn paths(&self) -> Paths {
        let data = self.base_dir.join(&self.storage.data_dir);
        let pick = |p: &Option<PathBuf>, default: &str| match p {
            Some(p) => self.base_dir.join(p),
            None => data.join(default),
        };
        Paths {
            tokens: pick(&self.storage.tokens_file, "tokens.json"),
            vault: pick(&self.storage.vault_file, "vault.json"),
            master_key: pick(&self.storage.master_key_file, "master.key"),
            audit: pick(&self.storage.audit_file, "audit.jsonl"),
            data_dir: data,
        }
    }

    /// The workspace with this id or name.
    pub fn workspace(&self, id_or_name: &str) -> Option<&WorkspaceConfig> {
        self.workspaces
            .iter()
            .find(|w| w.name == id_or_name || w.id.to_string() == id_or_name)
    }
}

/// The 1-based line where `needle` first appears (1 when absent).
fn line_of(text: &str, needle: &str) -> usize {
    text.find(needle).map_or(1, |pos| {
        text.get(..pos).map_or(0, |t| t.matches('\n').count()) + 1
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
[plans.starter]
per_minute = 60
tools = { shopify_orders_list = 10 }

[[workspace]]
id = "0b6a3c1e-6c43-4f0e-9d4e-2f0b1f0c9a11"
name = "acme"
plan = "starter"
writes = { tiers = ["w1"], tools = ["shopify_products_update"] }
shopify = { shop = "acme" }
"#;

    #[test]
    fn parses_and_resolves() {
        let c = Config::parse(GOOD, "shopmcp.toml", PathBuf::from("/etc/shopmcp")).unwrap();
        let ws = c.workspace("acme").unwrap();
        assert_eq!(ws.platforms(), ["shopify"]);
        assert!(ws.opt_in().allows("shopify_products_update", RiskTier::W2));
        assert!(ws.opt_in().allows("x", RiskTier::W1));
        assert!(!ws.opt_in().allows("x", RiskTier::W2));
        let plan = c.plan(&ws.plan);
        assert_eq!(
            (plan.limit(), plan.tool_limit("shopify_orders_list")),
            (60, Some(10))
        );
        assert_eq!(
            c.paths().vault,
            PathBuf::from("/etc/shopmcp/shopmcp-data/vault.json")
        );
        assert_eq!(ws.shopify.as_ref().unwrap().api_version, "2026-07");
    }

    #[test]
    fn unknown_keys_name_the_line_and_key() {
        let bad = GOOD.replace("name = \"acme\"", "name = \"acme\"\npasword = \"x\"");
        let e = Config::parse(&bad, "shopmcp.toml", PathBuf::new())
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 9") && e.contains("pasword"), "{e}");
    }

    #[test]
    fn semantic_errors_name_the_line_and_key() {
        let bad = GOOD.replace("plan = \"starter\"", "plan = \"gold\"");
        let e = Config::parse(&bad, "shopmcp.toml", PathBuf::new())
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("line 9") && e.contains("workspace[0].plan") && e.contains("gold"),
            "{e}"
        );
        let bad = GOOD.replace("tiers = [\"w1\"]", "tiers = [\"w9\"]");
        let e = Config::parse(&bad, "shopmcp.toml", PathBuf::new())
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 10") && e.contains("w9"), "{e}");
        let dup = format!(
            "{GOOD}\n[[workspace]]\nid = \"0b6a3c1e-6c43-4f0e-9d4e-2f0b1f0c9a11\"\nname = \"b\"\n"
        );
        let e = Config::parse(&dup, "shopmcp.toml", PathBuf::new())
            .unwrap_err()
            .to_string();
        assert!(e.contains("duplicate workspace id"), "{e}");
    }
}
