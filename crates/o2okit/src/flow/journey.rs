//! A customer's journey: touchpoints, each with a channel, a stage, a time and the party
//! behind it.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::kind::{JourneyChannel, JourneyStage};
use crate::roles::Party;
use crate::Error;

/// The most touchpoints one journey may hold.
pub const MAX_JOURNEY_TOUCHPOINTS: usize = 10_000;

/// One touchpoint of a journey: where it happened (channel), what it was (stage), when, and
/// optionally who was behind it, an id and a free label.
///
/// On the wire:
/// ```json
/// {"channel": "offline", "stage": "marketing", "at": "2026-05-04T11:50:00+08:00",
///  "party": {"role": "store", "party_id": "store-042"}, "id": "t1", "kind": "qr_scan"}
/// ```
/// Only `channel`, `stage` and `at` are required. `kind` is a free label for people
/// (`ad_click`, `qr_scan`, `showroom_visit`, `voucher_redeemed`, `dine_in`…); the
/// classification never reads it, nor `party` nor `id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct JourneyTouchpoint {
    /// Online or offline.
    pub channel: JourneyChannel,
    /// Marketing, experience, transaction or fulfilment.
    pub stage: JourneyStage,
    /// When it happened, RFC 3339 (compared as instants, whatever the offset).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub at: DateTime<FixedOffset>,
    /// The party behind it (the platform, the store, the staff member, the influencer…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<Party>,
    /// The caller's id for it; unique within the journey when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// A free label (`ad_click`, `qr_scan`, `dine_in`…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

impl JourneyTouchpoint {
    /// A touchpoint with a channel, a stage and a time (no party, id or label).
    pub fn new(
        channel: JourneyChannel,
        stage: JourneyStage,
        at: DateTime<FixedOffset>,
    ) -> JourneyTouchpoint {
        JourneyTouchpoint {
            channel,
            stage,
            at,
            party: None,
            id: None,
            kind: None,
        }
    }

    /// The same touchpoint with a party.
    pub fn with_party(mut self, party: Party) -> JourneyTouchpoint {
        self.party = Some(party);
        self
    }

    /// The same touchpoint with an id.
    pub fn with_id(mut self, id: impl Into<String>) -> JourneyTouchpoint {
        self.id = Some(id.into());
        self
    }

    /// The same touchpoint with a label.
    pub fn with_kind(mut self, kind: impl Into<String>) -> JourneyTouchpoint {
        self.kind = Some(kind.into());
        self
    }
}

/// A customer's journey: touchpoints in any order (classification orders them by time).
///
/// On the wire: `{"touchpoints": [...]}`, at most [`MAX_JOURNEY_TOUCHPOINTS`]. An empty
/// journey is valid (it classifies as `incomplete`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Journey {
    /// The touchpoints.
    pub touchpoints: Vec<JourneyTouchpoint>,
}

impl Journey {
    /// A journey of these touchpoints.
    pub fn new(touchpoints: Vec<JourneyTouchpoint>) -> Journey {
        Journey { touchpoints }
    }

    /// Check the journey: at most [`MAX_JOURNEY_TOUCHPOINTS`] touchpoints; a party's role
    /// and id, an id and a label, when given, not empty (nor only spaces); ids unique.
    ///
    /// Errors: [`Error::InvalidJourney`] naming the field.
    pub fn validate(&self) -> Result<(), Error> {
        let count = self.touchpoints.len();
        if count > MAX_JOURNEY_TOUCHPOINTS {
            return Err(invalid(
                "touchpoints".into(),
                format!("{count} touchpoints, more than the {MAX_JOURNEY_TOUCHPOINTS} one journey may hold; classify one order's journey at a time"),
            ));
        }
        let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, touchpoint) in self.touchpoints.iter().enumerate() {
            if let Some(party) = &touchpoint.party {
                if party.role.as_str().trim().is_empty() {
                    return Err(invalid(
                        format!("touchpoints[{i}].party.role"),
                        "must not be empty: use a role such as \"store\" or \"platform\"".into(),
                    ));
                }
                if party.party_id.trim().is_empty() {
                    return Err(invalid(
                        format!("touchpoints[{i}].party.party_id"),
                        "must not be empty: name the party, or leave `party` out".into(),
                    ));
                }
            }
            if let Some(kind) = &touchpoint.kind {
                if kind.trim().is_empty() {
                    return Err(invalid(
                        format!("touchpoints[{i}].kind"),
                        "must not be empty: give a label such as \"qr_scan\", or leave `kind` out"
                            .into(),
                    ));
                }
            }
            if let Some(id) = &touchpoint.id {
                if id.trim().is_empty() {
                    return Err(invalid(
                        format!("touchpoints[{i}].id"),
                        "must not be empty: give an id, or leave `id` out".into(),
                    ));
                }
                if let Some(first) = ids.insert(id.as_str(), i) {
                    return Err(invalid(
                        format!("touchpoints[{i}].id"),
                        format!("{id:?} is already the id of touchpoints[{first}]; ids must be unique within a journey"),
                    ));
                }
            }
        }
        Ok(())
    }
}

fn invalid(field: String, reason: String) -> Error {
    Error::InvalidJourney { field, reason }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roles::Role;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn wire_shape_round_trips() {
        let tp = JourneyTouchpoint::new(
            JourneyChannel::Offline,
            JourneyStage::Marketing,
            at("2026-05-04T11:50:00+08:00"),
        )
        .with_party(Party::new(Role::Store, "store-042"))
        .with_id("t1")
        .with_kind("qr_scan");
        let json = serde_json::to_value(&tp).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"channel": "offline", "stage": "marketing", "at": "2026-05-04T11:50:00+08:00",
                "party": {"role": "store", "party_id": "store-042"}, "id": "t1", "kind": "qr_scan"})
        );
        assert_eq!(
            serde_json::from_value::<JourneyTouchpoint>(json).unwrap(),
            tp
        );
        assert!(serde_json::from_value::<JourneyTouchpoint>(serde_json::json!(
            {"channel": "offline", "stage": "marketing", "at": "2026-05-04T11:50:00+08:00", "extra": 1}
        ))
        .is_err());
    }

    #[test]
    fn validation_names_the_field() {
        let tp = |id: &str| {
            JourneyTouchpoint::new(
                JourneyChannel::Online,
                JourneyStage::Marketing,
                at("2026-05-04T11:50:00+08:00"),
            )
            .with_id(id)
        };
        let err = Journey::new(vec![tp("a"), tp("b"), tp("a")])
            .validate()
            .unwrap_err();
        assert_eq!(err.code(), "invalid_journey");
        assert!(err.to_string().contains("touchpoints[2].id"), "{err}");
        assert!(err.to_string().contains("touchpoints[0]"), "{err}");
        let err = Journey::new(vec![tp(" ")]).validate().unwrap_err();
        assert!(err.to_string().contains("touchpoints[0].id"), "{err}");
        let no_party = tp("x").with_party(Party::new(Role::Store, ""));
        let err = Journey::new(vec![no_party]).validate().unwrap_err();
        assert!(err.to_string().contains("party.party_id"), "{err}");
        let no_role = tp("x").with_party(Party::new(Role::Custom(String::new()), "s1"));
        let err = Journey::new(vec![no_role]).validate().unwrap_err();
        assert!(err.to_string().contains("party.role"), "{err}");
        let no_kind = tp("x").with_kind("");
        let err = Journey::new(vec![no_kind]).validate().unwrap_err();
        assert!(err.to_string().contains("touchpoints[0].kind"), "{err}");
        assert!(Journey::default().validate().is_ok());
    }

    #[test]
    fn at_most_the_maximum() {
        let one = JourneyTouchpoint::new(
            JourneyChannel::Online,
            JourneyStage::Marketing,
            at("2026-05-04T11:50:00+08:00"),
        );
        let mut journey = Journey::new(vec![one.clone(); MAX_JOURNEY_TOUCHPOINTS]);
        assert!(journey.validate().is_ok());
        journey.touchpoints.push(one);
        let err = journey.validate().unwrap_err();
        assert_eq!(err.code(), "invalid_journey");
        assert!(err.to_string().contains("10001 touchpoints"), "{err}");
    }
}
