//! The one wire format: JSON with snake_case fields, money as
//! `{"amount": "12.30", "currency": "CNY"}`, decimals as strings, times as RFC 3339 and ids
//! as strings. Every surface (Rust, CLI, Python, JS) decodes through here, so a given input
//! gives the same result, or the same error code, everywhere.

pub(crate) mod batch;
pub(crate) mod call;
pub(crate) mod decimal;

pub use batch::{
    AllocateBatch, AllocateBatchItem, AllocateBatchRequest, BatchDetail, ItemError, ProgressBatch,
    ProgressBatchItem, ProgressBatchRequest, QuoteBatch, QuoteBatchItem, QuoteBatchRequest,
    MAX_BATCH_ITEMS,
};
pub use call::{call, call_value, check_function, decode, FUNCTIONS};
pub use decimal::{decimal_string, option_decimal_string, parse_decimal, vec_decimal_string};
pub(crate) use decimal::{format_decimal, DecimalText};

/// Schema stand-in for a `Decimal` written as a string.
#[cfg(feature = "schema")]
pub(crate) struct DecimalString;

#[cfg(feature = "schema")]
impl schemars::JsonSchema for DecimalString {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DecimalString".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An exact decimal written as a string, e.g. \"12.30\" or \"1E-7\". Where the value is not money (weights, steps, factors) a JSON integer is also accepted; other JSON numbers are rejected.",
            "anyOf": [
                { "type": "string", "pattern": "^[+-]?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?$" },
                { "type": "integer" }
            ]
        })
    }
}
