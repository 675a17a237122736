//! `cargo desk pack`: the zip the platform takes, as `zet pack` makes it: `plugin-manifest.json`,
//! `resources.json` and the files of `app/` the platform packs, at the zip's root.

use crate::Error;
use crate::validate::packed;
use std::io::Write;
use std::path::{Path, PathBuf};
use zip::write::SimpleFileOptions;

/// Writes the package in `dir` as the zip `out`; returns the paths it holds, in order.
///
/// # Errors
///
/// A file cannot be read or the zip written.
pub fn zip(dir: &Path, out: &Path) -> Result<Vec<String>, Error> {
    let mut names = vec!["plugin-manifest.json".to_owned()];
    if dir.join("resources.json").is_file() {
        names.push("resources.json".to_owned());
    }
    app_files(dir, Path::new("app"), &mut names)?;
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, &e))?;
    }
    let partial = out.with_extension("zip.partial");
    let file = std::fs::File::create(&partial).map_err(|e| Error::io(&partial, &e))?;
    let mut zip = zip::ZipWriter::new(file);
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .unix_permissions(0o644);
    for name in &names {
        let path = dir.join(name);
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, &e))?;
        zip.start_file(name.as_str(), options)
            .and_then(|()| zip.write_all(&bytes).map_err(Into::into))
            .map_err(|e| Error::new(format!("{}: {e}", partial.display())))?;
    }
    zip.finish()
        .map_err(|e| Error::new(format!("{}: {e}", partial.display())))?;
    std::fs::rename(&partial, out).map_err(|e| Error::io(out, &e))?;
    Ok(names)
}

fn app_files(dir: &Path, relative: &Path, names: &mut Vec<String>) -> Result<(), Error> {
    let path = dir.join(relative);
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&path)
        .map_err(|e| Error::io(&path, &e))?
        .filter_map(Result::ok)
        .map(|e| relative.join(e.file_name()))
        .collect();
    entries.sort();
    for entry in entries {
        if dir.join(&entry).is_dir() {
            app_files(dir, &entry, names)?;
        } else if packed(&entry) {
            names.push(
                entry
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/"),
            );
        }
    }
    Ok(())
}
