//! serde `Deserializer` over the spanned RON tree of [`super::tree`].
//!
//! Every error that serde raises while building the typed scenario (wrong
//! type, unknown field, missing field, unknown variant, out-of-range number)
//! comes back with the span of the innermost value it concerns. Named tuples
//! such as `Uniform(3.0, 7.0)` reach `deserialize_any` as enums, which is what
//! lets a parameter be either a plain number or a distribution.

use super::diagnostics::Said;
use super::tree::{Field, Node, Span, Value};
use crate::said;
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub struct DeError {
    /// In English; serde's own phrases ("unknown field `x`") come only so.
    pub message: String,
    /// In Chinese, when the message was written in both ([`bilingual`]).
    pub message_zh: Option<String>,
    pub span: Option<Span>,
}

/// Between the English and the Chinese text of a message that must pass
/// through serde's one-string `Error::custom` (ASCII unit separator).
const LANGUAGE_SEPARATOR: char = '\u{1f}';

/// A message for `serde::de::Error::custom` in both languages; [`DeError`]
/// takes it apart again.
pub fn bilingual(said: Said) -> String {
    format!("{}{LANGUAGE_SEPARATOR}{}", said.en, said.zh)
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        let text = msg.to_string();
        match text.split_once(LANGUAGE_SEPARATOR) {
            Some((en, zh)) => DeError::new(Said::new(en, zh), None),
            None => DeError {
                message: text,
                message_zh: None,
                span: None,
            },
        }
    }
}

impl DeError {
    fn new(message: Said, span: Option<Span>) -> Self {
        DeError {
            message: message.en,
            message_zh: Some(message.zh),
            span,
        }
    }

    /// Attach `span` unless a more precise one is already known.
    pub(crate) fn at(mut self, span: Span) -> Self {
        if self.span.is_none() {
            self.span = Some(span);
        }
        self
    }
}

/// Deserialize a typed value from a parsed tree.
pub fn from_node<T: de::DeserializeOwned>(node: &Node) -> Result<T, DeError> {
    T::deserialize(NodeDe(node))
}

#[derive(Clone, Copy)]
pub struct NodeDe<'a>(pub &'a Node);

fn describe(v: &Value) -> Said {
    match v {
        Value::Bool(_) => said!("a boolean", "布尔值"),
        Value::Int(i) => said!("the integer {i}", "整数 {i}"),
        Value::Float(f) => said!("the number {f}", "数字 {f}"),
        Value::Str(s) => said!("the text {s:?}", "文本 {s:?}"),
        Value::Char(c) => said!("the character {c:?}", "字符 {c:?}"),
        Value::Ident(i) => said!("the name `{i}`", "名称 `{i}`"),
        Value::List(_) => said!("a list [..]", "列表 [..]"),
        Value::Map(_) => said!("a map {{..}}", "映射 {{..}}"),
        Value::Tuple(Some(n), _) => said!("`{n}(..)`", "`{n}(..)`"),
        Value::Tuple(None, _) => said!("a tuple (..)", "元组 (..)"),
        Value::Struct(Some(n), _) => said!("`{n}(..)` with fields", "带字段的 `{n}(..)`"),
        Value::Struct(None, _) => said!("a struct (field: ..)", "结构 (字段: ..)"),
    }
}

impl<'a> NodeDe<'a> {
    fn mismatch(&self, expected: Said) -> DeError {
        let found = describe(&self.0.value);
        DeError::new(
            Said::new(
                format!("expected {}, found {}", expected.en, found.en),
                format!("应为{}，这里是{}", expected.zh, found.zh),
            ),
            Some(self.0.span),
        )
    }

    fn int(&self) -> Result<i128, DeError> {
        match self.0.value {
            Value::Int(i) => Ok(i),
            Value::Float(f) if f.abs() >= 1.7e38 => Err(DeError::new(
                said!("the whole number {f:e} is far too large here", "整数 {f:e} 在这里太大了"),
                Some(self.0.span),
            )),
            _ => Err(self.mismatch(said!("a whole number", "整数"))),
        }
    }

    fn float(&self) -> Result<f64, DeError> {
        match self.0.value {
            Value::Int(i) => Ok(i as f64),
            Value::Float(f) => Ok(f),
            _ => Err(self.mismatch(said!("a number", "数字"))),
        }
    }
}

macro_rules! int_method {
    ($method:ident, $visit:ident, $ty:ty) => {
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            let i = self.int()?;
            let v = <$ty>::try_from(i).map_err(|_| {
                let (lo, hi) = (<$ty>::MIN, <$ty>::MAX);
                DeError::new(
                    said!(
                        "expected a whole number from {lo} to {hi}, found {i}",
                        "应为 {lo} 到 {hi} 之间的整数，这里是 {i}"
                    ),
                    Some(self.0.span),
                )
            })?;
            visitor.$visit(v).map_err(|e: DeError| e.at(self.0.span))
        }
    };
}

impl<'de, 'a> de::Deserializer<'de> for NodeDe<'a> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let span = self.0.span;
        let r = match &self.0.value {
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Int(i) => match i64::try_from(*i) {
                Ok(v) => visitor.visit_i64(v),
                Err(_) => visitor.visit_f64(*i as f64),
            },
            Value::Float(f) => visitor.visit_f64(*f),
            Value::Str(s) => visitor.visit_str(s),
            Value::Char(c) => visitor.visit_char(*c),
            Value::Ident(n) if n == "None" => visitor.visit_none(),
            Value::Ident(_) | Value::Tuple(Some(_), _) | Value::Struct(Some(_), _) => visitor.visit_enum(EnumDe(self.0)),
            Value::List(items) | Value::Tuple(None, items) => visitor.visit_seq(SeqDe { items: items.iter() }),
            Value::Map(entries) => visitor.visit_map(MapDe::new(entries)),
            Value::Struct(None, fields) => visitor.visit_map(StructDe::new(fields)),
        };
        r.map_err(|e| e.at(span))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0.value {
            Value::Bool(b) => visitor.visit_bool(b).map_err(|e: DeError| e.at(self.0.span)),
            _ => Err(self.mismatch(said!("`true` or `false`", "`true` 或 `false`"))),
        }
    }

    int_method!(deserialize_i8, visit_i8, i8);
    int_method!(deserialize_i16, visit_i16, i16);
    int_method!(deserialize_i32, visit_i32, i32);
    int_method!(deserialize_i64, visit_i64, i64);
    int_method!(deserialize_u8, visit_u8, u8);
    int_method!(deserialize_u16, visit_u16, u16);
    int_method!(deserialize_u32, visit_u32, u32);
    int_method!(deserialize_u64, visit_u64, u64);

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let f = self.float()?;
        visitor.visit_f32(f as f32).map_err(|e: DeError| e.at(self.0.span))
    }
    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let f = self.float()?;
        visitor.visit_f64(f).map_err(|e: DeError| e.at(self.0.span))
    }
    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.0.value {
            Value::Char(c) => visitor.visit_char(*c),
            Value::Str(s) if s.chars().count() == 1 => visitor.visit_str(s),
            _ => Err(self.mismatch(said!("a character such as 'x'", "单个字符，如 'x'"))),
        }
        .map_err(|e: DeError| e.at(self.0.span))
    }
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.0.value {
            Value::Str(s) => visitor.visit_str(s),
            Value::Char(c) => visitor.visit_string(c.to_string()),
            _ => Err(self.mismatch(said!("text in double quotes", "双引号中的文本"))),
        }
        .map_err(|e: DeError| e.at(self.0.span))
    }
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }
    fn deserialize_bytes<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, DeError> {
        Err(self.mismatch(said!("bytes (not supported in scenarios)", "字节串（情景中不支持）")))
    }
    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_bytes(visitor)
    }
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.0.value {
            Value::Ident(n) if n == "None" => visitor.visit_none(),
            Value::Tuple(Some(n), items) if n == "Some" && items.len() == 1 => visitor.visit_some(NodeDe(&items[0])),
            // Writing the value without `Some(..)` is accepted too.
            _ => visitor.visit_some(self),
        }
        .map_err(|e: DeError| e.at(self.0.span))
    }
    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.0.value {
            Value::Tuple(None, items) if items.is_empty() => visitor.visit_unit(),
            _ => Err(self.mismatch(said!("`()`", "`()`"))),
        }
    }
    fn deserialize_unit_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, DeError> {
        match &self.0.value {
            Value::Ident(_) | Value::Tuple(_, _) => visitor.visit_unit(),
            _ => Err(self.mismatch(said!("a unit value", "单元值"))),
        }
    }
    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, DeError> {
        match &self.0.value {
            Value::Tuple(_, items) if items.len() == 1 => visitor.visit_newtype_struct(NodeDe(&items[0])),
            _ => visitor.visit_newtype_struct(self),
        }
        .map_err(|e: DeError| e.at(self.0.span))
    }
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.0.value {
            Value::List(items) | Value::Tuple(None, items) => visitor.visit_seq(SeqDe { items: items.iter() }),
            _ => Err(self.mismatch(said!("a list [..]", "列表 [..]"))),
        }
        .map_err(|e: DeError| e.at(self.0.span))
    }
    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, DeError> {
        match &self.0.value {
            Value::List(items) | Value::Tuple(_, items) if items.len() == len => visitor.visit_seq(SeqDe { items: items.iter() }),
            Value::List(items) | Value::Tuple(_, items) => Err(DeError::new(
                said!(
                    "expected a tuple of {len} values, found {}",
                    "应为 {len} 个值的元组，这里有 {} 个",
                    items.len()
                ),
                Some(self.0.span),
            )),
            _ => Err(self.mismatch(said!("a tuple of {len} values (a, b, ..)", "{len} 个值的元组 (a, b, ..)"))),
        }
        .map_err(|e: DeError| e.at(self.0.span))
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(self, _name: &'static str, len: usize, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_tuple(len, visitor)
    }
    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.0.value {
            Value::Map(entries) => visitor.visit_map(MapDe::new(entries)),
            _ => Err(self.mismatch(said!("a map {{key: value, ..}}", "映射 {{键: 值, ..}}"))),
        }
        .map_err(|e: DeError| e.at(self.0.span))
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match &self.0.value {
            Value::Struct(_, fs) => visitor.visit_map(StructDe::new(fs)),
            Value::Tuple(_, items) if items.is_empty() => visitor.visit_map(StructDe::new(&[])),
            _ => {
                let first = fields.first().copied().unwrap_or("field");
                Err(self.mismatch(said!("a struct ({first}: ..)", "结构 ({first}: ..)")))
            }
        }
        .map_err(|e: DeError| e.at(self.0.span))
    }
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match &self.0.value {
            Value::Ident(_) | Value::Tuple(Some(_), _) | Value::Struct(Some(_), _) => visitor.visit_enum(EnumDe(self.0)),
            // A variant written as a string is accepted too ("Sirens").
            Value::Str(_) => visitor.visit_enum(EnumDe(self.0)),
            _ => {
                let names = list_names(variants);
                Err(self.mismatch(said!("one of {names}", "以下之一：{names}")))
            }
        }
        .map_err(|e: DeError| e.at(self.0.span))
    }
    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.0.value {
            Value::Ident(s) | Value::Str(s) => visitor.visit_str(s),
            Value::Tuple(Some(s), _) | Value::Struct(Some(s), _) => visitor.visit_str(s),
            Value::Char(c) => visitor.visit_string(c.to_string()),
            _ => Err(self.mismatch(said!("a name", "名称"))),
        }
        .map_err(|e: DeError| e.at(self.0.span))
    }
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }
}

pub(crate) fn list_names(names: &[&str]) -> String {
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

struct SeqDe<'a> {
    items: std::slice::Iter<'a, Node>,
}

impl<'de, 'a> de::SeqAccess<'de> for SeqDe<'a> {
    type Error = DeError;
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, DeError> {
        match self.items.next() {
            Some(n) => seed.deserialize(NodeDe(n)).map(Some).map_err(|e| e.at(n.span)),
            None => Ok(None),
        }
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct MapDe<'a> {
    entries: std::slice::Iter<'a, (Node, Node)>,
    value: Option<&'a Node>,
    /// Keys met so far: a repeated key is an error at its second occurrence.
    seen: std::collections::HashSet<String>,
}

impl<'a> MapDe<'a> {
    fn new(entries: &'a [(Node, Node)]) -> Self {
        MapDe {
            entries: entries.iter(),
            value: None,
            seen: Default::default(),
        }
    }
}

impl<'de, 'a> de::MapAccess<'de> for MapDe<'a> {
    type Error = DeError;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, DeError> {
        match self.entries.next() {
            Some((k, v)) => {
                if let Some(text) = k.as_text()
                    && !self.seen.insert(text.clone())
                {
                    return Err(DeError::new(said!("duplicate key `{text}`", "键 `{text}` 重复"), Some(k.span)));
                }
                self.value = Some(v);
                seed.deserialize(NodeDe(k)).map(Some).map_err(|e| e.at(k.span))
            }
            None => Ok(None),
        }
    }
    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, DeError> {
        match self.value.take() {
            Some(v) => seed.deserialize(NodeDe(v)).map_err(|e| e.at(v.span)),
            None => Err(de::Error::custom("map value requested before its key")),
        }
    }
}

struct StructDe<'a> {
    fields: std::slice::Iter<'a, Field>,
    value: Option<&'a Node>,
    /// Field names met so far: a repeated field is an error at its second name.
    seen: Vec<&'a str>,
}

impl<'a> StructDe<'a> {
    fn new(fields: &'a [Field]) -> Self {
        StructDe {
            fields: fields.iter(),
            value: None,
            seen: Vec::new(),
        }
    }
}

impl<'de, 'a> de::MapAccess<'de> for StructDe<'a> {
    type Error = DeError;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, DeError> {
        match self.fields.next() {
            Some(f) => {
                if self.seen.contains(&f.name.as_str()) {
                    return Err(DeError::new(
                        said!("duplicate field `{}`", "字段 `{}` 重复", f.name),
                        Some(f.name_span),
                    ));
                }
                self.seen.push(&f.name);
                self.value = Some(&f.value);
                let key: de::value::StrDeserializer<'_, DeError> = f.name.as_str().into_deserializer();
                seed.deserialize(key).map(Some).map_err(|e| e.at(f.name_span))
            }
            None => Ok(None),
        }
    }
    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, DeError> {
        match self.value.take() {
            Some(v) => seed.deserialize(NodeDe(v)).map_err(|e| e.at(v.span)),
            None => Err(de::Error::custom("struct value requested before its field name")),
        }
    }
}

struct EnumDe<'a>(&'a Node);

impl<'de, 'a> de::EnumAccess<'de> for EnumDe<'a> {
    type Error = DeError;
    type Variant = VariantDe<'a>;
    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, VariantDe<'a>), DeError> {
        let name = match &self.0.value {
            Value::Ident(s) | Value::Str(s) | Value::Tuple(Some(s), _) | Value::Struct(Some(s), _) => s.as_str(),
            _ => return Err(DeError::new(said!("expected an enum variant", "应为一个取值名称"), None)),
        };
        let name_span = Span::new(self.0.span.start, self.0.span.start + name.len());
        let key: de::value::StrDeserializer<'_, DeError> = name.into_deserializer();
        let v = seed.deserialize(key).map_err(|e| e.at(name_span))?;
        Ok((v, VariantDe(self.0)))
    }
}

struct VariantDe<'a>(&'a Node);

impl<'de, 'a> de::VariantAccess<'de> for VariantDe<'a> {
    type Error = DeError;
    fn unit_variant(self) -> Result<(), DeError> {
        match &self.0.value {
            Value::Ident(_) | Value::Str(_) => Ok(()),
            Value::Tuple(_, items) if items.is_empty() => Ok(()),
            _ => Err(DeError::new(
                said!("this variant takes no value: write just its name", "这个取值不带参数：只写它的名称"),
                Some(self.0.span),
            )),
        }
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DeError> {
        match &self.0.value {
            Value::Tuple(_, items) if items.len() == 1 => seed.deserialize(NodeDe(&items[0])),
            // `Name(field: ..)` for a variant wrapping a struct.
            Value::Struct(_, f) => {
                let inner = Node {
                    value: Value::Struct(None, f.clone()),
                    span: self.0.span,
                };
                seed.deserialize(NodeDe(&inner)).map_err(|e: DeError| e.at(self.0.span))
            }
            _ => Err(DeError::new(
                said!(
                    "this variant takes one value in parentheses: Name(value)",
                    "这个取值在括号中带一个值：名称(值)"
                ),
                Some(self.0.span),
            )),
        }
    }
    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, DeError> {
        match &self.0.value {
            Value::Tuple(_, items) if items.len() == len => visitor.visit_seq(SeqDe { items: items.iter() }),
            Value::Tuple(_, items) => Err(DeError::new(
                said!(
                    "this variant takes {len} values in parentheses, found {}",
                    "这个取值在括号中带 {len} 个值，这里有 {} 个",
                    items.len()
                ),
                Some(self.0.span),
            )),
            _ => Err(DeError::new(
                said!("this variant takes {len} values in parentheses", "这个取值在括号中带 {len} 个值"),
                Some(self.0.span),
            )),
        }
    }
    fn struct_variant<V: Visitor<'de>>(self, fields: &'static [&'static str], visitor: V) -> Result<V::Value, DeError> {
        match &self.0.value {
            Value::Struct(_, fs) => visitor.visit_map(StructDe::new(fs)),
            Value::Tuple(_, items) if items.is_empty() => visitor.visit_map(StructDe::new(&[])),
            Value::Ident(_) => visitor.visit_map(StructDe::new(&[])),
            _ => {
                let fields = fields.join(": .., ");
                Err(DeError::new(
                    said!(
                        "this variant takes named fields: Name({fields}: ..)",
                        "这个取值带命名字段：名称({fields}: ..)"
                    ),
                    Some(self.0.span),
                ))
            }
        }
        .map_err(|e: DeError| e.at(self.0.span))
    }
}
