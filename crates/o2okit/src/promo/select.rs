//! Choosing which promotions apply together: the bounded best-for-customer search.
//!
//! Candidates are the promotions that passed the cart-independent checks (automatic offers
//! and the customer's coupons). A combination is valid when it holds at most one promotion
//! per `group` and an `exclusive` promotion only alone. The search maximises the customer's
//! saving (discounts + delivery discounts + gift values) over valid combinations:
//!
//! 1. each candidate is evaluated alone (at most [`MAX_SINGLE_EVALUATIONS`]); one that
//!    saves nothing alone saves nothing in any combination (every discount only shrinks as
//!    others are added: bases fall, thresholds get harder, units get consumed), so it is
//!    dropped with the reason it failed alone;
//! 2. a greedy pass adds candidates in order of decreasing single saving (then pipeline
//!    order) while the saving grows;
//! 3. a depth-first branch and bound over the same order improves on it, pruning any branch
//!    whose saving plus the single savings of what is left cannot beat the best so far.
//!
//! The pruning is sound because a promotion never adds more to a combination than it saves
//! alone (bases only fall, thresholds only get harder, the richest reached tier applies).
//! The one exception is two consuming offers competing for the same units (one can free
//! better units for the other); then each consuming offer is bounded by its reward rate on
//! the most valuable units it targets at list price, and a branch is bounded by the sum of
//! its members' bounds. Coupons selected explicitly are always in the combination (as far as they
//! combine with each other) and the search runs over the automatic offers around them.
//!
//! At most [`MAX_EVALUATIONS`] pipeline runs are spent in all. The answer is *proven
//! optimal* when the search finished within that bound and no candidate was left
//! unevaluated. Ties keep the combination found first (greedy, then depth-first order), so
//! the result is deterministic.

use super::pipeline::{Miss, Quoting};
use super::prefixes::Prefixes;
use super::promotion::Promotion;
use crate::Error;

/// The most candidates evaluated alone in one quote.
pub const MAX_SINGLE_EVALUATIONS: usize = 1_000;

/// The most pipeline runs one quote's search spends, single evaluations included.
pub const MAX_EVALUATIONS: u64 = 4_096;

/// Why a candidate is not in the chosen combination.
#[derive(Debug, Clone)]
pub(crate) enum NotChosen {
    /// It saves nothing even alone, for this reason.
    Alone(Miss),
    /// An exclusive promotion was chosen.
    Exclusive { by: usize },
    /// Another member of its group was chosen.
    Group { group: String, winner: usize },
    /// A combination without it saves more.
    Lost,
    /// The search bound was reached before it was evaluated.
    Bound,
}

/// The chosen combination.
#[derive(Debug, Clone)]
pub(crate) struct Choice {
    /// The run states the search kept, for re-checks beside the chosen set.
    pub(crate) prefixes: Prefixes,
    /// Pipeline positions, ascending.
    pub(crate) chosen: Vec<usize>,
    pub(crate) not_chosen: Vec<(usize, NotChosen)>,
    pub(crate) optimal: bool,
    pub(crate) evaluations: u64,
}

struct Search<'a> {
    quoting: &'a Quoting<'a>,
    /// (position, single saving), by decreasing saving then position.
    positives: Vec<(usize, i128)>,
    /// Per pipeline position: an upper bound of the promotion's own discount in any
    /// combination (its single saving, or for consuming offers the optimistic bound).
    bounds: std::collections::BTreeMap<usize, i128>,
    evaluations: u64,
    exhausted: bool,
    /// Whether the single savings bound what a candidate adds (see `select`).
    sound: bool,
    best: Vec<usize>,
    best_saving: i128,
    /// Run states by prefix, so shared prefixes are computed once.
    prefixes: Prefixes,
}

impl Search<'_> {
    fn promo(&self, position: usize) -> Option<&Promotion> {
        self.quoting.promotions.get(position).copied()
    }

    fn compatible(&self, set: &[usize], candidate: usize) -> bool {
        let Some(p) = self.promo(candidate) else {
            return false;
        };
        if p.stacking.exclusive && !set.is_empty() {
            return false;
        }
        set.iter().all(|&s| match self.promo(s) {
            None => false,
            Some(q) => {
                let same_group = p.stacking.group.is_some() && p.stacking.group == q.stacking.group;
                !(q.stacking.exclusive || same_group)
            }
        })
    }

    fn evaluate(&mut self, set: &[usize]) -> Result<Option<i128>, Error> {
        if self.evaluations >= MAX_EVALUATIONS {
            self.exhausted = true;
            return Ok(None);
        }
        self.evaluations = self.evaluations.saturating_add(1);
        Ok(Some(self.prefixes.saving(self.quoting, set)?))
    }

    fn offer(&mut self, set: Vec<usize>, saving: i128) {
        if saving > self.best_saving {
            self.best = set;
            self.best_saving = saving;
        }
    }

    fn with(set: &[usize], candidate: usize) -> Vec<usize> {
        let mut next = set.to_vec();
        next.push(candidate);
        next.sort_unstable();
        next
    }

    fn bound_of(&self, position: usize) -> i128 {
        self.bounds.get(&position).copied().unwrap_or(0)
    }

    /// An upper bound of what the candidates from `from` on can add to `set`.
    fn remaining_bound(&self, from: usize, set: &[usize]) -> i128 {
        self.positives
            .iter()
            .skip(from)
            .filter(|(c, _)| self.compatible(set, *c))
            .fold(0i128, |acc, (c, _)| acc.saturating_add(self.bound_of(*c)))
    }

    /// An upper bound of the saving of any combination in the subtree at (`set`, `from`).
    fn subtree_bound(&self, from: usize, set: &[usize], saving: i128) -> i128 {
        let start = if self.sound {
            // Nothing in `set` can gain from what is added: start from its saving.
            saving
        } else {
            // A member can gain from what is added (freed units): bound each member alone.
            set.iter()
                .fold(0i128, |acc, c| acc.saturating_add(self.bound_of(*c)))
        };
        start.saturating_add(self.remaining_bound(from, set))
    }

    fn dfs(&mut self, from: usize, set: &[usize], saving: i128) -> Result<(), Error> {
        if self.exhausted {
            return Ok(());
        }
        if self.subtree_bound(from, set, saving) <= self.best_saving {
            return Ok(());
        }
        let Some(&(candidate, _)) = self.positives.get(from) else {
            return Ok(());
        };
        let next_index = from.saturating_add(1);
        if self.compatible(set, candidate) {
            let trial = Search::with(set, candidate);
            if let Some(v) = self.evaluate(&trial)? {
                self.offer(trial.clone(), v);
                self.dfs(next_index, &trial, v)?;
            }
        }
        self.dfs(next_index, set, saving)
    }
}

/// Choose the combination of `candidates` (pipeline positions, ascending) that saves the
/// customer the most.
pub(crate) fn select(
    quoting: &Quoting<'_>,
    candidates: &[usize],
    forced: &[usize],
) -> Result<Choice, Error> {
    let mut search = Search {
        quoting,
        positives: Vec::new(),
        bounds: std::collections::BTreeMap::new(),
        evaluations: 0,
        exhausted: false,
        sound: true,
        best: Vec::new(),
        best_saving: 0,
        prefixes: Prefixes::new(quoting),
    };
    let mut not_chosen = Vec::new();
    // Coupons the customer selected explicitly are always in, as far as they combine.
    let mut base: Vec<usize> = Vec::new();
    for &f in forced {
        if search.compatible(&base, f) {
            base.push(f);
        } else {
            let reason = match base.iter().copied().find(|&b| {
                search.promo(b).is_some_and(|p| p.stacking.exclusive)
                    || search.promo(f).is_some_and(|p| p.stacking.exclusive)
            }) {
                Some(by) => NotChosen::Exclusive { by },
                None => NotChosen::Lost,
            };
            not_chosen.push((f, reason));
        }
    }
    base.sort_unstable();
    let base_saving = if base.is_empty() {
        0
    } else {
        search.evaluations = search.evaluations.saturating_add(1);
        search.prefixes.saving(quoting, &base)?
    };
    search.best = base.clone();
    search.best_saving = base_saving;
    let mut unevaluated = false;
    for (k, &c) in candidates.iter().enumerate() {
        if k >= MAX_SINGLE_EVALUATIONS {
            not_chosen.push((c, NotChosen::Bound));
            unevaluated = true;
            continue;
        }
        search.evaluations = search.evaluations.saturating_add(1);
        let (saving, miss) = search.prefixes.single(quoting, c)?;
        if saving > 0 {
            search.positives.push((c, saving));
        } else {
            let miss = miss.unwrap_or(Miss::Nothing);
            not_chosen.push((c, NotChosen::Alone(miss)));
        }
    }
    search
        .positives
        .sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));

    // The single-saving bound is sound unless two consuming offers compete for units (one
    // can free units that make the other save more than alone); then nothing is pruned.
    let mut involved: Vec<usize> = search.positives.iter().map(|(c, _)| *c).collect();
    involved.extend_from_slice(&base);
    search.sound = !quoting.consumers_overlap(&involved);
    for &(c, single) in &search.positives {
        let optimistic = if search.sound {
            None
        } else {
            quoting.optimistic(c)?
        };
        let bound = match optimistic {
            Some(optimistic) => optimistic.max(single),
            None => single,
        };
        search.bounds.insert(c, bound);
    }
    for &b in &base {
        let optimistic = if search.sound {
            None
        } else {
            quoting.optimistic(b)?
        };
        let bound = match optimistic {
            Some(optimistic) => optimistic,
            None => base_saving,
        };
        search.bounds.insert(b, bound);
    }

    // Greedy incumbent.
    let order: Vec<(usize, i128)> = search.positives.clone();
    let mut current: Vec<usize> = base.clone();
    let mut current_saving: i128 = base_saving;
    for &(c, single) in &order {
        if !search.compatible(&current, c) {
            continue;
        }
        let trial = Search::with(&current, c);
        // A combination of one is its single evaluation, already done.
        let v = if current.is_empty() {
            single
        } else {
            match search.evaluate(&trial)? {
                Some(v) => v,
                None => break,
            }
        };
        if v > current_saving {
            current = trial;
            current_saving = v;
        }
    }
    search.offer(current, current_saving);

    // Proven already? Compare with an upper bound over all valid combinations.
    let mut group_best: std::collections::BTreeMap<&str, i128> = std::collections::BTreeMap::new();
    let mut free: i128 = 0;
    let mut exclusive_best: i128 = 0;
    for &(c, _) in &search.positives {
        let Some(p) = search.promo(c) else { continue };
        if !search.compatible(&base, c) {
            continue;
        }
        let v = search.bound_of(c);
        if p.stacking.exclusive {
            exclusive_best = exclusive_best.max(v);
        } else if let Some(g) = p.stacking.group.as_deref() {
            let entry = group_best.entry(g).or_insert(0);
            *entry = (*entry).max(v);
        } else {
            free = free.saturating_add(v);
        }
    }
    let bound = group_best
        .values()
        .fold(free, |acc, v| acc.saturating_add(*v))
        .max(exclusive_best)
        .saturating_add(base_saving);
    let bound = if search.sound {
        bound
    } else {
        base.iter()
            .fold(bound.saturating_sub(base_saving), |acc, b| {
                acc.saturating_add(search.bound_of(*b))
            })
    };
    if search.best_saving < bound {
        search.dfs(0, &base, base_saving)?;
    }

    let best = search.best.clone();
    let exclusive_winner = best
        .iter()
        .copied()
        .find(|&c| search.promo(c).is_some_and(|p| p.stacking.exclusive));
    for &(c, _) in &search.positives {
        if best.contains(&c) {
            continue;
        }
        let reason = if let Some(by) = exclusive_winner {
            NotChosen::Exclusive { by }
        } else if let Some(g) = search.promo(c).and_then(|p| p.stacking.group.clone()) {
            match best.iter().copied().find(|&w| {
                search.promo(w).and_then(|p| p.stacking.group.as_deref()) == Some(g.as_str())
            }) {
                Some(winner) => NotChosen::Group { group: g, winner },
                None => NotChosen::Lost,
            }
        } else {
            NotChosen::Lost
        };
        not_chosen.push((c, reason));
    }
    Ok(Choice {
        prefixes: search.prefixes,
        chosen: best,
        not_chosen,
        optimal: !search.exhausted && !unevaluated,
        evaluations: search.evaluations,
    })
}
