//! [`CallContext`]: everything one call knows about who and when, passed explicitly.

use std::time::Duration;

use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

use crate::{Principal, RequestId, WorkspaceId};

/// The context of one tool call, passed by reference to every stage and handler.
///
/// There is no ambient state: no credentials in statics, no task-locals (a task-local is
/// invisible inside `tokio::spawn`). Credentials reach a handler only through
/// [`ToolCall`](crate::ToolCall), for the duration of the call.
#[derive(Clone, Debug)]
pub struct CallContext {
    request_id: RequestId,
    workspace: WorkspaceId,
    principal: Principal,
    deadline: Instant,
    cancel: CancellationToken,
}

impl CallContext {
    /// A context for `workspace` / `principal`, due within `timeout` from now.
    pub fn new(workspace: WorkspaceId, principal: Principal, timeout: Duration) -> Self {
        Self {
            request_id: RequestId::random(),
            workspace,
            principal,
            deadline: Instant::now() + timeout,
            cancel: CancellationToken::new(),
        }
    }

    /// Uses the given request id instead of a random one.
    #[must_use]
    pub fn with_request_id(mut self, id: RequestId) -> Self {
        self.request_id = id;
        self
    }

    /// Ties this call to a cancellation token owned by the transport.
    #[must_use]
    pub fn with_cancellation(mut self, cancel: CancellationToken) -> Self {
        self.cancel = cancel;
        self
    }

    /// The request id.
    pub fn request_id(&self) -> RequestId {
        self.request_id
    }

    /// The workspace this call acts for.
    pub fn workspace(&self) -> WorkspaceId {
        self.workspace
    }

    /// The authenticated caller.
    pub fn principal(&self) -> &Principal {
        &self.principal
    }

    /// When the whole call (retries included) must be finished.
    pub fn deadline(&self) -> Instant {
        self.deadline
    }

    /// Time left before the deadline (zero when passed).
    pub fn remaining(&self) -> Duration {
        self.deadline.saturating_duration_since(Instant::now())
    }

    /// The cancellation token; handlers pass it on to long waits.
    pub fn cancellation(&self) -> &CancellationToken {
        &self.cancel
    }

    /// Whether the call was cancelled.
    pub fn is_cancelled(&self) -> bool {
        self.cancel.is_cancelled()
    }
}
