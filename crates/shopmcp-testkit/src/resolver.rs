//! [`StaticResolver`]: a name → address table for tests; it never asks real DNS.

use std::collections::HashMap;
use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};

use async_trait::async_trait;
use shopmcp_http::Resolver;

/// Resolves only the names it was given; every other name fails with `NotFound`.
///
/// A non-zero port in an address is used when the URL names no port, so
/// `https://acme.myshopify.com/...` can reach a fake upstream on `127.0.0.1:<port>`.
///
/// ```
/// use shopmcp_testkit::StaticResolver;
/// let resolver = StaticResolver::new()
///     .with("evil.example", "192.168.1.1:443".parse().unwrap());
/// # drop(resolver);
/// ```
#[derive(Debug, Clone, Default)]
pub struct StaticResolver {
    map: Arc<Mutex<HashMap<String, Vec<SocketAddr>>>>,
    lookups: Arc<Mutex<Vec<String>>>,
}

impl StaticResolver {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an address for `host`.
    #[must_use]
    pub fn with(self, host: &str, addr: SocketAddr) -> Self {
        self.insert(host, addr);
        self
    }

    /// Adds an address for `host`.
    pub fn insert(&self, host: &str, addr: SocketAddr) {
        self.map
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(host.to_ascii_lowercase())
            .or_default()
            .push(addr);
    }

    /// The names looked up so far.
    pub fn lookups(&self) -> Vec<String> {
        self.lookups
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

#[async_trait]
impl Resolver for StaticResolver {
    async fn resolve(&self, host: &str) -> io::Result<Vec<SocketAddr>> {
        self.lookups
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(host.to_owned());
        self.map
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&host.to_ascii_lowercase())
            .cloned()
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "name not in the test table"))
    }
}
