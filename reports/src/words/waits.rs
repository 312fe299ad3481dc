//! Where the incidents' waits for a first team went, in words: the run's
//! `incidents.waited_min.<cause>` metrics (the engine's
//! [`WaitCause`], summed over incidents) for the report's teams table,
//! rule 7 and the `run` summary.

use super::Lang;
use drillsim::domains::teams::WaitCause;

/// A cause the plan could change holds at least this share of all the
/// waiting before a finding names it (Drillsim's reporting convention).
pub const MIN_SHARE: f64 = 0.1;
/// … and at least this many minutes, summed over incidents.
pub const MIN_MINUTES: f64 = 60.0;

/// One cause's part of the waiting.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WaitPart {
    pub cause: WaitCause,
    /// Summed over incidents.
    pub minutes: f64,
    /// Of all the waiting, in [0, 1].
    pub share: f64,
}

/// Every cause's part, in [`WaitCause::ALL`] order; empty when no incident
/// waited (or the run predates these metrics).
pub fn parts(metric: impl Fn(&str) -> Option<f64>) -> Vec<WaitPart> {
    let minutes: Vec<(WaitCause, f64)> = WaitCause::ALL
        .iter()
        .map(|c| (*c, metric(&c.metric()).filter(|m| m.is_finite() && *m > 0.0).unwrap_or(0.0)))
        .collect();
    let total: f64 = minutes.iter().map(|(_, m)| m).sum();
    if total <= 0.0 {
        return Vec::new();
    }
    minutes
        .into_iter()
        .map(|(cause, minutes)| WaitPart {
            cause,
            minutes,
            share: minutes / total,
        })
        .collect()
}

/// Whether a plan could change this cause (not the reporting delay, not travel).
pub fn plan_can_change(cause: WaitCause) -> bool {
    !matches!(cause, WaitCause::Unreported | WaitCause::OnTheWay)
}

/// The causes a plan could change that hold at least [`MIN_SHARE`] and
/// [`MIN_MINUTES`], largest first.
pub fn plan_side(parts: &[WaitPart]) -> Vec<WaitPart> {
    let mut v: Vec<WaitPart> = parts
        .iter()
        .filter(|p| plan_can_change(p.cause) && p.share >= MIN_SHARE && p.minutes >= MIN_MINUTES)
        .copied()
        .collect();
    v.sort_by(|a, b| b.minutes.total_cmp(&a.minutes).then(a.cause.cmp(&b.cause)));
    v
}

/// The cause as a table row's name.
pub fn name(cause: WaitCause, lang: Lang) -> &'static str {
    let (en, zh) = match cause {
        WaitCause::Unreported => ("not yet known to command", "指挥部尚未获知"),
        WaitCause::NoAbleTeam => ("no team in the drill able to do it", "演练中没有具备相应能力的队伍"),
        WaitCause::NotCommitted => ("able teams not committed", "有能力的队伍未投入"),
        WaitCause::AllBusy => ("every able team busy", "有能力的队伍全部忙碌"),
        WaitCause::NoRoute => ("no way there for any able team", "有能力的队伍均无法到达"),
        WaitCause::OnTheWay => ("a team on its way", "队伍在途"),
    };
    lang.pick(en, zh)
}

/// The cause in a chart's legend.
pub fn short_name(cause: WaitCause, lang: Lang) -> &'static str {
    let (en, zh) = match cause {
        WaitCause::Unreported => ("not yet known", "尚未获知"),
        WaitCause::NoAbleTeam => ("no able team", "无有能力的队伍"),
        WaitCause::NotCommitted => ("able, not committed", "有能力但未投入"),
        WaitCause::AllBusy => ("every able team busy", "有能力的队伍全忙"),
        WaitCause::NoRoute => ("no way there", "无法到达"),
        WaitCause::OnTheWay => ("team on its way", "队伍在途"),
    };
    lang.pick(en, zh)
}

/// What a planner could do about it.
pub fn hint(cause: WaitCause, lang: Lang) -> &'static str {
    let (en, zh) = match cause {
        WaitCause::NoAbleTeam => (
            "rescue needs a team kind with `rescue_per_hour`; carrying casualties, one that goes by road or air",
            "救援需要具备 `rescue_per_hour` 的队伍类型；转运伤员需要走公路或空中的队伍",
        ),
        WaitCause::NotCommitted => (
            "the plan never committed them: a `Dispatch` order, or `default_dispatch: true`",
            "预案未投入这些队伍：使用 `Dispatch` 指令，或设置 `default_dispatch: true`",
        ),
        WaitCause::AllBusy => (
            "more able teams, or teams ready sooner, would shorten it",
            "增加有能力的队伍，或缩短集结时间，可以缩短等待",
        ),
        WaitCause::NoRoute => (
            "roads cut, water too shallow for a boat, or a gas cloud in the way of a crew without SCBA",
            "道路中断、水深不足以行船，或无空气呼吸器的队伍被毒气云阻隔",
        ),
        WaitCause::Unreported | WaitCause::OnTheWay => ("", ""),
    };
    lang.pick(en, zh)
}

/// Team ids as code, the first [`LISTED`] of them, then how many more.
pub fn team_list(ids: &[&str], lang: Lang) -> String {
    super::code_list(ids, LISTED, "支", lang)
}

/// How many teams a finding names before it counts the rest.
const LISTED: usize = 5;

/// The metric's label (`incidents.waited_min.<key>`), or `None` for an unknown key.
pub fn label(key: &str, lang: Lang) -> Option<String> {
    let cause = WaitCause::ALL.into_iter().find(|c| c.key() == key)?;
    Some(match lang {
        Lang::En => format!("incidents' wait for a first team: {}", name(cause, lang)),
        Lang::Zh => format!("事件等待首支队伍时长：{}", name(cause, lang)),
    })
}

/// One sentence for the `run` summary when a cause the plan could change
/// holds most of the waiting, else `None`.
pub fn summary_sentence(parts: &[WaitPart], lang: Lang) -> Option<String> {
    let top = parts
        .iter()
        .max_by(|a, b| a.minutes.total_cmp(&b.minutes).then(b.cause.cmp(&a.cause)))?;
    if !plan_side(parts).iter().any(|p| p.cause == top.cause) {
        return None;
    }
    let pct = (top.share * 100.0).round();
    Some(match lang {
        Lang::En => format!("Most of the incidents' waiting ({pct} %) was with {}.", name(top.cause, lang)),
        Lang::Zh => format!("事件等待时间中 {pct} % 是因为{}。", name(top.cause, lang)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(pairs: &[(WaitCause, f64)]) -> Vec<WaitPart> {
        parts(|k| pairs.iter().find(|(c, _)| c.metric() == k).map(|(_, m)| *m))
    }

    #[test]
    fn only_large_causes_the_plan_controls_are_named() {
        let p = of(&[
            (WaitCause::Unreported, 500.0),
            (WaitCause::AllBusy, 300.0),
            (WaitCause::NoRoute, 90.0),
            (WaitCause::NotCommitted, 50.0),
            (WaitCause::OnTheWay, 60.0),
        ]);
        let total: f64 = p.iter().map(|x| x.share).sum();
        assert!((total - 1.0).abs() < 1e-12);
        let named: Vec<WaitCause> = plan_side(&p).iter().map(|x| x.cause).collect();
        // 90 min is 9 % of 1,000: under the share; 50 min is under the hour.
        assert_eq!(named, [WaitCause::AllBusy]);
        // The reporting delay holds most of it: not the plan's to change here.
        assert_eq!(summary_sentence(&p, Lang::En), None);
        let busy = of(&[(WaitCause::Unreported, 100.0), (WaitCause::AllBusy, 300.0)]);
        assert_eq!(
            summary_sentence(&busy, Lang::En).as_deref(),
            Some("Most of the incidents' waiting (75 %) was with every able team busy.")
        );
        assert_eq!(
            summary_sentence(&busy, Lang::Zh).as_deref(),
            Some("事件等待时间中 75 % 是因为有能力的队伍全部忙碌。")
        );
        assert!(of(&[]).is_empty(), "no incidents, no parts");
    }

    #[test]
    fn every_cause_has_words_in_both_languages() {
        for c in WaitCause::ALL {
            for lang in [Lang::En, Lang::Zh] {
                assert!(label(c.key(), lang).is_some_and(|l| l.len() > 10));
                assert_eq!(hint(c, lang).is_empty(), !plan_can_change(c), "{c:?}");
            }
        }
        assert_eq!(label("nonsense", Lang::En), None);
    }

    #[test]
    fn long_team_lists_count_the_rest() {
        assert_eq!(team_list(&["medical_1"], Lang::En), "`medical_1`");
        let boats = ["b1", "b2", "b3", "b4", "b5", "b6", "b7"];
        assert_eq!(team_list(&boats, Lang::En), "`b1`, `b2`, `b3`, `b4`, `b5` and 2 more");
        assert_eq!(team_list(&boats, Lang::Zh), "`b1`、`b2`、`b3`、`b4`、`b5` 等 7 支");
    }
}
