//! A minimal HTTP/1.1 server on 127.0.0.1 for the fake KMS: keep-alive, `Content-Length`
//! bodies, one handler call per request.

use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// Largest request accepted.
const MAX_REQUEST: usize = 1 << 20;

/// One request as received.
#[derive(Clone, Debug)]
pub struct Request {
    pub method: String,
    pub path: String,
    /// Header names lower-cased.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What to answer.
pub enum Reply {
    Json {
        status: u16,
        request_id: String,
        body: String,
    },
    /// Never answer (the connection stays open): the client's timeout must fire.
    Hang,
    /// Close the connection without answering.
    Close,
}

pub type Handler = Arc<dyn Fn(Request) -> Reply + Send + Sync>;

/// Serves `handler` on a fresh loopback port; returns the address and the accept task.
pub async fn serve(handler: Handler) -> (std::net::SocketAddr, JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let task = tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(connection(stream, handler.clone()));
        }
    });
    (addr, task)
}

async fn connection(mut stream: TcpStream, handler: Handler) {
    let mut buf = Vec::new();
    loop {
        let Some(request) = read_request(&mut stream, &mut buf).await else {
            return;
        };
        match handler(request) {
            Reply::Close => return,
            Reply::Hang => {
                // Hold the connection until the client gives up and closes it.
                let mut sink = [0u8; 256];
                while matches!(stream.read(&mut sink).await, Ok(n) if n > 0) {}
                return;
            }
            Reply::Json {
                status,
                request_id,
                body,
            } => {
                let head = format!(
                    "HTTP/1.1 {status} {}\r\ncontent-type: application/x-amz-json-1.1\r\nx-amzn-requestid: {request_id}\r\ncontent-length: {}\r\n\r\n",
                    if status < 400 { "OK" } else { "Error" },
                    body.len()
                );
                let written = async {
                    stream.write_all(head.as_bytes()).await?;
                    stream.write_all(body.as_bytes()).await?;
                    stream.flush().await
                };
                if written.await.is_err() {
                    return;
                }
            }
        }
    }
}

/// Reads one request; `None` when the peer closed the connection or sent garbage.
async fn read_request(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Option<Request> {
    loop {
        let mut headers = [httparse::EMPTY_HEADER; 64];
        let mut parsed = httparse::Request::new(&mut headers);
        if let httparse::Status::Complete(head_len) = parsed.parse(buf).ok()? {
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
            let length: usize = headers
                .iter()
                .find(|(k, _)| k == "content-length")
                .and_then(|(_, v)| v.parse().ok())
                .unwrap_or(0);
            let method = parsed.method?.to_owned();
            let path = parsed.path?.to_owned();
            while buf.len() < head_len + length {
                read_more(stream, buf).await?;
            }
            let body = buf[head_len..head_len + length].to_vec();
            buf.drain(..head_len + length);
            return Some(Request {
                method,
                path,
                headers,
                body,
            });
        }
        read_more(stream, buf).await?;
    }
}

async fn read_more(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Option<()> {
    let mut chunk = [0u8; 8192];
    let n = stream.read(&mut chunk).await.ok()?;
    if n == 0 || buf.len() + n > MAX_REQUEST {
        return None;
    }
    buf.extend_from_slice(&chunk[..n]);
    Some(())
}
