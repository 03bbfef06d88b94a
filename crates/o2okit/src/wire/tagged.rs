//! Internally tagged enums (`{"type": "join", "key": "k1", …}`) decoded by reading the tag
//! first, instead of serde's derive, which buffers every such object into its private
//! `Content` tree before it looks at the tag and then decodes the variant a second time from
//! the buffer: one more copy of the decoding code of every type inside the enum, about a
//! tenth of a WebAssembly build, and an allocation per value.
//!
//! An enum keeps `#[derive(Serialize)]` with `#[serde(tag = …)]` (the encoding and the JSON
//! Schema are unchanged) and gets its `Deserialize` from [`deserialize`]: a private mirror
//! declared with `#[serde(remote = "…")]` and no tag (serde's externally tagged form, whose
//! derive reads a variant name and then the variant's fields from a map) is fed the tag's value
//! as the variant name and the rest of the object as the fields. The wire format is the same
//! byte for byte:
//!
//! - the tag first (what o2okit and every well-behaved client writes): decoded in one pass;
//! - the tag elsewhere in the object: the object is read into a `serde_json::Value`, written
//!   back with the tag first and decoded again (slower, same result);
//! - no tag: ``missing field `type` ``; the tag twice: ``duplicate field `type` ``; an unknown
//!   tag: ``unknown variant `x`, expected one of …`` (serde's messages);
//! - anything but an object is refused ("expected internally tagged enum …"). Unlike serde's
//!   derive, a JSON array holding the tag and the fields by position is refused too: the wire
//!   format has no such form.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, EnumAccess, IntoDeserializer, MapAccess,
    VariantAccess, Visitor,
};

/// An internally tagged enum whose `Deserialize` is [`deserialize`].
pub(crate) trait Tagged: DeserializeOwned {
    /// The tag's key, e.g. `"type"`.
    const TAG: &'static str;
    /// What an error message says was expected, e.g. `"internally tagged enum GroupBuyEvent"`.
    const EXPECTING: &'static str;
    /// The externally tagged mirror's derived `deserialize` (`Mirror::deserialize`).
    fn variant<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
}

/// `T::deserialize`, reading the tag first.
pub(crate) fn deserialize<'de, D: Deserializer<'de>, T: Tagged>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: Tagged> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let Some(first) = map.next_key::<Key<'de>>()? else {
            return Err(de::Error::missing_field(T::TAG));
        };
        if first.as_str() == T::TAG {
            let variant = map.next_value_seed(KeySeed("variant identifier"))?;
            return T::variant(VariantDeserializer {
                variant,
                map: RestOfObject { map, tag: T::TAG },
            });
        }
        // The tag is not first: read the whole object, then decode it again with the tag
        // first. Every entry is kept in order, a repeated key included, so that the variant's
        // own decoding refuses what it would have refused in place.
        let mut entries: Vec<(String, serde_json::Value)> = Vec::new();
        let mut tag: Option<serde_json::Value> = None;
        let mut key = Some(first);
        while let Some(k) = key {
            let value: serde_json::Value = map.next_value()?;
            if k.as_str() == T::TAG {
                if tag.is_some() {
                    return Err(de::Error::duplicate_field(T::TAG));
                }
                tag = Some(value);
            } else {
                entries.push((k.into_string(), value));
            }
            key = map.next_key::<Key<'de>>()?;
        }
        let Some(tag) = tag else {
            return Err(de::Error::missing_field(T::TAG));
        };
        let mut text = String::from("{");
        text.push_str(&serde_json::Value::from(T::TAG).to_string());
        text.push(':');
        text.push_str(&tag.to_string());
        for (k, v) in entries {
            text.push(',');
            text.push_str(&serde_json::Value::String(k).to_string());
            text.push(':');
            text.push_str(&v.to_string());
        }
        text.push('}');
        serde_json::from_str::<T>(&text).map_err(|e| de::Error::custom(without_position(&e)))
    }
}

/// A serde_json error's message without the " at line L column C" of the re-read text (the
/// outer decoder adds the position in the caller's input).
fn without_position(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    match message.strip_suffix(&suffix) {
        Some(stripped) => stripped.to_string(),
        None => message,
    }
}

/// A key or tag value: borrowed from the input when it can be.
enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(s) => s,
            Key::Owned(s) => s,
        }
    }

    fn into_string(self) -> String {
        match self {
            Key::Borrowed(s) => s.to_string(),
            Key::Owned(s) => s,
        }
    }
}

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        KeySeed("a string").deserialize(deserializer)
    }
}

/// Reads a [`Key`]; what a non-string is refused as (the tag's value is a "variant
/// identifier", as in serde's messages).
struct KeySeed(&'static str);

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key<'de>, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Key<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
        Ok(Key::Borrowed(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
        Ok(Key::Owned(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
        Ok(Key::Owned(v))
    }
}

impl<'de, E: de::Error> IntoDeserializer<'de, E> for Key<'de> {
    type Deserializer = KeyDeserializer<'de, E>;
    fn into_deserializer(self) -> KeyDeserializer<'de, E> {
        KeyDeserializer(self, PhantomData)
    }
}

/// A key as a deserializer of identifiers (field and variant names).
struct KeyDeserializer<'de, E>(Key<'de>, PhantomData<E>);

impl<'de, E: de::Error> Deserializer<'de> for KeyDeserializer<'de, E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.0 {
            Key::Borrowed(s) => visitor.visit_borrowed_str(s),
            Key::Owned(s) => visitor.visit_string(s),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier
        ignored_any
    }
}

/// The object after its tag: what the variant's fields are read from. A second tag is
/// refused, as serde's derive refuses it.
struct RestOfObject<A> {
    map: A,
    tag: &'static str,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for RestOfObject<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        match self.map.next_key::<Key<'de>>()? {
            None => Ok(None),
            Some(key) if key.as_str() == self.tag => Err(de::Error::duplicate_field(self.tag)),
            Some(key) => seed.deserialize(key.into_deserializer()).map(Some),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// What the mirror's derived `deserialize` reads: the tag's value as the variant name, then
/// the rest of the object as the variant's fields.
struct VariantDeserializer<'de, A> {
    variant: Key<'de>,
    map: RestOfObject<A>,
}

impl<'de, A: MapAccess<'de>> Deserializer<'de> for VariantDeserializer<'de, A> {
    type Error = A::Error;

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        visitor.visit_enum(self)
    }

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_enum(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct identifier
        ignored_any
    }
}

impl<'de, A: MapAccess<'de>> EnumAccess<'de> for VariantDeserializer<'de, A> {
    type Error = A::Error;
    type Variant = RestOfObject<A>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, RestOfObject<A>), A::Error> {
        let variant = seed.deserialize(self.variant.into_deserializer())?;
        Ok((variant, self.map))
    }
}

impl<'de, A: MapAccess<'de>> VariantAccess<'de> for RestOfObject<A> {
    type Error = A::Error;

    /// A variant without fields (`{"type": "tick"}`): other keys are ignored, as serde's
    /// derive ignores them, but a second tag is refused.
    fn unit_variant(mut self) -> Result<(), A::Error> {
        while self.next_key::<de::IgnoredAny>()?.is_some() {
            self.next_value::<de::IgnoredAny>()?;
        }
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        seed.deserialize(de::value::MapAccessDeserializer::new(self))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_map(self)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        visitor.visit_map(self)
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use crate::money::Money;

    /// serde's own internally tagged derive: the reference the tag-first decoder must match.
    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
    enum Reference {
        Join {
            key: String,
            #[serde(default)]
            team_id: Option<String>,
        },
        PaymentConfirmed {
            key: String,
            amount: Money,
        },
        Tick,
    }

    #[derive(Debug, PartialEq)]
    enum Ours {
        Join {
            key: String,
            team_id: Option<String>,
        },
        PaymentConfirmed {
            key: String,
            amount: Money,
        },
        Tick,
    }

    #[derive(Deserialize)]
    #[serde(remote = "Ours", rename_all = "snake_case", deny_unknown_fields)]
    enum OursWire {
        Join {
            key: String,
            #[serde(default)]
            team_id: Option<String>,
        },
        PaymentConfirmed {
            key: String,
            amount: Money,
        },
        Tick,
    }
    crate::wire::tagged_deserialize!(Ours, OursWire, "type");

    fn same(ours: &Ours, reference: &Reference) -> bool {
        match (ours, reference) {
            (Ours::Join { key, team_id }, Reference::Join { key: k, team_id: t }) => {
                key == k && team_id == t
            }
            (
                Ours::PaymentConfirmed { key, amount },
                Reference::PaymentConfirmed { key: k, amount: a },
            ) => key == k && amount == a,
            (Ours::Tick, Reference::Tick) => true,
            _ => false,
        }
    }

    /// Every input decodes to the same value as serde's derive, or fails where it fails,
    /// whatever the position of the tag.
    #[test]
    fn agrees_with_serdes_internally_tagged_derive() {
        let inputs = [
            r#"{"type":"join","key":"k1"}"#,
            r#"{"type":"join","key":"k1","team_id":"t1"}"#,
            r#"{"key":"k1","type":"join","team_id":"t1"}"#,
            r#"{"key":"k1","team_id":"t1","type":"join"}"#,
            r#"{"team_id":null,"key":"k1","type":"join"}"#,
            r#"{"type":"payment_confirmed","amount":{"amount":"12.50","currency":"CNY"},"key":"p"}"#,
            r#"{"amount":{"currency":"CNY","amount":"12.50"},"key":"p","type":"payment_confirmed"}"#,
            r#"{"type":"tick"}"#,
            r#"{"type":"join"}"#,
            r#"{"key":"k1"}"#,
            r#"{}"#,
            r#"{"type":"join","key":"k1","extra":1}"#,
            r#"{"extra":1,"type":"join","key":"k1"}"#,
            r#"{"type":"leave","key":"k1"}"#,
            r#"{"key":"k1","type":"leave"}"#,
            r#"{"type":7,"key":"k1"}"#,
            r#"{"key":"k1","type":null}"#,
            r#"{"type":"join","key":"k1","type":"join"}"#,
            r#"{"key":"k1","type":"join","type":"join"}"#,
            r#"{"type":"join","key":"k1","key":"k2"}"#,
            r#"{"key":"k1","key":"k2","type":"join"}"#,
            r#"{"type":"payment_confirmed","key":"p","amount":12.5}"#,
            r#"{"key":"p","amount":"x","type":"payment_confirmed"}"#,
            r#"{"type":"join","key":5}"#,
            r#""join""#,
            r#"null"#,
            r#"{"type":"join","key":"k\u0031"}"#,
            r#"{"ke\u0079":"k1","typ\u0065":"join"}"#,
        ];
        for input in inputs {
            let ours = serde_json::from_str::<Ours>(input);
            let reference = serde_json::from_str::<Reference>(input);
            match (&ours, &reference) {
                (Ok(o), Ok(r)) => assert!(same(o, r), "{input}: {o:?} vs {r:?}"),
                (Err(_), Err(_)) => {}
                _ => panic!("{input}: ours {ours:?}, serde's {reference:?}"),
            }
        }
    }

    #[test]
    fn messages_name_the_problem() {
        let err = |input: &str| serde_json::from_str::<Ours>(input).unwrap_err().to_string();
        assert!(err(r#"{"key":"k1"}"#).contains("missing field `type`"));
        assert!(
            err(r#"{"type":"join","key":"k1","type":"join"}"#).contains("duplicate field `type`")
        );
        assert!(err(r#"{"type":"leave"}"#).contains("unknown variant `leave`"));
        assert!(err(r#"{"key":"k1","type":"leave"}"#).contains("unknown variant `leave`"));
        assert!(err(r#"{"type":"join","key":"k1","extra":1}"#).contains("unknown field `extra`"));
        assert!(err(r#"{"extra":1,"type":"join","key":"k1"}"#).contains("unknown field `extra`"));
        assert!(err("[1]").contains("internally tagged enum Ours"));
        // One position, the caller's input's (the re-read text's is dropped).
        let late = err(r#"{"key":"k1",   "type":"leave"}"#);
        assert_eq!(late.matches(" at line ").count(), 1, "{late}");
    }
}
