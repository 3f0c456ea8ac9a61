//! The SME1 parser check shared by the cargo-fuzz target (`fuzz/fuzz_targets/sme1_parse.rs`)
//! and the stable property tests. Not part of the supported API.

use std::sync::OnceLock;

use shopmcp_core::WorkspaceId;
use uuid::Uuid;

use crate::sme1::{self, HEADER_LEN, OVERHEAD};
use crate::{Dek, DekId, KeyBytes, RecordContext};

const PLAINTEXT: &[u8] = b"fuzz-reference-secret";

struct Reference {
    dek: Dek,
    context: RecordContext,
    ciphertext: Vec<u8>,
}

fn reference() -> &'static Option<Reference> {
    static REFERENCE: OnceLock<Option<Reference>> = OnceLock::new();
    REFERENCE.get_or_init(|| {
        let dek = Dek::new(
            DekId::from_bytes([0x5A; 16]),
            1,
            KeyBytes::from_array([0x42; 32]),
        );
        let context = RecordContext::new(
            WorkspaceId::from_uuid(Uuid::from_bytes([0x11; 16])),
            "credential:shopify.admin:access_token",
            "fuzz-record",
            "token",
        );
        let ciphertext =
            sme1::seal_with(&dek, &context, PLAINTEXT, &[0x33; 32], &[0x44; 12]).ok()?;
        Some(Reference {
            dek,
            context,
            ciphertext,
        })
    })
}

/// A valid ciphertext (fixed key, context, salt and nonce) for mutation-based testing.
pub fn reference_ciphertext() -> Vec<u8> {
    reference()
        .as_ref()
        .map(|r| r.ciphertext.clone())
        .unwrap_or_default()
}

/// Parses `data` and tries to open it under the reference key and context.
///
/// Returns `Err` with a description when an invariant breaks:
/// - a successful parse must cover at least [`OVERHEAD`] bytes, and its header must
///   re-encode to exactly the first [`HEADER_LEN`] input bytes;
/// - opening may succeed only for the reference ciphertext itself, and must then return the
///   reference plaintext (anything else would be a forgery);
/// - the reference ciphertext must open.
pub fn check_sme1(data: &[u8]) -> Result<(), String> {
    let reference = reference()
        .as_ref()
        .ok_or_else(|| "reference ciphertext could not be built".to_owned())?;
    if let Ok(env) = sme1::parse(data) {
        if data.len() < OVERHEAD {
            return Err(format!("parsed a {}-byte input", data.len()));
        }
        if data.get(..HEADER_LEN) != Some(env.header.to_bytes().as_slice())
            || data.get(..HEADER_LEN) != Some(env.header_bytes.as_slice())
            || data.get(HEADER_LEN..) != Some(env.body)
        {
            return Err("header does not re-encode to the input".to_owned());
        }
    }
    match sme1::open(&reference.dek, &reference.context, data) {
        Ok(plaintext) if data == reference.ciphertext.as_slice() => {
            if plaintext.as_slice() == PLAINTEXT {
                Ok(())
            } else {
                Err("reference ciphertext opened to the wrong plaintext".to_owned())
            }
        }
        Ok(_) => Err("a modified ciphertext was accepted".to_owned()),
        Err(e) if data == reference.ciphertext.as_slice() => {
            Err(format!("reference ciphertext rejected: {e}"))
        }
        Err(_) => Ok(()),
    }
}
