//! Name resolution behind the SSRF guard.
//!
//! The client hands reqwest a resolver that asks the pluggable [`Resolver`] for a host's
//! addresses, refuses the whole name if any address is not allowed, and gives reqwest exactly
//! the checked addresses. The connection goes to an address that was checked: there is no
//! second lookup between check and connect for a DNS-rebinding answer to slip into.

use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;

use async_trait::async_trait;

use crate::address::{AddressPolicy, AddressRefused};

/// Resolves host names for the client.
///
/// Implement it to use another DNS stack, or in tests to map names to chosen addresses. Whatever
/// it returns still passes the SSRF guard. A returned port other than 0 is used when the URL
/// names no port (tests use this to point a fixed host such as `acme.myshopify.com` at a local
/// fake upstream).
///
/// ```
/// use std::net::SocketAddr;
/// use shopmcp_http::Resolver;
///
/// #[derive(Debug)]
/// struct Fixed(SocketAddr);
///
/// #[async_trait::async_trait]
/// impl Resolver for Fixed {
///     async fn resolve(&self, _host: &str) -> std::io::Result<Vec<SocketAddr>> {
///         Ok(vec![self.0])
///     }
/// }
/// ```
#[async_trait]
pub trait Resolver: Send + Sync + fmt::Debug + 'static {
    /// The addresses of `host` (a DNS name, never an IP literal).
    async fn resolve(&self, host: &str) -> io::Result<Vec<SocketAddr>>;
}

/// The operating system's resolver (`getaddrinfo` on a blocking thread).
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemResolver;

#[async_trait]
impl Resolver for SystemResolver {
    async fn resolve(&self, host: &str) -> io::Result<Vec<SocketAddr>> {
        Ok(tokio::net::lookup_host((host, 0)).await?.collect())
    }
}

/// Why a name did not resolve to a usable address.
#[derive(Debug)]
pub(crate) enum ResolveFailure {
    /// The name resolved to an address the guard refuses.
    Refused {
        host: String,
        refused: AddressRefused,
    },
    /// The lookup failed or found nothing.
    Lookup { host: String, cause: String },
}

impl fmt::Display for ResolveFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Refused { host, refused } => write!(f, "{host}: {refused}"),
            Self::Lookup { host, cause } => write!(f, "{host}: lookup failed: {cause}"),
        }
    }
}

impl std::error::Error for ResolveFailure {}

/// The resolver reqwest uses: [`Resolver`] plus the address policy.
#[derive(Debug, Clone)]
pub(crate) struct GuardedResolver {
    inner: Arc<dyn Resolver>,
    policy: AddressPolicy,
}

impl GuardedResolver {
    pub(crate) fn new(inner: Arc<dyn Resolver>, policy: AddressPolicy) -> Self {
        Self { inner, policy }
    }

    /// Resolves `host` and checks every address.
    pub(crate) async fn resolve_checked(
        &self,
        host: &str,
    ) -> Result<Vec<SocketAddr>, ResolveFailure> {
        let lookup = |cause: String| ResolveFailure::Lookup {
            host: host.to_owned(),
            cause,
        };
        let addrs = self
            .inner
            .resolve(host)
            .await
            .map_err(|e| lookup(e.kind().to_string()))?;
        if addrs.is_empty() {
            return Err(lookup("no addresses".to_owned()));
        }
        for addr in &addrs {
            self.policy
                .check(addr.ip())
                .map_err(|refused| ResolveFailure::Refused {
                    host: host.to_owned(),
                    refused,
                })?;
        }
        Ok(addrs)
    }
}

impl reqwest::dns::Resolve for GuardedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let this = self.clone();
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let addrs = this.resolve_checked(&host).await?;
            tracing::debug!(host = %host, count = addrs.len(), "resolved upstream host");
            let addrs: reqwest::dns::Addrs = Box::new(addrs.into_iter());
            Ok(addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::AddressClass;

    #[derive(Debug)]
    struct Map(HashMap<&'static str, Vec<SocketAddr>>);

    #[async_trait]
    impl Resolver for Map {
        async fn resolve(&self, host: &str) -> io::Result<Vec<SocketAddr>> {
            self.0
                .get(host)
                .cloned()
                .ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))
        }
    }

    fn guarded(allow_loopback: bool) -> GuardedResolver {
        let map = HashMap::from([
            ("public.test", vec!["93.184.215.14:0".parse().unwrap()]),
            ("private.test", vec!["192.168.1.1:0".parse().unwrap()]),
            (
                "mixed.test",
                vec![
                    "93.184.215.14:0".parse().unwrap(),
                    "10.0.0.1:0".parse().unwrap(),
                ],
            ),
            ("loop.test", vec!["127.0.0.1:8080".parse().unwrap()]),
            ("meta.test", vec!["[fd00:ec2::254]:0".parse().unwrap()]),
            ("empty.test", vec![]),
        ]);
        GuardedResolver::new(Arc::new(Map(map)), AddressPolicy { allow_loopback })
    }

    fn refused_class(r: Result<Vec<SocketAddr>, ResolveFailure>) -> AddressClass {
        match r {
            Err(ResolveFailure::Refused { refused, .. }) => refused.class,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn public_names_pass_and_others_are_refused() {
        let g = guarded(false);
        assert_eq!(g.resolve_checked("public.test").await.unwrap().len(), 1);
        assert_eq!(
            refused_class(g.resolve_checked("private.test").await),
            AddressClass::Private
        );
        assert_eq!(
            refused_class(g.resolve_checked("mixed.test").await),
            AddressClass::Private
        );
        assert_eq!(
            refused_class(g.resolve_checked("loop.test").await),
            AddressClass::Loopback
        );
        assert_eq!(
            refused_class(g.resolve_checked("meta.test").await),
            AddressClass::CloudMetadata
        );
        assert!(matches!(
            g.resolve_checked("empty.test").await,
            Err(ResolveFailure::Lookup { .. })
        ));
        assert!(matches!(
            g.resolve_checked("unknown.test").await,
            Err(ResolveFailure::Lookup { .. })
        ));
    }

    #[tokio::test]
    async fn loopback_only_through_the_policy() {
        let g = guarded(true);
        let addrs = g.resolve_checked("loop.test").await.unwrap();
        assert_eq!(addrs, vec!["127.0.0.1:8080".parse::<SocketAddr>().unwrap()]);
        assert_eq!(
            refused_class(g.resolve_checked("private.test").await),
            AddressClass::Private
        );
    }
}
