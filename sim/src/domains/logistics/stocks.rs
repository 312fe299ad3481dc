//! [`Stocks`]: what every depot, shelter and team holds, and the unmet demand
//! waiting to be reported.
//!
//! The one rule: a level never goes below zero. [`Stocks::draw`] hands out at
//! most what is there; a lost holder hands out nothing and receives nothing
//! (what it held, and whatever is later sent to it, is written off). Holders
//! live in a `BTreeMap` by id, so every scan (nearest depot, reports) runs in
//! id order.

use bevy_ecs::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// Unmet demand is reported at most once per holder and item per this interval (s).
pub const SHORTFALL_REPORT_INTERVAL_S: f64 = 3600.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum HolderKind {
    Depot,
    Shelter,
    Team,
}

impl HolderKind {
    pub fn name(self) -> &'static str {
        match self {
            HolderKind::Depot => "depot",
            HolderKind::Shelter => "shelter",
            HolderKind::Team => "team",
        }
    }
}

/// One holder of supplies.
#[derive(Clone, Debug)]
pub struct Holder {
    pub kind: HolderKind,
    /// Map cell (row-major) where the holder is; used by [`Stocks::draw_nearest`].
    pub cell: usize,
    /// Lost holders (a depot overrun, a team lost) hold and hand out nothing.
    pub lost: bool,
    items: BTreeMap<String, f64>,
}

impl Holder {
    /// Items and levels, by item name.
    pub fn items(&self) -> impl Iterator<Item = (&str, f64)> {
        self.items.iter().map(|(k, v)| (k.as_str(), *v))
    }
}

/// Unmet demand of one holder and item since its last report.
#[derive(Clone, Debug, Default)]
struct Window {
    amount: f64,
    reported_s: Option<f64>,
    /// A level shortfall (people without beds): `amount` is the largest gap, not a sum.
    held: bool,
}

/// A shortfall due for the event log (see [`Stocks::take_shortfall_reports`]).
#[derive(Clone, Debug, PartialEq)]
pub struct ShortfallReport {
    pub holder: String,
    pub kind: Option<HolderKind>,
    pub item: String,
    pub amount: f64,
    /// The previous report for this holder and item: `amount` is what went
    /// unmet since then (`None`: the first report).
    pub since_s: Option<f64>,
    /// `amount` is the largest number short at one time (held items such as beds),
    /// not a quantity summed over the interval.
    pub held: bool,
}

/// The run's supplies by holder and item.
#[derive(Resource, Clone, Debug, Default)]
pub struct Stocks {
    holders: BTreeMap<String, Holder>,
    written_off: BTreeMap<String, f64>,
    short_draws: BTreeSet<(String, String)>,
    windows: BTreeMap<(String, String), Window>,
    unmet: BTreeMap<String, f64>,
}

/// A quantity as the ledger accepts it: finite and positive, else zero.
fn qty(x: f64) -> f64 {
    if x.is_finite() && x > 0.0 { x } else { 0.0 }
}

fn add_to(m: &mut BTreeMap<String, f64>, item: &str, q: f64) {
    *m.entry(item.to_string()).or_insert(0.0) += q;
}

impl Stocks {
    /// Declare a holder, or move an existing one to `cell` (its stock stays).
    /// Ids are one namespace for depots, shelters and teams (the validator keeps them apart).
    pub fn register_holder(&mut self, id: &str, kind: HolderKind, cell: usize) {
        let h = self.holders.entry(id.to_string()).or_insert_with(|| Holder {
            kind,
            cell,
            lost: false,
            items: BTreeMap::new(),
        });
        h.kind = kind;
        h.cell = cell;
    }

    /// Take up to `wanted` of `item` from `holder`; returns what was obtained
    /// (zero for an unknown or lost holder, or a `wanted` that is not a positive number).
    /// A depot that cannot give all that was wanted is remembered as a short draw
    /// (its agreement reserves activate on it).
    pub fn draw(&mut self, holder: &str, item: &str, wanted: f64) -> f64 {
        let wanted = qty(wanted);
        let Some(h) = self.holders.get_mut(holder) else {
            return 0.0;
        };
        if h.lost {
            return 0.0;
        }
        let have = h.items.get(item).copied().unwrap_or(0.0);
        let got = wanted.min(have);
        if got > 0.0 {
            // `have - got` is exactly 0 when everything goes, and positive otherwise.
            h.items.insert(item.to_string(), (have - got).max(0.0));
        }
        if got < wanted && h.kind == HolderKind::Depot {
            self.short_draws.insert((holder.to_string(), item.to_string()));
        }
        got
    }

    /// Put `qty` of `item` into `holder`. Quantities that are not positive numbers
    /// are ignored; what goes to a lost or unregistered holder is written off.
    pub fn add(&mut self, holder: &str, item: &str, qty: f64) {
        let q = self::qty(qty);
        if q == 0.0 {
            return;
        }
        match self.holders.get_mut(holder) {
            Some(h) if !h.lost => add_to(&mut h.items, item, q),
            _ => add_to(&mut self.written_off, item, q),
        }
    }

    /// What `holder` can hand out of `item` now (zero when lost or unknown).
    pub fn level(&self, holder: &str, item: &str) -> f64 {
        match self.holders.get(holder) {
            Some(h) if !h.lost => h.items.get(item).copied().unwrap_or(0.0),
            _ => 0.0,
        }
    }

    /// Non-lost depots holding some `item`, nearest to `cell` first (straight
    /// line over the grid of `cols` columns), ties broken by id.
    pub fn depots_by_distance(&self, cell: usize, cols: usize, item: &str) -> Vec<&str> {
        let cols = cols.max(1);
        let (c, r) = ((cell % cols) as i64, (cell / cols) as i64);
        let mut v: Vec<(i64, &str)> = self
            .holders
            .iter()
            .filter(|(_, h)| h.kind == HolderKind::Depot && !h.lost && h.items.get(item).is_some_and(|q| *q > 0.0))
            .map(|(id, h)| {
                let (hc, hr) = ((h.cell % cols) as i64, (h.cell / cols) as i64);
                ((hc - c).pow(2) + (hr - r).pow(2), id.as_str())
            })
            .collect();
        v.sort();
        v.into_iter().map(|(_, id)| id).collect()
    }

    /// Draw up to `wanted` of `item` from the nearest non-lost depot that holds
    /// any (ties broken by id); returns what was obtained and from which depot
    /// (`None` when no depot holds the item).
    pub fn draw_nearest(&mut self, cell: usize, cols: usize, item: &str, wanted: f64) -> (f64, Option<String>) {
        let Some(id) = self.depots_by_distance(cell, cols, item).first().map(|s| s.to_string()) else {
            return (0.0, None);
        };
        (self.draw(&id, item, wanted), Some(id))
    }

    /// [`Self::draw`], noting whatever could not be had as a shortfall of `holder`.
    pub fn consume(&mut self, holder: &str, item: &str, wanted: f64) -> f64 {
        let got = self.draw(holder, item, wanted);
        self.note_shortfall(holder, item, qty(wanted) - got);
        got
    }

    /// Record unmet demand of `amount` of `item` at `holder`: it counts towards the
    /// run's `supply.<item>.shortfall` and is reported in the event log at most
    /// once an hour per holder and item, amounts summed.
    pub fn note_shortfall(&mut self, holder: &str, item: &str, amount: f64) {
        let a = qty(amount);
        if a == 0.0 {
            return;
        }
        add_to(&mut self.unmet, item, a);
        self.windows.entry((holder.to_string(), item.to_string())).or_default().amount += a;
    }

    /// Record that `holder` is `short` of a held item (beds: people present
    /// without one). Reported like [`Self::note_shortfall`] but with the largest
    /// gap of the interval; not added to the run totals (the caller knows the
    /// run's peak across holders).
    pub fn note_held_shortfall(&mut self, holder: &str, item: &str, short: f64) {
        let s = qty(short);
        if s == 0.0 {
            return;
        }
        let w = self.windows.entry((holder.to_string(), item.to_string())).or_default();
        w.held = true;
        w.amount = w.amount.max(s);
    }

    /// Shortfalls due for a report at time `now_s`: each holder and item with
    /// unmet demand whose last report is at least an hour old (or never made).
    /// Their windows start again from zero.
    pub fn take_shortfall_reports(&mut self, now_s: f64) -> Vec<ShortfallReport> {
        self.take_reports(now_s, false)
    }

    /// Every shortfall not reported yet, however recent the last report: at
    /// the end of the run, so the events add up to the run's totals.
    pub fn take_final_shortfall_reports(&mut self, now_s: f64) -> Vec<ShortfallReport> {
        self.take_reports(now_s, true)
    }

    fn take_reports(&mut self, now_s: f64, last: bool) -> Vec<ShortfallReport> {
        let mut out = Vec::new();
        for ((holder, item), w) in self.windows.iter_mut() {
            let recent = w.reported_s.is_some_and(|t| now_s - t < SHORTFALL_REPORT_INTERVAL_S);
            if w.amount <= 0.0 || (recent && !last) {
                continue;
            }
            out.push(ShortfallReport {
                holder: holder.clone(),
                kind: self.holders.get(holder).map(|h| h.kind),
                item: item.clone(),
                amount: w.amount,
                since_s: w.reported_s,
                held: w.held,
            });
            w.amount = 0.0;
            w.reported_s = Some(now_s);
        }
        out
    }

    /// Mark a holder lost: its stock is written off and it takes part in
    /// nothing from now on. Returns what was written off (empty when it was
    /// already lost or is unknown).
    pub fn lose(&mut self, holder: &str) -> BTreeMap<String, f64> {
        let Some(h) = self.holders.get_mut(holder) else {
            return BTreeMap::new();
        };
        if h.lost {
            return BTreeMap::new();
        }
        h.lost = true;
        let items: BTreeMap<String, f64> = std::mem::take(&mut h.items).into_iter().filter(|(_, q)| *q > 0.0).collect();
        for (item, q) in &items {
            add_to(&mut self.written_off, item, *q);
        }
        items
    }

    pub fn is_lost(&self, holder: &str) -> bool {
        self.holders.get(holder).is_some_and(|h| h.lost)
    }

    pub fn holder(&self, id: &str) -> Option<&Holder> {
        self.holders.get(id)
    }

    /// Every holder, in id order.
    pub fn holders(&self) -> impl Iterator<Item = (&str, &Holder)> {
        self.holders.iter().map(|(k, h)| (k.as_str(), h))
    }

    /// (depot, item) pairs whose draws came up short since the last call.
    pub fn take_short_draws(&mut self) -> BTreeSet<(String, String)> {
        std::mem::take(&mut self.short_draws)
    }

    /// Total unmet demand noted so far, by item.
    pub fn unmet(&self) -> &BTreeMap<String, f64> {
        &self.unmet
    }

    /// Stock lost with its holder, or sent to a lost or unknown holder, by item.
    pub fn written_off(&self) -> &BTreeMap<String, f64> {
        &self.written_off
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stocks() -> Stocks {
        let mut s = Stocks::default();
        // A 10-column grid: cell = row * 10 + col.
        s.register_holder("b_depot", HolderKind::Depot, 0);
        s.register_holder("a_depot", HolderKind::Depot, 22);
        s.register_holder("shelter", HolderKind::Shelter, 11);
        s.add("b_depot", "water_l", 100.0);
        s.add("a_depot", "water_l", 50.0);
        s
    }

    #[test]
    fn draws_never_go_below_zero() {
        let mut s = stocks();
        assert_eq!(s.draw("a_depot", "water_l", 30.0), 30.0);
        assert_eq!(s.draw("a_depot", "water_l", 30.0), 20.0);
        assert_eq!(s.level("a_depot", "water_l"), 0.0);
        assert_eq!(s.draw("a_depot", "water_l", 1.0), 0.0);
        for bad in [-5.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(s.draw("b_depot", "water_l", bad), 0.0);
            s.add("b_depot", "water_l", bad);
        }
        assert_eq!(s.level("b_depot", "water_l"), 100.0);
        assert_eq!(s.draw("nobody", "water_l", 1.0), 0.0);
        assert!(s.take_short_draws().contains(&("a_depot".to_string(), "water_l".to_string())));
        assert!(s.take_short_draws().is_empty());
    }

    #[test]
    fn nearest_depot_ties_break_by_id_and_skip_lost_or_empty() {
        let mut s = stocks();
        // Cell 11 is (1, 1): b_depot at (0, 0) and a_depot at (2, 2) are both √2 away.
        assert_eq!(s.depots_by_distance(11, 10, "water_l"), vec!["a_depot", "b_depot"]);
        assert_eq!(s.draw_nearest(11, 10, "water_l", 60.0), (50.0, Some("a_depot".into())));
        // a_depot is empty now: the next draw goes to b_depot.
        assert_eq!(s.draw_nearest(11, 10, "water_l", 10.0), (10.0, Some("b_depot".into())));
        assert_eq!(s.lose("b_depot"), BTreeMap::from([("water_l".to_string(), 90.0)]));
        assert_eq!(s.draw_nearest(11, 10, "water_l", 10.0), (0.0, None));
        assert_eq!(s.level("b_depot", "water_l"), 0.0);
        s.add("b_depot", "water_l", 5.0);
        assert_eq!(s.written_off()["water_l"], 95.0);
        assert!(s.lose("b_depot").is_empty());
    }

    #[test]
    fn shortfalls_are_reported_at_most_hourly_with_amounts_summed() {
        let mut s = stocks();
        s.add("shelter", "water_l", 10.0);
        assert_eq!(s.consume("shelter", "water_l", 15.0), 10.0);
        let r = s.take_shortfall_reports(0.0);
        assert_eq!(r.len(), 1);
        assert_eq!(
            (r[0].holder.as_str(), r[0].amount, r[0].kind),
            ("shelter", 5.0, Some(HolderKind::Shelter))
        );
        s.consume("shelter", "water_l", 2.0);
        s.consume("shelter", "water_l", 3.0);
        assert!(s.take_shortfall_reports(1800.0).is_empty());
        let r = s.take_shortfall_reports(3600.0);
        assert_eq!(r[0].amount, 5.0);
        assert_eq!(s.unmet()["water_l"], 10.0);
        s.note_held_shortfall("shelter", "beds", 4.0);
        s.note_held_shortfall("shelter", "beds", 7.0);
        s.note_held_shortfall("shelter", "beds", 2.0);
        let r = s.take_shortfall_reports(3600.0);
        assert_eq!((r[0].item.as_str(), r[0].amount, r[0].held), ("beds", 7.0, true));
        assert!(!s.unmet().contains_key("beds"));
    }

    #[test]
    fn registering_again_moves_a_holder_and_keeps_its_stock() {
        let mut s = stocks();
        s.register_holder("team_1", HolderKind::Team, 0);
        s.add("team_1", "fuel_l", 40.0);
        s.register_holder("team_1", HolderKind::Team, 99);
        assert_eq!(s.level("team_1", "fuel_l"), 40.0);
        assert_eq!(s.holder("team_1").map(|h| h.cell), Some(99));
        // Teams are never a depot to draw from.
        assert_eq!(s.draw_nearest(99, 10, "fuel_l", 1.0), (0.0, None));
    }
}
