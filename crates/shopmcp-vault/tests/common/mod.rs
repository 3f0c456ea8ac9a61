//! Shared fixtures for the integration tests.
#![allow(dead_code, unreachable_pub, clippy::unwrap_used)]

use shopmcp_core::{CredentialSet, CredentialSlot, Platform, WorkspaceId};
use shopmcp_vault::{
    EncryptedCredentialProvider, KeyBytes, LocalKeyWrapper, MemoryStore, RecordContext,
};

pub const SHOPIFY_ADMIN: CredentialSlot = CredentialSlot::new(Platform::Shopify, "admin");
pub const MAGENTO_ADMIN: CredentialSlot = CredentialSlot::new(Platform::Magento, "admin");
pub const SHOPIFY_TOKEN: &str = "shpat_known_secret_4f1d2c3b";
pub const MAGENTO_SECRET: &str = "mag_known_consumer_secret_9e8d";

pub fn shopify_set() -> CredentialSet {
    CredentialSet::new("access_token").with_field("token", SHOPIFY_TOKEN)
}

pub fn magento_set() -> CredentialSet {
    CredentialSet::new("oauth1")
        .with_field("consumer_key", "mag_ck_1")
        .with_field("consumer_secret", MAGENTO_SECRET)
        .with_field("access_token", "mag_at_1")
        .with_field("access_token_secret", "mag_ats_1")
}

pub fn wrapper(byte: u8) -> LocalKeyWrapper {
    LocalKeyWrapper::from_key(&KeyBytes::from_array([byte; 32])).unwrap()
}

pub fn memory_provider() -> EncryptedCredentialProvider<MemoryStore, LocalKeyWrapper> {
    EncryptedCredentialProvider::new(MemoryStore::new(), wrapper(0x42)).unwrap()
}

pub fn ctx(ws: WorkspaceId) -> RecordContext {
    RecordContext::new(
        ws,
        "credential:shopify.admin:access_token",
        "record-1",
        "token",
    )
}
