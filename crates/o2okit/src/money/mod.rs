//! Money: ISO 4217 currencies, exact amounts, rounding and cash steps.

mod amount;
mod currency;
mod iso4217;
mod rounding;
mod step;

pub use amount::Money;
pub(crate) use amount::{negate_decimal, AmountText};
pub use currency::{Currency, CurrencyDescription};
pub use rounding::Rounding;
pub use step::CashStep;
