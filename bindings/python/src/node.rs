//! Wire JSON held by the binding: an immutable tree whose sub-trees are shared, not copied.
//!
//! A result record (`Quote`, `Ledger`, `GroupBuyState`, ...) keeps the core's wire output as
//! a [`Node`] and converts a field to a Python value only when it is read. Taking a sub-record
//! (`quote.lines[0]`) clones an `Arc`, so reading one field of a large result costs the
//! field, not the result.

use std::fmt;
use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyList, PyString};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::{Number, Value};

/// A JSON value whose arrays, objects and strings are shared.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    Null,
    Bool(bool),
    Number(Number),
    Str(Arc<str>),
    Array(Arc<[Node]>),
    /// Members in wire order (objects are small; look-up is a scan).
    Object(Arc<[(Box<str>, Node)]>),
}

impl Node {
    /// The member `key` of an object (`None` for a missing member or a non-object).
    pub(crate) fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Object(members) => members.iter().find(|(k, _)| &**k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// JSON text.
    pub(crate) fn to_json(&self) -> serde_json::Result<String> {
        serde_json::to_string(self)
    }

    /// Parse JSON text.
    pub(crate) fn parse(text: &str) -> serde_json::Result<Node> {
        serde_json::from_str(text)
    }

    /// The wire JSON as plain Python values: dict, list, str, int, float, bool, None
    /// (decimals stay strings, as on the wire).
    pub(crate) fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(match self {
            Node::Null => py.None().into_bound(py),
            Node::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
            Node::Number(n) => number_to_py(py, n)?,
            Node::Str(s) => PyString::new(py, s).into_any(),
            Node::Array(items) => PyList::new(
                py,
                items
                    .iter()
                    .map(|item| item.to_py(py))
                    .collect::<PyResult<Vec<_>>>()?,
            )?
            .into_any(),
            Node::Object(members) => {
                let dict = PyDict::new(py);
                for (key, value) in members.iter() {
                    dict.set_item(&**key, value.to_py(py)?)?;
                }
                dict.into_any()
            }
        })
    }
}

pub(crate) fn number_to_py<'py>(py: Python<'py>, n: &Number) -> PyResult<Bound<'py, PyAny>> {
    Ok(match (n.as_i64(), n.as_u64()) {
        (Some(i), _) => i.into_pyobject(py)?.into_any(),
        (None, Some(u)) => u.into_pyobject(py)?.into_any(),
        (None, None) => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
    })
}

impl From<Value> for Node {
    fn from(value: Value) -> Self {
        match value {
            Value::Null => Node::Null,
            Value::Bool(b) => Node::Bool(b),
            Value::Number(n) => Node::Number(n),
            Value::String(s) => Node::Str(s.into()),
            Value::Array(items) => Node::Array(items.into_iter().map(Node::from).collect()),
            Value::Object(map) => Node::Object(
                map.into_iter()
                    .map(|(k, v)| (k.into_boxed_str(), Node::from(v)))
                    .collect(),
            ),
        }
    }
}

impl Serialize for Node {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Node::Null => serializer.serialize_unit(),
            Node::Bool(b) => serializer.serialize_bool(*b),
            Node::Number(n) => n.serialize(serializer),
            Node::Str(s) => serializer.serialize_str(s),
            Node::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items.iter() {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Node::Object(members) => {
                let mut map = serializer.serialize_map(Some(members.len()))?;
                for (key, value) in members.iter() {
                    map.serialize_entry(&**key, value)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Node, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Number(v.into()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
        Number::from_f64(v)
            .map(Node::Number)
            .ok_or_else(|| E::custom("not a finite number"))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Str(v.into()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Node, E> {
        Ok(Node::Str(v.into()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        Node::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element::<Node>()? {
            items.push(item);
        }
        Ok(Node::Array(items.into()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut members: Vec<(Box<str>, Node)> = Vec::new();
        while let Some((key, value)) = map.next_entry::<String, Node>()? {
            members.push((key.into_boxed_str(), value));
        }
        Ok(Node::Object(members.into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_wire_text_in_order() -> serde_json::Result<()> {
        let text = r#"{"b":[1,-2,18446744073709551615,1.5,"x",null,true],"a":{"amount":"1.00","currency":"CNY"}}"#;
        let node = Node::parse(text)?;
        assert_eq!(node.to_json()?, text);
        assert_eq!(node, Node::from(serde_json::from_str::<Value>(text)?));
        assert!(node.get("a").and_then(|a| a.get("currency")).is_some());
        assert!(node.get("c").is_none());
        Ok(())
    }
}
