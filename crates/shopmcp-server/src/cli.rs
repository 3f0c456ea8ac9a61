//! Command-line interface.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// A ready-to-run MCP server for Shopify, Magento, BigCommerce and Neto stores.
#[derive(Debug, Parser)]
#[command(name = "shopmcp-server", version, about)]
pub struct Cli {
    /// The configuration file.
    #[arg(long, short, global = true, default_value = "shopmcp.toml")]
    pub config: PathBuf,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve MCP over stdio (one workspace) or streamable HTTP.
    Serve {
        /// Serve one workspace over standard input/output.
        #[arg(long, conflicts_with = "http")]
        stdio: bool,
        /// The workspace (id or name) for --stdio; optional when there is only one.
        #[arg(long, requires = "stdio")]
        workspace: Option<String>,
        /// Serve streamable HTTP on this address (default: the config's http.bind).
        #[arg(long)]
        http: Option<String>,
    },
    /// Store a credential for a workspace in the encrypted vault (secrets read from stdin
    /// or a no-echo prompt).
    Connect {
        /// The workspace (id or name).
        #[arg(long)]
        workspace: String,
        /// `shopify`, `magento`, `bigcommerce` or `neto`.
        #[arg(long)]
        platform: String,
        /// The credential slot (`admin`, or `storefront` for Shopify carts).
        #[arg(long, default_value = "admin")]
        slot: String,
        /// The credential kind (e.g. `access_token`, `client_credentials`, `oauth1`, `api_key`).
        #[arg(long)]
        kind: String,
    },
    /// Manage bearer tokens.
    Token {
        /// The token action.
        #[command(subcommand)]
        action: TokenAction,
    },
    /// Recent audit events of a workspace.
    Usage {
        /// The workspace (id or name).
        #[arg(long)]
        workspace: String,
        /// How many events (newest last).
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
}

/// Token actions.
#[derive(Debug, Subcommand)]
pub enum TokenAction {
    /// Create a token (printed once).
    Create {
        /// The workspace (id or name).
        #[arg(long)]
        workspace: String,
        /// A label for humans.
        #[arg(long, default_value = "token")]
        label: String,
        /// Days until it expires (never when omitted).
        #[arg(long)]
        ttl_days: Option<u64>,
    },
    /// List tokens (never their secrets).
    List,
    /// Revoke a token by id.
    Revoke {
        /// The token id (the 16 hex characters after `smcp_`).
        id: String,
    },
}
