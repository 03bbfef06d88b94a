//! Parties: who fills a role in an order.

use serde::{Deserialize, Serialize};

use super::role::Role;

/// A role filled by a named party: `{"role": "store", "party_id": "store-042"}`.
///
/// A plan lists the parties that are the same for every order (the platform, the processor);
/// an order lists the ones that change from order to order (its store, the staff member who
/// brought the customer, the referrer). A role is looked up in the order first, then in the
/// plan; a role may be filled once per list.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// The role.
    pub role: Role,
    /// The party's id.
    pub party_id: String,
}

impl Party {
    /// `role` filled by `party_id`.
    pub fn new(role: Role, party_id: impl Into<String>) -> Party {
        Party {
            role,
            party_id: party_id.into(),
        }
    }
}
