//! # shopmcp-server
//!
//! A ready-to-run MCP server built only from the public shopmcp crates.
//!
//! ```text
//! shopmcp-server serve   --config shopmcp.toml [--stdio --workspace acme | --http 127.0.0.1:8787]
//! shopmcp-server connect --config shopmcp.toml --workspace acme --platform shopify --kind access_token
//! shopmcp-server token   --config shopmcp.toml create --workspace acme --label laptop
//! shopmcp-server token   --config shopmcp.toml list | revoke <id>
//! shopmcp-server usage   --config shopmcp.toml --workspace acme
//! ```
//!
//! Secrets are read from standard input or a no-echo prompt, never from the command line
//! (visible in `ps`) and never from the environment.
#![forbid(unsafe_code)]

pub mod assemble;
pub mod cli;
pub mod commands;
pub mod config;
pub mod credential_kinds;
pub mod platforms;
pub mod secret_input;
pub mod stores;
pub mod webhooks;
