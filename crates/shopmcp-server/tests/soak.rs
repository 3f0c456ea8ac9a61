//! Faults and load through the HTTP server: 10 000 tool calls from 100 workspaces at once.
//!
//! Each workspace is one merchant with its own bearer token, its own credential (a distinct
//! secret) and its own loopback fake store (Neto, BigCommerce, Magento or Shopify in turn).
//! The fake stores inject faults on a seeded schedule: delays, 5xx, 429 with `Retry-After`,
//! connection resets (before and in the middle of a body) and malformed bodies, and check that
//! every request carries their own workspace's credential. All workspaces call concurrently
//! over streamable HTTP (protocol 2026-07-28, stateless).
//!
//! Asserted: no request ever carried another workspace's credential; no panic; every call
//! finished (a result or an error, the pipeline's deadline bounding it; a far longer guard
//! timeout never fired); exactly one audit event per call, per workspace; the process RSS grew
//! by less than a generous bound. Outcomes by kind, faults by kind and the numbers are printed
//! (`cargo test -p shopmcp-server --test soak -- --nocapture`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use serde_json::{Value, json};
use shopmcp_server::commands::serve;
use shopmcp_server::config::Config;
use shopmcp_testkit::{FakeResponse, FakeUpstream, RecordedRequest};

use common::Mcp;

const WORKSPACES: usize = 100;
const CALLS_PER_WORKSPACE: usize = 100;
const SEED: u64 = 0x5eed_2026_1121;
/// Far above the pipeline's 30 s call deadline: only a call that never finishes reaches it.
const GUARD: Duration = Duration::from_secs(180);
/// Generous: the fakes record every request, the audit file is on disk.
const MAX_RSS_GROWTH_KIB: u64 = 256 * 1024;

static PANICS: AtomicUsize = AtomicUsize::new(0);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Platform {
    Neto,
    BigCommerce,
    Magento,
    Shopify,
}

impl Platform {
    fn of(ws: usize) -> Self {
        [Self::Neto, Self::BigCommerce, Self::Magento, Self::Shopify][ws % 4]
    }

    /// The method and path of the one operation the workspace calls.
    fn route(self, ws: usize) -> (&'static str, String) {
        match self {
            Self::Neto => ("POST", "/do/WS/NetoAPI".into()),
            Self::BigCommerce => ("GET", format!("/stores/{}/v2/store", store_hash(ws))),
            Self::Magento => ("GET", "/rest/default/V1/orders/1".into()),
            Self::Shopify => ("POST", "/admin/api/2026-07/graphql.json".into()),
        }
    }

    /// The tool and its arguments.
    fn call(self) -> (&'static str, Value) {
        match self {
            Self::Neto => ("neto_items_list", json!({"limit": 5})),
            Self::BigCommerce => ("bigcommerce_store_get", json!({})),
            Self::Magento => ("magento_orders_get", json!({"order_id": 1})),
            Self::Shopify => ("shopify_shop_get", json!({})),
        }
    }

    /// The header that carries the credential, and how its value embeds the secret.
    fn credential_header(self, secret: &str) -> (&'static str, String) {
        match self {
            Self::Neto => ("netoapi_key", secret.to_owned()),
            Self::BigCommerce => ("x-auth-token", secret.to_owned()),
            Self::Magento => ("authorization", format!("Bearer {secret}")),
            Self::Shopify => ("x-shopify-access-token", secret.to_owned()),
        }
    }

    fn success(self) -> Value {
        match self {
            Self::Neto => common::fixture("shopmcp-neto", "get_item_list.json"),
            Self::BigCommerce => common::fixture("shopmcp-bigcommerce", "store.json"),
            Self::Magento => common::fixture("shopmcp-magento", "order.json"),
            Self::Shopify => common::fixture("shopmcp-shopify", "shop_get.json"),
        }
    }
}

fn store_hash(ws: usize) -> String {
    format!("soak{ws:03}")
}

fn workspace_id(ws: usize) -> String {
    format!("00000000-0000-4000-8000-{ws:012}")
}

/// SplitMix64: the seeded schedule.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

const FAULTS: [&str; 7] = [
    "none",
    "delay",
    "5xx",
    "429",
    "reset",
    "reset_mid_body",
    "malformed",
];

/// What the fake stores saw and did, shared by all of them.
#[derive(Default)]
struct Ledger {
    requests: AtomicU64,
    /// Requests whose credential was another workspace's, or missing.
    foreign: AtomicU64,
    faults: [AtomicU64; 7],
}

/// The fault for request `n` of workspace `ws`: an index into [`FAULTS`].
fn fault(ws: usize, n: u64) -> usize {
    match mix(SEED ^ ((ws as u64) << 32) ^ n) % 100 {
        0..5 => 1,
        5..10 => 2,
        10..13 => 3,
        13..16 => 4,
        16..18 => 5,
        18..21 => 6,
        _ => 0,
    }
}

/// The success answer, serialised once.
struct Success {
    response: FakeResponse,
    body: String,
}

fn answer(ws: usize, n: u64, ok: &Success, ledger: &Ledger) -> FakeResponse {
    let kind = fault(ws, n);
    ledger.faults[kind].fetch_add(1, Ordering::Relaxed);
    match FAULTS[kind] {
        "delay" => ok
            .response
            .clone()
            .delay(Duration::from_millis(20 + n % 80)),
        "5xx" => FakeResponse::json(
            [500, 502, 503][(n % 3) as usize],
            &json!({"error": "upstream failure"}),
        ),
        "429" => FakeResponse::throttled("1"),
        "reset" => FakeResponse::reset(),
        "reset_mid_body" => FakeResponse::reset_mid_body(ok.body.clone(), ok.body.len() / 2),
        "malformed" => FakeResponse::malformed_json(),
        _ => ok.response.clone(),
    }
}

/// A fake store for workspace `ws` that checks every request's credential against `secret`.
async fn fake_store(ws: usize, secret: &str, ledger: &Arc<Ledger>) -> FakeUpstream {
    let platform = Platform::of(ws);
    let fake = FakeUpstream::http().await.unwrap();
    let (header, expected) = platform.credential_header(secret);
    let ok = Success {
        response: FakeResponse::json(200, &platform.success()),
        body: platform.success().to_string(),
    };
    let ledger = ledger.clone();
    let counter = AtomicU64::new(0);
    let scopes: Vec<Value> = ["read_products", "read_orders", "read_customers"]
        .into_iter()
        .map(|h| json!({"handle": h, "description": h}))
        .collect();
    let granted = json!({"data": {"currentAppInstallation": {"accessScopes": scopes}}});
    let (method, path) = platform.route(ws);
    fake.respond(method, &path, move |req: &RecordedRequest| {
        ledger.requests.fetch_add(1, Ordering::Relaxed);
        if req.header(header) != Some(expected.as_str()) {
            ledger.foreign.fetch_add(1, Ordering::Relaxed);
        }
        let op = req
            .json()
            .and_then(|b| b["operationName"].as_str().map(str::to_owned));
        if op.as_deref() == Some("GrantedScopes") {
            return FakeResponse::json(200, &granted);
        }
        answer(ws, counter.fetch_add(1, Ordering::Relaxed), &ok, &ledger)
    });
    fake
}

#[derive(Default, Debug)]
struct Tally {
    /// MCP-level answers by kind.
    answers: BTreeMap<String, usize>,
    /// Calls the guard timeout cut off.
    unfinished: usize,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_calls_from_a_hundred_workspaces_under_faults() {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        PANICS.fetch_add(1, Ordering::Relaxed);
        default_hook(info);
    }));

    let ledger = Arc::new(Ledger::default());
    let secrets: Vec<String> = (0..WORKSPACES)
        .map(|ws| format!("soak-secret-{ws:03}-{}", uuid::Uuid::new_v4().simple()))
        .collect();
    let mut fakes = Vec::new();
    for (ws, secret) in secrets.iter().enumerate() {
        fakes.push(fake_store(ws, secret, &ledger).await);
    }

    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("[plans.soak]\nper_minute = 100000\n");
    for (ws, fake) in fakes.iter().enumerate() {
        let endpoint = fake.base_url();
        let section = match Platform::of(ws) {
            Platform::Neto => format!(
                r#"neto = {{ base_url = "https://soak{ws}.example.com.au", sandbox_endpoint = "{endpoint}" }}"#
            ),
            Platform::BigCommerce => format!(
                r#"bigcommerce = {{ store_hash = "{}", sandbox_endpoint = "{endpoint}" }}"#,
                store_hash(ws)
            ),
            Platform::Magento => format!(
                r#"magento = {{ base_url = "https://soak{ws}.example.com", sandbox_endpoint = "{endpoint}" }}"#
            ),
            Platform::Shopify => {
                format!(r#"shopify = {{ shop = "soak-{ws}", sandbox_endpoint = "{endpoint}" }}"#)
            }
        };
        text.push_str(&format!(
            "\n[[workspace]]\nid = \"{}\"\nname = \"ws{ws}\"\nplan = \"soak\"\n{section}\n",
            workspace_id(ws)
        ));
    }
    let config = Config::parse(&text, "soak.toml", dir.path().to_path_buf()).unwrap();
    let mut tokens = Vec::new();
    for (ws, secret) in secrets.iter().enumerate() {
        let name = format!("ws{ws}");
        let (platform, kind, fields) = match Platform::of(ws) {
            Platform::Neto => ("neto", "api_key", vec![secret.as_str(), ""]),
            Platform::BigCommerce => ("bigcommerce", "access_token", vec![secret.as_str()]),
            Platform::Magento => ("magento", "bearer", vec![secret.as_str()]),
            Platform::Shopify => ("shopify", "access_token", vec![secret.as_str()]),
        };
        common::connect(&config, &name, platform, "admin", kind, &fields).await;
        tokens.push(common::bearer(&config, &name).await);
    }

    let serving = serve::start(&config, Some("127.0.0.1:0")).await.unwrap();
    let url = serving.handle.url().to_owned();
    let rss_before = common::rss_kib();
    let started = tokio::time::Instant::now();

    let mut tasks = tokio::task::JoinSet::new();
    let http = reqwest::Client::new();
    for (ws, token) in tokens.into_iter().enumerate() {
        let mcp = Mcp::with_http(http.clone(), &url, token);
        tasks.spawn(async move {
            let (tool, args) = Platform::of(ws).call();
            let mut tally = Tally::default();
            for i in 0..CALLS_PER_WORKSPACE {
                let id = 1 + i as u64;
                match tokio::time::timeout(
                    GUARD,
                    mcp.request(
                        id,
                        "tools/call",
                        json!({"name": tool, "arguments": args.clone()}),
                    ),
                )
                .await
                {
                    Err(_) => tally.unfinished += 1,
                    Ok(reply) => {
                        let v = reply.json();
                        let kind = if reply.status != 200 {
                            format!("http_{}", reply.status)
                        } else if v.get("error").is_some() {
                            "jsonrpc_error".to_owned()
                        } else if v["result"]["isError"] == json!(false) {
                            "result".to_owned()
                        } else if v["result"]["isError"] == json!(true) {
                            "error_result".to_owned()
                        } else {
                            format!("unexpected: {}", reply.text)
                        };
                        *tally.answers.entry(kind).or_default() += 1;
                    }
                }
            }
            (ws, tally)
        });
    }
    let mut answers = BTreeMap::<String, usize>::new();
    let mut unfinished = 0;
    let mut finished_workspaces = BTreeSet::new();
    while let Some(joined) = tasks.join_next().await {
        let (ws, tally) = joined.unwrap();
        finished_workspaces.insert(ws);
        unfinished += tally.unfinished;
        for (k, n) in tally.answers {
            *answers.entry(k).or_default() += n;
        }
    }
    let run_time = started.elapsed();
    let rss_after = common::rss_kib();
    serving.handle.shutdown().await.unwrap();

    let calls = WORKSPACES * CALLS_PER_WORKSPACE;
    // Every call finished with an MCP answer: a result or an `isError` result.
    assert_eq!(finished_workspaces.len(), WORKSPACES);
    assert_eq!(unfinished, 0, "calls the guard timeout cut off");
    assert_eq!(
        answers.get("result").copied().unwrap_or(0)
            + answers.get("error_result").copied().unwrap_or(0),
        calls,
        "{answers:?}"
    );
    // Exactly one audit event per call, per workspace, each with its own request id.
    let audit = std::fs::read_to_string(config.paths().audit).unwrap();
    let mut per_workspace = BTreeMap::<String, usize>::new();
    let mut outcomes = BTreeMap::<String, usize>::new();
    let mut request_ids = BTreeSet::new();
    for line in audit.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        *per_workspace
            .entry(v["workspace"].as_str().unwrap().to_owned())
            .or_default() += 1;
        *outcomes
            .entry(v["outcome"].as_str().unwrap().to_owned())
            .or_default() += 1;
        request_ids.insert(v["request_id"].as_str().unwrap().to_owned());
    }
    assert_eq!(audit.lines().count(), calls);
    assert_eq!(request_ids.len(), calls);
    assert_eq!(per_workspace.len(), WORKSPACES);
    for ws in 0..WORKSPACES {
        assert_eq!(
            per_workspace[&workspace_id(ws)],
            CALLS_PER_WORKSPACE,
            "workspace {ws}"
        );
    }
    assert_eq!(outcomes.get("ok").copied().unwrap_or(0), answers["result"]);
    // No request ever carried another workspace's credential.
    let upstream = ledger.requests.load(Ordering::Relaxed);
    assert_eq!(
        ledger.foreign.load(Ordering::Relaxed),
        0,
        "requests with a foreign or missing credential"
    );
    assert!(upstream >= calls as u64, "{upstream} upstream requests");
    let faults: BTreeMap<&str, u64> = FAULTS
        .iter()
        .zip(&ledger.faults)
        .map(|(k, n)| (*k, n.load(Ordering::Relaxed)))
        .collect();
    for kind in FAULTS {
        assert!(faults[kind] > 0, "fault {kind} was injected: {faults:?}");
    }
    assert_eq!(PANICS.load(Ordering::Relaxed), 0, "panics");
    let growth = rss_after.saturating_sub(rss_before);
    assert!(
        growth < MAX_RSS_GROWTH_KIB,
        "RSS grew by {growth} KiB ({rss_before} -> {rss_after})"
    );
    #[allow(clippy::print_stdout)]
    {
        println!(
            "soak: {calls} calls from {WORKSPACES} workspaces, {upstream} upstream requests, run time {:.1} s",
            run_time.as_secs_f64()
        );
        println!("soak: MCP answers {answers:?}");
        println!("soak: audit outcomes {outcomes:?}");
        println!("soak: faults injected per upstream request {faults:?}");
        println!(
            "soak: foreign credentials 0, panics 0, unfinished calls 0, RSS {rss_before} KiB -> {rss_after} KiB (+{growth} KiB)"
        );
    }
}
