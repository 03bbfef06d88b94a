//! The CLI's failures and how they are reported.
//!
//! Two kinds: an [`o2okit::Error`] (bad input, exit status 2, reported with its stable
//! code) and an I/O problem (a missing file, an unreadable stdin, exit status 1).

use std::io::Write;
use std::process::ExitCode;

/// Exit status for an input the library rejected (same as clap's usage errors).
pub const EXIT_INPUT: u8 = 2;
/// Exit status for an I/O problem.
pub const EXIT_IO: u8 = 1;
/// Exit status when `o2okit voucher verify` rejects a code (bad check digit, mismatch,
/// expired).
pub const EXIT_REJECTED: u8 = 3;

/// Everything that can make a command fail.
#[derive(Debug)]
pub enum CliError {
    /// The library rejected the input.
    Core(o2okit::Error),
    /// The arguments do not make a request (clap normally catches these first).
    Usage(String),
    /// A voucher code was checked and is not valid: the verdict is printed (on stdout) and
    /// the exit status is 3, so scripts can tell a rejected code from bad input.
    Rejected(String),
    /// Reading input or writing output failed.
    Io {
        /// What was being done ("cannot read data.json").
        what: String,
        /// The underlying error.
        source: std::io::Error,
    },
}

impl From<o2okit::Error> for CliError {
    fn from(error: o2okit::Error) -> Self {
        CliError::Core(error)
    }
}

impl CliError {
    /// The process exit status for this error.
    pub fn exit_status(&self) -> u8 {
        match self {
            CliError::Core(_) | CliError::Usage(_) => EXIT_INPUT,
            CliError::Io { .. } => EXIT_IO,
            CliError::Rejected(_) => EXIT_REJECTED,
        }
    }

    /// Report the error: `error[CODE]: message` on stderr or, when `json` is set and the
    /// error comes from the library, its JSON form on stdout. Returns the exit code.
    pub fn report(&self, json: bool) -> ExitCode {
        match self {
            CliError::Core(error) if json => {
                let text = pretty_json(&error.to_json_value());
                if write_stdout(&text).is_err() {
                    eprintln!("error[{}]: {error}", error.code());
                }
            }
            CliError::Core(error) => eprintln!("error[{}]: {error}", error.code()),
            CliError::Usage(message) => eprintln!("error[usage]: {message}"),
            CliError::Io { what, source } => eprintln!("error[io]: {what}: {source}"),
            CliError::Rejected(verdict) => {
                if write_stdout(verdict).is_err() {
                    eprint!("{verdict}");
                }
            }
        }
        ExitCode::from(self.exit_status())
    }
}

/// Pretty JSON with a trailing newline. Serialising a `serde_json::Value` cannot fail.
pub fn pretty_json(value: &serde_json::Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string());
    text.push('\n');
    text
}

/// The error for a value that could not be turned into JSON (the core's wording).
pub fn encode_error(error: serde_json::Error) -> CliError {
    CliError::Core(o2okit::Error::Decode {
        code: "invalid_json",
        message: format!("could not encode the result: {error}"),
    })
}

/// Write `text` to stdout. A closed pipe (`o2okit currencies | head`) is not an error.
pub fn write_stdout(text: &str) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(CliError::Io {
            what: "cannot write to stdout".into(),
            source: e,
        }),
        _ => Ok(()),
    }
}
