//! ISO 4217 currencies.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::iso4217::TABLE;
use crate::Error;

/// One row of the ISO 4217 table.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct CurrencyInfo {
    pub(crate) code: &'static str,
    pub(crate) minor_units: u32,
    pub(crate) name: &'static str,
}

/// An ISO 4217 currency: its three-letter code, its minor units (the number of decimals of
/// its smallest unit: JPY 0, CNY 2, KWD 3) and its name.
///
/// A `Currency` is a small `Copy` handle into a built-in table; look one up by code with
/// [`Currency::from_code`] (or `"CNY".parse()`). An unknown code is a typed error.
/// On the wire a currency is its code as a string: `"CNY"`.
///
/// ```
/// use o2okit::Currency;
/// let cny = Currency::from_code("CNY")?;
/// assert_eq!(cny.code(), "CNY");
/// assert_eq!(cny.minor_units(), 2);
/// assert_eq!(Currency::from_code("JPY")?.minor_units(), 0);
/// assert_eq!(Currency::from_code("kwd")?.minor_units(), 3); // case-insensitive
/// assert_eq!(Currency::from_code("ABC").unwrap_err().code(), "unknown_currency");
/// # Ok::<(), o2okit::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct Currency(&'static CurrencyInfo);

impl Currency {
    /// Look a currency up by its ISO 4217 code (ASCII, case-insensitive).
    pub fn from_code(code: &str) -> Result<Currency, Error> {
        let unknown = || Error::UnknownCurrency {
            code: code.to_string(),
        };
        if code.len() != 3 || !code.is_ascii() {
            return Err(unknown());
        }
        let upper = code.to_ascii_uppercase();
        TABLE
            .binary_search_by(|info| info.code.cmp(upper.as_str()))
            .ok()
            .and_then(|index| TABLE.get(index))
            .map(Currency)
            .ok_or_else(unknown)
    }

    /// Every currency o2okit knows, sorted by code.
    pub fn all() -> impl Iterator<Item = Currency> {
        TABLE.iter().map(Currency)
    }

    /// The three-letter ISO 4217 code, upper case.
    pub fn code(&self) -> &'static str {
        self.0.code
    }

    /// The number of decimals of the currency's minor unit (JPY 0, CNY 2, KWD 3, CLF 4).
    pub fn minor_units(&self) -> u32 {
        self.0.minor_units
    }

    /// The currency's English name as ISO 4217 gives it.
    pub fn name(&self) -> &'static str {
        self.0.name
    }
}

impl PartialEq for Currency {
    fn eq(&self, other: &Self) -> bool {
        self.0.code == other.0.code
    }
}

impl Eq for Currency {}

impl Hash for Currency {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.code.hash(state);
    }
}

impl PartialOrd for Currency {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Currency {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.code.cmp(other.0.code)
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Currency({})", self.0.code)
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.code)
    }
}

impl FromStr for Currency {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Currency::from_code(s)
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0.code)
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        Currency::from_code(&code).map_err(|e| serde::de::Error::custom(e.to_serde_message()))
    }
}

/// The wire description of a currency, as returned by the `currency` wire function.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CurrencyDescription {
    /// The ISO 4217 code.
    pub code: String,
    /// Decimals of the minor unit.
    pub minor_units: u32,
    /// The ISO 4217 name.
    pub name: String,
}

impl From<Currency> for CurrencyDescription {
    fn from(c: Currency) -> Self {
        CurrencyDescription {
            code: c.code().to_string(),
            minor_units: c.minor_units(),
            name: c.name().to_string(),
        }
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Currency {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Currency".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An active ISO 4217 currency code, upper case.",
            "type": "string",
            "pattern": "^[A-Z]{3}$",
            "examples": ["CNY", "JPY", "KWD"]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_unique() {
        let codes: Vec<&str> = TABLE.iter().map(|c| c.code).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(codes, sorted);
        assert!(codes.len() > 150);
    }

    #[test]
    fn every_code_round_trips() {
        for c in Currency::all() {
            assert_eq!(Currency::from_code(c.code()).ok(), Some(c));
        }
    }

    #[test]
    fn rejects_odd_codes() {
        for bad in ["", "CN", "CNYY", "C N", "ÄBC", "XAU", "XXX"] {
            assert_eq!(
                Currency::from_code(bad).map_err(|e| e.code()),
                Err("unknown_currency"),
                "{bad}"
            );
        }
    }
}
