//! Field names forbidden everywhere, matched regardless of case, separators and look-alike
//! characters.

/// Field names no tool may accept, in any object, at any depth.
///
/// They name credentials, privileges or account state that a prompt-injected model must
/// never be able to set, whatever the upstream permissions of the token would allow.
pub const FORBIDDEN_FIELDS: &[&str] = &[
    "password",
    "password_hash",
    "new_password",
    "current_password",
    "passwd",
    "role",
    "roles",
    "role_id",
    "is_active",
    "is_admin",
    "is_superuser",
    "admin",
    "permissions",
    "access_token",
    "api_key",
    "client_secret",
    "secret",
    "private_key",
    "two_factor",
    "webhook_url",
    "callback_url",
];

/// Field names no tool input may have at all, because the model must never choose them:
/// hosts, URLs, paths, actions, API versions, scopes, store identifiers.
pub const ROUTING_FIELDS: &[&str] = &[
    "host",
    "hostname",
    "url",
    "uri",
    "endpoint",
    "base_url",
    "path",
    "route",
    "action",
    "api_action",
    "api_version",
    "version",
    "scope",
    "scopes",
    "store_hash",
    "shop_domain",
    "domain",
];

/// Folds a key to a comparable skeleton: lower case, separators removed, full-width and
/// common Cyrillic/Greek look-alikes mapped to ASCII, invisible characters dropped.
pub(crate) fn skeleton(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for c in key.chars() {
        let c = match u32::from(c) {
            // Full-width ASCII variants.
            0xFF01..=0xFF5E => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            _ => c,
        };
        let mapped = match c {
            '_' | '-' | ' ' | '.' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => continue,
            'а' | 'А' | 'α' | 'Α' => 'a',
            'е' | 'Е' | 'ε' | 'Ε' => 'e',
            'о' | 'О' | 'ο' | 'Ο' | '0' => 'o',
            'р' | 'Р' | 'ρ' | 'Ρ' => 'p',
            'с' | 'С' | 'ϲ' => 'c',
            'ѕ' | 'Ѕ' | '$' => 's',
            'і' | 'І' | 'ι' | 'Ι' | 'ӏ' | '1' | 'ı' => 'i',
            'ј' | 'Ј' => 'j',
            'к' | 'К' | 'κ' | 'Κ' => 'k',
            'х' | 'Х' | 'χ' | 'Χ' => 'x',
            'у' | 'У' | 'γ' => 'y',
            'ԁ' => 'd',
            'ɡ' => 'g',
            'ν' | 'Ν' => 'v',
            'τ' | 'Τ' | 'т' | 'Т' => 't',
            'υ' => 'u',
            'ԝ' | 'ѡ' => 'w',
            'м' | 'М' | 'Μ' => 'm',
            'н' | 'Н' | 'Η' => 'h',
            'в' | 'В' | 'Β' => 'b',
            other => other,
        };
        out.extend(mapped.to_lowercase());
    }
    out
}

fn skeletons(list: &[&str]) -> Vec<String> {
    list.iter().map(|k| skeleton(k)).collect()
}

/// Precomputed skeletons of the forbidden list.
#[derive(Debug, Clone)]
pub(crate) struct ForbiddenSet {
    skeletons: Vec<String>,
}

impl ForbiddenSet {
    pub(crate) fn new() -> Self {
        Self {
            skeletons: skeletons(FORBIDDEN_FIELDS),
        }
    }

    /// Whether `key` is a forbidden field (in any spelling).
    pub(crate) fn contains(&self, key: &str) -> bool {
        let sk = skeleton(key);
        self.skeletons.contains(&sk)
    }
}

/// Whether `key` names a routing field (host, URL, path, action, version, scope…).
pub(crate) fn is_routing(key: &str) -> bool {
    let sk = skeleton(key);
    ROUTING_FIELDS.iter().any(|f| skeleton(f) == sk)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_fold_onto_the_list() {
        let set = ForbiddenSet::new();
        for k in [
            "password",
            "PASSWORD",
            "Pass_Word",
            "pass-word",
            "p\u{0430}ssword",
            "ｐａｓｓｗｏｒｄ",
            "pass\u{200B}word",
            "RoleId",
            "role_ID",
            "isActive",
            "IS_ACTIVE",
            "іs_аctіvе",
        ] {
            assert!(set.contains(k), "{k} should be forbidden");
        }
        for k in ["name", "price", "sku", "tags", "note", "status"] {
            assert!(!set.contains(k), "{k} should be allowed");
        }
    }

    #[test]
    fn routing_names() {
        assert!(is_routing("api_version"));
        assert!(is_routing("URL"));
        assert!(is_routing("storeHash"));
        assert!(!is_routing("sku"));
    }
}
