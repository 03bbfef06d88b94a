//! Reading input columns: typed views over Arrow arrays, checked once per batch (a missing
//! column, a wrong type, a float money column or a naive timestamp is a [`Failure`] naming
//! the column) and read per row without copying (a bad value is a per-row [`Failure`]).

use std::ops::Range;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Decimal128Type, Decimal32Type, Decimal64Type, Int16Type, Int32Type, Int64Type, Int8Type,
    TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
    TimestampSecondType, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{
    Array, ArrayRef, BooleanArray, GenericListArray, LargeStringArray, OffsetSizeTrait,
    RecordBatch, StringArray, StringViewArray, StructArray,
};
use arrow_buffer::NullBuffer;
use arrow_schema::{DataType, TimeUnit};
use chrono::{DateTime, FixedOffset, Utc};
use o2okit::{Currency, Decimal, Error, Money};

use super::errors::Failure;

/// A source of named columns: a record batch, or the struct inside a list column.
#[derive(Clone, Copy)]
pub(crate) enum Source<'a> {
    Batch(&'a RecordBatch),
    Struct(&'a StructArray, &'static str),
}

impl<'a> Source<'a> {
    pub(crate) fn get(&self, name: &str) -> Option<&'a ArrayRef> {
        match self {
            Source::Batch(batch) => batch.column_by_name(name),
            Source::Struct(array, _) => array.column_by_name(name),
        }
    }

    /// The full name of field `name` for messages: `paid`, or `journey.at`.
    pub(crate) fn path(&self, name: &str) -> String {
        match self {
            Source::Batch(_) => name.to_string(),
            Source::Struct(_, parent) => format!("{parent}.{name}"),
        }
    }

    /// The names of the columns (or fields).
    pub(crate) fn names(&self) -> Vec<String> {
        match self {
            Source::Batch(batch) => batch
                .schema()
                .fields()
                .iter()
                .map(|f| f.name().clone())
                .collect(),
            Source::Struct(array, _) => {
                array.column_names().iter().map(|s| s.to_string()).collect()
            }
        }
    }

    fn required(&self, name: &str, what: &str) -> Result<&'a ArrayRef, Failure> {
        self.get(name).ok_or_else(|| {
            let mut known = self.names();
            known.truncate(20);
            Failure::schema(
                &self.path(name),
                format!(
                    "missing: the input needs a column `{}` ({what}); it has {}",
                    self.path(name),
                    if known.is_empty() {
                        "no columns".to_string()
                    } else {
                        known
                            .iter()
                            .map(|n| format!("`{}`", self.path(n)))
                            .collect::<Vec<_>>()
                            .join(", ")
                    }
                ),
            )
        })
    }
}

fn wrong_type(column: &str, found: &DataType, wanted: &str) -> Failure {
    Failure::schema(column, format!("has type {found}; it must be {wanted}"))
}

/// A per-row failure for a value of `column`.
fn bad_value(column: &str, err: Error) -> Failure {
    Failure::value(column, err)
}

/// A text column: utf8, large_utf8, utf8_view or a dictionary of one of them.
pub(crate) enum StrCol<'a> {
    Absent,
    Utf8(&'a StringArray),
    Large(&'a LargeStringArray),
    View(&'a StringViewArray),
    Dict {
        keys: IntCol<'a>,
        values: Box<StrCol<'a>>,
    },
}

const TEXT: &str = "text (utf8, large_utf8, utf8_view or a dictionary of text)";

impl<'a> StrCol<'a> {
    pub(crate) fn of(array: &'a ArrayRef, column: &str) -> Result<StrCol<'a>, Failure> {
        Ok(match array.data_type() {
            DataType::Utf8 => StrCol::Utf8(array.as_string::<i32>()),
            DataType::LargeUtf8 => StrCol::Large(array.as_string::<i64>()),
            DataType::Utf8View => StrCol::View(array.as_string_view()),
            DataType::Dictionary(_, value) if is_text(value) => {
                let dict = array
                    .as_any_dictionary_opt()
                    .ok_or_else(|| wrong_type(column, array.data_type(), TEXT))?;
                let values: &'a ArrayRef = dict.values();
                StrCol::Dict {
                    keys: IntCol::of(dict.keys(), column)?,
                    values: Box::new(StrCol::of(values, column)?),
                }
            }
            other => return Err(wrong_type(column, other, TEXT)),
        })
    }

    pub(crate) fn optional(source: Source<'a>, name: &str) -> Result<StrCol<'a>, Failure> {
        match source.get(name) {
            None => Ok(StrCol::Absent),
            Some(array) => StrCol::of(array, &source.path(name)),
        }
    }

    pub(crate) fn required(
        source: Source<'a>,
        name: &str,
        what: &str,
    ) -> Result<StrCol<'a>, Failure> {
        StrCol::of(source.required(name, what)?, &source.path(name))
    }

    /// The text at `row`, or `None` for a null (or an absent column).
    pub(crate) fn get(&self, row: usize) -> Option<&'a str> {
        match self {
            StrCol::Absent => None,
            StrCol::Utf8(a) => (!a.is_null(row)).then(|| a.value(row)),
            StrCol::Large(a) => (!a.is_null(row)).then(|| a.value(row)),
            StrCol::View(a) => (!a.is_null(row)).then(|| a.value(row)),
            StrCol::Dict { keys, values } => {
                let key = usize::try_from(keys.get_i128(row)?).ok()?;
                values.get(key)
            }
        }
    }

    pub(crate) fn is_absent(&self) -> bool {
        matches!(self, StrCol::Absent)
    }
}

fn is_text(t: &DataType) -> bool {
    matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View)
}

/// A money column: decimal128 (decimal32/64 too) at any scale, or text of decimals.
pub(crate) enum MoneyCol<'a> {
    Absent,
    Decimal {
        values: DecimalValues<'a>,
        scale: i8,
        nulls: Option<&'a NullBuffer>,
    },
    Text(StrCol<'a>),
}

/// The integer values of a decimal column.
pub(crate) enum DecimalValues<'a> {
    D128(&'a [i128]),
    D64(&'a [i64]),
    D32(&'a [i32]),
}

impl DecimalValues<'_> {
    fn get(&self, row: usize) -> Option<i128> {
        match self {
            DecimalValues::D128(v) => v.get(row).copied(),
            DecimalValues::D64(v) => v.get(row).map(|x| i128::from(*x)),
            DecimalValues::D32(v) => v.get(row).map(|x| i128::from(*x)),
        }
    }
}

const MONEY: &str = "decimal128 at the currency's scale (e.g. pyarrow.decimal128(18, 2) for CNY) or text of decimals (\"12.30\")";

/// Read a decimal column's raw integers, scale and nulls, if it is one.
fn decimal_parts(array: &ArrayRef) -> Option<(DecimalValues<'_>, i8, Option<&NullBuffer>)> {
    match array.data_type() {
        DataType::Decimal128(_, scale) => {
            let a = array.as_primitive::<Decimal128Type>();
            Some((DecimalValues::D128(a.values()), *scale, a.nulls()))
        }
        DataType::Decimal64(_, scale) => {
            let a = array.as_primitive::<Decimal64Type>();
            Some((DecimalValues::D64(a.values()), *scale, a.nulls()))
        }
        DataType::Decimal32(_, scale) => {
            let a = array.as_primitive::<Decimal32Type>();
            Some((DecimalValues::D32(a.values()), *scale, a.nulls()))
        }
        _ => None,
    }
}

impl<'a> MoneyCol<'a> {
    pub(crate) fn of(array: &'a ArrayRef, column: &str) -> Result<MoneyCol<'a>, Failure> {
        if let Some((values, scale, nulls)) = decimal_parts(array) {
            return Ok(MoneyCol::Decimal {
                values,
                scale,
                nulls,
            });
        }
        match array.data_type() {
            t if is_text(t) || matches!(t, DataType::Dictionary(_, v) if is_text(v)) => {
                Ok(MoneyCol::Text(StrCol::of(array, column)?))
            }
            DataType::Float16 | DataType::Float32 | DataType::Float64 => Err(Failure::float_money(
                column,
                array.data_type(),
            )),
            t if t.is_integer() => Err(Failure::schema(
                column,
                format!(
                    "has type {t}: an integer money column is ambiguous (whole yuan or fen?); cast it to {MONEY}, e.g. pyarrow.compute.divide(fen.cast(pyarrow.decimal128(18, 0)), 100).cast(pyarrow.decimal128(18, 2))"
                ),
            )),
            other => Err(wrong_type(column, other, MONEY)),
        }
    }

    pub(crate) fn optional(source: Source<'a>, name: &str) -> Result<MoneyCol<'a>, Failure> {
        match source.get(name) {
            None => Ok(MoneyCol::Absent),
            Some(array) => MoneyCol::of(array, &source.path(name)),
        }
    }

    pub(crate) fn required(
        source: Source<'a>,
        name: &str,
        what: &str,
    ) -> Result<MoneyCol<'a>, Failure> {
        MoneyCol::of(source.required(name, what)?, &source.path(name))
    }

    /// The amount at `row` in `currency` (`None` for a null), with the core's rules: more
    /// decimals than the currency has is `too_many_decimals`, as for `Money(...)`.
    pub(crate) fn get(
        &self,
        row: usize,
        currency: Currency,
        column: &str,
    ) -> Result<Option<Money>, Failure> {
        match self {
            MoneyCol::Absent => Ok(None),
            MoneyCol::Decimal {
                values,
                scale,
                nulls,
            } => {
                if nulls.is_some_and(|n| n.is_null(row)) {
                    return Ok(None);
                }
                let Some(v) = values.get(row) else {
                    return Ok(None);
                };
                decimal_money(v, *scale, currency)
                    .map(Some)
                    .map_err(|e| bad_value(column, e))
            }
            MoneyCol::Text(text) => match text.get(row) {
                None => Ok(None),
                Some(s) => Money::parse(s, currency)
                    .map(Some)
                    .map_err(|e| bad_value(column, e)),
            },
        }
    }
}

/// A decimal's raw integer at `scale` as money: the fast path when the scale is the
/// currency's, else `Money::new` on the exact decimal (the row-wise rules).
fn decimal_money(v: i128, scale: i8, currency: Currency) -> Result<Money, Error> {
    if i64::from(scale) == i64::from(currency.minor_units()) {
        return Money::from_minor(v, currency);
    }
    Money::new(decimal_of(v, scale)?, currency)
}

fn decimal_of(v: i128, scale: i8) -> Result<Decimal, Error> {
    let out_of_range = || Error::AmountOutOfRange {
        detail: format!("{v} at scale {scale}"),
    };
    if scale >= 0 {
        Decimal::try_from_i128_with_scale(v, u32::from(scale.unsigned_abs()))
            .map_err(|_| out_of_range())
    } else {
        let factor = 10i128
            .checked_pow(u32::from(scale.unsigned_abs()))
            .ok_or_else(out_of_range)?;
        let whole = v.checked_mul(factor).ok_or_else(out_of_range)?;
        Decimal::try_from_i128_with_scale(whole, 0).map_err(|_| out_of_range())
    }
}

/// An exact decimal column (quantities, volumes): decimal, integer or text; floats rejected.
pub(crate) enum DecimalCol<'a> {
    Absent,
    Decimal {
        values: DecimalValues<'a>,
        scale: i8,
        nulls: Option<&'a NullBuffer>,
    },
    Int(IntCol<'a>),
    Text(StrCol<'a>),
}

impl<'a> DecimalCol<'a> {
    pub(crate) fn of(array: &'a ArrayRef, column: &str) -> Result<DecimalCol<'a>, Failure> {
        if let Some((values, scale, nulls)) = decimal_parts(array) {
            return Ok(DecimalCol::Decimal {
                values,
                scale,
                nulls,
            });
        }
        match array.data_type() {
            t if t.is_integer() => Ok(DecimalCol::Int(IntCol::of(array, column)?)),
            t if is_text(t) || matches!(t, DataType::Dictionary(_, v) if is_text(v)) => {
                Ok(DecimalCol::Text(StrCol::of(array, column)?))
            }
            DataType::Float16 | DataType::Float32 | DataType::Float64 => {
                Err(Failure::float_decimal(column, array.data_type()))
            }
            other => Err(wrong_type(
                column,
                other,
                "an exact number: decimal128, an integer type or text of decimals",
            )),
        }
    }

    pub(crate) fn optional(source: Source<'a>, name: &str) -> Result<DecimalCol<'a>, Failure> {
        match source.get(name) {
            None => Ok(DecimalCol::Absent),
            Some(array) => DecimalCol::of(array, &source.path(name)),
        }
    }

    pub(crate) fn get(&self, row: usize, column: &str) -> Result<Option<Decimal>, Failure> {
        match self {
            DecimalCol::Absent => Ok(None),
            DecimalCol::Decimal {
                values,
                scale,
                nulls,
            } => {
                if nulls.is_some_and(|n| n.is_null(row)) {
                    return Ok(None);
                }
                match values.get(row) {
                    None => Ok(None),
                    Some(v) => decimal_of(v, *scale)
                        .map(Some)
                        .map_err(|e| bad_value(column, e)),
                }
            }
            DecimalCol::Int(ints) => Ok(ints.get_i128(row).map(Decimal::from)),
            DecimalCol::Text(text) => match text.get(row) {
                None => Ok(None),
                Some(s) => o2okit::parse_decimal(s)
                    .map(Some)
                    .map_err(|e| bad_value(column, e)),
            },
        }
    }
}

/// An integer column of any width and sign.
pub(crate) enum IntCol<'a> {
    Absent,
    I(Vec<i64>, Option<&'a NullBuffer>),
    U(&'a [u64], Option<&'a NullBuffer>),
}

impl<'a> IntCol<'a> {
    pub(crate) fn of(array: &'a dyn Array, column: &str) -> Result<IntCol<'a>, Failure> {
        macro_rules! widen {
            ($t:ty) => {{
                let a = array.as_primitive::<$t>();
                IntCol::I(
                    a.values().iter().map(|v| i64::from(*v)).collect(),
                    a.nulls(),
                )
            }};
        }
        Ok(match array.data_type() {
            DataType::Int64 => {
                let a = array.as_primitive::<Int64Type>();
                IntCol::I(a.values().to_vec(), a.nulls())
            }
            DataType::Int32 => widen!(Int32Type),
            DataType::Int16 => widen!(Int16Type),
            DataType::Int8 => widen!(Int8Type),
            DataType::UInt32 => widen!(UInt32Type),
            DataType::UInt16 => widen!(UInt16Type),
            DataType::UInt8 => widen!(UInt8Type),
            DataType::UInt64 => {
                let a = array.as_primitive::<UInt64Type>();
                IntCol::U(a.values(), a.nulls())
            }
            DataType::Float16 | DataType::Float32 | DataType::Float64 => {
                return Err(Failure::schema(
                    column,
                    format!(
                        "has type {}: a whole number is expected; cast it to an integer type",
                        array.data_type()
                    ),
                ))
            }
            other => return Err(wrong_type(column, other, "an integer type")),
        })
    }

    pub(crate) fn required(
        source: Source<'a>,
        name: &str,
        what: &str,
    ) -> Result<IntCol<'a>, Failure> {
        IntCol::of(source.required(name, what)?, &source.path(name))
    }

    pub(crate) fn get_i128(&self, row: usize) -> Option<i128> {
        match self {
            IntCol::Absent => None,
            IntCol::I(v, nulls) => {
                if nulls.is_some_and(|n| n.is_null(row)) {
                    None
                } else {
                    v.get(row).map(|x| i128::from(*x))
                }
            }
            IntCol::U(v, nulls) => {
                if nulls.is_some_and(|n| n.is_null(row)) {
                    None
                } else {
                    v.get(row).map(|x| i128::from(*x))
                }
            }
        }
    }

    /// The value at `row` as a `T` (`None` for a null); out of range is a per-row failure.
    pub(crate) fn get<T: TryFrom<i128>>(
        &self,
        row: usize,
        column: &str,
        what: &str,
    ) -> Result<Option<T>, Failure> {
        match self.get_i128(row) {
            None => Ok(None),
            Some(v) => T::try_from(v).map(Some).map_err(|_| {
                bad_value(
                    column,
                    Error::InvalidInput {
                        field: column.to_string(),
                        reason: format!("{v} is out of range for {what}"),
                    },
                )
            }),
        }
    }
}

/// A float column (coordinates are plain numbers, never money).
pub(crate) struct FloatCol<'a> {
    values: Vec<f64>,
    nulls: Option<&'a NullBuffer>,
}

impl<'a> FloatCol<'a> {
    pub(crate) fn required(
        source: Source<'a>,
        name: &str,
        what: &str,
    ) -> Result<FloatCol<'a>, Failure> {
        let column = source.path(name);
        let array = source.required(name, what)?;
        match array.data_type() {
            DataType::Float64 => {
                let a = array.as_primitive::<arrow_array::types::Float64Type>();
                Ok(FloatCol {
                    values: a.values().to_vec(),
                    nulls: a.nulls(),
                })
            }
            DataType::Float32 => {
                let a = array.as_primitive::<arrow_array::types::Float32Type>();
                Ok(FloatCol {
                    values: a.values().iter().map(|v| f64::from(*v)).collect(),
                    nulls: a.nulls(),
                })
            }
            other => Err(wrong_type(&column, other, "float64 (degrees)")),
        }
    }

    pub(crate) fn get(&self, row: usize) -> Option<f64> {
        if self.nulls.is_some_and(|n| n.is_null(row)) {
            None
        } else {
            self.values.get(row).copied()
        }
    }
}

/// A boolean column.
pub(crate) enum BoolCol<'a> {
    Absent,
    Bool(&'a BooleanArray),
}

impl<'a> BoolCol<'a> {
    pub(crate) fn optional(source: Source<'a>, name: &str) -> Result<BoolCol<'a>, Failure> {
        match source.get(name) {
            None => Ok(BoolCol::Absent),
            Some(array) => match array.data_type() {
                DataType::Boolean => Ok(BoolCol::Bool(array.as_boolean())),
                other => Err(wrong_type(&source.path(name), other, "bool")),
            },
        }
    }

    pub(crate) fn get(&self, row: usize) -> Option<bool> {
        match self {
            BoolCol::Absent => None,
            BoolCol::Bool(a) => (!a.is_null(row)).then(|| a.value(row)),
        }
    }
}

/// A time column: a timestamp with a time zone (any unit), or RFC 3339 text. A timestamp
/// without a time zone names no instant and is refused, as a naive `datetime` is.
pub(crate) enum TimeCol<'a> {
    Absent,
    Stamp {
        values: &'a [i64],
        unit: TimeUnit,
        nulls: Option<&'a NullBuffer>,
    },
    Text(StrCol<'a>),
}

impl<'a> TimeCol<'a> {
    pub(crate) fn of(array: &'a ArrayRef, column: &str) -> Result<TimeCol<'a>, Failure> {
        match array.data_type() {
            DataType::Timestamp(unit, Some(_)) => {
                let (values, nulls) = match unit {
                    TimeUnit::Second => {
                        let a = array.as_primitive::<TimestampSecondType>();
                        (a.values().as_ref(), a.nulls())
                    }
                    TimeUnit::Millisecond => {
                        let a = array.as_primitive::<TimestampMillisecondType>();
                        (a.values().as_ref(), a.nulls())
                    }
                    TimeUnit::Microsecond => {
                        let a = array.as_primitive::<TimestampMicrosecondType>();
                        (a.values().as_ref(), a.nulls())
                    }
                    TimeUnit::Nanosecond => {
                        let a = array.as_primitive::<TimestampNanosecondType>();
                        (a.values().as_ref(), a.nulls())
                    }
                };
                Ok(TimeCol::Stamp {
                    values,
                    unit: *unit,
                    nulls,
                })
            }
            DataType::Timestamp(_, None) => Err(Failure::schema(
                column,
                format!(
                    "has type {}: a timestamp without a time zone names no instant; attach one (pandas: .dt.tz_localize(\"Asia/Shanghai\"), polars: .dt.replace_time_zone(...), pyarrow: pyarrow.compute.assume_timezone)",
                    array.data_type()
                ),
            )),
            t if is_text(t) || matches!(t, DataType::Dictionary(_, v) if is_text(v)) => {
                Ok(TimeCol::Text(StrCol::of(array, column)?))
            }
            other => Err(wrong_type(
                column,
                other,
                "a timestamp with a time zone (any unit) or RFC 3339 text",
            )),
        }
    }

    pub(crate) fn optional(source: Source<'a>, name: &str) -> Result<TimeCol<'a>, Failure> {
        match source.get(name) {
            None => Ok(TimeCol::Absent),
            Some(array) => TimeCol::of(array, &source.path(name)),
        }
    }

    pub(crate) fn required(
        source: Source<'a>,
        name: &str,
        what: &str,
    ) -> Result<TimeCol<'a>, Failure> {
        TimeCol::of(source.required(name, what)?, &source.path(name))
    }

    pub(crate) fn is_absent(&self) -> bool {
        matches!(self, TimeCol::Absent)
    }

    /// The instant at `row` (`None` for a null). Timestamps come back at offset +00:00
    /// (the instant is what every rule reads); RFC 3339 text keeps its offset.
    pub(crate) fn get(
        &self,
        row: usize,
        column: &str,
    ) -> Result<Option<DateTime<FixedOffset>>, Failure> {
        match self {
            TimeCol::Absent => Ok(None),
            TimeCol::Stamp {
                values,
                unit,
                nulls,
            } => {
                if nulls.is_some_and(|n| n.is_null(row)) {
                    return Ok(None);
                }
                let Some(v) = values.get(row).copied() else {
                    return Ok(None);
                };
                instant(v, *unit)
                    .map(|t| Some(t.fixed_offset()))
                    .ok_or_else(|| {
                        bad_value(
                            column,
                            Error::InvalidInput {
                                field: column.to_string(),
                                reason: format!("{v} ({unit:?}) is not a representable time"),
                            },
                        )
                    })
            }
            TimeCol::Text(text) => match text.get(row) {
                None => Ok(None),
                Some(s) => DateTime::parse_from_rfc3339(s).map(Some).map_err(|e| {
                    bad_value(
                        column,
                        Error::InvalidInput {
                            field: column.to_string(),
                            reason: format!("{s:?} is not an RFC 3339 time with an offset ({e})"),
                        },
                    )
                }),
            },
        }
    }
}

fn instant(v: i64, unit: TimeUnit) -> Option<DateTime<Utc>> {
    match unit {
        TimeUnit::Second => DateTime::from_timestamp(v, 0),
        TimeUnit::Millisecond => DateTime::from_timestamp_millis(v),
        TimeUnit::Microsecond => DateTime::from_timestamp_micros(v),
        TimeUnit::Nanosecond => Some(DateTime::from_timestamp_nanos(v)),
    }
}

/// A list column (list or large_list), read as the row ranges of its child values.
pub(crate) struct ListCol<'a> {
    offsets: Vec<usize>,
    nulls: Option<&'a NullBuffer>,
    pub(crate) values: &'a ArrayRef,
}

impl<'a> ListCol<'a> {
    fn of(array: &'a ArrayRef, column: &str, wanted: &str) -> Result<ListCol<'a>, Failure> {
        fn parts<O: OffsetSizeTrait>(
            a: &GenericListArray<O>,
        ) -> (Vec<usize>, Option<&NullBuffer>, &ArrayRef) {
            (
                a.value_offsets().iter().map(|o| o.as_usize()).collect(),
                a.nulls(),
                a.values(),
            )
        }
        let (offsets, nulls, values) = match array.data_type() {
            DataType::List(_) => parts(array.as_list::<i32>()),
            DataType::LargeList(_) => parts(array.as_list::<i64>()),
            other => return Err(wrong_type(column, other, wanted)),
        };
        Ok(ListCol {
            offsets,
            nulls,
            values,
        })
    }

    /// An optional list of structs (`None` when the column is absent).
    pub(crate) fn structs(
        source: Source<'a>,
        name: &'static str,
        fields: &str,
    ) -> Result<Option<(ListCol<'a>, Source<'a>)>, Failure> {
        let Some(array) = source.get(name) else {
            return Ok(None);
        };
        let column = source.path(name);
        let wanted = format!("a list of structs ({fields})");
        let list = ListCol::of(array, &column, &wanted)?;
        let DataType::Struct(_) = list.values.data_type() else {
            return Err(wrong_type(&column, array.data_type(), &wanted));
        };
        let structs = list.values.as_struct();
        let source = Source::Struct(structs, name);
        Ok(Some((list, source)))
    }

    /// An optional list of scalars (`None` when the column is absent).
    pub(crate) fn scalars(
        source: Source<'a>,
        name: &str,
        wanted: &str,
    ) -> Result<Option<ListCol<'a>>, Failure> {
        match source.get(name) {
            None => Ok(None),
            Some(array) => ListCol::of(array, &source.path(name), wanted).map(Some),
        }
    }

    /// The child rows of `row` (empty for a null list).
    pub(crate) fn range(&self, row: usize) -> Range<usize> {
        if self.nulls.is_some_and(|n| n.is_null(row)) {
            return 0..0;
        }
        match (self.offsets.get(row), self.offsets.get(row.wrapping_add(1))) {
            (Some(a), Some(b)) if a <= b => *a..*b,
            _ => 0..0,
        }
    }
}
