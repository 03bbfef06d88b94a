//! Pipeline states kept by prefix while the search runs.
//!
//! The search evaluates many combinations that start with the same promotions (the
//! automatic item offers come first in pipeline order and sit in most combinations; the
//! depth-first pass revisits what the greedy pass built). A combination's run is the run of
//! its longest already-computed prefix followed by the rest, so each prefix's state is kept
//! and reused. This changes only the cost, never the result: a run is a pure function of
//! its ordered positions.
//!
//! The memory kept is bounded by [`UNIT_SLOTS`] unit prices in all (a state holds one
//! per unit); past that, runs simply stop being kept.

use std::collections::BTreeMap;

use super::pipeline::{Applied, Miss, Partial, Quoting, Run};
use crate::Error;

/// The most unit states kept in all (about 17 bytes each): 2^20 units, so ~26,000 states of
/// a 40-unit cart, 100 of a 10,000-unit one.
pub(crate) const UNIT_SLOTS: usize = 1 << 20;

/// What one step of a kept prefix did: the last promotion's outcome and the state after it.
#[derive(Debug, Clone)]
struct Kept {
    partial: Partial,
    outcome: Option<Result<Applied, Miss>>,
}

/// States after each computed prefix of pipeline positions.
#[derive(Debug, Clone)]
pub(crate) struct Prefixes {
    states: BTreeMap<Vec<usize>, Kept>,
    slots_left: usize,
    per_state: usize,
}

impl Prefixes {
    pub(crate) fn new(quoting: &Quoting<'_>) -> Self {
        Prefixes {
            states: BTreeMap::new(),
            slots_left: UNIT_SLOTS,
            per_state: quoting.unit_count().max(1),
        }
    }

    fn has_room(&self, key: &[usize]) -> bool {
        // A state and the last step's per-unit discounts: at most two unit slots each.
        self.slots_left >= self.per_state.saturating_mul(2) && !self.states.contains_key(key)
    }

    fn keep(&mut self, key: &[usize], partial: &Partial, outcome: Option<Result<Applied, Miss>>) {
        if self.has_room(key) {
            self.keep_owned(key, partial.clone(), outcome);
        }
    }

    fn keep_owned(
        &mut self,
        key: &[usize],
        partial: Partial,
        outcome: Option<Result<Applied, Miss>>,
    ) {
        if self.has_room(key) {
            self.slots_left = self
                .slots_left
                .saturating_sub(self.per_state.saturating_mul(2));
            self.states.insert(key.to_vec(), Kept { partial, outcome });
        }
    }

    /// The saving of the run over `set` (pipeline positions, ascending). The final state is
    /// moved into the kept prefixes, not copied.
    pub(crate) fn saving(&mut self, quoting: &Quoting<'_>, set: &[usize]) -> Result<i128, Error> {
        if let Some(kept) = self.states.get(set) {
            return Ok(kept.partial.saving);
        }
        let Some((&last, before)) = set.split_last() else {
            return Ok(0);
        };
        let mut partial = self.partial(quoting, before)?;
        let outcome = quoting.step(&mut partial, last)?;
        let saving = partial.saving;
        self.keep_owned(set, partial, outcome);
        Ok(saving)
    }

    /// The state after the run over `set` (pipeline positions, ascending), from the longest
    /// kept prefix.
    pub(crate) fn partial(
        &mut self,
        quoting: &Quoting<'_>,
        set: &[usize],
    ) -> Result<Partial, Error> {
        let mut known = set.len();
        let mut partial = loop {
            if known == 0 {
                break quoting.start();
            }
            if let Some(kept) = set.get(..known).and_then(|k| self.states.get(k)) {
                break kept.partial.clone();
            }
            known = known.saturating_sub(1);
        };
        for end in known..set.len() {
            if let Some(&position) = set.get(end) {
                let outcome = quoting.step(&mut partial, position)?;
                if let Some(prefix) = set.get(..=end) {
                    self.keep(prefix, &partial, outcome);
                }
            }
        }
        Ok(partial)
    }

    /// Why `position` misses when run beside `chosen` (ascending; without `position`), or
    /// `None` if it applies there. Only the chosen promotions before it in pipeline order
    /// can change its outcome, so the run stops at it.
    pub(crate) fn miss_beside(
        &mut self,
        quoting: &Quoting<'_>,
        chosen: &[usize],
        position: usize,
    ) -> Result<Option<Miss>, Error> {
        let before = chosen.partition_point(|&c| c < position);
        let mut partial = self.partial(quoting, chosen.get(..before).unwrap_or(chosen))?;
        Ok(match quoting.step(&mut partial, position)? {
            Some(Err(miss)) => Some(miss),
            _ => None,
        })
    }

    /// The saving of `position` alone, and why it missed if it did.
    pub(crate) fn single(
        &mut self,
        quoting: &Quoting<'_>,
        position: usize,
    ) -> Result<(i128, Option<Miss>), Error> {
        // Not kept as a prefix: a single's state is rarely extended (combinations usually
        // start with the automatic item offers), so only its saving is computed.
        Ok(match quoting.alone(position)? {
            Ok(saving) => (saving, None),
            Err(miss) => (0, Some(miss)),
        })
    }

    /// The full run over `chosen` (ascending), as [`Quoting::run`] computes it, taken from
    /// the kept prefixes when the search kept them all (the usual case: the chosen set was
    /// evaluated), else run again.
    pub(crate) fn run(&self, quoting: &Quoting<'_>, chosen: &[usize]) -> Result<Run, Error> {
        let mut applied = Vec::with_capacity(chosen.len());
        let mut missed = Vec::new();
        for (end, &position) in chosen.iter().enumerate() {
            let kept = chosen
                .get(..=end)
                .and_then(|prefix| self.states.get(prefix));
            match kept.map(|k| &k.outcome) {
                None => return quoting.run(chosen),
                Some(Some(Ok(a))) => applied.push(a.clone()),
                Some(Some(Err(miss))) => missed.push((position, miss.clone())),
                Some(None) => {}
            }
        }
        let partial = match self.states.get(chosen) {
            Some(kept) => kept.partial.clone(),
            None => quoting.start(),
        };
        Ok(Run {
            state: partial.state,
            applied,
            missed,
            saving: partial.saving,
        })
    }
}
