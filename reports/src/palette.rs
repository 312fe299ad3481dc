//! One colour scheme for every chart and document, so a state or a rating
//! has the same colour everywhere.
//!
//! - People and team states use the Okabe–Ito palette (Okabe & Ito, *Color
//!   Universal Design*, 2002), eight colours distinguishable with the common
//!   colour-vision deficiencies; dead and idle are neutral greys.
//! - HSEEP ratings P/S/M/U run green → yellow → orange → vermilion from the
//!   same palette.
//! - Hazard rasters use viridis (van der Walt & Smith, matplotlib, 2015),
//!   perceptually uniform and colour-blind safe: nine anchors of the
//!   matplotlib table (rounded to 8-bit RGB), interpolated linearly.

pub use plotters::style::RGBColor;

pub const BLACK: RGBColor = RGBColor(0, 0, 0);
pub const ORANGE: RGBColor = RGBColor(230, 159, 0);
pub const SKY: RGBColor = RGBColor(86, 180, 233);
pub const GREEN: RGBColor = RGBColor(0, 158, 115);
pub const YELLOW: RGBColor = RGBColor(240, 228, 66);
pub const BLUE: RGBColor = RGBColor(0, 114, 178);
pub const VERMILION: RGBColor = RGBColor(213, 94, 0);
pub const PURPLE: RGBColor = RGBColor(204, 121, 167);
pub const GREY: RGBColor = RGBColor(153, 153, 153);
pub const DARK: RGBColor = RGBColor(64, 64, 64);
pub const LIGHT: RGBColor = RGBColor(221, 221, 221);
/// Wine, from Paul Tol's colour-blind-safe "muted" scheme (Tol 2021), for
/// people in hospital: dark, and apart from the Okabe–Ito purple of the injured.
pub const WINE: RGBColor = RGBColor(136, 34, 85);

/// People states in stacking order (bottom first): column suffix, label, colour.
pub const PEOPLE: [(&str, &str, RGBColor); 9] = [
    ("sheltered", "sheltered", GREEN),
    ("travelling", "travelling", BLUE),
    ("preparing", "preparing to leave", SKY),
    ("warned", "warned", YELLOW),
    ("at_home", "at home", LIGHT),
    ("trapped", "trapped", VERMILION),
    ("injured", "injured", PURPLE),
    ("hospitalised", "in hospital", WINE),
    ("dead", "dead", BLACK),
];

/// Team states as the engine names them, with their colours.
pub const TEAM: [(&str, RGBColor); 6] = [
    ("mobilising", ORANGE),
    ("travelling", BLUE),
    ("working", GREEN),
    ("resting", SKY),
    ("idle", LIGHT),
    ("lost", BLACK),
];

pub fn team_state(state: &str) -> RGBColor {
    TEAM.iter().find(|(s, _)| *s == state).map_or(GREY, |(_, c)| *c)
}

pub fn rating(r: &str) -> RGBColor {
    match r {
        "P" => GREEN,
        "S" => YELLOW,
        "M" => ORANGE,
        "U" => VERMILION,
        _ => GREY,
    }
}

/// A rating's meaning in English (see [`crate::labels::rating_name`]).
pub fn rating_name(r: &str) -> &'static str {
    crate::labels::rating_name(r, crate::words::Lang::En)
}

pub fn hex(c: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// Viridis at 0, 1/8, ..., 1 (matplotlib's `_viridis_data` at those points, 8-bit).
const VIRIDIS: [(u8, u8, u8); 9] = [
    (68, 1, 84),
    (71, 44, 122),
    (59, 81, 139),
    (44, 113, 142),
    (33, 144, 141),
    (39, 173, 129),
    (92, 200, 99),
    (170, 220, 50),
    (253, 231, 37),
];

/// Viridis at `x` in [0, 1].
pub fn viridis(x: f64) -> RGBColor {
    let x = x.clamp(0.0, 1.0) * 8.0;
    let i = (x.floor() as usize).min(7);
    let f = x - i as f64;
    let (a, b) = (VIRIDIS[i], VIRIDIS[i + 1]);
    let mix = |p: u8, q: u8| (p as f64 + (q as f64 - p as f64) * f).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// `n` discrete classes of a ramp, light (low) to dark (high): viridis
/// reversed, so shallow water is pale and deep water stands out.
/// Threat-zone colours for AEGL-1, -2, -3: yellow, orange, red, as
/// threat-zone maps draw them (NOAA ALOHA).
pub const AEGL_ZONES: [RGBColor; 3] = [YELLOW, ORANGE, RGBColor(200, 30, 30)];

pub fn ramp(n: usize) -> Vec<RGBColor> {
    (0..n).map(|i| viridis(1.0 - i as f64 / (n.max(2) - 1) as f64)).collect()
}
