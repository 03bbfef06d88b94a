//! Unified order intake: orders from the store counter, the own app, a mini-program, a
//! marketplace and the phone, normalised into one canonical order that pricing and the
//! split use, with safe retries (duplicate detection by canonical id and fingerprint).

mod canonical;
mod counter;
mod dedupe;
mod marketplace;
mod mini_program;
mod normalize;
mod own_app;
mod phone;
mod source;

pub use canonical::{CanonicalOrder, OrderCustomer, SourceFee};
pub use counter::{CounterItem, CounterPayload, Tender};
pub use dedupe::{canonical_id, fingerprint, SeenOrder, FINGERPRINT_NAMESPACE, ORDER_ID_NAMESPACE};
pub use marketplace::{
    Commission, DeliveryBy, MarketplaceDelivery, MarketplaceItem, MarketplacePayload,
};
pub use mini_program::{MiniProgramCoupon, MiniProgramGoods, MiniProgramPayload, PayFee};
pub use normalize::{normalize, Intake, IntakeStatus, NormalizeRequest, SourcePayload};
pub use own_app::OwnAppPayload;
pub use phone::{PhoneItem, PhonePayload};
pub use source::{Fulfilment, Source};
