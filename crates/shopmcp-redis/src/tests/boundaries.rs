//! Exact admissions around window boundaries, for a table of cases.

use std::time::Duration;

use shopmcp_core::ratelimit::LimiterPath;
use shopmcp_core::{Plan, RateDecision, WorkspaceId};

use super::support::{clean_up, counter_on, inspector, redis_url, unique_prefix};
use super::{N0, T0, W, limiter, request};

#[derive(Debug, Clone, Copy)]
enum Want {
    Admit,
    /// Refused, with this `retry_after` in ms.
    Refuse(u64),
}

#[derive(Debug, Clone, Copy)]
enum Step {
    /// A call at `T0 + at` ms.
    Call {
        at: u64,
        tool: &'static str,
        cost: u32,
        want: Want,
    },
    /// The stored counter (window `N0 + n`, current, previous) of the workspace (`tool:
    /// None`) or of a tool; `None`: no key.
    Stored {
        tool: Option<&'static str>,
        want: Option<(u64, u64, u64)>,
    },
}

use Step::{Call, Stored};
use Want::{Admit, Refuse};

const fn call(at: u64, cost: u32, want: Want) -> Step {
    Call {
        at,
        tool: "t_free",
        cost,
        want,
    }
}

const fn ws(n: u64, c: u64, p: u64) -> Step {
    Stored {
        tool: None,
        want: Some((n, c, p)),
    }
}

struct Case {
    name: &'static str,
    plan: Plan,
    steps: Vec<Step>,
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            // The published port's bug: the counter must hold 10 (2 × 5), not 45.
            name: "cost 5 against limit 10: two admitted, the third refused",
            plan: Plan::new("p", 10),
            steps: vec![
                call(1_000, 5, Admit),
                call(1_000, 5, Admit),
                call(1_000, 5, Refuse(89_000)),
                ws(0, 10, 0),
                // Half-way into the next window the 10 weigh 5: one more cost-5 call fits.
                call(89_999, 5, Refuse(1)),
                call(90_000, 5, Admit),
                call(90_000, 1, Refuse(6_000)),
                ws(1, 5, 10),
            ],
        },
        Case {
            name: "the last millisecond of a window and the first of the next",
            plan: Plan::new("p", 3),
            steps: vec![
                call(59_999, 1, Admit),
                call(59_999, 1, Admit),
                call(59_999, 1, Admit),
                call(59_999, 1, Refuse(20_001)),
                call(60_000, 1, Refuse(20_000)),
                call(79_999, 1, Refuse(1)),
                call(80_000, 1, Admit),
                call(80_000, 1, Refuse(20_000)),
                ws(1, 1, 3),
            ],
        },
        Case {
            name: "the previous window decays linearly",
            plan: Plan::new("p", 10),
            steps: vec![
                call(0, 10, Admit),
                ws(0, 10, 0),
                // 25% into the next window the 10 weigh 7.5.
                call(75_000, 2, Admit),
                call(75_000, 1, Refuse(3_000)),
                call(78_000, 1, Admit),
                ws(1, 3, 10),
            ],
        },
        Case {
            name: "two windows later everything is forgotten",
            plan: Plan::new("p", 4),
            steps: vec![
                call(30_000, 4, Admit),
                call(30_000, 1, Refuse(45_000)),
                call(120_000, 4, Admit),
                ws(2, 4, 0),
            ],
        },
        Case {
            name: "a tool limit and the workspace limit must both admit",
            plan: Plan::new("p", 10).with_tool_limit("t_limited", 3),
            steps: vec![
                Call {
                    at: 1_000,
                    tool: "t_limited",
                    cost: 1,
                    want: Admit,
                },
                Call {
                    at: 1_000,
                    tool: "t_limited",
                    cost: 1,
                    want: Admit,
                },
                Call {
                    at: 1_000,
                    tool: "t_limited",
                    cost: 1,
                    want: Admit,
                },
                Call {
                    at: 1_000,
                    tool: "t_limited",
                    cost: 1,
                    want: Refuse(79_000),
                },
                call(1_000, 7, Admit),
                call(1_000, 1, Refuse(65_000)),
                Call {
                    at: 1_000,
                    tool: "t_limited",
                    cost: 1,
                    want: Refuse(79_000),
                },
                ws(0, 10, 0),
                Stored {
                    tool: Some("t_limited"),
                    want: Some((0, 3, 0)),
                },
                Stored {
                    tool: Some("t_free"),
                    want: None,
                },
            ],
        },
        Case {
            name: "a workspace refusal leaves the tool counter untouched",
            plan: Plan::new("p", 2).with_tool_limit("t_limited", 5),
            steps: vec![
                Call {
                    at: 0,
                    tool: "t_limited",
                    cost: 1,
                    want: Admit,
                },
                Call {
                    at: 0,
                    tool: "t_limited",
                    cost: 1,
                    want: Admit,
                },
                Call {
                    at: 0,
                    tool: "t_limited",
                    cost: 1,
                    want: Refuse(90_000),
                },
                ws(0, 2, 0),
                Stored {
                    tool: Some("t_limited"),
                    want: Some((0, 2, 0)),
                },
            ],
        },
        Case {
            name: "a refused call consumes nothing",
            plan: Plan::new("p", 5),
            steps: vec![
                call(0, 4, Admit),
                call(0, 4, Refuse(105_000)),
                call(0, 1, Admit),
                ws(0, 5, 0),
            ],
        },
        Case {
            name: "a cost above the limit never fits and touches nothing",
            plan: Plan::new("p", 3),
            steps: vec![
                call(0, 4, Refuse(W)),
                Stored {
                    tool: None,
                    want: None,
                },
            ],
        },
        Case {
            name: "a clock behind the stored window keeps the counts",
            plan: Plan::new("p", 2),
            steps: vec![
                call(120_000, 2, Admit),
                call(60_000, 1, Refuse(150_000)),
                ws(2, 2, 0),
            ],
        },
    ]
}

#[tokio::test]
async fn admissions_around_window_boundaries_are_exact() {
    let Some(url) = redis_url().await else { return };
    let prefix = unique_prefix("boundaries");
    let limiter = limiter(&url, &prefix, W).await;
    let mut inspect = inspector(&url).await;
    for case in cases() {
        let workspace = WorkspaceId::random();
        for (i, step) in case.steps.iter().enumerate() {
            let at = format!("{} (step {i}: {step:?})", case.name);
            match *step {
                Call {
                    at: offset,
                    tool,
                    cost,
                    want,
                } => {
                    let req = request(workspace, tool, &case.plan, cost);
                    let got = limiter.check_at(&req, T0 + offset).await;
                    let expected = match want {
                        Admit => RateDecision::Allowed {
                            path: LimiterPath::Primary,
                        },
                        Refuse(ms) => RateDecision::Limited {
                            retry_after: Duration::from_millis(ms),
                        },
                    };
                    assert_eq!(got, expected, "{at}");
                }
                Stored { tool, want } => {
                    let keys = limiter.key_space();
                    let key = match tool {
                        None => keys.workspace(workspace),
                        Some(t) => keys.tool(workspace, t),
                    };
                    let stored = counter_on(&mut inspect, &key).await;
                    let want = want.map(|(n, c, p)| (N0 + n, c, p));
                    assert_eq!(stored, want, "{at}");
                }
            }
        }
    }
    clean_up(&url, &prefix).await;
}
