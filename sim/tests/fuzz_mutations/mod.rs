//! The mutations the loader fuzz applies to a scenario's text: byte and
//! character edits (multibyte UTF-8 included), line and token shuffles,
//! hostile numbers and values in place of a field's value, targeted hostile
//! fields, truncation; and the small tokenizer that finds values to replace.

use proptest::prelude::*;
use proptest::sample::Index;

/// Numbers that stress ranges, integer widths and float parsing.
const NUMBERS: &[&str] = &[
    "0",
    "-1",
    "-0.0",
    "1.5",
    "4000000",
    "4000000000",
    "4294967295",
    "4294967296",
    "18446744073709551616",
    "99999999999999999999999999999999999999999",
    "1e308",
    "1e309",
    "-1e400",
    "1e-300",
    "3.4e38",
    "NaN",
    "inf",
    "-inf",
    "0x7fffffff",
    "1_000_000",
    "2147483647",
    "-2147483648",
    "-9223372036854775808",
    "9223372036854775807",
    "5000001",
    "16777217",
    "4096",
];

/// Whole values for a field: hostile sizes, counts, distributions, shapes, files.
const VALUES: &[&str] = &[
    "0",
    "-1",
    "4000000000",
    "1e309",
    "NaN",
    "\"\"",
    "\"河畔\"",
    "\"40d\"",
    "\"0s\"",
    "[]",
    "()",
    "None",
    "Some(1)",
    "true",
    "'x'",
    "Uniform(5, 1)",
    "Normal(1, -1)",
    "Normal(1e308, 1e308)",
    "LogNormal(0, 1)",
    "LogNormal(1, 1e6)",
    "Choice([])",
    "Triangular(3, 1, 2)",
    "Uniform(\"1min\", \"40d\")",
    "(4000000, 4000000)",
    "(4096, 4096)",
    "(0, 0)",
    "Rect(-5, -5, 9999, 9999)",
    "Rect(0, 0, 23, 11)",
    "Point(-9223372036854775808, 9223372036854775807)",
    "Polygon([(0, 0), (23, 0), (0, 11)])",
    "Polygon([(0, 0), (9999999, 0), (0, 9999999)])",
    "Line([(0, 0), (23, 11), (0, 11)])",
    "Line([(0, 0), (-9223372036854775808, 0)])",
    "Uniform(Grass)",
    "Ascii(legend: {}, rows: [])",
    "Ascii(legend: {'.': Grass}, rows: [\"..\", \"...\"])",
    "AsciiGrid(\"/dev/zero\")",
    "AsciiGrid(\"/dev/null\")",
    "AsciiGrid(\"tutorial.ron\")",
    "AsciiGrid(\"\")",
    "Constant(NaN)",
    "SlopedPlane(base_m: 1e308, drop_per_km_east: -1e308)",
    "RiverValley(floor_m: 1.0, side_slope_per_km: 1e308, channel_col: 4294967295, channel_width_cells: 0, channel_depth_m: -1.0)",
    "Hills(base_m: 0.0, hills: [(at: (-9223372036854775808, 0), height_m: 1.0, radius_m: 1.0)])",
    "Hills(base_m: 0.0, hills: [(at: (3, 3), height_m: 1e308, radius_m: 0.0)])",
    "[(at: (1, 1), height_m: 1e308, radius_m: 0.0)]",
    "[(id: \"x\", at: (0, 0)), (id: \"x\", at: (99999, 0))]",
    "[(zone: \"old_town\", residents: 5000000), (zone: \"old_town\", residents: 5000000)]",
    "[(id: \"c\", from: \"depot\", to: \"school_gate\", vehicles: 10000), (id: \"d\", from: \"depot\", to: \"school_gate\", vehicles: 4294967295)]",
    "All([Any([InjectFired(\"nope\")])])",
    "Flood(inflows: [(place: \"nowhere\", hydrograph: [(\"2h\", 1.0), (\"1h\", -1.0)])])",
    "Fire(ignitions: [(place: \"school\")], fuel_models: {Forest: 99})",
    "Release(id: \"r\", place: \"school\", substance: Chlorine)",
];

/// `(parent, field, value)`: a hostile value for a named field, inserted
/// after `parent: (` when the scenario does not have the field yet.
const TARGETED: &[(&str, &str, &str)] = &[
    ("map", "size", "(4000000, 4000000)"),
    ("map", "size", "(4294967295, 4294967295)"),
    ("map", "size", "(2048, 2048)"),
    ("map", "size", "(24, 13)"),
    ("map", "size", "(0, 0)"),
    (
        "map",
        "elevation",
        "Hills(base_m: 0.0, hills: [(at: (-9223372036854775808, 9223372036854775807), height_m: 1.0, radius_m: 1.0)])",
    ),
    (
        "map",
        "elevation",
        "Hills(base_m: 0.0, hills: [(at: (5, 5), height_m: 1e308, radius_m: 1.0), (at: (5, 5), height_m: 1e308, radius_m: 1.0)])",
    ),
    (
        "map",
        "elevation",
        "SlopedPlane(base_m: -1e308, drop_per_km_east: 1e308, drop_per_km_south: 1e308)",
    ),
    (
        "map",
        "elevation",
        "RiverValley(floor_m: 1.0, side_slope_per_km: 1e308, channel_col: 3, channel_width_cells: 2, channel_depth_m: 1.0)",
    ),
    (
        "map",
        "elevation",
        "RiverValley(floor_m: 1.0, side_slope_per_km: 1.0, channel_col: 4294967295, channel_width_cells: 4294967295, channel_depth_m: 1.0)",
    ),
    ("map", "elevation", "AsciiGrid(\"/dev/zero\")"),
    ("map", "elevation", "AsciiGrid(\"/dev/null\")"),
    ("map", "elevation", "AsciiGrid(\".\")"),
    ("map", "elevation", "Constant(1e308)"),
    ("map", "land", "Uniform(Road)"),
    ("map", "cell_size_m", "1e-300"),
    ("map", "manning_n", "{Road: 0.0, Water: NaN}"),
    ("roads", "from_cells", "(speed_kmh: 30.0)"),
    ("roads", "nodes", "[(id: \"x\", at: (-9223372036854775808, 9223372036854775807))]"),
    (
        "roads",
        "links",
        "[(id: \"l\", from: \"depot\", to: \"school_gate\", lanes: 0, speed_kmh: 0.0, capacity_pcu_h_lane: NaN)]",
    ),
    ("convoys", "vehicles", "10000"),
    ("population", "residents", "Uniform(0, 5000000)"),
    ("population", "shelter", "\"school_shelter\""),
    ("population", "departure_delay_mean", "Normal(\"10min\", \"30min\")"),
    ("weather", "wind", "[(at: \"0h\", speed_ms: 1e308, from_deg: -1.0)]"),
    ("weather", "rain_mm_h", "[(\"1h\", 1.0), (\"0h\", -1.0)]"),
];

/// Text fragments for insertion: brackets, quotes, comments, multibyte and control characters.
const FRAGMENTS: &[&str] = &[
    ",",
    ":",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "\"",
    "'",
    "//",
    "/*",
    "*/",
    "\n",
    "\r\n",
    "\t",
    "Some(",
    "None",
    "#![enable(implicit_some)]",
    "r#\"",
    "\\",
    "\\u{",
    "é",
    "河",
    "🚒",
    "\u{FEFF}",
    "\u{0}",
    "\u{202E}",
    "size: (4000000, 4000000), ",
    "vehicles: 4294967295, ",
    "residents: 9e99, ",
    "crew: 0, ",
    "x: 1, ",
    "0",
    "-",
    ".",
    "e",
    "Uniform(",
    "_",
];

/// Texts for a string literal: durations, dates, ids, paths, Chinese, escapes.
const STRINGS: &[&str] = &[
    "",
    " ",
    "0s",
    "40d",
    "29d23h59min",
    "1h30",
    "-5min",
    "1e3h",
    ".min",
    "河畔",
    "🚒",
    "2024-02-30T08:00",
    "9999-12-31T23:59",
    "water_rescu",
    "\\u{0}",
    "/dev/zero",
    "../../etc/passwd",
    "a\\nb",
    "Uniform",
    "school",
    "depot",
    "mill_st_bridge",
];

#[derive(Clone, Debug)]
pub enum Mutation {
    DeleteBytes(Index, usize),
    InsertBytes(Index, Vec<u8>),
    InsertText(Index, &'static str),
    ReplaceChar(Index, char),
    DuplicateLine(Index),
    DeleteLine(Index),
    SwapLines(Index, Index),
    SwapTokens(Index, Index),
    ReplaceNumber(Index, &'static str),
    ReplaceString(Index, &'static str),
    CopyString(Index, Index),
    ReplaceValue(Index, &'static str),
    SetField(Index, (&'static str, &'static str, &'static str)),
    Truncate(Index),
}

/// Mutations that keep the text well-formed RON most of the time, so the
/// case reaches the type checks, validation and the map and road builders.
fn value_mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<Index>(), prop::sample::select(NUMBERS)).prop_map(|(i, n)| Mutation::ReplaceNumber(i, n)),
        2 => (any::<Index>(), prop::sample::select(STRINGS)).prop_map(|(i, s)| Mutation::ReplaceString(i, s)),
        3 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::CopyString(a, b)),
        5 => (any::<Index>(), prop::sample::select(VALUES)).prop_map(|(i, v)| Mutation::ReplaceValue(i, v)),
        4 => (any::<Index>(), prop::sample::select(TARGETED)).prop_map(|(i, t)| Mutation::SetField(i, t)),
        1 => any::<Index>().prop_map(Mutation::DuplicateLine),
    ]
}

/// Mixed cases: half keep the syntax (deep checks), half are raw (parser robustness).
pub fn mutations(max: usize) -> impl Strategy<Value = Vec<Mutation>> {
    prop_oneof![
        prop::collection::vec(value_mutation(), 1..=max),
        prop::collection::vec(mutation(), 1..=max),
    ]
}

/// Any mutation, from raw bytes to whole values.
fn mutation() -> impl Strategy<Value = Mutation> {
    let any_char = prop_oneof![
        any::<char>(),
        prop::sample::select(vec![
            'é', '河', '畔', '🚒', '\u{FEFF}', '\u{0}', '"', '\'', '(', ')', ',', ':', '\n', '~', '.'
        ]),
    ];
    prop_oneof![
        2 => (any::<Index>(), 1usize..16).prop_map(|(i, n)| Mutation::DeleteBytes(i, n)),
        1 => (any::<Index>(), prop::collection::vec(any::<u8>(), 1..6)).prop_map(|(i, b)| Mutation::InsertBytes(i, b)),
        2 => (any::<Index>(), prop::sample::select(FRAGMENTS)).prop_map(|(i, t)| Mutation::InsertText(i, t)),
        2 => (any::<Index>(), any_char).prop_map(|(i, c)| Mutation::ReplaceChar(i, c)),
        1 => any::<Index>().prop_map(Mutation::DuplicateLine),
        1 => any::<Index>().prop_map(Mutation::DeleteLine),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapTokens(a, b)),
        3 => (any::<Index>(), prop::sample::select(NUMBERS)).prop_map(|(i, n)| Mutation::ReplaceNumber(i, n)),
        2 => (any::<Index>(), prop::sample::select(STRINGS)).prop_map(|(i, s)| Mutation::ReplaceString(i, s)),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::CopyString(a, b)),
        4 => (any::<Index>(), prop::sample::select(VALUES)).prop_map(|(i, v)| Mutation::ReplaceValue(i, v)),
        1 => any::<Index>().prop_map(Mutation::Truncate),
    ]
}

/// Start of the character holding byte `i` (bytes may no longer be UTF-8; then any position).
fn char_start(b: &[u8], mut i: usize) -> usize {
    i = i.min(b.len());
    while i > 0 && i < b.len() && b[i] & 0xC0 == 0x80 {
        i -= 1;
    }
    i
}

#[derive(Clone, Copy, PartialEq)]
pub enum Tok {
    Str,
    Num,
    Ident,
    Punct,
}

/// A rough RON tokenizer over bytes: enough to find strings, numbers, names and brackets.
pub fn tokens(b: &[u8]) -> Vec<(Tok, usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let start = i;
        let kind = if c == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i = (i + 1).min(b.len());
            Tok::Str
        } else if c.is_ascii_digit() || (c == b'-' && b.get(i + 1).is_some_and(u8::is_ascii_digit)) {
            i += 1;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'.' || b[i] == b'_') {
                i += 1;
            }
            Tok::Num
        } else if c == b'_' || c.is_ascii_alphabetic() {
            while i < b.len() && (b[i] == b'_' || b[i].is_ascii_alphanumeric()) {
                i += 1;
            }
            Tok::Ident
        } else if c == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
            continue;
        } else if c.is_ascii_whitespace() {
            i += 1;
            continue;
        } else {
            i += 1;
            Tok::Punct
        };
        out.push((kind, start, i));
    }
    out
}

/// The byte range of the value after `field:` starting at token `k`: a
/// bracketed group, a `Name(..)` or one token.
pub fn value_range(b: &[u8], toks: &[(Tok, usize, usize)], k: usize) -> Option<(usize, usize)> {
    let (kind, start, end) = *toks.get(k)?;
    let opens = |t: &(Tok, usize, usize)| t.0 == Tok::Punct && matches!(b[t.1], b'(' | b'[' | b'{');
    let group_from = if opens(&toks[k]) {
        Some(k)
    } else if kind == Tok::Ident && toks.get(k + 1).is_some_and(|t| t.0 == Tok::Punct && b[t.1] == b'(') {
        Some(k + 1)
    } else {
        None
    };
    let Some(g) = group_from else { return Some((start, end)) };
    let mut depth = 0i32;
    for t in &toks[g..] {
        if t.0 == Tok::Punct {
            match b[t.1] {
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some((start, t.2));
                    }
                }
                _ => {}
            }
        }
    }
    None
}

fn splice(b: &mut Vec<u8>, (s, e): (usize, usize), with: &[u8]) {
    b.splice(s..e, with.iter().copied());
}

pub fn apply(b: &mut Vec<u8>, m: &Mutation) {
    match m {
        Mutation::DeleteBytes(at, n) => {
            let s = at.index(b.len() + 1);
            let e = (s + n).min(b.len());
            b.drain(s..e);
        }
        Mutation::InsertBytes(at, bytes) => {
            let s = at.index(b.len() + 1);
            splice(b, (s, s), bytes);
        }
        Mutation::InsertText(at, text) => {
            let s = char_start(b, at.index(b.len() + 1));
            splice(b, (s, s), text.as_bytes());
        }
        Mutation::ReplaceChar(at, c) => {
            if b.is_empty() {
                return;
            }
            let s = char_start(b, at.index(b.len()));
            let len = std::str::from_utf8(&b[s..b.len().min(s + 4)])
                .ok()
                .or_else(|| std::str::from_utf8(&b[s..b.len().min(s + 1)]).ok())
                .and_then(|t| t.chars().next())
                .map_or(1, char::len_utf8);
            let mut buf = [0; 4];
            splice(b, (s, s + len), c.encode_utf8(&mut buf).as_bytes());
        }
        Mutation::DuplicateLine(i) | Mutation::DeleteLine(i) => {
            let mut lines: Vec<Vec<u8>> = b.split(|c| *c == b'\n').map(<[u8]>::to_vec).collect();
            let k = i.index(lines.len());
            if matches!(m, Mutation::DuplicateLine(_)) {
                lines.insert(k, lines[k].clone());
            } else {
                lines.remove(k);
            }
            *b = lines.join(&b'\n');
        }
        Mutation::SwapLines(x, y) => {
            let mut lines: Vec<Vec<u8>> = b.split(|c| *c == b'\n').map(<[u8]>::to_vec).collect();
            let n = lines.len();
            lines.swap(x.index(n), y.index(n));
            *b = lines.join(&b'\n');
        }
        Mutation::SwapTokens(x, y) => {
            let toks = tokens(b);
            if toks.len() < 2 {
                return;
            }
            let (mut p, mut q) = (toks[x.index(toks.len())], toks[y.index(toks.len())]);
            if p.1 > q.1 {
                std::mem::swap(&mut p, &mut q);
            }
            if p.2 > q.1 {
                return;
            }
            let (a, c) = (b[p.1..p.2].to_vec(), b[q.1..q.2].to_vec());
            splice(b, (q.1, q.2), &a);
            splice(b, (p.1, p.2), &c);
        }
        Mutation::ReplaceNumber(i, with) | Mutation::ReplaceString(i, with) => {
            let want = if matches!(m, Mutation::ReplaceNumber(..)) {
                Tok::Num
            } else {
                Tok::Str
            };
            let found: Vec<_> = tokens(b).into_iter().filter(|t| t.0 == want).collect();
            if found.is_empty() {
                return;
            }
            let t = found[i.index(found.len())];
            let text = if want == Tok::Str {
                format!("\"{with}\"")
            } else {
                with.to_string()
            };
            splice(b, (t.1, t.2), text.as_bytes());
        }
        Mutation::CopyString(from, to) => {
            let found: Vec<_> = tokens(b).into_iter().filter(|t| t.0 == Tok::Str).collect();
            if found.is_empty() {
                return;
            }
            let (f, t) = (found[from.index(found.len())], found[to.index(found.len())]);
            let text = b[f.1..f.2].to_vec();
            splice(b, (t.1, t.2), &text);
        }
        Mutation::ReplaceValue(i, with) => {
            // Values follow `name:`.
            let toks = tokens(b);
            let fields: Vec<usize> = (0..toks.len().saturating_sub(2))
                .filter(|k| toks[*k].0 == Tok::Ident && toks[k + 1].0 == Tok::Punct && b[toks[k + 1].1] == b':')
                .map(|k| k + 2)
                .collect();
            if fields.is_empty() {
                return;
            }
            if let Some(r) = value_range(b, &toks, fields[i.index(fields.len())]) {
                splice(b, r, with.as_bytes());
            }
        }
        Mutation::SetField(i, (parent, field, value)) => {
            let toks = tokens(b);
            let named = |name: &str| -> Vec<usize> {
                (0..toks.len().saturating_sub(2))
                    .filter(|k| {
                        toks[*k].0 == Tok::Ident
                            && &b[toks[*k].1..toks[*k].2] == name.as_bytes()
                            && toks[k + 1].0 == Tok::Punct
                            && b[toks[k + 1].1] == b':'
                    })
                    .collect()
            };
            let found = named(field);
            if !found.is_empty() {
                if let Some(r) = value_range(b, &toks, found[i.index(found.len())] + 2) {
                    splice(b, r, value.as_bytes());
                }
                return;
            }
            // Insert `field: value,` as the first field of the parent's struct
            // (or of each element, for a list of structs: the first one).
            let Some(&p) = named(parent).first() else { return };
            let after = toks[p + 2..].iter().find(|t| t.0 == Tok::Punct && b[t.1] == b'(');
            if let Some(t) = after {
                let text = format!("{field}: {value}, ");
                splice(b, (t.2, t.2), text.as_bytes());
            }
        }
        Mutation::Truncate(at) => {
            let s = at.index(b.len() + 1);
            b.truncate(s);
        }
    }
}
