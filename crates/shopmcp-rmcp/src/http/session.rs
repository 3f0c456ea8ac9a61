//! Binds each `Mcp-Session-Id` to the principal that opened it.
//!
//! rmcp does not tie a session to whoever authenticated its `initialize`; without this, a
//! session id seen by someone else could be used with their own (valid) token for another
//! workspace. A request naming a session that is not bound to its caller is answered
//! exactly like a request naming a session that does not exist (404).

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use shopmcp_core::{Identity, WorkspaceId};
use tokio::time::Instant;

type Owner = (WorkspaceId, String);

struct Binding {
    owner: Owner,
    last_seen: Instant,
}

/// The owner of every live session. Entries idle longer than the session idle timeout are
/// dropped (rmcp closes such sessions too); the map never holds more than `max` entries.
pub(crate) struct SessionBindings {
    map: Mutex<HashMap<String, Binding>>,
    idle: Duration,
    max: usize,
}

fn owner(identity: &Identity) -> Owner {
    (identity.workspace, identity.principal.subject().to_owned())
}

impl SessionBindings {
    pub(crate) fn new(idle: Duration, max: usize) -> Self {
        Self {
            map: Mutex::new(HashMap::new()),
            idle,
            max: max.max(1),
        }
    }

    /// Whether `identity` may use session `id` (and marks it used).
    pub(crate) fn allows(&self, id: &str, identity: &Identity) -> bool {
        let mut map = self.map.lock().unwrap_or_else(PoisonError::into_inner);
        match map.get_mut(id) {
            Some(b) if b.owner == owner(identity) && b.last_seen.elapsed() <= self.idle => {
                b.last_seen = Instant::now();
                true
            }
            _ => false,
        }
    }

    /// Records that `identity` opened session `id`.
    pub(crate) fn bind(&self, id: &str, identity: &Identity) {
        let mut map = self.map.lock().unwrap_or_else(PoisonError::into_inner);
        let idle = self.idle;
        map.retain(|_, b| b.last_seen.elapsed() <= idle);
        while map.len() >= self.max {
            let oldest = map
                .iter()
                .min_by_key(|(_, b)| b.last_seen)
                .map(|(k, _)| k.clone());
            match oldest {
                Some(k) => map.remove(&k),
                None => break,
            };
        }
        map.insert(
            id.to_owned(),
            Binding {
                owner: owner(identity),
                last_seen: Instant::now(),
            },
        );
    }

    /// Forgets session `id` (closed by the client, or unknown to rmcp).
    pub(crate) fn forget(&self, id: &str) {
        self.map
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shopmcp_core::Principal;

    fn who(ws: WorkspaceId, s: &str) -> Identity {
        Identity {
            workspace: ws,
            principal: Principal::new(s),
        }
    }

    #[tokio::test]
    async fn only_the_opener_may_use_a_session() {
        let b = SessionBindings::new(Duration::from_secs(60), 10);
        let (a, c) = (WorkspaceId::random(), WorkspaceId::random());
        b.bind("s1", &who(a, "p"));
        assert!(b.allows("s1", &who(a, "p")));
        assert!(!b.allows("s1", &who(c, "p")));
        assert!(!b.allows("s1", &who(a, "q")));
        assert!(!b.allows("s2", &who(a, "p")));
        b.forget("s1");
        assert!(!b.allows("s1", &who(a, "p")));
    }

    #[tokio::test]
    async fn the_map_is_bounded() {
        let b = SessionBindings::new(Duration::from_secs(60), 2);
        let a = WorkspaceId::random();
        for id in ["s1", "s2", "s3"] {
            b.bind(id, &who(a, "p"));
        }
        let live = ["s1", "s2", "s3"]
            .iter()
            .filter(|id| b.allows(id, &who(a, "p")))
            .count();
        assert_eq!(live, 2);
    }
}
