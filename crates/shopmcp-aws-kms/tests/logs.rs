//! No secret in any log line, at any level, from any target (the SDK's own TRACE output
//! included). Alone in its binary: a thread-scoped subscriber misses events when other tests
//! run concurrently in the same process.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use common::*;
use shopmcp_vault::KeyWrapper;
use tracing_subscriber::filter::{LevelFilter, filter_fn};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::{Layer, fmt};

/// Collects formatted log lines.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Capture {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }

    fn layer<S>(&self) -> impl Layer<S>
    where
        S: tracing::Subscriber + for<'a> tracing_subscriber::registry::LookupSpan<'a>,
    {
        let writer = self.clone();
        fmt::layer()
            .with_ansi(false)
            .with_writer(move || writer.clone())
    }
}

/// The ways a 32-byte key could be printed.
fn renderings(key: &[u8; 32]) -> Vec<String> {
    let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
    let list = format!("{:?}", &key[..8]).trim_end_matches(']').to_owned();
    vec![B64.encode(key), hex, list]
}

// Current-thread runtime: the SDK's tasks run on this thread, under this subscriber.
#[tokio::test(flavor = "current_thread")]
async fn no_credential_or_data_key_in_any_log_line() {
    let (everything, info, ours) = (Capture::default(), Capture::default(), Capture::default());
    let subscriber = tracing_subscriber::registry()
        .with(everything.layer().with_filter(LevelFilter::TRACE))
        .with(info.layer().with_filter(LevelFilter::INFO))
        .with(
            ours.layer()
                .with_filter(filter_fn(|m| m.target().starts_with("shopmcp"))),
        );
    let _guard = tracing::subscriber::set_default(subscriber);

    let fake = FakeKms::start().await;
    let arn = fake.add_key("k1");
    let k2 = shopmcp_vault::KeyId::new(fake.add_key("k2"));
    let wrapper = wrapper(&fake, &arn).await;
    let (_, _, ctx) = workspace_context();
    let data_key = wrapper.generate_data_key(None, &ctx).await.unwrap();
    let unwrapped = wrapper.unwrap(&data_key.wrapped, &ctx).await.unwrap();
    let moved = wrapper
        .rewrap(&data_key.wrapped, Some(&k2), &ctx)
        .await
        .unwrap();
    let again = wrapper.unwrap(&moved, &ctx).await.unwrap();
    for kind in [
        "AccessDeniedException",
        "ThrottlingException",
        "DisabledException",
    ] {
        fake.fail_next([Fault::Error(400, kind); 3]);
        assert!(wrapper.unwrap(&data_key.wrapped, &ctx).await.is_err());
        fake.clear_faults();
    }
    let mut keys = Vec::new();
    for key in [&data_key.plaintext, &unwrapped, &again] {
        keys.extend(renderings(key.expose()));
    }

    let all = everything.text();
    assert!(
        all.lines().count() > 100,
        "the SDK's TRACE output is captured"
    );
    assert!(all.contains("aws_sigv4"), "signing is logged at TRACE");
    for secret in [SECRET_ACCESS_KEY, SESSION_TOKEN]
        .into_iter()
        .chain(keys.iter().map(String::as_str))
    {
        assert!(
            !all.contains(secret),
            "a log line at some level leaks `{secret}`"
        );
    }

    // The access key id is an identifier, not a secret, and the SDK prints it at DEBUG and
    // TRACE (its `Credentials` Debug). At INFO and above, and from this crate at every
    // level, it never appears.
    let info = info.text();
    let ours = ours.text();
    assert!(info.contains("KMS key wrapper ready") && info.contains("AccessDeniedException"));
    assert!(ours.contains("KMS call failed") && ours.contains("request_id"));
    assert!(
        !info.contains(ACCESS_KEY_ID),
        "INFO+ leaks the access key id"
    );
    assert!(
        !ours.contains(ACCESS_KEY_ID),
        "this crate logs the access key id"
    );
}
