//! [`NetoClient`]: the only code that talks to shopmcp-http. One endpoint, one method, the
//! action from [`Action`], the key from the call's credential, and the `Ack` checked before
//! anything is read.

use std::fmt;
use std::sync::Arc;

use http::header::{ACCEPT, HeaderName, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;
use shopmcp_core::{ToolCall, ToolError};
use shopmcp_http::{HttpClient, UpstreamRequest, UpstreamResponse};

use crate::error::NetoError;
use crate::wire::{Ack, Envelope};
use crate::{Action, NetoConfig, NetoCredentials};

/// `NETOAPI_ACTION`: which action the request runs.
pub const HEADER_ACTION: &str = "netoapi_action";
/// `NETOAPI_KEY`: the API key (sent as a sensitive header value).
pub const HEADER_KEY: &str = "netoapi_key";
/// `NETOAPI_USERNAME`: the staff username of a user-based key.
pub const HEADER_USERNAME: &str = "netoapi_username";

/// The client of one Neto store. Cheap to clone (an `Arc` inside).
///
/// It holds no credential: each call brings its own ([`ToolCall::credential`]), which is
/// parsed into [`NetoCredentials`] and dropped when the call ends.
///
/// ```
/// use shopmcp_http::{BaseUrl, HttpClient};
/// use shopmcp_neto::{NetoClient, NetoConfig};
/// let config = NetoConfig::new(BaseUrl::parse("https://www.example.com.au").unwrap()).unwrap();
/// let client = NetoClient::new(HttpClient::builder().build().unwrap(), config);
/// assert_eq!(client.config().store().host(), "www.example.com.au");
/// ```
#[derive(Clone)]
pub struct NetoClient {
    inner: Arc<Inner>,
}

struct Inner {
    http: HttpClient,
    config: NetoConfig,
}

/// A successful answer: the parsed body and the `Messages.Warning` texts of an
/// `Ack: "Warning"`.
#[derive(Debug)]
pub(crate) struct Reply<T> {
    pub(crate) data: T,
    pub(crate) warnings: Vec<String>,
}

/// The body of every `Get*` action: `{"Filter": {<filters>, "OutputSelector": [...], "Page", "Limit"}}`.
#[derive(Debug, Serialize)]
pub(crate) struct GetBody<'a, F: Serialize> {
    #[serde(rename = "Filter")]
    filter: GetFilter<'a, F>,
}

#[derive(Debug, Serialize)]
struct GetFilter<'a, F: Serialize> {
    #[serde(flatten)]
    fields: &'a F,
    #[serde(rename = "OutputSelector")]
    output: &'a [&'static str],
    #[serde(rename = "Page")]
    page: u32,
    #[serde(rename = "Limit")]
    limit: u32,
}

impl<'a, F: Serialize> GetBody<'a, F> {
    /// Filters, the fields to return, and one page.
    pub(crate) fn new(fields: &'a F, output: &'a [&'static str], page: u32, limit: u32) -> Self {
        Self {
            filter: GetFilter {
                fields,
                output,
                page,
                limit,
            },
        }
    }
}

/// Parses a 2xx answer to `action`: the `Ack` envelope first (`Error` fails with its
/// messages, `Warning` keeps its warnings), then the body as `T`.
pub(crate) fn reply<T: DeserializeOwned>(
    action: Action,
    response: &UpstreamResponse,
) -> Result<Reply<T>, ToolError> {
    let envelope: Envelope = response.json()?;
    let warnings = match envelope.ack {
        Ack::Error => {
            return Err(NetoError::Rejected {
                action,
                messages: envelope.texts("Error"),
            }
            .into());
        }
        Ack::Warning => envelope.texts("Warning"),
        Ack::Success => Vec::new(),
    };
    let data = response.json()?;
    Ok(Reply { data, warnings })
}

impl NetoClient {
    /// A client for the store in `config`, sending through `http`.
    pub fn new(http: HttpClient, config: NetoConfig) -> Self {
        Self {
            inner: Arc::new(Inner { http, config }),
        }
    }

    /// The store configuration.
    pub fn config(&self) -> &NetoConfig {
        &self.inner.config
    }

    /// Runs `action` with `body` for one tool call and parses the answer into `T`.
    ///
    /// Reads (`Get*`) are sent as retryable reads, updates as writes (never retried). HTTP
    /// failures are mapped by shopmcp-http (401 → credentials, 429 → throttled, ...).
    /// `Ack: "Error"` (which Neto sends with HTTP 200) becomes
    /// [`ErrorKind::UpstreamRejected`](shopmcp_core::ErrorKind::UpstreamRejected) with the
    /// cleaned, shortened messages; `Ack: "Warning"` passes with its warnings.
    pub(crate) async fn send<B, T>(
        &self,
        call: &ToolCall<'_>,
        action: Action,
        body: &B,
    ) -> Result<Reply<T>, ToolError>
    where
        B: Serialize + ?Sized,
        T: DeserializeOwned,
    {
        let credentials = NetoCredentials::from_set(call.credential()?)?;
        let request = self.request(action, &credentials, body)?;
        let response = self.inner.http.send(call.ctx, request).await?;
        reply(action, &response)
    }

    fn request<B: Serialize + ?Sized>(
        &self,
        action: Action,
        credentials: &NetoCredentials,
        body: &B,
    ) -> Result<UpstreamRequest, ToolError> {
        let url = self.inner.config.api_url()?;
        let request = UpstreamRequest::post(url);
        let request = if action.is_read() {
            request.read()
        } else {
            request.write()
        };
        let mut request = request
            .header(
                HeaderName::from_static(HEADER_ACTION),
                HeaderValue::from_static(action.as_str()),
            )
            .header(ACCEPT, HeaderValue::from_static("application/json"))
            .secret_header(HeaderName::from_static(HEADER_KEY), credentials.key())?;
        if let Some(username) = credentials.username() {
            request = request.secret_header(HeaderName::from_static(HEADER_USERNAME), username)?;
        }
        request.json(body)
    }
}

impl fmt::Debug for NetoClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NetoClient")
            .field("config", &self.inner.config)
            .field("http", &self.inner.http)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use shopmcp_core::CredentialSet;
    use shopmcp_http::{BaseUrl, RequestClass};

    use super::*;

    fn client() -> NetoClient {
        let config =
            NetoConfig::new(BaseUrl::parse("https://www.example.com.au").unwrap()).unwrap();
        NetoClient::new(HttpClient::builder().build().unwrap(), config)
    }

    #[derive(Serialize)]
    struct F {
        #[serde(rename = "SKU")]
        sku: Vec<&'static str>,
    }

    #[test]
    fn get_body_shape() {
        let filter = F { sku: vec!["A1"] };
        let body = GetBody::new(&filter, &["SKU", "Name"], 0, 20);
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            json!({"Filter": {"SKU": ["A1"], "OutputSelector": ["SKU", "Name"], "Page": 0, "Limit": 20}})
        );
    }

    #[test]
    fn requests_carry_the_action_key_and_class() {
        let set = CredentialSet::new("api_key")
            .with_field("key", "KEY-MARKER")
            .with_field("username", "USER-MARKER");
        let creds = NetoCredentials::from_set(&set).unwrap();
        let c = client();
        let read = c.request(Action::GetItem, &creds, &json!({})).unwrap();
        assert_eq!(read.class(), RequestClass::Read);
        assert_eq!(
            read.url().as_str(),
            "https://www.example.com.au/do/WS/NetoAPI"
        );
        assert_eq!(read.headers().get(HEADER_ACTION).unwrap(), "GetItem");
        assert!(read.headers().get(HEADER_KEY).unwrap().is_sensitive());
        assert!(read.headers().get(HEADER_USERNAME).unwrap().is_sensitive());
        assert_eq!(read.headers().get("accept").unwrap(), "application/json");
        assert_eq!(
            read.headers().get("content-type").unwrap(),
            "application/json"
        );
        let write = c.request(Action::UpdateOrder, &creds, &json!({})).unwrap();
        assert_eq!(write.class(), RequestClass::Write);
        let debug = format!("{read:?} {c:?}");
        assert!(!debug.contains("MARKER"), "{debug}");
    }
}
