//! The one wire format: JSON with snake_case fields, money as
//! `{"amount": "12.30", "currency": "CNY"}`, decimals as strings, times as RFC 3339 and ids
//! as strings. Every surface (Rust, CLI, Python, JS) decodes through here, so a given input
//! gives the same result, or the same error code, everywhere.

pub(crate) mod batch;
pub(crate) mod call;
pub(crate) mod decimal;
pub(crate) mod tagged;

pub use batch::{
    AllocateBatch, AllocateBatchItem, AllocateBatchRequest, BatchDetail, ItemError,
    MAX_BATCH_ITEMS,
};
#[cfg(feature = "groupbuy")]
pub use batch::{ProgressBatch, ProgressBatchItem, ProgressBatchRequest};
#[cfg(feature = "promotions")]
pub use batch::{QuoteBatch, QuoteBatchItem, QuoteBatchRequest};
pub use call::{call, call_value, check_function, decode, WireFunction, FUNCTIONS, WIRE_FUNCTIONS};
pub use decimal::{decimal_string, option_decimal_string, parse_decimal, vec_decimal_string};
pub(crate) use decimal::{float_text, format_decimal, DecimalText};

/// `Deserialize` for an internally tagged enum through its externally tagged mirror (see
/// [`tagged`]): `tagged_deserialize!(Enum, EnumWire, "type")`, where `EnumWire` is declared
/// with `#[serde(remote = "Enum")]`, the enum's variants and fields and no tag.
macro_rules! tagged_deserialize {
    ($ty:ident, $mirror:ident, $tag:literal) => {
        impl $crate::wire::tagged::Tagged for $ty {
            const TAG: &'static str = $tag;
            const EXPECTING: &'static str = concat!("internally tagged enum ", stringify!($ty));
            fn variant<'de, D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                $mirror::deserialize(deserializer)
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::wire::tagged::deserialize(deserializer)
            }
        }
    };
}
pub(crate) use tagged_deserialize;

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
