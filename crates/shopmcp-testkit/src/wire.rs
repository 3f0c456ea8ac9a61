//! HTTP/1.1 on the wire: reading one request, writing one (possibly faulty) response.

use std::io;
use std::time::Instant;

use bytes::Bytes;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::RecordedRequest;
use crate::response::{Delivery, FakeResponse};

const MAX_HEAD: usize = 64 * 1024;
const MAX_BODY: usize = 16 * 1024 * 1024;
const FILL_CHUNK: usize = 16 * 1024;

/// A served connection: plain TCP or TLS over TCP.
pub(crate) trait Conn: AsyncRead + AsyncWrite + Unpin + Send {
    /// The TCP socket underneath (to force a reset).
    fn tcp(&self) -> &TcpStream;
}

impl Conn for TcpStream {
    fn tcp(&self) -> &TcpStream {
        self
    }
}

impl Conn for tokio_rustls::server::TlsStream<TcpStream> {
    fn tcp(&self) -> &TcpStream {
        self.get_ref().0
    }
}

/// Reads one request; `Ok(None)` when the peer closed before sending anything.
pub(crate) async fn read_request<S: Conn>(conn: &mut S) -> io::Result<Option<RecordedRequest>> {
    let mut buf = Vec::with_capacity(4096);
    let head_end = loop {
        if let Some(pos) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break pos + 4;
        }
        if buf.len() > MAX_HEAD {
            return Err(invalid("request head too large"));
        }
        let mut tmp = [0u8; 4096];
        let n = conn.read(&mut tmp).await?;
        if n == 0 {
            return if buf.is_empty() {
                Ok(None)
            } else {
                Err(io::ErrorKind::UnexpectedEof.into())
            };
        }
        buf.extend_from_slice(tmp.get(..n).unwrap_or_default());
    };
    let mut header_slots = [httparse::EMPTY_HEADER; 64];
    let mut parsed = httparse::Request::new(&mut header_slots);
    let head = buf.get(..head_end).unwrap_or_default();
    if !parsed
        .parse(head)
        .map_err(|e| invalid(&e.to_string()))?
        .is_complete()
    {
        return Err(invalid("incomplete request head"));
    }
    let method = parsed.method.unwrap_or_default().to_owned();
    let target = parsed.path.unwrap_or_default();
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p.to_owned(), Some(q.to_owned())),
        None => (target.to_owned(), None),
    };
    let headers: Vec<(String, String)> = parsed
        .headers
        .iter()
        .map(|h| {
            (
                h.name.to_ascii_lowercase(),
                String::from_utf8_lossy(h.value).into_owned(),
            )
        })
        .collect();
    let length = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .map(|(_, v)| v.trim().parse::<usize>())
        .transpose()
        .map_err(|_| invalid("bad content-length"))?
        .unwrap_or(0);
    if length > MAX_BODY || headers.iter().any(|(k, _)| k == "transfer-encoding") {
        return Err(invalid(
            "request bodies must have a Content-Length up to 16 MiB",
        ));
    }
    let mut body = buf.split_off(head_end);
    while body.len() < length {
        let mut tmp = vec![0u8; (length - body.len()).min(64 * 1024)];
        let n = conn.read(&mut tmp).await?;
        if n == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        body.extend_from_slice(tmp.get(..n).unwrap_or_default());
    }
    body.truncate(length);
    Ok(Some(RecordedRequest {
        method,
        path,
        query,
        headers,
        body: Bytes::from(body),
        received_at: Instant::now(),
    }))
}

fn invalid(msg: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg.to_owned())
}

fn head(resp: &FakeResponse, length: Option<usize>) -> Vec<u8> {
    let reason = http::StatusCode::from_u16(resp.status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Unknown");
    let mut out = format!("HTTP/1.1 {} {reason}\r\nconnection: close\r\n", resp.status);
    match length {
        Some(n) => out.push_str(&format!("content-length: {n}\r\n")),
        None => out.push_str("transfer-encoding: chunked\r\n"),
    }
    for (name, value) in &resp.headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    out.into_bytes()
}

/// Writes `resp` (after its delay), with its fault.
pub(crate) async fn write_response<S: Conn>(conn: &mut S, resp: &FakeResponse) -> io::Result<()> {
    if !resp.delay.is_zero() {
        tokio::time::sleep(resp.delay).await;
    }
    let body = &resp.body;
    match &resp.delivery {
        Delivery::Whole => {
            conn.write_all(&head(resp, Some(body.len()))).await?;
            conn.write_all(body).await?;
        }
        Delivery::Drip { chunk, interval } => {
            conn.write_all(&head(resp, Some(body.len()))).await?;
            conn.flush().await?;
            for piece in body.chunks(*chunk) {
                conn.write_all(piece).await?;
                conn.flush().await?;
                tokio::time::sleep(*interval).await;
            }
        }
        Delivery::ResetMidBody { after } => {
            conn.write_all(&head(resp, Some(body.len()))).await?;
            conn.write_all(body.get(..*after).unwrap_or(body)).await?;
            conn.flush().await?;
            reset(conn);
            return Ok(());
        }
        Delivery::Reset => {
            reset(conn);
            return Ok(());
        }
        Delivery::Oversize {
            size,
            declare_length,
        } => write_filler(conn, resp, *size, *declare_length).await?,
    }
    conn.flush().await?;
    conn.shutdown().await
}

async fn write_filler<S: Conn>(
    conn: &mut S,
    resp: &FakeResponse,
    size: usize,
    declare_length: bool,
) -> io::Result<()> {
    conn.write_all(&head(resp, declare_length.then_some(size)))
        .await?;
    let filler = vec![b' '; FILL_CHUNK];
    let mut left = size;
    while left > 0 {
        let n = left.min(FILL_CHUNK);
        let piece = filler.get(..n).unwrap_or_default();
        if declare_length {
            conn.write_all(piece).await?;
        } else {
            conn.write_all(format!("{n:x}\r\n").as_bytes()).await?;
            conn.write_all(piece).await?;
            conn.write_all(b"\r\n").await?;
        }
        left -= n;
    }
    if !declare_length {
        conn.write_all(b"0\r\n\r\n").await?;
    }
    Ok(())
}

/// Makes the close a TCP reset (`SO_LINGER` 0) instead of an orderly shutdown.
fn reset<S: Conn>(conn: &S) {
    // Failing to set it leaves an orderly close, which tests would notice as a wrong outcome.
    let _ = conn.tcp().set_zero_linger();
}
