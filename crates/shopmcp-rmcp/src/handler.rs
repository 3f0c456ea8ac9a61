//! The rmcp [`ServerHandler`]: `tools/list` and `tools/call` over the core pipeline.
//!
//! One handler value serves one MCP session (stdio: the whole connection; HTTP: one
//! `Mcp-Session-Id`, or one request in stateless mode). It holds no per-call state.

use std::sync::{Arc, OnceLock};

use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock,
    ListPromptsRequestMethod, ListPromptsResult, ListResourceTemplatesRequestMethod,
    ListResourceTemplatesResult, ListResourcesRequestMethod, ListResourcesResult, ListToolsResult,
    PaginatedRequestParams, ServerConfig,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData, RoleServer, ServerHandler};
use serde_json::Value;
use shopmcp_core::{Arguments, CallRequest, Caller, ErrorKind, Identity, RequestId, ToolError};

use crate::elicit::Round;
use crate::scope;
use crate::server::Shared;
use crate::tools;

/// An identity the HTTP layer authenticated, carried in the request's extensions.
#[derive(Clone, Debug)]
pub(crate) struct Authenticated {
    pub(crate) identity: Identity,
    /// Whether the identity came from an OAuth token, whose scopes are then enforced.
    pub(crate) scoped: bool,
}

/// Where a handler finds the caller of each request.
#[derive(Clone, Debug)]
pub(crate) enum Source {
    /// Fixed by the embedder (stdio).
    Fixed(Identity),
    /// Put into each HTTP request by the authentication layer.
    #[cfg(feature = "http")]
    Http,
}

#[derive(Clone)]
pub(crate) struct Handler {
    shared: Arc<Shared>,
    source: Source,
    /// The caller that opened this session; every later request must be the same caller.
    bound: Arc<OnceLock<(shopmcp_core::WorkspaceId, String)>>,
}

impl Handler {
    pub(crate) fn new(shared: Arc<Shared>, source: Source) -> Self {
        Self {
            shared,
            source,
            bound: Arc::new(OnceLock::new()),
        }
    }

    fn caller(&self, ctx: &RequestContext<RoleServer>) -> Result<Authenticated, ErrorData> {
        #[cfg(not(feature = "http"))]
        let _ = ctx;
        let caller = match &self.source {
            Source::Fixed(identity) => Authenticated {
                identity: identity.clone(),
                scoped: false,
            },
            #[cfg(feature = "http")]
            Source::Http => ctx
                .extensions
                .get::<http::request::Parts>()
                .and_then(|p| p.extensions.get::<Authenticated>().cloned())
                .ok_or_else(|| {
                    ErrorData::invalid_request(
                        "authentication required: send a valid bearer token",
                        None,
                    )
                })?,
        };
        let key = (
            caller.identity.workspace,
            caller.identity.principal.subject().to_owned(),
        );
        if *self.bound.get_or_init(|| key.clone()) != key {
            tracing::debug!(target: "shopmcp::rmcp", "session used by another principal; refused");
            return Err(ErrorData::invalid_request(
                "this session belongs to another principal",
                None,
            ));
        }
        Ok(caller)
    }
}

impl ServerHandler for Handler {
    fn get_info(&self) -> ServerConfig {
        self.shared.info.clone()
    }

    async fn list_prompts(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListPromptsResult, ErrorData> {
        Err(ErrorData::method_not_found::<ListPromptsRequestMethod>())
    }

    async fn list_resources(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourcesResult, ErrorData> {
        Err(ErrorData::method_not_found::<ListResourcesRequestMethod>())
    }

    async fn list_resource_templates(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourceTemplatesResult, ErrorData> {
        Err(ErrorData::method_not_found::<
            ListResourceTemplatesRequestMethod,
        >())
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        let caller = self.caller(&context)?;
        let toolbox = self
            .shared
            .pipeline
            .toolbox(&caller.identity)
            .await
            .map_err(|e| ErrorData::invalid_request(e.model_message(), None))?;
        tracing::debug!(target: "shopmcp::rmcp", workspace = %caller.identity.workspace, tools = toolbox.len(), "tools/list");
        // Per-workspace list: no cache hints here, so rmcp marks it private for new peers.
        Ok(ListToolsResult::with_all_items(tools::definitions(
            &toolbox,
        )))
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let caller = self.caller(&context)?;
        if caller.scoped
            && let Some(e) = self.missing_scope(&caller.identity, &request.name).await
        {
            return Ok(CallToolResult::error(vec![ContentBlock::text(e.model_message())]).into());
        }
        let request_id = RequestId::random();
        tracing::debug!(target: "shopmcp::rmcp", %request_id, workspace = %caller.identity.workspace, "tools/call");
        let round = self.shared.elicitation.as_ref().map(|e| {
            e.enter(
                request_id,
                Round::new(
                    &context,
                    request.input_responses.clone(),
                    request.request_state.clone(),
                ),
            )
        });
        let arguments = Value::Object(request.arguments.unwrap_or_default());
        let mut call = CallRequest::new(
            Caller::Authenticated(caller.identity),
            &request.name,
            Arguments::Value(arguments),
        )
        .with_request_id(request_id)
        .with_cancellation(context.ct.clone());
        if let Some(timeout) = self.shared.timeout {
            call = call.with_timeout(timeout);
        }
        // Boxed: rmcp moves the handler's future into a task; a pointer is cheaper to move
        // than the whole pipeline state machine.
        let response = Box::pin(self.shared.pipeline.call(call)).await;
        if let Some(input) = round.and_then(|r| r.input_required())
            && matches!(&response.result, Err(e) if e.kind() == ErrorKind::ConfirmationRequired)
        {
            return Ok(CallToolResponse::InputRequired(input));
        }
        tools::answer(response.result).map(Into::into)
    }
}

impl Handler {
    /// The scope error when an OAuth principal lacks the scope `tool` needs. Unknown tools
    /// pass through, so that they are answered exactly like any other unknown tool.
    async fn missing_scope(&self, identity: &Identity, tool: &str) -> Option<ToolError> {
        let toolbox = self.shared.pipeline.toolbox(identity).await.ok()?;
        let access = toolbox.get(tool)?.spec().access();
        let needed = scope::required(access);
        (!identity.principal.has_scope(needed)).then(|| {
            ToolError::new(
                ErrorKind::Forbidden,
                format!("this token lacks the `{needed}` scope that {tool} needs"),
            )
        })
    }
}
