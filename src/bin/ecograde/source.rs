//! Reading files and loading the policy: the edge where text comes in.

use crate::Failure;
use ecograde::Policy;
use std::path::Path;

/// A path as the user wrote it, for messages and for `Location::file`.
pub(crate) fn shown(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// Reads a UTF-8 text file.
///
/// # Errors
/// A [`Failure`] naming the file when it cannot be read or is not UTF-8.
pub(crate) fn read(path: &Path) -> Result<String, Failure> {
    std::fs::read_to_string(path).map_err(|e| {
        // The same words on every platform, lower case like every other message.
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file".to_owned(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
            std::io::ErrorKind::InvalidData => "not UTF-8 text".to_owned(),
            _ => e.to_string(),
        };
        Failure::in_file(&shown(path), format_args!("cannot read the file: {why}"))
    })
}

/// The policy in `path`, or the embedded default policy when there is none. Its warnings go
/// to stderr.
///
/// # Errors
/// A [`Failure`] when the file cannot be read or the policy does not load; the message lists
/// every error diagnostic with its place.
pub(crate) fn policy(path: Option<&Path>) -> Result<Policy, Failure> {
    let Some(path) = path else {
        return Ok(Policy::beijing_2026());
    };
    let file = shown(path);
    let text = read(path)?;
    let policy = Policy::from_toml(&text, &file).map_err(|e| {
        let count = e.report().errors().count();
        let noun = if count == 1 { "error" } else { "errors" };
        Failure(format!(
            "error: {file}: the policy does not load ({count} {noun}):\n{e}"
        ))
    })?;
    for diagnostic in policy.warnings() {
        eprintln!("{diagnostic}");
    }
    Ok(policy)
}
