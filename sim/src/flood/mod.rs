//! Pure-numeric 2-D flood solver: the LISFLOOD-FP local inertial scheme
//! (Bates, Horritt & Fewtrell 2010), as summarised in
//! `reference/hazard-models.md` §1.
//!
//! # Design
//!
//! * **Staggered grid.** Depth `h` and bed elevation `z` (levees included) sit
//!   at cell centres, row-major with `index = row * nx + col` and row 0 at the
//!   north/top. Unit-width discharge `q` (m²/s) sits on faces: `qx` on the
//!   `(nx + 1) * ny` vertical faces (`row * (nx + 1) + col`, face `col` lies
//!   west of cell `col`, positive = eastward) and `qy` on the `nx * (ny + 1)`
//!   horizontal faces (`row * nx + col`, face `row` lies north of cell `row`,
//!   positive = southward, i.e. towards increasing row index).
//! * **Momentum** per face (Bates et al. 2010, eq. as in §1):
//!   `q ← (q − g·h_flow·Δt·S) / (1 + g·Δt·n²·|q| / h_flow^{7/3})`, which is the
//!   reference form with `h_flow/h_flow^{10/3}` simplified. `|q|` is the face's
//!   own previous discharge (the original Bates 2010 form); LISFLOOD-FP's
//!   optional `fricSolver2D` four-neighbour average is **not** used, which keeps
//!   each face update local and halves the memory traffic of the kernel.
//! * **Wet/dry:** `q = 0` unless `h_flow > DEPTH_THRESH`.
//! * **Mass:** instead of LISFLOOD-FP's "clip negative depth to zero" (which
//!   creates water), every cell's *outgoing* fluxes are scaled down so that it
//!   can never export more than it holds at the start of the sub-step. The
//!   limited fluxes are written back, so the momentum memory sees the flow that
//!   really happened. Only round-off residues below [`solver::ZERO_DEPTH`] are
//!   clipped, and even those are booked in [`VolumeBalance::clipped`], so the
//!   volume balance closes to round-off.
//! * **Time step:** `Δt = min(INIT_TSTEP, CFL·Δx/√(g·h_max))`, `INIT_TSTEP`
//!   when the domain is dry; [`FloodSolver::advance`] sub-steps an engine tick
//!   and shortens the last sub-step to land exactly on it.
//! * **Active region.** The solver keeps the bounding box of cells holding
//!   water. Each sub-step works on that box grown by one cell (plus forcing
//!   cells), so water can advance at most one cell per sub-step — exactly what
//!   an explicit face update allows — and a dry map costs a few comparisons per
//!   sub-step. Rain wets every cell, so a rainy sub-step covers the whole grid.
//!   Faces that leave the box are zeroed so no stale discharge survives.
//! * **One fused sweep.** Flux (row `r`), outflow limiter (row `r − 1`) and
//!   continuity (row `r − 2`) run in one pass over the rows of the box, so each
//!   state array streams through memory once per sub-step (see
//!   `BENCHMARKS.md`). No allocation happens after [`FloodSolver::new`].
//! * **Edges.** [`EdgeMode::Closed`] is a wall (`q = 0`). [`EdgeMode::Open`] is
//!   a free outflow: the edge face takes the Bates update with the water
//!   surface slope of the adjacent interior face extrapolated outwards
//!   (zero-gradient, LISFLOOD-FP `FREE` style), never flows inwards, and is
//!   capped at the critical discharge `h·√(g·h)`. Water leaving is booked as
//!   outflow. A perfectly flat pond touching an open edge therefore stays put.
//! * **Boundary stages.** [`Forcing::fixed`] imposes a depth or level (possibly
//!   time-varying) at chosen cells after every sub-step; water it adds is booked
//!   as inflow and water it removes as outflow.
//!
//! Storage is `f64`. `f32` was not measured; with `f64` the 12-hour mass test
//! closes to ~3e-15 relative, far inside its 1e-6 budget.

pub mod solver;

#[cfg(test)]
mod tests;

pub use solver::{AdvanceStats, EdgeMode, FloodGrid, FloodSolver, Forcing, Stage, VolumeBalance};
