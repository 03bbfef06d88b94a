//! How assignment ranks, splits and explains.

use serde::{Deserialize, Serialize};

use super::FeeTable;

/// How to choose among eligible stores, whether to split, and how much to explain.
///
/// ```
/// use o2okit::{AssignPolicy, SplitPolicy, TieBreak};
/// let policy: AssignPolicy = o2okit::decode(r#"{"tie_breaks": ["spare_capacity", "fee"],
///     "split": "fewest_stores"}"#)?;
/// assert_eq!(policy.tie_breaks, [TieBreak::SpareCapacity, TieBreak::Fee]);
/// assert_eq!(policy.split, SplitPolicy::FewestStores);
/// # Ok::<(), o2okit::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AssignPolicy {
    /// Tie-breaks between eligible stores at the **same** distance (whole metres), in
    /// order; input order of the stores decides what they leave tied. Distance always
    /// comes first: a tie-break never picks a farther store.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tie_breaks: Vec<TieBreak>,
    /// Whether an order no single store can fulfil may be split (default `never`).
    #[serde(default)]
    pub split: SplitPolicy,
    /// How much to explain about stores passed over (default `all`).
    #[serde(default)]
    pub explain: Explain,
    /// The fee table for stores without their own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fees: Option<FeeTable>,
}

/// A tie-break between stores at the same distance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum TieBreak {
    /// Shorter ETA first.
    Eta,
    /// Lower delivery fee first.
    Fee,
    /// More capacity left today first (no limit counts as most).
    SpareCapacity,
    /// Smaller store id first (byte order).
    StoreId,
    /// Earlier in the input (always the last resort).
    InputOrder,
}

/// Whether to split an order across stores.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SplitPolicy {
    /// One store or none.
    #[default]
    Never,
    /// When no single store can fulfil the order, cover its lines with the fewest stores
    /// (each line whole from one store), ties by the smallest total distance. Exact up to
    /// [`MAX_EXACT_SPLIT_LINES`](crate::MAX_EXACT_SPLIT_LINES) lines; above that greedy
    /// (the store covering most remaining lines first), which uses at most `H(n) ≈ ln n + 1`
    /// times the fewest stores.
    FewestStores,
}

/// How much to explain about stores passed over.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Explain {
    /// Every reason for every store.
    #[default]
    All,
    /// Every store is still listed, but a store whose area does not serve the address gets
    /// only `out_of_area` (its hours, stock and capacity are not checked). Much faster with
    /// many far-away stores.
    Nearby,
}
