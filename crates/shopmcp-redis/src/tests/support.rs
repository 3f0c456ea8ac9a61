//! The test Redis: where it is, unique key prefixes, inspection and cleanup.
//!
//! Shared by the unit tests (`src/tests`) and the integration tests (`tests/`), which include
//! this file by path.
//!
//! The tests use `SHOPMCP_TEST_REDIS_URL` (default `redis://127.0.0.1:6379`). With `CI` set
//! they fail when it is unreachable; without `CI` they print a loud message and skip.
#![allow(dead_code)]

use redis::AsyncCommands;
use shopmcp_core::WorkspaceId;

/// The variable naming the test Redis.
pub(crate) const URL_VAR: &str = "SHOPMCP_TEST_REDIS_URL";
const DEFAULT_URL: &str = "redis://127.0.0.1:6379";

/// The test Redis URL if it answers `PING`; `None` (after a loud message) when it does not
/// and `CI` is not set. Panics when it does not answer and `CI` is set.
#[allow(clippy::print_stderr)] // the loud skip message
pub(crate) async fn redis_url() -> Option<String> {
    let url = std::env::var(URL_VAR).unwrap_or_else(|_| DEFAULT_URL.to_owned());
    let reachable = async {
        let client = redis::Client::open(url.as_str())?;
        let mut conn = client
            .get_multiplexed_async_connection_with_config(&inspect_config())
            .await?;
        redis::cmd("PING").query_async::<String>(&mut conn).await
    };
    match tokio::time::timeout(INSPECT_TIMEOUT, reachable).await {
        Ok(Ok(_)) => Some(url),
        outcome => {
            let why = match outcome {
                Ok(Err(e)) => e.category().to_owned(),
                _ => "timed out".to_owned(),
            };
            assert!(
                std::env::var_os("CI").is_none(),
                "CI is set and the test Redis is unreachable ({why}); point {URL_VAR} at a Redis"
            );
            eprintln!(
                "\n!!! SKIPPED: no Redis reachable ({why}). Set {URL_VAR}=redis://host:port to run the Redis tests. !!!\n"
            );
            None
        }
    }
}

/// A key prefix no other test run uses.
pub(crate) fn unique_prefix(test: &str) -> String {
    let id = WorkspaceId::random().as_uuid().simple().to_string();
    format!("test-{test}-{id}")
}

/// How long the inspecting connection waits to connect and for each answer. Generous: the
/// tests share two cores with every other test binary, and a slow inspection is not what they
/// test (the limiter's own timeouts are part of its configuration).
const INSPECT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

fn inspect_config() -> redis::AsyncConnectionConfig {
    redis::AsyncConnectionConfig::new()
        .set_connection_timeout(Some(INSPECT_TIMEOUT))
        .set_response_timeout(Some(INSPECT_TIMEOUT))
}

/// A plain connection for inspecting keys.
pub(crate) async fn inspector(url: &str) -> redis::aio::MultiplexedConnection {
    redis::Client::open(url)
        .unwrap()
        .get_multiplexed_async_connection_with_config(&inspect_config())
        .await
        .unwrap()
}

/// Every key under `prefix`, found with `SCAN`.
pub(crate) async fn keys_under(url: &str, prefix: &str) -> Vec<String> {
    let mut conn = inspector(url).await;
    let pattern = format!("{{shopmcp:{prefix}:*");
    let mut cursor: u64 = 0;
    let mut keys = Vec::new();
    loop {
        let (next, batch): (u64, Vec<String>) = redis::cmd("SCAN")
            .arg(cursor)
            .arg("MATCH")
            .arg(&pattern)
            .arg("COUNT")
            .arg(1000)
            .query_async(&mut conn)
            .await
            .unwrap();
        keys.extend(batch);
        if next == 0 {
            break;
        }
        cursor = next;
    }
    keys.sort();
    keys
}

/// Deletes every key under `prefix` and checks that none is left.
pub(crate) async fn clean_up(url: &str, prefix: &str) {
    let keys = keys_under(url, prefix).await;
    let mut conn = inspector(url).await;
    if !keys.is_empty() {
        let _: usize = conn.del(&keys).await.unwrap();
    }
    assert_eq!(keys_under(url, prefix).await, Vec::<String>::new());
}

/// The stored counter `(i, c, p)` of one key (`None` if the key does not exist).
pub(crate) async fn counter(url: &str, key: &str) -> Option<(u64, u64, u64)> {
    counter_on(&mut inspector(url).await, key).await
}

/// [`counter`] on an open inspecting connection (for tests that inspect after every step).
pub(crate) async fn counter_on(
    conn: &mut redis::aio::MultiplexedConnection,
    key: &str,
) -> Option<(u64, u64, u64)> {
    let fields: Vec<Option<u64>> = redis::cmd("HMGET")
        .arg(key)
        .arg("i")
        .arg("c")
        .arg("p")
        .query_async(conn)
        .await
        .unwrap();
    match fields.as_slice() {
        [Some(i), Some(c), Some(p)] => Some((*i, *c, *p)),
        [None, None, None] => None,
        other => panic!("malformed counter {key}: {other:?}"),
    }
}

/// The remaining time to live of a key, in ms (`-2`: no key; `-1`: no expiry).
pub(crate) async fn pttl(url: &str, key: &str) -> i64 {
    let mut conn = inspector(url).await;
    conn.pttl(key).await.unwrap()
}
