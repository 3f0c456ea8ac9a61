//! 50 clients, each on its own connection, against one budget, at fixed instants: the
//! script's atomicity makes the outcome exact, whatever the interleaving.

use std::sync::Arc;

use shopmcp_core::{Plan, RateDecision, WorkspaceId};

use super::support::{clean_up, counter, redis_url, unique_prefix};
use super::{N0, T0, W, limiter, request};
use crate::RedisRateLimiter;

const CLIENTS: usize = 50;
const CALLS_PER_CLIENT: usize = 8;

/// Every client makes its calls at `now_ms`, with costs from `cost_of(client, call)`;
/// returns the admitted cost per tool.
async fn burst(
    clients: &[Arc<RedisRateLimiter>],
    ws: WorkspaceId,
    plan: &Arc<Plan>,
    now_ms: u64,
    cost_of: fn(usize, usize) -> u32,
) -> (u64, u64) {
    let mut tasks = tokio::task::JoinSet::new();
    for (i, limiter) in clients.iter().enumerate() {
        let limiter = limiter.clone();
        let plan = plan.clone();
        tasks.spawn(async move {
            let (mut limited, mut free) = (0, 0);
            for j in 0..CALLS_PER_CLIENT {
                let tool = if (i + j) % 3 == 0 {
                    "t_limited"
                } else {
                    "t_free"
                };
                let cost = cost_of(i, j);
                let req = request(ws, tool, &plan, cost);
                if let RateDecision::Allowed { .. } = limiter.check_at(&req, now_ms).await {
                    if tool == "t_limited" {
                        limited += u64::from(cost);
                    } else {
                        free += u64::from(cost);
                    }
                }
            }
            (limited, free)
        });
    }
    let mut total = (0, 0);
    while let Some(r) = tasks.join_next().await {
        let (l, f) = r.unwrap();
        total = (total.0 + l, total.1 + f);
    }
    total
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_clients_share_one_budget_exactly() {
    let Some(url) = redis_url().await else { return };
    let prefix = unique_prefix("concurrency");
    let mut clients = Vec::new();
    for _ in 0..CLIENTS {
        let c = limiter(&url, &prefix, W).await;
        c.ready().await.unwrap();
        clients.push(Arc::new(c));
    }
    let plan = Arc::new(Plan::new("p", 137).with_tool_limit("t_limited", 40));
    let ws = WorkspaceId::random();
    let keys = clients[0].key_space();
    let (ws_key, tool_key) = (keys.workspace(ws), keys.tool(ws, "t_limited"));

    // 400 unit calls in window N0 (10 s in): exactly the workspace limit is admitted, at
    // most the tool limit of it through the limited tool (it gets 134 attempts).
    let (limited, free) = burst(&clients, ws, &plan, T0 + 10_000, |_, _| 1).await;
    assert_eq!(limited + free, 137);
    assert_eq!(limited, 40);
    assert_eq!(counter(&url, &ws_key).await, Some((N0, 137, 0)));
    assert_eq!(counter(&url, &tool_key).await, Some((N0, 40, 0)));

    // Half-way into the next window the 137 weigh 68.5: exactly 68 more, the 40 weigh 20.
    let (limited, free) = burst(&clients, ws, &plan, T0 + W + W / 2, |_, _| 1).await;
    assert_eq!(limited + free, 68);
    assert_eq!(limited, 20);
    assert_eq!(counter(&url, &ws_key).await, Some((N0 + 1, 68, 137)));

    // Costs 1 to 4 at 90% into that window: whatever the interleaving, every admitted unit is
    // counted once, the weighted estimate stays within the limit, and what is left is less
    // than the cheapest call (cost 1): the budget is used up exactly.
    let at = T0 + W + 9 * W / 10;
    let (limited, free) = burst(&clients, ws, &plan, at, |i, j| 1 + ((i * 7 + j) % 4) as u32).await;
    let (n, c, p) = counter(&url, &ws_key).await.unwrap();
    assert_eq!((n, p), (N0 + 1, 137));
    assert_eq!(c, 68 + limited + free);
    // 137 × 0.1 = 13.7 of the previous window still counts: c ≤ 123.3, and c + 1 > 123.3.
    assert_eq!(c, 123);
    clean_up(&url, &prefix).await;
}
