//! The local inertial solver itself. See the module docs of [`crate::flood`].

/// Gravitational acceleration (m/s²). LISFLOOD-FP default `g = 9.80655`.
/// reference/hazard-models.md §1 (LISFLOOD-FP 8.x `lisflood.cpp` defaults).
pub const G: f64 = 9.80655;

/// Courant number for the adaptive step `Δt = cfl·Δx/√(g·h_max)`.
/// reference/hazard-models.md §1 (Bates et al. 2010; LISFLOOD-FP default `cfl = 0.7`).
pub const CFL: f64 = 0.7;

/// Minimum flow depth (m) for a face to carry discharge; below it `q = 0`.
/// reference/hazard-models.md §1 (LISFLOOD-FP default `DepthThresh = 1e-3`).
pub const DEPTH_THRESH: f64 = 1e-3;

/// Upper clip of the face flow depth (m).
/// reference/hazard-models.md §1 (LISFLOOD-FP default `MaxHflow = 10`).
pub const MAX_HFLOW: f64 = 10.0;

/// Maximum sub-step, and the sub-step used while the domain is dry (s).
/// reference/hazard-models.md §1 (LISFLOOD-FP default `InitTstep = 10`).
pub const INIT_TSTEP: f64 = 10.0;

/// Depths below this (m) after a continuity update are round-off left by the
/// outflow limiter; they are set to zero and booked in
/// [`VolumeBalance::clipped`]. Not a LISFLOOD-FP constant (LISFLOOD-FP clips
/// all negative depth, reference/hazard-models.md §1); this is our bookkeeping.
pub const ZERO_DEPTH: f64 = 1e-12;

/// Grid geometry: `nx` columns by `ny` rows of square cells `cell_m` wide.
/// Row-major, `index = row * nx + col`, row 0 = north/top.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FloodGrid {
    pub nx: usize,
    pub ny: usize,
    pub cell_m: f64,
}

impl FloodGrid {
    /// Number of cells.
    pub fn cells(&self) -> usize {
        self.nx * self.ny
    }
    /// Cell index of `(row, col)`.
    pub fn index(&self, row: usize, col: usize) -> usize {
        row * self.nx + col
    }
}

/// What happens at the four outer edges of the grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EdgeMode {
    /// Walls: no flow through the edge.
    Closed,
    /// Free outflow (zero-gradient surface slope, capped at critical
    /// discharge); never inflow. Volume leaving is booked as outflow.
    Open,
}

/// A depth or water level imposed at a cell after every sub-step.
/// Time-varying variants are called with the solver clock ([`FloodSolver::time_s`])
/// at the end of the sub-step.
#[derive(Clone, Copy)]
pub enum Stage<'a> {
    /// Fixed depth (m).
    Depth(f64),
    /// Fixed water-surface level (m, same datum as the bed).
    Level(f64),
    /// Depth (m) as a function of simulated time (s).
    DepthAt(&'a dyn Fn(f64) -> f64),
    /// Water-surface level (m) as a function of simulated time (s).
    LevelAt(&'a dyn Fn(f64) -> f64),
}

impl Stage<'_> {
    fn depth(&self, t: f64, z: f64) -> f64 {
        let d = match *self {
            Stage::Depth(d) => d,
            Stage::Level(l) => l - z,
            Stage::DepthAt(f) => f(t),
            Stage::LevelAt(f) => f(t) - z,
        };
        if d > 0.0 { d } else { 0.0 }
    }
}

/// External forcing applied during [`FloodSolver::advance`] / [`FloodSolver::substep`].
/// Negative rates are treated as zero. Cell indices must be in range.
#[derive(Clone, Copy, Default)]
pub struct Forcing<'a> {
    /// Point inflows `(cell, m³/s)`, added after each sub-step's flux update.
    pub inflows: &'a [(usize, f64)],
    /// Uniform rain (m/s) on every cell.
    pub rain_m_per_s: f64,
    /// Point sinks (pumps) `(cell, m³/s requested)`. A sink never removes more
    /// than the cell holds; the volume actually removed is booked.
    pub sinks: &'a [(usize, f64)],
    /// Cells whose depth/level is imposed after every sub-step (boundary
    /// conditions such as a tide or an upstream stage hydrograph).
    pub fixed: &'a [(usize, Stage<'a>)],
}

/// Statistics of one [`FloodSolver::advance`] call.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AdvanceStats {
    /// Number of sub-steps taken.
    pub substeps: u32,
    /// Smallest stability-limited step seen (s); the final, shortened
    /// landing sub-step is not counted. `INIT_TSTEP` when dry throughout.
    pub min_dt_s: f64,
    /// Cells deeper than [`DEPTH_THRESH`] at the end.
    pub wet_cells: usize,
    /// Largest depth (m) at the end.
    pub max_depth_m: f64,
}

/// Cumulative volumes (m³) since construction.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct VolumeBalance {
    /// Water placed by `set_depth` / `fill_to_level`.
    pub initial: f64,
    /// Point inflows plus water added by fixed stages.
    pub inflow: f64,
    /// Rain.
    pub rain: f64,
    /// Open-edge outflow plus water removed by fixed stages.
    pub outflow: f64,
    /// Water actually removed by sinks.
    pub sink: f64,
    /// Round-off residues below [`ZERO_DEPTH`] set to zero (≈ 0).
    pub clipped: f64,
    /// Water in the domain now.
    pub stored: f64,
    /// Part of `inflow` added by fixed stages.
    pub stage_in: f64,
    /// Part of `outflow` removed by fixed stages.
    pub stage_out: f64,
}

impl VolumeBalance {
    /// `initial + inflow + rain − outflow − sink − clipped − stored`; zero up to round-off.
    pub fn residual(&self) -> f64 {
        self.initial + self.inflow + self.rain - self.outflow - self.sink - self.clipped - self.stored
    }
}

/// Inclusive rectangle of cells (or faces).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Rect {
    r0: usize,
    r1: usize,
    c0: usize,
    c1: usize,
}

impl Rect {
    fn point(r: usize, c: usize) -> Self {
        Rect {
            r0: r,
            r1: r,
            c0: c,
            c1: c,
        }
    }
    fn union(a: Option<Rect>, b: Rect) -> Rect {
        match a {
            None => b,
            Some(a) => Rect {
                r0: a.r0.min(b.r0),
                r1: a.r1.max(b.r1),
                c0: a.c0.min(b.c0),
                c1: a.c1.max(b.c1),
            },
        }
    }
    fn grow(self, ny: usize, nx: usize) -> Rect {
        Rect {
            r0: self.r0.saturating_sub(1),
            r1: (self.r1 + 1).min(ny - 1),
            c0: self.c0.saturating_sub(1),
            c1: (self.c1 + 1).min(nx - 1),
        }
    }
    fn cells(&self) -> usize {
        (self.r1 - self.r0 + 1) * (self.c1 - self.c0 + 1)
    }
}

/// The flood state and stepping logic. See [`crate::flood`] for the design.
pub struct FloodSolver {
    grid: FloodGrid,
    edges: EdgeMode,
    z: Vec<f64>,
    h: Vec<f64>,
    n: Vec<f64>,
    /// Limited discharge of the last sub-step: the momentum memory.
    qx: Vec<f64>,
    qy: Vec<f64>,
    /// This sub-step's discharge before the outflow limiter.
    qx_raw: Vec<f64>,
    qy_raw: Vec<f64>,
    /// Outflow-limiter factor per cell (finite, in `[0, 1]`).
    fac: Vec<f64>,
    /// Per-row results of the continuity pass, combined in row order.
    rows_out: Vec<RowOut>,
    isa: Isa,
    theta: f64,
    /// Pool for banded sub-steps; `None` runs on the calling thread.
    pool: Option<std::sync::Arc<rayon::ThreadPool>>,
    /// Bounding box of cells with `h > 0` (may over-estimate).
    wet: Option<Rect>,
    /// Region swept by the previous sub-step.
    active: Option<Rect>,
    /// Largest depth (may over-estimate between sub-steps).
    hmax: f64,
    /// Largest face speed |q|/h of the last sub-step's momentum (m/s).
    umax: f64,
    /// Per-row largest face speed of the momentum pass.
    row_speed: Vec<f64>,
    /// Whether the time step counts `umax` (always, except in the test that
    /// shows what the Bates et al. 2010 step does on the riverside valley).
    pub(crate) speed_in_step: bool,
    time_s: f64,
    vol: VolumeBalance,
}

impl FloodSolver {
    /// A dry solver on `grid` with the given bed elevations (m) and Manning's
    /// n per cell.
    ///
    /// # Panics
    /// If the vectors are not `nx * ny` long, the grid is empty, `cell_m` is
    /// not positive, or any value is non-finite / n negative.
    pub fn new(grid: FloodGrid, bed_elevation_m: Vec<f64>, manning_n: Vec<f64>, edges: EdgeMode) -> Self {
        let cells = grid.cells();
        assert!(grid.nx > 0 && grid.ny > 0, "empty flood grid");
        assert!(grid.cell_m.is_finite() && grid.cell_m > 0.0, "cell size must be > 0");
        assert_eq!(bed_elevation_m.len(), cells, "bed length != nx*ny");
        assert_eq!(manning_n.len(), cells, "manning length != nx*ny");
        assert!(bed_elevation_m.iter().all(|z| z.is_finite()), "non-finite bed");
        assert!(manning_n.iter().all(|n| n.is_finite() && *n >= 0.0), "bad manning n");
        FloodSolver {
            grid,
            edges,
            z: bed_elevation_m,
            h: vec![0.0; cells],
            n: manning_n,
            qx: vec![0.0; (grid.nx + 1) * grid.ny],
            qy: vec![0.0; grid.nx * (grid.ny + 1)],
            qx_raw: vec![0.0; (grid.nx + 1) * grid.ny],
            qy_raw: vec![0.0; grid.nx * (grid.ny + 1)],
            fac: vec![1.0; cells],
            rows_out: vec![RowOut::default(); grid.ny],
            isa: Isa::detect(),
            theta: THETA,
            pool: None,
            wet: None,
            active: None,
            hmax: 0.0,
            umax: 0.0,
            row_speed: vec![0.0; grid.ny],
            speed_in_step: true,
            time_s: 0.0,
            vol: VolumeBalance {
                initial: 0.0,
                inflow: 0.0,
                rain: 0.0,
                outflow: 0.0,
                sink: 0.0,
                clipped: 0.0,
                stored: 0.0,
                stage_in: 0.0,
                stage_out: 0.0,
            },
        }
    }

    fn area(&self) -> f64 {
        self.grid.cell_m * self.grid.cell_m
    }

    fn mark_wet(&mut self, cell: usize) {
        let (r, c) = (cell / self.grid.nx, cell % self.grid.nx);
        self.wet = Some(Rect::union(self.wet, Rect::point(r, c)));
        self.hmax = self.hmax.max(self.h[cell]);
    }

    /// Set the water depth of a cell (m, clamped at 0). The change is booked
    /// as initial volume.
    pub fn set_depth(&mut self, cell: usize, depth_m: f64) {
        assert!(depth_m.is_finite(), "non-finite depth");
        let d = depth_m.max(0.0);
        self.vol.initial += (d - self.h[cell]) * self.area();
        self.h[cell] = d;
        if d > 0.0 {
            self.mark_wet(cell);
        }
    }

    /// Fill the listed cells to a water-surface level (m): depth = max(level − bed, 0).
    pub fn fill_to_level(&mut self, cells: &[usize], level_m: f64) {
        for &c in cells {
            self.set_depth(c, level_m - self.z[c]);
        }
    }

    /// Change the bed elevation of a cell (levee breach or sandbags); the
    /// water depth is kept.
    pub fn set_bed(&mut self, cell: usize, z: f64) {
        assert!(z.is_finite(), "non-finite bed");
        self.z[cell] = z;
    }

    pub fn grid(&self) -> FloodGrid {
        self.grid
    }
    pub fn bed(&self) -> &[f64] {
        &self.z
    }
    pub fn depth(&self) -> &[f64] {
        &self.h
    }
    pub fn manning(&self) -> &[f64] {
        &self.n
    }
    /// Unit discharge on vertical faces (m²/s, positive eastward), `(nx+1)*ny`.
    pub fn qx(&self) -> &[f64] {
        &self.qx
    }
    /// Unit discharge on horizontal faces (m²/s, positive southward), `nx*(ny+1)`.
    pub fn qy(&self) -> &[f64] {
        &self.qy
    }
    /// Simulated time since construction (s).
    pub fn time_s(&self) -> f64 {
        self.time_s
    }

    /// Water-surface level of a cell (m).
    pub fn level(&self, cell: usize) -> f64 {
        self.z[cell] + self.h[cell]
    }

    /// Speed (m/s) at the cell centre: each face's velocity is its unit
    /// discharge divided by its current flow depth `h_flow` (as in the flux
    /// update, 0 when `h_flow <= DEPTH_THRESH`); the two x faces and the two y
    /// faces are averaged into a vector whose magnitude is returned. 0 when the
    /// cell is not deeper than [`DEPTH_THRESH`]. Dividing by the face depth
    /// rather than the cell depth avoids huge speeds in a thin cell that a
    /// deep neighbour is filling.
    pub fn velocity_ms(&self, cell: usize) -> f64 {
        if self.h[cell] <= DEPTH_THRESH {
            return 0.0;
        }
        let FloodGrid { nx, ny, .. } = self.grid;
        let (r, c) = (cell / nx, cell % nx);
        let fv = |q: f64, other: Option<usize>| -> f64 {
            if q == 0.0 {
                return 0.0;
            }
            let e0 = self.z[cell] + self.h[cell];
            let (e1, z1) = other.map_or((e0, self.z[cell]), |o| (self.z[o] + self.h[o], self.z[o]));
            let hf = (e0.max(e1) - self.z[cell].max(z1)).min(MAX_HFLOW);
            if hf > DEPTH_THRESH { q / hf } else { 0.0 }
        };
        let west = fv(self.qx[r * (nx + 1) + c], (c > 0).then(|| cell - 1));
        let east = fv(self.qx[r * (nx + 1) + c + 1], (c + 1 < nx).then(|| cell + 1));
        let north = fv(self.qy[r * nx + c], (r > 0).then(|| cell - nx));
        let south = fv(self.qy[(r + 1) * nx + c], (r + 1 < ny).then(|| cell + nx));
        (0.5 * (west + east)).hypot(0.5 * (north + south))
    }

    /// Cumulative volume balance.
    pub fn volumes(&self) -> VolumeBalance {
        let mut v = self.vol;
        v.stored = self.h.iter().sum::<f64>() * self.area();
        v
    }

    /// Stable step for the current state (s):
    /// `min(INIT_TSTEP, CFL·Δx / (u_max + √(g·h_max)))`. Bates et al. (2010)
    /// use `√(g·h_max)` alone, which assumes slow flow; the riverside
    /// drill's channel runs at Froude ≈ 0.6–0.8, where that step let the
    /// wetting front of the channel break into a 4 m cross-channel
    /// checkerboard (`tests_accuracy`). Adding the largest face speed gives
    /// the full shallow-water Courant condition (Courant, Friedrichs & Lewy
    /// 1928; e.g. Toro 2001, *Shock-Capturing Methods for Free-Surface
    /// Shallow Flows*, ch. 6), which equals Bates' step when the water is
    /// still.
    pub fn stable_dt(&self) -> f64 {
        if self.hmax > DEPTH_THRESH {
            let u = if self.speed_in_step { self.umax } else { 0.0 };
            INIT_TSTEP.min(CFL * self.grid.cell_m / (u + (G * self.hmax).sqrt()))
        } else {
            INIT_TSTEP
        }
    }

    /// Advance by `dt_s` seconds in adaptive sub-steps of [`Self::stable_dt`],
    /// the last one shortened to land exactly on `dt_s`.
    pub fn advance(&mut self, dt_s: f64, forcing: &Forcing) -> AdvanceStats {
        assert!(dt_s.is_finite() && dt_s >= 0.0, "bad dt");
        let mut elapsed = 0.0;
        let mut substeps = 0u32;
        let mut min_dt = INIT_TSTEP;
        while elapsed < dt_s {
            let stable = self.stable_dt();
            let remaining = dt_s - elapsed;
            if stable < remaining {
                min_dt = min_dt.min(stable);
                self.substep(stable, forcing);
                elapsed += stable;
            } else {
                self.substep(remaining, forcing);
                elapsed = dt_s;
            }
            substeps += 1;
        }
        let wet_cells = match self.wet {
            None => 0,
            Some(w) => (w.r0..=w.r1)
                .map(|r| {
                    let row = &self.h[r * self.grid.nx + w.c0..=r * self.grid.nx + w.c1];
                    row.iter().filter(|&&h| h > DEPTH_THRESH).count()
                })
                .sum(),
        };
        AdvanceStats {
            substeps,
            min_dt_s: min_dt,
            wet_cells,
            max_depth_m: self.hmax,
        }
    }

    /// The region a sub-step must sweep: wet box and forcing cells, grown by one.
    fn region(&self, forcing: &Forcing) -> Option<Rect> {
        let FloodGrid { nx, ny, .. } = self.grid;
        if forcing.rain_m_per_s > 0.0 {
            return Some(Rect {
                r0: 0,
                r1: ny - 1,
                c0: 0,
                c1: nx - 1,
            });
        }
        let mut b = self.wet;
        for &(cell, q) in forcing.inflows {
            if q > 0.0 {
                b = Some(Rect::union(b, Rect::point(cell / nx, cell % nx)));
            }
        }
        for &(cell, _) in forcing.fixed {
            b = Some(Rect::union(b, Rect::point(cell / nx, cell % nx)));
        }
        b.map(|b| b.grow(ny, nx))
    }

    /// Face rectangles actually updated when sweeping `rect`: `(qx, qy)` in
    /// face coordinates (qx: rows × face columns; qy: face rows × columns).
    fn face_rects(&self, rect: Option<Rect>) -> (Option<Rect>, Option<Rect>) {
        let Some(b) = rect else { return (None, None) };
        let FloodGrid { nx, ny, .. } = self.grid;
        let open = self.edges == EdgeMode::Open;
        let fa = if b.c0 == 0 && open { 0 } else { b.c0 + 1 };
        let fb = if b.c1 == nx - 1 && open { nx } else { b.c1 };
        let ga = if b.r0 == 0 && open { 0 } else { b.r0 + 1 };
        let gb = if b.r1 == ny - 1 && open { ny } else { b.r1 };
        let qx = (fa <= fb).then_some(Rect {
            r0: b.r0,
            r1: b.r1,
            c0: fa,
            c1: fb,
        });
        let qy = (ga <= gb).then_some(Rect {
            r0: ga,
            r1: gb,
            c0: b.c0,
            c1: b.c1,
        });
        (qx, qy)
    }

    /// Zero faces updated under `old` but not under `new`, keeping the
    /// invariant "every face outside the swept set is zero".
    fn retire_faces(&mut self, old: Option<Rect>, new: Option<Rect>) {
        let (ox, oy) = self.face_rects(old);
        let (nxr, nyr) = self.face_rects(new);
        let nx = self.grid.nx;
        zero_outside(&mut self.qx, nx + 1, ox, nxr);
        zero_outside(&mut self.qy, nx, oy, nyr);
        zero_outside(&mut self.qx_raw, nx + 1, ox, nxr);
        zero_outside(&mut self.qy_raw, nx, oy, nyr);
    }

    /// One sub-step of exactly `dt_s` seconds, with no stability check: the
    /// caller must keep `dt_s <= stable_dt()`. [`Self::advance`] is the normal
    /// entry point; this is public for benchmarks and fixed-step drivers.
    pub fn substep(&mut self, dt_s: f64, forcing: &Forcing) {
        let region = self.region(forcing);
        if region != self.active {
            self.retire_faces(self.active, region);
            self.active = region;
        }
        let area = self.area();
        let rain = forcing.rain_m_per_s.max(0.0);
        if let Some(rect) = region {
            self.sweep(rect, dt_s, rain * dt_s);
            if rain > 0.0 {
                self.vol.rain += rain * dt_s * area * rect.cells() as f64;
            }
        } else {
            self.wet = None;
            self.hmax = 0.0;
            self.umax = 0.0;
        }
        self.time_s += dt_s;

        for &(cell, q) in forcing.inflows {
            if q > 0.0 {
                self.h[cell] += q * dt_s / area;
                self.vol.inflow += q * dt_s;
                self.mark_wet(cell);
            }
        }
        for &(cell, q) in forcing.sinks {
            let want = q.max(0.0) * dt_s;
            let have = self.h[cell] * area;
            if want >= have {
                self.h[cell] = 0.0;
                self.vol.sink += have;
            } else if want > 0.0 {
                self.h[cell] -= want / area;
                self.vol.sink += want;
            }
        }
        for (cell, stage) in forcing.fixed {
            let cell = *cell;
            let d = stage.depth(self.time_s, self.z[cell]);
            let dv = (d - self.h[cell]) * area;
            if dv > 0.0 {
                self.vol.inflow += dv;
                self.vol.stage_in += dv;
            } else {
                self.vol.outflow -= dv;
                self.vol.stage_out -= dv;
            }
            self.h[cell] = d;
            if d > 0.0 {
                self.mark_wet(cell);
            }
        }
    }
}

/// Zero `arr` (row stride `stride`) over `old` minus `new`.
fn zero_outside(arr: &mut [f64], stride: usize, old: Option<Rect>, new: Option<Rect>) {
    let Some(o) = old else { return };
    for r in o.r0..=o.r1 {
        let row = &mut arr[r * stride..(r + 1) * stride];
        match new {
            Some(n) if r >= n.r0 && r <= n.r1 => {
                let left_end = n.c0.min(o.c1 + 1);
                if o.c0 < left_end {
                    row[o.c0..left_end].fill(0.0);
                }
                let right_start = (n.c1 + 1).max(o.c0);
                if right_start <= o.c1 {
                    row[right_start..=o.c1].fill(0.0);
                }
            }
            _ => row[o.c0..=o.c1].fill(0.0),
        }
    }
}

mod bands;
mod sweep;
use sweep::RowOut;
pub use sweep::{Isa, THETA};

#[cfg(test)]
pub(super) fn cbrt_pos_for_tests(x: f64) -> f64 {
    sweep::cbrt_pos(x)
}
