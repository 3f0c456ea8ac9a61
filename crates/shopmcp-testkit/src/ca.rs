//! [`TestCa`]: a certificate authority generated at run time (rcgen with aws-lc-rs).

use std::fmt;
use std::sync::Arc;

use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose,
};
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::crypto::aws_lc_rs;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

use crate::Error;

/// Names every fake HTTPS server certificate covers, besides the ones a test adds.
pub const DEFAULT_SERVER_NAMES: [&str; 5] = [
    "localhost",
    "127.0.0.1",
    "::1",
    "*.myshopify.com",
    "api.bigcommerce.com",
];

/// A throwaway root CA. No client trusts it until a test adds [`TestCa::pem`] as a root.
pub struct TestCa {
    cert: CertificateDer<'static>,
    pem: String,
    issuer: Issuer<'static, KeyPair>,
}

impl TestCa {
    /// Generates a fresh CA key and self-signed CA certificate.
    pub fn new() -> Result<Self, Error> {
        let mut params = CertificateParams::new(Vec::<String>::new())?;
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params
            .distinguished_name
            .push(DnType::CommonName, "shopmcp testkit CA");
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let key = KeyPair::generate()?;
        let cert = params.self_signed(&key)?;
        Ok(Self {
            pem: cert.pem(),
            cert: cert.der().clone(),
            issuer: Issuer::new(params, key),
        })
    }

    /// The CA certificate, PEM: what a client adds with
    /// `HttpClientBuilder::add_root_certificate_pem`.
    pub fn pem(&self) -> &str {
        &self.pem
    }

    /// A TLS server configuration with a fresh leaf certificate for
    /// [`DEFAULT_SERVER_NAMES`] plus `extra_names`, signed by this CA.
    pub fn server_config(&self, extra_names: &[&str]) -> Result<Arc<ServerConfig>, Error> {
        let names: Vec<String> = DEFAULT_SERVER_NAMES
            .iter()
            .chain(extra_names)
            .map(|n| (*n).to_owned())
            .collect();
        let mut params = CertificateParams::new(names)?;
        params
            .distinguished_name
            .push(DnType::CommonName, "shopmcp fake upstream");
        params.use_authority_key_identifier_extension = true;
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        let key = KeyPair::generate()?;
        let leaf = params.signed_by(&key, &self.issuer)?;
        let chain = vec![leaf.der().clone(), self.cert.clone()];
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
        let mut config =
            ServerConfig::builder_with_provider(Arc::new(aws_lc_rs::default_provider()))
                .with_safe_default_protocol_versions()?
                .with_no_client_auth()
                .with_single_cert(chain, key)?;
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(Arc::new(config))
    }
}

impl fmt::Debug for TestCa {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TestCa").finish_non_exhaustive()
    }
}
