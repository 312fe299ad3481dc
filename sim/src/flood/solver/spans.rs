//! Where a sub-step sweeps: per row, the columns within one cell of water
//! deep enough to move. A face's flow depth `max(z0+h0, z1+h1) − max(z0, z1)`
//! never exceeds the deeper of its two cells' depths, so a face between two
//! cells at or under the depth threshold carries nothing, and those cells can
//! only take rain. Sweeping only the spans therefore gives the same bits as
//! sweeping every cell (`tests_accuracy` runs both on the riverside drill's
//! inputs); the faces outside the spans are kept at zero.

use super::{DEPTH_THRESH, EdgeMode, FloodGrid, FloodSolver, Forcing, Span};

impl FloodSolver {
    /// This sub-step's spans into `next_spans`: per row, the columns within
    /// one cell of moving water, a forcing cell or a pump's wet cell. Cells outside them can
    /// only take rain: a face's flow depth never exceeds the deeper of its two
    /// cells, so between two cells at or under [`DEPTH_THRESH`] it is zero.
    /// Returns whether any row is to be swept.
    pub(super) fn plan_spans(&mut self, forcing: &Forcing) -> bool {
        let FloodGrid { nx, ny, .. } = self.grid;
        if self.sweep_all {
            self.next_spans.fill(Some(Span { c0: 0, c1: nx - 1 }));
            return true;
        }
        self.next_spans.fill(None);
        let mut any = false;
        let mut mark = |spans: &mut [Option<Span>], r: usize, s: Span| {
            let grown = Span {
                c0: s.c0.saturating_sub(1),
                c1: (s.c1 + 1).min(nx - 1),
            };
            for slot in &mut spans[r.saturating_sub(1)..=(r + 1).min(ny - 1)] {
                *slot = Some(Span::union(*slot, grown));
            }
            any = true;
        };
        for (r, m) in self.moving.iter().enumerate() {
            if let Some(m) = *m {
                mark(&mut self.next_spans, r, m);
            }
        }
        let point = |cell: usize| {
            (
                cell / nx,
                Span {
                    c0: cell % nx,
                    c1: cell % nx,
                },
            )
        };
        for &(cell, q) in forcing.inflows {
            if q > 0.0 {
                let (r, s) = point(cell);
                mark(&mut self.next_spans, r, s);
            }
        }
        for &(cell, _) in forcing.fixed {
            let (r, s) = point(cell);
            mark(&mut self.next_spans, r, s);
        }
        // A pump can leave a round-off residue in its cell; sweeping it
        // clips that as the continuity pass does everywhere.
        for &(cell, _) in forcing.sinks {
            if self.h[cell] > 0.0 {
                let (r, s) = point(cell);
                mark(&mut self.next_spans, r, s);
            }
        }
        any
    }

    /// Faces of row `r` a span sweeps: its vertical faces (`qx`, stride
    /// `nx + 1`) and the horizontal faces north of it (`qy`, stride `nx`);
    /// the last row also owns the south edge faces when edges are open.
    fn face_runs(&self, r: usize, span: Option<Span>) -> FaceRuns {
        let FloodGrid { nx, ny, .. } = self.grid;
        let open = self.edges == EdgeMode::Open;
        let Some(s) = span else { return FaceRuns::default() };
        let fa = if s.c0 == 0 && open { 0 } else { s.c0 + 1 };
        let fb = if s.c1 == nx - 1 && open { nx } else { s.c1 };
        FaceRuns {
            qx: (fa <= fb).then_some((fa, fb)),
            qy_north: Some((s.c0, s.c1)),
            qy_south_edge: (r == ny - 1 && open).then_some((s.c0, s.c1)),
        }
    }

    /// Zero the faces `old` swept and `new` does not, in the raw arrays
    /// (`memory: false`) or the discharge memory (`memory: true`), keeping
    /// the invariant "every face outside the swept set is zero". The memory
    /// is retired only after the sweep: a face that stops carrying water
    /// still lends its last discharge to its neighbours' q-centred update
    /// this once, as it would in a sweep of every cell.
    pub(super) fn retire_faces(&mut self, old: &[Option<Span>], new: &[Option<Span>], memory: bool) {
        let FloodGrid { nx, ny, .. } = self.grid;
        for r in 0..ny {
            if old[r] == new[r] {
                continue;
            }
            let was = self.face_runs(r, old[r]);
            let now = self.face_runs(r, new[r]);
            let (qx, qy) = if memory {
                (&mut self.qx, &mut self.qy)
            } else {
                (&mut self.qx_raw, &mut self.qy_raw)
            };
            let qx_row = r * (nx + 1);
            zero_outside(&mut qx[qx_row..qx_row + nx + 1], was.qx, now.qx);
            zero_outside(&mut qy[r * nx..(r + 1) * nx], was.qy_north, now.qy_north);
            zero_outside(&mut qy[ny * nx..], was.qy_south_edge, now.qy_south_edge);
        }
    }
}

/// [`FloodSolver`]'s `moving_floor` for a bed.
pub(super) fn moving_floor(bed_m: &[f64]) -> f64 {
    let zmax = bed_m.iter().fold(0.0f64, |m, z| m.max(z.abs()));
    DEPTH_THRESH - 8.0 * f64::EPSILON * (zmax + 1.0)
}

/// Runs of faces one row's span sweeps (inclusive first and last index).
#[derive(Clone, Copy, Default)]
struct FaceRuns {
    qx: Option<(usize, usize)>,
    qy_north: Option<(usize, usize)>,
    qy_south_edge: Option<(usize, usize)>,
}

/// Zero `row` over the run `old` minus the run `new`.
fn zero_outside(row: &mut [f64], old: Option<(usize, usize)>, new: Option<(usize, usize)>) {
    let Some((o0, o1)) = old else { return };
    match new {
        Some((n0, n1)) => {
            let left_end = n0.min(o1 + 1);
            if o0 < left_end {
                row[o0..left_end].fill(0.0);
            }
            let right_start = (n1 + 1).max(o0);
            if right_start <= o1 {
                row[right_start..=o1].fill(0.0);
            }
        }
        None => row[o0..=o1].fill(0.0),
    }
}
