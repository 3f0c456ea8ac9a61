//! Conversions between Rust values and their stored form.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value;
use shopmcp_core::Platform;
use sqlx::types::time::OffsetDateTime;

use crate::PgError;

/// A `SystemTime` as a `timestamptz` value (microseconds are kept; PostgreSQL stores µs).
pub(crate) fn to_timestamp(t: SystemTime) -> Result<OffsetDateTime, PgError> {
    let nanos: i128 = match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i128::try_from(d.as_nanos()).unwrap_or(i128::MAX),
        Err(e) => -i128::try_from(e.duration().as_nanos()).unwrap_or(i128::MAX),
    };
    OffsetDateTime::from_unix_timestamp_nanos(nanos)
        .map_err(|_| PgError::Corrupt("timestamp out of range".to_owned()))
}

/// A stored `timestamptz` as a `SystemTime`.
pub(crate) fn from_timestamp(t: OffsetDateTime) -> SystemTime {
    let nanos = t.unix_timestamp_nanos();
    let magnitude = Duration::from_nanos(u64::try_from(nanos.unsigned_abs()).unwrap_or(u64::MAX));
    if nanos >= 0 {
        UNIX_EPOCH + magnitude
    } else {
        UNIX_EPOCH.checked_sub(magnitude).unwrap_or(UNIX_EPOCH)
    }
}

/// A stored platform name as a [`Platform`].
pub(crate) fn platform(name: &str) -> Result<Platform, PgError> {
    serde_json::from_value(Value::String(name.to_owned()))
        .map_err(|_| PgError::Corrupt(format!("unknown platform `{name}`")))
}

/// A latency in whole microseconds (saturating).
pub(crate) fn micros(d: Duration) -> i64 {
    i64::try_from(d.as_micros()).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_round_trip_at_microsecond_precision() {
        let t = UNIX_EPOCH + Duration::from_micros(1_795_258_800_123_456);
        assert_eq!(from_timestamp(to_timestamp(t).unwrap()), t);
        assert_eq!(
            from_timestamp(to_timestamp(UNIX_EPOCH).unwrap()),
            UNIX_EPOCH
        );
    }

    #[test]
    fn platforms_round_trip() {
        for p in [
            Platform::Shopify,
            Platform::Magento,
            Platform::Neto,
            Platform::Bigcommerce,
            Platform::Local,
        ] {
            assert_eq!(platform(p.as_str()).unwrap(), p);
        }
        assert!(platform("woocommerce").is_err());
    }
}
