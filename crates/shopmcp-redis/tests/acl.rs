//! The least-privilege Redis ACL documented in the README is enough to run the limiter.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "../src/tests/support.rs"]
mod support;

use std::time::Duration;

use shopmcp_core::ratelimit::LimiterPath;
use shopmcp_core::{Access, Plan, RateDecision, RateLimiter, RateRequest, WorkspaceId};
use shopmcp_redis::{RedisLimiterConfig, RedisRateLimiter};

/// The README's ACL rules, for key prefix `PREFIX`.
const RULES: &str = "+ping +evalsha +script|load +time +hmget +hset +pexpire";

#[tokio::test]
async fn the_documented_acl_suffices() {
    let Some(url) = support::redis_url().await else {
        return;
    };
    let prefix = support::unique_prefix("acl");
    let user = format!("shopmcp-{prefix}");
    let password = WorkspaceId::random().as_uuid().simple().to_string();
    let mut admin = support::inspector(&url).await;
    let mut setuser = redis::cmd("ACL");
    setuser
        .arg("SETUSER")
        .arg(&user)
        .arg("reset")
        .arg("on")
        .arg(format!(">{password}"))
        .arg(format!("~{{shopmcp:{prefix}:*"));
    for rule in RULES.split(' ') {
        setuser.arg(rule);
    }
    let _: () = setuser.query_async(&mut admin).await.unwrap();

    let mut as_user = url::Url::parse(&url).unwrap();
    as_user.set_username(&user).unwrap();
    as_user.set_password(Some(&password)).unwrap();
    let config = RedisLimiterConfig {
        key_prefix: prefix.clone(),
        timeout: Duration::from_secs(5),
        ..RedisLimiterConfig::default()
    };
    let limiter = RedisRateLimiter::connect(as_user.as_str(), config)
        .await
        .unwrap();
    limiter.ready().await.unwrap();
    limiter.ping().await.unwrap();
    let plan = Plan::new("p", 1).with_tool_limit("t_limited", 1);
    let r = RateRequest {
        workspace: WorkspaceId::random(),
        tool: "t_limited",
        access: Access::Read,
        plan: &plan,
        cost: 1,
    };
    assert_eq!(
        limiter.check(&r).await,
        RateDecision::Allowed {
            path: LimiterPath::Primary
        }
    );
    assert!(matches!(
        limiter.check(&r).await,
        RateDecision::Limited { .. }
    ));
    assert!(!limiter.is_degraded());

    // A prefix outside the user's key pattern is refused by Redis, so the policy applies.
    let other = RedisRateLimiter::connect(
        as_user.as_str(),
        RedisLimiterConfig {
            key_prefix: format!("{prefix}x"),
            timeout: Duration::from_secs(5),
            ..RedisLimiterConfig::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(
        other.check(&r).await,
        RateDecision::Allowed {
            path: LimiterPath::Fallback
        }
    );
    assert!(other.is_degraded());

    let _: usize = redis::cmd("ACL")
        .arg("DELUSER")
        .arg(&user)
        .query_async(&mut admin)
        .await
        .unwrap();
    support::clean_up(&url, &prefix).await;
}
