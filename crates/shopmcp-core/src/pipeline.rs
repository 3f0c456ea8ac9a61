//! The [`Pipeline`]: one fixed order for every tool call.
//!
//! ```text
//! authenticate → find the tool in the workspace's toolbox → rate limit → validate
//!   → idempotency + confirmation (W3) → audit readiness (writes) → credentials → handler
//!   → output projection → audit (exactly one event, every outcome)
//! ```
//!
//! The order is code, not configuration: an embedder can swap the implementation of each
//! stage (traits) but cannot reorder or skip one.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use secrecy::SecretString;
use serde_json::Value;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

use crate::audit::{AuditSink, Outcome, TracingAudit, UsageEvent, UsageMeter};
use crate::auth::{Authenticator, Identity};
use crate::confirm::{ArgumentsDigest, Confirmation, ConfirmationRequest, Confirmer};
use crate::idempotency::{
    IdempotencyState, IdempotencyStore, MemoryIdempotency, idempotency_conflict,
};
use crate::output;
use crate::ratelimit::{LocalRateLimiter, RateDecision, RateLimiter, RateRequest};
use crate::spec::IDEMPOTENCY_KEY_FIELD;
use crate::validate::{Arguments, Limits};
use crate::workspace::{Workspace, WorkspaceSource};
use crate::{
    Access, CallContext, CredentialProvider, ErrorKind, Platform, RequestId, RiskTier, Tool,
    ToolCall, ToolError, Toolbox,
};

/// Who is calling.
#[derive(Debug, Clone)]
pub enum Caller<'a> {
    /// A bearer token, authenticated by the pipeline.
    Bearer(&'a SecretString),
    /// An identity a transport already authenticated through this pipeline's
    /// [`Pipeline::authenticate`] (or its own OAuth validation).
    Authenticated(Identity),
}

/// One `tools/call`.
#[derive(Debug)]
pub struct CallRequest<'a> {
    caller: Caller<'a>,
    tool: &'a str,
    arguments: Arguments<'a>,
    request_id: Option<RequestId>,
    cancel: Option<CancellationToken>,
    timeout: Option<Duration>,
}

impl<'a> CallRequest<'a> {
    /// A call of `tool` with `arguments` by `caller`.
    pub fn new(caller: Caller<'a>, tool: &'a str, arguments: impl Into<Arguments<'a>>) -> Self {
        Self {
            caller,
            tool,
            arguments: arguments.into(),
            request_id: None,
            cancel: None,
            timeout: None,
        }
    }

    /// Uses this request id.
    #[must_use]
    pub fn with_request_id(mut self, id: RequestId) -> Self {
        self.request_id = Some(id);
        self
    }

    /// Ties the call to the transport's cancellation.
    #[must_use]
    pub fn with_cancellation(mut self, cancel: CancellationToken) -> Self {
        self.cancel = Some(cancel);
        self
    }

    /// Overrides the pipeline's default timeout.
    #[must_use]
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }
}

/// The result of one call.
#[derive(Debug, Clone)]
pub struct CallResponse {
    /// The request id (also in the audit event).
    pub request_id: RequestId,
    /// The projected output, or the error.
    pub result: Result<Value, ToolError>,
    /// Whether the output was cut to fit the size cap.
    pub truncated: bool,
}

struct PipelineInner {
    authenticator: Arc<dyn Authenticator>,
    workspaces: Arc<dyn WorkspaceSource>,
    limiter: Arc<dyn RateLimiter>,
    credentials: Arc<dyn CredentialProvider>,
    audit: Arc<dyn AuditSink>,
    meter: Option<Arc<dyn UsageMeter>>,
    confirmer: Option<Arc<dyn Confirmer>>,
    idempotency: Arc<dyn IdempotencyStore>,
    limits: Limits,
    max_output_bytes: usize,
    timeout: Duration,
}

/// The security pipeline. Cheap to clone (an `Arc` inside).
///
/// ```
/// # tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap().block_on(async {
/// use std::sync::Arc;
/// use shopmcp_core::*;
/// let tokens = Arc::new(TokenFile::open(std::env::temp_dir().join(format!("doc-{}.json", WorkspaceId::random()))).unwrap());
/// let workspaces = Arc::new(WorkspaceRegistry::new());
/// let pipeline = Pipeline::builder(tokens, workspaces, Arc::new(StaticCredentials::new()))
///     .audit(Arc::new(MemoryAudit::new()))
///     .build();
/// let bad = secret::SecretString::from("not-a-token");
/// let res = pipeline.call(CallRequest::new(Caller::Bearer(&bad), "shopify_orders_list", "{}")).await;
/// assert_eq!(res.result.unwrap_err().kind(), ErrorKind::Unauthenticated);
/// # });
/// ```
#[derive(Clone)]
pub struct Pipeline {
    inner: Arc<PipelineInner>,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pipeline")
            .field("authenticator", &self.inner.authenticator)
            .field("limiter", &self.inner.limiter)
            .field("audit", &self.inner.audit)
            .field("confirmer", &self.inner.confirmer.is_some())
            .finish_non_exhaustive()
    }
}

/// Builder for [`Pipeline`].
#[derive(Debug)]
pub struct PipelineBuilder {
    authenticator: Arc<dyn Authenticator>,
    workspaces: Arc<dyn WorkspaceSource>,
    credentials: Arc<dyn CredentialProvider>,
    limiter: Option<Arc<dyn RateLimiter>>,
    audit: Option<Arc<dyn AuditSink>>,
    meter: Option<Arc<dyn UsageMeter>>,
    confirmer: Option<Arc<dyn Confirmer>>,
    idempotency: Option<Arc<dyn IdempotencyStore>>,
    limits: Limits,
    max_output_bytes: usize,
    timeout: Duration,
}

impl PipelineBuilder {
    /// The rate limiter (default: [`LocalRateLimiter`]).
    #[must_use]
    pub fn rate_limiter(mut self, limiter: Arc<dyn RateLimiter>) -> Self {
        self.limiter = Some(limiter);
        self
    }
    /// The audit sink (default: [`TracingAudit`]).
    #[must_use]
    pub fn audit(mut self, audit: Arc<dyn AuditSink>) -> Self {
        self.audit = Some(audit);
        self
    }
    /// A usage meter (billing hook).
    #[must_use]
    pub fn meter(mut self, meter: Arc<dyn UsageMeter>) -> Self {
        self.meter = Some(meter);
        self
    }
    /// The confirmation hook for W3 tools (without one, W3 tools are refused).
    #[must_use]
    pub fn confirmer(mut self, confirmer: Arc<dyn Confirmer>) -> Self {
        self.confirmer = Some(confirmer);
        self
    }
    /// The idempotency store (default: in memory, 24 h).
    #[must_use]
    pub fn idempotency(mut self, store: Arc<dyn IdempotencyStore>) -> Self {
        self.idempotency = Some(store);
        self
    }
    /// Argument caps.
    #[must_use]
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }
    /// The output size cap in bytes (default 64 KiB).
    #[must_use]
    pub fn max_output_bytes(mut self, bytes: usize) -> Self {
        self.max_output_bytes = bytes.max(1024);
        self
    }
    /// The default deadline of a call, retries included (default 30 s).
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }
    /// Builds the pipeline.
    pub fn build(self) -> Pipeline {
        Pipeline {
            inner: Arc::new(PipelineInner {
                authenticator: self.authenticator,
                workspaces: self.workspaces,
                credentials: self.credentials,
                limiter: self
                    .limiter
                    .unwrap_or_else(|| Arc::new(LocalRateLimiter::default())),
                audit: self.audit.unwrap_or_else(|| Arc::new(TracingAudit)),
                meter: self.meter,
                confirmer: self.confirmer,
                idempotency: self
                    .idempotency
                    .unwrap_or_else(|| Arc::new(MemoryIdempotency::default())),
                limits: self.limits,
                max_output_bytes: self.max_output_bytes,
                timeout: self.timeout,
            }),
        }
    }
}

/// What the audit event will say, filled in as the call moves through the stages.
struct Draft {
    workspace: Option<crate::WorkspaceId>,
    platform: Option<Platform>,
    access: Option<Access>,
    truncated: bool,
    limiter_fallback: bool,
}

impl Pipeline {
    /// Starts a pipeline with the three parts that have no sensible default.
    pub fn builder(
        authenticator: Arc<dyn Authenticator>,
        workspaces: Arc<dyn WorkspaceSource>,
        credentials: Arc<dyn CredentialProvider>,
    ) -> PipelineBuilder {
        PipelineBuilder {
            authenticator,
            workspaces,
            credentials,
            limiter: None,
            audit: None,
            meter: None,
            confirmer: None,
            idempotency: None,
            limits: Limits::default(),
            max_output_bytes: 64 * 1024,
            timeout: Duration::from_secs(30),
        }
    }

    /// Authenticates a bearer token (for transports: session set-up, `tools/list`).
    pub async fn authenticate(&self, token: &SecretString) -> Result<Identity, ToolError> {
        self.inner.authenticator.authenticate(token).await
    }

    /// The toolbox of an authenticated identity (for `tools/list`).
    pub async fn toolbox(&self, identity: &Identity) -> Result<Toolbox, ToolError> {
        self.workspace(identity).await.map(|w| w.toolbox.clone())
    }

    async fn workspace(&self, identity: &Identity) -> Result<Arc<Workspace>, ToolError> {
        self.inner
            .workspaces
            .workspace(identity.workspace)
            .await
            .ok_or_else(crate::auth::unauthenticated)
    }

    /// Runs one call through every stage and records exactly one audit event.
    pub async fn call(&self, req: CallRequest<'_>) -> CallResponse {
        let started = Instant::now();
        let request_id = req.request_id.unwrap_or_else(RequestId::random);
        let tool_name = UsageEvent::safe_tool_name(req.tool);
        let mut draft = Draft {
            workspace: None,
            platform: None,
            access: None,
            truncated: false,
            limiter_fallback: false,
        };
        let mut result = self.run(req, request_id, &mut draft).await;
        let event = UsageEvent {
            timestamp: SystemTime::now(),
            request_id,
            workspace: draft.workspace,
            tool: tool_name,
            platform: draft.platform,
            latency: started.elapsed(),
            outcome: match &result {
                Ok(_) if draft.limiter_fallback => Outcome::OkLimiterFallback,
                Ok(_) => Outcome::Ok,
                Err(e) => Outcome::Error(e.kind()),
            },
        };
        match self.inner.audit.record(&event).await {
            Ok(()) => {
                if let Some(m) = &self.inner.meter {
                    m.meter(&event);
                }
            }
            Err(e) => {
                tracing::error!(target: "shopmcp::audit", %request_id, error = %e, "audit event could not be recorded");
                if draft.access.is_some_and(Access::is_write) && result.is_ok() {
                    result = Err(ToolError::new(
                        ErrorKind::AuditUnavailable,
                        "the change was sent to the store, but the audit record could not be written; the result is withheld. Ask the operator to check the audit trail before retrying.",
                    ));
                }
            }
        }
        if let Err(e) = &result {
            tracing::debug!(target: "shopmcp::pipeline", %request_id, kind = %e.kind(), detail = %e.log_detail(), "tool call failed");
        }
        CallResponse {
            request_id,
            result,
            truncated: draft.truncated,
        }
    }

    async fn run(
        &self,
        req: CallRequest<'_>,
        request_id: RequestId,
        draft: &mut Draft,
    ) -> Result<Value, ToolError> {
        let inner = &*self.inner;
        // 1. Authenticate.
        let identity = match req.caller {
            Caller::Bearer(token) => inner.authenticator.authenticate(token).await?,
            Caller::Authenticated(identity) => identity,
        };
        draft.workspace = Some(identity.workspace);
        let workspace = self.workspace(&identity).await?;
        // 2. Find the tool in this workspace's toolbox.
        let tool: &Arc<dyn Tool> = workspace
            .toolbox
            .get(req.tool)
            .ok_or_else(|| unknown_tool(req.tool))?;
        let spec = tool.spec();
        draft.platform = Some(spec.platform());
        draft.access = Some(spec.access());
        // 3. Rate limit.
        let decision = inner
            .limiter
            .check(&RateRequest {
                workspace: identity.workspace,
                tool: spec.name(),
                access: spec.access(),
                plan: &workspace.plan,
                cost: 1,
            })
            .await;
        match decision {
            RateDecision::Allowed { path } => {
                draft.limiter_fallback = path == crate::ratelimit::LimiterPath::Fallback;
            }
            RateDecision::Limited { retry_after } => {
                return Err(ToolError::new(
                    ErrorKind::RateLimited,
                    "this workspace made too many calls; wait before calling again",
                )
                .with_retry_after(retry_after));
            }
            RateDecision::Unavailable => {
                return Err(ToolError::new(
                    ErrorKind::RateLimited,
                    "the rate limiter is unavailable, so this call was refused; try again shortly",
                ));
            }
        }
        // 4. Validate, before any I/O.
        let arguments = spec
            .validate(req.arguments, &inner.limits)
            .map_err(|v| ToolError::invalid(spec.name(), v))?;
        let mut ctx = CallContext::new(
            identity.workspace,
            identity.principal,
            req.timeout.unwrap_or(inner.timeout),
        )
        .with_request_id(request_id);
        if let Some(c) = req.cancel {
            ctx = ctx.with_cancellation(c);
        }
        // 5. W3: idempotency key, then human confirmation bound to the exact arguments.
        let idem_key = if spec.access() == Access::Write(RiskTier::W3) {
            let key = arguments
                .get(IDEMPOTENCY_KEY_FIELD)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            let digest = ArgumentsDigest::of(spec.name(), &arguments);
            match inner
                .idempotency
                .begin(identity.workspace, spec.name(), &key, digest)
                .await?
            {
                IdempotencyState::Replay(v) => return Ok(v),
                IdempotencyState::Conflict => return Err(idempotency_conflict()),
                IdempotencyState::New => {}
            }
            if let Err(e) = self.confirm(&ctx, tool.as_ref(), &arguments, digest).await {
                inner
                    .idempotency
                    .release(identity.workspace, spec.name(), &key)
                    .await;
                return Err(e);
            }
            Some(key)
        } else {
            None
        };
        let result = self.execute(&ctx, tool.as_ref(), arguments, draft).await;
        if let Some(key) = idem_key {
            match &result {
                Ok(v) => {
                    inner
                        .idempotency
                        .complete(identity.workspace, spec.name(), &key, v)
                        .await;
                }
                Err(_) => {
                    inner
                        .idempotency
                        .release(identity.workspace, spec.name(), &key)
                        .await;
                }
            }
        }
        result
    }

    async fn confirm(
        &self,
        ctx: &CallContext,
        tool: &dyn Tool,
        arguments: &Value,
        digest: ArgumentsDigest,
    ) -> Result<(), ToolError> {
        let spec = tool.spec();
        let Some(confirmer) = &self.inner.confirmer else {
            return Err(confirmation_required(spec.name()));
        };
        let answer = confirmer
            .confirm(&ConfirmationRequest {
                ctx,
                spec,
                arguments,
                digest,
            })
            .await;
        match answer {
            Confirmation::Approved(d) if d == digest => Ok(()),
            Confirmation::Approved(_) | Confirmation::Declined => Err(ToolError::new(
                ErrorKind::ConfirmationDeclined,
                format!(
                    "the human did not confirm {}; nothing was changed",
                    spec.name()
                ),
            )),
            Confirmation::Unavailable => Err(confirmation_required(spec.name())),
        }
    }

    async fn execute(
        &self,
        ctx: &CallContext,
        tool: &dyn Tool,
        arguments: Value,
        draft: &mut Draft,
    ) -> Result<Value, ToolError> {
        let inner = &*self.inner;
        let spec = tool.spec();
        // 6. Writes fail closed while the audit trail is down.
        if spec.access().is_write() {
            inner.audit.ready().await.map_err(|_| {
                ToolError::new(
                    ErrorKind::AuditUnavailable,
                    "writes are paused because the audit trail is unavailable; nothing was changed",
                )
            })?;
        }
        // 7. Credentials, for this call only.
        let credential = match spec.credential() {
            Some(slot) => Some(inner.credentials.credential(ctx.workspace(), slot).await?),
            None => None,
        };
        // 8. Handler, under the deadline and the caller's cancellation.
        let used = credential.clone();
        let call = ToolCall {
            ctx,
            arguments,
            credential,
        };
        let output = tokio::select! {
            r = tokio::time::timeout_at(ctx.deadline(), tool.call(call)) => match r {
                Ok(r) => r.map_err(|e| without_secrets(e, used.as_deref()))?,
                Err(_) => return Err(ToolError::new(ErrorKind::Timeout, format!("{} did not finish in time", spec.name()))),
            },
            () = ctx.cancellation().cancelled() => {
                return Err(ToolError::new(ErrorKind::Cancelled, "the call was cancelled"));
            }
        };
        // 9. Project onto the declared output, then cap the size.
        let value = output.into_value();
        if !value.is_object() {
            return Err(ToolError::internal(format!(
                "{} returned a non-object",
                spec.name()
            )));
        }
        let mut value = output::project(spec.output_node(), value);
        draft.truncated = output::cap(&mut value, inner.max_output_bytes);
        Ok(value)
    }
}

/// `e` with every field value of the call's credential taken out of its texts.
fn without_secrets(mut e: ToolError, credential: Option<&crate::CredentialSet>) -> ToolError {
    if let Some(credential) = credential {
        for name in credential.field_names() {
            if let Some(value) = credential.expose(name) {
                e.redact_secret(value);
            }
        }
    }
    e
}

fn unknown_tool(name: &str) -> ToolError {
    let mut shown = String::new();
    crate::validate::push_sanitized(&mut shown, name);
    ToolError::new(ErrorKind::UnknownTool, format!("unknown tool: {shown}"))
}

fn confirmation_required(tool: &str) -> ToolError {
    ToolError::new(
        ErrorKind::ConfirmationRequired,
        format!(
            "{tool} changes money, notifies customers or cannot be undone, so it needs a human confirmation, and this host cannot ask for one. Nothing was changed. Use a client that supports confirmation prompts, or ask the operator to enable one."
        ),
    )
}
