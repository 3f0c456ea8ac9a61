//! Private files: created with mode 0600, refused when others can read them, replaced
//! atomically (temporary file, fsync, rename, fsync of the directory).
//!
//! Used for token files, audit files, vaults and master keys.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Why a private file was refused.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PrivateFileError {
    /// Group or others may read or write the file.
    #[error("{path} is accessible by group or others (mode {mode:o}); run: chmod 600 {path}")]
    TooOpen {
        /// The file.
        path: String,
        /// Its permission bits.
        mode: u32,
    },
    /// An I/O error.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        #[source]
        source: io::Error,
    },
}

fn io_err(path: &Path, source: io::Error) -> PrivateFileError {
    PrivateFileError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Checks that only the owner can access `path` (on Unix: no group/other bits).
pub fn check_private(path: &Path) -> Result<(), PrivateFileError> {
    let meta = fs::metadata(path).map_err(|e| io_err(path, e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(PrivateFileError::TooOpen {
                path: path.display().to_string(),
                mode,
            });
        }
    }
    #[cfg(not(unix))]
    let _ = meta;
    Ok(())
}

/// Reads a private file, refusing it when group or others can access it.
/// Returns `Ok(None)` when the file does not exist.
pub fn read_private(path: &Path) -> Result<Option<Vec<u8>>, PrivateFileError> {
    match fs::metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_err(path, e)),
        Ok(_) => {}
    }
    check_private(path)?;
    fs::read(path).map(Some).map_err(|e| io_err(path, e))
}

/// Opens a file for writing with mode 0600 (new files) and the given options.
pub fn open_private(path: &Path, options: &mut OpenOptions) -> Result<File, PrivateFileError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(path).map_err(|e| io_err(path, e))?;
    check_private(path)?;
    Ok(file)
}

/// The temporary file [`write_private_atomic`] writes before renaming it over `path`.
pub fn temp_path_for(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".tmp");
    path.with_file_name(name)
}

/// Replaces `path` with `bytes` atomically: a crash at any point leaves either the old
/// content or the new one, never a mix.
///
/// Steps: write `path.tmp` (mode 0600), fsync it, rename over `path`, fsync the directory.
pub fn write_private_atomic(path: &Path, bytes: &[u8]) -> Result<(), PrivateFileError> {
    let tmp = temp_path_for(path);
    let mut file = open_private(
        &tmp,
        OpenOptions::new().write(true).create(true).truncate(true),
    )?;
    file.write_all(bytes).map_err(|e| io_err(&tmp, e))?;
    file.sync_all().map_err(|e| io_err(&tmp, e))?;
    drop(file);
    fs::rename(&tmp, path).map_err(|e| io_err(path, e))?;
    sync_parent(path)
}

fn sync_parent(path: &Path) -> Result<(), PrivateFileError> {
    #[cfg(unix)]
    {
        let parent = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        File::open(parent)
            .and_then(|d| d.sync_all())
            .map_err(|e| io_err(parent, e))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_creates_0600_and_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.json");
        write_private_atomic(&path, b"one").unwrap();
        write_private_atomic(&path, b"two").unwrap();
        assert_eq!(read_private(&path).unwrap().unwrap(), b"two");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        assert!(!temp_path_for(&path).exists());
    }

    #[test]
    fn crash_before_rename_keeps_old_content() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.json");
        write_private_atomic(&path, b"old").unwrap();
        // A crash after writing the temporary file but before the rename.
        fs::write(temp_path_for(&path), b"half-written new").unwrap();
        assert_eq!(read_private(&path).unwrap().unwrap(), b"old");
    }

    #[cfg(unix)]
    #[test]
    fn group_readable_file_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("open");
        fs::write(&path, b"x").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        let err = read_private(&path).unwrap_err();
        assert!(
            matches!(err, PrivateFileError::TooOpen { mode: 0o640, .. }),
            "{err}"
        );
        assert!(err.to_string().contains("chmod 600"));
    }

    #[test]
    fn missing_file_reads_as_none() {
        let dir = tempfile::tempdir().unwrap();
        assert!(read_private(&dir.path().join("nope")).unwrap().is_none());
    }
}
