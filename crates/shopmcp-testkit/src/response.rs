//! [`FakeResponse`]: a scripted answer, possibly with a fault.

use std::path::Path;
use std::time::Duration;

use bytes::Bytes;

/// How the answer is put on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Delivery {
    /// Head and body at once.
    Whole,
    /// The body in `chunk`-byte pieces, `interval` apart.
    Drip { chunk: usize, interval: Duration },
    /// Head and the first `after` body bytes, then a TCP reset.
    ResetMidBody { after: usize },
    /// No answer at all: a TCP reset right after the request was read.
    Reset,
    /// A generated body of `size` bytes, chunked or with a declared length.
    Oversize { size: usize, declare_length: bool },
}

/// A scripted answer of the fake upstream.
///
/// ```
/// use shopmcp_testkit::FakeResponse;
/// let ok = FakeResponse::json(200, &serde_json::json!({"id": 1}));
/// let slow = FakeResponse::new(503).delay(std::time::Duration::from_millis(50));
/// let throttled = FakeResponse::throttled("2");
/// # drop((ok, slow, throttled));
/// ```
#[derive(Debug, Clone)]
pub struct FakeResponse {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Bytes,
    pub(crate) delay: Duration,
    pub(crate) delivery: Delivery,
}

impl FakeResponse {
    /// A response with `status` and an empty body.
    pub fn new(status: u16) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body: Bytes::new(),
            delay: Duration::ZERO,
            delivery: Delivery::Whole,
        }
    }

    /// A JSON body.
    pub fn json(status: u16, value: &serde_json::Value) -> Self {
        Self::new(status)
            .header("content-type", "application/json")
            .with_body(value.to_string())
    }

    /// A raw body (no content type).
    pub fn text(status: u16, body: impl Into<Bytes>) -> Self {
        Self::new(status).with_body(body)
    }

    /// A 200 with a JSON fixture file as its body (the file is read now; it must parse).
    pub fn fixture(path: impl AsRef<Path>) -> std::io::Result<Self> {
        let bytes = std::fs::read(path)?;
        serde_json::from_slice::<serde_json::Value>(&bytes)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        Ok(Self::new(200)
            .header("content-type", "application/json")
            .with_body(bytes))
    }

    /// A 429 with `Retry-After: {retry_after}`.
    pub fn throttled(retry_after: &str) -> Self {
        Self::new(429)
            .header("retry-after", retry_after)
            .header("content-type", "application/json")
            .with_body(r#"{"errors":"Too Many Requests"}"#)
    }

    /// A redirect (`status` 301/302/303/307/308) to `location`.
    pub fn redirect(status: u16, location: &str) -> Self {
        Self::new(status).header("location", location)
    }

    /// A 200 claiming JSON whose body is cut off mid-document.
    pub fn malformed_json() -> Self {
        Self::new(200)
            .header("content-type", "application/json")
            .with_body(r#"{"data": {"orders": [{"id": 1}, {"id": "#)
    }

    /// A 200 whose body is `size` bytes, sent chunked (no declared length), so the client can
    /// only notice the size while reading.
    pub fn oversize(size: usize) -> Self {
        let mut r = Self::new(200).header("content-type", "application/json");
        r.delivery = Delivery::Oversize {
            size,
            declare_length: false,
        };
        r
    }

    /// Like [`oversize`](Self::oversize), with a `Content-Length` of `size`.
    pub fn oversize_declared(size: usize) -> Self {
        let mut r = Self::oversize(size);
        r.delivery = Delivery::Oversize {
            size,
            declare_length: true,
        };
        r
    }

    /// A 200 whose `body` trickles out `chunk` bytes every `interval`.
    pub fn drip(body: impl Into<Bytes>, chunk: usize, interval: Duration) -> Self {
        let mut r = Self::new(200).with_body(body);
        r.delivery = Delivery::Drip {
            chunk: chunk.max(1),
            interval,
        };
        r
    }

    /// A 200 that declares all of `body` but sends only `after` bytes before a TCP reset.
    pub fn reset_mid_body(body: impl Into<Bytes>, after: usize) -> Self {
        let mut r = Self::new(200).with_body(body);
        r.delivery = Delivery::ResetMidBody { after };
        r
    }

    /// No answer: the connection is reset once the request has been read (its
    /// [`status`](Self::status) is 0).
    pub fn reset() -> Self {
        let mut r = Self::new(0);
        r.delivery = Delivery::Reset;
        r
    }

    /// Adds a header.
    #[must_use]
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Replaces the body.
    #[must_use]
    pub fn with_body(mut self, body: impl Into<Bytes>) -> Self {
        self.body = body.into();
        self
    }

    /// Waits `delay` before answering.
    #[must_use]
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    /// The status.
    pub fn status(&self) -> u16 {
        self.status
    }
}
