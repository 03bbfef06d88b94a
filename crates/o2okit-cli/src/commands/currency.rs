//! `o2okit currency CODE` and `o2okit currencies`.

use o2okit::{Currency, CurrencyDescription};

use crate::cli::{CurrenciesArgs, CurrencyArgs};
use crate::error::{encode_error, pretty_json, CliError};
use crate::render;

/// One currency.
pub fn run_one(args: &CurrencyArgs) -> Result<String, CliError> {
    let currency = Currency::from_code(&args.code)?;
    if args.json {
        return Ok(pretty_json(&describe(currency)?));
    }
    Ok(format!(
        "{code}  {name}\nminor units: {minor} (the smallest unit is {unit})\n",
        code = currency.code(),
        name = currency.name(),
        minor = currency.minor_units(),
        unit = render::smallest_unit(currency),
    ))
}

/// Every currency, sorted by code.
pub fn run_all(args: &CurrenciesArgs) -> Result<String, CliError> {
    if args.json {
        let all = Currency::all()
            .map(describe)
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(pretty_json(&serde_json::Value::Array(all)));
    }
    Ok(render::currency_table(Currency::all()))
}

/// The wire description `{code, minor_units, name}`.
fn describe(currency: Currency) -> Result<serde_json::Value, CliError> {
    serde_json::to_value(CurrencyDescription::from(currency)).map_err(encode_error)
}
