//! Decisions per second of the Redis limiter over loopback, beside a plain round trip on the
//! same connection (`PING`) and an `EVALSHA` of a script that returns at once.
//!
//! Needs a Redis: `SHOPMCP_BENCH_REDIS_URL` (default `redis://127.0.0.1:6379`). Without one
//! it says so and exits successfully.
//!
//! Run: `cargo bench -p shopmcp-benches --bench redis_limiter -- --warm-up-time 1 --measurement-time 3`
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout
)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::Criterion;
use shopmcp_core::{Access, Plan, RateDecision, RateLimiter, RateRequest, WorkspaceId};
use shopmcp_redis::{RedisLimiterConfig, RedisRateLimiter};
use tokio::runtime::Runtime;

const URL_VAR: &str = "SHOPMCP_BENCH_REDIS_URL";

struct Bench {
    rt: Runtime,
    limiter: RedisRateLimiter,
    plain: redis::aio::MultiplexedConnection,
    trivial: redis::Script,
    prefix: String,
    ws: WorkspaceId,
    plan: Plan,
}

impl Bench {
    fn decide(&self, tool: &str) {
        let req = RateRequest {
            workspace: self.ws,
            tool,
            access: Access::Read,
            plan: &self.plan,
            cost: 1,
        };
        let d = self.rt.block_on(self.limiter.check(black_box(&req)));
        assert!(matches!(d, RateDecision::Allowed { .. }), "{d:?}");
    }

    fn ping(&self) {
        self.rt.block_on(self.limiter.ping()).unwrap();
    }

    fn evalsha(&self) {
        let mut conn = self.plain.clone();
        let one: i64 = self
            .rt
            .block_on(self.trivial.prepare_invoke().invoke_async(&mut conn))
            .unwrap();
        assert_eq!(one, 1);
    }

    /// Mean time of `n` runs of `f`.
    fn mean(&self, n: u32, f: impl Fn(&Self)) -> Duration {
        let start = Instant::now();
        for _ in 0..n {
            f(self);
        }
        start.elapsed() / n
    }

    fn clean_up(&self) {
        let mut conn = self.plain.clone();
        self.rt.block_on(async {
            let pattern = format!("{{shopmcp:{}:*", self.prefix);
            let keys: Vec<String> = redis::cmd("KEYS")
                .arg(&pattern)
                .query_async(&mut conn)
                .await
                .unwrap();
            if !keys.is_empty() {
                let _: usize = redis::cmd("DEL")
                    .arg(&keys)
                    .query_async(&mut conn)
                    .await
                    .unwrap();
            }
        });
    }
}

fn setup() -> Option<Bench> {
    let url = std::env::var(URL_VAR).unwrap_or_else(|_| "redis://127.0.0.1:6379".to_owned());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let prefix = format!("bench-{}", WorkspaceId::random().as_uuid().simple());
    let config = RedisLimiterConfig {
        key_prefix: prefix.clone(),
        // Generous: a benchmark measures the answer, and CI runs it on a busy machine.
        timeout: Duration::from_secs(10),
        ..RedisLimiterConfig::default()
    };
    let (limiter, plain) = rt.block_on(async {
        let limiter = RedisRateLimiter::connect(&url, config).await.ok()?;
        limiter.ready().await.ok()?;
        let patient = redis::AsyncConnectionConfig::new()
            .set_connection_timeout(Some(Duration::from_secs(10)))
            .set_response_timeout(Some(Duration::from_secs(10)));
        let plain = redis::Client::open(url.as_str())
            .ok()?
            .get_multiplexed_async_connection_with_config(&patient)
            .await
            .ok()?;
        Some((limiter, plain))
    })?;
    Some(Bench {
        rt,
        limiter,
        plain,
        trivial: redis::Script::new("return 1"),
        prefix,
        ws: WorkspaceId::random(),
        plan: Plan::new("bench", u32::MAX).with_tool_limit("t_limited", u32::MAX),
    })
}

fn main() {
    let Some(b) = setup() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set and no Redis is reachable; point {URL_VAR} at a Redis"
        );
        println!(
            "redis_limiter: no Redis reachable; set {URL_VAR}=redis://host:port to run this benchmark. Skipped."
        );
        return;
    };
    let mut c = Criterion::default().configure_from_args();
    let mut g = c.benchmark_group("redis_limiter");
    g.bench_function("ping_same_connection", |x| x.iter(|| b.ping()));
    g.bench_function("evalsha_return_1", |x| x.iter(|| b.evalsha()));
    g.bench_function("decision_workspace", |x| x.iter(|| b.decide("t_free")));
    g.bench_function("decision_workspace_and_tool", |x| {
        x.iter(|| b.decide("t_limited"));
    });
    g.finish();
    c.final_summary();

    // The ratio, from a short run of each (criterion's numbers above are the reference).
    // Only in a real run (`cargo bench` passes `--bench`); test mode checks each once above.
    if !std::env::args().any(|a| a == "--bench") {
        b.clean_up();
        return;
    }
    const N: u32 = 2_000;
    let ping = b.mean(N, Bench::ping);
    let eval = b.mean(N, Bench::evalsha);
    let one = b.mean(N, |b| b.decide("t_free"));
    let two = b.mean(N, |b| b.decide("t_limited"));
    let per_sec = |d: Duration| 1.0 / d.as_secs_f64();
    println!("\nredis_limiter summary ({N} round trips each, current-thread runtime, loopback):");
    println!(
        "  PING                         {ping:>10.1?}  {:>8.0}/s",
        per_sec(ping)
    );
    println!(
        "  EVALSHA return 1             {eval:>10.1?}  {:>8.0}/s",
        per_sec(eval)
    );
    println!(
        "  decision (workspace)         {one:>10.1?}  {:>8.0}/s  {:.2}x PING",
        per_sec(one),
        one.as_secs_f64() / ping.as_secs_f64()
    );
    println!(
        "  decision (workspace + tool)  {two:>10.1?}  {:>8.0}/s  {:.2}x PING",
        per_sec(two),
        two.as_secs_f64() / ping.as_secs_f64()
    );
    b.clean_up();
}
