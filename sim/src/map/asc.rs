//! ESRI ASCII grid (`.asc`) reading and writing.
//!
//! Header keys `ncols nrows xllcorner|xllcenter yllcorner|yllcenter cellsize
//! [NODATA_value]`, then `nrows` lines of values from the top row down.

use super::MAX_CELLS;
use crate::said;
use crate::scenario::Said;
use std::fmt::Write as _;

#[derive(Clone, Debug, PartialEq)]
pub struct AscGrid {
    pub cols: usize,
    pub rows: usize,
    pub xll: f64,
    pub yll: f64,
    pub cell_size: f64,
    pub nodata: Option<f64>,
    pub values: Vec<f64>,
}

/// Parse an ESRI ASCII grid. Errors name the line they occur on.
pub fn parse(text: &str) -> Result<AscGrid, Said> {
    let mut header = std::collections::BTreeMap::new();
    let mut lines = text.lines().enumerate().peekable();
    while let Some((_, line)) = lines.peek() {
        let mut parts = line.split_whitespace();
        let Some(key) = parts.next() else {
            lines.next();
            continue;
        };
        if key.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
            let (n, _) = lines.next().unwrap_or_default();
            let value: f64 = parts
                .next()
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| said!("line {}: header `{key}` needs a number", "第 {} 行：表头 `{key}` 需要一个数", n + 1))?;
            header.insert(key.to_ascii_lowercase(), value);
        } else {
            break;
        }
    }
    let get = |k: &str| header.get(k).copied();
    let missing = |k: &str| said!("missing `{k}` header", "缺少表头 `{k}`");
    let cols = get("ncols").ok_or_else(|| missing("ncols"))?;
    let rows = get("nrows").ok_or_else(|| missing("nrows"))?;
    if cols < 1.0 || rows < 1.0 || cols.fract() != 0.0 || rows.fract() != 0.0 {
        return Err(said!(
            "ncols and nrows must be positive whole numbers",
            "ncols 和 nrows 必须是正整数"
        ));
    }
    if cols * rows > MAX_CELLS as f64 {
        return Err(said!(
            "{cols} × {rows} cells is over the limit of {MAX_CELLS} cells",
            "{cols} × {rows} 个网格超过了 {MAX_CELLS} 个的上限"
        ));
    }
    let (cols, rows) = (cols as usize, rows as usize);
    let cell_size = get("cellsize").ok_or_else(|| missing("cellsize"))?;
    let half = cell_size / 2.0;
    let xll = get("xllcorner").or(get("xllcenter").map(|v| v - half)).unwrap_or(0.0);
    let yll = get("yllcorner").or(get("yllcenter").map(|v| v - half)).unwrap_or(0.0);
    let nodata = get("nodata_value");
    let mut values = Vec::with_capacity(cols * rows);
    for (n, line) in lines {
        for tok in line.split_whitespace() {
            if values.len() == cols * rows {
                return Err(said!(
                    "line {}: more values than ncols × nrows = {}",
                    "第 {} 行：数值多于 ncols × nrows = {}",
                    n + 1,
                    cols * rows
                ));
            }
            let v: f64 = tok
                .parse()
                .map_err(|_| said!("line {}: `{tok}` is not a number", "第 {} 行：`{tok}` 不是数", n + 1))?;
            values.push(v);
        }
    }
    if values.len() != cols * rows {
        return Err(said!(
            "found {} values, expected ncols × nrows = {}",
            "有 {} 个数值，应为 ncols × nrows = {}",
            values.len(),
            cols * rows
        ));
    }
    Ok(AscGrid {
        cols,
        rows,
        xll,
        yll,
        cell_size,
        nodata,
        values,
    })
}

/// Write an ESRI ASCII grid; values are printed with enough digits to round-trip f32.
pub fn write(cols: usize, rows: usize, cell_size: f64, nodata: f64, values: &[f64]) -> String {
    let mut s = String::with_capacity(values.len() * 8 + 128);
    let _ = writeln!(
        s,
        "ncols {cols}\nnrows {rows}\nxllcorner 0\nyllcorner 0\ncellsize {cell_size}\nNODATA_value {nodata}"
    );
    for r in 0..rows {
        for c in 0..cols {
            if c > 0 {
                s.push(' ');
            }
            let v = values[r * cols + c];
            if v == 0.0 {
                s.push('0');
            } else {
                let _ = write!(s, "{}", (v as f32));
            }
        }
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let text = write(3, 2, 25.0, -9999.0, &[1.0, 2.5, 0.0, 4.0, 5.0, 6.0]);
        let g = parse(&text).unwrap();
        assert_eq!((g.cols, g.rows, g.cell_size), (3, 2, 25.0));
        assert_eq!(g.values, vec![1.0, 2.5, 0.0, 4.0, 5.0, 6.0]);
    }

    #[test]
    fn errors() {
        assert!(parse("ncols 2\nnrows 2\ncellsize 1\n1 2 3").unwrap_err().en.contains("expected"));
        assert!(parse("ncols 99999\nnrows 99999\ncellsize 1\n").unwrap_err().en.contains("limit"));
        assert!(parse("ncols 1\nnrows 1\ncellsize 1\nx").unwrap_err().en.contains("line 4"));
    }
}
