//! The reference for `perf/load.sh`'s `upstream` scenario: one bare reqwest round trip.
//!
//! ```text
//! perf-client URL CONNECTIONS SECONDS
//! ```
//!
//! POSTs `{"text":"hello"}` to `URL` from `CONNECTIONS` concurrent tasks on a two-worker
//! runtime (as the servers under test run) for `SECONDS`, reading every answer in full, and
//! prints one line: `calls/s p50_us p99_us cpu_us_per_call rss_kib`, where the CPU is this
//! process's own (`utime + stime`, ticks of `CLK_TCK`, default 100). A server that makes one
//! upstream call per tool call spends at least this much CPU on it.
#![forbid(unsafe_code)]
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::process::ExitCode;
use std::time::{Duration, Instant};

const USAGE: &str = "usage: perf-client URL CONNECTIONS SECONDS";

/// This process's `utime + stime` in clock ticks, and its resident set in KiB.
fn cpu_ticks_and_rss() -> (u64, u64) {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which is in parentheses and may hold spaces).
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let tick = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    // utime and stime are fields 14 and 15 of the whole line: 11 and 12 after the name.
    let ticks = tick(11) + tick(12);
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let rss = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    (ticks, rss)
}

fn percentile(sorted: &[u32], p: f64) -> u32 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted.get(rank).copied().unwrap_or(0)
}

fn main() -> ExitCode {
    match run() {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(why) => {
            eprintln!("perf-client: {why}");
            ExitCode::FAILURE
        }
    }
}

/// One POST after another on one task until `deadline`: the latency of each, in µs.
async fn drive(client: reqwest::Client, url: String, deadline: Instant) -> Result<Vec<u32>, ()> {
    let mut seen = Vec::new();
    while Instant::now() < deadline {
        let sent = Instant::now();
        let answer = client
            .post(&url)
            .header("content-type", "application/json")
            .body(r#"{"text":"hello"}"#)
            .send()
            .await;
        let ok = match answer {
            Ok(r) if r.status().is_success() => r.bytes().await.is_ok(),
            _ => false,
        };
        if !ok {
            return Err(());
        }
        seen.push(u32::try_from(sent.elapsed().as_micros()).unwrap_or(u32::MAX));
    }
    Ok(seen)
}

fn run() -> Result<String, &'static str> {
    let mut args = std::env::args().skip(1);
    let (Some(url), Some(conns), Some(secs)) = (args.next(), args.next(), args.next()) else {
        return Err(USAGE);
    };
    let (Ok(conns), Ok(secs)) = (conns.parse::<usize>(), secs.parse::<u64>()) else {
        return Err(USAGE);
    };
    let hz: f64 = std::env::var("CLK_TCK")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100.0);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|_| "no runtime")?;
    let client = reqwest::Client::builder()
        .tcp_nodelay(true)
        .build()
        .map_err(|_| "no HTTP client")?;
    let (latencies, elapsed, ticks) = rt.block_on(async {
        let (t0, _) = cpu_ticks_and_rss();
        let start = Instant::now();
        let deadline = start + Duration::from_secs(secs);
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..conns {
            tasks.spawn(drive(client.clone(), url.clone(), deadline));
        }
        let mut all = Vec::new();
        while let Some(done) = tasks.join_next().await {
            all.extend(
                done.map_err(|_| "a task failed")?
                    .map_err(|()| "a request failed")?,
            );
        }
        let elapsed = start.elapsed();
        let (t1, _) = cpu_ticks_and_rss();
        Ok::<_, &'static str>((all, elapsed, t1.saturating_sub(t0)))
    })?;
    let mut sorted = latencies;
    sorted.sort_unstable();
    let n = sorted.len().max(1) as f64;
    let (_, rss) = cpu_ticks_and_rss();
    Ok(format!(
        "{:.0} {} {} {:.1} {}",
        n / elapsed.as_secs_f64(),
        percentile(&sorted, 0.5),
        percentile(&sorted, 0.99),
        ticks as f64 / hz * 1e6 / n,
        rss
    ))
}
