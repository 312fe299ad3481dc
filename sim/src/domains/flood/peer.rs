//! LISFLOOD-FP 8 input files for a scenario's [`FloodInputs`], so that the
//! peer code whose scheme the flood solver follows (LISFLOOD-FP's
//! `acceleration` solver: Bates, Horritt & Fewtrell 2010 with the θ-weighted
//! momentum of de Almeida et al. 2012, `theta`) runs on the same grids,
//! forcings and edges. The formats are LISFLOOD-FP 8's: a parameter file of
//! `keyword value` lines, a `.bci` file of edge segments and point sources,
//! a `.bdy` file of named time series (`value time` rows after a
//! `count seconds` line) and a rain series in mm/h.
//!
//! Where the two codes' conventions differ, the files map them:
//! * an inflow's discharge is shared equally among its cells, and a
//!   LISFLOOD-FP point source `QVAR` is per metre of cell width (its value
//!   times Δx is the cell's m³/s), so each series is `Q / cells / Δx`;
//! * drillsim holds the rain until its next value, LISFLOOD-FP interpolates
//!   linearly, so each step is written as two rows 1 ms apart;
//! * drillsim's open edge only lets water out where the cell inside stands
//!   higher, while a LISFLOOD-FP `FREE` edge also drains an edge cell that
//!   an inflow fills (on the riverside drill a `FREE` north edge sent most
//!   of the river straight back out), so inflow cells on an edge are left
//!   out of its `FREE` segments.
//!
//! The two solvers' time steps differ by design: LISFLOOD-FP takes
//! `cfl·Δx/√(g·h_max)`, drillsim also counts the fastest face and scales
//! by `√θ` (see `FloodSolver::stable_dt`).

use super::export::FloodInputs;
use crate::flood::THETA;
use crate::flood::solver::INIT_TSTEP;

/// Names of the files [`lisflood_files`] writes, beside `dem.asc`,
/// `manning.asc` and (with standing water) `start.asc`.
pub const PAR: &str = "lisflood.par";
const BCI: &str = "lisflood.bci";
const BDY: &str = "lisflood.bdy";
const RAIN: &str = "lisflood.rain";

/// The LISFLOOD-FP files for `f`, as `(file name, text)`: the parameter
/// file [`PAR`] (results go to `results/RESROOT.*`), the boundary file and,
/// when there are inflows or rain, their series. The grids themselves are
/// the export's `dem.asc`, `manning.asc` and `start.asc`.
pub fn lisflood_files(f: &FloodInputs, resroot: &str) -> Vec<(String, String)> {
    let mut par = format!(
        "# LISFLOOD-FP 8 parameters written by `drillsim export`: the acceleration\n\
         # (local inertial) solver with theta {THETA}, as drillsim's flood solver.\n\
         # Run in this directory: lisflood {PAR}\n\
         DEMfile dem.asc\n\
         manningfile manning.asc\n"
    );
    if f.start_depth_m.is_some() {
        par.push_str("startfile start.asc\n");
    }
    par.push_str(&format!("bcifile {BCI}\n"));
    let mut files = Vec::new();
    if !f.inflows.is_empty() {
        par.push_str(&format!("bdyfile {BDY}\n"));
        files.push((BDY.to_string(), bdy(f)));
    }
    if !f.rain_mm_h.is_empty() {
        par.push_str(&format!("rainfall {RAIN}\n"));
        files.push((RAIN.to_string(), rain(&f.rain_mm_h)));
    }
    par.push_str(&format!(
        "sim_time {}\ninitial_tstep {INIT_TSTEP}\nmassint 300\nsaveint 3600\nresroot {}\ndirroot results\nacceleration\ntheta {THETA}\n",
        f.duration_s,
        series_name(resroot)
    ));
    files.insert(0, (BCI.to_string(), bci(f)));
    files.insert(0, (PAR.to_string(), par));
    files
}

/// A name LISFLOOD-FP reads as one token.
fn series_name(place: &str) -> String {
    place
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Edge segments (`FREE` on open edges, leaving out inflow cells) and one
/// point source per inflow cell. Coordinates are metres from the grid's
/// south-west corner, as in `dem.asc` (row 0 is the north row).
fn bci(f: &FloodInputs) -> String {
    let (nx, ny, dx) = (f.cols, f.rows, f.cell_m);
    let mut out = String::new();
    if f.open_edges {
        let fed: Vec<(usize, usize)> = f.inflows.iter().flat_map(|i| i.cells.iter().copied()).collect();
        let across = |a: usize, b: usize| (a as f64 * dx, (b + 1) as f64 * dx);
        let down = |a: usize, b: usize| ((ny - 1 - b) as f64 * dx, (ny - a) as f64 * dx);
        // Runs along each side: columns west→east, rows north→south.
        let sides = [
            (
                "N",
                unfed_runs(nx, |c| fed.contains(&(c, 0)))
                    .map(|(a, b)| across(a, b))
                    .collect::<Vec<_>>(),
            ),
            (
                "S",
                unfed_runs(nx, |c| fed.contains(&(c, ny - 1))).map(|(a, b)| across(a, b)).collect(),
            ),
            ("W", unfed_runs(ny, |r| fed.contains(&(0, r))).map(|(a, b)| down(a, b)).collect()),
            (
                "E",
                unfed_runs(ny, |r| fed.contains(&(nx - 1, r))).map(|(a, b)| down(a, b)).collect(),
            ),
        ];
        for (side, runs) in sides {
            for (lo, hi) in runs {
                out.push_str(&format!("{side} {lo} {hi} FREE\n"));
            }
        }
    }
    for i in &f.inflows {
        for &(c, r) in &i.cells {
            let (x, y) = ((c as f64 + 0.5) * dx, ((ny - r) as f64 - 0.5) * dx);
            out.push_str(&format!("P {x} {y} QVAR {}\n", series_name(&i.place)));
        }
    }
    out
}

/// The runs `(first, last)` of positions `0..len` that `fed` says no inflow
/// enters.
fn unfed_runs(len: usize, fed: impl Fn(usize) -> bool) -> impl Iterator<Item = (usize, usize)> {
    let mut k = 0;
    std::iter::from_fn(move || {
        while k < len && fed(k) {
            k += 1;
        }
        (k < len).then(|| {
            let start = k;
            while k < len && !fed(k) {
                k += 1;
            }
            (start, k - 1)
        })
    })
}

/// Each inflow's hydrograph as the discharge per metre of each of its
/// cells' width.
fn bdy(f: &FloodInputs) -> String {
    let mut out = String::from("drillsim export: each inflow per cell, m3/s / cells / cell width (LISFLOOD-FP point QVAR)\n");
    for i in &f.inflows {
        let per = 1.0 / (i.cells.len() as f64 * f.cell_m);
        out.push_str(&format!("{}\n{} seconds\n", series_name(&i.place), i.hydrograph.len()));
        for (t, q) in &i.hydrograph {
            out.push_str(&format!("{} {t}\n", q * per));
        }
    }
    out
}

/// The held rain as a series LISFLOOD-FP interpolates: every value is
/// written at its start and again 1 ms before the next, and a series that
/// starts late begins with no rain.
fn rain(steps: &[(f64, f64)]) -> String {
    let mut rows: Vec<(f64, f64)> = Vec::new();
    if let Some(&(t0, _)) = steps.first().filter(|(t0, _)| *t0 > 0.0) {
        rows.push((0.0, 0.0));
        rows.push((t0 - 1e-3, 0.0));
    }
    for (k, &(t, r)) in steps.iter().enumerate() {
        rows.push((t, r));
        if let Some(&(next, _)) = steps.get(k + 1) {
            rows.push((next - 1e-3, r));
        }
    }
    let mut out = format!("drillsim export: rain, mm/h\n{} seconds\n", rows.len());
    for (t, r) in rows {
        out.push_str(&format!("{r} {t}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::CompiledScenario;

    fn riverside() -> FloodInputs {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios/riverside_flood.ron");
        let c = CompiledScenario::load(&path).expect("bundled drill loads");
        super::super::export::flood_inputs(&c).expect("riverside has a flood")
    }

    fn file<'a>(files: &'a [(String, String)], name: &str) -> &'a str {
        &files.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no {name}")).1
    }

    #[test]
    fn riverside_lisflood_files_carry_the_solver_inputs() {
        let files = lisflood_files(&riverside(), "riverside flood");
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, [PAR, BCI, BDY, RAIN]);
        let par = file(&files, PAR);
        for line in [
            "DEMfile dem.asc",
            "manningfile manning.asc",
            "sim_time 28800",
            "acceleration",
            "theta 0.7",
            "resroot riverside_flood",
        ] {
            assert!(par.lines().any(|l| l == line), "{line:?} missing from\n{par}");
        }
        assert!(!par.contains("startfile"), "the riverside grid starts dry");
        // The river enters through columns 98..=101 of the north row: the
        // north edge is FREE either side of them, the other edges whole.
        let bci = file(&files, BCI);
        let lines: Vec<&str> = bci.lines().collect();
        assert_eq!(
            lines[..5],
            [
                "N 0 2450 FREE",
                "N 2550 5000 FREE",
                "S 0 5000 FREE",
                "W 0 5000 FREE",
                "E 0 5000 FREE"
            ]
        );
        assert_eq!(
            lines[5..],
            [
                "P 2462.5 4987.5 QVAR upstream",
                "P 2487.5 4987.5 QVAR upstream",
                "P 2512.5 4987.5 QVAR upstream",
                "P 2537.5 4987.5 QVAR upstream"
            ]
        );
        // 2100 m³/s at 2 h over four cells of 25 m: 21 m²/s each.
        let bdy = file(&files, BDY);
        assert!(bdy.lines().any(|l| l == "21 7200"), "{bdy}");
        assert!(bdy.contains("upstream\n4 seconds\n2 0\n"), "{bdy}");
        // Held rain: 12 mm/h up to 1 ms before 2 h, then 4.
        let rain = file(&files, RAIN);
        assert!(
            rain.contains("5 seconds\n12 0\n12 7199.999\n4 7200\n4 14399.999\n0 14400\n"),
            "{rain}"
        );
    }

    #[test]
    fn closed_edges_have_no_free_segments_and_late_rain_starts_dry() {
        let mut f = riverside();
        f.open_edges = false;
        f.rain_mm_h = vec![(600.0, 5.0)];
        let files = lisflood_files(&f, "r");
        assert!(file(&files, BCI).lines().all(|l| l.starts_with("P ")));
        assert!(file(&files, RAIN).contains("3 seconds\n0 0\n0 599.999\n5 600\n"));
    }
}
