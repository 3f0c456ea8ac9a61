//! W3 confirmation through MCP elicitation: see [`ElicitationConfirmer`].

mod message;
mod round;
mod state;

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use async_trait::async_trait;
use rmcp::model::{ElicitRequest, ElicitResult, InputRequest, InputRequests, InputRequiredResult};
use rmcp::service::ServiceError;
use shopmcp_core::{Confirmation, ConfirmationRequest, Confirmer, RequestId};

pub(crate) use round::{Round, RoundGuard};
use state::StateKey;

/// The key under which the confirmation form travels in `inputRequests`/`inputResponses`.
const INPUT_KEY: &str = "shopmcp_confirm";

#[derive(Default)]
pub(crate) struct Registry {
    rounds: Mutex<HashMap<RequestId, Arc<Round>>>,
}

impl Registry {
    fn get(&self, id: RequestId) -> Option<Arc<Round>> {
        self.rounds
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&id)
            .cloned()
    }

    fn remove(&self, id: RequestId) {
        self.rounds
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&id);
    }
}

/// Asks the MCP client's human to confirm W3 calls.
///
/// A [`Confirmer`] that asks the connected MCP client to show the
/// human the exact tool and arguments, and approves exactly the call's
/// [`ArgumentsDigest`](shopmcp_core::ArgumentsDigest):
///
/// - protocols before 2026-07-28 (stdio, HTTP sessions): an `elicitation/create` request on
///   the session, answered while the call waits;
/// - 2026-07-28 (stateless): the call answers with an `InputRequiredResult` carrying the same
///   form and a sealed `requestState`; the client retries the call with the human's answer.
///   That first leg is recorded in the audit trail as `confirmation_required`.
///
/// A client that did not declare the elicitation capability gets
/// [`Confirmation::Unavailable`], and the pipeline refuses the call with a message telling
/// the human what to enable.
///
/// Install the same value in the pipeline and in the server:
///
/// ```
/// use std::sync::Arc;
/// use shopmcp_core::{Pipeline, StaticCredentials, TokenFile, WorkspaceRegistry};
/// use shopmcp_rmcp::{ElicitationConfirmer, McpServer};
///
/// let confirmer = ElicitationConfirmer::new().expect("system random generator");
/// # let tokens = Arc::new(TokenFile::open(std::env::temp_dir().join("elicit-doc-tokens.json")).unwrap());
/// let pipeline = Pipeline::builder(tokens, Arc::new(WorkspaceRegistry::new()), Arc::new(StaticCredentials::new()))
///     .confirmer(Arc::new(confirmer.clone()))
///     .build();
/// let server = McpServer::builder(pipeline).elicitation(confirmer).build();
/// # let _ = server;
/// ```
#[derive(Clone)]
pub struct ElicitationConfirmer {
    registry: Arc<Registry>,
    key: Arc<StateKey>,
    timeout: Duration,
    state_ttl: Duration,
}

impl fmt::Debug for ElicitationConfirmer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ElicitationConfirmer")
            .field("timeout", &self.timeout)
            .field("state_ttl", &self.state_ttl)
            .finish_non_exhaustive()
    }
}

/// The system random generator failed while creating a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the system random generator failed")]
pub struct RandomUnavailable;

impl ElicitationConfirmer {
    /// A confirmer with a fresh random key for sealing stateless request states (states
    /// then verify only in this process; see [`Self::with_state_key`]). Prompts wait up to
    /// five minutes; stateless rounds stay valid for ten.
    pub fn new() -> Result<Self, RandomUnavailable> {
        Ok(Self {
            registry: Arc::default(),
            key: Arc::new(StateKey::random().ok_or(RandomUnavailable)?),
            timeout: Duration::from_secs(300),
            state_ttl: Duration::from_secs(600),
        })
    }

    /// Uses `key` (at least 32 random bytes, the same on every instance of a deployment) to
    /// seal stateless request states, so a retry may reach another instance.
    #[must_use]
    pub fn with_state_key(mut self, key: &[u8]) -> Self {
        self.key = Arc::new(StateKey::from_bytes(key));
        self
    }

    /// How long a session prompt may wait for the human (default 5 minutes).
    #[must_use]
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// How long a stateless round's request state stays valid (default 10 minutes).
    #[must_use]
    pub fn with_state_ttl(mut self, ttl: Duration) -> Self {
        self.state_ttl = ttl;
        self
    }

    pub(crate) fn enter(&self, id: RequestId, round: Round) -> RoundGuard {
        let round = Arc::new(round);
        self.registry
            .rounds
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(id, round.clone());
        RoundGuard {
            registry: self.registry.clone(),
            id,
            round,
        }
    }

    async fn ask_session(&self, round: &Round, req: &ConfirmationRequest<'_>) -> Confirmation {
        let Some(params) = message::params(req) else {
            return Confirmation::Unavailable;
        };
        let asked = round
            .peer
            .create_elicitation_with_timeout(params, Some(self.timeout));
        let answer = tokio::select! {
            a = asked => a,
            () = req.ctx.cancellation().cancelled() => return Confirmation::Declined,
        };
        match answer {
            Ok(result) if message::approves(&result) => Confirmation::Approved(req.digest),
            Ok(_) | Err(ServiceError::Timeout { .. }) => Confirmation::Declined,
            Err(e) => {
                tracing::debug!(target: "shopmcp::rmcp", error = %e, "elicitation failed");
                Confirmation::Unavailable
            }
        }
    }

    fn answer_stateless(&self, round: &Round, req: &ConfirmationRequest<'_>) -> Confirmation {
        let answered = round
            .request_state
            .as_deref()
            .filter(|s| self.key.opens(s, req.digest, req.ctx))
            .and_then(|_| round.input_responses.as_ref()?.get(INPUT_KEY))
            .and_then(|v| serde_json::from_value::<ElicitResult>(v.clone()).ok());
        if let Some(result) = answered {
            return if message::approves(&result) {
                Confirmation::Approved(req.digest)
            } else {
                Confirmation::Declined
            };
        }
        let Some(params) = message::params(req) else {
            return Confirmation::Unavailable;
        };
        let mut requests = InputRequests::new();
        requests.insert(
            INPUT_KEY.to_owned(),
            InputRequest::Elicitation(ElicitRequest::new(params)),
        );
        let state = self.key.seal(req.digest, req.ctx, self.state_ttl);
        *round.pending.lock().unwrap_or_else(PoisonError::into_inner) =
            Some(InputRequiredResult::new(Some(requests), Some(state)));
        Confirmation::Unavailable
    }
}

#[async_trait]
impl Confirmer for ElicitationConfirmer {
    async fn confirm(&self, request: &ConfirmationRequest<'_>) -> Confirmation {
        let Some(round) = self.registry.get(request.ctx.request_id()) else {
            return Confirmation::Unavailable;
        };
        if !round.can_elicit {
            return Confirmation::Unavailable;
        }
        if round.stateless {
            self.answer_stateless(&round, request)
        } else {
            self.ask_session(&round, request).await
        }
    }
}
