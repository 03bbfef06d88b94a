//! Payees: who a rule pays.

use serde::{Deserialize, Serialize};

use super::attribution::AttributionModel;
use crate::roles::Role;

/// Who a rule (or the remainder) pays.
///
/// - `{"role": "platform"}`: the party filling the role in the order or, failing that, in
///   the plan ([`crate::Error::MissingParty`] when neither names one);
/// - `{"role": "platform", "party_id": "meituan"}`: that party, whatever the order says;
/// - `{"role": "marketing", "attribution": {"type": "time_decay"}}`: the parties of the
///   order's journey, credited by the attribution model (one ledger line per touchpoint). An
///   order without a touchpoint that can be credited pays nothing under this rule: the
///   amount stays in the remainder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Payee {
    /// The role paid (and written on the ledger lines).
    pub role: Role,
    /// A fixed party for the role, overriding the order and the plan's parties.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party_id: Option<String>,
    /// Credit the order's journey with this model instead of one party.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<AttributionModel>,
}

impl Payee {
    /// The party filling `role` in the order or the plan.
    pub fn role(role: Role) -> Payee {
        Payee {
            role,
            party_id: None,
            attribution: None,
        }
    }

    /// A fixed party.
    pub fn party(role: Role, party_id: impl Into<String>) -> Payee {
        Payee {
            role,
            party_id: Some(party_id.into()),
            attribution: None,
        }
    }

    /// The parties of the order's journey, credited by `model`.
    pub fn journey(role: Role, model: AttributionModel) -> Payee {
        Payee {
            role,
            party_id: None,
            attribution: Some(model),
        }
    }
}

impl Default for Payee {
    /// The merchant of the order (the usual remainder).
    fn default() -> Payee {
        Payee::role(Role::Merchant)
    }
}
