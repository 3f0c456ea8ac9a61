//! Golden vectors and header round trips (unit tests: they use the fixed-randomness path).

use shopmcp_core::WorkspaceId;

use super::*;
use crate::{Dek, KeyBytes, RecordContext};

const VECTORS: &str = include_str!("../../tests/vectors/sme1.json");

fn unhex(s: &str) -> Vec<u8> {
    assert!(s.len().is_multiple_of(2), "odd hex length");
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

struct Vector {
    name: String,
    dek: Dek,
    salt: [u8; SALT_LEN],
    nonce: [u8; NONCE_LEN],
    context: RecordContext,
    plaintext: Vec<u8>,
    ciphertext: Vec<u8>,
}

fn vectors() -> Vec<Vector> {
    let doc: serde_json::Value = serde_json::from_str(VECTORS).unwrap();
    assert_eq!(doc["format"], "SME1");
    doc["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            let s = |k: &str| v[k].as_str().unwrap().to_owned();
            let c = |k: &str| v["context"][k].as_str().unwrap().to_owned();
            let dek_id = DekId::from_uuid(s("dek_id").parse().unwrap());
            Vector {
                name: s("name"),
                dek: Dek::new(dek_id, 1, KeyBytes::from_slice(&unhex(&s("dek"))).unwrap()),
                salt: unhex(&s("salt")).try_into().unwrap(),
                nonce: unhex(&s("nonce")).try_into().unwrap(),
                context: RecordContext::new(
                    c("workspace").parse::<WorkspaceId>().unwrap(),
                    c("record_kind"),
                    c("record_id"),
                    c("field"),
                ),
                plaintext: unhex(&s("plaintext")),
                ciphertext: unhex(&s("ciphertext")),
            }
        })
        .collect()
}

#[test]
fn golden_vectors_seal_to_the_exact_bytes() {
    let vectors = vectors();
    assert_eq!(vectors.len(), 3);
    for v in &vectors {
        let sealed = seal_with(&v.dek, &v.context, &v.plaintext, &v.salt, &v.nonce).unwrap();
        assert_eq!(sealed, v.ciphertext, "vector {}", v.name);
        assert_eq!(sealed.len(), v.plaintext.len() + OVERHEAD);
    }
}

#[test]
fn golden_vectors_open() {
    for v in vectors() {
        let opened = open(&v.dek, &v.context, &v.ciphertext).unwrap();
        assert_eq!(
            opened.as_slice(),
            v.plaintext.as_slice(),
            "vector {}",
            v.name
        );
        let env = parse(&v.ciphertext).unwrap();
        assert_eq!(env.header.dek_id, v.dek.id());
        assert_eq!(env.header.salt, v.salt);
        assert_eq!(env.header.nonce, v.nonce);
        assert_eq!(&env.header.to_bytes(), env.header_bytes);
        assert_eq!(env.body.len(), v.plaintext.len() + TAG_LEN);
    }
}

#[test]
fn header_layout_matches_the_table() {
    let v = &vectors()[0];
    let ct = &v.ciphertext;
    assert_eq!(&ct[0..3], b"SME");
    assert_eq!(ct[3], 0x01);
    assert_eq!(&ct[4..6], &[0x00, 0x01]);
    assert_eq!(&ct[6..22], v.dek.id().as_bytes());
    assert_eq!(&ct[22..54], &v.salt);
    assert_eq!(&ct[86..98], &v.nonce);
    assert_eq!(HEADER_LEN, 98);
    assert_eq!(OVERHEAD, 114);
}

#[test]
fn random_seal_uses_fresh_salt_and_nonce() {
    let v = &vectors()[0];
    let a = seal(&v.dek, &v.context, b"same").unwrap();
    let b = seal(&v.dek, &v.context, b"same").unwrap();
    let (ha, hb) = (parse(&a).unwrap().header, parse(&b).unwrap().header);
    assert_ne!(ha.salt, hb.salt);
    assert_ne!(ha.nonce, hb.nonce);
    assert_ne!(ha.commitment, hb.commitment);
    assert_eq!(open(&v.dek, &v.context, &a).unwrap().as_slice(), b"same");
}

#[test]
fn a_reopened_message_reuses_its_keys_and_still_checks_everything() {
    let v = &vectors()[0];
    let dek = Dek::new(v.dek.id(), 1, KeyBytes::from_array(*v.dek.key().expose()));
    let ct = seal(&dek, &v.context, b"token").unwrap();
    assert_eq!(
        dek.opened().len(),
        0,
        "sealing derives fresh keys and keeps none"
    );
    for _ in 0..3 {
        assert_eq!(open(&dek, &v.context, &ct).unwrap().as_slice(), b"token");
    }
    assert_eq!(dek.opened().len(), 1);

    // With the keys remembered, a changed commitment, tag or context is still refused.
    let mut bad_commitment = ct.clone();
    bad_commitment[54] ^= 1;
    assert!(matches!(
        open(&dek, &v.context, &bad_commitment),
        Err(Sme1Error::CommitmentMismatch)
    ));
    let mut bad_tag = ct.clone();
    let last = bad_tag.len() - 1;
    bad_tag[last] ^= 1;
    assert!(matches!(
        open(&dek, &v.context, &bad_tag),
        Err(Sme1Error::Unauthentic)
    ));
    let other = RecordContext::new(
        WorkspaceId::random(),
        "credential",
        "shopify.admin",
        "token",
    );
    assert!(matches!(
        open(&dek, &other, &ct),
        Err(Sme1Error::Unauthentic)
    ));

    // Bounded: many distinct messages keep only the newest keys.
    for i in 0..100_u32 {
        let ct = seal(&dek, &v.context, &i.to_be_bytes()).unwrap();
        assert_eq!(
            open(&dek, &v.context, &ct).unwrap().as_slice(),
            i.to_be_bytes()
        );
    }
    assert_eq!(dek.opened().len(), 32);
}
