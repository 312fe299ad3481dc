//! What `drillsim run` prints: a summary a trainer reads in ten seconds —
//! what happened in plain words and human units, the scorecard, where the
//! report is — or, with `--verbose`, every metric named in words, or with
//! `--format json`, everything for a tool. Every figure is a metric or
//! scorecard value of the run, formatted by `drillsim_reports::words` as the
//! report formats it.

use drillsim::engine::RunOutcome;
use drillsim::scoring::Scorecard;
use drillsim_reports::words::{self, Lang};
use unicode_width::UnicodeWidthStr;

fn metric(outcome: &RunOutcome, key: &str) -> Option<f64> {
    outcome.metrics.get(key).copied().filter(|v| v.is_finite())
}

/// The "what happened" lines.
pub fn what_happened(outcome: &RunOutcome, lang: Lang) -> Vec<String> {
    let m = |k: &str| metric(outcome, k);
    let v = |k: &str| m(k).map_or("—".to_string(), |x| words::value(k, x, lang));
    let n = |k: &str| words::count(m(k).unwrap_or(0.0));
    let mut out = Vec::new();
    if let (Some(_), Some(_)) = (m("flood.max_area_km2"), m("flood.peak_depth_m")) {
        out.push(match lang {
            Lang::En => format!(
                "The flood covered up to {}; the deepest water was {}.",
                v("flood.max_area_km2"),
                v("flood.peak_depth_m")
            ),
            Lang::Zh => format!(
                "洪水最大淹没面积 {}，最大水深 {}。",
                v("flood.max_area_km2"),
                v("flood.peak_depth_m")
            ),
        });
    }
    if let Some(area) = m("fire.area_burnt_km2") {
        out.push(match lang {
            Lang::En => format!(
                "The fire burnt {}; its longest flames were {}.",
                words::value("fire.area_burnt_km2", area, lang),
                v("fire.max_flame_length_m")
            ),
            Lang::Zh => format!(
                "过火面积 {}，最大火焰长度 {}。",
                words::value("fire.area_burnt_km2", area, lang),
                v("fire.max_flame_length_m")
            ),
        });
    }
    if let Some(line) = m("fire.line_built_km").filter(|l| *l > 0.0) {
        let attack = m("fire.initial_attack_min").filter(|a| a.is_finite());
        out.push(match lang {
            Lang::En => format!(
                "Crews built {} of line, the first {} after ignition; {} of the edge was lined at the end.",
                words::value("fire.line_built_km", line, lang),
                attack.map_or("—".into(), |a| words::value("fire.initial_attack_min", a, lang)),
                v("fire.containment")
            ),
            Lang::Zh => format!(
                "扑救队伍建成防火线 {}，起火后 {}建成首段；结束时火线控制率 {}。",
                words::value("fire.line_built_km", line, lang),
                attack.map_or("—".into(), |a| words::value("fire.initial_attack_min", a, lang)),
                v("fire.containment")
            ),
        });
    }
    if let Some(out_min) = m("fire.time_to_out_min").filter(|t| t.is_finite()) {
        out.push(match lang {
            Lang::En => format!(
                "The fire was out {} after ignition ({} mopped up).",
                words::value("fire.time_to_out_min", out_min, lang),
                v("fire.mopped_up_km2")
            ),
            Lang::Zh => format!(
                "起火后 {} 火灾扑灭（清理余火 {}）。",
                words::value("fire.time_to_out_min", out_min, lang),
                v("fire.mopped_up_km2")
            ),
        });
    }
    if let Some(kg) = m("release.released_kg").filter(|k| *k > 0.0) {
        out.push(match lang {
            Lang::En => format!(
                "The release let out {}; the AEGL-2 zone grew to {} and {} people breathed air above AEGL-2.",
                words::value("release.released_kg", kg, lang),
                v("release.max_aegl2_km2"),
                n("release.people_aegl2")
            ),
            Lang::Zh => format!(
                "泄漏 {}；AEGL-2 区最大 {}，{} 人吸入了超过 AEGL-2 的空气。",
                words::value("release.released_kg", kg, lang),
                v("release.max_aegl2_km2"),
                n("release.people_aegl2")
            ),
        });
        // Responders: say it when the cloud reached a crew at all.
        if let Some(ppm) = m("release.responders_max_ppm").filter(|p| *p > 0.0) {
            let overcome = m("release.crews_overcome").unwrap_or(0.0);
            out.push(match lang {
                Lang::En => format!(
                    "Crews breathed at most {} behind their respirators; {} crew{} overcome, {} responder{} died.",
                    words::value("release.responders_max_ppm", ppm, lang),
                    n("release.crews_overcome"),
                    if overcome == 1.0 { " was" } else { "s were" },
                    n("release.responders_dead"),
                    if m("release.responders_dead") == Some(1.0) { "" } else { "s" },
                ),
                Lang::Zh => format!(
                    "队员经呼吸防护后吸入的最高浓度为 {}；{} 支队伍中毒失能，{} 名救援人员死亡。",
                    words::value("release.responders_max_ppm", ppm, lang),
                    n("release.crews_overcome"),
                    n("release.responders_dead")
                ),
            });
        }
        // Decontamination: say it when anyone was washed or went unwashed.
        let (washed, unwashed) = (
            m("release.decontaminated").unwrap_or(0.0),
            m("release.admitted_unwashed").unwrap_or(0.0),
        );
        if washed > 0.0 || unwashed > 0.0 {
            out.push(match lang {
                Lang::En => format!(
                    "{} casualties of the cloud were washed at decontamination lines; {} were admitted to hospital unwashed.",
                    n("release.decontaminated"),
                    n("release.admitted_unwashed")
                ),
                Lang::Zh => format!(
                    "{} 名中毒伤员经洗消；{} 名未经洗消即送入医院。",
                    n("release.decontaminated"),
                    n("release.admitted_unwashed")
                ),
            });
        }
    }
    if m("people.residents").is_some_and(|r| r > 0.0) {
        out.push(match lang {
            Lang::En => format!(
                "Of {}: {} reached a shelter, {} were rescued by teams, {} were injured, {} died and {} were still trapped at the end.",
                v("people.residents"),
                n("people.sheltered"),
                n("people.rescued"),
                n("people.injured"),
                n("people.dead"),
                n("people.trapped_at_end")
            ),
            Lang::Zh => format!(
                "{} 名居民中：{} 人进入避难所，{} 人被救出，{} 人受伤，{} 人死亡，结束时仍有 {} 人被困。",
                n("people.residents"),
                n("people.sheltered"),
                n("people.rescued"),
                n("people.injured"),
                n("people.dead"),
                n("people.trapped_at_end")
            ),
        });
    }
    if m("incidents.total").is_some_and(|t| t > 0.0) {
        let wait = m("incidents.mean_wait_min").map(|w| words::minutes(w, lang));
        out.push(match (lang, wait) {
            (Lang::En, Some(w)) => format!(
                "Teams resolved {} of {} incidents; the mean wait for a team was {w}.",
                n("incidents.resolved"),
                n("incidents.total")
            ),
            (Lang::En, None) => format!("Teams resolved {} of {} incidents.", n("incidents.resolved"), n("incidents.total")),
            (Lang::Zh, Some(w)) => format!(
                "救援队处置了 {} 起事件中的 {} 起，平均等待 {w}。",
                n("incidents.total"),
                n("incidents.resolved")
            ),
            (Lang::Zh, None) => format!("救援队处置了 {} 起事件中的 {} 起。", n("incidents.total"), n("incidents.resolved")),
        });
        if let Some(why) = words::waits::summary_sentence(&words::waits::parts(m), lang) {
            let last = out.last_mut().expect("pushed above");
            last.push_str(lang.pick(" ", ""));
            last.push_str(&why);
        }
    }
    let short: Vec<String> = outcome
        .metrics
        .iter()
        .filter(|(k, x)| k.starts_with("supply.") && k.ends_with(".shortfall") && x.is_finite() && **x > 0.0)
        .map(|(k, x)| {
            let item = &k["supply.".len()..k.len() - ".shortfall".len()];
            let colon = lang.pick(": ", "：");
            format!("{}{colon}{}", words::item_name(item, lang), words::value(k, *x, lang))
        })
        .collect();
    if !short.is_empty() {
        out.push(match lang {
            Lang::En => format!("Supplies ran short: {}.", short.join("; ")),
            Lang::Zh => format!("物资缺口：{}。", short.join("；")),
        });
    }
    out
}

/// Lay out rows as columns padded to their widest cell (in display
/// columns, so Chinese names line up); nothing is cut.
pub(crate) fn columns(rows: &[Vec<String>], indent: &str) -> String {
    let n = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..n)
        .map(|i| rows.iter().filter_map(|r| r.get(i)).map(|c| c.width()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for r in rows {
        let mut line = indent.to_string();
        for (i, c) in r.iter().enumerate() {
            line.push_str(c);
            if i + 1 < r.len() {
                line.extend(std::iter::repeat_n(' ', widths[i] - c.width() + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The scorecard as a table with the value and target in the metric's unit
/// and the rating in its own column.
pub fn scorecard(card: &Scorecard, lang: Lang) -> String {
    let mut out = match lang {
        Lang::En => format!("Scorecard — drill score {:.1} / 100\n", card.score),
        Lang::Zh => format!("评分表 — 演练得分 {:.1} / 100\n", card.score),
    };
    let head: Vec<String> = match lang {
        Lang::En => ["objective", "capability", "result", "target", "rating", "points"],
        Lang::Zh => ["演练目标", "能力", "结果", "目标值", "评定", "得分"],
    }
    .iter()
    .map(|s| s.to_string())
    .collect();
    let total_weight: f64 = card.objectives.iter().map(|o| o.weight).sum();
    let mut rows = vec![head];
    for o in &card.objectives {
        let max = if total_weight > 0.0 { 100.0 * o.weight / total_weight } else { 0.0 };
        rows.push(vec![
            o.id.clone(),
            drillsim_reports::labels::capability(&o.capability, lang),
            o.value.map_or("—".into(), |v| words::value(&o.metric, v, lang)),
            words::target(&o.metric, &o.target, lang),
            format!("{:?}", o.rating),
            format!("{:.1} / {max:.1}", o.points),
        ]);
    }
    out.push_str(&columns(&rows, "  "));
    if !card.expected_actions.is_empty() {
        out.push_str(lang.pick("  Expected actions, time after their inject:\n", "  预期行动（情景注入后用时）：\n"));
        let rows: Vec<Vec<String>> = card
            .expected_actions
            .iter()
            .map(|a| {
                vec![
                    a.action.clone(),
                    format!("{} {}", lang.pick("after", "注入"), a.inject),
                    a.delay_min
                        .map_or(lang.pick("not done", "未完成").to_string(), |d| words::minutes(d, lang)),
                ]
            })
            .collect();
        out.push_str(&columns(&rows, "    "));
    }
    out.push_str(lang.pick(
        "  Ratings: P performed without challenges, S with some challenges, M with major challenges, U unable to perform.\n",
        "  评定：P 顺利完成，S 基本完成但存在一些问题，M 完成但存在重大问题，U 未能完成。\n",
    ));
    out
}

/// Every metric, named in words with its key, for `--verbose`.
pub fn all_metrics(outcome: &RunOutcome, lang: Lang) -> String {
    let rows: Vec<Vec<String>> = outcome
        .metrics
        .iter()
        .map(|(k, v)| vec![words::metric(k, lang).label, words::value(k, *v, lang), k.clone()])
        .collect();
    columns(&rows, "  ")
}

#[cfg(test)]
mod tests {
    use super::columns;

    #[test]
    fn columns_pad_to_the_widest_cell_without_cutting() {
        let rows = vec![
            vec!["a".to_string(), "Logistics and supply chain management".into(), "x".into()],
            vec!["冲锋舟".to_string(), "b".into(), "y".into()],
        ];
        let text = columns(&rows, "");
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].contains("Logistics and supply chain management"));
        let col = |l: &str| UnicodeWidthStr::width(&l[..l.rfind(['x', 'y']).unwrap()]);
        assert_eq!(col(lines[0]), col(lines[1]));
    }
    use unicode_width::UnicodeWidthStr;

    /// The fire-out and decontamination lines appear, in both languages,
    /// exactly when their metrics say something happened.
    #[test]
    fn a_fire_put_out_and_washed_casualties_are_told() {
        use drillsim::{CompiledScenario, Engine, RunSpec};
        use drillsim_reports::words::Lang;
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios/tutorial.ron");
        let c = CompiledScenario::load(&path).unwrap_or_else(|d| panic!("{d}"));
        let mut o = Engine::run(&c, RunSpec { seed: 7, replication: 0 });
        let said = |o: &drillsim::engine::RunOutcome, lang| super::what_happened(o, lang).join("\n");
        assert!(!said(&o, Lang::En).contains("fire was out"));
        for (k, v) in [
            ("fire.area_burnt_km2", 0.5),
            ("fire.time_to_out_min", 150.0),
            ("fire.mopped_up_km2", 0.5),
            ("release.released_kg", 100.0),
            ("release.decontaminated", 12.0),
            ("release.admitted_unwashed", 3.0),
        ] {
            o.metrics.insert(k.into(), v);
        }
        let en = said(&o, Lang::En);
        assert!(
            en.contains("The fire was out 2 h 30 min after ignition (0.50 km² mopped up)."),
            "{en}"
        );
        assert!(
            en.contains("12 casualties of the cloud were washed at decontamination lines; 3 were admitted"),
            "{en}"
        );
        let zh = said(&o, Lang::Zh);
        assert!(zh.contains("火灾扑灭") && zh.contains("12 名中毒伤员经洗消；3 名未经洗消"), "{zh}");
        o.metrics.insert("fire.time_to_out_min".into(), f64::NAN);
        assert!(
            !said(&o, Lang::En).contains("fire was out"),
            "a fire never out is not said to be out"
        );
    }
}
