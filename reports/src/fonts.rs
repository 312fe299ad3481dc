//! Fonts embedded in the binary, so a chart looks the same on a build server
//! without any system fonts.
//!
//! - **DejaVu Sans** (`fonts/DejaVuSans.ttf`, 742 KiB, Bitstream Vera
//!   licence, `fonts/LICENSE-DejaVu.txt`) draws Latin, Greek, Cyrillic and the
//!   symbols the charts use (°, ², ≤, ≥, →).
//! - **WenQuanYi Micro Hei**, subset (`fonts/wqy-microhei-gb2312.ttf`,
//!   732 KiB, Apache-2.0, `fonts/LICENSE-WenQuanYi.txt`) draws Chinese: the
//!   3,755 level-1 hanzi of GB 2312 (the characters of everyday names) plus
//!   ASCII, Latin-1, Greek, general punctuation, super- and subscripts,
//!   arrows, mathematical operators, CJK punctuation and full-width forms,
//!   so a Chinese label's `km²`, `≤`, `≥` and `→` have glyphs too (a run of
//!   text is drawn in one font, and a glyph the font lacks is left blank).
//!   The full font is 5 MiB; `fonts/subset.sh` rebuilds the subset with
//!   `pyftsubset`.
//!
//! plotters looks fonts up by family name. Both are registered; [`family`]
//! picks one per text run: any CJK character selects WenQuanYi (which also
//! has ASCII), anything else DejaVu. DejaVu is also registered as
//! `sans-serif`, the family plotters' defaults (axis labels) ask for.

use plotters::style::{FontStyle, register_font};
use std::sync::OnceLock;

pub const LATIN: &str = "DejaVu Sans";
pub const CJK: &str = "WenQuanYi Micro Hei";

static DEJAVU: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
static WQY: &[u8] = include_bytes!("../fonts/wqy-microhei-gb2312.ttf");

/// The embedded Chinese font's TrueType bytes, for documents that carry
/// their own font (the Chinese HTML report).
pub fn cjk_ttf() -> &'static [u8] {
    WQY
}

/// The embedded TrueType bytes of a family [`family`] can return.
pub fn ttf(family: &str) -> Option<&'static [u8]> {
    match family {
        LATIN | "sans-serif" => Some(DEJAVU),
        CJK => Some(WQY),
        _ => None,
    }
}

/// Register the embedded fonts with plotters (idempotent, thread-safe).
/// False if a font did not parse — a broken build, which every chart test catches.
pub fn register() -> bool {
    static OK: OnceLock<bool> = OnceLock::new();
    *OK.get_or_init(|| {
        [(LATIN, DEJAVU), ("sans-serif", DEJAVU), (CJK, WQY)]
            .into_iter()
            .all(|(name, bytes)| {
                register_font(name, FontStyle::Normal, bytes).is_ok() && register_font(name, FontStyle::Bold, bytes).is_ok()
            })
    })
}

/// Is `c` a character DejaVu Sans lacks and the CJK font has?
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF      // radicals
        | 0x3000..=0x303F    // CJK punctuation
        | 0x3040..=0x30FF    // kana
        | 0x3400..=0x4DBF    // extension A
        | 0x4E00..=0x9FFF    // unified ideographs
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xFF00..=0xFFEF) // full-width forms
}

/// The font family for one run of text.
pub fn family(text: &str) -> &'static str {
    if text.chars().any(is_cjk) { CJK } else { LATIN }
}

/// The font family for several texts drawn in one style (a legend).
pub fn family_all<'a>(texts: impl IntoIterator<Item = &'a str>) -> &'static str {
    if texts.into_iter().any(|t| t.chars().any(is_cjk)) {
        CJK
    } else {
        LATIN
    }
}
