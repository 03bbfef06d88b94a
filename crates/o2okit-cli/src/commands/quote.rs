//! `o2okit quote [FILE|-]`: price a cart under promotions and print the receipt.

use o2okit::QuoteRequest;

use crate::cli::QuoteArgs;
use crate::error::{encode_error, pretty_json, CliError};
use crate::input::read_input;
use crate::receipt;

/// Read the QuoteRequest, quote, and render the receipt (or the Quote JSON).
pub fn run(args: &QuoteArgs) -> Result<String, CliError> {
    let request = o2okit::decode::<QuoteRequest>(&read_input(args.file.as_deref())?)?;
    let quote = o2okit::quote(&request.cart, &request.promotions, &request.context)?;
    if args.json {
        let value = serde_json::to_value(&quote).map_err(encode_error)?;
        Ok(pretty_json(&value))
    } else {
        Ok(receipt::receipt(&quote, ""))
    }
}
