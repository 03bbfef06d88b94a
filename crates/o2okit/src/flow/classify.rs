//! Reading a flow off a journey's touchpoints.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use super::journey::{Journey, JourneyTouchpoint};
use super::kind::{Flow, JourneyChannel, JourneyPart, JourneyStage};
use crate::Error;

use JourneyChannel::{Offline, Online};

/// A touchpoint that decided (part of) a classification: its position in the input list
/// and the part it played.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// The touchpoint's position in the journey as given (zero-based).
    pub index: usize,
    /// The part it played.
    pub counted_as: JourneyPart,
}

/// Why a journey fits more than one reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AmbiguityReason {
    /// Transactions in both channels: which one was the purchase cannot be told. The
    /// candidates are the reading with the offline transactions left out.
    ConflictingTransactions,
    /// Touchpoints at the same instant in different channels, whose order decides the
    /// result: two first touches, or an offline experience at the instant of an online
    /// transaction (before it, or after it?).
    SimultaneousTouchpoints,
}

/// The flow a journey followed, or why none can be named.
///
/// The wire shape is tagged by `result`:
///
/// - `{"result": "classified", "flow": "online_to_offline", "evidence": [{"index": 0,
///   "counted_as": "first_touch"}, …]}`: one flow; the evidence is every touchpoint that
///   decided it, in journey order.
/// - `{"result": "not_o2o", "channel": "offline", "evidence": […]}`: the journey is
///   commerce in one channel, not one of the four flows: the money moved offline
///   (`offline`: every flow takes it online), or the customer was won, paid and was served
///   online without setting foot in a store (`online`).
/// - `{"result": "incomplete", "missing": ["consumption"], "candidates":
///   ["offline_to_online", "offline_to_online_to_offline"], "evidence": […]}`: a part the
///   decision needs is absent; the candidates are the flows the journey can still become
///   when each missing part is supplied by one touchpoint, the evidence what was found.
/// - `{"result": "ambiguous", "reason": "conflicting_transactions", "candidates": […],
///   "touchpoints": [2, 5]}`: the touchpoints allow more than one reading; `touchpoints`
///   are the positions of the ones in conflict, `candidates` the flows among the readings
///   (a reading that is not O2O adds none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "result", rename_all = "snake_case", deny_unknown_fields)]
pub enum Classification {
    /// The journey followed one flow.
    Classified {
        /// The flow.
        flow: Flow,
        /// The touchpoints that decided it, in journey order.
        evidence: Vec<Evidence>,
    },
    /// The journey stays in one channel where it counts: not one of the four flows.
    #[serde(rename = "not_o2o")]
    NotO2o {
        /// `offline`: the transaction was offline; `online`: won, paid and served online.
        channel: JourneyChannel,
        /// The touchpoints that decided it, in journey order.
        evidence: Vec<Evidence>,
    },
    /// A part the decision needs is absent.
    Incomplete {
        /// The absent parts, in journey order (`first_touch`, `transaction`,
        /// `consumption`).
        missing: Vec<JourneyPart>,
        /// The flows the journey can still become, in the seeds' order.
        candidates: Vec<Flow>,
        /// What was found, in journey order.
        evidence: Vec<Evidence>,
    },
    /// The touchpoints allow more than one reading.
    Ambiguous {
        /// Why.
        reason: AmbiguityReason,
        /// The flows among the readings, in the seeds' order.
        candidates: Vec<Flow>,
        /// The positions of the touchpoints in conflict, ascending.
        touchpoints: Vec<usize>,
    },
}

/// How [`Classification`] is decoded: the same variants and fields, externally tagged, fed the tag
/// first by [`crate::wire::tagged`] (the encoding above stays serde's internally tagged one).
#[derive(Deserialize)]
#[serde(
    remote = "Classification",
    rename_all = "snake_case",
    deny_unknown_fields
)]
enum ClassificationWire {
    Classified {
        flow: Flow,
        evidence: Vec<Evidence>,
    },
    #[serde(rename = "not_o2o")]
    NotO2o {
        channel: JourneyChannel,
        evidence: Vec<Evidence>,
    },
    Incomplete {
        missing: Vec<JourneyPart>,
        candidates: Vec<Flow>,
        evidence: Vec<Evidence>,
    },
    Ambiguous {
        reason: AmbiguityReason,
        candidates: Vec<Flow>,
        touchpoints: Vec<usize>,
    },
}
crate::wire::tagged_deserialize!(Classification, ClassificationWire, "result");

impl Classification {
    /// The flow, when classified.
    pub fn flow(&self) -> Option<Flow> {
        match self {
            Classification::Classified { flow, .. } => Some(*flow),
            _ => None,
        }
    }

    /// The flows this result leaves open: the flow when classified, the candidates when
    /// incomplete or ambiguous, none when not O2O.
    pub fn candidate_flows(&self) -> Vec<Flow> {
        match self {
            Classification::Classified { flow, .. } => vec![*flow],
            Classification::NotO2o { .. } => Vec::new(),
            Classification::Incomplete { candidates, .. }
            | Classification::Ambiguous { candidates, .. } => candidates.clone(),
        }
    }

    /// The evidence (empty for an ambiguous result, which names `touchpoints` instead).
    pub fn evidence(&self) -> &[Evidence] {
        match self {
            Classification::Classified { evidence, .. }
            | Classification::NotO2o { evidence, .. }
            | Classification::Incomplete { evidence, .. } => evidence,
            Classification::Ambiguous { .. } => &[],
        }
    }

    /// The same result without its evidence: what two readings are compared on.
    fn shape(&self) -> Classification {
        let mut shape = self.clone();
        match &mut shape {
            Classification::Classified { evidence, .. }
            | Classification::NotO2o { evidence, .. }
            | Classification::Incomplete { evidence, .. } => evidence.clear(),
            Classification::Ambiguous { .. } => {}
        }
        shape
    }
}

/// Read which of the four flows a journey followed, with the touchpoints that decided it.
///
/// **The algorithm.** Touchpoints are taken in time order (instants, whatever the offset);
/// at an equal instant online before offline, then by stage (marketing, experience,
/// transaction, fulfilment), then in list order: this order only chooses *which* touchpoint
/// is cited, never the result. Then:
///
/// 1. **Transaction** (T): the first transaction. Transactions in both channels are
///    `ambiguous` (`conflicting_transactions`).
/// 2. **Before T**: the marketing and experience touchpoints before T (marketing at T's
///    instant counts as before; so does an online experience). The **first touch** (W) is
///    the first of them: where the customer was won. An **offline experience** before T (X)
///    marks flow 3.
/// 3. **After T** (the consumption): the experience and fulfilment touchpoints after T
///    (a fulfilment at T's instant counts as after). Marketing after T and fulfilment
///    before it play no part.
///
/// | T | W | X | after T | result |
/// |---|---|---|---|---|
/// | none | | | | `incomplete`, missing `transaction` |
/// | online and offline | | | | `ambiguous`, `conflicting_transactions` |
/// | offline | any | any | any | `not_o2o` (`offline`) |
/// | online | none | | any | `incomplete`, missing `first_touch` |
/// | online | online | yes | any | flow 3 `online_to_offline_to_online` |
/// | online | online | no | an offline experience or fulfilment | flow 1 `online_to_offline` |
/// | online | online | no | only online ones | `not_o2o` (`online`) |
/// | online | online | no | nothing | `incomplete`, missing `consumption` (flow 1) |
/// | online | offline | any | an offline experience | flow 4 `offline_to_online_to_offline` |
/// | online | offline | any | a fulfilment (either channel) or an online experience, no offline experience | flow 2 `offline_to_online` |
/// | online | offline | any | nothing | `incomplete`, missing `consumption` (flows 2, 4) |
///
/// So flows 1 and 4 differ in the first touch; 2 and 4 in whether the customer came back
/// to consume in a store (an offline *experience*) or was handed the goods (a
/// *fulfilment*: delivery or pickup); 1 and 3 in the offline experience before the
/// purchase, which decides flow 3 whatever follows.
///
/// **Evidence**: W (`first_touch`), the first X (`experience`, flow 3), T
/// (`transaction`), and for flows 1, 2, 4 and `not_o2o (online)` the first touchpoint
/// after T that decided (`consumption`): the first offline one (flow 1), the first offline
/// experience (flow 4), the first one (flow 2, not O2O). `not_o2o (offline)` cites T.
///
/// **Equal instants.** The list order never changes the result, and changes the evidence
/// only among touchpoints alike in instant, channel and stage. When the first touches
/// before T share their instant and differ in channel, or an offline experience shares the
/// online T's instant, every reading (W online or offline; the experience before or after
/// T) is tried: if they agree, that is the result; if all are incomplete, one `incomplete`
/// with the missing parts and candidates of all; otherwise `ambiguous`
/// (`simultaneous_touchpoints`).
///
/// An empty journey is `incomplete` (every part missing, every flow a candidate). The
/// result depends only on the channels, stages and times (not on parties, ids or labels).
///
/// Errors: [`Error::InvalidJourney`] (see [`Journey::validate`]).
///
/// ```
/// use o2okit::{classify, Classification, Flow, Journey, JourneyPart};
/// // A store poster, an order on WeChat, dinner in the store (Papa John's).
/// let journey: Journey = o2okit::decode(r#"{"touchpoints": [
///   {"channel": "offline", "stage": "marketing", "at": "2026-05-04T11:50:00+08:00", "kind": "poster"},
///   {"channel": "online", "stage": "transaction", "at": "2026-05-04T11:52:00+08:00", "kind": "wechat_order"},
///   {"channel": "offline", "stage": "experience", "at": "2026-05-04T12:20:00+08:00", "kind": "dine_in"}]}"#)?;
/// let result = classify(&journey)?;
/// assert_eq!(result.flow(), Some(Flow::OfflineToOnlineToOffline));
/// let parts: Vec<_> = result.evidence().iter().map(|e| (e.index, e.counted_as)).collect();
/// assert_eq!(parts, [(0, JourneyPart::FirstTouch), (1, JourneyPart::Transaction), (2, JourneyPart::Consumption)]);
///
/// // Without the dinner, flow 2 (delivery) or flow 4 (dine-in) can still follow.
/// let before_dinner = Journey::new(journey.touchpoints[..2].to_vec());
/// let Classification::Incomplete { missing, candidates, .. } = classify(&before_dinner)? else { panic!() };
/// assert_eq!(missing, [JourneyPart::Consumption]);
/// assert_eq!(candidates, [Flow::OfflineToOnline, Flow::OfflineToOnlineToOffline]);
/// # Ok::<(), o2okit::Error>(())
/// ```
pub fn classify(journey: &Journey) -> Result<Classification, Error> {
    journey.validate()?;
    let mut order: Vec<Touch<'_>> = journey
        .touchpoints
        .iter()
        .enumerate()
        .map(|(index, touchpoint)| Touch { index, touchpoint })
        .collect();
    // Stable: touchpoints alike in instant, channel and stage keep the list order.
    order.sort_by_key(|t| (t.touchpoint.at, t.channel(), t.stage()));
    Ok(classify_ordered(&order))
}

/// A touchpoint and its position in the input.
#[derive(Debug, Clone, Copy)]
struct Touch<'a> {
    index: usize,
    touchpoint: &'a JourneyTouchpoint,
}

impl Touch<'_> {
    fn channel(&self) -> JourneyChannel {
        self.touchpoint.channel
    }
    fn stage(&self) -> JourneyStage {
        self.touchpoint.stage
    }
    fn is(&self, channel: JourneyChannel, stage: JourneyStage) -> bool {
        self.channel() == channel && self.stage() == stage
    }
    fn evidence(&self, counted_as: JourneyPart) -> Evidence {
        Evidence {
            index: self.index,
            counted_as,
        }
    }
}

fn is_transaction(t: &Touch<'_>) -> bool {
    t.stage() == JourneyStage::Transaction
}

/// Classify touchpoints already in time order.
fn classify_ordered(order: &[Touch<'_>]) -> Classification {
    let online = order
        .iter()
        .find(|t| t.is(Online, JourneyStage::Transaction));
    let offline = order
        .iter()
        .find(|t| t.is(Offline, JourneyStage::Transaction));
    if let (Some(online), Some(offline)) = (online, offline) {
        let without_offline: Vec<Touch<'_>> = order
            .iter()
            .filter(|t| !t.is(Offline, JourneyStage::Transaction))
            .copied()
            .collect();
        let mut touchpoints = vec![online.index, offline.index];
        touchpoints.sort_unstable();
        return Classification::Ambiguous {
            reason: AmbiguityReason::ConflictingTransactions,
            candidates: read(&without_offline).candidate_flows(),
            touchpoints,
        };
    }
    read(order)
}

/// Classify touchpoints in time order whose transactions are all in one channel: try every
/// reading of the equal instants that matter, and compare.
fn read(order: &[Touch<'_>]) -> Classification {
    let transaction = order.iter().copied().find(is_transaction);
    let mut tied: Vec<usize> = Vec::new();
    // An offline experience at the instant of an online transaction: before it or after it?
    let at_transaction: Vec<usize> = match transaction {
        Some(tx) if tx.channel() == Online => order
            .iter()
            .filter(|t| {
                t.is(Offline, JourneyStage::Experience) && t.touchpoint.at == tx.touchpoint.at
            })
            .map(|t| t.index)
            .collect(),
        _ => Vec::new(),
    };
    let placements: &[bool] = if at_transaction.is_empty() {
        &[true]
    } else {
        if let Some(tx) = transaction {
            tied.push(tx.index);
        }
        tied.extend(&at_transaction);
        &[true, false]
    };
    let mut readings: Vec<Classification> = Vec::new();
    for &tied_before in placements {
        let sides = Sides::new(order, transaction, tied_before);
        // The first touches: every touchpoint before T at the earliest instant.
        let first_group: Vec<Touch<'_>> = match sides.before.first() {
            Some(first) => sides
                .before
                .iter()
                .take_while(|t| t.touchpoint.at == first.touchpoint.at)
                .copied()
                .collect(),
            None => Vec::new(),
        };
        let channels: Vec<JourneyChannel> = [Online, Offline]
            .into_iter()
            .filter(|c| first_group.iter().any(|t| t.channel() == *c))
            .collect();
        if channels.len() > 1 {
            tied.extend(first_group.iter().map(|t| t.index));
        }
        if channels.is_empty() {
            readings.push(sides.decide(None));
        }
        for channel in channels {
            let first = first_group.iter().copied().find(|t| t.channel() == channel);
            readings.push(sides.decide(first));
        }
    }
    merge(readings, tied)
}

/// Combine the readings of equal instants into one result.
fn merge(readings: Vec<Classification>, mut tied: Vec<usize>) -> Classification {
    let mut readings = readings.into_iter();
    let Some(first) = readings.next() else {
        // Unreachable: there is always one reading.
        return Classification::Incomplete {
            missing: Vec::new(),
            candidates: Flow::ALL.to_vec(),
            evidence: Vec::new(),
        };
    };
    let others: Vec<Classification> = readings.collect();
    let shape = first.shape();
    if others.iter().all(|r| r.shape() == shape) {
        return first;
    }
    let mut candidates: Vec<Flow> = Vec::new();
    for reading in std::iter::once(&first).chain(&others) {
        candidates.extend(reading.candidate_flows());
    }
    candidates.sort_unstable();
    candidates.dedup();
    let all_incomplete = std::iter::once(&first)
        .chain(&others)
        .all(|r| matches!(r, Classification::Incomplete { .. }));
    if all_incomplete {
        let mut missing: Vec<JourneyPart> = Vec::new();
        let mut evidence: Vec<Evidence> = first.evidence().to_vec();
        for reading in std::iter::once(&first).chain(&others) {
            if let Classification::Incomplete { missing: m, .. } = reading {
                missing.extend(m);
            }
            evidence.retain(|e| reading.evidence().contains(e));
        }
        missing.sort_unstable();
        missing.dedup();
        return Classification::Incomplete {
            missing,
            candidates,
            evidence,
        };
    }
    tied.sort_unstable();
    tied.dedup();
    Classification::Ambiguous {
        reason: AmbiguityReason::SimultaneousTouchpoints,
        candidates,
        touchpoints: tied,
    }
}

/// The touchpoints before and after the transaction, in time order.
struct Sides<'a> {
    transaction: Option<Touch<'a>>,
    /// Marketing and experience before T (all of them without a transaction).
    before: Vec<Touch<'a>>,
    /// Experience and fulfilment after T.
    after: Vec<Touch<'a>>,
}

impl<'a> Sides<'a> {
    /// Split around the transaction; `tied_before` places an offline experience at the
    /// online transaction's instant before it (else after it).
    fn new(order: &[Touch<'a>], transaction: Option<Touch<'a>>, tied_before: bool) -> Sides<'a> {
        let mut before = Vec::new();
        let mut after = Vec::new();
        for &t in order {
            let Some(tx) = transaction else {
                if matches!(
                    t.stage(),
                    JourneyStage::Marketing | JourneyStage::Experience
                ) {
                    before.push(t);
                }
                continue;
            };
            let when = t.touchpoint.at.cmp(&tx.touchpoint.at);
            match t.stage() {
                JourneyStage::Transaction => {}
                JourneyStage::Marketing => {
                    if when != Ordering::Greater {
                        before.push(t);
                    }
                }
                JourneyStage::Fulfilment => {
                    if when != Ordering::Less {
                        after.push(t);
                    }
                }
                JourneyStage::Experience => match when {
                    Ordering::Less => before.push(t),
                    Ordering::Greater => after.push(t),
                    Ordering::Equal => {
                        let tied = t.channel() == Offline && tx.channel() == Online;
                        if tied && !tied_before {
                            after.push(t);
                        } else {
                            before.push(t);
                        }
                    }
                },
            }
        }
        Sides {
            transaction,
            before,
            after,
        }
    }

    /// The first offline experience before T.
    fn offline_experience(&self) -> Option<Touch<'a>> {
        self.before
            .iter()
            .copied()
            .find(|t| t.is(Offline, JourneyStage::Experience))
    }

    /// Decide with `first` as the first touch.
    fn decide(&self, first: Option<Touch<'a>>) -> Classification {
        let features = Features {
            first: first.map(|t| t.channel()),
            offline_experience_before: self.offline_experience().is_some(),
            transaction: self.transaction.map(|t| t.channel()),
            after: After::of(&self.after),
        };
        let mut evidence: Vec<Evidence> = Vec::new();
        if let Some(w) = first {
            evidence.push(w.evidence(JourneyPart::FirstTouch));
        }
        let experience = match features.first {
            Some(Online) => self.offline_experience(),
            _ => None,
        };
        if let Some(x) = experience {
            evidence.push(x.evidence(JourneyPart::Experience));
        }
        if let Some(tx) = self.transaction {
            evidence.push(tx.evidence(JourneyPart::Transaction));
        }
        let first_after = self.after.first().copied();
        match decide(&features) {
            Decision::Flow(flow) => {
                let consumption = match flow {
                    Flow::OnlineToOffline => {
                        self.after.iter().copied().find(|t| t.channel() == Offline)
                    }
                    Flow::OfflineToOnline => first_after,
                    Flow::OnlineToOfflineToOnline => None,
                    Flow::OfflineToOnlineToOffline => self
                        .after
                        .iter()
                        .copied()
                        .find(|t| t.is(Offline, JourneyStage::Experience)),
                };
                if let Some(c) = consumption {
                    evidence.push(c.evidence(JourneyPart::Consumption));
                }
                Classification::Classified { flow, evidence }
            }
            Decision::NotO2o(Offline) => Classification::NotO2o {
                channel: Offline,
                evidence: self
                    .transaction
                    .map(|t| t.evidence(JourneyPart::Transaction))
                    .into_iter()
                    .collect(),
            },
            Decision::NotO2o(Online) => {
                if let Some(c) = first_after {
                    evidence.push(c.evidence(JourneyPart::Consumption));
                }
                Classification::NotO2o {
                    channel: Online,
                    evidence,
                }
            }
            Decision::Undecided => {
                if let Some(c) = first_after {
                    evidence.push(c.evidence(JourneyPart::Consumption));
                }
                let (missing, candidates) = complete(&features);
                Classification::Incomplete {
                    missing,
                    candidates,
                    evidence,
                }
            }
        }
    }
}

/// What happened after the transaction.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct After {
    offline_experience: bool,
    offline_fulfilment: bool,
    online: bool,
}

impl After {
    fn of(after: &[Touch<'_>]) -> After {
        After {
            offline_experience: after
                .iter()
                .any(|t| t.is(Offline, JourneyStage::Experience)),
            offline_fulfilment: after
                .iter()
                .any(|t| t.is(Offline, JourneyStage::Fulfilment)),
            online: after.iter().any(|t| t.channel() == Online),
        }
    }

    fn any(self) -> bool {
        self.offline_experience || self.offline_fulfilment || self.online
    }

    /// One touchpoint of each kind, for completing a journey that has none.
    const ONE_OF_EACH: [After; 3] = [
        After {
            offline_experience: true,
            offline_fulfilment: false,
            online: false,
        },
        After {
            offline_experience: false,
            offline_fulfilment: true,
            online: false,
        },
        After {
            offline_experience: false,
            offline_fulfilment: false,
            online: true,
        },
    ];
}

/// What the decision table reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Features {
    first: Option<JourneyChannel>,
    offline_experience_before: bool,
    transaction: Option<JourneyChannel>,
    after: After,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decision {
    Flow(Flow),
    NotO2o(JourneyChannel),
    Undecided,
}

/// The decision table.
fn decide(f: &Features) -> Decision {
    match (f.transaction, f.first) {
        (None, _) => Decision::Undecided,
        (Some(Offline), _) => Decision::NotO2o(Offline),
        (Some(Online), None) => Decision::Undecided,
        (Some(Online), Some(Online)) => {
            if f.offline_experience_before {
                Decision::Flow(Flow::OnlineToOfflineToOnline)
            } else if f.after.offline_experience || f.after.offline_fulfilment {
                Decision::Flow(Flow::OnlineToOffline)
            } else if f.after.online {
                Decision::NotO2o(Online)
            } else {
                Decision::Undecided
            }
        }
        (Some(Online), Some(Offline)) => {
            if f.after.offline_experience {
                Decision::Flow(Flow::OfflineToOnlineToOffline)
            } else if f.after.any() {
                Decision::Flow(Flow::OfflineToOnline)
            } else {
                Decision::Undecided
            }
        }
    }
}

/// For an undecided journey: the missing parts, and the flows reachable when each is
/// supplied by one touchpoint (a transaction still to come may also follow an offline
/// experience).
fn complete(f: &Features) -> (Vec<JourneyPart>, Vec<Flow>) {
    let both = [Some(Online), Some(Offline)];
    let firsts: Vec<Option<JourneyChannel>> = match f.first {
        None => both.to_vec(),
        known => vec![known],
    };
    let transactions: Vec<Option<JourneyChannel>> = match f.transaction {
        None => both.to_vec(),
        known => vec![known],
    };
    let experiences: Vec<bool> = match (f.transaction, f.offline_experience_before) {
        (None, false) => vec![false, true],
        (_, known) => vec![known],
    };
    let afters: Vec<After> = if f.after.any() {
        vec![f.after]
    } else {
        std::iter::once(After::default())
            .chain(After::ONE_OF_EACH)
            .collect()
    };
    let mut candidates: Vec<Flow> = Vec::new();
    let mut needs_consumption = false;
    for &first in &firsts {
        for &transaction in &transactions {
            for &offline_experience_before in &experiences {
                for &after in &afters {
                    let completed = Features {
                        first,
                        offline_experience_before,
                        transaction,
                        after,
                    };
                    match decide(&completed) {
                        Decision::Flow(flow) => candidates.push(flow),
                        Decision::Undecided if !after.any() => needs_consumption = true,
                        _ => {}
                    }
                }
            }
        }
    }
    candidates.sort_unstable();
    candidates.dedup();
    let mut missing = Vec::new();
    if f.first.is_none() {
        missing.push(JourneyPart::FirstTouch);
    }
    if f.transaction.is_none() {
        missing.push(JourneyPart::Transaction);
    }
    if needs_consumption {
        missing.push(JourneyPart::Consumption);
    }
    (missing, candidates)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(
        first: Option<JourneyChannel>,
        x: bool,
        transaction: Option<JourneyChannel>,
        after: After,
    ) -> Features {
        Features {
            first,
            offline_experience_before: x,
            transaction,
            after,
        }
    }

    #[test]
    fn the_decision_table() {
        let none = After::default();
        let [exp, ful, online] = After::ONE_OF_EACH;
        use Decision::{Flow as F, NotO2o, Undecided};
        let cases = [
            (
                features(Some(Online), false, Some(Online), exp),
                F(Flow::OnlineToOffline),
            ),
            (
                features(Some(Online), false, Some(Online), ful),
                F(Flow::OnlineToOffline),
            ),
            (
                features(Some(Online), false, Some(Online), online),
                NotO2o(Online),
            ),
            (features(Some(Online), false, Some(Online), none), Undecided),
            (
                features(Some(Online), true, Some(Online), none),
                F(Flow::OnlineToOfflineToOnline),
            ),
            (
                features(Some(Online), true, Some(Online), exp),
                F(Flow::OnlineToOfflineToOnline),
            ),
            (
                features(Some(Offline), false, Some(Online), exp),
                F(Flow::OfflineToOnlineToOffline),
            ),
            (
                features(Some(Offline), true, Some(Online), ful),
                F(Flow::OfflineToOnline),
            ),
            (
                features(Some(Offline), false, Some(Online), online),
                F(Flow::OfflineToOnline),
            ),
            (
                features(Some(Offline), false, Some(Online), none),
                Undecided,
            ),
            (features(None, false, Some(Online), exp), Undecided),
            (
                features(Some(Online), false, Some(Offline), exp),
                NotO2o(Offline),
            ),
            (features(None, false, Some(Offline), none), NotO2o(Offline)),
            (features(Some(Online), true, None, none), Undecided),
        ];
        for (f, expected) in cases {
            assert_eq!(decide(&f), expected, "{f:?}");
        }
    }

    #[test]
    fn completions_name_what_is_missing() {
        let none = After::default();
        let [exp, ful, _] = After::ONE_OF_EACH;
        use JourneyPart::{Consumption, FirstTouch, Transaction};
        assert_eq!(
            complete(&features(None, false, None, none)),
            (
                vec![FirstTouch, Transaction, Consumption],
                Flow::ALL.to_vec()
            )
        );
        assert_eq!(
            complete(&features(Some(Online), false, Some(Online), none)),
            (vec![Consumption], vec![Flow::OnlineToOffline])
        );
        assert_eq!(
            complete(&features(Some(Offline), false, Some(Online), none)),
            (
                vec![Consumption],
                vec![Flow::OfflineToOnline, Flow::OfflineToOnlineToOffline]
            )
        );
        assert_eq!(
            complete(&features(None, false, Some(Online), exp)),
            (
                vec![FirstTouch],
                vec![Flow::OnlineToOffline, Flow::OfflineToOnlineToOffline]
            )
        );
        assert_eq!(
            complete(&features(None, false, Some(Online), ful)),
            (
                vec![FirstTouch],
                vec![Flow::OnlineToOffline, Flow::OfflineToOnline]
            )
        );
        // Won online, an offline experience already: only flow 3 (or an offline sale).
        assert_eq!(
            complete(&features(Some(Online), true, None, none)),
            (vec![Transaction], vec![Flow::OnlineToOfflineToOnline])
        );
        assert_eq!(
            complete(&features(Some(Online), false, None, none)),
            (
                vec![Transaction, Consumption],
                vec![Flow::OnlineToOffline, Flow::OnlineToOfflineToOnline]
            )
        );
    }
}
