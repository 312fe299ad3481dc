//! A RON syntax tree that remembers where every value sits in the file.
//!
//! `ron` reports syntax errors with positions but its typed deserializer forgets
//! where a value came from, so a semantic error ("unknown team kind") could not
//! point at its line. This module parses RON into [`Node`]s carrying byte spans;
//! [`super::de`] deserializes the typed scenario from that tree (so type errors
//! carry spans too) and validation looks spans up by [`Path`].
//!
//! The parser is defensive: input size and nesting depth are bounded, every
//! error is a value, and nothing here can panic on any input.

mod parser;

use parser::Parser;
use std::fmt;

/// Byte range `start..end` in the source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
}

/// Deepest nesting of brackets accepted; deeper input is rejected, not recursed into.
pub const MAX_DEPTH: usize = 64;

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Char(char),
    /// A bare identifier: a unit enum variant, a unit struct or `None`.
    Ident(String),
    List(Vec<Node>),
    Map(Vec<(Node, Node)>),
    /// `(a, b)` or `Name(a, b)`; `()` is an empty unnamed tuple.
    Tuple(Option<String>, Vec<Node>),
    /// `(field: v)` or `Name(field: v)`.
    Struct(Option<String>, Vec<Field>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub name: String,
    pub name_span: Span,
    pub value: Node,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Span,
}

/// One step of a [`Path`] into the tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    Field(&'static str),
    Index(usize),
    Key(String),
}

/// Where a value sits in the scenario, e.g. `teams[2].kind`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Path(pub Vec<Seg>);

impl Path {
    pub fn root() -> Self {
        Path(Vec::new())
    }
    pub fn field(&self, name: &'static str) -> Self {
        let mut p = self.clone();
        p.0.push(Seg::Field(name));
        p
    }
    pub fn index(&self, i: usize) -> Self {
        let mut p = self.clone();
        p.0.push(Seg::Index(i));
        p
    }
    pub fn key(&self, k: &str) -> Self {
        let mut p = self.clone();
        p.0.push(Seg::Key(k.to_string()));
        p
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Field(n) if i == 0 => write!(f, "{n}")?,
                Seg::Field(n) => write!(f, ".{n}")?,
                Seg::Index(k) => write!(f, "[{k}]")?,
                Seg::Key(k) => write!(f, "[{k:?}]")?,
            }
        }
        Ok(())
    }
}

impl Node {
    /// The node at `path`, or the deepest existing ancestor (so a missing
    /// optional field still points at the struct that lacks it).
    pub fn locate(&self, path: &Path) -> &Node {
        let mut node = self;
        for seg in &path.0 {
            match node.child(seg) {
                Some(next) => node = next,
                None => break,
            }
        }
        node
    }

    fn child(&self, seg: &Seg) -> Option<&Node> {
        match (&self.value, seg) {
            (Value::Struct(_, fields), Seg::Field(name)) => fields.iter().find(|f| f.name == *name).map(|f| &f.value),
            // `Polygon([..])`, `Choice([..])`: an index goes into the wrapped list.
            (Value::Tuple(Some(_), items), Seg::Index(_))
                if items.len() == 1 && matches!(items[0].value, Value::List(_) | Value::Tuple(None, _)) =>
            {
                items[0].child(seg)
            }
            (Value::List(items) | Value::Tuple(_, items), Seg::Index(i)) => items.get(*i),
            (Value::Map(entries), Seg::Key(k)) => entries
                .iter()
                .find(|(key, _)| key.as_text().as_deref() == Some(k.as_str()))
                .map(|(_, v)| v),
            // `Some(x)` and enum variants wrapping one value are transparent.
            (Value::Tuple(Some(_), items), _) if items.len() == 1 => items[0].child(seg),
            _ => None,
        }
    }

    /// Text of a string, char or identifier key.
    pub fn as_text(&self) -> Option<String> {
        match &self.value {
            Value::Str(s) | Value::Ident(s) => Some(s.clone()),
            Value::Char(c) => Some(c.to_string()),
            _ => None,
        }
    }
}

/// A syntax error with the byte span it refers to.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    pub message: crate::scenario::Said,
    pub span: Span,
}

/// Parse a whole RON document (one value, optionally preceded by `#![enable(..)]`
/// attributes which are skipped).
pub fn parse(src: &str) -> Result<Node, SyntaxError> {
    Parser::document(src)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_structs_tuples_maps_and_spans() {
        let src = "Scenario(name: \"x\", list: [1, 2.5, -3], m: {'~': Water, \"a\": Forest(fuel: 10)}, t: Uniform(1, 2), o: Some(3), n: None, e: ())";
        let n = parse(src).unwrap();
        let p = Path::root().field("m").key("a").field("fuel");
        let node = n.locate(&p);
        assert_eq!(&src[node.span.start..node.span.end], "10");
        let list = n.locate(&Path::root().field("list").index(2));
        assert_eq!(list.value, Value::Int(-3));
        assert!(matches!(n.locate(&Path::root().field("t")).value, Value::Tuple(Some(ref s), _) if s == "Uniform"));
    }

    #[test]
    fn syntax_errors_have_positions() {
        let e = parse("(a: 1,, b: 2)").unwrap_err();
        assert_eq!(e.span.start, 6);
        let e = parse("(a: \"open)").unwrap_err();
        assert!(e.message.en.contains("unclosed string"));
        assert!(parse(&"[".repeat(100)).unwrap_err().message.en.contains("too deep"));
    }

    #[test]
    fn comments_and_unicode() {
        let n = parse("// c\n/* block /* nested */ */ (name: \"河畔\", c: '避')").unwrap();
        assert_eq!(n.locate(&Path::root().field("name")).value, Value::Str("河畔".into()));
    }
}
