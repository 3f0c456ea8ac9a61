//! The script and the Rust statement of the rule (`window.rs`) agree, call by call, on
//! pseudo-random traffic: decisions, `retry_after` and stored counters.

use std::time::Duration;

use shopmcp_core::ratelimit::LimiterPath;
use shopmcp_core::{Plan, RateDecision, WorkspaceId};

use super::support::{clean_up, counter_on, inspector, redis_url, unique_prefix};
use super::{limiter, request};
use crate::window::{Counter, Geometry};

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % below
    }
}

const STEPS: usize = 300;

async fn agree(window_ms: u64, seed: u64) {
    let Some(url) = redis_url().await else { return };
    let prefix = unique_prefix("differential");
    let limiter = limiter(&url, &prefix, window_ms).await;
    let mut inspect = inspector(&url).await;
    let g = Geometry::new(window_ms);
    let plan = Plan::new("p", 20).with_tool_limit("t_limited", 8);
    let ws = WorkspaceId::random();
    let (mut ws_counter, mut tool_counter) = (Counter::default(), Counter::default());
    let mut rng = Rng(seed);
    let mut now = 1_700_000_000_000 + rng.next(window_ms);
    let (mut admitted, mut refused, mut went_back) = (0, 0, 0);
    for step in 0..STEPS {
        // Mostly forward by up to a quarter window; sometimes back (a server clock step).
        if rng.next(20) == 0 {
            now -= rng.next(window_ms);
            went_back += 1;
        } else {
            now += rng.next(window_ms / 4);
        }
        let cost = 1 + rng.next(4) as u32;
        let tool = if rng.next(2) == 0 {
            "t_limited"
        } else {
            "t_free"
        };
        let limited_tool = tool == "t_limited";

        let mut scopes = vec![(ws_counter, 20)];
        if limited_tool {
            scopes.push((tool_counter, 8));
        }
        let c = u64::from(cost);
        let fits = scopes.iter().all(|(k, l)| g.fits(*k, now, c, *l));
        let expected = if fits {
            RateDecision::Allowed {
                path: LimiterPath::Primary,
            }
        } else {
            let wait = scopes
                .iter()
                .map(|(k, l)| g.wait_ms(*k, now, c, *l).unwrap())
                .max()
                .unwrap();
            RateDecision::Limited {
                retry_after: Duration::from_millis(wait),
            }
        };
        let got = limiter.check_at(&request(ws, tool, &plan, cost), now).await;
        assert_eq!(got, expected, "step {step} at {now} cost {cost} {tool}");
        if fits {
            admitted += 1;
            ws_counter = g.after_admission(ws_counter, now, c);
            if limited_tool {
                tool_counter = g.after_admission(tool_counter, now, c);
            }
        } else {
            refused += 1;
        }
        let stored = counter_on(&mut inspect, &limiter.key_space().workspace(ws)).await;
        let model = ws_counter
            .index
            .map(|i| (i, ws_counter.current, ws_counter.previous));
        assert_eq!(stored, model, "step {step}");
    }
    assert!(
        admitted > 50 && refused > 50 && went_back > 0,
        "{admitted} {refused} {went_back}"
    );
    clean_up(&url, &prefix).await;
}

#[tokio::test]
async fn script_matches_the_rule_with_millisecond_weights() {
    agree(60_000, 0x9e37_79b9_7f4a_7c15).await;
}

#[tokio::test]
async fn script_matches_the_rule_with_rounded_weights_on_long_windows() {
    // 1 h: the weight is counted in 1/2^19 of a window and rounded up.
    agree(3_600_000, 0xd1b5_4a32_d192_ed03).await;
}
