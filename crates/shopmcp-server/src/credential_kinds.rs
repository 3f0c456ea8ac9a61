//! Which secret fields each platform credential kind has (what `connect` asks for).

/// One kind of credential a platform accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CredentialKind {
    /// Platform name (`shopify`, `magento`, `bigcommerce`, `neto`).
    pub platform: &'static str,
    /// Slot (`admin`, `storefront`).
    pub slot: &'static str,
    /// Kind name stored with the credential.
    pub kind: &'static str,
    /// Required fields, in prompt order.
    pub fields: &'static [&'static str],
    /// Optional fields (an empty answer skips them).
    pub optional: &'static [&'static str],
}

/// Every kind the bundled platform crates accept.
pub const KINDS: &[CredentialKind] = &[
    CredentialKind {
        platform: "shopify",
        slot: "admin",
        kind: "access_token",
        fields: &["token"],
        optional: &[],
    },
    CredentialKind {
        platform: "shopify",
        slot: "admin",
        kind: "client_credentials",
        fields: &["client_id", "client_secret"],
        optional: &[],
    },
    CredentialKind {
        platform: "shopify",
        slot: "storefront",
        kind: "storefront_token",
        fields: &["token"],
        optional: &[],
    },
    CredentialKind {
        platform: "shopify",
        slot: "webhooks",
        kind: "app_secret",
        fields: &["secret"],
        optional: &["previous_secret"],
    },
    CredentialKind {
        platform: "magento",
        slot: "admin",
        kind: "oauth1",
        fields: &[
            "consumer_key",
            "consumer_secret",
            "access_token",
            "access_token_secret",
        ],
        optional: &[],
    },
    CredentialKind {
        platform: "magento",
        slot: "admin",
        kind: "bearer",
        fields: &["token"],
        optional: &[],
    },
    CredentialKind {
        platform: "bigcommerce",
        slot: "admin",
        kind: "access_token",
        fields: &["token"],
        optional: &[],
    },
    CredentialKind {
        platform: "neto",
        slot: "admin",
        kind: "api_key",
        fields: &["key"],
        optional: &["username"],
    },
];

/// The kind for (`platform`, `slot`, `kind`), if any.
pub fn find(platform: &str, slot: &str, kind: &str) -> Option<&'static CredentialKind> {
    KINDS
        .iter()
        .find(|k| k.platform == platform && k.slot == slot && k.kind == kind)
}

/// A readable list of the kinds of `platform`, for error messages.
pub fn describe(platform: &str) -> String {
    KINDS
        .iter()
        .filter(|k| k.platform == platform)
        .map(|k| {
            format!(
                "--slot {} --kind {} ({})",
                k.slot,
                k.kind,
                k.fields.join(", ")
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}
