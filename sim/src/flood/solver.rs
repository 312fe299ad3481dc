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
    DepthAt(&'a (dyn Fn(f64) -> f64 + Sync)),
    /// Water-surface level (m) as a function of simulated time (s).
    LevelAt(&'a (dyn Fn(f64) -> f64 + Sync)),
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
    /// Smallest stability-limited step ([`FloodSolver::stable_dt`]) seen
    /// at the start of a cycle (s); the steps taken are that or a little
    /// shorter, spread evenly over the call. `INIT_TSTEP` when dry throughout.
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

/// Inclusive run of columns `c0..=c1` in one row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Span {
    pub(super) c0: usize,
    pub(super) c1: usize,
}

impl Span {
    fn union(a: Option<Span>, b: Span) -> Span {
        match a {
            None => b,
            Some(a) => Span {
                c0: a.c0.min(b.c0),
                c1: a.c1.max(b.c1),
            },
        }
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
    /// Per row, the first and last column deeper than [`DEPTH_THRESH`]
    /// (may over-estimate): the water that can move.
    moving: Vec<Option<Span>>,
    /// Per row, the columns the last sub-step swept: every cell within one
    /// cell (diagonals included) of moving water, of a forcing cell or of a
    /// pump's wet cell.
    /// Every face outside them is zero.
    spans: Vec<Option<Span>>,
    /// Scratch for the next sub-step's spans.
    next_spans: Vec<Option<Span>>,
    /// Per row, the columns this base step computes: the spans on a base
    /// step due for every period, else the cycle's range for the periods
    /// due (see [`levels`]).
    ranges: Vec<Option<Span>>,
    /// Local time stepping: the cycle's periods and ranges.
    periods: levels::Periods,
    /// Cycles of up to `2^max_level` base steps (0: global stepping).
    max_level: u32,
    /// Cells the base steps have swept with the flux update, summed.
    cell_updates: u64,
    /// A base step sweeping fewer cells stays off the pool (tests set 0 to
    /// run every step in bands).
    pub(crate) parallel_min_cells: usize,
    /// Depth above which a cell counts as moving: [`DEPTH_THRESH`] less the
    /// rounding of a face's flow depth. That depth is `max(z0+h0, z1+h1) −
    /// max(z0, z1)`, at most the deeper `h` in exact arithmetic, but each
    /// sum rounds to the ulp of the bed elevation (1.4e-14 m at 100 m), so a
    /// face between two cells just under the threshold can still carry
    /// water. The margin, 8 ε (|z|max + 1 m), covers the three roundings
    /// with room to spare and is far below any depth that matters.
    moving_floor: f64,
    /// Largest depth (may over-estimate between sub-steps).
    hmax: f64,
    /// Largest face speed |q|/h of the last sub-step's momentum (m/s).
    umax: f64,
    /// Per-row largest face speed of the momentum pass.
    row_speed: Vec<f64>,
    /// Whether the time step counts `umax` (always, except in the test that
    /// shows what the Bates et al. 2010 step does on the riverside valley).
    pub(crate) speed_in_step: bool,
    /// Sweep every cell every sub-step, as the solver did before it kept
    /// spans (tests show the spans change no bit).
    pub(crate) sweep_all: bool,
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
        let floor = moving_floor(&bed_elevation_m);
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
            moving: vec![None; grid.ny],
            spans: vec![None; grid.ny],
            next_spans: vec![None; grid.ny],
            ranges: vec![None; grid.ny],
            periods: levels::Periods::new(grid),
            max_level: levels::DEFAULT_MAX_LEVEL,
            cell_updates: 0,
            parallel_min_cells: bands::PARALLEL_MIN_CELLS,
            moving_floor: floor,
            hmax: 0.0,
            umax: 0.0,
            row_speed: vec![0.0; grid.ny],
            speed_in_step: true,
            sweep_all: false,
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
        let h = self.h[cell];
        // Any water at all, not only moving water: the next sweep then clips
        // a residue the caller left, as it would anywhere else.
        if h > 0.0 {
            self.moving[r] = Some(Span::union(self.moving[r], Span { c0: c, c1: c }));
        }
        self.hmax = self.hmax.max(h);
        self.rows_out[r].hmax = self.rows_out[r].hmax.max(h);
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
        self.moving_floor = self.moving_floor.min(moving_floor(&[z]));
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

    /// Sweep every cell every sub-step (`true`) instead of the active spans:
    /// the same bits, slower; kept so tests can show the spans change
    /// nothing.
    pub fn set_sweep_every_cell(&mut self, on: bool) {
        self.sweep_all = on;
    }

    /// Cells the last sub-step swept with the full flux update (the rest
    /// took only the rain).
    pub fn swept_cells(&self) -> usize {
        self.spans.iter().flatten().map(|s| s.c1 - s.c0 + 1).sum()
    }

    /// Cells swept with the flux update since construction, summed over
    /// every base step: the work the solver did (a cell under local time
    /// stepping counts on the base steps its row's range covers it).
    pub fn cell_updates(&self) -> u64 {
        self.cell_updates
    }

    /// Cumulative volume balance.
    pub fn volumes(&self) -> VolumeBalance {
        let mut v = self.vol;
        v.stored = self.h.iter().sum::<f64>() * self.area();
        v
    }

    /// Stable step for the current state (s):
    /// `min(INIT_TSTEP, CFL·Δx / (u_max + √(g·h_max)))`. Bates et al. (2010)
    /// use `√(g·h_max)` alone, which assumes slow flow. Adding the largest
    /// face speed gives the full shallow-water Courant condition (Courant,
    /// Friedrichs & Lewy 1928; e.g. Toro 2001, *Shock-Capturing Methods for
    /// Free-Surface Shallow Flows*, ch. 6), which equals Bates' step when the
    /// water is still. It first cured a 4 m cross-channel checkerboard on the
    /// riverside valley, which the `√θ` below now prevents by itself; it stays
    /// for fast, shallow flow. On the dam break (`tests`, Froude > 1) Bates'
    /// step leaves an isolated 0.46 m spike in the maximum-depth raster
    /// (0.13 m with the speed; 0.21, 0.03 and 0.02 m with a half, a quarter
    /// and an eighth of Bates' step), and at 2 min heaps 0.25 m of water at
    /// the centre where this step, and Bates' at a half, a quarter or an
    /// eighth, leave it level at 0.03–0.07 m. Levee breaches and mountain
    /// torrents flow that fast. On the riverside drill the speed costs about
    /// a sixth of the run (BENCHMARKS.md, "The flow speed in the step").
    ///
    /// The step is further scaled by `√θ` ([`THETA`]): the q-centred
    /// momentum is stable only for `Cr = √(g·h)·Δt/Δx < √(θ/2)`, narrower
    /// than the Bates form's `1/√2` that LISFLOOD-FP's `cfl = 0.7` sits
    /// under; the scaling keeps that margin for any θ. The derivation is in
    /// the module docs of [`crate::flood`].
    pub fn stable_dt(&self) -> f64 {
        if self.hmax > DEPTH_THRESH {
            let u = if self.speed_in_step { self.umax } else { 0.0 };
            INIT_TSTEP.min(CFL * self.theta.sqrt() * self.grid.cell_m / (u + (G * self.hmax).sqrt()))
        } else {
            INIT_TSTEP
        }
    }
}

/// Declare a row kernel once and get a dispatcher over [`Isa`] variants
/// (defined before the kernel modules so they all see it).
macro_rules! multiversion {
    ($(#[$m:meta])* fn $name:ident / $body:ident ($($arg:ident : $ty:ty),*) $(-> $ret:ty)?) => {
        $(#[$m])*
        #[allow(clippy::too_many_arguments)]
        pub(super) fn $name(isa: Isa, $($arg: $ty),*) $(-> $ret)? {
            #[cfg(target_arch = "x86_64")]
            {
                #[target_feature(enable = "avx2,fma")]
                #[allow(clippy::too_many_arguments)]
                fn avx2($($arg: $ty),*) $(-> $ret)? { $body($($arg),*) }
                #[target_feature(enable = "avx512f,avx512vl,avx512dq,avx2,fma")]
                #[allow(clippy::too_many_arguments)]
                fn avx512($($arg: $ty),*) $(-> $ret)? { $body($($arg),*) }
                match isa {
                    // SAFETY: `Isa::detect` only reports sets the CPU has, and
                    // `FloodSolver::set_isa` only accepts those.
                    Isa::Avx512 => return unsafe { avx512($($arg),*) },
                    Isa::Avx2 => return unsafe { avx2($($arg),*) },
                    Isa::Baseline => {}
                }
            }
            let _ = isa;
            $body($($arg),*)
        }
    };
}

mod bands;
mod face;
mod levels;
mod step;
pub use levels::{DEFAULT_MAX_LEVEL, MAX_LEVEL};
mod spans;
use spans::moving_floor;
mod sweep;
pub use face::THETA;
pub use sweep::Isa;
use sweep::RowOut;

#[cfg(test)]
pub(super) fn cbrt_pos_for_tests(x: f64) -> f64 {
    face::cbrt_pos(x)
}
