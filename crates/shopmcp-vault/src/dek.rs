//! Data encryption keys (DEKs): identifiers and zeroizing key bytes.

use std::fmt;

use serde::{Deserialize, Serialize};
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::error::BackendError;

/// Length of every symmetric key in this crate (AES-256): 32 bytes.
pub const KEY_LEN: usize = 32;

/// The identifier of one data encryption key. A random UUID, written into every SME1
/// ciphertext header so a reader knows which key it needs.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DekId(Uuid);

impl DekId {
    /// A fresh random id.
    pub fn random() -> Self {
        Self(Uuid::new_v4())
    }

    /// Wraps an existing UUID.
    pub const fn from_uuid(id: Uuid) -> Self {
        Self(id)
    }

    /// The id from its 16 header bytes.
    pub const fn from_bytes(bytes: [u8; 16]) -> Self {
        Self(Uuid::from_bytes(bytes))
    }

    /// The 16 bytes written into ciphertext headers.
    pub const fn as_bytes(&self) -> &[u8; 16] {
        self.0.as_bytes()
    }

    /// The UUID.
    pub const fn as_uuid(&self) -> &Uuid {
        &self.0
    }
}

impl fmt::Display for DekId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.hyphenated().fmt(f)
    }
}

impl fmt::Debug for DekId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DekId({})", self.0.hyphenated())
    }
}

/// 32 secret key bytes, zeroized when dropped; `Debug` prints `[REDACTED]`.
///
/// ```
/// use shopmcp_vault::KeyBytes;
/// let key = KeyBytes::generate()?;
/// assert_eq!(format!("{key:?}"), "KeyBytes([REDACTED])");
/// # Ok::<(), shopmcp_vault::BackendError>(())
/// ```
pub struct KeyBytes(Zeroizing<[u8; KEY_LEN]>);

impl KeyBytes {
    /// Fresh random bytes from the operating system's CSPRNG.
    pub fn generate() -> Result<Self, BackendError> {
        let mut bytes = Zeroizing::new([0u8; KEY_LEN]);
        aws_lc_rs::rand::fill(bytes.as_mut_slice()).map_err(|_| BackendError)?;
        Ok(Self(bytes))
    }

    /// Takes ownership of `bytes`. The caller's copy (if any) is not zeroized by this call.
    pub fn from_array(bytes: [u8; KEY_LEN]) -> Self {
        Self(Zeroizing::new(bytes))
    }

    /// Copies a 32-byte slice; `None` for any other length.
    pub fn from_slice(bytes: &[u8]) -> Option<Self> {
        let array: &[u8; KEY_LEN] = bytes.try_into().ok()?;
        Some(Self(Zeroizing::new(*array)))
    }

    /// The key bytes. Keep the borrow short and never log it.
    pub fn expose(&self) -> &[u8; KEY_LEN] {
        &self.0
    }
}

impl fmt::Debug for KeyBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("KeyBytes([REDACTED])")
    }
}

/// A plaintext data encryption key: id, version and zeroizing key bytes.
///
/// Lives only in memory (in the [`DekCache`](crate::DekCache) or for one operation); what is
/// stored is its wrapped form.
pub struct Dek {
    id: DekId,
    version: u32,
    key: KeyBytes,
    /// Per-message keys derived from this one to open ciphertexts; dropped with it.
    opened: crate::sme1::OpenedKeys,
}

impl Dek {
    /// A key with the given identity.
    pub fn new(id: DekId, version: u32, key: KeyBytes) -> Self {
        Self {
            id,
            version,
            key,
            opened: crate::sme1::OpenedKeys::default(),
        }
    }

    /// The per-message keys this DEK has derived to open ciphertexts.
    pub(crate) fn opened(&self) -> &crate::sme1::OpenedKeys {
        &self.opened
    }

    /// Its id.
    pub fn id(&self) -> DekId {
        self.id
    }

    /// Its version within its workspace (1, 2, ... one per rotation).
    pub fn version(&self) -> u32 {
        self.version
    }

    /// The key bytes.
    pub fn key(&self) -> &KeyBytes {
        &self.key
    }
}

impl fmt::Debug for Dek {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Dek")
            .field("id", &self.id)
            .field("version", &self.version)
            .field("key", &self.key)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_bytes_are_zeroize_on_drop_and_redacted() {
        fn zeroize_on_drop<T: zeroize::ZeroizeOnDrop>() {}
        zeroize_on_drop::<Zeroizing<[u8; KEY_LEN]>>();
        // A fixed id: a random one may itself contain the digits `171` (0xAB) looked for below.
        let id = DekId::from_uuid(Uuid::from_u128(0x0000_0000_0000_4000_8000_0000_0000_0000));
        let dek = Dek::new(id, 3, KeyBytes::from_array([0xAB; KEY_LEN]));
        let shown = format!("{dek:?}");
        assert!(shown.contains("[REDACTED]"), "{shown}");
        assert!(
            !shown.to_lowercase().contains("ab, ab") && !shown.contains("171"),
            "{shown}"
        );
        assert_eq!(dek.version(), 3);
    }

    #[test]
    fn slices_of_other_lengths_are_refused() {
        assert!(KeyBytes::from_slice(&[1; 31]).is_none());
        assert!(KeyBytes::from_slice(&[1; 33]).is_none());
        assert_eq!(KeyBytes::from_slice(&[7; 32]).unwrap().expose(), &[7; 32]);
    }

    #[test]
    fn generated_keys_differ() {
        let a = KeyBytes::generate().unwrap();
        let b = KeyBytes::generate().unwrap();
        assert_ne!(a.expose(), b.expose());
    }

    #[test]
    fn dek_id_round_trips_through_bytes() {
        let id = DekId::random();
        assert_eq!(DekId::from_bytes(*id.as_bytes()), id);
        assert_eq!(DekId::from_uuid(*id.as_uuid()), id);
    }
}
