//! The one-command quickstart: a SANDBOX store on loopback, `shopmcp-server`'s pipeline over
//! streamable HTTP on 127.0.0.1 with a fresh bearer token, and a real MCP client (rmcp)
//! walking through what the library promises. No configuration, no network.
//!
//! Run: `cargo run --example quickstart`
#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::error::Error;
use std::io::Cursor;

use rmcp::ServiceExt;
use rmcp::model::{CallToolRequestParams, CallToolResult};
use rmcp::transport::StreamableHttpClientTransport;
use rmcp::transport::streamable_http_client::StreamableHttpClientTransportConfig;
use serde_json::{Value, json};
use shopmcp_core::TokenFile;
use shopmcp_core::secret::ExposeSecret;
use shopmcp_examples::sandbox::SandboxStore;
use shopmcp_rmcp::{HttpServer, McpServer};
use shopmcp_server::assemble;
use shopmcp_server::commands::connect::{self, ConnectArgs};
use shopmcp_server::config::{Config, TierName};

const WORKSPACE: &str = "5a9d3c2e-8f61-4b7a-9c0d-1e2f3a4b5c6d";

fn config_text(sandbox: &str) -> String {
    format!(
        r#"[plans.demo]
per_minute = 6

[[workspace]]
id = "{WORKSPACE}"
name = "sandbox-demo"
plan = "demo"
neto = {{ base_url = "https://sandbox.invalid", sandbox_endpoint = "{sandbox}" }}
"#
    )
}

fn show(result: &CallToolResult) -> String {
    if result.is_error == Some(true) {
        let text: Vec<String> = result
            .content
            .iter()
            .filter_map(|c| c.as_text().map(|t| t.text.clone()))
            .collect();
        format!("isError: {}", text.join(" ").replace('\n', "\n      "))
    } else {
        let v = result.structured_content.clone().unwrap_or(Value::Null);
        let s = v.to_string();
        if s.len() > 300 {
            format!("ok: {}…", &s[..300])
        } else {
            format!("ok: {s}")
        }
    }
}

fn args(v: Value) -> rmcp::model::JsonObject {
    match v {
        Value::Object(map) => map,
        _ => rmcp::model::JsonObject::new(),
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    println!("shopmcp quickstart: everything below runs on 127.0.0.1, against a SANDBOX store.\n");

    let sandbox = SandboxStore::start().await?;
    println!(
        "1. SANDBOX store (a fake Neto/Maropost API with demo data, not a real shop) at {}",
        sandbox.url()
    );

    let dir = tempfile::tempdir()?;
    let path = dir.path().join("shopmcp.toml");
    std::fs::write(&path, config_text(&sandbox.url()))?;
    let mut config = Config::load(&path)?;
    let mut sink = Vec::new();
    let connect_args = ConnectArgs {
        workspace: "sandbox-demo",
        platform: "neto",
        slot: "admin",
        kind: "api_key",
    };
    connect::run(
        &config,
        connect_args,
        &mut Cursor::new("sandbox-api-key\n\n"),
        false,
        &mut sink,
    )
    .await?;
    println!(
        "2. stored the sandbox API key encrypted in {} (as `shopmcp-server connect` does)",
        config.paths().vault.display()
    );

    let tokens = TokenFile::open(config.paths().tokens)?; // the embedded token store
    let ws_id = config.workspaces[0].id;
    let (issued, record) = tokens.issue(ws_id, "quickstart", None)?;
    println!(
        "3. issued bearer token {} (shown once; only its hash is stored)",
        record.id
    );

    let mut progress = Vec::new();
    let assembled = assemble::build(&config, &mut progress).await?;
    print!("   {}", String::from_utf8_lossy(&progress));
    let server = McpServer::builder(assembled.pipeline.clone())
        .name("shopmcp-quickstart")
        .elicitation(assembled.confirmer.clone())
        .build();
    let handle = HttpServer::builder(server)
        .bind("127.0.0.1:0".parse()?)
        .json_response(true)
        .build()?
        .serve()
        .await?;
    println!(
        "4. shopmcp-server listening on {} (streamable HTTP, bearer auth, loopback only)",
        handle.url()
    );

    let transport = StreamableHttpClientTransport::from_config(
        StreamableHttpClientTransportConfig::with_uri(handle.url().to_owned())
            .auth_header(issued.token.expose_secret().to_owned()),
    );
    let client = ().serve(transport).await?;
    let tools = client.list_all_tools().await?;
    let names: Vec<&str> = tools.iter().map(|t| t.name.as_ref()).collect();
    println!(
        "\n5. tools/list while read-only ({} tools, reads only):\n   {}",
        names.len(),
        names.join(", ")
    );

    let call =
        |name: &str, a: Value| CallToolRequestParams::new(name.to_owned()).with_arguments(args(a));
    let orders = client
        .call_tool(call("neto_orders_list", json!({})))
        .await?;
    println!("\n6. neto_orders_list → {}", show(&orders));

    let update = json!({"sku": "LSD", "changes": {"name": "Luke Skywalker Doll (boxed)", "default_price": "139.95"}});
    match client
        .call_tool(call("neto_items_update", update.clone()))
        .await
    {
        Err(e) => println!("\n7. neto_items_update while read-only → refused: {e}"),
        Ok(r) => println!("\n7. neto_items_update while read-only → {}", show(&r)),
    }

    config.workspaces[0].writes.tiers = vec![TierName::W2];
    let n = assembled
        .reload_workspace(&config, &config.workspaces[0])
        .await?;
    println!("\n8. the merchant opts the workspace into W2 writes: {n} tools now");

    let ok = client.call_tool(call("neto_items_update", update)).await?;
    println!(
        "\n9. neto_items_update with whitelisted fields → {}",
        show(&ok)
    );
    let item = client
        .call_tool(call("neto_items_get", json!({"sku": "LSD"})))
        .await?;
    println!("   read back: {}", show(&item));

    let before = sandbox.request_count();
    let injected =
        json!({"sku": "LSD", "changes": {"name": "x", "sku": "FREE", "password": "hunter2"}});
    let bad = client
        .call_tool(call("neto_items_update", injected))
        .await?;
    println!(
        "\n10. an injected update carrying `sku` and `password` → {}",
        show(&bad)
    );
    println!(
        "    sandbox requests before {before}, after {} (nothing was sent)",
        sandbox.request_count()
    );

    println!("\n11. the plan allows 6 calls a minute; keep reading:");
    for i in 1..=6 {
        let r = client
            .call_tool(call("neto_orders_list", json!({"limit": 1})))
            .await?;
        let limited = r.is_error == Some(true);
        println!(
            "    call {i}: {}",
            if limited { show(&r) } else { "ok".to_owned() }
        );
        if limited {
            break;
        }
    }

    client.cancel().await?;
    handle.shutdown().await?;
    println!(
        "\n12. the audit trail ({}): one line per call, no arguments, no tokens, no personal data",
        config.paths().audit.display()
    );
    for line in std::fs::read_to_string(config.paths().audit)?.lines() {
        println!("    {line}");
    }
    println!(
        "\nDone. Next: `cargo install --path crates/shopmcp-server`, write a shopmcp.toml for your store, `shopmcp-server connect`, `shopmcp-server token create`, `shopmcp-server serve`."
    );
    Ok(())
}
