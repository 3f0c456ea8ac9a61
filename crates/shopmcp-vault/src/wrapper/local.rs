//! [`LocalKeyWrapper`]: DEKs wrapped with AES-256-GCM under a master key file.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use async_trait::async_trait;
use aws_lc_rs::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey};
use aws_lc_rs::digest::{SHA256, digest};
use zeroize::Zeroizing;

use super::{KeyId, KeyWrapper, WrapError, WrappedKey, keyfile};
use crate::{BackendError, EncryptionContext, KEY_LEN, KeyBytes};

/// Blob layout: version ‖ nonce ‖ AES-256-GCM(DEK) ‖ tag.
const BLOB_VERSION: u8 = 0x01;
const NONCE_LEN: usize = 12;
const TAG_LEN: usize = 16;
const BLOB_LEN: usize = 1 + NONCE_LEN + KEY_LEN + TAG_LEN;
const AAD_LABEL: &[u8] = b"shopmcp local key wrap v1";
const KEY_ID_LABEL: &[u8] = b"shopmcp local master key id v1\0";

struct MasterKey {
    id: KeyId,
    aead: LessSafeKey,
}

impl MasterKey {
    fn new(key: &KeyBytes) -> Result<Self, WrapError> {
        let mut input = Zeroizing::new(Vec::with_capacity(KEY_ID_LABEL.len() + KEY_LEN));
        input.extend_from_slice(KEY_ID_LABEL);
        input.extend_from_slice(key.expose());
        let hash = digest(&SHA256, &input);
        let hex: String = hash
            .as_ref()
            .iter()
            .take(8)
            .map(|b| format!("{b:02x}"))
            .collect();
        let unbound = UnboundKey::new(&AES_256_GCM, key.expose()).map_err(|_| BackendError)?;
        Ok(Self {
            id: KeyId::new(format!("local:{hex}")),
            aead: LessSafeKey::new(unbound),
        })
    }
}

/// The embedded [`KeyWrapper`]: a 32-byte master key in a file (mode 0600, refused when
/// group or others can access it), AES-256-GCM wrapping with the encryption context as AAD.
///
/// The key id is `local:` + 16 hex digits of SHA-256 over a label and the key, so DEKs record
/// which master key wrapped them. To rotate, open the new key file and add the old one as a
/// previous (unwrap-only) key, then re-wrap every DEK
/// ([`EncryptedCredentialProvider::rewrap_all_deks`](crate::EncryptedCredentialProvider::rewrap_all_deks)).
///
/// Wrapped blob: `0x01 ‖ nonce (12, random) ‖ AES-256-GCM(DEK) (32) ‖ tag (16)`, AAD =
/// `"shopmcp local key wrap v1" ‖ u64be(len key id) ‖ key id ‖ canonical context`.
///
/// ```no_run
/// use shopmcp_vault::LocalKeyWrapper;
/// let current = LocalKeyWrapper::open_or_create("/var/lib/shopmcp/master-2.key")?
///     .with_previous_key_file("/var/lib/shopmcp/master-1.key")?;
/// # Ok::<(), shopmcp_vault::WrapError>(())
/// ```
#[derive(Clone)]
pub struct LocalKeyWrapper {
    current: Arc<MasterKey>,
    /// Older keys: unwrap only.
    previous: Vec<Arc<MasterKey>>,
}

impl LocalKeyWrapper {
    /// Opens the master key file at `path`, creating it on first use.
    pub fn open_or_create(path: impl AsRef<Path>) -> Result<Self, WrapError> {
        Self::from_key(&keyfile::load_or_create(path.as_ref())?)
    }

    /// Opens an existing master key file; a missing file is an error.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, WrapError> {
        Self::from_key(&load_existing(path.as_ref())?)
    }

    /// A wrapper over an in-memory master key (tests, or keys from a secret manager).
    pub fn from_key(key: &KeyBytes) -> Result<Self, WrapError> {
        Ok(Self {
            current: Arc::new(MasterKey::new(key)?),
            previous: Vec::new(),
        })
    }

    /// Adds an older master key (from its file) that may unwrap but never wraps.
    pub fn with_previous_key_file(self, path: impl AsRef<Path>) -> Result<Self, WrapError> {
        self.with_previous_key(&load_existing(path.as_ref())?)
    }

    /// Adds an older in-memory master key that may unwrap but never wraps.
    pub fn with_previous_key(mut self, key: &KeyBytes) -> Result<Self, WrapError> {
        let previous = MasterKey::new(key)?;
        if previous.id != self.current.id && self.previous.iter().all(|k| k.id != previous.id) {
            self.previous.push(Arc::new(previous));
        }
        Ok(self)
    }

    /// The id of the current master key.
    pub fn key_id(&self) -> &KeyId {
        &self.current.id
    }

    fn find(&self, id: &KeyId) -> Result<&MasterKey, WrapError> {
        std::iter::once(&self.current)
            .chain(&self.previous)
            .find(|k| &k.id == id)
            .map(|k| &**k)
            .ok_or_else(|| WrapError::UnknownKey(id.clone()))
    }
}

fn load_existing(path: &Path) -> Result<KeyBytes, WrapError> {
    keyfile::load(path)?.ok_or_else(|| WrapError::KeyFile {
        detail: format!("{} does not exist", path.display()),
    })
}

fn aad(id: &KeyId, context: &EncryptionContext) -> Vec<u8> {
    let mut aad = Vec::with_capacity(AAD_LABEL.len() + 64);
    aad.extend_from_slice(AAD_LABEL);
    aad.extend_from_slice(&(id.as_str().len() as u64).to_be_bytes());
    aad.extend_from_slice(id.as_str().as_bytes());
    aad.extend_from_slice(&context.canonical_bytes());
    aad
}

impl fmt::Debug for LocalKeyWrapper {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LocalKeyWrapper")
            .field("key_id", &self.current.id)
            .field(
                "previous",
                &self.previous.iter().map(|k| &k.id).collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}

#[async_trait]
impl KeyWrapper for LocalKeyWrapper {
    fn default_key_id(&self) -> &KeyId {
        &self.current.id
    }

    async fn wrap(
        &self,
        key_id: Option<&KeyId>,
        plaintext: &KeyBytes,
        context: &EncryptionContext,
    ) -> Result<WrappedKey, WrapError> {
        let key = match key_id {
            None => &*self.current,
            Some(id) if id == &self.current.id => &*self.current,
            // Previous keys are unwrap-only.
            Some(id) => return Err(WrapError::UnknownKey(id.clone())),
        };
        let mut nonce = [0u8; NONCE_LEN];
        aws_lc_rs::rand::fill(&mut nonce).map_err(|_| BackendError)?;
        let mut blob = Vec::with_capacity(BLOB_LEN);
        blob.push(BLOB_VERSION);
        blob.extend_from_slice(&nonce);
        blob.extend_from_slice(plaintext.expose());
        let body = blob.get_mut(1 + NONCE_LEN..).ok_or(WrapError::Malformed)?;
        let tag = key
            .aead
            .seal_in_place_separate_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(aad(&key.id, context)),
                body,
            )
            .map_err(|_| BackendError)?;
        blob.extend_from_slice(tag.as_ref());
        Ok(WrappedKey {
            key_id: key.id.clone(),
            blob,
        })
    }

    async fn unwrap(
        &self,
        wrapped: &WrappedKey,
        context: &EncryptionContext,
    ) -> Result<KeyBytes, WrapError> {
        let key = self.find(&wrapped.key_id)?;
        let (version, rest) = wrapped.blob.split_first().ok_or(WrapError::Malformed)?;
        if *version != BLOB_VERSION || wrapped.blob.len() != BLOB_LEN {
            return Err(WrapError::Malformed);
        }
        let (nonce, sealed) = rest
            .split_first_chunk::<NONCE_LEN>()
            .ok_or(WrapError::Malformed)?;
        let mut buf = Zeroizing::new(sealed.to_vec());
        let plaintext = key
            .aead
            .open_in_place(
                Nonce::assume_unique_for_key(*nonce),
                Aad::from(aad(&key.id, context)),
                buf.as_mut_slice(),
            )
            .map_err(|_| WrapError::Rejected)?;
        KeyBytes::from_slice(plaintext).ok_or(WrapError::Malformed)
    }
}

#[cfg(test)]
mod tests;
