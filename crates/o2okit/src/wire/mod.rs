//! The one wire format: JSON with snake_case fields, money as
//! `{"amount": "12.30", "currency": "CNY"}`, decimals as strings, times as RFC 3339 and ids
//! as strings. Every surface (Rust, CLI, Python, JS) decodes through here, so a given input
//! gives the same result, or the same error code, everywhere.

pub(crate) mod call;
pub(crate) mod decimal;

pub use call::{call, call_value, decode, FUNCTIONS};
pub use decimal::{decimal_string, option_decimal_string, parse_decimal, vec_decimal_string};

/// Schema stand-in for a `Decimal` written as a string.
#[cfg(feature = "schema")]
#[derive(schemars::JsonSchema)]
#[schemars(
    description = "An exact decimal written as a string, e.g. \"12.30\" (JSON integers are also accepted where the value is not money).",
    regex(pattern = r"^[+-]?[0-9]+(\.[0-9]+)?$")
)]
#[allow(dead_code)]
pub(crate) struct DecimalString(String);
