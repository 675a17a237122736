//! The self-signed certificate `serve` answers with, made once and kept in
//! `target/desk/serve/`; its private key readable by its owner alone.

use crate::{Error, output};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The certificate and key `serve` uses, generated on first use: `(cert.pem, key.pem)`. The
/// key is the owner's alone (mode 0600 on Unix), also when an older version left it readable
/// by others.
///
/// # Errors
///
/// They cannot be generated or written, or the key's mode cannot be set.
pub fn certificate(dir: &Path) -> Result<(PathBuf, PathBuf), Error> {
    let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
    if cert.is_file() && key.is_file() {
        owner_only(&key).map_err(|e| Error::io(&key, &e))?;
        return Ok((cert, key));
    }
    let generated =
        rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])
            .map_err(|e| Error::new(format!("generating a certificate: {e}")))?;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, &e))?;
    std::fs::write(&cert, generated.cert.pem()).map_err(|e| Error::io(&cert, &e))?;
    write_key(&key, &generated.signing_key.serialize_pem()).map_err(|e| Error::io(&key, &e))?;
    output::status(
        "Generated",
        format!("a self-signed certificate: {}", cert.display()),
    );
    Ok((cert, key))
}

/// Writes the key, its mode set before its content is: no moment when others can read it.
fn write_key(path: &Path, pem: &str) -> std::io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    // The mode given to `open` applies to a new file only.
    owner_only(path)?;
    file.write_all(pem.as_bytes())
}

/// The file readable and writable by its owner alone.
fn owner_only(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// The TLS configuration of the certificate and key: TLS 1.2 and 1.3, ring's primitives.
///
/// # Errors
///
/// They cannot be read, or do not make a key pair.
pub fn tls_config(cert: &Path, key: &Path) -> Result<Arc<rustls::ServerConfig>, Error> {
    let certs = CertificateDer::pem_file_iter(cert)
        .and_then(Iterator::collect::<Result<Vec<_>, _>>)
        .map_err(|e| Error::new(format!("{}: {e}", cert.display())))?;
    let key = PrivateKeyDer::from_pem_file(key)
        .map_err(|e| Error::new(format!("{}: {e}", key.display())))?;
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| Error::new(e.to_string()))?
    .with_no_client_auth()
    .with_single_cert(certs, key)
    .map_err(|e| Error::new(format!("the certificate: {e}")))?;
    Ok(Arc::new(config))
}
