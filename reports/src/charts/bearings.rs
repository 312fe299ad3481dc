//! Text on the bitmap charts drawn with each glyph's left side bearing.
//!
//! plotters 0.3.7 draws an `ab_glyph` glyph from its pen position without
//! the glyph's left side bearing (`px_bounds().min.x`): every glyph lands
//! that far left of where the font puts it. In a Latin font the bearing is
//! a pixel and nobody sees it; a full-width opening bracket keeps its ink in
//! the right half of its em, so a Chinese axis read `开始后时间(  小时)`
//! with the bracket against the word before and a gap after it.
//! [`WithBearings`] wraps a backend and draws text as plotters' default
//! `draw_text` does (same layout box, anchor and rotation, same advance and
//! kerning) but with the bearing; everything else passes straight through.
//! The SVG charts are unaffected (the viewer lays out their text).

use ab_glyph::{Font, FontRef, ScaleFont};
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind};

/// A backend whose text is drawn with the glyphs' side bearings.
pub struct WithBearings<B>(pub B);

impl<B: DrawingBackend> DrawingBackend for WithBearings<B> {
    type ErrorType = B::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.0.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.0.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.0.present()
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.0.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.0.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.0.draw_rect(upper_left, bottom_right, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.0.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.0.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.0.fill_polygon(vert, style)
    }
    fn estimate_text_size<S: BackendTextStyle>(&self, text: &str, style: &S) -> Result<(u32, u32), DrawingErrorKind<B::ErrorType>> {
        self.0.estimate_text_size(text, style)
    }
    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.0.blit_bitmap(pos, size, src)
    }

    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, pos: BackendCoord) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        let family = style.family();
        let font = crate::fonts::ttf(family.as_str()).and_then(|bytes| FontRef::try_from_slice(bytes).ok());
        let Some(font) = font else {
            // A font the charts did not register: plotters' own drawing.
            return self.0.draw_text(text, style, pos);
        };
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let ((min_x, min_y), (max_x, max_y)) = style.layout_box(text).map_err(|e| DrawingErrorKind::FontError(Box::new(e)))?;
        let (width, height) = (max_x - min_x, max_y - min_y);
        let dx = match style.anchor().h_pos {
            HPos::Left => 0,
            HPos::Right => -width,
            HPos::Center => -width / 2,
        };
        let dy = match style.anchor().v_pos {
            VPos::Top => 0,
            VPos::Center => -height / 2,
            VPos::Bottom => -height,
        };
        let transform = style.transform();
        let (w, h) = self.0.get_size();
        let size = style.size();
        let mut result = Ok(());
        glyph_pixels(&font, size, text, |x, y, coverage| {
            let (x, y) = transform.transform(x + dx - min_x, y + dy - min_y);
            let (x, y) = (pos.0 + x, pos.1 + y);
            if result.is_ok() && x >= 0 && x < w as i32 && y >= 0 && y < h as i32 {
                result = self.0.draw_pixel((x, y), color.mix(coverage as f64));
            }
        });
        result
    }
}

/// Every covered pixel of `text` at `size` px: plotters' glyph loop (advance,
/// kerning, the vertical placement) with each glyph moved right by its left
/// side bearing.
fn glyph_pixels(font: &FontRef<'_>, size: f64, text: &str, mut pixel: impl FnMut(i32, i32, f32)) {
    let font = font.as_scaled(size as f32);
    let mut pen = 0f32;
    let mut previous = None;
    for c in text.chars() {
        let id = font.glyph_id(c);
        if let Some(p) = previous {
            pen += font.kern(p, id);
        }
        previous = Some(id);
        if let Some(outline) = font.outline_glyph(font.scaled_glyph(c)) {
            let bounds = outline.px_bounds();
            let x0 = (pen + bounds.min.x) as i32;
            let y0 = ((size as f32) / 2.0 + bounds.min.y) as i32;
            outline.draw(|x, y, coverage| pixel(x as i32 + x0, y as i32 + y0, coverage));
        }
        pen += font.h_advance(id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The leftmost inked column of `text`'s first glyph.
    fn first_ink(text: &str) -> i32 {
        let font = FontRef::try_from_slice(crate::fonts::cjk_ttf()).unwrap();
        let mut left = i32::MAX;
        glyph_pixels(&font, 40.0, text, |x, _, coverage| {
            if coverage > 0.5 {
                left = left.min(x);
            }
        });
        left
    }

    /// A full-width opening bracket's ink starts well into its em, as the
    /// font has it, not against the pen (plotters drew it from column 0).
    #[test]
    fn a_full_width_bracket_keeps_its_bearing() {
        let (open, close, latin) = (first_ink("（"), first_ink("）"), first_ink("m"));
        assert!(open >= 10, "ink of （ starts at {open} of a 40 px em");
        assert!(close < open && latin < 6, "（ {open}, ） {close}, m {latin}");
    }
}
