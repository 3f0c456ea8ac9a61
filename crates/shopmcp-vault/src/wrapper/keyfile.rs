//! The master key file: 32 raw random bytes, mode 0600, created once without clobbering.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use shopmcp_core::fs::{open_private, read_private};
use zeroize::Zeroizing;

use super::WrapError;
use crate::{KEY_LEN, KeyBytes};

fn key_file_error(detail: impl std::fmt::Display) -> WrapError {
    WrapError::KeyFile {
        detail: detail.to_string(),
    }
}

/// Reads the key at `path`; `Ok(None)` when there is no file. Refuses files that group or
/// others can access and files that are not exactly 32 bytes.
pub(super) fn load(path: &Path) -> Result<Option<KeyBytes>, WrapError> {
    let Some(bytes) = read_private(path).map_err(key_file_error)? else {
        return Ok(None);
    };
    let bytes = Zeroizing::new(bytes);
    KeyBytes::from_slice(&bytes).map(Some).ok_or_else(|| {
        key_file_error(format!(
            "{} holds {} bytes; a master key file holds exactly {KEY_LEN}",
            path.display(),
            bytes.len()
        ))
    })
}

/// Reads the key at `path`, creating it (32 CSPRNG bytes, mode 0600) when absent.
///
/// Creation writes a uniquely named temporary file, fsyncs it and hard-links it to `path`,
/// which fails if another process created the key first: then that key is used. A crash
/// never leaves a partial key file at `path`.
pub(super) fn load_or_create(path: &Path) -> Result<KeyBytes, WrapError> {
    if let Some(key) = load(path)? {
        return Ok(key);
    }
    let key = KeyBytes::generate()?;
    let tmp = unique_temp_path(path);
    let linked = write_new(&tmp, key.expose())
        .and_then(|()| fs::hard_link(&tmp, path).map_err(|e| (tmp.clone(), e)));
    let _ = fs::remove_file(&tmp);
    match linked {
        Ok(()) => {
            sync_parent(path).map_err(|e| key_file_error(format!("{}: {e}", path.display())))?;
            tracing::info!("created a new master key file");
            Ok(key)
        }
        Err((_, e)) if e.kind() == io::ErrorKind::AlreadyExists => load(path)?
            .ok_or_else(|| key_file_error(format!("{} vanished while created", path.display()))),
        Err((p, e)) => Err(key_file_error(format!("{}: {e}", p.display()))),
    }
}

fn unique_temp_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(format!(".new-{}", uuid::Uuid::new_v4().simple()));
    path.with_file_name(name)
}

fn write_new(tmp: &Path, bytes: &[u8]) -> Result<(), (PathBuf, io::Error)> {
    let fail = |e: io::Error| (tmp.to_path_buf(), e);
    let mut file = open_private(tmp, OpenOptions::new().write(true).create_new(true))
        .map_err(|e| fail(io::Error::other(e.to_string())))?;
    file.write_all(bytes).map_err(fail)?;
    file.sync_all().map_err(fail)
}

fn sync_parent(path: &Path) -> io::Result<()> {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => File::open(p)?.sync_all(),
        _ => File::open(".")?.sync_all(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_once_with_mode_0600_and_reloads_the_same_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("master.key");
        let first = load_or_create(&path).unwrap();
        let again = load_or_create(&path).unwrap();
        assert_eq!(first.expose(), again.expose());
        assert_eq!(fs::read(&path).unwrap().len(), KEY_LEN);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "temporary files left behind");
    }

    #[test]
    fn wrong_length_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("short.key");
        shopmcp_core::fs::write_private_atomic(&path, &[1; 16]).unwrap();
        let err = load_or_create(&path).unwrap_err();
        assert!(err.to_string().contains("exactly 32"), "{err}");
    }

    #[test]
    fn missing_file_is_none() {
        let dir = tempfile::tempdir().unwrap();
        assert!(load(&dir.path().join("none")).unwrap().is_none());
    }
}
