//! Redis unreachable, hanging, or gone and back: writes refused, reads under the local
//! limiter; the limiter reconnects when Redis is back.
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
use shopmcp_core::{Access, Plan, RateDecision, RateLimiter, RateRequest, RiskTier, WorkspaceId};
use shopmcp_redis::{
    Failure, FailurePolicy, OnUnavailable, RedisLimiterConfig, RedisLimiterError, RedisRateLimiter,
};
use tokio::net::TcpListener;

const WRITE: Access = Access::Write(RiskTier::W2);
const FALLBACK: RateDecision = RateDecision::Allowed {
    path: LimiterPath::Fallback,
};
const PRIMARY: RateDecision = RateDecision::Allowed {
    path: LimiterPath::Primary,
};

/// A local port nothing listens on.
async fn closed_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").await.unwrap();
    l.local_addr().unwrap().port()
}

fn config(policy: FailurePolicy) -> RedisLimiterConfig {
    RedisLimiterConfig {
        key_prefix: support::unique_prefix("outage"),
        timeout: Duration::from_millis(50),
        policy,
        ..RedisLimiterConfig::default()
    }
}

fn req<'a>(ws: WorkspaceId, access: Access, plan: &'a Plan) -> RateRequest<'a> {
    RateRequest {
        workspace: ws,
        tool: "t_any",
        access,
        plan,
        cost: 1,
    }
}

#[tokio::test]
async fn closed_port_refuses_writes_and_limits_reads_locally() {
    let url = format!("redis://127.0.0.1:{}/0", closed_port().await);
    let limiter = RedisRateLimiter::connect(&url, config(FailurePolicy::default()))
        .await
        .unwrap();
    let err = limiter.ready().await.unwrap_err();
    assert!(
        matches!(err, RedisLimiterError::Unavailable(Failure::Redis(_))),
        "{err:?}"
    );
    assert!(matches!(
        limiter.ping().await,
        Err(RedisLimiterError::Unavailable(_))
    ));

    let plan = Plan::new("p", 3);
    let ws = WorkspaceId::random();
    assert_eq!(
        limiter.check(&req(ws, WRITE, &plan)).await,
        RateDecision::Unavailable
    );
    assert!(limiter.is_degraded());
    // Reads go on under the in-process limiter, which still enforces the plan.
    for _ in 0..3 {
        assert_eq!(limiter.check(&req(ws, Access::Read, &plan)).await, FALLBACK);
    }
    assert!(matches!(
        limiter.check(&req(ws, Access::Read, &plan)).await,
        RateDecision::Limited { .. }
    ));
    assert_eq!(
        limiter.check(&req(ws, WRITE, &plan)).await,
        RateDecision::Unavailable
    );
}

#[tokio::test]
async fn the_policy_is_chosen_per_access_class() {
    let url = format!("redis://127.0.0.1:{}", closed_port().await);
    let plan = Plan::new("p", 10);
    let ws = WorkspaceId::random();
    let closed = RedisRateLimiter::connect(&url, config(FailurePolicy::fail_closed()))
        .await
        .unwrap();
    assert_eq!(
        closed.check(&req(ws, Access::Read, &plan)).await,
        RateDecision::Unavailable
    );
    assert_eq!(
        closed.check(&req(ws, WRITE, &plan)).await,
        RateDecision::Unavailable
    );
    let open = FailurePolicy {
        read: OnUnavailable::Refuse,
        write: OnUnavailable::LocalFallback,
    };
    let inverted = RedisRateLimiter::connect(&url, config(open)).await.unwrap();
    assert_eq!(
        inverted.check(&req(ws, Access::Read, &plan)).await,
        RateDecision::Unavailable
    );
    assert_eq!(inverted.check(&req(ws, WRITE, &plan)).await, FALLBACK);
}

#[tokio::test]
async fn a_redis_that_never_answers_hits_the_timeout() {
    // Accepts connections and never replies.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let held = tokio::spawn(async move {
        let mut open = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            open.push(socket);
        }
    });
    let url = format!("redis://127.0.0.1:{port}");
    let limiter = RedisRateLimiter::connect(&url, config(FailurePolicy::default()))
        .await
        .unwrap();
    let plan = Plan::new("p", 10);
    let ws = WorkspaceId::random();
    assert_eq!(
        limiter.check(&req(ws, WRITE, &plan)).await,
        RateDecision::Unavailable
    );
    assert_eq!(limiter.check(&req(ws, Access::Read, &plan)).await, FALLBACK);
    assert!(limiter.is_degraded());
    assert!(matches!(
        limiter.ping().await,
        Err(RedisLimiterError::Unavailable(Failure::Timeout))
    ));
    held.abort();
}

/// Forwards 127.0.0.1:`port` to `upstream` until aborted (aborting drops every connection).
async fn proxy(listener: TcpListener, upstream: String) {
    let mut conns = tokio::task::JoinSet::new();
    while let Ok((mut client, _)) = listener.accept().await {
        let upstream = upstream.clone();
        conns.spawn(async move {
            if let Ok(mut server) = tokio::net::TcpStream::connect(upstream).await {
                let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
            }
        });
    }
}

#[tokio::test]
async fn redis_gone_and_back() {
    let Some(url) = support::redis_url().await else {
        return;
    };
    let target = url::Url::parse(&url).unwrap();
    let upstream = format!(
        "{}:{}",
        target.host_str().unwrap(),
        target.port().unwrap_or(6379)
    );
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let running = tokio::spawn(proxy(listener, upstream.clone()));
    let mut proxied = target.clone();
    proxied.set_host(Some("127.0.0.1")).unwrap();
    proxied.set_port(Some(port)).unwrap();

    // A refused connection fails at once; the timeout only has to outlast a busy machine.
    let cfg = RedisLimiterConfig {
        timeout: Duration::from_secs(5),
        ..config(FailurePolicy::default())
    };
    let prefix = cfg.key_prefix.clone();
    let limiter = RedisRateLimiter::connect(proxied.as_str(), cfg)
        .await
        .unwrap();
    let plan = Plan::new("p", 100);
    let ws = WorkspaceId::random();
    limiter.ready().await.unwrap();
    limiter.ping().await.unwrap();
    assert_eq!(limiter.check(&req(ws, Access::Read, &plan)).await, PRIMARY);
    assert_eq!(limiter.check(&req(ws, WRITE, &plan)).await, PRIMARY);

    // Redis goes away (every connection dropped, nothing listening).
    running.abort();
    let _ = running.await;
    assert_eq!(
        limiter.check(&req(ws, WRITE, &plan)).await,
        RateDecision::Unavailable
    );
    assert_eq!(limiter.check(&req(ws, Access::Read, &plan)).await, FALLBACK);
    assert!(limiter.is_degraded());

    // Back on the same address: the limiter reconnects by itself.
    let listener = TcpListener::bind(("127.0.0.1", port)).await.unwrap();
    let running = tokio::spawn(proxy(listener, upstream));
    let mut back = false;
    for _ in 0..100 {
        if limiter.check(&req(ws, Access::Read, &plan)).await == PRIMARY {
            back = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(back, "the limiter did not reconnect");
    assert!(!limiter.is_degraded());
    assert_eq!(limiter.check(&req(ws, WRITE, &plan)).await, PRIMARY);
    running.abort();
    support::clean_up(&url, &prefix).await;
}

/// Forwards to `upstream` like [`proxy`], holding every answer back by `delay` milliseconds
/// (read when the answer arrives, so a test can slow Redis down once connected).
async fn slow_proxy(
    listener: TcpListener,
    upstream: String,
    delay: std::sync::Arc<std::sync::atomic::AtomicU64>,
) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut conns = tokio::task::JoinSet::new();
    while let Ok((client, _)) = listener.accept().await {
        let (upstream, delay) = (upstream.clone(), delay.clone());
        conns.spawn(async move {
            let Ok(server) = tokio::net::TcpStream::connect(upstream).await else {
                return;
            };
            let (mut client_rx, mut client_tx) = client.into_split();
            let (mut server_rx, mut server_tx) = server.into_split();
            let requests = tokio::spawn(async move {
                let _ = tokio::io::copy(&mut client_rx, &mut server_tx).await;
            });
            let mut buf = vec![0_u8; 16 * 1024];
            while let Ok(n @ 1..) = server_rx.read(&mut buf).await {
                let ms = delay.load(std::sync::atomic::Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(ms)).await;
                if client_tx.write_all(&buf[..n]).await.is_err() {
                    break;
                }
            }
            requests.abort();
        });
    }
}

#[tokio::test]
async fn a_slow_answer_within_the_configured_timeout_is_used() {
    let Some(url) = support::redis_url().await else {
        return;
    };
    let target = url::Url::parse(&url).unwrap();
    let upstream = format!(
        "{}:{}",
        target.host_str().unwrap(),
        target.port().unwrap_or(6379)
    );
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let mut proxied = target.clone();
    proxied.set_host(Some("127.0.0.1")).unwrap();
    proxied
        .set_port(Some(listener.local_addr().unwrap().port()))
        .unwrap();
    let delay = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let running = tokio::spawn(slow_proxy(listener, upstream, delay.clone()));

    // The decision timeout is longer than the Redis client's own default (500 ms): an
    // answer after 800 ms is still Redis's answer, not an outage.
    let cfg = RedisLimiterConfig {
        timeout: Duration::from_secs(5),
        ..config(FailurePolicy::default())
    };
    let prefix = cfg.key_prefix.clone();
    let limiter = RedisRateLimiter::connect(proxied.as_str(), cfg)
        .await
        .unwrap();
    limiter.ready().await.unwrap();
    delay.store(800, std::sync::atomic::Ordering::SeqCst);
    let plan = Plan::new("p", 10);
    let ws = WorkspaceId::random();
    assert_eq!(limiter.check(&req(ws, WRITE, &plan)).await, PRIMARY);
    assert!(!limiter.is_degraded());
    running.abort();
    support::clean_up(&url, &prefix).await;
}
