//! Tests against a real Redis that set the script's clock (`check_at`), so that window
//! boundaries are exact. Black-box tests on the server clock live in `tests/`.

mod boundaries;
mod concurrency;
mod differential;
pub(crate) mod support;

use std::time::Duration;

use shopmcp_core::{Access, Plan, RateRequest, WorkspaceId};

use crate::{RedisLimiterConfig, RedisRateLimiter};

/// The window of the clocked tests.
pub(crate) const W: u64 = 60_000;
/// A time aligned on a window boundary (ms): window `N0` starts here.
pub(crate) const T0: u64 = 1_700_000_040_000;
pub(crate) const N0: u64 = T0 / W;

pub(crate) async fn limiter(url: &str, prefix: &str, window_ms: u64) -> RedisRateLimiter {
    RedisRateLimiter::connect(
        url,
        RedisLimiterConfig {
            key_prefix: prefix.to_owned(),
            window: Duration::from_millis(window_ms),
            timeout: Duration::from_secs(5),
            ..RedisLimiterConfig::default()
        },
    )
    .await
    .unwrap()
}

pub(crate) fn request<'a>(
    workspace: WorkspaceId,
    tool: &'a str,
    plan: &'a Plan,
    cost: u32,
) -> RateRequest<'a> {
    RateRequest {
        workspace,
        tool,
        access: Access::Read,
        plan,
        cost,
    }
}
