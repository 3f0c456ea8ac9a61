//! The JSON-lines audit file: exact fields, append-only, no lost events on a crash.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::time::{Duration, SystemTime};

use shopmcp_core::audit::{Durability, JsonLinesAudit};
use shopmcp_core::*;

fn event(i: u32) -> UsageEvent {
    UsageEvent {
        timestamp: SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_258_800),
        request_id: RequestId::random(),
        workspace: Some(WorkspaceId::random()),
        tool: "shopify_orders_list".into(),
        platform: Some(Platform::Shopify),
        latency: Duration::from_micros(1234),
        outcome: if i.is_multiple_of(2) {
            Outcome::Ok
        } else {
            Outcome::Error(ErrorKind::RateLimited)
        },
    }
}

#[tokio::test]
async fn events_have_exactly_the_declared_fields() {
    let line = event(1).to_json_line();
    let v: serde_json::Value = serde_json::from_str(&line).unwrap();
    let mut keys: Vec<_> = v.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "latency_us",
            "outcome",
            "platform",
            "request_id",
            "timestamp",
            "tool",
            "workspace"
        ]
    );
    assert_eq!(v["outcome"], "rate_limited");
    assert_eq!(v["latency_us"], 1234);
    assert_eq!(v["timestamp"], "2026-11-21T11:00:00.000000Z");
    assert_eq!(UsageEvent::safe_tool_name("a@b.com\nX"), "(invalid)");
}

#[tokio::test]
async fn appends_survive_reopen_and_are_private() {
    let d = tempfile::tempdir().unwrap();
    let path = d.path().join("audit.jsonl");
    for durability in [Durability::Process, Durability::Machine] {
        let sink = JsonLinesAudit::open(&path, durability).unwrap();
        sink.ready().await.unwrap();
        for i in 0..5 {
            sink.record(&event(i)).await.unwrap();
        }
    }
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.lines().count(), 10);
    for l in text.lines() {
        serde_json::from_str::<serde_json::Value>(l).unwrap();
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
}

/// The child half of the crash test: record events, then abort without any cleanup.
#[tokio::test]
async fn crash_child() {
    let Ok(path) = std::env::var("SHOPMCP_AUDIT_CRASH_FILE") else {
        return;
    };
    let sink = JsonLinesAudit::open(&path, Durability::Process).unwrap();
    for i in 0..500 {
        sink.record(&event(i)).await.unwrap();
    }
    std::process::abort();
}

#[test]
fn acknowledged_events_survive_a_process_crash() {
    let d = tempfile::tempdir().unwrap();
    let path = d.path().join("audit.jsonl");
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "crash_child", "--nocapture", "--test-threads=1"])
        .env("SHOPMCP_AUDIT_CRASH_FILE", &path)
        .status()
        .unwrap();
    assert!(!status.success(), "the child must have crashed");
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.lines().count(), 500);
    assert!(text.ends_with('\n'));
}
