//! The fixed-tick drill clock.

use bevy_ecs::prelude::Resource;

/// Simulated time. `tick` counts completed ticks; `now_s` is the time at the
/// start of the current tick.
#[derive(Resource, Clone, Debug)]
pub struct Clock {
    pub tick: u64,
    pub dt_s: f64,
    pub total_ticks: u64,
}

impl Clock {
    pub fn new(dt_s: f64, duration_s: f64) -> Self {
        let dt = dt_s.max(1.0);
        Clock {
            tick: 0,
            dt_s: dt,
            total_ticks: (duration_s / dt).ceil().max(1.0) as u64,
        }
    }
    pub fn now_s(&self) -> f64 {
        self.tick as f64 * self.dt_s
    }
    /// Time at the end of the current tick.
    pub fn next_s(&self) -> f64 {
        (self.tick + 1) as f64 * self.dt_s
    }
    /// Whether time `t` falls inside the current tick `[now, next)`.
    pub fn in_tick(&self, t: f64) -> bool {
        t >= self.now_s() && t < self.next_s()
    }
    pub fn advance(&mut self) {
        self.tick += 1;
    }
}
