//! The production path, on the Redis server's clock: many clients on separate connections,
//! cost > 1, key expiry, nothing left behind.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "../src/tests/support.rs"]
mod support;

use std::sync::Arc;
use std::time::Duration;

use shopmcp_core::ratelimit::LimiterPath;
use shopmcp_core::{Access, Plan, RateDecision, RateLimiter, RateRequest, RiskTier, WorkspaceId};
use shopmcp_redis::{RedisLimiterConfig, RedisRateLimiter};
use support::{clean_up, keys_under, pttl, redis_url, unique_prefix};

const HOUR: Duration = Duration::from_secs(3600);

async fn limiter(url: &str, prefix: &str, window: Duration) -> RedisRateLimiter {
    let config = RedisLimiterConfig {
        key_prefix: prefix.to_owned(),
        window,
        timeout: Duration::from_secs(5),
        ..RedisLimiterConfig::default()
    };
    RedisRateLimiter::connect(url, config).await.unwrap()
}

fn req<'a>(
    ws: WorkspaceId,
    tool: &'a str,
    access: Access,
    plan: &'a Plan,
    cost: u32,
) -> RateRequest<'a> {
    RateRequest {
        workspace: ws,
        tool,
        access,
        plan,
        cost,
    }
}

/// With a one-hour window, a burst that crosses a fixed-window boundary still admits exactly
/// the limit: after `k` admissions just before the boundary, the next window admits `limit − k`
/// more until `k × elapsed fraction ≥ 1`, i.e. for 36 s. The burst lasts well under that, so
/// the count is exact wherever the boundary falls.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_clients_on_the_server_clock_admit_exactly_the_limit() {
    let Some(url) = redis_url().await else { return };
    let prefix = unique_prefix("server-clock");
    let mut clients = Vec::new();
    for _ in 0..50 {
        let c = limiter(&url, &prefix, HOUR).await;
        c.ready().await.unwrap();
        clients.push(Arc::new(c));
    }
    let plan = Arc::new(Plan::new("p", 100));
    let ws = WorkspaceId::random();
    let mut tasks = tokio::task::JoinSet::new();
    for (i, c) in clients.iter().enumerate() {
        let (c, plan) = (c.clone(), plan.clone());
        tasks.spawn(async move {
            let access = if i % 2 == 0 {
                Access::Read
            } else {
                Access::Write(RiskTier::W2)
            };
            let mut decisions = Vec::new();
            for _ in 0..6 {
                decisions.push(c.check(&req(ws, "t_any", access, &plan, 1)).await);
            }
            decisions
        });
    }
    let mut admitted = 0;
    let mut refused = 0;
    while let Some(r) = tasks.join_next().await {
        for d in r.unwrap() {
            match d {
                RateDecision::Allowed { path } => {
                    assert_eq!(path, LimiterPath::Primary);
                    admitted += 1;
                }
                RateDecision::Limited { retry_after } => {
                    assert!(
                        retry_after > Duration::ZERO && retry_after <= 2 * HOUR,
                        "{retry_after:?}"
                    );
                    refused += 1;
                }
                RateDecision::Unavailable => panic!("Redis is up"),
            }
        }
    }
    assert_eq!((admitted, refused), (100, 200));
    // One hash per workspace, expiring within two windows.
    let keys = keys_under(&url, &prefix).await;
    assert_eq!(keys.len(), 1);
    let ttl = pttl(&url, &keys[0]).await;
    assert!(ttl > 0 && ttl <= 2 * 3_600_000, "{ttl}");
    clean_up(&url, &prefix).await;
}

#[tokio::test]
async fn cost_is_added_once_on_the_server_clock() {
    let Some(url) = redis_url().await else { return };
    let prefix = unique_prefix("cost");
    let limiter = limiter(&url, &prefix, HOUR).await;
    let plan = Plan::new("p", 10);
    let ws = WorkspaceId::random();
    let r = req(ws, "t_any", Access::Read, &plan, 5);
    assert!(matches!(
        limiter.check(&r).await,
        RateDecision::Allowed { .. }
    ));
    assert!(matches!(
        limiter.check(&r).await,
        RateDecision::Allowed { .. }
    ));
    assert!(matches!(
        limiter.check(&r).await,
        RateDecision::Limited { .. }
    ));
    // The two admissions are counted as 10 units (split over two windows if a boundary fell
    // between them), not 45.
    let keys = keys_under(&url, &prefix).await;
    let (_, c, p) = support::counter(&url, &keys[0]).await.unwrap();
    assert_eq!(c + p, 10);
    clean_up(&url, &prefix).await;
}

#[tokio::test]
async fn keys_expire_within_two_windows() {
    let Some(url) = redis_url().await else { return };
    let prefix = unique_prefix("expiry");
    let limiter = limiter(&url, &prefix, Duration::from_secs(1)).await;
    let plan = Plan::new("p", 5).with_tool_limit("t_limited", 2);
    let ws = WorkspaceId::random();
    let r = req(ws, "t_limited", Access::Read, &plan, 1);
    assert!(matches!(
        limiter.check(&r).await,
        RateDecision::Allowed { .. }
    ));
    let keys = keys_under(&url, &prefix).await;
    assert_eq!(keys.len(), 2, "{keys:?}");
    let mut longest = 0;
    for k in &keys {
        let ttl = pttl(&url, k).await;
        assert!(ttl > 0 && ttl <= 2_000, "{k}: {ttl}");
        longest = longest.max(ttl);
    }
    // Past the longest TTL Redis no longer has them (without any delete from us).
    tokio::time::sleep(Duration::from_millis(u64::try_from(longest).unwrap() + 50)).await;
    for k in &keys {
        assert_eq!(pttl(&url, k).await, -2, "{k} still exists");
    }
    assert!(keys_under(&url, &prefix).await.is_empty());
}
