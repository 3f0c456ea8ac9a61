//! Sealing and opening SME1 ciphertexts.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};

use aws_lc_rs::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey};
use aws_lc_rs::constant_time::verify_slices_are_equal;
use aws_lc_rs::hkdf::{HKDF_SHA256, KeyType, Salt};
use zeroize::Zeroizing;

use super::{
    ALG_AES256GCM_HKDF_SHA256_COMMIT, COMMITMENT_LEN, HEADER_LEN, Header, NONCE_LEN, SALT_LEN,
    Sme1Error, TAG_LEN, parse,
};
use crate::{Dek, DekId, KEY_LEN, RecordContext};

/// HKDF info prefix.
const INFO_LABEL: &[u8] = b"shopmcp SME1";

/// Output length of the per-message HKDF: encryption key ‖ commitment.
struct OkmLen;

impl KeyType for OkmLen {
    fn len(&self) -> usize {
        KEY_LEN + COMMITMENT_LEN
    }
}

/// The per-message AES key and the key commitment.
struct MessageKeys {
    aead: LessSafeKey,
    commitment: Zeroizing<[u8; COMMITMENT_LEN]>,
}

fn derive(dek: &Dek, salt: &[u8; SALT_LEN]) -> Result<MessageKeys, Sme1Error> {
    derive_raw(dek.key().expose(), dek.id(), salt)
}

/// How many per-message keys one DEK remembers (one per stored field it has opened).
const OPENED_KEYS: usize = 32;

/// The per-message keys a DEK has derived to open ciphertexts, kept as long as the DEK itself
/// (in the DEK cache: its bounded lifetime, then dropped with it), so that reading the same
/// record again skips the HKDF and the AES key schedule. Keyed by the message's salt under
/// this DEK; the key commitment is still compared on every open. At most [`OPENED_KEYS`]
/// entries, oldest out first, so crafted ciphertexts cannot grow it.
#[derive(Default)]
pub(crate) struct OpenedKeys(Mutex<VecDeque<([u8; SALT_LEN], Arc<MessageKeys>)>>);

impl OpenedKeys {
    fn get_or_derive(
        &self,
        dek: &Dek,
        salt: &[u8; SALT_LEN],
    ) -> Result<Arc<MessageKeys>, Sme1Error> {
        let known = |keys: &VecDeque<([u8; SALT_LEN], Arc<MessageKeys>)>| {
            keys.iter()
                .find(|(s, _)| s == salt)
                .map(|(_, k)| Arc::clone(k))
        };
        if let Some(k) = known(&self.0.lock().unwrap_or_else(PoisonError::into_inner)) {
            return Ok(k);
        }
        let derived = Arc::new(derive(dek, salt)?);
        let mut keys = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(k) = known(&keys) {
            return Ok(k);
        }
        if keys.len() >= OPENED_KEYS {
            keys.pop_front();
        }
        keys.push_back((*salt, Arc::clone(&derived)));
        Ok(derived)
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).len()
    }
}

impl std::fmt::Debug for OpenedKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OpenedKeys([REDACTED])")
    }
}

fn derive_raw(
    key: &[u8; KEY_LEN],
    dek_id: DekId,
    salt: &[u8; SALT_LEN],
) -> Result<MessageKeys, Sme1Error> {
    let prk = Salt::new(HKDF_SHA256, salt).extract(key);
    let alg = ALG_AES256GCM_HKDF_SHA256_COMMIT.to_be_bytes();
    let info: [&[u8]; 3] = [INFO_LABEL, &alg, dek_id.as_bytes()];
    let mut okm = Zeroizing::new([0u8; KEY_LEN + COMMITMENT_LEN]);
    prk.expand(&info, OkmLen)
        .and_then(|o| o.fill(okm.as_mut_slice()))
        .map_err(|_| Sme1Error::Backend)?;
    let (enc, commit) = okm.split_at(KEY_LEN);
    let mut commitment = Zeroizing::new([0u8; COMMITMENT_LEN]);
    commitment.copy_from_slice(commit);
    let unbound = UnboundKey::new(&AES_256_GCM, enc).map_err(|_| Sme1Error::Backend)?;
    Ok(MessageKeys {
        aead: LessSafeKey::new(unbound),
        commitment,
    })
}

fn aad(header_bytes: &[u8; HEADER_LEN], context: &RecordContext) -> Vec<u8> {
    let mut aad = Vec::with_capacity(HEADER_LEN + 160);
    aad.extend_from_slice(header_bytes);
    context.encode_into(&mut aad);
    aad
}

/// Encrypts `plaintext` under `dek` for `context`, with a fresh random message id and nonce.
///
/// ```
/// use shopmcp_core::WorkspaceId;
/// use shopmcp_vault::{sme1, Dek, DekId, KeyBytes, RecordContext};
/// let dek = Dek::new(DekId::random(), 1, KeyBytes::generate()?);
/// let ctx = RecordContext::new(WorkspaceId::random(), "credential:shopify.admin:access_token", "r1", "token");
/// let ct = sme1::seal(&dek, &ctx, b"shpat_secret")?;
/// assert_eq!(ct.len(), b"shpat_secret".len() + sme1::OVERHEAD);
/// assert_eq!(sme1::open(&dek, &ctx, &ct)?.as_slice(), b"shpat_secret");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn seal(dek: &Dek, context: &RecordContext, plaintext: &[u8]) -> Result<Vec<u8>, Sme1Error> {
    let mut salt = [0u8; SALT_LEN];
    let mut nonce = [0u8; NONCE_LEN];
    aws_lc_rs::rand::fill(&mut salt).map_err(|_| Sme1Error::Backend)?;
    aws_lc_rs::rand::fill(&mut nonce).map_err(|_| Sme1Error::Backend)?;
    seal_with(dek, context, plaintext, &salt, &nonce)
}

/// [`seal`] with a caller-chosen message id and nonce: for test vectors only (reusing a
/// salt under one DEK would reuse a message key).
pub(crate) fn seal_with(
    dek: &Dek,
    context: &RecordContext,
    plaintext: &[u8],
    salt: &[u8; SALT_LEN],
    nonce: &[u8; NONCE_LEN],
) -> Result<Vec<u8>, Sme1Error> {
    let keys = derive(dek, salt)?;
    let header = Header {
        dek_id: dek.id(),
        salt: *salt,
        commitment: *keys.commitment,
        nonce: *nonce,
    };
    let header_bytes = header.to_bytes();
    // Reserve the final size up front so the plaintext is never left behind by a realloc.
    let mut out = Vec::with_capacity(HEADER_LEN + plaintext.len() + TAG_LEN);
    out.extend_from_slice(&header_bytes);
    out.extend_from_slice(plaintext);
    let body = out.get_mut(HEADER_LEN..).ok_or(Sme1Error::Backend)?;
    let tag = keys
        .aead
        .seal_in_place_separate_tag(
            Nonce::assume_unique_for_key(*nonce),
            Aad::from(aad(&header_bytes, context)),
            body,
        )
        .map_err(|_| Sme1Error::Backend)?;
    out.extend_from_slice(tag.as_ref());
    Ok(out)
}

/// Decrypts an SME1 ciphertext made under `dek` for exactly `context`.
///
/// Checks the header, the DEK id and the key commitment (constant time) before any
/// decryption. The plaintext is returned in a buffer that is zeroized on drop.
pub fn open(
    dek: &Dek,
    context: &RecordContext,
    ciphertext: &[u8],
) -> Result<Zeroizing<Vec<u8>>, Sme1Error> {
    let envelope = parse(ciphertext)?;
    if envelope.header.dek_id != dek.id() {
        return Err(Sme1Error::WrongDek {
            expected: dek.id(),
            found: envelope.header.dek_id,
        });
    }
    let keys = dek.opened().get_or_derive(dek, &envelope.header.salt)?;
    verify_slices_are_equal(keys.commitment.as_slice(), &envelope.header.commitment)
        .map_err(|_| Sme1Error::CommitmentMismatch)?;
    let mut buf = Zeroizing::new(envelope.body.to_vec());
    let len = keys
        .aead
        .open_in_place(
            Nonce::assume_unique_for_key(envelope.header.nonce),
            Aad::from(aad(envelope.header_bytes, context)),
            buf.as_mut_slice(),
        )
        .map_err(|_| Sme1Error::Unauthentic)?
        .len();
    buf.truncate(len);
    Ok(buf)
}
