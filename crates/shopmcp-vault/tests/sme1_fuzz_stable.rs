//! The cargo-fuzz check (`fuzz/fuzz_targets/sme1_parse.rs`) run on stable for a bounded number
//! of inputs: random bytes, inputs with a valid prefix, and mutations of a valid ciphertext.
#![allow(clippy::unwrap_used)] // helpers outside #[test] functions unwrap too

use proptest::prelude::*;
use shopmcp_vault::fuzzing::{check_sme1, reference_ciphertext};

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip { at: usize, mask: u8 },
    Set { at: usize, value: u8 },
    Truncate { len: usize },
    Append { bytes: Vec<u8> },
    Insert { at: usize, bytes: Vec<u8> },
    Remove { at: usize, len: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1u8..=255).prop_map(|(at, mask)| Mutation::Flip { at, mask }),
        (any::<usize>(), any::<u8>()).prop_map(|(at, value)| Mutation::Set { at, value }),
        any::<usize>().prop_map(|len| Mutation::Truncate { len }),
        prop::collection::vec(any::<u8>(), 1..40).prop_map(|bytes| Mutation::Append { bytes }),
        (any::<usize>(), prop::collection::vec(any::<u8>(), 1..20))
            .prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
        (any::<usize>(), 1usize..20).prop_map(|(at, len)| Mutation::Remove { at, len }),
    ]
}

fn apply(data: &mut Vec<u8>, m: &Mutation) {
    let n = data.len().max(1);
    match m {
        Mutation::Flip { at, mask } => {
            if let Some(b) = data.get_mut(at % n) {
                *b ^= mask;
            }
        }
        Mutation::Set { at, value } => {
            if let Some(b) = data.get_mut(at % n) {
                *b = *value;
            }
        }
        Mutation::Truncate { len } => data.truncate(len % n),
        Mutation::Append { bytes } => data.extend_from_slice(bytes),
        Mutation::Insert { at, bytes } => {
            let at = at % (data.len() + 1);
            data.splice(at..at, bytes.iter().copied());
        }
        Mutation::Remove { at, len } => {
            let at = at % n;
            let end = (at + len).min(data.len());
            if at < end {
                data.drain(at..end);
            }
        }
    }
}

#[test]
fn the_reference_ciphertext_passes_the_check() {
    let reference = reference_ciphertext();
    assert!(!reference.is_empty());
    check_sme1(&reference).unwrap();
}

proptest! {
    #![proptest_config(config(2_000))]

    #[test]
    fn random_inputs(data in prop::collection::vec(any::<u8>(), 0..400)) {
        prop_assert_eq!(check_sme1(&data), Ok(()));
    }

    #[test]
    fn inputs_with_a_valid_prefix(tail in prop::collection::vec(any::<u8>(), 0..300)) {
        let mut data = b"SME\x01\x00\x01".to_vec();
        data.extend_from_slice(&tail);
        prop_assert_eq!(check_sme1(&data), Ok(()));
    }

    #[test]
    fn mutations_of_a_valid_ciphertext(mutations in prop::collection::vec(mutation(), 1..6)) {
        let mut data = reference_ciphertext();
        for m in &mutations {
            apply(&mut data, m);
        }
        // `check_sme1` fails if a changed ciphertext opens, or the unchanged one does not.
        prop_assert_eq!(check_sme1(&data), Ok(()));
    }
}
