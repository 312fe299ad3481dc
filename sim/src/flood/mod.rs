//! Pure-numeric 2-D flood solver: the local inertial scheme of LISFLOOD-FP
//! (Bates, Horritt & Fewtrell 2010, J. Hydrol. 387:33–45) with the
//! q-centred momentum of de Almeida et al. (2012).
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
//! * **Momentum** per face, the q-centred form of de Almeida, Bates, Freer &
//!   Souvignet (2012, Water Resour. Res. 48, W05528, eq. 13):
//!   `q ← (θ·q + (1−θ)/2·(q_up + q_down) − g·h_flow·Δt·S) / (1 + g·Δt·n²·|q| / h_flow^{7/3})`
//!   with `q_up`, `q_down` the previous discharges of the two neighbouring
//!   faces in the same direction and θ = [`THETA`] = 0.7; θ = 1 is Bates,
//!   Horritt & Fewtrell (2010). As in LISFLOOD-FP 8, a face whose result
//!   would flow against the surface drop takes the θ = 1 form instead. An
//!   edge face that carries nothing (a closed edge, or an open one where no
//!   water leaves) is not a neighbour: the face's own `q` stands in for it,
//!   as in LISFLOOD-FP 8.
//!   Friction uses the face's own `|q|`; LISFLOOD-FP's `fricSolver2D`
//!   (crossing faces averaged into a vector magnitude) was tried and set off
//!   depth spikes at the channel's wetting front.
//! * **Wet/dry:** `q = 0` unless `h_flow > DEPTH_THRESH`.
//! * **Mass:** instead of LISFLOOD-FP's "clip negative depth to zero" (which
//!   creates water), every cell's *outgoing* fluxes are scaled down so that it
//!   can never export more than it holds at the start of the sub-step. The
//!   limited fluxes are written back, so the momentum memory sees the flow that
//!   really happened. Only round-off residues below [`solver::ZERO_DEPTH`] are
//!   clipped, and even those are booked in [`VolumeBalance::clipped`], so the
//!   volume balance closes to round-off.
//! * **Time step:** `Δt = min(INIT_TSTEP, CFL·√θ·Δx/(u_max + √(g·h_max)))`
//!   with `u_max` the largest face speed of the last sub-step (Bates et al.
//!   2010 omit `u_max`; see [`FloodSolver::stable_dt`] for why it is here),
//!   `INIT_TSTEP` when the domain is dry; [`FloodSolver::advance`] sub-steps
//!   an engine tick in equal steps: at the start of each cycle (below) the
//!   rest of the tick is cut into the fewest steps no longer than `Δt`, so
//!   no short step lands on the tick. The forward–backward scheme does not
//!   take a short step quietly: with the remainder as a last, short step,
//!   the plain Bates form set off issue 12's channel-edge oscillation on
//!   the riverside valley (`tests_accuracy`), and the levee valley's
//!   maximum across the channel bed spread 5.6 mm instead of 0.3 mm.
//! * **Local time stepping** (Sanders 2008, J. Hydraul. Res. 46(4):466–475;
//!   Yang et al. 2020, Water 12(4):1148). That step is the deepest, fastest
//!   water's; a rain film a few millimetres deep could take many times
//!   longer. `advance` therefore runs cycles of `2^top` base steps
//!   (`top ≤ 2` by default, `2^top·Δt ≤ INIT_TSTEP`): each cell gets the
//!   longest step `2^m·Δt` within its own Courant limit
//!   `CFL·√θ·Δx/(|u| + √(g·h) + g·(δη/Δx)·2^m·Δt)` (`δη` its largest
//!   surface drop to a neighbour: the speed a face gains from rest in one
//!   step), cells at least `FILM_DEPTH` = 0.1 m deep stay on `Δt`, levels
//!   rise by at most one every two cells, and a face takes the shorter step
//!   of its two cells. A face of period `p` updates on every `p`-th base
//!   step with step `p·Δt` and moves no water in between; each cell takes
//!   its rain the same way; the last base step of a cycle is due for every
//!   face, so volumes balance to round-off. Without the depth rule the levee
//!   valley's floodplain (2–3 m deep) showed 10–15 cm one-tick spikes at the
//!   boundaries between levels (`tests_accuracy`); the saving is in the
//!   films anyway. [`FloodSolver::set_max_level`]`(0)` is the global scheme.
//! * **Why `√θ`.** Linearise the scheme about still water of depth `h`,
//!   drop friction, and follow the grid's shortest wave in 2-D: depth
//!   `h + a·(−1)^(i+j)`, each face's discharge `±b` alternating face to
//!   face. The θ-average of a face's neighbours then gives `−b`, so one
//!   sub-step maps `b' = (2θ − 1)·b + 2g·h·(Δt/Δx)·a` (the surface drops
//!   `2a` across a face) and `a' = a − 4(Δt/Δx)·b'` (four faces, all
//!   outflow or all inflow). The matrix of that map has
//!   determinant `2θ − 1` and trace `2θ − 8Cr²`, `Cr = √(g·h)·Δt/Δx`;
//!   both eigenvalues stay inside the unit circle while `8Cr² < 4θ`
//!   (Jury's test), i.e. `Cr < √(θ/2)`. At θ = 1 this is the Bates
//!   limit `1/√2` that LISFLOOD-FP's `cfl = 0.7` sits under; the step is
//!   scaled by `√θ` so the q-centred form keeps the same margin. With
//!   θ = 0.7 and the unscaled step, a 1 cm bump in a deep still pond grew
//!   instead of dying away (`tests_ea`).
//! * **Active spans.** Per row the solver keeps the columns within one cell
//!   (diagonals included) of water deeper than [`solver::DEPTH_THRESH`], of a
//!   forcing cell or of a pump's wet cell, and only those get the flux
//!   update: a face's flow depth never exceeds the deeper of its two cells,
//!   so a face between two cells under the threshold carries nothing.
//!   Water can advance at most one cell per sub-step — exactly what an
//!   explicit face update allows. Every other cell takes only the rain
//!   (`h += r·Δt`, the bit-for-bit result the full update would give), so
//!   rain on a dry map costs one streaming add per cell instead of a flux
//!   sweep until the water it leaves can move, and a dry map with no rain
//!   costs a few comparisons per row. Faces that leave the spans are zeroed
//!   (their discharge memory after the sub-step, as the q-centred update
//!   still reads it) so no stale discharge survives; tests run the spans
//!   against a sweep of every cell on the riverside drill's inputs and get
//!   the same bits.
//! * **Three row passes** per sub-step (momentum → limiter factors →
//!   limited faces + continuity), each reading only what it does not write,
//!   so rows are independent: [`FloodSolver::set_threads`] runs them in bands
//!   on a rayon pool with bit-identical results for any thread count. The
//!   row kernels are compiled for the x86-64 baseline, AVX2 and AVX-512 and
//!   chosen at run time ([`Isa`]); no `mul_add`, so every variant gives the
//!   same bits. No allocation happens after [`FloodSolver::new`].
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
//! Storage is `f64`: rounding depths to `f32` after every step of the
//! 12-hour mass case creates or destroys 2e-9 of the water that entered, ~10⁶
//! times the `f64` residual (~3e-15); see `tests.rs`. The cube root in the
//! friction term is approximated to 2.3e-5 relative (two Newton steps), a
//! budget far below the ~1 cm Hunter error.

pub mod solver;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_accuracy;
#[cfg(test)]
mod tests_ea;
#[cfg(test)]
mod tests_obstruction;

pub use solver::{AdvanceStats, EdgeMode, FloodGrid, FloodSolver, Forcing, Isa, Stage, THETA, VolumeBalance};
