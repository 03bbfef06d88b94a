//! `Money`: an exact amount in one currency.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Currency, Rounding};
use crate::wire::parse_decimal;
use crate::Error;

/// An exact amount of money: a [`Decimal`] and a [`Currency`].
///
/// A `Money` always holds a whole number of the currency's minor units, at exactly the
/// currency's scale (`12.3 CNY` is stored and printed as `12.30 CNY`; `1.5 JPY` cannot be
/// built without choosing a rounding mode). Arithmetic is checked: combining two
/// currencies is a [`Error::CurrencyMismatch`], never a conversion, and overflow is
/// [`Error::AmountOutOfRange`], never a wrap or a panic.
///
/// On the wire: `{"amount": "12.30", "currency": "CNY"}`. The amount must be a string; a
/// JSON number is rejected with the code `number_for_money`.
///
/// ```
/// use o2okit::{Currency, Money, Rounding};
/// let cny = Currency::from_code("CNY")?;
/// let price = Money::parse("12.3", cny)?;
/// assert_eq!(price.to_string(), "12.30 CNY");
/// let total = price.checked_add(Money::parse("0.70", cny)?)?;
/// assert_eq!(total.amount().to_string(), "13.00");
///
/// // Too many decimals is an error unless you ask for rounding.
/// assert_eq!(Money::parse("0.125", cny).unwrap_err().code(), "too_many_decimals");
/// assert_eq!(Money::parse_rounded("0.125", cny, Rounding::HalfUp)?.to_string(), "0.13 CNY");
///
/// // Mixing currencies is an error, never a conversion.
/// let usd = Money::parse("1", Currency::from_code("USD")?)?;
/// assert_eq!(total.checked_add(usd).unwrap_err().code(), "currency_mismatch");
/// # Ok::<(), o2okit::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    amount: Decimal,
    currency: Currency,
}

impl Money {
    /// Build from an exact decimal. Errors with [`Error::TooManyDecimals`] when the value
    /// has more (non-zero) decimals than the currency allows.
    pub fn new(amount: Decimal, currency: Currency) -> Result<Money, Error> {
        let normalized = amount.normalize();
        if normalized.scale() > currency.minor_units() {
            return Err(Error::TooManyDecimals {
                input: amount.to_string(),
                currency: currency.code().to_string(),
                max_decimals: currency.minor_units(),
            });
        }
        Money::at_currency_scale(normalized, currency)
    }

    /// Build from a decimal, rounding it to the currency's minor unit with `rounding`.
    pub fn from_decimal_rounded(
        amount: Decimal,
        currency: Currency,
        rounding: Rounding,
    ) -> Result<Money, Error> {
        let rounded = amount.round_dp_with_strategy(currency.minor_units(), rounding.strategy());
        Money::new(rounded, currency)
    }

    /// Zero in `currency`.
    pub fn zero(currency: Currency) -> Money {
        Money {
            amount: Decimal::new(0, currency.minor_units()),
            currency,
        }
    }

    /// Build from a whole number of minor units: `from_minor(1234, CNY)` is `12.34 CNY`.
    ///
    /// ```
    /// use o2okit::{Currency, Money};
    /// let kwd = Currency::from_code("KWD")?;
    /// assert_eq!(Money::from_minor(10_000, kwd)?.to_string(), "10.000 KWD");
    /// # Ok::<(), o2okit::Error>(())
    /// ```
    pub fn from_minor(units: i128, currency: Currency) -> Result<Money, Error> {
        Decimal::try_from_i128_with_scale(units, currency.minor_units())
            .map(|amount| Money { amount, currency })
            .map_err(|_| Error::out_of_range(format!("{units} minor units of {currency}")))
    }

    /// Parse an exact decimal string (`"12.30"`, `"-5"`) in `currency`. More decimals than
    /// the currency allows is [`Error::TooManyDecimals`]; use [`Money::parse_rounded`] to
    /// round instead.
    pub fn parse(input: &str, currency: Currency) -> Result<Money, Error> {
        let amount = parse_decimal(input)?;
        Money::new(amount, currency).map_err(|e| match e {
            Error::TooManyDecimals {
                currency,
                max_decimals,
                ..
            } => Error::TooManyDecimals {
                input: input.to_string(),
                currency,
                max_decimals,
            },
            other => other,
        })
    }

    /// Parse a decimal string and round it to the currency's minor unit.
    pub fn parse_rounded(
        input: &str,
        currency: Currency,
        rounding: Rounding,
    ) -> Result<Money, Error> {
        Money::from_decimal_rounded(parse_decimal(input)?, currency, rounding)
    }

    /// The amount, at exactly the currency's scale.
    pub fn amount(&self) -> Decimal {
        self.amount
    }

    /// The currency.
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// The amount as a whole number of minor units (`12.34 CNY` → `1234`).
    pub fn minor_units(&self) -> i128 {
        // Invariant: the scale is the currency's minor units, so the mantissa is the count.
        self.amount.mantissa()
    }

    /// True when the amount is zero.
    pub fn is_zero(&self) -> bool {
        self.amount.is_zero()
    }

    /// True when the amount is above zero.
    pub fn is_positive(&self) -> bool {
        self.amount.is_sign_positive() && !self.amount.is_zero()
    }

    /// True when the amount is below zero.
    pub fn is_negative(&self) -> bool {
        self.amount.is_sign_negative() && !self.amount.is_zero()
    }

    /// `self + other`, or an error on a currency mismatch or overflow.
    pub fn checked_add(self, other: Money) -> Result<Money, Error> {
        self.same_currency(&other)?;
        let sum = self
            .amount
            .checked_add(other.amount)
            .ok_or_else(|| Error::out_of_range(format!("{self} + {other}")))?;
        Money::at_currency_scale(sum, self.currency)
    }

    /// `self - other`, or an error on a currency mismatch or overflow.
    pub fn checked_sub(self, other: Money) -> Result<Money, Error> {
        self.same_currency(&other)?;
        let diff = self
            .amount
            .checked_sub(other.amount)
            .ok_or_else(|| Error::out_of_range(format!("{self} - {other}")))?;
        Money::at_currency_scale(diff, self.currency)
    }

    /// `-self` (always representable).
    pub fn negate(self) -> Money {
        Money {
            amount: negate_decimal(self.amount),
            currency: self.currency,
        }
    }

    /// `|self|` (always representable).
    pub fn abs(self) -> Money {
        Money {
            amount: self.amount.abs(),
            currency: self.currency,
        }
    }

    /// `self × factor`, rounded to the minor unit with `rounding`.
    ///
    /// ```
    /// use o2okit::{Currency, Money, Rounding};
    /// let cny = Currency::from_code("CNY")?;
    /// let fee = Money::parse("99.99", cny)?.checked_mul(rust_decimal::Decimal::new(6, 3), Rounding::HalfUp)?;
    /// assert_eq!(fee.to_string(), "0.60 CNY"); // 0.59994
    /// # Ok::<(), o2okit::Error>(())
    /// ```
    pub fn checked_mul(self, factor: Decimal, rounding: Rounding) -> Result<Money, Error> {
        let product = self
            .amount
            .checked_mul(factor)
            .ok_or_else(|| Error::out_of_range(format!("{self} × {factor}")))?;
        Money::from_decimal_rounded(product, self.currency, rounding)
    }

    /// Compare two amounts of the same currency.
    pub fn checked_cmp(&self, other: &Money) -> Result<Ordering, Error> {
        self.same_currency(other)?;
        Ok(self.amount.cmp(&other.amount))
    }

    /// Round to a cash step such as CHF 0.05 (see [`crate::CashStep`]).
    ///
    /// ```
    /// use o2okit::{Currency, Money, Rounding};
    /// let chf = Currency::from_code("CHF")?;
    /// let step = "0.05".parse().unwrap();
    /// let paid = Money::parse("10.03", chf)?.round_to_step(step, Rounding::HalfEven)?;
    /// assert_eq!(paid.to_string(), "10.05 CHF");
    /// # Ok::<(), o2okit::Error>(())
    /// ```
    pub fn round_to_step(self, step: Decimal, rounding: Rounding) -> Result<Money, Error> {
        super::CashStep::new(step, self.currency)?.round(self, rounding)
    }

    /// Error unless `other` has the same currency.
    pub(crate) fn same_currency(&self, other: &Money) -> Result<(), Error> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(Error::CurrencyMismatch {
                left: self.currency.code().to_string(),
                right: other.currency.code().to_string(),
            })
        }
    }

    /// Rescale an exact value (already holding no more decimals than allowed) to the
    /// currency's scale.
    fn at_currency_scale(value: Decimal, currency: Currency) -> Result<Money, Error> {
        let mut amount = value;
        amount.rescale(currency.minor_units());
        if amount.scale() != currency.minor_units() || amount != value {
            return Err(Error::out_of_range(format!(
                "{value} {currency} cannot be held with {} decimals",
                currency.minor_units()
            )));
        }
        Ok(Money { amount, currency })
    }
}

/// `-value`, never producing a negative zero (negation cannot overflow a `Decimal`).
pub(crate) fn negate_decimal(value: Decimal) -> Decimal {
    let mut negated = value;
    if !value.is_zero() {
        negated.set_sign_negative(!value.is_sign_negative());
    }
    negated
}

impl fmt::Debug for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Money({} {})", self.amount, self.currency)
    }
}

/// `12.30 CNY`.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.currency)
    }
}

/// Parses `"12.30 CNY"` (amount, one space, code), exactly as `Display` writes it.
impl FromStr for Money {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.rsplit_once(' ') {
            Some((amount, code)) => Money::parse(amount, Currency::from_code(code)?),
            None => Err(Error::InvalidDecimal {
                input: s.to_string(),
                reason: "expected an amount and a currency code, such as \"12.30 CNY\"".into(),
            }),
        }
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Money", 2)?;
        s.serialize_field(
            "amount",
            crate::wire::DecimalText::new(&self.amount).as_str(),
        )?;
        s.serialize_field("currency", &self.currency)?;
        s.end()
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct("Money", &["amount", "currency"], MoneyVisitor)
    }
}

/// A money amount as it arrives on the wire: it must be a JSON string. A JSON number is
/// rejected with [`Error::NumberForMoney`] (binary floats are not exact).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AmountText(pub(crate) String);

impl<'de> Deserialize<'de> for AmountText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl V {
            fn number<E: de::Error>(found: String) -> E {
                E::custom(Error::NumberForMoney { found }.to_serde_message())
            }
        }
        impl Visitor<'_> for V {
            type Value = AmountText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a decimal string such as \"12.30\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<AmountText, E> {
                Ok(AmountText(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<AmountText, E> {
                Err(V::number(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<AmountText, E> {
                Err(V::number(v.to_string()))
            }
            // The only f64 in the core: serde hands a JSON float here so that it can be rejected
            // with a typed error; it is formatted for the message and never used in arithmetic.
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<AmountText, E> {
                Err(V::number(crate::wire::float_text(v)))
            }
        }
        deserializer.deserialize_any(V)
    }
}

struct MoneyVisitor;

/// A key of a money object, read without allocating for the two known ones.
enum MoneyField {
    Amount,
    Currency,
    Other(String),
}

impl MoneyField {
    fn name(&self) -> &str {
        match self {
            MoneyField::Amount => "amount",
            MoneyField::Currency => "currency",
            MoneyField::Other(other) => other,
        }
    }
}

impl<'de> Deserialize<'de> for MoneyField {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = MoneyField;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<MoneyField, E> {
                Ok(match v {
                    "amount" => MoneyField::Amount,
                    "currency" => MoneyField::Currency,
                    other => MoneyField::Other(other.to_string()),
                })
            }
        }
        deserializer.deserialize_identifier(V)
    }
}

impl<'de> Visitor<'de> for MoneyVisitor {
    type Value = Money;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a money object {\"amount\": \"12.30\", \"currency\": \"CNY\"}")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Money, A::Error> {
        let mut amount: Option<AmountText> = None;
        let mut currency: Option<Currency> = None;
        while let Some(key) = map.next_key::<MoneyField>()? {
            match key {
                MoneyField::Amount if amount.is_none() => amount = Some(map.next_value()?),
                MoneyField::Currency if currency.is_none() => currency = Some(map.next_value()?),
                MoneyField::Amount | MoneyField::Currency => {
                    return Err(de::Error::custom(format!(
                        "duplicate field `{}` in money",
                        key.name()
                    )))
                }
                MoneyField::Other(other) => {
                    return Err(de::Error::custom(format!(
                        "unknown field `{other}` in money: expected only `amount` and `currency`"
                    )))
                }
            }
        }
        let amount = amount.ok_or_else(|| de::Error::missing_field("amount"))?;
        let currency = currency.ok_or_else(|| de::Error::missing_field("currency"))?;
        Money::parse(&amount.0, currency).map_err(|e| de::Error::custom(e.to_serde_message()))
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Money {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Money".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let currency = generator.subschema_for::<Currency>();
        schemars::json_schema!({
            "description": "An exact amount of money. The amount is a decimal string with no more decimals than the currency's minor unit; JSON numbers are rejected.",
            "type": "object",
            "properties": {
                "amount": { "type": "string", "pattern": "^[+-]?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?$", "examples": ["12.30"] },
                "currency": currency
            },
            "required": ["amount", "currency"],
            "additionalProperties": false
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cny() -> Currency {
        Currency::from_code("CNY").unwrap()
    }

    #[test]
    fn scale_is_normalised() {
        let m = Money::parse("12.3", cny());
        assert_eq!(m.map(|m| m.amount().to_string()), Ok("12.30".into()));
        let m = Money::parse("12.300", cny());
        assert_eq!(m.map(|m| m.amount().to_string()), Ok("12.30".into()));
        let jpy = Currency::from_code("JPY").unwrap();
        assert_eq!(
            Money::parse("100.0", jpy).map(|m| m.to_string()),
            Ok("100 JPY".into())
        );
        assert_eq!(
            Money::parse("100.5", jpy).map_err(|e| e.code()),
            Err("too_many_decimals")
        );
    }

    #[test]
    fn huge_values_are_out_of_range_not_panics() {
        let big = "79228162514264337593543950335"; // Decimal::MAX
        assert_eq!(
            Money::parse(big, cny()).map_err(|e| e.code()),
            Err("amount_out_of_range")
        );
        let max_cny = Money::parse("792281625142643375935439503.35", cny());
        assert!(max_cny.is_ok());
        if let Ok(m) = max_cny {
            assert_eq!(
                m.checked_add(m).map_err(|e| e.code()),
                Err("amount_out_of_range")
            );
            assert_eq!(
                m.negate().checked_sub(m).map_err(|e| e.code()),
                Err("amount_out_of_range")
            );
        }
    }

    #[test]
    fn json_shape() {
        let m = Money::parse("-0.5", cny());
        let json = m
            .as_ref()
            .map(|m| serde_json::to_string(m).unwrap_or_default());
        assert_eq!(
            json,
            Ok(r#"{"amount":"-0.50","currency":"CNY"}"#.to_string())
        );
        let back: Result<Money, _> = serde_json::from_str(r#"{"currency":"CNY","amount":"-0.5"}"#);
        assert_eq!(back.ok(), m.ok());
        let number: Result<Money, _> = serde_json::from_str(r#"{"amount":12.3,"currency":"CNY"}"#);
        let err = number.map_err(|e| Error::from_serde_message(e.to_string()));
        assert_eq!(err.map_err(|e| e.code()), Err("number_for_money"));
    }
}
