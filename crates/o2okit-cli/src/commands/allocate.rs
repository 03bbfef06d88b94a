//! `o2okit allocate`: split an amount by weights.

use o2okit::{AllocationRequest, Currency, Money};

use crate::cli::AllocateArgs;
use crate::error::{encode_error, pretty_json, CliError};
use crate::input::read_input;
use crate::render;

/// Build the request (from flags or JSON), allocate, and render.
pub fn run(args: &AllocateArgs) -> Result<String, CliError> {
    let request = match &args.request {
        Some(path) => o2okit::decode::<AllocationRequest>(&read_input(Some(path))?)?,
        None => request_from_flags(args)?,
    };
    let allocation = request.allocate()?;
    if args.json {
        let value = serde_json::to_value(&allocation).map_err(encode_error)?;
        Ok(pretty_json(&value))
    } else {
        Ok(render::allocation_report(&allocation))
    }
}

fn request_from_flags(args: &AllocateArgs) -> Result<AllocationRequest, CliError> {
    // clap guarantees these three are present without --request; stay total anyway.
    let missing =
        |flag: &str| CliError::Usage(format!("{flag} is required (or give --request FILE)"));
    let currency = Currency::from_code(
        args.currency
            .as_deref()
            .ok_or_else(|| missing("--currency"))?,
    )?;
    let total = Money::parse(
        args.total.as_deref().ok_or_else(|| missing("--total"))?,
        currency,
    )?;
    let weights = args
        .weights
        .as_deref()
        .ok_or_else(|| missing("--weights"))?
        .split(',')
        .map(|w| o2okit::parse_decimal(w.trim()))
        .collect::<Result<Vec<_>, _>>()?;
    let mut request = AllocationRequest::new(total, weights);
    if let Some(caps) = &args.caps {
        let caps = caps
            .split(',')
            .map(|cap| match cap.trim() {
                "" => Ok(None),
                cap => Money::parse(cap, currency).map(Some),
            })
            .collect::<Result<Vec<_>, _>>()?;
        request = request.with_caps(caps);
    }
    if let Some(step) = &args.step {
        request = request.with_step(o2okit::parse_decimal(step.trim())?);
    }
    Ok(request)
}
