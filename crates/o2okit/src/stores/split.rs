//! Covering an order's lines with the fewest stores.

/// Lines up to which the split is exact (a search over subsets of lines).
pub const MAX_EXACT_SPLIT_LINES: usize = 12;

/// A store that can fill some lines whole: its index, the lines as bits, its distance.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Candidate {
    pub store: usize,
    pub mask: u64,
    pub distance_m: u32,
}

/// The stores covering `full` with the fewest stores, ties by the smallest total distance
/// (then the earlier found). `candidates` must be sorted by (distance, input order).
pub(crate) fn fewest_stores(
    candidates: &[Candidate],
    lines: usize,
    full: u64,
) -> Option<Vec<usize>> {
    if lines <= MAX_EXACT_SPLIT_LINES {
        exact(candidates, lines, full)
    } else {
        Some(greedy(candidates, full)?)
    }
}

#[derive(Debug, Clone, Copy)]
struct Best {
    count: u32,
    total: u64,
    prev: usize,
    candidate: usize,
}

fn exact(candidates: &[Candidate], lines: usize, full: u64) -> Option<Vec<usize>> {
    // One candidate per distinct mask: the nearest (the list is sorted).
    let mut distinct: Vec<&Candidate> = Vec::new();
    for c in candidates {
        if c.mask != 0 && !distinct.iter().any(|d| d.mask == c.mask) {
            distinct.push(c);
        }
    }
    let states = 1usize.checked_shl(u32::try_from(lines).ok()?)?;
    let mut best: Vec<Option<Best>> = vec![None; states];
    *best.get_mut(0)? = Some(Best {
        count: 0,
        total: 0,
        prev: 0,
        candidate: usize::MAX,
    });
    for state in 0..states {
        let Some(here) = best.get(state).copied().flatten() else {
            continue;
        };
        for (k, c) in distinct.iter().enumerate() {
            let next = state | usize::try_from(c.mask).ok()?;
            if next == state {
                continue;
            }
            let key = (
                here.count.saturating_add(1),
                here.total.saturating_add(u64::from(c.distance_m)),
            );
            let slot = best.get_mut(next)?;
            if slot.is_none_or(|b| key < (b.count, b.total)) {
                *slot = Some(Best {
                    count: key.0,
                    total: key.1,
                    prev: state,
                    candidate: k,
                });
            }
        }
    }
    let mut state = usize::try_from(full).ok()?;
    let mut chosen = Vec::new();
    while state != 0 {
        let b = best.get(state).copied().flatten()?;
        chosen.push(distinct.get(b.candidate)?.store);
        state = b.prev;
    }
    Some(chosen)
}

fn greedy(candidates: &[Candidate], full: u64) -> Option<Vec<usize>> {
    let mut covered = 0u64;
    let mut chosen = Vec::new();
    while covered != full {
        let pick = candidates
            .iter()
            .map(|c| (c, (c.mask & !covered).count_ones()))
            .filter(|(_, gain)| *gain > 0)
            .fold(None::<(&Candidate, u32)>, |best, (c, gain)| match best {
                Some((_, g)) if g >= gain => best,
                _ => Some((c, gain)),
            })?;
        covered |= pick.0.mask;
        chosen.push(pick.0.store);
    }
    Some(chosen)
}
