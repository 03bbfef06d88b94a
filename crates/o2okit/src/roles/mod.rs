//! Roles and the parties filling them: shared by the flows (who takes part in each flow),
//! the revenue split (who is paid), order intake and the lifecycles.

mod party;
mod role;

pub use party::Party;
pub use role::Role;
