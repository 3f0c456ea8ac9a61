//! [`FakeUpstream`]: a scriptable HTTP/HTTPS server on `127.0.0.1:0`.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};
use tokio_rustls::TlsAcceptor;

use crate::script::Script;
use crate::wire::{Conn, read_request, write_response};
use crate::{Error, FakeResponse, RecordedRequest, TestCa};

/// A fake store API on loopback. It records every request and answers from a script.
///
/// Answers are picked per method + path (the path as sent, percent-encoded, without the query):
/// responses [`push`](Self::push)ed for the route are used once each, in order; then the
/// [`route`](Self::route)'s sticky response; then the [`set_default`](Self::set_default) one;
/// otherwise a 404. Every connection is closed after one answer. The server stops when the
/// value is dropped.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// use shopmcp_testkit::{FakeResponse, FakeUpstream};
/// let fake = FakeUpstream::http().await.unwrap();
/// fake.push("GET", "/orders/1", FakeResponse::json(200, &serde_json::json!({"id": 1})));
/// assert!(fake.base_url().starts_with("http://127.0.0.1:"));
/// assert_eq!(fake.request_count(), 0);
/// # }
/// ```
#[derive(Debug)]
pub struct FakeUpstream {
    addr: SocketAddr,
    tls: bool,
    script: Arc<Script>,
    task: JoinHandle<()>,
}

impl FakeUpstream {
    /// A plain-HTTP fake.
    pub async fn http() -> Result<Self, Error> {
        Self::start(None).await
    }

    /// An HTTPS fake whose certificate (signed by `ca`) covers
    /// [`DEFAULT_SERVER_NAMES`](crate::DEFAULT_SERVER_NAMES).
    pub async fn https(ca: &TestCa) -> Result<Self, Error> {
        Self::https_with_names(ca, &[]).await
    }

    /// An HTTPS fake whose certificate also covers `extra_names`.
    pub async fn https_with_names(ca: &TestCa, extra_names: &[&str]) -> Result<Self, Error> {
        let config = ca.server_config(extra_names)?;
        Self::start(Some(TlsAcceptor::from(config))).await
    }

    async fn start(tls: Option<TlsAcceptor>) -> Result<Self, Error> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let script = Arc::new(Script::default());
        let is_tls = tls.is_some();
        let task = tokio::spawn(accept_loop(listener, tls, Arc::clone(&script)));
        Ok(Self {
            addr,
            tls: is_tls,
            script,
            task,
        })
    }

    /// The listening address (`127.0.0.1:<port>`).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The listening port.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// `http://127.0.0.1:<port>` or `https://127.0.0.1:<port>`.
    pub fn base_url(&self) -> String {
        let scheme = if self.tls { "https" } else { "http" };
        format!("{scheme}://{}", self.addr)
    }

    /// Queues a one-shot answer for `method` + `path`.
    pub fn push(&self, method: &str, path: &str, response: FakeResponse) {
        self.script.push(method, path, response);
    }

    /// Answers `method` + `path` with `responder(request)` once its queue is empty: for
    /// stateful fakes (a sandbox store that remembers updates) and content-based routing
    /// (one GraphQL endpoint, many operations).
    pub fn respond<F>(&self, method: &str, path: &str, responder: F)
    where
        F: Fn(&RecordedRequest) -> FakeResponse + Send + Sync + 'static,
    {
        self.script.respond(method, path, Arc::new(responder));
    }

    /// Sets the answer for `method` + `path` once its queue is empty.
    pub fn route(&self, method: &str, path: &str, response: FakeResponse) {
        self.script.route(method, path, response);
    }

    /// Sets the answer for requests no route matches.
    pub fn set_default(&self, response: FakeResponse) {
        self.script.set_default(response);
    }

    /// Routes `method` + `path` to a JSON fixture file (200).
    pub fn route_fixture(
        &self,
        method: &str,
        path: &str,
        file: impl AsRef<Path>,
    ) -> Result<(), Error> {
        self.route(method, path, FakeResponse::fixture(file)?);
        Ok(())
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.script.requests()
    }

    /// How many requests were received.
    pub fn request_count(&self) -> usize {
        self.script.request_count()
    }

    /// How many TCP connections were accepted (including ones whose TLS handshake failed).
    pub fn connection_count(&self) -> usize {
        self.script.connection_count()
    }
}

impl Drop for FakeUpstream {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn accept_loop(listener: TcpListener, tls: Option<TlsAcceptor>, script: Arc<Script>) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                script.connected();
                connections.spawn(serve(stream, tls.clone(), Arc::clone(&script)));
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
}

async fn serve(stream: TcpStream, tls: Option<TlsAcceptor>, script: Arc<Script>) {
    match tls {
        None => serve_one(stream, &script).await,
        Some(acceptor) => {
            if let Ok(stream) = acceptor.accept(stream).await {
                serve_one(stream, &script).await;
            }
        }
    }
}

async fn serve_one<S: Conn>(mut conn: S, script: &Script) {
    let Ok(Some(request)) = read_request(&mut conn).await else {
        return;
    };
    let response = script.answer(request);
    // A client that hangs up early (body cap, deadline) makes writing fail: that is expected.
    let _ = write_response(&mut conn, &response).await;
}
