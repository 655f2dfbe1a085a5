//! Reading a parsed JSON value into a typed document, with the path of
//! whatever fails: `queues[2].max_length: invalid type: string "5",
//! expected u64`.
//!
//! A small [`serde::Deserializer`] over `&serde_json::Value`. Errors are
//! created without a place; every array element and object member they
//! pass on their way out adds its index or key in front, so an error ends
//! up with the full path from the document's root. (A wrapper that tracks
//! paths around another deserializer does the same at about twice the code
//! size in the page's wasm; this one is the only deserializer the
//! documents are instantiated for.)

use std::fmt;

use serde::de::{self, DeserializeSeed, EnumAccess, IntoDeserializer, MapAccess, SeqAccess, VariantAccess, Visitor};
use serde::forward_to_deserialize_any;
use serde_json::Value;

/// A deserialization error and where in the document it happened.
#[derive(Clone, Debug, PartialEq)]
pub struct PathError {
    /// The path segments from the root, innermost last.
    segments: Vec<Segment>,
    /// What is wrong, in serde's words.
    message: String,
}

#[derive(Clone, Debug, PartialEq)]
enum Segment {
    Index(usize),
    Key(String),
}

impl PathError {
    /// The path from the document's root, as `exchanges[0].name`; empty
    /// for the root itself.
    pub fn path(&self) -> String {
        let mut out = String::new();
        // Segments are pushed innermost first, on the way out.
        for segment in self.segments.iter().rev() {
            match segment {
                Segment::Index(i) => out.push_str(&format!("[{i}]")),
                Segment::Key(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(k);
                }
            }
        }
        out
    }

    /// What is wrong, without the path.
    pub fn message(&self) -> &str {
        &self.message
    }

    fn in_key(mut self, key: &str) -> Self {
        self.segments.push(Segment::Key(key.to_string()));
        self
    }

    fn in_index(mut self, index: usize) -> Self {
        self.segments.push(Segment::Index(index));
        self
    }
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path();
        if path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{path}: {}", self.message)
        }
    }
}

impl std::error::Error for PathError {}

impl de::Error for PathError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        PathError { segments: Vec::new(), message: msg.to_string() }
    }
}

/// Reads `value` as a `T`, naming the path of the first thing that does
/// not fit.
pub fn deserialize<'v, T: de::Deserialize<'v>>(value: &'v Value) -> Result<T, PathError> {
    T::deserialize(At(value))
}

/// The deserializer: one value of the document.
struct At<'v>(&'v Value);

impl<'de> de::Deserializer<'de> for At<'de> {
    type Error = PathError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PathError> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => {
                if let Some(u) = n.as_u64() {
                    visitor.visit_u64(u)
                } else if let Some(i) = n.as_i64() {
                    visitor.visit_i64(i)
                } else {
                    visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN))
                }
            }
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(items) => visitor.visit_seq(Items { items: items.iter(), index: 0 }),
            Value::Object(map) => visitor.visit_map(Members { members: map.iter(), value: None }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PathError> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, PathError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, PathError> {
        match self.0 {
            // A unit variant: "direct".
            Value::String(s) => visitor.visit_enum(s.as_str().into_deserializer()),
            // A variant with data: {"variant": ...}.
            Value::Object(map) if map.len() == 1 => {
                let (key, value) = map.iter().next().expect("one member");
                visitor.visit_enum(Variant { key, value }).map_err(|e| e.in_key(key))
            }
            other => Err(de::Error::invalid_type(unexpected(other), &"a string or an object with one key")),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PathError> {
        visitor.visit_unit()
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier
    }
}

fn unexpected(v: &Value) -> de::Unexpected<'_> {
    match v {
        Value::Null => de::Unexpected::Unit,
        Value::Bool(b) => de::Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => de::Unexpected::Unsigned(u),
            (None, Some(i)) => de::Unexpected::Signed(i),
            _ => de::Unexpected::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => de::Unexpected::Str(s),
        Value::Array(_) => de::Unexpected::Seq,
        Value::Object(_) => de::Unexpected::Map,
    }
}

/// The elements of an array, each error prefixed with its index.
struct Items<'v> {
    items: std::slice::Iter<'v, Value>,
    index: usize,
}

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = PathError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, PathError> {
        let Some(item) = self.items.next() else { return Ok(None) };
        let index = self.index;
        self.index += 1;
        seed.deserialize(At(item)).map(Some).map_err(|e| e.in_index(index))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// The members of an object, each error prefixed with its key (an unknown
/// key's error too).
struct Members<'v> {
    members: serde_json::map::Iter<'v>,
    value: Option<(&'v String, &'v Value)>,
}

impl<'de> MapAccess<'de> for Members<'de> {
    type Error = PathError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, PathError> {
        let Some((key, value)) = self.members.next() else { return Ok(None) };
        self.value = Some((key, value));
        seed.deserialize(de::value::BorrowedStrDeserializer::new(key)).map(Some).map_err(|e: PathError| e.in_key(key))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, PathError> {
        let (key, value) =
            self.value.take().ok_or_else(|| de::Error::custom("a value was asked for before its key"))?;
        seed.deserialize(At(value)).map_err(|e| e.in_key(key))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.members.len())
    }
}

/// An externally tagged enum variant: `{"key": value}`.
struct Variant<'v> {
    key: &'v String,
    value: &'v Value,
}

impl<'de> EnumAccess<'de> for Variant<'de> {
    type Error = PathError;
    type Variant = At<'de>;

    fn variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<(T::Value, At<'de>), PathError> {
        let tag = seed.deserialize(de::value::BorrowedStrDeserializer::new(self.key))?;
        Ok((tag, At(self.value)))
    }
}

impl<'de> VariantAccess<'de> for At<'de> {
    type Error = PathError;

    fn unit_variant(self) -> Result<(), PathError> {
        match self.0 {
            Value::Null => Ok(()),
            other => Err(de::Error::invalid_type(unexpected(other), &"null")),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, PathError> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, PathError> {
        de::Deserializer::deserialize_any(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, PathError> {
        de::Deserializer::deserialize_any(self, visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::{json, Map};

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        name: String,
        #[serde(default)]
        items: Vec<Item>,
        #[serde(default)]
        kind: Kind,
        #[serde(default)]
        limit: Option<u64>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Item {
        x: f64,
        #[serde(default)]
        tags: Map<String, Value>,
    }

    #[derive(Debug, Default, Deserialize, PartialEq)]
    #[serde(rename_all = "lowercase")]
    enum Kind {
        #[default]
        Direct,
        Topic,
    }

    fn error(v: Value) -> (String, String) {
        let e = deserialize::<Doc>(&v).unwrap_err();
        (e.path(), e.message().to_string())
    }

    #[test]
    fn reads_a_document() {
        let v = json!({"name": "n", "items": [{"x": 1}, {"x": 2.5, "tags": {"a": [1, "b"]}}], "kind": "topic", "limit": null});
        let d: Doc = deserialize(&v).unwrap();
        assert_eq!(d.items[1].x, 2.5);
        assert_eq!(d.items[0].x, 1.0);
        assert_eq!(d.items[1].tags["a"], json!([1, "b"]));
        assert_eq!(d.kind, Kind::Topic);
        assert_eq!(d.limit, None);
    }

    #[test]
    fn errors_name_their_path() {
        assert_eq!(error(json!({"name": 5})), ("name".into(), "invalid type: integer `5`, expected a string".into()));
        assert_eq!(error(json!({"name": "n", "items": [{"x": 1}, {"x": "1"}]})).0, "items[1].x");
        assert_eq!(error(json!({"name": "n", "items": [{"x": 1, "y": 2}]})).0, "items[0].y");
        assert!(error(json!({"name": "n", "items": [{"x": 1, "y": 2}]})).1.starts_with("unknown field `y`"));
        assert_eq!(error(json!({"name": "n", "items": [{}]})), ("items[0]".into(), "missing field `x`".into()));
        assert_eq!(error(json!({"name": "n", "kind": "fanout"})).0, "kind");
        assert!(error(json!({"name": "n", "kind": "fanout"})).1.starts_with("unknown variant `fanout`"));
        assert_eq!(error(json!({"name": "n", "limit": -1})).0, "limit");
        assert_eq!(error(json!({"name": "n", "limit": 1.5})).0, "limit");
        assert_eq!(error(json!({})), (String::new(), "missing field `name`".into()));
        assert_eq!(error(json!([])).0, "");
    }

    #[test]
    fn display_puts_the_path_first() {
        let e = deserialize::<Doc>(&json!({"name": "n", "items": [{"x": true}]})).unwrap_err();
        assert_eq!(e.to_string(), "items[0].x: invalid type: boolean `true`, expected f64");
    }
}
