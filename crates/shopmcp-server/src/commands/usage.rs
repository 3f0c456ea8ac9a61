//! `usage --workspace W`: recent audit events from the JSON-lines audit file.

use std::io::{BufRead, BufReader, Write};

use super::{CommandError, find_workspace};
use crate::config::Config;

/// Prints the last `limit` audit events of `workspace`.
pub fn run(
    config: &Config,
    workspace: &str,
    limit: usize,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let ws = find_workspace(config, workspace)?;
    let path = config.paths().audit;
    let file = match std::fs::File::open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            writeln!(
                out,
                "no audit events yet ({} does not exist)",
                path.display()
            )
            .map_err(CommandError::from_display)?;
            return Ok(());
        }
        Err(e) => return Err(CommandError(format!("cannot read {}: {e}", path.display()))),
    };
    let id = ws.id.to_string();
    let mut recent = std::collections::VecDeque::with_capacity(limit.min(10_000));
    for line in BufReader::new(file).lines() {
        let line = line.map_err(CommandError::from_display)?;
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        if v.get("workspace").and_then(|w| w.as_str()) == Some(id.as_str()) {
            if recent.len() == limit {
                recent.pop_front();
            }
            recent.push_back(v);
        }
    }
    let io = CommandError::from_display;
    writeln!(
        out,
        "{:<27}  {:<36}  {:>10}  {:<22}  request",
        "time", "tool", "latency_us", "outcome"
    )
    .map_err(io)?;
    for v in recent {
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("-").to_owned();
        let latency = v
            .get("latency_us")
            .and_then(serde_json::Value::as_u64)
            .unwrap_or(0);
        writeln!(
            out,
            "{:<27}  {:<36}  {:>10}  {:<22}  {}",
            s("timestamp"),
            s("tool"),
            latency,
            s("outcome"),
            s("request_id")
        )
        .map_err(io)?;
    }
    Ok(())
}
