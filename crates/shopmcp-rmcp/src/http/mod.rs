//! The streamable HTTP transport (axum): see [`HttpServer`].

mod auth;
mod metadata;
mod query;
mod serve;
mod session;

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::StatusCode;
use axum::routing::get;
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::streamable_http_server::session::never::NeverSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};
use tokio_util::sync::CancellationToken;

use crate::error::ServeError;
use crate::handler::Source;
use crate::server::McpServer;
use auth::{AuthMode, Gate};
use metadata::{Resource, json_response};
use session::SessionBindings;

pub use serve::HttpHandle;

/// The well-known path of RFC 9728 protected-resource metadata.
const PRM_PATH: &str = "/.well-known/oauth-protected-resource";

/// Whether HTTP clients of the 2025-11-25 revision get sessions.
///
/// 2026-07-28 requests are always served statelessly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum SessionMode {
    /// `initialize` opens a session (`Mcp-Session-Id`), bound to the principal that opened
    /// it. Needed for server-to-client requests such as elicitation on 2025-11-25.
    #[default]
    Stateful,
    /// No sessions: every request stands alone.
    Stateless,
}

/// A streamable HTTP MCP endpoint over an [`McpServer`].
///
/// Secure by default: binds `127.0.0.1:8787`; bearer token on every request, checked by
/// the pipeline's authenticator (or as an OAuth JWT, feature `oauth`); credentials in the
/// query string refused; RFC 9728 metadata served unauthenticated; Origin validation on
/// (loopback origins unless configured); Host validation on (loopback names and the public
/// URL's host); 1 MiB request bodies; TCP_NODELAY on accepted sockets.
///
/// ```no_run
/// # async fn run(server: shopmcp_rmcp::McpServer) -> Result<(), shopmcp_rmcp::ServeError> {
/// use shopmcp_rmcp::HttpServer;
/// let handle = HttpServer::builder(server)
///     .bind("127.0.0.1:8787".parse().unwrap())
///     .build()?
///     .serve()
///     .await?;
/// println!("MCP endpoint: {}", handle.url());
/// handle.wait().await
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct HttpServer {
    cfg: HttpServerBuilder,
}

/// Builder for [`HttpServer`].
#[derive(Debug, Clone)]
pub struct HttpServerBuilder {
    server: McpServer,
    bind: SocketAddr,
    path: String,
    public_url: Option<String>,
    allowed_hosts: Vec<String>,
    allowed_origins: Vec<String>,
    authorization_servers: Vec<String>,
    resource_name: Option<String>,
    sessions: SessionMode,
    json_response: bool,
    max_body_bytes: usize,
    session_idle: Duration,
    max_sessions: usize,
    extra: Option<Router>,
    #[cfg(feature = "oauth")]
    oauth: Option<crate::oauth::OAuthConfig>,
}

impl HttpServer {
    /// Starts configuring an endpoint for `server`.
    pub fn builder(server: McpServer) -> HttpServerBuilder {
        HttpServerBuilder {
            server,
            bind: SocketAddr::from((Ipv4Addr::LOCALHOST, 8787)),
            path: "/mcp".to_owned(),
            public_url: None,
            allowed_hosts: vec!["localhost".into(), "127.0.0.1".into(), "::1".into()],
            allowed_origins: vec![
                "http://localhost:*".into(),
                "http://127.0.0.1:*".into(),
                "http://[::1]:*".into(),
            ],
            authorization_servers: Vec::new(),
            resource_name: None,
            sessions: SessionMode::Stateful,
            json_response: false,
            max_body_bytes: 1024 * 1024,
            session_idle: Duration::from_secs(300),
            max_sessions: 10_000,
            extra: None,
            #[cfg(feature = "oauth")]
            oauth: None,
        }
    }
}

impl HttpServerBuilder {
    /// The address to listen on (default `127.0.0.1:8787`; port 0 picks a free port).
    #[must_use]
    pub fn bind(mut self, addr: SocketAddr) -> Self {
        self.bind = addr;
        self
    }

    /// The MCP endpoint's path (default `/mcp`).
    #[must_use]
    pub fn path(mut self, path: impl Into<String>) -> Self {
        self.path = path.into();
        self
    }

    /// The origin clients reach this server at, such as `https://mcp.example.com` (no path).
    /// The resource identifier (and OAuth audience) is this URL plus the path. Required when
    /// binding a non-loopback address; defaults to `http://<bound address>`.
    #[must_use]
    pub fn public_url(mut self, url: impl Into<String>) -> Self {
        self.public_url = Some(url.into());
        self
    }

    /// Adds accepted `Host` values (host or `host:port`); loopback names are always accepted.
    #[must_use]
    pub fn allowed_hosts<I: IntoIterator<Item = S>, S: Into<String>>(mut self, hosts: I) -> Self {
        self.allowed_hosts.extend(hosts.into_iter().map(Into::into));
        self
    }

    /// Replaces the accepted browser origins (default: loopback origins on any port). A
    /// request carrying any other `Origin` is refused; requests without one pass.
    #[must_use]
    pub fn allowed_origins<I: IntoIterator<Item = S>, S: Into<String>>(
        mut self,
        origins: I,
    ) -> Self {
        self.allowed_origins = origins.into_iter().map(Into::into).collect();
        self
    }

    /// Authorization servers advertised in the protected-resource metadata (with OAuth, the
    /// issuer is advertised when none is given).
    #[must_use]
    pub fn authorization_servers<I: IntoIterator<Item = S>, S: Into<String>>(
        mut self,
        servers: I,
    ) -> Self {
        self.authorization_servers = servers.into_iter().map(Into::into).collect();
        self
    }

    /// A human-readable resource name for the metadata document.
    #[must_use]
    pub fn resource_name(mut self, name: impl Into<String>) -> Self {
        self.resource_name = Some(name.into());
        self
    }

    /// Sessions for 2025-11-25 clients (default [`SessionMode::Stateful`]).
    #[must_use]
    pub fn sessions(mut self, mode: SessionMode) -> Self {
        self.sessions = mode;
        self
    }

    /// Answer simple requests with `application/json` instead of an SSE stream (stateless
    /// mode; rmcp falls back to SSE when a reply needs more than one message).
    #[must_use]
    pub fn json_response(mut self, json: bool) -> Self {
        self.json_response = json;
        self
    }

    /// The largest accepted request body (default 1 MiB).
    #[must_use]
    pub fn max_body_bytes(mut self, bytes: usize) -> Self {
        self.max_body_bytes = bytes;
        self
    }

    /// How long an idle session lives (default 5 minutes), and how many may be open.
    #[must_use]
    pub fn session_limits(mut self, idle: Duration, max_sessions: usize) -> Self {
        self.session_idle = idle;
        self.max_sessions = max_sessions;
        self
    }

    /// Serves `routes` beside the MCP endpoint, outside its bearer-token gate: each route
    /// authenticates its own requests (such as a webhook receiver checking an HMAC
    /// signature). Paths must not overlap the MCP path or the metadata documents.
    ///
    /// ```
    /// use shopmcp_rmcp::axum::{Router, routing::post};
    /// # fn f(server: shopmcp_rmcp::McpServer) -> Result<(), shopmcp_rmcp::ServeError> {
    /// let webhooks = Router::new().route("/webhooks", post(|| async { "ok" }));
    /// let http = shopmcp_rmcp::HttpServer::builder(server).routes(webhooks).build()?;
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn routes(mut self, routes: Router) -> Self {
        self.extra = Some(match self.extra.take() {
            Some(existing) => existing.merge(routes),
            None => routes,
        });
        self
    }

    /// OAuth 2.1 resource-server mode: bearer tokens are JWTs checked against `config`
    /// instead of the pipeline's authenticator.
    #[cfg(feature = "oauth")]
    #[must_use]
    pub fn oauth(mut self, config: crate::oauth::OAuthConfig) -> Self {
        self.oauth = Some(config);
        self
    }

    /// Checks the configuration.
    pub fn build(self) -> Result<HttpServer, ServeError> {
        check_path(&self.path)?;
        if let Some(url) = &self.public_url {
            check_public_url(url)?;
        } else if !self.bind.ip().is_loopback() {
            return Err(ServeError::Config(
                "set public_url when binding a non-loopback address".into(),
            ));
        }
        for origin in &self.allowed_origins {
            if !(origin.starts_with("http://")
                || origin.starts_with("https://")
                || origin == "null")
            {
                return Err(ServeError::Config(format!(
                    "allowed origin `{origin}` needs a scheme"
                )));
            }
        }
        Ok(HttpServer { cfg: self })
    }
}

fn check_path(path: &str) -> Result<(), ServeError> {
    let ok = path.len() > 1
        && path.starts_with('/')
        && !path.ends_with('/')
        && path
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/-_.".contains(&b));
    ok.then_some(())
        .ok_or_else(|| ServeError::Config(format!("invalid MCP path `{path}`")))
}

fn check_public_url(url: &str) -> Result<(), ServeError> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| {
            ServeError::Config("public_url must start with http:// or https://".into())
        })?;
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    if rest.is_empty() || rest.contains(['/', '?', '#', '@', ' ']) {
        return Err(ServeError::Config(
            "public_url must be an origin such as https://mcp.example.com (no path, query or user)"
                .into(),
        ));
    }
    Ok(())
}

impl HttpServer {
    /// The axum router: the MCP endpoint behind the authentication gate, and the public
    /// metadata documents. Needs [`HttpServerBuilder::public_url`]. Serve it with
    /// TCP_NODELAY on accepted sockets (as [`HttpServer::serve`] does).
    pub fn router(&self) -> Result<Router, ServeError> {
        let url = self
            .cfg
            .public_url
            .clone()
            .ok_or_else(|| ServeError::Config("router() needs public_url".into()))?;
        self.assemble(&url, CancellationToken::new())
    }

    pub(crate) fn assemble(
        &self,
        public_url: &str,
        ct: CancellationToken,
    ) -> Result<Router, ServeError> {
        let cfg = &self.cfg;
        let origin = public_url.trim_end_matches('/');
        let resource = Arc::new(Resource {
            url: format!("{origin}{}", cfg.path),
            metadata_url: format!("{origin}{PRM_PATH}{}", cfg.path),
            authorization_servers: cfg.authorization_servers.clone(),
            name: cfg.resource_name.clone(),
        });
        let mode = self.auth_mode(&resource)?;
        let resource = Arc::new(self.advertised(&resource));
        let mut hosts = cfg.allowed_hosts.clone();
        if let Some(authority) = origin.split("://").nth(1) {
            hosts.push(authority.to_owned());
        }
        let rmcp_cfg = StreamableHttpServerConfig::default()
            .with_allowed_hosts(hosts)
            .with_allowed_origins(cfg.allowed_origins.clone())
            .enforce_origin_validation()
            .with_max_request_body_bytes(cfg.max_body_bytes)
            .with_json_response(cfg.json_response)
            .with_legacy_session_mode(cfg.sessions == SessionMode::Stateful)
            .with_cancellation_token(ct);
        let server = cfg.server.clone();
        let factory = move || Ok(server.handler(Source::Http));
        let (mcp, sessions) = match cfg.sessions {
            SessionMode::Stateful => {
                let mut manager = LocalSessionManager::default();
                manager.session_config.keep_alive = Some(cfg.session_idle);
                let svc = StreamableHttpService::new(factory, Arc::new(manager), rmcp_cfg);
                let bindings = SessionBindings::new(cfg.session_idle, cfg.max_sessions);
                (
                    Router::new().nest_service(&cfg.path, svc),
                    Some(Arc::new(bindings)),
                )
            }
            SessionMode::Stateless => {
                let svc = StreamableHttpService::new(
                    factory,
                    Arc::new(NeverSessionManager::default()),
                    rmcp_cfg,
                );
                (Router::new().nest_service(&cfg.path, svc), None)
            }
        };
        let gate = Gate {
            pipeline: cfg.server.pipeline().clone(),
            mode,
            resource: resource.clone(),
            sessions,
            max_body: cfg.max_body_bytes,
        };
        let doc = resource.document();
        let prm = move || {
            let doc = doc.clone();
            async move { json_response(StatusCode::OK, &doc) }
        };
        let router = mcp
            .layer(axum::middleware::from_fn_with_state(gate, auth::gate))
            .route(PRM_PATH, get(prm.clone()))
            .route(&format!("{PRM_PATH}{}", cfg.path), get(prm));
        Ok(match &cfg.extra {
            Some(extra) => router.merge(extra.clone()),
            None => router,
        })
    }

    #[cfg(feature = "oauth")]
    fn auth_mode(&self, resource: &Resource) -> Result<AuthMode, ServeError> {
        match &self.cfg.oauth {
            Some(o) => Ok(AuthMode::OAuth(Arc::new(o.validator(&resource.url)?))),
            None => Ok(AuthMode::Pipeline),
        }
    }

    #[cfg(not(feature = "oauth"))]
    fn auth_mode(&self, _resource: &Resource) -> Result<AuthMode, ServeError> {
        Ok(AuthMode::Pipeline)
    }

    /// The metadata with the OAuth issuer advertised when no authorization server was given.
    #[cfg(feature = "oauth")]
    fn advertised(&self, resource: &Resource) -> Resource {
        let mut r = resource.clone();
        if r.authorization_servers.is_empty()
            && let Some(o) = &self.cfg.oauth
        {
            r.authorization_servers.push(o.issuer().to_owned());
        }
        r
    }

    #[cfg(not(feature = "oauth"))]
    fn advertised(&self, resource: &Resource) -> Resource {
        resource.clone()
    }
}
