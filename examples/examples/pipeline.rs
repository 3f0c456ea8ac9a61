//! The core pipeline end to end, with no store and no network: a bearer token, a
//! read-only workspace, opting into writes, a whitelist rejection, a rate limit and the
//! audit trail.
//!
//! Run: `cargo run --example pipeline`
#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use serde_json::json;
use shopmcp_core::secret::{ExposeSecret, SecretString};
use shopmcp_core::*;
use shopmcp_examples::{Catalogue, demo_tools};

fn workspace(id: WorkspaceId, catalogue: &Catalogue, opt_in: &WriteOptIn) -> Workspace {
    Workspace {
        id,
        toolbox: Toolbox::new(demo_tools(catalogue).unwrap(), opt_in).unwrap(),
        plan: Arc::new(Plan::new("demo", 6)),
    }
}

async fn call(
    p: &Pipeline,
    token: &SecretString,
    tool: &str,
    args: serde_json::Value,
) -> CallResponse {
    let raw = args.to_string();
    println!("\n→ tools/call {tool} {raw}");
    let r = p
        .call(CallRequest::new(Caller::Bearer(token), tool, raw.as_str()))
        .await;
    match &r.result {
        Ok(v) => println!("  ok: {}", serde_json::to_string(v).unwrap()),
        Err(e) => println!(
            "  error [{}]: {}",
            e.kind(),
            e.model_message().replace('\n', "\n    ")
        ),
    }
    r
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let catalogue = Catalogue::demo();
    let ws = WorkspaceId::random();
    println!("shopmcp pipeline demo (in-memory catalogue, no network)");
    println!("workspace {ws}");

    let tokens = Arc::new(TokenFile::open(dir.path().join("tokens.json")).unwrap());
    let (issued, _) = tokens.issue(ws, "demo", None).unwrap();
    println!(
        "issued a bearer token {}… (shown once, stored only as a SHA-256 hash)",
        &issued.token.expose_secret()[..22]
    );

    let registry = Arc::new(WorkspaceRegistry::new());
    registry.insert(workspace(ws, &catalogue, &WriteOptIn::none()));
    let audit = MemoryAudit::new();
    let pipeline = Pipeline::builder(tokens, registry.clone(), Arc::new(StaticCredentials::new()))
        .audit(Arc::new(audit.clone()))
        .build();

    let identity = pipeline.authenticate(&issued.token).await.unwrap();
    let names = |tb: Toolbox| {
        tb.tools()
            .iter()
            .map(|t| t.spec().name().to_owned())
            .collect::<Vec<_>>()
    };
    println!(
        "\n1. tools/list while read-only: {:?}",
        names(pipeline.toolbox(&identity).await.unwrap())
    );

    println!("\n2. a read (note the supplier text arrives marked as untrusted):");
    call(
        &pipeline,
        &issued.token,
        "local_products_list",
        json!({"limit": 1}),
    )
    .await;

    println!("\n3. the write tool does not exist for this workspace yet:");
    call(
        &pipeline,
        &issued.token,
        "local_products_update",
        json!({"sku": "MUG-01", "changes": {"price": "9.99"}}),
    )
    .await;

    println!("\n4. the workspace opts into W2 writes:");
    registry.insert(workspace(
        ws,
        &catalogue,
        &WriteOptIn::none().allow_tier(RiskTier::W2),
    ));
    println!(
        "   tools/list: {:?}",
        names(pipeline.toolbox(&identity).await.unwrap())
    );
    call(
        &pipeline,
        &issued.token,
        "local_products_update",
        json!({"sku": "MUG-01", "changes": {"price": "9.99"}}),
    )
    .await;

    println!(
        "\n5. an injected update carrying `sku` and `password` is refused before the handler runs:"
    );
    let before = catalogue.writes();
    call(&pipeline, &issued.token, "local_products_update", json!({"sku": "MUG-01", "changes": {"price": "0", "sku": "FREE", "password": "x", "Role_Id": 1}})).await;
    println!(
        "   catalogue writes before {before}, after {} (unchanged)",
        catalogue.writes()
    );

    println!("\n6. a wrong token:");
    call(
        &pipeline,
        &SecretString::from("smcp_0000000000000000_guess"),
        "local_products_list",
        json!({}),
    )
    .await;

    println!("\n7. the plan allows 6 calls a minute; keep calling:");
    for _ in 0..10 {
        let r = call(
            &pipeline,
            &issued.token,
            "local_products_list",
            json!({"limit": 1}),
        )
        .await;
        if r.result.is_err() {
            break;
        }
    }

    println!("\n8. the audit trail (one event per call, no arguments, no tokens):");
    for e in audit.events() {
        println!("   {}", e.to_json_line());
    }
}
