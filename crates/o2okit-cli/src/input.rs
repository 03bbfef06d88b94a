//! Reading JSON input from a file or from stdin.

use std::io::Read;
use std::path::Path;

use crate::error::CliError;

/// Read all of `source`: a file path, or `-` (or nothing) for stdin.
pub fn read_input(source: Option<&Path>) -> Result<String, CliError> {
    match source {
        None => read_stdin(),
        Some(path) if path == Path::new("-") => read_stdin(),
        Some(path) => std::fs::read_to_string(path).map_err(|source| CliError::Io {
            what: format!("cannot read {}", path.display()),
            source,
        }),
    }
}

fn read_stdin() -> Result<String, CliError> {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|source| CliError::Io {
            what: "cannot read stdin".into(),
            source,
        })?;
    Ok(text)
}
