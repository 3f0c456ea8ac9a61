//! The CLI end to end through the real binary: tokens, connecting a credential from
//! stdin, usage, and configuration errors.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const WS: &str = "0b6a3c1e-6c43-4f0e-9d4e-2f0b1f0c9a11";

fn config(dir: &Path, extra: &str) -> PathBuf {
    let path = dir.join("shopmcp.toml");
    std::fs::write(
        &path,
        format!("[[workspace]]\nid = \"{WS}\"\nname = \"acme\"\n{extra}\n"),
    )
    .unwrap();
    path
}

fn run(cfg: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_shopmcp-server"))
        .arg("--config")
        .arg(cfg)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn tokens_are_shown_once_listed_without_secrets_and_revocable() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), "");
    let created = run(
        &cfg,
        &[
            "token",
            "create",
            "--workspace",
            "acme",
            "--label",
            "laptop",
        ],
        "",
    );
    assert!(created.status.success(), "{}", text(&created));
    let out = String::from_utf8(created.stdout).unwrap();
    let token = out
        .lines()
        .find(|l| l.starts_with("smcp_"))
        .unwrap()
        .to_owned();
    let id = token.get(5..21).unwrap().to_owned();
    let listed = run(&cfg, &["token", "list"], "");
    let listing = text(&listed);
    assert!(
        listing.contains(&id) && listing.contains("laptop") && listing.contains("active"),
        "{listing}"
    );
    assert!(!listing.contains(&token), "the secret is never listed");
    let stored = std::fs::read_to_string(dir.path().join("shopmcp-data/tokens.json")).unwrap();
    assert!(!stored.contains(&token));
    assert!(run(&cfg, &["token", "revoke", &id], "").status.success());
    assert!(text(&run(&cfg, &["token", "list"], "")).contains("revoked"));
    let missing = run(&cfg, &["token", "revoke", "0000000000000000"], "");
    assert!(!missing.status.success());
}

#[test]
fn connect_reads_secrets_from_stdin_and_stores_them_encrypted() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), "shopify = { shop = \"acme\" }");
    let secret = "shpat_CLI_SECRET_0123456789";
    let o = run(
        &cfg,
        &[
            "connect",
            "--workspace",
            "acme",
            "--platform",
            "shopify",
            "--kind",
            "access_token",
        ],
        &format!("{secret}\n"),
    );
    assert!(o.status.success(), "{}", text(&o));
    assert!(!text(&o).contains(secret), "never echoed");
    let vault = std::fs::read(dir.path().join("shopmcp-data/vault.json")).unwrap();
    assert!(
        !String::from_utf8_lossy(&vault).contains(secret),
        "stored encrypted"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for f in ["vault.json", "master.key"] {
            let mode = std::fs::metadata(dir.path().join("shopmcp-data").join(f))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600, "{f}");
        }
    }
    // Wrong kind: a helpful error listing the kinds.
    let o = run(
        &cfg,
        &[
            "connect",
            "--workspace",
            "acme",
            "--platform",
            "shopify",
            "--kind",
            "password",
        ],
        "x\n",
    );
    assert!(!o.status.success());
    assert!(text(&o).contains("client_credentials"), "{}", text(&o));
    // A platform the workspace does not configure.
    let o = run(
        &cfg,
        &[
            "connect",
            "--workspace",
            "acme",
            "--platform",
            "neto",
            "--kind",
            "api_key",
        ],
        "k\n\n",
    );
    assert!(text(&o).contains("no [neto] section"), "{}", text(&o));
    // Secrets never come from argv: there is no flag for them.
    let o = run(
        &cfg,
        &[
            "connect",
            "--workspace",
            "acme",
            "--platform",
            "shopify",
            "--kind",
            "access_token",
            "--token",
            "x",
        ],
        "",
    );
    assert!(!o.status.success());
}

#[test]
fn usage_lists_only_that_workspaces_events() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), "");
    std::fs::create_dir_all(dir.path().join("shopmcp-data")).unwrap();
    let other = "7d8e3c4a-1b2c-4d5e-8f90-a1b2c3d4e5f6";
    let lines = [
        format!(
            r#"{{"timestamp":"2026-11-21T10:00:00.000000Z","request_id":"r1","workspace":"{WS}","tool":"shopify_orders_list","platform":"shopify","latency_us":812,"outcome":"ok"}}"#
        ),
        format!(
            r#"{{"timestamp":"2026-11-21T10:00:01.000000Z","request_id":"r2","workspace":"{other}","tool":"shopify_orders_get","platform":"shopify","latency_us":90,"outcome":"ok"}}"#
        ),
        format!(
            r#"{{"timestamp":"2026-11-21T10:00:02.000000Z","request_id":"r3","workspace":"{WS}","tool":"shopify_products_update","platform":"shopify","latency_us":33,"outcome":"invalid_arguments"}}"#
        ),
    ];
    std::fs::write(
        dir.path().join("shopmcp-data/audit.jsonl"),
        lines.join("\n") + "\n",
    )
    .unwrap();
    let o = run(&cfg, &["usage", "--workspace", "acme"], "");
    let t = text(&o);
    assert!(
        t.contains("shopify_orders_list") && t.contains("invalid_arguments"),
        "{t}"
    );
    assert!(!t.contains("shopify_orders_get"), "{t}");
}

#[test]
fn bad_configuration_names_the_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), "plan = \"gold\"");
    let o = run(&cfg, &["token", "list"], "");
    assert!(!o.status.success());
    let t = text(&o);
    assert!(
        t.contains("line 4") && t.contains("workspace[0].plan") && t.contains("gold"),
        "{t}"
    );
    let missing = run(&dir.path().join("nope.toml"), &["token", "list"], "");
    assert!(text(&missing).contains("cannot read"), "{}", text(&missing));
}
