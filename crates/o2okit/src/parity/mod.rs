//! Price parity: where the same product has different prices across channels or stores,
//! for a merchant that promises the same price online and offline.

mod check;
mod observation;
mod report;

pub use check::price_parity;
pub use observation::{ParityRequest, PriceObservation, Tolerance};
pub use report::{Deviation, Direction, ParityReport, ProductParity, ReferenceBasis};
