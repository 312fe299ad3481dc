//! Building the elevation and land rasters from the `map` section.

use super::{Dims, MAX_CELLS, asc, checks};
use crate::said;
use crate::scenario::model::{Elevation, Land, LandClass, MapSpec};
use crate::scenario::tree::Path;
use crate::scenario::{Problem, ReadError, read_limited};
use std::path::Path as FsPath;

/// The static map shared by every run of a scenario.
#[derive(Clone, Debug)]
pub struct Terrain {
    pub dims: Dims,
    pub cell_m: f64,
    /// Ground elevation (m), row-major.
    pub elevation: Vec<f64>,
    pub land: Vec<LandClass>,
    /// Manning's n per cell (s/m^(1/3)).
    pub manning: Vec<f64>,
}

/// Manning's roughness per land class. Typical floodplain values from
/// V. T. Chow, *Open-Channel Hydraulics* (1959), Table 5-6; not listed in
/// reference/hazard-models.md, which gives only LISFLOOD-FP's default
/// floodplain n = 0.06 (§1), used here for farmland. A scenario may override
/// any of them with `map.manning_n`.
pub fn manning_n(class: LandClass) -> f64 {
    match class {
        LandClass::Water => 0.035,
        LandClass::Residential => 0.08,
        LandClass::Commercial => 0.10,
        LandClass::Industrial => 0.08,
        LandClass::Road => 0.02,
        LandClass::Grass => 0.035,
        LandClass::Farmland => 0.06,
        LandClass::Forest => 0.12,
        LandClass::Shrub => 0.07,
        LandClass::Bare => 0.03,
        LandClass::Levee => 0.035,
    }
}

fn map_path() -> Path {
    Path::root().field("map")
}

/// Build the terrain, or every problem found with it.
pub fn build_terrain(spec: &MapSpec, base_dir: &FsPath) -> Result<Terrain, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut dims: Option<(Dims, Path)> = spec.size.map(|(c, r)| {
        (
            Dims {
                cols: c as usize,
                rows: r as usize,
            },
            map_path().field("size"),
        )
    });
    problems.extend(checks::spec(spec));

    // Land first: an ASCII map fixes the size.
    let land_rows = match &spec.land {
        Land::Ascii { rows, legend } => {
            let p = map_path().field("land");
            let width = checks::usual_width(rows);
            if rows.is_empty() || width == 0 {
                problems.push(Problem::new(
                    p.field("rows"),
                    "empty-map",
                    said!("the ASCII map has no rows", "ASCII 地图没有行"),
                    Some(said!("add rows such as \"..HH..\"", "添加像 \"..HH..\" 这样的行")),
                ));
            }
            for (i, row) in rows.iter().enumerate() {
                let n = row.chars().count();
                if n != width {
                    problems.push(Problem::new(
                        p.field("rows").index(i),
                        "ragged-map",
                        said!(
                            "row {} has {n} characters, the other rows have {width}",
                            "第 {} 行有 {n} 个字符，其他行有 {width} 个",
                            i + 1
                        ),
                        Some(said!(
                            "every row of the ASCII map must be the same width",
                            "ASCII 地图的每一行必须一样宽"
                        )),
                    ));
                }
                if let Some((k, ch)) = row.chars().enumerate().find(|(_, ch)| !legend.contains_key(ch)) {
                    let known: Vec<String> = legend.keys().map(|c| format!("'{c}'")).collect();
                    problems.push(
                        Problem::new(
                            p.field("rows").index(i),
                            "undefined-legend",
                            said!(
                                "character '{ch}' in row {} is not in the legend",
                                "第 {} 行的字符 '{ch}' 不在图例中",
                                i + 1
                            ),
                            Some(said!(
                                "add '{ch}': <LandClass> to `legend` (defined: {})",
                                "在 `legend` 中加上 '{ch}': <地类>（已定义：{}）",
                                known.join(", ")
                            )),
                        )
                        .at_char(k),
                    );
                }
            }
            let d = Dims {
                cols: width,
                rows: rows.len(),
            };
            match &dims {
                Some((given, gp)) if *given != d && !d.is_empty() => problems.push(Problem::new(
                    gp.clone(),
                    "size-mismatch",
                    said!(
                        "size is {}×{} but the ASCII map is {}×{}",
                        "size 是 {}×{}，但 ASCII 地图是 {}×{}",
                        given.cols,
                        given.rows,
                        d.cols,
                        d.rows
                    ),
                    Some(said!("remove `size` or make it match the map", "删去 `size`，或让它与地图一致")),
                )),
                None if !d.is_empty() => dims = Some((d, p.field("rows"))),
                _ => {}
            }
            Some((rows, legend))
        }
        Land::Uniform(_) => None,
    };

    let mut asc_grid = None;
    if let Elevation::AsciiGrid(file) = &spec.elevation {
        // Problems with the file point at its name.
        let p = map_path().field("elevation").index(0);
        let full = base_dir.join(file);
        let read = match read_limited(&full, checks::MAX_ASC_BYTES) {
            Ok(bytes) => Ok(bytes),
            Err(ReadError::Missing) => {
                problems.push(Problem::new(
                    p.clone(),
                    "missing-file",
                    said!(
                        "data file `{file}` not found (looked for {})",
                        "找不到数据文件 `{file}`（查找的是 {}）",
                        full.display()
                    ),
                    Some(said!(
                        "paths are relative to the folder of the scenario file",
                        "路径相对于情景文件所在的文件夹"
                    )),
                ));
                Err(())
            }
            Err(ReadError::TooLarge(n)) => {
                problems.push(Problem::new(
                    p.clone(),
                    "too-large",
                    said!(
                        "`{file}` is {n} bytes; elevation files are limited to {} bytes (512 MiB)",
                        "`{file}` 有 {n} 字节，高程文件上限是 {} 字节（512 MiB）",
                        checks::MAX_ASC_BYTES
                    ),
                    None,
                ));
                Err(())
            }
            Err(ReadError::NotAFile) => {
                problems.push(Problem::new(
                    p.clone(),
                    "bad-raster",
                    said!("`{file}` is not a regular file", "`{file}` 不是普通文件"),
                    None,
                ));
                Err(())
            }
            Err(ReadError::Io(e)) => {
                problems.push(Problem::new(
                    p.clone(),
                    "bad-raster",
                    said!("cannot read `{file}`: {e}", "无法读取 `{file}`：{e}"),
                    None,
                ));
                Err(())
            }
        };
        if let Ok(bytes) = read {
            match String::from_utf8(bytes)
                .map_err(|_| said!("the file is not UTF-8 text", "文件不是 UTF-8 文本"))
                .and_then(|t| asc::parse(&t))
                .and_then(checks::finite_raster)
            {
                Err(e) => problems.push(Problem::new(
                    p,
                    "bad-raster",
                    e.map(|e, zh| {
                        if zh {
                            format!("无法读取 `{file}`：{e}")
                        } else {
                            format!("cannot read `{file}`: {e}")
                        }
                    }),
                    None,
                )),
                Ok(g) => {
                    let d = Dims {
                        cols: g.cols,
                        rows: g.rows,
                    };
                    match &dims {
                        Some((given, _)) if *given != d => problems.push(Problem::new(
                            p,
                            "size-mismatch",
                            said!(
                                "`{file}` is {}×{} cells but the map is {}×{}",
                                "`{file}` 有 {}×{} 个网格，但地图是 {}×{}",
                                d.cols,
                                d.rows,
                                given.cols,
                                given.rows
                            ),
                            Some(said!(
                                "the elevation raster, the land map and `size` must all agree",
                                "高程栅格、地类地图和 `size` 必须一致"
                            )),
                        )),
                        None => dims = Some((d, p)),
                        _ => {}
                    }
                    asc_grid = Some(g);
                }
            }
        }
    }

    let Some((dims, dims_path)) = dims else {
        problems.push(Problem::new(
            map_path(),
            "no-size",
            said!("the map size is unknown", "地图大小未知"),
            Some(said!(
                "give `size: (cols, rows)`, an ASCII land map or an AsciiGrid elevation",
                "给出 `size: (cols, rows)`（列数, 行数）、ASCII 地类地图或 AsciiGrid 高程"
            )),
        ));
        return Err(problems);
    };
    if dims.is_empty() || dims.len() as u64 > MAX_CELLS {
        problems.push(Problem::new(
            dims_path,
            "too-large",
            said!(
                "the map is {}×{} = {} cells; maps must have 1 to {MAX_CELLS} cells (4096×4096)",
                "地图有 {}×{} = {} 个网格；地图须有 1 到 {MAX_CELLS} 个网格（4096×4096）",
                dims.cols,
                dims.rows,
                dims.len()
            ),
            Some(said!(
                "use a larger cell_size_m or a smaller extent",
                "用更大的 cell_size_m，或缩小范围"
            )),
        ));
        return Err(problems);
    }
    problems.extend(checks::elevation(&spec.elevation, dims));
    if !problems.is_empty() {
        return Err(problems);
    }

    let cell = spec.cell_size_m;
    let n = dims.len();
    let elevation: Vec<f64> = match &spec.elevation {
        Elevation::Constant(z) => vec![*z; n],
        Elevation::AsciiGrid(_) => {
            let g = asc_grid.unwrap_or_else(|| asc::AscGrid {
                cols: 0,
                rows: 0,
                xll: 0.0,
                yll: 0.0,
                cell_size: cell,
                nodata: None,
                values: vec![0.0; n],
            });
            // NODATA cells become high ground so water never enters them.
            let nd = g.nodata;
            let high = g.values.iter().copied().filter(|v| Some(*v) != nd).fold(f64::MIN, f64::max) + 100.0;
            g.values.iter().map(|v| if Some(*v) == nd { high } else { *v }).collect()
        }
        Elevation::SlopedPlane {
            base_m,
            drop_per_km_east,
            drop_per_km_south,
        } => (0..n)
            .map(|i| {
                let (c, r) = dims.cell(i);
                base_m - drop_per_km_east * c as f64 * cell / 1000.0 - drop_per_km_south * r as f64 * cell / 1000.0
            })
            .collect(),
        Elevation::RiverValley {
            floor_m,
            side_slope_per_km,
            drop_per_km,
            channel_col,
            channel_width_cells,
            channel_depth_m,
        } => (0..n)
            .map(|i| {
                let (c, r) = dims.cell(i);
                // Exactly `channel_width_cells` columns, centred on
                // `channel_col` (an even width puts one more column west):
                // width 4 at column 100 is columns 98..=101.
                let width = (*channel_width_cells as i64).max(1);
                let first = *channel_col as i64 - width / 2;
                let last = first + width - 1;
                let from_bank = if c < first { first - c } else { (c - last).max(0) };
                let base = floor_m - drop_per_km * r as f64 * cell / 1000.0;
                if from_bank == 0 {
                    base - channel_depth_m
                } else {
                    base + side_slope_per_km * (from_bank - 1) as f64 * cell / 1000.0
                }
            })
            .collect(),
        Elevation::Hills { base_m, hills } => (0..n)
            .map(|i| {
                let (c, r) = dims.cell(i);
                base_m
                    + hills
                        .iter()
                        .map(|h| {
                            let d2 = (((c - h.at.0) as f64).powi(2) + ((r - h.at.1) as f64).powi(2)) * cell * cell;
                            h.height_m * (-d2 / (2.0 * h.radius_m.max(1e-9).powi(2))).exp()
                        })
                        .sum::<f64>()
            })
            .collect(),
    };
    let land: Vec<LandClass> = match (&spec.land, land_rows) {
        (Land::Uniform(c), _) => vec![*c; n],
        (_, Some((rows, legend))) => rows
            .iter()
            .flat_map(|r| r.chars().map(|ch| legend.get(&ch).copied().unwrap_or(LandClass::Bare)))
            .collect(),
        _ => vec![LandClass::Bare; n],
    };
    let mut land = land;
    for p in &spec.paint {
        for c in super::shape_cells(&p.at, dims) {
            land[c] = p.class;
        }
    }
    let manning = land
        .iter()
        .map(|c| spec.manning_n.get(c).copied().unwrap_or_else(|| manning_n(*c)))
        .collect();
    if elevation.iter().any(|z| !z.is_finite()) {
        return Err(vec![Problem::new(
            map_path().field("elevation"),
            "out-of-range",
            said!("the ground elevation reaches values too large to represent", "地面高程大到无法表示"),
            Some(said!("check the generator's heights and slopes", "检查生成器的高度和坡度")),
        )]);
    }
    Ok(Terrain {
        dims,
        cell_m: cell,
        elevation,
        land,
        manning,
    })
}
