//! `o2okit schema`: the JSON Schema of the wire types.

use crate::error::pretty_json;

/// The schema, pretty-printed, with a trailing newline. Deterministic: the generator is
/// deterministic and object keys keep their insertion order.
pub fn run() -> String {
    pretty_json(&o2okit::json_schema())
}
