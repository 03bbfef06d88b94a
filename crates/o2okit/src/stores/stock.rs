//! Stock per product, as sorted dense indexes for fast look-ups.

use std::collections::{BTreeMap, HashMap};

/// A store's stock keyed by the prepared product index, sorted by index.
pub(crate) type PreparedStock = Vec<(u32, u32)>;

/// Give every product id a dense index (shared by all stores) and index a stock map.
pub(crate) fn prepare_stock(
    stock: &BTreeMap<String, u32>,
    products: &mut HashMap<String, u32>,
) -> PreparedStock {
    let mut out: PreparedStock = stock
        .iter()
        .map(|(id, qty)| {
            let next = u32::try_from(products.len()).unwrap_or(u32::MAX);
            let index = *products.entry(id.clone()).or_insert(next);
            (index, *qty)
        })
        .collect();
    out.sort_unstable_by_key(|(index, _)| *index);
    out
}

/// Units of a product (by prepared index; `None` = a product no store lists) in stock.
pub(crate) fn available(stock: &PreparedStock, product: Option<u32>) -> u32 {
    product
        .and_then(|p| {
            stock
                .binary_search_by_key(&p, |(index, _)| *index)
                .ok()
                .and_then(|i| stock.get(i))
        })
        .map_or(0, |(_, qty)| *qty)
}
