//! `shopmcp-server`: see the crate documentation.
#![forbid(unsafe_code)]

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use shopmcp_server::cli::{Cli, Command};
use shopmcp_server::commands::{self, CommandError, connect::ConnectArgs};
use shopmcp_server::config::Config;
use shopmcp_server::secret_input::stdin_is_terminal;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Logs go to stderr: stdout is the JSON-RPC channel in stdio mode.
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_max_level(tracing::Level::INFO)
        .init();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: &Cli) -> Result<(), CommandError> {
    let config = Config::load(&cli.config).map_err(CommandError::from_display)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(CommandError::from_display)?;
    let mut out = std::io::stdout();
    match &cli.command {
        Command::Serve {
            stdio,
            workspace,
            http,
        } => runtime.block_on(commands::serve::run(
            &config,
            *stdio,
            workspace.as_deref(),
            http.as_deref(),
        )),
        Command::Connect {
            workspace,
            platform,
            slot,
            kind,
        } => {
            let args = ConnectArgs {
                workspace,
                platform,
                slot,
                kind,
            };
            let stdin = std::io::stdin();
            let mut input = stdin.lock();
            runtime.block_on(commands::connect::run(
                &config,
                args,
                &mut input,
                stdin_is_terminal(),
                &mut out,
            ))
        }
        Command::Token { action } => {
            runtime.block_on(commands::token::run(&config, action, &mut out))
        }
        Command::Usage { workspace, limit } => {
            commands::usage::run(&config, workspace, *limit, &mut out)
        }
    }
}
