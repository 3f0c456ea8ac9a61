//! The in-process limiter: never more than the limit in any window; bounded memory.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::VecDeque;
use std::time::Duration;

use shopmcp_core::ratelimit::LocalRateLimiterConfig;
use shopmcp_core::*;

fn req<'a>(ws: WorkspaceId, plan: &'a Plan, tool: &'a str, cost: u32) -> RateRequest<'a> {
    RateRequest {
        workspace: ws,
        tool,
        access: Access::Read,
        plan,
        cost,
    }
}

fn allowed(d: RateDecision) -> bool {
    matches!(d, RateDecision::Allowed { .. })
}

/// Admitted units in every window of length `w` (checked at each admission time).
fn max_in_any_window(admissions: &[(Duration, u32)], w: Duration) -> u32 {
    let mut q: VecDeque<(Duration, u32)> = VecDeque::new();
    let mut sum = 0;
    let mut max = 0;
    for &(t, c) in admissions {
        q.push_back((t, c));
        sum += c;
        while let Some(&(t0, c0)) = q.front() {
            if t.saturating_sub(t0) >= w {
                q.pop_front();
                sum -= c0;
            } else {
                break;
            }
        }
        max = max.max(sum);
    }
    max
}

#[tokio::test(start_paused = true)]
async fn never_more_than_the_limit_in_any_window_under_steady_pressure() {
    let limiter = LocalRateLimiter::default();
    let plan = Plan::new("p", 60);
    let ws = WorkspaceId::random();
    let start = tokio::time::Instant::now();
    let mut admitted = Vec::new();
    // 10 requests per second for 5 minutes (GCRA with burst 60 would admit ~120 in 60 s).
    for _ in 0..3000 {
        if allowed(limiter.check(&req(ws, &plan, "t", 1)).await) {
            admitted.push((start.elapsed(), 1));
        }
        tokio::time::advance(Duration::from_millis(100)).await;
    }
    assert_eq!(max_in_any_window(&admitted, Duration::from_secs(60)), 60);
    // And it is not starving: at least limit per (window + one bucket).
    assert!(admitted.len() >= 60 * 300 / 66, "{}", admitted.len());
}

#[tokio::test(start_paused = true)]
async fn bursts_at_window_edges_do_not_double_the_limit() {
    let limiter = LocalRateLimiter::default();
    let plan = Plan::new("p", 100);
    let ws = WorkspaceId::random();
    let start = tokio::time::Instant::now();
    let mut admitted = Vec::new();
    for step in 0..400u64 {
        // Bursts of 100 requests just before and just after every minute mark.
        let burst = matches!(step % 60, 58 | 59 | 0 | 1);
        let n = if burst { 100 } else { 1 };
        for _ in 0..n {
            if allowed(limiter.check(&req(ws, &plan, "t", 1)).await) {
                admitted.push((start.elapsed(), 1));
            }
        }
        tokio::time::advance(Duration::from_secs(1)).await;
    }
    assert!(max_in_any_window(&admitted, Duration::from_secs(60)) <= 100);
}

#[tokio::test(start_paused = true)]
async fn cost_greater_than_one_counts_exactly() {
    let limiter = LocalRateLimiter::default();
    let plan = Plan::new("p", 10);
    let ws = WorkspaceId::random();
    assert!(allowed(limiter.check(&req(ws, &plan, "t", 5)).await));
    assert!(allowed(limiter.check(&req(ws, &plan, "t", 5)).await));
    assert!(!allowed(limiter.check(&req(ws, &plan, "t", 1)).await));
    assert!(!allowed(limiter.check(&req(ws, &plan, "t", 11)).await));
    tokio::time::advance(Duration::from_secs(67)).await;
    assert!(allowed(limiter.check(&req(ws, &plan, "t", 10)).await));
}

#[tokio::test(start_paused = true)]
async fn per_tool_limits_and_workspaces_are_independent() {
    let limiter = LocalRateLimiter::default();
    let plan = Plan::new("p", 5).with_tool_limit("shopify_orders_list", 2);
    let (a, b) = (WorkspaceId::random(), WorkspaceId::random());
    assert!(allowed(
        limiter
            .check(&req(a, &plan, "shopify_orders_list", 1))
            .await
    ));
    assert!(allowed(
        limiter
            .check(&req(a, &plan, "shopify_orders_list", 1))
            .await
    ));
    let d = limiter
        .check(&req(a, &plan, "shopify_orders_list", 1))
        .await;
    let RateDecision::Limited { retry_after } = d else {
        panic!("{d:?}")
    };
    assert!(
        retry_after > Duration::ZERO && retry_after <= Duration::from_secs(66),
        "{retry_after:?}"
    );
    // Other tools still have the workspace budget; other workspaces are untouched.
    assert!(allowed(
        limiter
            .check(&req(a, &plan, "shopify_products_list", 1))
            .await
    ));
    assert!(allowed(
        limiter
            .check(&req(b, &plan, "shopify_orders_list", 1))
            .await
    ));
    // Refused calls do not consume budget.
    assert!(allowed(
        limiter
            .check(&req(a, &plan, "shopify_products_list", 1))
            .await
    ));
    assert!(allowed(
        limiter
            .check(&req(a, &plan, "shopify_products_list", 1))
            .await
    ));
    assert!(!allowed(
        limiter
            .check(&req(a, &plan, "shopify_products_list", 1))
            .await
    ));
}

#[tokio::test(start_paused = true)]
async fn retry_after_is_honest() {
    let limiter = LocalRateLimiter::default();
    let plan = Plan::new("p", 1);
    let ws = WorkspaceId::random();
    assert!(allowed(limiter.check(&req(ws, &plan, "t", 1)).await));
    let RateDecision::Limited { retry_after } = limiter.check(&req(ws, &plan, "t", 1)).await else {
        panic!()
    };
    tokio::time::advance(retry_after - Duration::from_millis(1)).await;
    assert!(!allowed(limiter.check(&req(ws, &plan, "t", 1)).await));
    tokio::time::advance(Duration::from_millis(1)).await;
    assert!(allowed(limiter.check(&req(ws, &plan, "t", 1)).await));
}

#[tokio::test(start_paused = true)]
async fn memory_stays_bounded_with_100_000_workspaces() {
    let limiter = LocalRateLimiter::new(&LocalRateLimiterConfig::default());
    let plan = Plan::new("p", 10);
    for _ in 0..100_000 {
        assert!(allowed(
            limiter
                .check(&req(WorkspaceId::random(), &plan, "t", 1))
                .await
        ));
    }
    assert_eq!(limiter.tracked_workspaces(), 100_000);
    // Once their windows pass, idle state is reclaimed.
    tokio::time::advance(Duration::from_secs(70)).await;
    limiter.sweep();
    assert_eq!(limiter.tracked_workspaces(), 0);

    // With a cap, tracked state never exceeds it; a new workspace is refused (fail closed)
    // rather than forgetting an active one's counts, and admitted again once others go idle.
    let mut config = LocalRateLimiterConfig::default();
    config.max_workspaces = 1_600;
    let capped = LocalRateLimiter::new(&config);
    let mut refused = 0;
    for _ in 0..100_000 {
        if !allowed(
            capped
                .check(&req(WorkspaceId::random(), &plan, "t", 1))
                .await,
        ) {
            refused += 1;
        }
        assert!(capped.tracked_workspaces() <= 1_600);
    }
    assert!(refused > 0);
    tokio::time::advance(Duration::from_secs(70)).await;
    assert!(allowed(
        capped
            .check(&req(WorkspaceId::random(), &plan, "t", 1))
            .await
    ));
}
