//! Enums written as one JSON object whose first field names the variant:
//! `{"type": "card", "site": "x", "handle": "ada"}`.
//!
//! serde's own `#[serde(tag = "type")]` reads the whole object into a
//! buffer (`Content`) before it knows the variant, and compiles that
//! buffer's decoder again for every type it can hold: for the four enums
//! here, 212 KB of the wasm (38 KB gzipped). Here the enum derives serde's
//! externally tagged form with `#[serde(remote = "Self")]` (the derive then
//! writes inherent `serialize`/`deserialize` functions instead of the
//! traits), and its trait impls go through [`TagFirst`], which reads the tag
//! field first and hands the rest of the object straight to the variant's
//! fields: nothing is buffered. The tag must be the object's first field, as
//! every Kindling sender writes it (`JSON.stringify` keeps the order an
//! object was written in); an object with its tag anywhere else is refused.

use serde::de::{self, IntoDeserializer};
use serde::ser::{self, Impossible, SerializeMap};

/// Gives `$ty`, derived with `#[serde(remote = "Self")]`, its tag-first
/// wire form: `serialize` and `deserialize`, or `deserialize` only.
macro_rules! tag_first {
    ($ty:ty, $tag:literal) => {
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                <$ty>::serialize(self, $crate::model::tagged::TagFirst::new(serializer, $tag))
            }
        }
        $crate::model::tagged::tag_first!($ty, $tag, deserialize);
    };
    ($ty:ty, $tag:literal, deserialize) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <$ty>::deserialize($crate::model::tagged::TagFirst::new(deserializer, $tag))
            }
        }
    };
}
pub(crate) use tag_first;

/// A serializer or deserializer that writes or reads an externally tagged
/// enum's variant as the first field, named `tag`, of the variant's object.
pub struct TagFirst<T> {
    inner: T,
    tag: &'static str,
}

impl<T> TagFirst<T> {
    pub fn new(inner: T, tag: &'static str) -> TagFirst<T> {
        TagFirst { inner, tag }
    }
}

impl<'de, D: de::Deserializer<'de>> de::Deserializer<'de> for TagFirst<D> {
    type Error = D::Error;

    fn deserialize_enum<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_map(Object { visitor, tag: self.tag })
    }

    fn deserialize_any<V: de::Visitor<'de>>(self, _visitor: V) -> Result<V::Value, D::Error> {
        Err(de::Error::custom("TagFirst reads only enums"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

/// Reads the tag, then lets the derived enum visitor read the variant from
/// what follows.
struct Object<V> {
    visitor: V,
    tag: &'static str,
}

impl<'de, V: de::Visitor<'de>> de::Visitor<'de> for Object<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "an object whose first field is `{}`", self.tag)
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<V::Value, A::Error> {
        match map.next_key::<std::borrow::Cow<'de, str>>()? {
            Some(key) if key == self.tag => {}
            Some(key) => return Err(de::Error::custom(format!("`{}` must come first, not `{key}`", self.tag))),
            None => return Err(de::Error::missing_field(self.tag)),
        }
        let variant: std::borrow::Cow<'de, str> = map.next_value()?;
        self.visitor.visit_enum(Variant { name: variant.into_owned(), rest: map })
    }
}

/// The variant's name, and the rest of its object: its fields.
struct Variant<A> {
    name: String,
    rest: A,
}

impl<'de, A: de::MapAccess<'de>> de::EnumAccess<'de> for Variant<A> {
    type Error = A::Error;
    type Variant = Fields<A>;

    fn variant_seed<S: de::DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Fields<A>), A::Error> {
        let value = seed.deserialize(self.name.into_deserializer())?;
        Ok((value, Fields(self.rest)))
    }
}

struct Fields<A>(A);

impl<'de, A: de::MapAccess<'de>> de::VariantAccess<'de> for Fields<A> {
    type Error = A::Error;

    fn unit_variant(mut self) -> Result<(), A::Error> {
        match self.0.next_key::<std::borrow::Cow<'de, str>>()? {
            None => Ok(()),
            Some(key) => Err(de::Error::unknown_field(&key, &[])),
        }
    }

    fn newtype_variant_seed<S: de::DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, A::Error> {
        seed.deserialize(de::value::MapAccessDeserializer::new(self.0))
    }

    fn tuple_variant<V: de::Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value, A::Error> {
        Err(de::Error::custom("a tagged variant has named fields"))
    }

    fn struct_variant<V: de::Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        visitor.visit_map(self.0)
    }
}

/// Every way of writing a value but a struct variant (or a unit one) is
/// refused: `TagFirst` writes only the enums it was made for.
macro_rules! refuse {
    ($($method:ident($($arg:ty),*)),* $(,)?) => {
        $(fn $method(self, $(_: $arg),*) -> Result<S::Ok, S::Error> {
            Err(ser::Error::custom("TagFirst writes only enums"))
        })*
    };
}

impl<S: ser::Serializer> ser::Serializer for TagFirst<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Impossible<S::Ok, S::Error>;
    type SerializeTuple = Impossible<S::Ok, S::Error>;
    type SerializeTupleStruct = Impossible<S::Ok, S::Error>;
    type SerializeTupleVariant = Impossible<S::Ok, S::Error>;
    type SerializeMap = Impossible<S::Ok, S::Error>;
    type SerializeStruct = Impossible<S::Ok, S::Error>;
    type SerializeStructVariant = VariantFields<S::SerializeMap>;

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<VariantFields<S::SerializeMap>, S::Error> {
        let mut map = self.inner.serialize_map(Some(len + 1))?;
        map.serialize_entry(self.tag, variant)?;
        Ok(VariantFields(map))
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<S::Ok, S::Error> {
        let mut map = self.inner.serialize_map(Some(1))?;
        map.serialize_entry(self.tag, variant)?;
        map.end()
    }

    refuse! {
        serialize_bool(bool), serialize_i8(i8), serialize_i16(i16), serialize_i32(i32), serialize_i64(i64),
        serialize_u8(u8), serialize_u16(u16), serialize_u32(u32), serialize_u64(u64), serialize_f32(f32),
        serialize_f64(f64), serialize_char(char), serialize_str(&str), serialize_bytes(&[u8]),
        serialize_none(), serialize_unit(), serialize_unit_struct(&'static str),
    }

    fn serialize_some<T: ser::Serialize + ?Sized>(self, _value: &T) -> Result<S::Ok, S::Error> {
        Err(ser::Error::custom("TagFirst writes only enums"))
    }

    fn serialize_newtype_struct<T: ser::Serialize + ?Sized>(
        self,
        _name: &'static str,
        _value: &T,
    ) -> Result<S::Ok, S::Error> {
        Err(ser::Error::custom("TagFirst writes only enums"))
    }

    fn serialize_newtype_variant<T: ser::Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<S::Ok, S::Error> {
        Err(ser::Error::custom("a tagged variant has named fields"))
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, S::Error> {
        Err(ser::Error::custom("TagFirst writes only enums"))
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, S::Error> {
        Err(ser::Error::custom("TagFirst writes only enums"))
    }

    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeTupleStruct, S::Error> {
        Err(ser::Error::custom("TagFirst writes only enums"))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, S::Error> {
        Err(ser::Error::custom("a tagged variant has named fields"))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        Err(ser::Error::custom("TagFirst writes only enums"))
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct, S::Error> {
        Err(ser::Error::custom("TagFirst writes only enums"))
    }
}

/// A struct variant's fields, written after the tag in the same object.
pub struct VariantFields<M>(M);

impl<M: SerializeMap> ser::SerializeStructVariant for VariantFields<M> {
    type Ok = M::Ok;
    type Error = M::Error;

    fn serialize_field<T: ser::Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), M::Error> {
        self.0.serialize_entry(key, value)
    }

    fn end(self) -> Result<M::Ok, M::Error> {
        self.0.end()
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};
    use serde_json::json;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(remote = "Self", rename_all = "snake_case", deny_unknown_fields)]
    enum Shape {
        Circle {
            radius: u32,
        },
        Label {
            text: String,
            #[serde(default)]
            bold: bool,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            inner: Option<Box<Shape>>,
        },
        Empty {},
    }
    super::tag_first!(Shape, "kind");

    fn read(value: serde_json::Value) -> Result<Shape, String> {
        serde_json::from_value(value).map_err(|e| e.to_string())
    }

    #[test]
    fn writes_the_tag_first_and_reads_it_back() {
        let shape = Shape::Label { text: "hi".into(), bold: true, inner: Some(Box::new(Shape::Circle { radius: 2 })) };
        let text = serde_json::to_string(&shape).unwrap();
        assert_eq!(text, r#"{"kind":"label","text":"hi","bold":true,"inner":{"kind":"circle","radius":2}}"#);
        assert_eq!(serde_json::from_str::<Shape>(&text).unwrap(), shape);
        assert_eq!(serde_json::to_string(&Shape::Empty {}).unwrap(), r#"{"kind":"empty"}"#);
        assert_eq!(read(json!({"kind": "empty"})), Ok(Shape::Empty {}));
    }

    #[test]
    fn keeps_the_variants_own_rules() {
        assert_eq!(
            read(json!({"kind": "label", "text": "a"})),
            Ok(Shape::Label { text: "a".into(), bold: false, inner: None })
        );
        let refused = [
            json!({"kind": "label", "text": "a", "colour": "red"}),
            json!({"kind": "circle"}),
            json!({"kind": "circle", "radius": "2"}),
            json!({"kind": "square", "side": 2}),
            json!({"kind": 3}),
            json!({"kind": "empty", "x": 1}),
            json!({"radius": 1}),
            json!({}),
            json!(["circle", 1]),
            json!("circle"),
            json!(null),
            json!({"circle": {"radius": 1}}),
        ];
        for value in refused {
            assert!(read(value.clone()).is_err(), "{value}");
        }
    }

    #[test]
    fn refuses_a_tag_that_does_not_come_first_with_a_clear_reason() {
        // `json!` would sort the keys; a sender's text keeps its order.
        let error = serde_json::from_str::<Shape>(r#"{"radius":1,"kind":"circle"}"#).unwrap_err().to_string();
        assert!(error.contains("`kind` must come first"), "{error}");
        let twice = serde_json::from_str::<Shape>(r#"{"kind":"circle","radius":1,"kind":"label"}"#);
        assert!(twice.is_err(), "a second tag is an unknown field");
    }
}
