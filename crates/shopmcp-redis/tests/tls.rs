//! `rediss://`: the server certificate is verified. A TLS front for the test Redis, with a
//! certificate from a CA made at run time: trusted when that CA is given, refused otherwise.
#![cfg(feature = "tls")]
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
use shopmcp_redis::{RedisLimiterConfig, RedisLimiterError, RedisRateLimiter};
use shopmcp_testkit::TestCa;
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::TlsAcceptor;

/// Terminates TLS on 127.0.0.1 and forwards to `upstream`; returns the port.
async fn tls_front(ca: &TestCa, upstream: String) -> u16 {
    let acceptor = TlsAcceptor::from(ca.server_config(&[]).unwrap());
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let (acceptor, upstream) = (acceptor.clone(), upstream.clone());
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    return;
                };
                let Ok(mut server) = TcpStream::connect(upstream).await else {
                    return;
                };
                let _ = tokio::io::copy_bidirectional(&mut tls, &mut server).await;
            });
        }
    });
    port
}

fn config(prefix: &str) -> RedisLimiterConfig {
    RedisLimiterConfig {
        key_prefix: prefix.to_owned(),
        timeout: Duration::from_secs(2),
        ..RedisLimiterConfig::default()
    }
}

#[tokio::test]
async fn rediss_verifies_the_server_certificate() {
    let Some(url) = support::redis_url().await else {
        return;
    };
    let target = url::Url::parse(&url).unwrap();
    let upstream = format!(
        "{}:{}",
        target.host_str().unwrap(),
        target.port().unwrap_or(6379)
    );
    let ca = TestCa::new().unwrap();
    let port = tls_front(&ca, upstream).await;
    let mut tls_url = target.clone();
    tls_url.set_scheme("rediss").unwrap();
    tls_url.set_host(Some("127.0.0.1")).unwrap();
    tls_url.set_port(Some(port)).unwrap();
    let prefix = support::unique_prefix("tls");
    let plan = Plan::new("p", 10);
    let req = RateRequest {
        workspace: WorkspaceId::random(),
        tool: "t_any",
        access: Access::Write(RiskTier::W2),
        plan: &plan,
        cost: 1,
    };

    // Trusting the CA that issued the certificate: decisions come from Redis.
    let trusted =
        RedisRateLimiter::connect_with_ca(tls_url.as_str(), ca.pem().as_bytes(), config(&prefix))
            .await
            .unwrap();
    trusted.ready().await.unwrap();
    assert_eq!(
        trusted.check(&req).await,
        RateDecision::Allowed {
            path: LimiterPath::Primary
        }
    );

    // The platform's roots do not know that CA: the handshake fails, writes are refused.
    let untrusted = RedisRateLimiter::connect(tls_url.as_str(), config(&prefix))
        .await
        .unwrap();
    assert!(matches!(
        untrusted.ready().await,
        Err(RedisLimiterError::Unavailable(_))
    ));
    assert_eq!(untrusted.check(&req).await, RateDecision::Unavailable);

    // Another CA is no better.
    let other = TestCa::new().unwrap();
    let wrong = RedisRateLimiter::connect_with_ca(
        tls_url.as_str(),
        other.pem().as_bytes(),
        config(&prefix),
    )
    .await
    .unwrap();
    assert_eq!(wrong.check(&req).await, RateDecision::Unavailable);

    // A CA only makes sense with rediss://, and must be PEM certificates.
    let plain = RedisRateLimiter::connect_with_ca(&url, ca.pem().as_bytes(), config(&prefix)).await;
    assert!(matches!(plain, Err(RedisLimiterError::InvalidUrl(_))));
    let garbage =
        RedisRateLimiter::connect_with_ca(tls_url.as_str(), b"not a pem", config(&prefix)).await;
    assert!(matches!(garbage, Err(RedisLimiterError::InvalidConfig(_))));
    support::clean_up(&url, &prefix).await;
}
