//! Uncertain parameters named for people. A sampled parameter is stored by
//! its path in the scenario (`hazards[0].inflows[0].hydrograph[1][1]`), which
//! is exact but unreadable; [`param_name`] turns the path back into what it
//! is about (the inflow at `upstream`), the field, the time it applies at
//! and its unit, so reports can say "inflow at upstream at 1h00, m³/s".

use super::model::{Hazard, Scenario};
use super::units::Duration;

/// What a parameter path refers to.
#[derive(Clone, Debug, PartialEq)]
pub struct ParamName {
    /// The kind of thing (`inflow`, `zone`, `team`, `warning`, …).
    pub section: &'static str,
    /// Its id or place (`upstream`, `east_bank`, `boat_1`, `Sirens`).
    pub subject: String,
    /// The field (`discharge`, `compliance`, `ready_after`), or the item of a stock.
    pub field: String,
    /// The drill time a series point applies at, seconds from the start.
    pub at_s: Option<f64>,
    /// Unit of the sampled value (`m³/s`, `share`, `people`, `s` for durations).
    pub unit: &'static str,
}

enum Seg<'a> {
    Field(&'a str),
    Index(usize),
    Key(String),
}

fn segments(path: &str) -> Option<Vec<Seg<'_>>> {
    let mut out = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            rest = r;
        } else if let Some(r) = rest.strip_prefix("[\"") {
            let end = r.find("\"]")?;
            out.push(Seg::Key(r[..end].to_string()));
            rest = &r[end + 2..];
            continue;
        } else if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']')?;
            out.push(Seg::Index(r[..end].parse().ok()?));
            rest = &r[end + 1..];
            continue;
        }
        let end = rest.find(['.', '[']).unwrap_or(rest.len());
        out.push(Seg::Field(&rest[..end]));
        rest = &rest[end..];
    }
    Some(out)
}

fn unit_of(field: &str) -> &'static str {
    match field {
        "speed_ms" => "m/s",
        "from_deg" => "°",
        "rain_mm_h" | "mm_h" => "mm/h",
        "temperature_c" => "°C",
        "fuel_moisture_pct" | "relative_humidity_pct" => "%",
        "level_m" | "crest_m" | "breach_when_overtopped_m" | "side_m" | "separation_m" | "close_roads_below_m" => "m",
        "rate_m3s" | "pump_m3s" => "m³/s",
        "rate_kg_s" => "kg/s",
        "mass_kg" | "liquid_kg" => "kg",
        "gauge_kpa" => "kPa",
        "density_kg_m3" => "kg/m³",
        "section_m2" => "m²",
        "hole_diameter_mm" => "mm",
        "indoor_ach" | "sealed_ach" => "1/h",
        "firebrands_per_ha" => "1/ha",
        "mop_up_ha_per_hour" => "ha/h",
        "residents" | "household_size" | "capacity" => "people",
        "cars_per_household" => "cars",
        "vulnerable_share" | "compliance" | "reach" | "fire_resistant_share" | "ground_share" => "share",
        "beds" => "beds",
        "speed_kmh" => "km/h",
        "rescue_per_hour" | "decon_people_per_hour" => "people/h",
        "sandbag_m_per_hour" | "wet_line_m_per_hour" => "m/h",
        "departure_delay_mean"
        | "delay"
        | "ready_after"
        | "mobilisation"
        | "lead_time"
        | "depart"
        | "at"
        | "report_delay"
        | "seal_leak" => "s",
        _ => "",
    }
}

/// The parameter at `path` in `s`, in words; `None` for a path this
/// version does not know (the report then shows the path).
pub fn param_name(s: &Scenario, path: &str) -> Option<ParamName> {
    use Seg::*;
    let segs = segments(path)?;
    let name = |section, subject: &str, field: &str, at: Option<Duration>| ParamName {
        section,
        subject: subject.to_string(),
        field: field.to_string(),
        at_s: at.map(|d| d.secs()),
        unit: unit_of(field),
    };
    let item = |section, subject: &str, item: &str| ParamName {
        section,
        subject: subject.to_string(),
        field: item.to_string(),
        at_s: None,
        unit: "",
    };
    Some(match segs.as_slice() {
        [Field("weather"), Field("wind"), Index(i), Field(f)] => name("wind", "", f, s.weather.wind.get(*i).map(|w| w.at)),
        [Field("weather"), Field("rain_mm_h"), Index(i), Index(1)] => {
            name("rain", "", "rain_mm_h", s.weather.rain_mm_h.get(*i).map(|p| p.0))
        }
        [Field("weather"), Field(f)] => name("weather", "", f, None),
        [
            Field("hazards"),
            Index(h),
            Field("inflows"),
            Index(j),
            Field("hydrograph"),
            Index(k),
            Index(1),
        ] => {
            let Some(Hazard::Flood(fl)) = s.hazards.get(*h) else { return None };
            let inflow = fl.inflows.get(*j)?;
            let mut n = name("inflow", &inflow.place, "discharge", inflow.hydrograph.get(*k).map(|p| p.0));
            n.unit = "m³/s";
            n
        }
        [Field("hazards"), Index(h), Field("levees"), Index(j), Field(f)] => {
            let Some(Hazard::Flood(fl)) = s.hazards.get(*h) else { return None };
            name("levee", &fl.levees.get(*j)?.id, f, None)
        }
        // A hazard's sub-record (a release's `tank`, a fire's `structures`
        // or `smoke`): its fields name themselves, the hazard says whose.
        [Field("hazards"), Index(h), Field(_), Field(f)] => match s.hazards.get(*h)? {
            Hazard::Release(r) => name("release", &r.id, f, None),
            Hazard::Fire(_) => name("fire", "", f, None),
            Hazard::Flood(_) => name("flood", "", f, None),
        },
        [Field("hazards"), Index(_), Field(group), Index(j), Field(f)] => name("hazard", &format!("{group}[{j}]"), f, None),
        [Field("hazards"), Index(h), Field(f)] => {
            let subject = match s.hazards.get(*h)? {
                Hazard::Release(r) => r.id.clone(),
                _ => String::new(),
            };
            name("release", &subject, f, None)
        }
        [Field("population"), Index(i), Field(f)] => name("zone", &s.population.get(*i)?.zone, f, None),
        [Field("warning_channels"), Index(i), Field(f)] => name("warning", &format!("{:?}", s.warning_channels.get(*i)?.channel), f, None),
        [Field("shelters"), Index(i), Field("supplies"), Key(k)] => item("shelter", &s.shelters.get(*i)?.id, k),
        [Field("shelters"), Index(i), Field(f)] => name("shelter", &s.shelters.get(*i)?.id, f, None),
        [Field("hospitals"), Index(i), Field(f)] => name("hospital", &s.hospitals.get(*i)?.id, f, None),
        [Field("team_kinds"), Index(i), Field(f), Key(k)] => item("team kind", &s.team_kinds.get(*i)?.id, &format!("{f} {k}")),
        [Field("team_kinds"), Index(i), Field(f)] => name("team kind", &s.team_kinds.get(*i)?.id, f, None),
        // `fireline: WetLine(m_per_hour: …)`, the one rate nested in a variant.
        [Field("team_kinds"), Index(i), Field("fireline"), Field("m_per_hour")] => {
            name("team kind", &s.team_kinds.get(*i)?.id, "wet_line_m_per_hour", None)
        }
        [Field("teams"), Index(i), Field(f)] => name("team", &s.teams.get(*i)?.id, f, None),
        [Field("depots"), Index(i), Field("stock"), Key(k)] => item("depot", &s.depots.get(*i)?.id, k),
        [Field("depots"), Index(i), Field("agreements"), Index(j), Field(f)] => {
            let d = s.depots.get(*i)?;
            let a = d.agreements.get(*j)?;
            let mut n = name("agreement", &format!("{} ← {}", d.id, a.supplier), f, None);
            if *f == "quantity" {
                n.field = format!("quantity {}", a.item);
            }
            n
        }
        [Field("convoys"), Index(i), Field("cargo"), Key(k)] => item("convoy", &s.convoys.get(*i)?.id, k),
        [Field("convoys"), Index(i), Field(f)] => name("convoy", &s.convoys.get(*i)?.id, f, None),
        [Field("plan"), Field(f)] => name("plan", "", f, None),
        [Field("injects"), Index(i), Field("event"), Field(f)] => name("inject", &s.injects.get(*i)?.id, f, None),
        [Field("injects"), Index(i), Field(f)] => name("inject", &s.injects.get(*i)?.id, f, None),
        [Field("consumption"), Field(f), Key(k)] => item("consumption", f, k),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_split_into_fields_indexes_and_keys() {
        let s = segments("depots[0].stock[\"water_l\"]").unwrap();
        assert!(matches!(s.as_slice(), [Seg::Field("depots"), Seg::Index(0), Seg::Field("stock"), Seg::Key(k)] if k == "water_l"));
        assert!(segments("a[").is_none());
        assert!(segments("a[x]").is_none());
    }
}
