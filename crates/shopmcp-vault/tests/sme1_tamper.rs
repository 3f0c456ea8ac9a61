//! Tampering with SME1 ciphertexts: every change is rejected, with the right error, never a panic.
#![allow(clippy::unwrap_used)] // helpers outside #[test] functions unwrap too

mod common;

use shopmcp_core::WorkspaceId;
use shopmcp_vault::sme1::{self, HEADER_LEN, OVERHEAD, Sme1Error};
use shopmcp_vault::{Dek, DekId, KeyBytes, RecordContext};

fn dek(byte: u8) -> Dek {
    Dek::new(
        DekId::from_bytes([7; 16]),
        1,
        KeyBytes::from_array([byte; 32]),
    )
}

fn sealed() -> (Dek, RecordContext, Vec<u8>) {
    let dek = dek(1);
    let ctx = common::ctx(WorkspaceId::random());
    let ct = sme1::seal(&dek, &ctx, b"shpat_tamper_me").unwrap();
    (dek, ctx, ct)
}

/// The error expected when bit `bit` of the header is flipped.
fn expected_for_header_bit(bit: usize) -> fn(&Sme1Error) -> bool {
    match bit / 8 {
        0..=2 => |e| matches!(e, Sme1Error::BadMagic),
        3 => |e| matches!(e, Sme1Error::UnsupportedVersion(_)),
        4..=5 => |e| matches!(e, Sme1Error::UnsupportedAlgorithm(_)),
        6..=21 => |e| matches!(e, Sme1Error::WrongDek { .. }),
        22..=85 => |e| matches!(e, Sme1Error::CommitmentMismatch),
        _ => |e| matches!(e, Sme1Error::Unauthentic),
    }
}

#[test]
fn every_single_bit_flip_is_rejected() {
    let (dek, ctx, ct) = sealed();
    assert_eq!(
        sme1::open(&dek, &ctx, &ct).unwrap().as_slice(),
        b"shpat_tamper_me"
    );
    for bit in 0..ct.len() * 8 {
        let mut bad = ct.clone();
        bad[bit / 8] ^= 1 << (bit % 8);
        let err = sme1::open(&dek, &ctx, &bad).unwrap_err();
        if bit / 8 < HEADER_LEN {
            assert!(expected_for_header_bit(bit)(&err), "bit {bit}: {err:?}");
        } else {
            // Ciphertext and tag.
            assert_eq!(err, Sme1Error::Unauthentic, "bit {bit}");
        }
    }
}

#[test]
fn every_truncation_and_any_appended_bytes_are_rejected() {
    let (dek, ctx, ct) = sealed();
    for len in 0..ct.len() {
        let err = sme1::open(&dek, &ctx, &ct[..len]).unwrap_err();
        if (6..OVERHEAD).contains(&len) {
            assert_eq!(err, Sme1Error::Truncated, "len {len}");
        }
    }
    for extra in 1..=64usize {
        for fill in [0x00u8, 0xff, 0x5a] {
            let mut long = ct.clone();
            long.extend(std::iter::repeat_n(fill, extra));
            assert_eq!(
                sme1::open(&dek, &ctx, &long).unwrap_err(),
                Sme1Error::Unauthentic
            );
        }
    }
}

#[test]
fn unknown_versions_algorithms_and_magic_are_rejected() {
    let (dek, ctx, ct) = sealed();
    for version in (0..=u8::MAX).filter(|v| *v != sme1::VERSION) {
        let mut bad = ct.clone();
        bad[3] = version;
        assert_eq!(
            sme1::open(&dek, &ctx, &bad).unwrap_err(),
            Sme1Error::UnsupportedVersion(version)
        );
    }
    for alg in (0..=u16::MAX).filter(|a| *a != sme1::ALG_AES256GCM_HKDF_SHA256_COMMIT) {
        let mut bad = ct.clone();
        bad[4..6].copy_from_slice(&alg.to_be_bytes());
        assert_eq!(
            sme1::parse(&bad).unwrap_err(),
            Sme1Error::UnsupportedAlgorithm(alg)
        );
    }
    for magic in [b"SMF", b"sme", b"\0\0\0", b"SM\xff"] {
        let mut bad = ct.clone();
        bad[..3].copy_from_slice(magic);
        assert_eq!(
            sme1::open(&dek, &ctx, &bad).unwrap_err(),
            Sme1Error::BadMagic
        );
    }
    assert_eq!(sme1::parse(&[]).unwrap_err(), Sme1Error::Truncated);
}

#[test]
fn a_different_context_is_rejected() {
    let (dek, ctx, ct) = sealed();
    let ws = ctx.workspace();
    let variants = [
        RecordContext::new(
            WorkspaceId::random(),
            ctx.record_kind(),
            ctx.record_id(),
            ctx.field(),
        ),
        RecordContext::new(
            ws,
            "credential:shopify.storefront:access_token",
            ctx.record_id(),
            ctx.field(),
        ),
        RecordContext::new(ws, ctx.record_kind(), ctx.field(), ctx.field()),
        RecordContext::new(ws, ctx.record_kind(), "record-2", ctx.field()),
        RecordContext::new(ws, ctx.record_kind(), ctx.record_id(), "client_secret"),
        RecordContext::new(ws, ctx.record_kind(), ctx.record_id(), ""),
    ];
    for other in variants {
        assert_eq!(
            sme1::open(&dek, &other, &ct).unwrap_err(),
            Sme1Error::Unauthentic,
            "{other:?}"
        );
    }
}

#[test]
fn ciphertexts_swapped_between_records_are_detected() {
    let dek = dek(1);
    let ws = WorkspaceId::random();
    let a = RecordContext::new(
        ws,
        "credential:shopify.admin:access_token",
        "rec-a",
        "token",
    );
    let b = RecordContext::new(
        ws,
        "credential:shopify.admin:access_token",
        "rec-b",
        "token",
    );
    let ct_a = sme1::seal(&dek, &a, b"token-a").unwrap();
    let ct_b = sme1::seal(&dek, &b, b"token-b").unwrap();
    assert_eq!(
        sme1::open(&dek, &a, &ct_b).unwrap_err(),
        Sme1Error::Unauthentic
    );
    assert_eq!(
        sme1::open(&dek, &b, &ct_a).unwrap_err(),
        Sme1Error::Unauthentic
    );
}

#[test]
fn a_commitment_of_another_key_is_rejected_before_opening() {
    // Same DEK id, different key bytes: the header passes the id check, and the commitment
    // check rejects it; the AEAD is never run (a distinct error from `Unauthentic`).
    let (dek_a, ctx, _) = sealed();
    let dek_b = dek(2);
    assert_eq!(dek_a.id(), dek_b.id());
    let ct_b = sme1::seal(&dek_b, &ctx, b"made with b").unwrap();
    assert_eq!(
        sme1::open(&dek_a, &ctx, &ct_b).unwrap_err(),
        Sme1Error::CommitmentMismatch
    );
    // A DEK with another id is refused even earlier.
    let dek_c = Dek::new(DekId::random(), 1, KeyBytes::from_array([1; 32]));
    assert!(matches!(
        sme1::open(&dek_c, &ctx, &ct_b).unwrap_err(),
        Sme1Error::WrongDek { .. }
    ));
}

#[test]
fn errors_carry_no_bytes() {
    let (dek, ctx, mut ct) = sealed();
    let last = ct.len() - 1;
    ct[last] ^= 1;
    let err = sme1::open(&dek, &ctx, &ct).unwrap_err();
    assert!(!format!("{err} {err:?}").contains("shpat"));
}
