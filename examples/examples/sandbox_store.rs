//! Runs the SANDBOX store (a fake Neto API with demo data) until stopped, printing its URL
//! on the first line of standard output. Used by the cross-client test in `.ci/`.
//!
//! Run: `cargo run --example sandbox_store`
#![allow(clippy::print_stdout)]

use std::io::Write;

use shopmcp_examples::sandbox::SandboxStore;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let store = SandboxStore::start().await?;
    let mut out = std::io::stdout();
    writeln!(out, "{}", store.url())?;
    out.flush()?;
    tokio::signal::ctrl_c().await?;
    Ok(())
}
