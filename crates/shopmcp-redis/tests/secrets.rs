//! A Redis password never shows in Debug output, errors or logs. Alone in its binary: it
//! installs the process-wide log subscriber.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use shopmcp_core::ratelimit::LimiterPath;
use shopmcp_core::{Access, Plan, RateDecision, RateLimiter, RateRequest, RiskTier, WorkspaceId};
use shopmcp_redis::{RedisLimiterConfig, RedisRateLimiter};

const PASSWORD: &str = "s3cr3t-PASSWORD-do-not-log";

/// Captured log output.
#[derive(Clone, Default)]
struct Logs(Arc<Mutex<Vec<u8>>>);

impl io::Write for Logs {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn the_password_never_shows() {
    let logs = Logs::default();
    let writer = logs.clone();
    tracing::subscriber::set_global_default(
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::DEBUG)
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish(),
    )
    .unwrap();

    let port = {
        let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        l.local_addr().unwrap().port()
    };
    let url = format!("redis://app:{PASSWORD}@127.0.0.1:{port}/0");
    let config = RedisLimiterConfig {
        key_prefix: "secrets".into(),
        timeout: Duration::from_millis(50),
        ..RedisLimiterConfig::default()
    };
    let limiter = RedisRateLimiter::connect(&url, config).await.unwrap();
    let ready = limiter.ready().await.unwrap_err();
    let plan = Plan::new("p", 5);
    let ws = WorkspaceId::random();
    let fallback = RateDecision::Allowed {
        path: LimiterPath::Fallback,
    };
    for (access, want) in [
        (Access::Read, fallback),
        (Access::Write(RiskTier::W3), RateDecision::Unavailable),
        (Access::Read, fallback),
    ] {
        let r = RateRequest {
            workspace: ws,
            tool: "t_any",
            access,
            plan: &plan,
            cost: 1,
        };
        assert_eq!(limiter.check(&r).await, want);
    }
    let bad = RedisRateLimiter::connect(
        &format!("redis://app:{PASSWORD}@host:99999999"),
        RedisLimiterConfig::default(),
    )
    .await
    .unwrap_err();

    let logged = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(
        logged.contains("Redis rate limiter unavailable"),
        "{logged}"
    );
    assert!(
        logged.contains(&format!("redis://127.0.0.1:{port}/0")),
        "{logged}"
    );
    assert_eq!(limiter.endpoint(), format!("redis://127.0.0.1:{port}/0"));
    for text in [
        format!("{limiter:?}"),
        format!("{ready} {ready:?}"),
        format!("{bad} {bad:?}"),
        logged,
    ] {
        assert!(!text.contains(PASSWORD) && !text.contains("app:"), "{text}");
    }
}
