//! The subcommands.

pub mod connect;
pub mod serve;
pub mod token;
pub mod usage;

use crate::config::{Config, WorkspaceConfig};

/// A command failure, printed as one line.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct CommandError(pub String);

impl CommandError {
    /// From anything printable.
    pub fn from_display(e: impl std::fmt::Display) -> Self {
        Self(e.to_string())
    }
}

/// The workspace named on the command line, or a helpful error.
pub fn find_workspace<'c>(
    config: &'c Config,
    wanted: &str,
) -> Result<&'c WorkspaceConfig, CommandError> {
    config.workspace(wanted).ok_or_else(|| {
        let known: Vec<_> = config.workspaces.iter().map(|w| w.name.as_str()).collect();
        CommandError(format!(
            "no workspace `{wanted}` in the configuration; known: {}",
            known.join(", ")
        ))
    })
}

/// Creates the data directory (mode 0700) if needed.
pub fn ensure_data_dir(config: &Config) -> Result<(), CommandError> {
    let dir = config.paths().data_dir;
    std::fs::create_dir_all(&dir)
        .map_err(|e| CommandError(format!("cannot create {}: {e}", dir.display())))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700))
            .map_err(|e| CommandError(format!("cannot restrict {}: {e}", dir.display())))?;
    }
    Ok(())
}
