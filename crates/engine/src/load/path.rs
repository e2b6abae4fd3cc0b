//! Stage 3 of `load`: a `serde_json::Value` read into a typed value, with the JSON path of
//! the first thing refused, in the format's form (`docs/scenario-format.md` L2):
//! `subnets[2].cidr`, empty for the whole document.
//!
//! A deserializer over `&Value` that knows where it is: objects and arrays are walked here,
//! everything else is `serde_json`'s own `&Value` deserializer, so every message is exactly
//! serde_json's (or the model's own). The innermost value that fails records its path; an
//! unknown key's path names the key itself (`subnets[0].colour`), a missing key's the object
//! that lacks it.
//!
//! It replaces `serde_path_to_error` for the page's size: a struct is read from an object
//! only (serde would also read one from an array, field by field, which the format never
//! writes), so no struct's array reader is compiled; and nothing that could meet an array or
//! an object is handed to serde_json's own deserializer, which would compile its readers
//! for every visitor again. Measured on the page's wasm after wasm-opt (2026-12-04):
//! 1,996,562 B raw / 561,066 B brotli with `serde_path_to_error`, 1,934,017 / 547,687 with
//! this module reading structs from objects only, and 16,754 / 4,641 B less again once
//! `deserialize_any`, `_seq` and `_map` stopped delegating.
//!
//! Each object, array and value read is a function of its own (`#[inline(never)]` below),
//! not inlined into the reader of the document: the browser compiles a wasm function whole,
//! the first time it is called, and one reader of every resource kind was 80 KB, 20 to 30 ms
//! of compiling before the first lesson could load (with the pages' `-ocimfs=100` for
//! wasm-opt, which would otherwise fold them back together; see index.html).

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Error, Map, Value};
use std::cell::RefCell;

/// Where a value is: the chain of keys and indexes from the document down to it.
#[derive(Clone, Copy)]
enum Path<'p> {
    Root,
    Key(&'p Path<'p>, &'p str),
    Index(&'p Path<'p>, usize),
}

impl Path<'_> {
    fn render(&self) -> String {
        match self {
            Path::Root => String::new(),
            Path::Key(parent, key) => {
                let p = parent.render();
                if p.is_empty() {
                    key.to_string()
                } else {
                    format!("{p}.{key}")
                }
            }
            Path::Index(parent, i) => format!("{}[{i}]", parent.render()),
        }
    }
}

/// `T` read from `value`, or the path of the first value refused and serde's message.
pub fn deserialize<'de, T: de::Deserialize<'de>>(value: &'de Value) -> Result<T, (String, Error)> {
    let failed_at = RefCell::new(None);
    let de = At {
        value,
        path: &Path::Root,
        failed_at: &failed_at,
    };
    T::deserialize(de).map_err(|e| (failed_at.into_inner().unwrap_or_default(), e))
}

/// The deserializer of one value at `path`; `failed_at` is shared by the whole walk.
struct At<'de, 'p> {
    value: &'de Value,
    path: &'p Path<'p>,
    failed_at: &'p RefCell<Option<String>>,
}

/// Records `path` as where `result` failed, unless something deeper already did.
fn note<T>(
    failed_at: &RefCell<Option<String>>,
    path: &Path<'_>,
    result: Result<T, Error>,
) -> Result<T, Error> {
    if result.is_err() {
        let mut at = failed_at.borrow_mut();
        if at.is_none() {
            *at = Some(path.render());
        }
    }
    result
}

/// An object's entries, each value deserialized at its key's path.
struct Entries<'de, 'p> {
    iter: serde_json::map::Iter<'de>,
    next: Option<(&'de str, &'de Value)>,
    path: &'p Path<'p>,
    failed_at: &'p RefCell<Option<String>>,
}

impl<'de> MapAccess<'de> for Entries<'de, '_> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.iter.next() else {
            return Ok(None);
        };
        self.next = Some((key.as_str(), value));
        let path = Path::Key(self.path, key);
        let key = de::value::BorrowedStrDeserializer::<Error>::new(key.as_str());
        note(self.failed_at, &path, seed.deserialize(key).map(Some))
    }
    #[inline(never)]
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let Some((key, value)) = self.next.take() else {
            return Err(de::Error::custom("a value asked for before its key"));
        };
        let path = Path::Key(self.path, key);
        let at = At {
            value,
            path: &path,
            failed_at: self.failed_at,
        };
        note(self.failed_at, &path, seed.deserialize(at))
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

/// An array's items, each deserialized at its index's path.
struct Items<'de, 'p> {
    iter: std::iter::Enumerate<std::slice::Iter<'de, Value>>,
    path: &'p Path<'p>,
    failed_at: &'p RefCell<Option<String>>,
}

impl<'de> SeqAccess<'de> for Items<'de, '_> {
    type Error = Error;
    #[inline(never)]
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some((i, value)) = self.iter.next() else {
            return Ok(None);
        };
        let path = Path::Index(self.path, i);
        let at = At {
            value,
            path: &path,
            failed_at: self.failed_at,
        };
        note(self.failed_at, &path, seed.deserialize(at).map(Some))
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

impl<'de, 'p> At<'de, 'p> {
    #[inline(never)]
    fn map<V: Visitor<'de>>(
        self,
        entries: &'de Map<String, Value>,
        visitor: V,
    ) -> Result<V::Value, Error> {
        let mut access = Entries {
            iter: entries.iter(),
            next: None,
            path: self.path,
            failed_at: self.failed_at,
        };
        let result = visitor.visit_map(&mut access);
        note(self.failed_at, self.path, result)
    }
    #[inline(never)]
    fn seq<V: Visitor<'de>>(self, items: &'de [Value], visitor: V) -> Result<V::Value, Error> {
        let mut access = Items {
            iter: items.iter().enumerate(),
            path: self.path,
            failed_at: self.failed_at,
        };
        let result = visitor.visit_seq(&mut access);
        note(self.failed_at, self.path, result)
    }
}

/// What serde calls `v` in an "invalid type" message, as serde_json says it.
fn unexpected(v: &Value) -> de::Unexpected<'_> {
    match v {
        Value::Null => de::Unexpected::Unit,
        Value::Bool(b) => de::Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => de::Unexpected::Unsigned(u),
            (_, Some(i), _) => de::Unexpected::Signed(i),
            (_, _, Some(f)) => de::Unexpected::Float(f),
            _ => de::Unexpected::Other("number"),
        },
        Value::String(s) => de::Unexpected::Str(s),
        Value::Array(_) => de::Unexpected::Seq,
        Value::Object(_) => de::Unexpected::Map,
    }
}

/// Objects and arrays are walked here (to know the path); the rest is serde_json's.
macro_rules! serde_json_s {
    ($($method:ident),*) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            self.value.$method(visitor)
        })*
    };
}

impl<'de, 'p> Deserializer<'de> for At<'de, 'p> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        // The scalars as serde_json's `&Value` gives them; not delegated, which would compile
        // serde_json's own array and object readers for every visitor a second time.
        match self.value {
            Value::Object(m) => self.map(m, visitor),
            Value::Array(a) => self.seq(a, visitor),
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
                (Some(u), _, _) => visitor.visit_u64(u),
                (_, Some(i), _) => visitor.visit_i64(i),
                (_, _, Some(f)) => visitor.visit_f64(f),
                _ => Err(de::Error::invalid_type(unexpected(self.value), &visitor)),
            },
            Value::String(s) => visitor.visit_borrowed_str(s),
        }
    }
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Array(a) => self.seq(a, visitor),
            v => Err(de::Error::invalid_type(unexpected(v), &visitor)),
        }
    }
    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Object(m) => self.map(m, visitor),
            v => Err(de::Error::invalid_type(unexpected(v), &visitor)),
        }
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        // Only an object: serde would also read a struct from an array, field by field, but
        // the format writes every resource as an object, and refusing arrays here keeps
        // every struct's array reader out of the wasm.
        match self.value {
            Value::Object(m) => self.map(m, visitor),
            v => Err(de::Error::invalid_type(unexpected(v), &visitor)),
        }
    }
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.value.deserialize_enum(name, variants, visitor)
    }
    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }
    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.value.deserialize_unit_struct(name, visitor)
    }
    serde_json_s!(
        deserialize_bool,
        deserialize_i8,
        deserialize_i16,
        deserialize_i32,
        deserialize_i64,
        deserialize_u8,
        deserialize_u16,
        deserialize_u32,
        deserialize_u64,
        deserialize_f32,
        deserialize_f64,
        deserialize_char,
        deserialize_str,
        deserialize_string,
        deserialize_bytes,
        deserialize_byte_buf,
        deserialize_unit,
        deserialize_identifier,
        deserialize_ignored_any
    );
}
