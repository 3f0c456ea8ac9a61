//! # shopmcp-rmcp
//!
//! Puts a shopmcp [`Pipeline`](shopmcp_core::Pipeline) behind MCP with the official Rust SDK
//! (`rmcp`), over stdio and streamable HTTP. The rmcp types stay inside this crate: an
//! embedder uses [`McpServer`], [`HttpServer`] and [`ElicitationConfirmer`].
//!
//! What a client sees:
//! - `tools/list`: the caller's workspace toolbox, sorted by name, with title, input and
//!   output schemas and annotations from each tool's access class (no public cache hints).
//! - `tools/call`: structured content plus a text mirror; validation, business and upstream
//!   failures as `isError: true` results with model-safe text; an unknown tool (or another
//!   workspace's, which looks the same) as JSON-RPC `-32602`.
//! - prompts, resources and resource templates: "method not found".
//! - Protocol revisions 2025-11-25 (with `initialize` and sessions) and 2026-07-28
//!   (stateless) are both served.
//!
//! ## stdio
//! One workspace, fixed by the embedder: [`McpServer::serve_stdio`].
//!
//! ## Streamable HTTP (feature `http`, on by default)
//! [`HttpServer`]: a bearer token on every request (never from the query string), RFC 9728
//! protected-resource metadata, Origin and Host validation, a body limit, TCP_NODELAY,
//! sessions bound to the principal that opened them (or stateless). With feature `oauth`,
//! JWTs are validated against a configured JWKS ([`OAuthConfig`]) and tools need the scope of
//! their access class ([`scope`]).
//!
//! ## W3 confirmation
//! [`ElicitationConfirmer`] asks the client's human through MCP elicitation.
#![forbid(unsafe_code)]

mod elicit;
mod error;
mod handler;
pub mod scope;
mod server;
mod stdio;
mod tools;

#[cfg(feature = "http")]
mod http;
#[cfg(feature = "oauth")]
mod oauth;

/// The axum version the HTTP transport is built on, for [`HttpServerBuilder::routes`].
#[cfg(feature = "http")]
pub use axum;
pub use elicit::{ElicitationConfirmer, RandomUnavailable};
pub use error::ServeError;
#[cfg(feature = "http")]
pub use http::{HttpHandle, HttpServer, HttpServerBuilder, SessionMode};
#[cfg(feature = "oauth")]
pub use oauth::{DEFAULT_WORKSPACE_CLAIM, Jwks, OAuthConfig};
pub use server::{McpServer, McpServerBuilder};
