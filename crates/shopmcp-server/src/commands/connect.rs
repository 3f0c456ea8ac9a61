//! `connect`: store a credential for a workspace in the encrypted vault.

use std::io::{BufRead, Write};

use shopmcp_core::{CredentialSet, CredentialSlot, Platform};
use std::sync::Arc;

use shopmcp_vault::{CredentialStore, EncryptedCredentialProvider, KeyWrapper, LocalKeyWrapper};

use super::{CommandError, find_workspace};
use crate::config::Config;
use crate::credential_kinds;
use crate::secret_input::read_secret;

/// The platform enum for a name.
pub fn platform(name: &str) -> Result<Platform, CommandError> {
    Ok(match name {
        "shopify" => Platform::Shopify,
        "magento" => Platform::Magento,
        "bigcommerce" => Platform::Bigcommerce,
        "neto" => Platform::Neto,
        other => {
            return Err(CommandError(format!(
                "unknown platform `{other}`; use shopify, magento, bigcommerce or neto"
            )));
        }
    })
}

/// The vault: a credential store and a key wrapper chosen by the configuration.
pub type Vault = EncryptedCredentialProvider<Arc<dyn CredentialStore>, Arc<dyn KeyWrapper>>;

/// Opens the vault over `store`: the local master key file or, when `backends.kms_key_id`
/// is set, AWS KMS.
pub async fn open_vault_with(
    config: &Config,
    store: Arc<dyn CredentialStore>,
) -> Result<Vault, CommandError> {
    let paths = config.paths();
    let wrapper: Arc<dyn KeyWrapper> =
        match (&config.backends.kms_key_id, &config.backends.kms_region) {
            (Some(key), Some(region)) => Arc::new(
                shopmcp_aws_kms::AwsKmsKeyWrapper::new(shopmcp_aws_kms::KmsConfig::new(
                    key.clone(),
                    region.clone(),
                ))
                .await
                .map_err(|e| CommandError(format!("AWS KMS key {key}: {e}")))?,
            ),
            _ => Arc::new(
                LocalKeyWrapper::open_or_create(&paths.master_key)
                    .map_err(CommandError::from_display)?,
            ),
        };
    EncryptedCredentialProvider::new(store, wrapper).map_err(CommandError::from_display)
}

/// Opens the vault of `config` over its configured credential store.
pub async fn open_vault(config: &Config) -> Result<Vault, CommandError> {
    let stores = crate::stores::open(config).await?;
    open_vault_with(config, stores.credentials).await
}

/// Arguments of `connect`.
#[derive(Debug, Clone, Copy)]
pub struct ConnectArgs<'a> {
    /// Workspace id or name.
    pub workspace: &'a str,
    /// Platform name.
    pub platform: &'a str,
    /// Slot name.
    pub slot: &'a str,
    /// Kind name.
    pub kind: &'a str,
}

/// Reads each field of the credential (prompt or stdin lines) and stores it encrypted.
pub async fn run(
    config: &Config,
    args: ConnectArgs<'_>,
    input: &mut dyn BufRead,
    interactive: bool,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let ws = find_workspace(config, args.workspace)?;
    let platform = platform(args.platform)?;
    if !ws.platforms().contains(&args.platform) {
        return Err(CommandError(format!(
            "workspace {} has no [{}] section in the configuration; add it before connecting",
            ws.name, args.platform
        )));
    }
    let kind = credential_kinds::find(args.platform, args.slot, args.kind).ok_or_else(|| {
        CommandError(format!(
            "{} has no credential kind `{}` in slot `{}`; available: {}",
            args.platform,
            args.kind,
            args.slot,
            credential_kinds::describe(args.platform)
        ))
    })?;
    let mut set = CredentialSet::new(kind.kind);
    for field in kind.fields.iter().chain(kind.optional) {
        let optional = kind.optional.contains(field);
        let label = format!(
            "{}.{} {}{}",
            args.platform,
            kind.slot,
            field,
            if optional {
                " (optional, empty to skip)"
            } else {
                ""
            }
        );
        let value = read_secret(&label, input, interactive).map_err(CommandError::from_display)?;
        if shopmcp_core::secret::ExposeSecret::expose_secret(&value).is_empty() {
            if optional {
                continue;
            }
            return Err(CommandError(format!("`{field}` is required")));
        }
        set.insert(*field, value);
    }
    let vault = open_vault(config).await?;
    let slot = CredentialSlot::new(platform, kind.slot);
    vault
        .put_credential(ws.id, slot, &set)
        .await
        .map_err(CommandError::from_display)?;
    writeln!(
        out,
        "stored {slot} ({}) for workspace {} encrypted in {}",
        kind.kind,
        ws.name,
        config.paths().vault.display()
    )
    .map_err(CommandError::from_display)?;
    Ok(())
}
