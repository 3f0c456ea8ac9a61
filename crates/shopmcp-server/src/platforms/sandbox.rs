//! Sandbox endpoints: a local fake store instead of the real one, for demos and tests.
//!
//! Only `http://` URLs whose host is a loopback IP literal are accepted, and they reach the
//! store only through an HTTP client built through `HttpClientBuilder::dangerous()` that
//! allows nothing but loopback. Every place a sandbox is used says so.

use std::net::IpAddr;

/// Checks a sandbox endpoint: `http://<loopback IP>:<port>`, nothing else.
pub fn check(endpoint: &str) -> Result<(), String> {
    let rest = endpoint
        .strip_prefix("http://")
        .ok_or_else(|| "a sandbox endpoint is http://127.0.0.1:<port>".to_owned())?;
    let hostport = rest.trim_end_matches('/');
    let host = match hostport.rsplit_once(':') {
        Some((h, port)) if port.parse::<u16>().is_ok() => h,
        _ => return Err("a sandbox endpoint needs an explicit port".into()),
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    match host.parse::<IpAddr>() {
        Ok(ip) if ip.is_loopback() => Ok(()),
        _ => Err("a sandbox endpoint must be a loopback IP address (127.0.0.1 or [::1])".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn only_loopback_http_with_a_port() {
        assert!(check("http://127.0.0.1:8080").is_ok());
        assert!(check("http://[::1]:9/").is_ok());
        for bad in [
            "https://127.0.0.1:1",
            "http://localhost:80",
            "http://10.0.0.1:80",
            "http://127.0.0.1",
            "http://example.com:80",
            "http://169.254.169.254:80",
        ] {
            assert!(check(bad).is_err(), "{bad}");
        }
    }
}
