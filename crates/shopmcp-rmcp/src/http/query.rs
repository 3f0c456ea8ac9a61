//! Credentials in the query string are refused.
//!
//! Query strings end up in proxy logs, browser history and `Referer` headers, so a token
//! there is treated as leaked: the request is refused even when the token is valid, and the
//! token is not looked at.

/// Parameter names (after percent-decoding and lower-casing) that look like a credential.
const CREDENTIAL_WORDS: [&str; 9] = [
    "token",
    "auth",
    "bearer",
    "jwt",
    "key",
    "secret",
    "password",
    "credential",
    "session",
];

/// Whether `query` has a parameter whose name looks like a credential.
pub(crate) fn carries_credential(query: Option<&str>) -> bool {
    let Some(query) = query else {
        return false;
    };
    query.split(['&', ';']).any(|pair| {
        let name = pair.split('=').next().unwrap_or_default();
        let name = percent_decode(name).to_ascii_lowercase();
        CREDENTIAL_WORDS.iter().any(|w| name.contains(w))
    })
}

/// Decodes `%XX` escapes and `+`; invalid escapes are kept as they are.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                if let Some(v) = hex {
                    out.push(v);
                    i += 3;
                    continue;
                }
                out.push(b);
            }
            b'+' => out.push(b' '),
            _ => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_like_parameters_are_found() {
        for q in [
            "token=abc",
            "access_token=abc",
            "x=1&api_key=2",
            "%74oken=abc",
            "Authorization=Bearer%20x",
            "id_TOKEN",
            "a=1;jwt=2",
            "client_secret=s",
        ] {
            assert!(carries_credential(Some(q)), "{q}");
        }
    }

    #[test]
    fn other_parameters_pass() {
        assert!(!carries_credential(None));
        assert!(!carries_credential(Some("")));
        assert!(!carries_credential(Some("page=2&limit=10")));
        assert!(!carries_credential(Some("q=%zz")));
    }
}
