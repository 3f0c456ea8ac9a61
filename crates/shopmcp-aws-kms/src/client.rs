//! Building the SDK client: explicit region, retries, timeouts and endpoint, whatever the
//! environment says.

use aws_sdk_kms::Client;
use aws_sdk_kms::config::retry::RetryConfig;
use aws_sdk_kms::config::timeout::TimeoutConfig;
use aws_sdk_kms::config::{BehaviorVersion, Builder, Region};

use crate::KmsConfig;

/// Applies `config` to `builder` (which brings the credentials) and builds the client.
pub(crate) fn build(config: &KmsConfig, builder: Builder) -> Client {
    let retry = RetryConfig::standard()
        .with_max_attempts(config.max_attempts)
        .with_initial_backoff(config.initial_backoff)
        .with_max_backoff(config.max_backoff);
    let timeouts = TimeoutConfig::builder()
        .connect_timeout(config.timeouts.connect)
        .read_timeout(config.timeouts.attempt)
        .operation_attempt_timeout(config.timeouts.attempt)
        .operation_timeout(config.timeouts.operation)
        .build();
    let mut builder = builder
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(config.region.clone()))
        .retry_config(retry)
        .timeout_config(timeouts);
    // Never taken from the environment (`AWS_ENDPOINT_URL`): only an explicit override.
    builder.set_endpoint_url(
        config
            .endpoint_override
            .as_ref()
            .map(|url| url.as_str().trim_end_matches('/').to_owned()),
    );
    Client::from_conf(builder.build())
}
