//! Workspaces: each has its own toolbox and plan.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, PoisonError, RwLock};

use async_trait::async_trait;

use crate::{Plan, Toolbox, WorkspaceId};

/// One workspace as the pipeline sees it.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// Its id.
    pub id: WorkspaceId,
    /// The tools it can see.
    pub toolbox: Toolbox,
    /// Its rate plan.
    pub plan: Arc<Plan>,
}

/// Finds a workspace by id.
#[async_trait]
pub trait WorkspaceSource: Send + Sync + fmt::Debug {
    /// The workspace, if it exists.
    async fn workspace(&self, id: WorkspaceId) -> Option<Arc<Workspace>>;
}

/// Workspaces held in memory; can be changed while serving (opt-ins, new tenants).
#[derive(Debug, Default)]
pub struct WorkspaceRegistry {
    map: RwLock<HashMap<WorkspaceId, Arc<Workspace>>>,
}

impl WorkspaceRegistry {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds or replaces a workspace (e.g. after it opted into writes).
    pub fn insert(&self, workspace: Workspace) {
        self.map
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(workspace.id, Arc::new(workspace));
    }

    /// Removes a workspace.
    pub fn remove(&self, id: WorkspaceId) -> Option<Arc<Workspace>> {
        self.map
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&id)
    }

    /// Number of workspaces.
    pub fn len(&self) -> usize {
        self.map
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The workspace, synchronously.
    pub fn get(&self, id: WorkspaceId) -> Option<Arc<Workspace>> {
        self.map
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&id)
            .cloned()
    }
}

#[async_trait]
impl WorkspaceSource for WorkspaceRegistry {
    async fn workspace(&self, id: WorkspaceId) -> Option<Arc<Workspace>> {
        self.get(id)
    }
}
