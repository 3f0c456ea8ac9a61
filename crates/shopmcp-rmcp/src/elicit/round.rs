//! One `tools/call` as the confirmer sees it: how to reach the human for this call.

use std::sync::{Arc, Mutex, PoisonError};

use rmcp::model::{InputRequiredResult, InputResponses, ProtocolVersion};
use rmcp::service::RequestContext;
use rmcp::{Peer, RoleServer};
use shopmcp_core::RequestId;

use super::Registry;

/// The ways a confirmation can reach the human during one call.
pub(crate) struct Round {
    /// The session's peer, for a server-to-client request (protocols before 2026-07-28).
    pub(super) peer: Peer<RoleServer>,
    /// The call uses the 2026-07-28 stateless lifecycle: ask through `InputRequiredResult`.
    pub(super) stateless: bool,
    /// The client declared form elicitation.
    pub(super) can_elicit: bool,
    /// Answers carried by a retried call (stateless).
    pub(super) input_responses: Option<InputResponses>,
    /// The state echoed by a retried call (stateless).
    pub(super) request_state: Option<String>,
    /// What to send back when the confirmer needs the client's input first.
    pub(super) pending: Mutex<Option<InputRequiredResult>>,
}

impl Round {
    /// The round of the call in `ctx`.
    pub(crate) fn new(
        ctx: &RequestContext<RoleServer>,
        input_responses: Option<InputResponses>,
        request_state: Option<String>,
    ) -> Self {
        let stateless = ctx
            .protocol_version()
            .is_some_and(|v| v.as_str() >= ProtocolVersion::V_2026_07_28.as_str());
        let declared = ctx
            .client_capabilities()
            .and_then(|c| c.elicitation)
            .is_some_and(|e| e.form.is_some() || e.url.is_none());
        let can_elicit = declared && (stateless || can_reach_client(ctx));
        Self {
            peer: ctx.peer.clone(),
            stateless,
            can_elicit,
            input_responses,
            request_state,
            pending: Mutex::new(None),
        }
    }
}

/// Whether a server-to-client request can reach the client before 2026-07-28: always on
/// stdio; over HTTP only inside a session (a stateless request has nowhere to receive the
/// client's answer).
fn can_reach_client(ctx: &RequestContext<RoleServer>) -> bool {
    #[cfg(feature = "http")]
    if let Some(parts) = ctx.extensions.get::<http::request::Parts>() {
        return parts.headers.contains_key("mcp-session-id");
    }
    let _ = ctx;
    true
}

/// Keeps a round registered for the duration of one call.
pub(crate) struct RoundGuard {
    pub(super) registry: Arc<Registry>,
    pub(super) id: RequestId,
    pub(super) round: Arc<Round>,
}

impl RoundGuard {
    /// The input request the confirmer left for the client, if it needs one.
    pub(crate) fn input_required(&self) -> Option<InputRequiredResult> {
        self.round
            .pending
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }
}

impl Drop for RoundGuard {
    fn drop(&mut self) {
        self.registry.remove(self.id);
    }
}
