//! Memory per workspace: `N` workspaces (default 100 000), each with its own toolbox of 30
//! shared tools, limiter state in the in-process limiter and a cached DEK, measured as the
//! resident-set growth of this process per workspace; then everything is evicted (registry
//! removal, limiter sweep once idle, DEK cache cleared) and the same number of fresh
//! workspaces is built again: if the idle state was reclaimed, the second round reuses the
//! freed memory and the resident set barely grows.
//!
//! ```text
//! cargo run --release -p shopmcp-benches --bin perf-memory [-- N]
//! ```
#![forbid(unsafe_code)]
#![allow(clippy::print_stdout)]

use std::sync::Arc;
use std::time::Duration;

use shopmcp_benches::{NoopInput as In, NoopOutput as Out};
use shopmcp_core::ratelimit::LocalRateLimiterConfig;
use shopmcp_core::*;
use shopmcp_vault::{CacheConfig, Dek, DekCache, DekId, KeyBytes};

fn noop<'a>(_: &'a (), _: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move { ToolOutput::new(&Out { ok: true }) })
}

/// Resident set in bytes, from `/proc/self/statm` (pages of 4 KiB).
fn rss() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |pages| pages * 4096)
}

struct State {
    registry: WorkspaceRegistry,
    limiter: LocalRateLimiter,
    cache: DekCache,
    plan: Arc<Plan>,
    tools: Vec<Arc<dyn Tool>>,
}

/// Builds `n` workspaces; returns their ids and the resident-set growth of each part.
async fn fill(
    st: &State,
    n: usize,
) -> Result<(Vec<WorkspaceId>, [u64; 3]), Box<dyn std::error::Error>> {
    let ids: Vec<WorkspaceId> = (0..n).map(|_| WorkspaceId::random()).collect();
    let r0 = rss();
    for id in &ids {
        st.registry.insert(Workspace {
            id: *id,
            toolbox: Toolbox::new(st.tools.iter().cloned(), &WriteOptIn::none())?,
            plan: st.plan.clone(),
        });
    }
    let r1 = rss();
    for id in &ids {
        let req = RateRequest {
            workspace: *id,
            tool: "shopify_toolaa_get",
            access: Access::Read,
            plan: &st.plan,
            cost: 1,
        };
        let _ = st.limiter.check(&req).await;
    }
    let r2 = rss();
    for id in &ids {
        st.cache
            .insert(*id, Dek::new(DekId::random(), 1, KeyBytes::generate()?));
    }
    let r3 = rss();
    Ok((
        ids,
        [
            r1.saturating_sub(r0),
            r2.saturating_sub(r1),
            r3.saturating_sub(r2),
        ],
    ))
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: usize = std::env::args()
        .nth(1)
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(100_000);
    let window = Duration::from_secs(1);
    let mut tools: Vec<Arc<dyn Tool>> = Vec::new();
    for a in 'a'..='e' {
        for b in 'a'..='f' {
            let spec =
                ToolSpec::read::<In, Out>(&format!("shopify_tool{a}{b}_get"), Platform::Shopify)
                    .title("Tool")
                    .description("Does nothing.")
                    .build()?;
            tools.push(Arc::new(FnTool::new(spec, (), noop)));
        }
    }
    let st = State {
        registry: WorkspaceRegistry::new(),
        limiter: LocalRateLimiter::new(&{
            let mut config = LocalRateLimiterConfig::default();
            config.window = window;
            config.max_workspaces = 2 * n;
            config
        }),
        cache: DekCache::start(CacheConfig::default())?,
        plan: Arc::new(Plan::new("free", 1000)),
        tools,
    };
    let base = rss();
    let (ids, parts) = fill(&st, n).await?;
    let total: u64 = parts.iter().sum();
    let per = |b: u64| b as f64 / n as f64;
    println!("workspaces: {n}");
    println!(
        "bytes per workspace: {:.0} (toolbox of 30 tools {:.0}, limiter state {:.0}, cached DEK {:.0})",
        per(total),
        per(parts[0]),
        per(parts[1]),
        per(parts[2])
    );

    for id in &ids {
        st.registry.remove(*id);
    }
    st.cache.clear();
    tokio::time::sleep(window * 2).await;
    st.limiter.sweep();
    println!(
        "after eviction: {} workspaces, {} limiter entries, {} cached DEKs",
        st.registry.len(),
        st.limiter.tracked_workspaces(),
        st.cache.len()
    );
    let after_evict = rss();
    let (_, again) = fill(&st, n).await?;
    let second: u64 = again.iter().sum();
    println!(
        "second round of {n} fresh workspaces: {:.0} bytes per workspace of new resident memory \
         (first round {:.0}); resident set {:.1} MiB at start, {:.1} MiB after the first round, \
         {:.1} MiB after eviction, {:.1} MiB now",
        per(second),
        per(total),
        base as f64 / 1048576.0,
        (base + total) as f64 / 1048576.0,
        after_evict as f64 / 1048576.0,
        rss() as f64 / 1048576.0
    );
    Ok(())
}
