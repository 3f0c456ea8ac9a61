//! Every platform crate is registered: one workspace with all four sections yields every
//! tool, names are unique across crates, writes appear only when opted in, and the root
//! README lists exactly these tools.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;
use std::path::PathBuf;

use shopmcp_core::{Toolbox, WriteOptIn};
use shopmcp_server::commands::connect::open_vault;
use shopmcp_server::config::Config;
use shopmcp_server::platforms::{self, Clients};

fn config(dir: &std::path::Path, writes: &str) -> Config {
    let text = format!(
        r#"[[workspace]]
id = "0b6a3c1e-6c43-4f0e-9d4e-2f0b1f0c9a11"
name = "all"
{writes}
shopify = {{ shop = "acme", sandbox_endpoint = "http://127.0.0.1:9" }}
magento = {{ base_url = "https://shop.example.com", store_code = "default", sandbox_endpoint = "http://127.0.0.1:9" }}
bigcommerce = {{ store_hash = "abc123", sandbox_endpoint = "http://127.0.0.1:9" }}
neto = {{ base_url = "https://shop.example.com.au", sandbox_endpoint = "http://127.0.0.1:9" }}
"#
    );
    Config::parse(&text, "test.toml", dir.to_path_buf()).unwrap()
}

#[tokio::test]
async fn all_four_platforms_register_and_the_readme_lists_their_tools() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), "");
    let vault = open_vault(&cfg).await.unwrap();
    let clients = Clients::new().unwrap();
    let connected = platforms::connect(&cfg.workspaces[0], &clients, &vault)
        .await
        .unwrap();
    let all: Vec<String> = connected
        .tools
        .iter()
        .map(|t| t.spec().name().to_owned())
        .collect();
    let unique: BTreeSet<&String> = all.iter().collect();
    assert_eq!(
        unique.len(),
        all.len(),
        "tool names are unique across platforms"
    );
    for p in ["shopify_", "magento_", "bigcommerce_", "neto_"] {
        assert!(all.iter().any(|n| n.starts_with(p)), "{p} tools registered");
    }
    assert!(
        connected
            .notes
            .iter()
            .filter(|n| n.contains("SANDBOX"))
            .count()
            == 4,
        "{:?}",
        connected.notes
    );

    let readme =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../README.md"))
            .unwrap();
    let start = readme.find("## Tools").expect("a Tools section");
    let section = &readme[start..];
    let end = section[3..].find("\n## ").map_or(section.len(), |i| i + 3);
    let listed: BTreeSet<String> = section[..end]
        .split('`')
        .filter(|w| {
            ["shopify_", "magento_", "bigcommerce_", "neto_"]
                .iter()
                .any(|p| w.starts_with(p))
        })
        .filter(|w| {
            w.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        })
        .map(str::to_owned)
        .collect();
    let offered: BTreeSet<String> = all.iter().cloned().collect();
    assert_eq!(listed, offered, "README tool list and the crates disagree");

    let read_only = Toolbox::new(connected.tools.clone(), &WriteOptIn::none()).unwrap();
    assert!(
        read_only
            .tools()
            .iter()
            .all(|t| !t.spec().access().is_write())
    );
    let opted = config(dir.path(), "writes = { tiers = [\"w1\", \"w2\"] }");
    let with_writes = Toolbox::new(connected.tools, &opted.workspaces[0].opt_in()).unwrap();
    assert!(with_writes.len() > read_only.len());
    assert!(
        with_writes
            .tools()
            .iter()
            .all(|t| t.spec().access().tier() != Some(shopmcp_core::RiskTier::W3))
    );
}

#[test]
fn sandbox_endpoints_must_be_loopback() {
    let dir = tempfile::tempdir().unwrap();
    let text = r#"[[workspace]]
id = "0b6a3c1e-6c43-4f0e-9d4e-2f0b1f0c9a11"
name = "x"
neto = { base_url = "https://shop.example.com.au", sandbox_endpoint = "http://10.0.0.5:80" }
"#;
    let e = Config::parse(text, "t.toml", dir.path().to_path_buf())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("line 4") && e.contains("neto.sandbox_endpoint") && e.contains("loopback"),
        "{e}"
    );
}
