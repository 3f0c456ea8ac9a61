//! SME1, the ciphertext format of credential fields.
//!
//! | offset | length | field |
//! |---|---|---|
//! | 0 | 3 | magic `SME` |
//! | 3 | 1 | version `0x01` (any other value is rejected) |
//! | 4 | 2 | algorithm id, big-endian: `0x0001` = AES-256-GCM, HKDF-SHA256 per-message key, 32-byte key commitment (any other value is rejected) |
//! | 6 | 16 | DEK id (UUID bytes) |
//! | 22 | 32 | message id / HKDF salt (CSPRNG) |
//! | 54 | 32 | key commitment |
//! | 86 | 12 | AES-GCM nonce (CSPRNG) |
//! | 98 | n + 16 | AES-256-GCM ciphertext ‖ 16-byte tag |
//!
//! Overhead: 114 bytes. Keys, for a DEK `K`:
//!
//! ```text
//! okm        = HKDF-SHA256(ikm = K, salt = msg_id, info = "shopmcp SME1" ‖ alg (2 bytes) ‖ dek_id, L = 64)
//! enc_key    = okm[0..32]      (AES-256-GCM key of this message only)
//! commitment = okm[32..64]     (stored in the header)
//! AAD        = header (bytes 0..98) ‖ RecordContext encoding
//! ```
//!
//! The record context encoding is, for the entries `field`, `record_id`, `record_kind`,
//! `workspace` in this order, `u64be(len key) ‖ key ‖ u64be(len value) ‖ value`.
//!
//! Opening checks, in order: length, magic, version, algorithm, DEK id against the key
//! offered ([`Sme1Error::WrongDek`]), the key commitment in constant time
//! ([`Sme1Error::CommitmentMismatch`], before any AES-GCM work), then the GCM tag
//! ([`Sme1Error::Unauthentic`]). Parsing never panics on any input.

mod seal;

pub(crate) use seal::{OpenedKeys, seal_with};
pub use seal::{open, seal};

use crate::DekId;

/// Magic bytes at offset 0.
pub const MAGIC: [u8; 3] = *b"SME";
/// The only version understood.
pub const VERSION: u8 = 0x01;
/// AES-256-GCM with an HKDF-SHA256 per-message key and a 32-byte key commitment.
pub const ALG_AES256GCM_HKDF_SHA256_COMMIT: u16 = 0x0001;
/// Length of the message id (HKDF salt).
pub const SALT_LEN: usize = 32;
/// Length of the key commitment.
pub const COMMITMENT_LEN: usize = 32;
/// Length of the AES-GCM nonce.
pub const NONCE_LEN: usize = 12;
/// Length of the AES-GCM tag.
pub const TAG_LEN: usize = 16;
/// Length of the header (authenticated as AAD).
pub const HEADER_LEN: usize = 3 + 1 + 2 + 16 + SALT_LEN + COMMITMENT_LEN + NONCE_LEN;
/// Bytes added to every plaintext.
pub const OVERHEAD: usize = HEADER_LEN + TAG_LEN;

/// Why a ciphertext was rejected. No variant carries ciphertext or plaintext bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Sme1Error {
    /// Shorter than a header plus a tag.
    #[error("ciphertext truncated")]
    Truncated,
    /// Not an SME ciphertext.
    #[error("not an SME ciphertext (bad magic)")]
    BadMagic,
    /// A version this code does not understand.
    #[error("unsupported SME version {0:#04x}")]
    UnsupportedVersion(u8),
    /// An algorithm this code does not understand.
    #[error("unsupported SME algorithm {0:#06x}")]
    UnsupportedAlgorithm(u16),
    /// The header names another DEK than the one offered.
    #[error("ciphertext was made with data key {found}, not {expected}")]
    WrongDek {
        /// The DEK offered.
        expected: DekId,
        /// The DEK the header names.
        found: DekId,
    },
    /// The key commitment does not match the key offered (checked before decrypting).
    #[error("key commitment mismatch: the ciphertext is not bound to this data key")]
    CommitmentMismatch,
    /// The GCM tag did not verify: tampered bytes or a wrong record context.
    #[error("ciphertext failed authentication (tampered, or another workspace/record/field)")]
    Unauthentic,
    /// The cryptographic backend failed.
    #[error("the cryptographic backend failed")]
    Backend,
}

/// A parsed SME1 header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    /// The DEK the message was encrypted under.
    pub dek_id: DekId,
    /// Message id / HKDF salt.
    pub salt: [u8; SALT_LEN],
    /// Key commitment.
    pub commitment: [u8; COMMITMENT_LEN],
    /// AES-GCM nonce.
    pub nonce: [u8; NONCE_LEN],
}

impl Header {
    /// The 98 header bytes.
    pub fn to_bytes(self) -> [u8; HEADER_LEN] {
        let mut out = [0u8; HEADER_LEN];
        let parts: [&[u8]; 7] = [
            &MAGIC,
            &[VERSION],
            &ALG_AES256GCM_HKDF_SHA256_COMMIT.to_be_bytes(),
            self.dek_id.as_bytes(),
            &self.salt,
            &self.commitment,
            &self.nonce,
        ];
        let mut rest: &mut [u8] = &mut out;
        for part in parts {
            let (head, tail) = rest.split_at_mut(part.len());
            head.copy_from_slice(part);
            rest = tail;
        }
        out
    }
}

/// A parsed ciphertext: header plus the ciphertext‖tag body, borrowed from the input.
#[derive(Debug, Clone, Copy)]
pub struct Envelope<'a> {
    /// The header.
    pub header: Header,
    /// The raw header bytes (the first part of the AAD).
    pub header_bytes: &'a [u8; HEADER_LEN],
    /// Ciphertext followed by the 16-byte tag.
    pub body: &'a [u8],
}

fn take<'a, const N: usize>(input: &mut &'a [u8]) -> Result<&'a [u8; N], Sme1Error> {
    let (head, tail) = input.split_first_chunk::<N>().ok_or(Sme1Error::Truncated)?;
    *input = tail;
    Ok(head)
}

/// Parses an SME1 ciphertext without decrypting it. Never panics.
///
/// ```
/// use shopmcp_vault::sme1::{parse, Sme1Error};
/// assert_eq!(parse(b"SME").unwrap_err(), Sme1Error::Truncated);
/// assert_eq!(parse(b"XYZ\x01").unwrap_err(), Sme1Error::BadMagic);
/// ```
pub fn parse(bytes: &[u8]) -> Result<Envelope<'_>, Sme1Error> {
    let mut rest = bytes;
    if take::<3>(&mut rest)? != &MAGIC {
        return Err(Sme1Error::BadMagic);
    }
    let [version] = *take::<1>(&mut rest)?;
    if version != VERSION {
        return Err(Sme1Error::UnsupportedVersion(version));
    }
    let alg = u16::from_be_bytes(*take::<2>(&mut rest)?);
    if alg != ALG_AES256GCM_HKDF_SHA256_COMMIT {
        return Err(Sme1Error::UnsupportedAlgorithm(alg));
    }
    if bytes.len() < OVERHEAD {
        return Err(Sme1Error::Truncated);
    }
    let (header_bytes, _) = bytes
        .split_first_chunk::<HEADER_LEN>()
        .ok_or(Sme1Error::Truncated)?;
    let header = Header {
        dek_id: DekId::from_bytes(*take::<16>(&mut rest)?),
        salt: *take::<SALT_LEN>(&mut rest)?,
        commitment: *take::<COMMITMENT_LEN>(&mut rest)?,
        nonce: *take::<NONCE_LEN>(&mut rest)?,
    };
    Ok(Envelope {
        header,
        header_bytes,
        body: rest,
    })
}

#[cfg(test)]
mod tests;
