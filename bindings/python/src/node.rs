//! Wire JSON held by the binding: an immutable tree whose sub-trees are shared, not copied,
//! and parsed only when they are read.
//!
//! A result record (`Quote`, `Ledger`, `GroupBuyState`, ...) keeps the core's wire output as
//! a [`Node`] and converts a field to a Python value only when it is read. Taking a sub-record
//! (`quote.lines[0]`) clones an `Arc`, so reading one field of a large result costs the
//! field, not the result. Parsing is lazy too: [`Node::parse`] reads one level of the text
//! and keeps each large nested object or array as its text ([`Node::Lazy`]), parsed (one level
//! again) the first time it is read. `replay.state.status` of a replay whose state holds
//! thousands of participations scans the text but builds only the path to `status`.

use std::fmt;
use std::sync::{Arc, OnceLock};

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyList, PyString};
use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::value::RawValue;
use serde_json::{Number, Value};

/// A JSON value whose arrays, objects and strings are shared.
#[derive(Debug, Clone)]
pub(crate) enum Node {
    Null,
    Bool(bool),
    Number(Number),
    Str(Arc<str>),
    Array(Arc<[Node]>),
    /// Members in wire order (objects are small; look-up is a scan).
    Object(Arc<[(Box<str>, Node)]>),
    /// A nested object or array not parsed yet (see the module docs).
    Lazy(Arc<Lazy>),
}

/// The text of a nested object or array, and its parse once it is read.
#[derive(Debug)]
pub(crate) struct Lazy {
    text: Box<str>,
    parsed: OnceLock<Result<Node, String>>,
}

/// Nested values longer than this (in bytes of JSON text) are kept as text until read;
/// shorter ones (a `Money`, a small record) are parsed with their parent.
const LAZY_FROM: usize = 256;

impl Lazy {
    fn node(&self) -> Result<&Node, NodeError> {
        self.parsed
            .get_or_init(|| parse_level(&self.text).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| NodeError(e.clone()))
    }
}

/// A nested value that could not be parsed (the text was read once already, so this means
/// a corrupted record, e.g. from a tampered pickle).
#[derive(Debug, Clone)]
pub(crate) struct NodeError(pub(crate) String);

impl fmt::Display for NodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "wire JSON could not be read: {}", self.0)
    }
}

impl From<NodeError> for PyErr {
    fn from(err: NodeError) -> Self {
        pyo3::exceptions::PyValueError::new_err(err.to_string())
    }
}

impl Node {
    /// This node, parsed one level if it was kept as text (a cheap clone otherwise).
    pub(crate) fn forced(&self) -> Result<Node, NodeError> {
        match self {
            Node::Lazy(lazy) => lazy.node().cloned(),
            other => Ok(other.clone()),
        }
    }

    /// The member `key` of an object (`None` for a missing member or a non-object).
    pub(crate) fn member(&self, key: &str) -> Result<Option<Node>, NodeError> {
        Ok(match self.forced()? {
            Node::Object(members) => members
                .iter()
                .find(|(k, _)| &**k == key)
                .map(|(_, v)| v.clone()),
            _ => None,
        })
    }

    /// JSON text.
    pub(crate) fn to_json(&self) -> serde_json::Result<String> {
        serde_json::to_string(self)
    }

    /// Parse JSON text (one level; large nested values stay text until read).
    pub(crate) fn parse(text: &str) -> serde_json::Result<Node> {
        parse_level(text)
    }

    /// The wire JSON as plain Python values: dict, list, str, int, float, bool, None
    /// (decimals stay strings, as on the wire).
    pub(crate) fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(match self {
            Node::Lazy(lazy) => lazy.node()?.to_py(py)?,
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

/// Two values are equal when their JSON texts are (the core writes one canonical text per
/// value: members in a fixed order, numbers and decimals as written).
impl PartialEq for Node {
    fn eq(&self, other: &Self) -> bool {
        match (self.to_json(), other.to_json()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        }
    }
}

impl Serialize for Node {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Node::Lazy(lazy) => match RawValue::from_string(lazy.text.to_string()) {
                Ok(raw) => raw.serialize(serializer),
                Err(e) => Err(serde::ser::Error::custom(e)),
            },
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

/// Parse one level of `text`: scalars, small nested values in full, large nested objects and
/// arrays as [`Node::Lazy`].
fn parse_level(text: &str) -> serde_json::Result<Node> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let node = deserializer.deserialize_any(LevelVisitor)?;
    deserializer.end()?;
    Ok(node)
}

/// A nested value of a level being parsed.
fn child(raw: &RawValue) -> serde_json::Result<Node> {
    let text = raw.get();
    if text.len() >= LAZY_FROM && (text.starts_with('{') || text.starts_with('[')) {
        return Ok(Node::Lazy(Arc::new(Lazy {
            text: text.into(),
            parsed: OnceLock::new(),
        })));
    }
    serde_json::from_str(text)
}

struct LevelVisitor;

impl<'de> Visitor<'de> for LevelVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Node, E> {
        NodeVisitor.visit_bool(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node, E> {
        NodeVisitor.visit_i64(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
        NodeVisitor.visit_u64(v)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
        NodeVisitor.visit_f64(v)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
        NodeVisitor.visit_str(v)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(raw) = seq.next_element::<&'de RawValue>()? {
            items.push(child(raw).map_err(de::Error::custom)?);
        }
        Ok(Node::Array(items.into()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut members: Vec<(Box<str>, Node)> = Vec::new();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let raw = map.next_value::<&'de RawValue>()?;
            members.push((key, child(raw).map_err(de::Error::custom)?));
        }
        Ok(Node::Object(members.into()))
    }
}

/// An object key, allocated once (no intermediate `String`).
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Box<str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Box<str>, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl Visitor<'_> for KeyVisitor {
    type Value = Box<str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Box<str>, E> {
        Ok(v.into())
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
        while let Some(key) = map.next_key_seed(KeySeed)? {
            members.push((key, map.next_value::<Node>()?));
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
        let a = node.member("a").ok().flatten();
        assert!(a.is_some_and(|a| a.member("currency").ok().flatten().is_some()));
        assert!(node.member("c").ok().flatten().is_none());
        Ok(())
    }

    #[test]
    fn large_nested_values_are_read_when_needed() -> serde_json::Result<()> {
        let lines: Vec<String> = (0..50)
            .map(|i| {
                format!(r#"{{"party_id":"p{i}","amount":{{"amount":"{i}.00","currency":"CNY"}}}}"#)
            })
            .collect();
        let text = format!(
            r#"{{"order_id":"o-1","lines":[{}],"paid":{{"amount":"1.00","currency":"CNY"}}}}"#,
            lines.join(",")
        );
        let node = Node::parse(&text)?;
        let Node::Object(members) = &node else {
            return Err(serde::de::Error::custom("not an object"));
        };
        assert!(matches!(members.get(1), Some((_, Node::Lazy(_)))));
        assert!(matches!(members.get(2), Some((_, Node::Object(_)))));
        assert_eq!(node.to_json()?, text);
        let lines = node.member("lines").ok().flatten().map(|l| l.forced());
        let Some(Ok(Node::Array(items))) = lines else {
            return Err(serde::de::Error::custom("no lines"));
        };
        assert_eq!(items.len(), 50);
        let last = items
            .last()
            .and_then(|l| l.member("party_id").ok().flatten());
        assert!(matches!(last, Some(Node::Str(s)) if &*s == "p49"));
        assert_eq!(node, Node::from(serde_json::from_str::<Value>(&text)?));
        Ok(())
    }
}
