//! A conservative check on HTML the model wants to put on the storefront.
//!
//! Product descriptions are rendered as HTML by the shop's theme, so a prompt-injected model
//! could otherwise plant scripts on the storefront. This is not a sanitiser: HTML with
//! anything that can run code or pull in active content is refused, with a clear message.

use shopmcp_core::ToolError;

use crate::error::invalid;

/// Tags and schemes that can run code, load active content or submit data elsewhere.
const REFUSED: [&str; 17] = [
    "<script",
    "<iframe",
    "<frame",
    "<object",
    "<embed",
    "<applet",
    "<style",
    "<link",
    "<meta",
    "<base",
    "<form",
    "<svg",
    "<math",
    "javascript:",
    "vbscript:",
    "data:text/html",
    "srcdoc",
];

/// Whether `lower` has an event-handler attribute (`onload=`, `onerror =`, …).
fn has_event_handler(lower: &str) -> bool {
    let bytes = lower.as_bytes();
    let mut i = 0;
    while let Some(pos) = lower.get(i..).and_then(|rest| rest.find("on")) {
        let at = i + pos;
        let boundary = at == 0
            || bytes
                .get(at - 1)
                .is_some_and(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'"' | b'\''));
        let mut j = at + 2;
        let name_start = j;
        while bytes.get(j).is_some_and(u8::is_ascii_lowercase) {
            j += 1;
        }
        while bytes.get(j).is_some_and(u8::is_ascii_whitespace) {
            j += 1;
        }
        if boundary && j > name_start && bytes.get(j) == Some(&b'=') {
            return true;
        }
        i = at + 2;
    }
    false
}

/// Refuses HTML that could run code or load active content on the storefront.
pub(crate) fn check_html(field: &str, html: &str) -> Result<(), ToolError> {
    let lower = html.to_ascii_lowercase();
    let compact: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
    if REFUSED.iter().any(|r| compact.contains(r)) || has_event_handler(&lower) {
        return Err(invalid(format!(
            "`{field}` may hold formatting HTML only: scripts, frames, embedded objects, \
             styles, forms, SVG, event-handler attributes and javascript: links are refused"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatting_html_passes() {
        for ok in [
            "<p>Soft <strong>merino</strong> wool.</p><ul><li>Machine washable</li></ul>",
            "<a href=\"https://example.com/care\">Care guide</a>",
            "<img src=\"https://cdn.shopify.com/x.jpg\" alt=\"Front\">",
            "Made in Portugal. Colour: onyx. Fits true to size; questions welcome.",
            "",
        ] {
            assert!(check_html("description_html", ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn active_content_is_refused() {
        for bad in [
            "<script>alert(1)</script>",
            "<SCRIPT src=x>",
            "< script>",
            "<img src=x onerror=alert(1)>",
            "<img src=x OnError = alert(1)>",
            "<body onload=\"x()\">",
            "<div/onclick='x'>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\"java\tscript:alert(1)\">x</a>",
            "<iframe srcdoc=\"x\"></iframe>",
            "<svg><a/></svg>",
            "<style>body{}</style>",
            "<form action=\"https://evil.example\">",
            "<meta http-equiv=refresh>",
            "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>",
        ] {
            let err = check_html("description_html", bad).unwrap_err();
            assert!(err.model_message().contains("`description_html`"), "{bad}");
        }
    }
}
