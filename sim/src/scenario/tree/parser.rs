//! The recursive-descent RON parser behind [`super::parse`]: bounded
//! depth, every error a value carrying the byte position where it arose.

use super::*;
use crate::said;
use crate::scenario::Said;

pub(super) struct Parser<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    pub(super) fn document(src: &'a str) -> Result<Node, SyntaxError> {
        let mut p = Parser {
            src,
            bytes: src.as_bytes(),
            pos: 0,
            depth: 0,
        };
        p.skip_ws()?;
        while p.peek() == Some(b'#') {
            p.skip_attribute()?;
            p.skip_ws()?;
        }
        let node = p.value()?;
        p.skip_ws()?;
        if p.pos < p.bytes.len() {
            return Err(p.err_here(said!("unexpected text after the end of the scenario", "情景结束之后还有多余的文字")));
        }
        Ok(node)
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn err_here(&self, msg: Said) -> SyntaxError {
        let end = (self.pos + 1).min(self.bytes.len()).max(self.pos);
        SyntaxError {
            message: msg,
            span: Span::new(self.pos, end),
        }
    }

    fn skip_ws(&mut self) -> Result<(), SyntaxError> {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\n' | b'\r') => self.pos += 1,
                Some(b'/') if self.bytes.get(self.pos + 1) == Some(&b'/') => {
                    while let Some(c) = self.peek() {
                        if c == b'\n' {
                            break;
                        }
                        self.pos += 1;
                    }
                }
                Some(b'/') if self.bytes.get(self.pos + 1) == Some(&b'*') => {
                    let start = self.pos;
                    self.pos += 2;
                    let mut level = 1usize;
                    while level > 0 {
                        match (self.peek(), self.bytes.get(self.pos + 1)) {
                            (None, _) => {
                                return Err(SyntaxError {
                                    message: said!("unclosed block comment", "块注释没有结束"),
                                    span: Span::new(start, start + 2),
                                });
                            }
                            (Some(b'*'), Some(b'/')) => {
                                level -= 1;
                                self.pos += 2;
                            }
                            (Some(b'/'), Some(b'*')) => {
                                level += 1;
                                self.pos += 2;
                            }
                            _ => self.pos += 1,
                        }
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    fn skip_attribute(&mut self) -> Result<(), SyntaxError> {
        // `#![enable(...)]`: skip to the matching `]`.
        let start = self.pos;
        while let Some(c) = self.peek() {
            self.pos += 1;
            if c == b']' {
                return Ok(());
            }
        }
        Err(SyntaxError {
            message: said!("unclosed attribute", "属性没有结束"),
            span: Span::new(start, start + 1),
        })
    }

    fn value(&mut self) -> Result<Node, SyntaxError> {
        self.skip_ws()?;
        let start = self.pos;
        let Some(c) = self.peek() else {
            return Err(self.err_here(said!("expected a value, found the end of the file", "应为一个值，但文件已结束")));
        };
        let value = match c {
            b'"' => Value::Str(self.string()?),
            b'\'' => Value::Char(self.char_lit()?),
            b'[' => self.nested(|p| p.list())?,
            b'{' => self.nested(|p| p.map())?,
            b'(' => self.nested(|p| p.parens(None))?,
            b'-' | b'+' | b'.' | b'0'..=b'9' => self.number()?,
            b'r' if matches!(self.bytes.get(self.pos + 1), Some(b'"' | b'#')) => Value::Str(self.raw_string()?),
            c if c == b'_' || c.is_ascii_alphabetic() => {
                let ident = self.ident();
                match ident.as_str() {
                    "true" => Value::Bool(true),
                    "false" => Value::Bool(false),
                    "inf" | "NaN" => Value::Float(if ident == "inf" { f64::INFINITY } else { f64::NAN }),
                    _ => {
                        let save = self.pos;
                        self.skip_ws()?;
                        if self.peek() == Some(b'(') {
                            self.nested(|p| p.parens(Some(ident)))?
                        } else {
                            self.pos = save;
                            Value::Ident(ident)
                        }
                    }
                }
            }
            _ => {
                return Err(self.err_here(said!(
                    "expected a value (number, \"text\", [list], {{map}}, (struct) or Name)",
                    "应为一个值（数字、\"文本\"、[列表]、{{映射}}、(结构) 或名称）"
                )));
            }
        };
        Ok(Node {
            value,
            span: Span::new(start, self.pos),
        })
    }

    fn nested(&mut self, f: impl FnOnce(&mut Self) -> Result<Value, SyntaxError>) -> Result<Value, SyntaxError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.err_here(said!("nesting is too deep (more than 64 levels)", "嵌套太深（超过 64 层）")));
        }
        self.depth += 1;
        let r = f(self);
        self.depth -= 1;
        r
    }

    fn ident(&mut self) -> String {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if c == b'_' || c.is_ascii_alphanumeric() {
                self.pos += 1;
            } else {
                break;
            }
        }
        self.src[start..self.pos].to_string()
    }

    fn expect(&mut self, b: u8, what: Said) -> Result<(), SyntaxError> {
        self.skip_ws()?;
        if self.peek() == Some(b) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.err_here(what))
        }
    }

    /// After an element: `,` then maybe the closer, or the closer. Returns true when closed.
    fn sep_or_close(&mut self, close: u8, what: Said) -> Result<bool, SyntaxError> {
        self.skip_ws()?;
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                self.skip_ws()?;
                if self.peek() == Some(close) {
                    self.pos += 1;
                    return Ok(true);
                }
                Ok(false)
            }
            Some(c) if c == close => {
                self.pos += 1;
                Ok(true)
            }
            _ => Err(self.err_here(what)),
        }
    }

    fn list(&mut self) -> Result<Value, SyntaxError> {
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws()?;
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::List(items));
        }
        loop {
            items.push(self.value()?);
            if self.sep_or_close(b']', said!("expected `,` or `]` in the list", "列表中应为 `,` 或 `]`"))? {
                return Ok(Value::List(items));
            }
        }
    }

    fn map(&mut self) -> Result<Value, SyntaxError> {
        self.pos += 1;
        let mut entries = Vec::new();
        self.skip_ws()?;
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Map(entries));
        }
        loop {
            let key = self.value()?;
            self.expect(b':', said!("expected `:` after the map key", "映射的键后面应有 `:`"))?;
            let value = self.value()?;
            entries.push((key, value));
            if self.sep_or_close(b'}', said!("expected `,` or `}}` in the map", "映射中应为 `,` 或 `}}`"))? {
                return Ok(Value::Map(entries));
            }
        }
    }

    /// `( ... )` after an optional name: a struct if the first item is `ident:`,
    /// otherwise a tuple.
    fn parens(&mut self, name: Option<String>) -> Result<Value, SyntaxError> {
        self.pos += 1;
        self.skip_ws()?;
        if self.peek() == Some(b')') {
            self.pos += 1;
            return Ok(Value::Tuple(name, Vec::new()));
        }
        if self.at_field_name() {
            let mut fields = Vec::new();
            loop {
                self.skip_ws()?;
                if !self.at_field_name() {
                    return Err(self.err_here(said!(
                        "expected `field: value` in the struct",
                        "结构中应为 `field: value`（字段: 值）"
                    )));
                }
                let s = self.pos;
                let fname = self.ident();
                let name_span = Span::new(s, self.pos);
                self.expect(b':', said!("expected `:` after the field name", "字段名后面应有 `:`"))?;
                let value = self.value()?;
                fields.push(Field {
                    name: fname,
                    name_span,
                    value,
                });
                if self.sep_or_close(b')', said!("expected `,` or `)` after the field", "字段后面应为 `,` 或 `)`"))? {
                    return Ok(Value::Struct(name, fields));
                }
            }
        }
        let mut items = Vec::new();
        loop {
            items.push(self.value()?);
            if self.sep_or_close(b')', said!("expected `,` or `)` in the tuple", "元组中应为 `,` 或 `)`"))? {
                return Ok(Value::Tuple(name, items));
            }
        }
    }

    fn at_field_name(&self) -> bool {
        let mut i = self.pos;
        match self.bytes.get(i) {
            Some(c) if *c == b'_' || c.is_ascii_alphabetic() => {}
            _ => return false,
        }
        while let Some(c) = self.bytes.get(i) {
            if *c == b'_' || c.is_ascii_alphanumeric() {
                i += 1;
            } else {
                break;
            }
        }
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(i) {
            i += 1;
        }
        self.bytes.get(i) == Some(&b':')
    }

    fn number(&mut self) -> Result<Value, SyntaxError> {
        let start = self.pos;
        if matches!(self.peek(), Some(b'-' | b'+')) {
            self.pos += 1;
        }
        let body = self.pos;
        if self.bytes[body..].starts_with(b"inf") {
            self.pos += 3;
            let neg = self.bytes[start] == b'-';
            return Ok(Value::Float(if neg { f64::NEG_INFINITY } else { f64::INFINITY }));
        }
        if self.bytes[body..].starts_with(b"0x") || self.bytes[body..].starts_with(b"0b") || self.bytes[body..].starts_with(b"0o") {
            let radix = match self.bytes[body + 1] {
                b'x' => 16,
                b'b' => 2,
                _ => 8,
            };
            self.pos += 2;
            let ds = self.pos;
            while let Some(c) = self.peek() {
                if c.is_ascii_hexdigit() || c == b'_' {
                    self.pos += 1;
                } else {
                    break;
                }
            }
            let digits: String = self.src[ds..self.pos].chars().filter(|c| *c != '_').collect();
            let v = i128::from_str_radix(&digits, radix).map_err(|_| SyntaxError {
                message: said!("invalid integer", "无效的整数"),
                span: Span::new(start, self.pos),
            })?;
            return Ok(Value::Int(if self.bytes[start] == b'-' { -v } else { v }));
        }
        let mut is_float = false;
        while let Some(c) = self.peek() {
            match c {
                b'0'..=b'9' | b'_' => self.pos += 1,
                b'.' | b'e' | b'E' => {
                    is_float = true;
                    self.pos += 1;
                    if matches!(c, b'e' | b'E') && matches!(self.peek(), Some(b'-' | b'+')) {
                        self.pos += 1;
                    }
                }
                _ => break,
            }
        }
        // Optional type suffix such as `1u8` or `2.0f64`.
        if matches!(self.peek(), Some(b'i' | b'u' | b'f')) {
            let s = self.pos;
            let suffix = self.ident();
            if suffix.starts_with('f') {
                is_float = true;
            }
            if !matches!(
                suffix.as_str(),
                "i8" | "i16" | "i32" | "i64" | "i128" | "u8" | "u16" | "u32" | "u64" | "u128" | "f32" | "f64"
            ) {
                return Err(SyntaxError {
                    message: said!("unknown number suffix `{suffix}`", "未知的数字后缀 `{suffix}`"),
                    span: Span::new(s, self.pos),
                });
            }
            let text: String = self.src[start..s].chars().filter(|c| *c != '_').collect();
            return self.finish_number(&text, is_float, start);
        }
        let text: String = self.src[start..self.pos].chars().filter(|c| *c != '_').collect();
        self.finish_number(&text, is_float, start)
    }

    fn finish_number(&self, text: &str, is_float: bool, start: usize) -> Result<Value, SyntaxError> {
        let bad = || SyntaxError {
            message: said!("`{text}` is not a number", "`{text}` 不是数字"),
            span: Span::new(start, self.pos.max(start + 1)),
        };
        if is_float {
            text.parse::<f64>().map(Value::Float).map_err(|_| bad())
        } else {
            // Whole numbers beyond i128 stay numbers; fields that need an integer reject them.
            text.parse::<i128>()
                .map(Value::Int)
                .or_else(|_| text.parse::<f64>().map(Value::Float))
                .map_err(|_| bad())
        }
    }

    fn escape(&mut self) -> Result<char, SyntaxError> {
        // at the char after the backslash
        let s = self.pos;
        let Some(c) = self.peek() else {
            return Err(self.err_here(said!("unfinished escape", "转义没有写完")));
        };
        self.pos += 1;
        Ok(match c {
            b'n' => '\n',
            b't' => '\t',
            b'r' => '\r',
            b'0' => '\0',
            b'\\' => '\\',
            b'"' => '"',
            b'\'' => '\'',
            b'u' => {
                self.expect(b'{', said!("expected `{{` in a \\u{{…}} escape", "\\u{{…}} 转义中应有 `{{`"))?;
                let ds = self.pos;
                while matches!(self.peek(), Some(c) if c.is_ascii_hexdigit()) {
                    self.pos += 1;
                }
                let code = u32::from_str_radix(&self.src[ds..self.pos], 16).ok().and_then(char::from_u32);
                self.expect(
                    b'}',
                    said!("expected `}}` to close the \\u{{…}} escape", "应有 `}}` 来结束 \\u{{…}} 转义"),
                )?;
                code.ok_or(SyntaxError {
                    message: said!("invalid unicode escape", "无效的 Unicode 转义"),
                    span: Span::new(s, self.pos),
                })?
            }
            _ => {
                return Err(SyntaxError {
                    message: said!("unknown escape", "未知的转义"),
                    span: Span::new(s - 1, self.pos),
                });
            }
        })
    }

    fn string(&mut self) -> Result<String, SyntaxError> {
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let rest = &self.src[self.pos..];
            let Some(ch) = rest.chars().next() else {
                return Err(SyntaxError {
                    message: said!("unclosed string: add the closing `\"`", "字符串没有结束：加上结尾的 `\"`"),
                    span: Span::new(start, start + 1),
                });
            };
            self.pos += ch.len_utf8();
            match ch {
                '"' => return Ok(out),
                '\\' => out.push(self.escape()?),
                c => out.push(c),
            }
        }
    }

    fn raw_string(&mut self) -> Result<String, SyntaxError> {
        let start = self.pos;
        self.pos += 1;
        let mut hashes = 0;
        while self.peek() == Some(b'#') {
            hashes += 1;
            self.pos += 1;
        }
        if self.peek() != Some(b'"') {
            return Err(self.err_here(said!("expected `\"` to open the raw string", "原始字符串应以 `\"` 开始")));
        }
        self.pos += 1;
        let body = self.pos;
        let closing: String = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
        match self.src[body..].find(&closing) {
            Some(off) => {
                self.pos = body + off + closing.len();
                Ok(self.src[body..body + off].to_string())
            }
            None => Err(SyntaxError {
                message: said!("unclosed raw string", "原始字符串没有结束"),
                span: Span::new(start, start + 1),
            }),
        }
    }

    fn char_lit(&mut self) -> Result<char, SyntaxError> {
        let start = self.pos;
        self.pos += 1;
        let Some(ch) = self.src[self.pos..].chars().next() else {
            return Err(self.err_here(said!("unclosed character literal", "字符字面量没有结束")));
        };
        self.pos += ch.len_utf8();
        let c = if ch == '\\' { self.escape()? } else { ch };
        if self.peek() != Some(b'\'') {
            return Err(SyntaxError {
                message: said!(
                    "a character literal holds exactly one character: 'x'",
                    "字符字面量只能含一个字符：'x'"
                ),
                span: Span::new(start, self.pos),
            });
        }
        self.pos += 1;
        Ok(c)
    }
}
