//! # shopmcp-testkit
//!
//! Test support shared by every shopmcp crate (not published):
//!
//! - [`FakeUpstream`]: a store API on `127.0.0.1:0`, plain HTTP or HTTPS, that records every
//!   request ([`RecordedRequest`]: method, path, query, headers, body) and answers from a script of
//!   [`FakeResponse`]s or JSON fixtures, with faults: delays, 5xx, 429 with `Retry-After`,
//!   malformed JSON, oversize and slowly dripping bodies, connection resets before or in the
//!   middle of a body, redirects.
//! - [`TestCa`]: a certificate authority generated at run time (rcgen, aws-lc-rs), whose PEM a
//!   client must add explicitly before it trusts an HTTPS fake.
//! - [`StaticResolver`]: a name table implementing [`shopmcp_http::Resolver`], so SSRF tests can
//!   make a host name resolve to a private address and fixed-host platforms can be pointed at a
//!   fake upstream.
//! - [`conformance`]: the checks every platform crate runs over its complete tool list
//!   (names, closed schemas, write declarations, routing fields, access classes, annotations).
#![forbid(unsafe_code)]

mod ca;
pub mod conformance;
mod error;
mod record;
mod resolver;
mod response;
mod script;
mod server;
mod wire;

pub use ca::{DEFAULT_SERVER_NAMES, TestCa};
pub use error::Error;
pub use record::RecordedRequest;
pub use resolver::StaticResolver;
pub use response::FakeResponse;
pub use server::FakeUpstream;
