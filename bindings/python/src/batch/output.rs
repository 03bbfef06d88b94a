//! Writing output columns: exact decimals at the currency's scale, text, error columns.

use std::sync::Arc;

use arrow_array::builder::StringBuilder;
use arrow_array::{ArrayRef, Decimal128Array};
use arrow_buffer::{NullBuffer, NullBufferBuilder, ScalarBuffer};
use arrow_schema::{DataType, Field};

use super::errors::Failure;

/// The precision of every money column written: the widest decimal128 (amounts themselves
/// never exceed 28 significant digits).
pub(crate) const MONEY_PRECISION: u8 = 38;

/// The Arrow type of a money column in a currency with `minor_units` decimals.
pub(crate) fn money_type(minor_units: u32) -> DataType {
    DataType::Decimal128(MONEY_PRECISION, i8::try_from(minor_units).unwrap_or(0))
}

pub(crate) fn money_field(name: &str, minor_units: u32, nullable: bool) -> Field {
    Field::new(name, money_type(minor_units), nullable)
}

pub(crate) fn text_field(name: &str, nullable: bool) -> Field {
    Field::new(name, DataType::Utf8, nullable)
}

/// A decimal128 column of minor units, built row by row.
pub(crate) struct MoneyOut {
    values: Vec<i128>,
    nulls: NullBufferBuilder,
    scale: i8,
}

impl MoneyOut {
    pub(crate) fn new(minor_units: u32, capacity: usize) -> MoneyOut {
        MoneyOut {
            values: Vec::with_capacity(capacity),
            nulls: NullBufferBuilder::new(capacity),
            scale: i8::try_from(minor_units).unwrap_or(0),
        }
    }

    pub(crate) fn push(&mut self, minor: i128) {
        self.values.push(minor);
        self.nulls.append_non_null();
    }

    pub(crate) fn push_opt(&mut self, minor: Option<i128>) {
        match minor {
            Some(v) => self.push(v),
            None => self.push_null(),
        }
    }

    pub(crate) fn push_null(&mut self) {
        self.values.push(0);
        self.nulls.append_null();
    }

    pub(crate) fn finish(mut self) -> ArrayRef {
        let nulls = self.nulls.finish();
        decimal_array(self.values, nulls, self.scale)
    }
}

/// A decimal128 array of `values` at `scale`.
pub(crate) fn decimal_array(values: Vec<i128>, nulls: Option<NullBuffer>, scale: i8) -> ArrayRef {
    let array = Decimal128Array::new(ScalarBuffer::from(values), nulls);
    // Precision 38 holds every i128 a money amount can be; the scale is the currency's.
    match array
        .clone()
        .with_precision_and_scale(MONEY_PRECISION, scale)
    {
        Ok(a) => Arc::new(a),
        Err(_) => Arc::new(array),
    }
}

/// The `error_code` and `error_message` columns.
pub(crate) struct ErrorOut {
    code: StringBuilder,
    message: StringBuilder,
    /// The first failure of the rows written, with its row in the whole input.
    pub(crate) first: Option<Failure>,
}

impl ErrorOut {
    pub(crate) fn new(capacity: usize) -> ErrorOut {
        ErrorOut {
            code: StringBuilder::with_capacity(capacity, 0),
            message: StringBuilder::with_capacity(capacity, 0),
            first: None,
        }
    }

    pub(crate) fn ok(&mut self) {
        self.code.append_null();
        self.message.append_null();
    }

    pub(crate) fn fail(&mut self, failure: Failure) {
        self.code.append_value(failure.code);
        self.message.append_value(&failure.message);
        if self.first.is_none() {
            self.first = Some(failure);
        }
    }

    pub(crate) fn fields() -> [Field; 2] {
        [
            text_field("error_code", true),
            text_field("error_message", true),
        ]
    }

    pub(crate) fn finish(mut self) -> ([ArrayRef; 2], Option<Failure>) {
        (
            [
                Arc::new(self.code.finish()) as ArrayRef,
                Arc::new(self.message.finish()) as ArrayRef,
            ],
            self.first,
        )
    }
}

/// A count as a signed integer (what Spark and most tools read; counts never come near the
/// top of the range).
pub(crate) fn count(n: u32) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// A 64-bit count as a signed integer.
pub(crate) fn count64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
