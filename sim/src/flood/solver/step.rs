//! Stepping the solver through time: [`FloodSolver::advance`] in cycles of
//! local time stepping ([`super::levels`]), each base step's spans and
//! ranges, the sweep, and the forcings applied after it.

use super::{AdvanceStats, DEPTH_THRESH, FloodSolver, Forcing, INIT_TSTEP, Span};

impl FloodSolver {
    /// Advance by `dt_s` seconds in cycles of local time stepping
    /// (see [`crate::flood`]): each cycle is `2^top` equal base steps, the
    /// rest of `dt_s` cut into the fewest steps no longer than
    /// [`Self::stable_dt`], so the call ends on `dt_s` without a short
    /// landing step. With `top = 0` throughout this is the global adaptive
    /// step of LISFLOOD-FP, spread evenly over the call.
    pub fn advance(&mut self, dt_s: f64, forcing: &Forcing) -> AdvanceStats {
        assert!(dt_s.is_finite() && dt_s >= 0.0, "bad dt");
        self.on_own_pool(|s| s.advance_here(dt_s, forcing))
    }

    /// Run `work` on a thread of the solver's pool when it has one. A base
    /// step hands the pool three passes; from a pool thread each starts
    /// in place and the other threads steal their bands, where from outside
    /// each would queue the job and sleep until a worker woke to it. That
    /// difference is what lets short base steps go to the pool at all
    /// (see [`super::bands::PARALLEL_MIN_CELLS`]).
    fn on_own_pool<R: Send>(&mut self, work: impl FnOnce(&mut Self) -> R + Send) -> R {
        match self.pool.clone() {
            Some(pool) => pool.install(|| work(self)),
            None => work(self),
        }
    }

    fn advance_here(&mut self, dt_s: f64, forcing: &Forcing) -> AdvanceStats {
        let mut elapsed = 0.0;
        let mut substeps = 0u32;
        let mut min_dt = INIT_TSTEP;
        while elapsed < dt_s {
            let stable = self.stable_dt();
            min_dt = min_dt.min(stable);
            let remaining = dt_s - elapsed;
            // The rest of the call in equal base steps, none longer than
            // `stable`, so no short landing step ends it.
            let left = (remaining / stable).ceil().clamp(1.0, f64::from(u32::MAX)) as u32;
            let dt0 = remaining / f64::from(left);
            let mut top = self.top_level(dt0);
            while top > 0 && 1u32 << top > left {
                top -= 1;
            }
            let steps = 1u32 << top;
            let last = steps == left;
            if top > 0 {
                self.plan_levels(dt0, top);
            } else {
                self.periods.reset();
            }
            for k in 1..=steps {
                self.base_step(dt0, k.trailing_zeros().min(top), top, forcing);
            }
            substeps += steps;
            elapsed = if last { dt_s } else { elapsed + dt0 * f64::from(steps) };
        }
        let nx = self.grid.nx;
        let wet_cells = (self.moving.iter().enumerate())
            .filter_map(|(r, m)| m.map(|m| &self.h[r * nx + m.c0..=r * nx + m.c1]))
            .map(|row| row.iter().filter(|&&h| h > DEPTH_THRESH).count())
            .sum();
        AdvanceStats {
            substeps,
            min_dt_s: min_dt,
            wet_cells,
            max_depth_m: self.hmax,
        }
    }

    /// One sub-step of exactly `dt_s` seconds for every face (no local
    /// time stepping), with no stability check: the caller must keep
    /// `dt_s <= stable_dt()`. [`Self::advance`] is the normal entry point;
    /// this is public for benchmarks and fixed-step drivers.
    pub fn substep(&mut self, dt_s: f64, forcing: &Forcing) {
        self.periods.reset();
        self.on_own_pool(|s| s.base_step(dt_s, 0, 0, forcing));
    }

    /// Base step `dt_s` of a cycle whose top level is `top`, due for the
    /// periods up to `2^t` (every period when `t == top`).
    fn base_step(&mut self, dt_s: f64, t: u32, top: u32, forcing: &Forcing) {
        // With every period 1 (deep water everywhere) each base step is due
        // for every face: a global step.
        let full = t == top || self.periods.varied().is_none();
        let any = self.plan_spans(forcing);
        if !full {
            // Between full base steps the spans only grow: a face waiting
            // for its turn keeps its discharge.
            for (next, now) in self.next_spans.iter_mut().zip(&self.spans) {
                if let Some(s) = *now {
                    *next = Some(Span::union(*next, s));
                }
            }
        }
        let changed = self.spans != self.next_spans;
        // The previous spans are kept aside until the memory is retired.
        let mut old = std::mem::replace(&mut self.spans, std::mem::take(&mut self.next_spans));
        if changed {
            let now = std::mem::take(&mut self.spans);
            self.retire_faces(&old, &now, false);
            self.spans = now;
        }
        if full || self.sweep_all {
            self.ranges.clone_from(&self.spans);
        } else {
            self.ranges.clone_from(&self.periods.ranges[t as usize]);
        }
        let area = self.area();
        let rain = forcing.rain_m_per_s.max(0.0);
        if any || rain > 0.0 {
            self.sweep(dt_s, f64::from(1u32 << t), full, rain);
            if rain > 0.0 {
                self.vol.rain += rain * dt_s * area * self.grid.cells() as f64;
            }
        } else {
            // Nothing can move and nothing falls: the depths stand.
            self.umax = 0.0;
        }
        if changed {
            let now = std::mem::take(&mut self.spans);
            self.retire_faces(&old, &now, true);
            self.spans = now;
        }
        std::mem::swap(&mut self.next_spans, &mut old);
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
