//! Credential decryption cost: one SME1 field, a credential with its DEK cached, and a
//! credential whose DEK must first be unwrapped by the local key wrapper.
//!
//! Run: `cargo bench -p shopmcp-benches --bench vault -- --warm-up-time 1 --measurement-time 3`
#![allow(missing_docs, clippy::unwrap_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use shopmcp_core::{CredentialSet, CredentialSlot, Platform, WorkspaceId};
use shopmcp_vault::{
    Dek, DekId, EncryptedCredentialProvider, KeyBytes, LocalKeyWrapper, MemoryStore, RecordContext,
    sme1,
};

const SLOT: CredentialSlot = CredentialSlot::new(Platform::Shopify, "admin");
const TOKEN: &str = "shpat_0123456789abcdef0123456789abcdef";

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap()
}

fn open_one_field(c: &mut Criterion) {
    let dek = Dek::new(DekId::random(), 1, KeyBytes::generate().unwrap());
    let ctx = RecordContext::new(
        WorkspaceId::random(),
        "credential:shopify.admin:access_token",
        "0b9f7d3e-1a2b-4c3d-9e8f-7a6b5c4d3e2f",
        "token",
    );
    let ct = sme1::seal(&dek, &ctx, TOKEN.as_bytes()).unwrap();
    c.bench_function("vault/sme1_open_one_field", |b| {
        b.iter(|| sme1::open(&dek, &ctx, black_box(&ct)).unwrap());
    });
}

fn credential(c: &mut Criterion) {
    let rt = runtime();
    let ws = WorkspaceId::random();
    let provider = rt.block_on(async {
        let wrapper = LocalKeyWrapper::from_key(&KeyBytes::generate().unwrap()).unwrap();
        let provider = EncryptedCredentialProvider::new(MemoryStore::new(), wrapper).unwrap();
        let set = CredentialSet::new("access_token").with_field("token", TOKEN);
        provider.put_credential(ws, SLOT, &set).await.unwrap();
        provider
    });

    c.bench_function("vault/credential_cached_dek", |b| {
        b.iter(|| {
            rt.block_on(provider.get_credential(black_box(ws), SLOT))
                .unwrap()
                .unwrap()
        });
    });

    c.bench_function("vault/credential_uncached_dek_local_wrapper", |b| {
        b.iter(|| {
            provider.cache().clear();
            rt.block_on(provider.get_credential(black_box(ws), SLOT))
                .unwrap()
                .unwrap()
        });
    });
}

criterion_group!(benches, open_one_field, credential);
criterion_main!(benches);
