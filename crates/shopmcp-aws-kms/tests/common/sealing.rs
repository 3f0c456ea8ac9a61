//! The fake KMS's ciphertext blobs: `"FKMS" ‖ u16be(len arn) ‖ key ARN ‖ nonce (12) ‖
//! AES-256-GCM(plaintext) ‖ tag`, AAD = key ARN and the length-prefixed, sorted context. As
//! with real KMS, the blob names its key and the context must match exactly.

use std::collections::BTreeMap;

use aws_lc_rs::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey};

const MAGIC: &[u8] = b"FKMS";

fn aad(arn: &str, context: &BTreeMap<String, String>) -> Vec<u8> {
    let mut out = Vec::new();
    for part in
        std::iter::once(arn).chain(context.iter().flat_map(|(k, v)| [k.as_str(), v.as_str()]))
    {
        out.extend_from_slice(&(part.len() as u64).to_be_bytes());
        out.extend_from_slice(part.as_bytes());
    }
    out
}

fn key(material: &[u8; 32]) -> LessSafeKey {
    LessSafeKey::new(UnboundKey::new(&AES_256_GCM, material).unwrap())
}

pub fn seal(
    arn: &str,
    material: &[u8; 32],
    context: &BTreeMap<String, String>,
    plaintext: &[u8],
) -> Vec<u8> {
    let mut nonce = [0u8; 12];
    aws_lc_rs::rand::fill(&mut nonce).unwrap();
    let mut body = plaintext.to_vec();
    key(material)
        .seal_in_place_append_tag(
            Nonce::assume_unique_for_key(nonce),
            Aad::from(aad(arn, context)),
            &mut body,
        )
        .unwrap();
    let mut blob = MAGIC.to_vec();
    blob.extend_from_slice(&(arn.len() as u16).to_be_bytes());
    blob.extend_from_slice(arn.as_bytes());
    blob.extend_from_slice(&nonce);
    blob.extend_from_slice(&body);
    blob
}

/// The key ARN a blob names, and the rest (nonce ‖ ciphertext ‖ tag).
pub fn split(blob: &[u8]) -> Option<(String, &[u8])> {
    let rest = blob.strip_prefix(MAGIC)?;
    let (len, rest) = rest.split_first_chunk::<2>()?;
    let len = usize::from(u16::from_be_bytes(*len));
    if rest.len() < len + 12 + 16 {
        return None;
    }
    let (arn, sealed) = rest.split_at(len);
    Some((String::from_utf8(arn.to_vec()).ok()?, sealed))
}

pub fn open(
    arn: &str,
    material: &[u8; 32],
    context: &BTreeMap<String, String>,
    sealed: &[u8],
) -> Option<Vec<u8>> {
    let (nonce, body) = sealed.split_first_chunk::<12>()?;
    let mut body = body.to_vec();
    let plaintext = key(material)
        .open_in_place(
            Nonce::assume_unique_for_key(*nonce),
            Aad::from(aad(arn, context)),
            &mut body,
        )
        .ok()?;
    Some(plaintext.to_vec())
}
