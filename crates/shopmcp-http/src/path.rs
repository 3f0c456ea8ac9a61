//! Percent-encoding of path segments: a value can never change the route.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use shopmcp_core::{ErrorKind, ToolError};

/// Everything except RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`) is encoded, so `/`,
/// `?`, `#`, `%`, `\`, `;`, controls and non-ASCII can never be read as structure.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Encodes one path segment.
///
/// Empty, `.` and `..` segments are refused rather than encoded: URL parsers and many web servers
/// collapse them (also in their `%2e` forms), which would change the route.
///
/// ```
/// use shopmcp_http::encode_segment;
/// assert_eq!(encode_segment("../customers/1").unwrap(), "..%2Fcustomers%2F1");
/// assert_eq!(encode_segment("a b?c#d%e").unwrap(), "a%20b%3Fc%23d%25e");
/// assert!(encode_segment("..").is_err());
/// ```
pub fn encode_segment(segment: &str) -> Result<String, ToolError> {
    if matches!(segment, "" | "." | "..") {
        let shown = if segment.is_empty() {
            "an empty value"
        } else {
            "`.` or `..`"
        };
        return Err(ToolError::new(
            ErrorKind::InvalidArguments,
            format!("{shown} cannot be used as an identifier in a store URL path"),
        ));
    }
    Ok(utf8_percent_encode(segment, SEGMENT).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structure_characters_are_encoded() {
        let cases = [
            ("plain-SKU_1.0~x", "plain-SKU_1.0~x"),
            ("../customers/1", "..%2Fcustomers%2F1"),
            ("a/b", "a%2Fb"),
            ("a\\b", "a%5Cb"),
            ("x?admin=1", "x%3Fadmin%3D1"),
            ("x#frag", "x%23frag"),
            ("100%", "100%25"),
            ("%2e%2e", "%252e%252e"),
            ("a;b", "a%3Bb"),
            ("a\r\nHost: evil", "a%0D%0AHost%3A%20evil"),
            ("a\u{0}b", "a%00b"),
            ("é", "%C3%A9"),
            ("...", "..."),
            (".hidden", ".hidden"),
        ];
        for (raw, want) in cases {
            assert_eq!(encode_segment(raw).unwrap(), want, "{raw:?}");
        }
    }

    #[test]
    fn dot_segments_and_empty_are_refused() {
        for raw in ["", ".", ".."] {
            let err = encode_segment(raw).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidArguments);
        }
    }
}
