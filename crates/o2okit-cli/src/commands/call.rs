//! `o2okit call FUNCTION [FILE|-]`: any wire function, JSON in, JSON out.

use crate::cli::CallArgs;
use crate::error::{encode_error, pretty_json, CliError};
use crate::input::read_input;

/// Check the function name, read the input, call, print.
///
/// The text goes through [`o2okit::call`], the same JSON-text path the bindings use, so
/// decoding errors carry the library's messages (with line and column).
pub fn run(args: &CallArgs) -> Result<String, CliError> {
    // Reject an unknown name before waiting on stdin.
    o2okit::check_function(&args.function)?;
    let text = read_input(args.file.as_deref())?;
    let mut output = o2okit::call(&args.function, &text)?;
    if args.compact {
        output.push('\n');
        return Ok(output);
    }
    let value: serde_json::Value = serde_json::from_str(&output).map_err(encode_error)?;
    Ok(pretty_json(&value))
}
