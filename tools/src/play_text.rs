//! What `drillsim play` prints: the timeline rows as they come, the table's
//! status, the MSEL, the names an order can use, and the help, in English
//! or Chinese. Reads the [`Table`]; changes nothing.

use drillsim::CompiledScenario;
use drillsim::session::Table;
use drillsim::world::people::PersonState;
use drillsim_reports::{Lang, fmt_num, fmt_time, palette};

/// Timeline rows printed after one advance of the clock; the rest are counted.
const MAX_ROWS: usize = 25;

/// Print the timeline rows after the first `printed`; returns the new count.
pub(crate) fn print_new_rows(table: &Table, printed: usize, lang: Lang) -> usize {
    let events: Vec<drillsim_reports::rundir::Event> = table.events().iter().map(Into::into).collect();
    let rows = drillsim_reports::document::timeline(&events, lang);
    let new = rows.get(printed..).unwrap_or(&[]);
    for r in new.iter().take(MAX_ROWS) {
        let detail = if r.detail.is_empty() {
            String::new()
        } else {
            format!(" — {}", r.detail)
        };
        println!("  {}  {}{}{}{detail}", r.time, r.what, lang.pick(": ", "："), r.subject);
    }
    if new.len() > MAX_ROWS {
        println!(
            "  … {} {}",
            new.len() - MAX_ROWS,
            lang.pick("more (all of them in the report's timeline)", "条（完整内容见报告时间线）")
        );
    }
    rows.len()
}

pub(crate) fn print_status(table: &Table, lang: Lang) {
    let v = |c: &str| table.latest(c);
    let n = |c: &str| v(c).map_or("—".to_string(), fmt_num);
    println!("[{}]", fmt_time(table.now_s()));
    if table.now_s() == 0.0 {
        println!(
            "  {}",
            lang.pick(
                "nothing has happened yet: `step` moves the clock",
                "尚未开始：用 `推进`（step）推进时钟"
            )
        );
        return;
    }
    let level = table.response_level().map(|l| format!("{l:?}"));
    match (lang, level) {
        (Lang::En, Some(l)) => println!("  response level: {l}"),
        (Lang::En, None) => println!("  response level: not raised yet"),
        (Lang::Zh, Some(l)) => println!(
            "  响应级别：{}",
            drillsim_reports::labels::timeline_value_zh("level", &l).unwrap_or(l)
        ),
        (Lang::Zh, None) => println!("  响应级别：尚未启动"),
    }
    // Each line: the column it needs, its template in each language, and
    // the columns filling {0}, {1}, … in order.
    const LINES: [(&str, &str, &str, &[&str]); 4] = [
        (
            "people_at_risk",
            "people: {0} at risk, {1} warned, {2} sheltered, {3} trapped, {4} injured, {5} dead",
            "人员：受威胁 {0}，已预警 {1}，已安置 {2}，被困 {3}，受伤 {4}，死亡 {5}",
            &[
                "people_at_risk",
                "people_warned",
                "people_sheltered",
                "people_trapped",
                "people_injured",
                "people_dead",
            ],
        ),
        (
            "flood_area_km2",
            "flood: {0} km² under water, deepest {1} m",
            "洪水：淹没 {0} km²，最大水深 {1} m",
            &["flood_area_km2", "flood_max_depth_m"],
        ),
        (
            "fire_area_km2",
            "fire: {0} km² burnt, {1} km of line built",
            "火灾：过火 {0} km²，已建控制线 {1} km",
            &["fire_area_km2", "fire_line_km"],
        ),
        (
            "release_kg",
            "release: {0} kg released, AEGL-2 over {1} km²",
            "泄漏：已泄漏 {0} kg，AEGL-2 范围 {1} km²",
            &["release_kg", "release_aegl2_km2"],
        ),
    ];
    const TEAMS: [&str; 7] = [
        "teams_working",
        "teams_travelling",
        "teams_mobilising",
        "teams_idle",
        "teams_resting",
        "teams_lost",
        "links_closed",
    ];
    let teams = (
        "teams_working",
        "teams: {0} working, {1} travelling, {2} mobilising, {3} idle, {4} resting, {5} lost; road links closed: {6}",
        "队伍：作业 {0}，途中 {1}，集结 {2}，待命 {3}，休整 {4}，失联 {5}；封闭路段 {6}",
        &TEAMS[..],
    );
    for (needs, en, zh, columns) in LINES.into_iter().chain([teams]) {
        if v(needs).is_some() {
            let line = columns
                .iter()
                .enumerate()
                .fold(lang.pick(en, zh).to_string(), |l, (k, c)| l.replace(&format!("{{{k}}}"), &n(c)));
            println!("  {line}");
        }
    }
    // Why incidents wait now: what the table can still change.
    let waiting: Vec<String> = drillsim::domains::teams::WaitCause::ALL
        .iter()
        .filter_map(|c| {
            let count = v(c.series_column()).filter(|x| *x > 0.0)?;
            let name = drillsim_reports::words::waits::name(*c, lang);
            Some(format!("{name}{}{}", lang.pick(": ", " "), fmt_num(count)))
        })
        .collect();
    if !waiting.is_empty() {
        match lang {
            Lang::En => println!("  incidents waiting for a first team: {}", waiting.join(", ")),
            Lang::Zh => println!("  等待首支队伍的事件：{}", waiting.join("，")),
        }
    }
}

/// Each population zone's people by state now, then each shelter's
/// occupancy against its capacity: where the facilitator looks when the
/// totals of `status` say something is wrong but not where.
pub(crate) fn print_zones(table: &Table, compiled: &CompiledScenario, lang: Lang) {
    println!("[{}]", fmt_time(table.now_s()));
    let n = |c: String| table.latest(&c).map_or("—".to_string(), fmt_num);
    // The engine's states in its own order (`zone.Z.warned` …), named as
    // the report's people chart names them.
    let states: Vec<&str> = PersonState::ALL.iter().map(|s| s.column().trim_start_matches("people_")).collect();
    let mut header = vec![lang.pick("zone", "分区").to_string()];
    header.extend(states.iter().map(|key| {
        let label = palette::PEOPLE
            .iter()
            .find(|(k, _, _)| k == key)
            .map_or(*key, |(_, label, _)| label);
        drillsim_reports::labels::chart(lang, label)
    }));
    // In a drill with a release, the air at each zone's middle: what tells a
    // facilitator whether the town told to stay indoors is in the cloud.
    let air = |zone: &str| table.latest(&format!("ppm_at_{zone}"));
    let with_air = compiled.scenario.population.iter().any(|z| air(&z.zone).is_some());
    if with_air {
        header.push(lang.pick("air (ppm)", "空气浓度（ppm）").to_string());
    }
    let mut rows = vec![header];
    for z in &compiled.scenario.population {
        let mut row = vec![z.zone.clone()];
        row.extend(states.iter().map(|key| n(format!("zone.{}.{key}", z.zone))));
        if with_air {
            row.push(air(&z.zone).map_or("—".to_string(), fmt_num));
        }
        rows.push(row);
    }
    if rows.len() > 1 {
        print!("{}", crate::summary::columns(&rows, "  "));
    } else {
        println!("  {}", lang.pick("the drill has no population zones", "本演练没有人口分区"));
    }
    let mut rows = vec![vec![
        lang.pick("shelter", "避难所").to_string(),
        // A person is in one state; an injured one in a shelter counts as
        // injured above and as an occupant here.
        lang.pick("people in it (injured too)", "安置人数（含受伤）").to_string(),
        lang.pick("capacity", "容量").to_string(),
    ]];
    for x in &compiled.scenario.shelters {
        rows.push(vec![
            x.id.clone(),
            n(format!("shelter.{}.occupancy", x.id)),
            n(format!("shelter.{}.capacity", x.id)),
        ]);
    }
    if rows.len() > 1 {
        print!("{}", crate::summary::columns(&rows, "  "));
    }
}

pub(crate) fn print_injects(table: &Table, compiled: &CompiledScenario, lang: Lang) {
    let injects = &compiled.scenario.injects;
    if injects.is_empty() {
        println!("{}", lang.pick("The scenario has no injects.", "本情景没有情景注入。"));
        return;
    }
    for (j, fired) in injects.iter().zip(table.inject_fired_at()) {
        let state = match (fired, &j.at) {
            (Some(t), _) => format!("{} {}", lang.pick("fired at", "已触发于"), fmt_time(*t)),
            (None, Some(_)) => lang.pick("waiting (timed)", "待触发（定时）").to_string(),
            (None, None) => lang.pick("waiting (on its condition)", "待触发（条件）").to_string(),
        };
        let note = if j.note.is_empty() {
            String::new()
        } else {
            format!(" — {}", j.note)
        };
        println!("  {}{}{state}{note}", j.id, lang.pick(": ", "："));
    }
}

/// What an order can name, by kind: the scenario's own ids.
pub(crate) fn print_names(compiled: &CompiledScenario, lang: Lang) {
    use drillsim::scenario::model::Hazard;
    let s = &compiled.scenario;
    // Each kind once, its teams after it in brackets, in order of the file.
    let mut teams_of: Vec<(&str, Vec<&str>)> = Vec::new();
    for t in &s.teams {
        match teams_of.iter_mut().find(|(k, _)| *k == t.kind.as_str()) {
            Some((_, ids)) => ids.push(&t.id),
            None => teams_of.push((&t.kind, vec![&t.id])),
        }
    }
    let kinds: Vec<String> = teams_of
        .iter()
        .map(|(kind, ids)| match lang {
            Lang::En => format!("{kind} ({})", ids.join(", ")),
            Lang::Zh => format!("{kind}（{}）", ids.join("、")),
        })
        .collect();
    let (mut levees, mut pumps, mut releases) = (Vec::new(), Vec::new(), Vec::new());
    for h in &s.hazards {
        match h {
            Hazard::Flood(f) => {
                levees.extend(f.levees.iter().map(|l| l.id.clone()));
                pumps.extend(f.pumps.iter().map(|p| p.id.clone()));
            }
            Hazard::Release(r) => releases.push(r.id.clone()),
            Hazard::Fire(_) => {}
        }
    }
    let rows: [(&str, &str, Vec<String>); 9] = [
        (
            "zones (Warn, Evacuate, ShelterInPlace)",
            "人口分区（Warn、Evacuate、ShelterInPlace）",
            s.population.iter().map(|z| z.zone.clone()).collect(),
        ),
        (
            "shelters (Evacuate)",
            "避难所（Evacuate）",
            s.shelters.iter().map(|x| x.id.clone()).collect(),
        ),
        ("team kinds and their teams (Dispatch)", "队伍类型及队伍（Dispatch）", kinds),
        (
            "depots and shelters (Resupply from/to)",
            "储备库与避难所（Resupply）",
            s.depots.iter().map(|d| d.id.clone()).collect(),
        ),
        ("levees (Sandbag)", "堤防（Sandbag）", levees),
        ("pumps (StartPump)", "泵站（StartPump）", pumps),
        ("releases (SealLeak)", "泄漏源（SealLeak）", releases),
        (
            "road links (CloseRoad, OpenRoad, TrafficControl)",
            "路段（CloseRoad、OpenRoad、TrafficControl）",
            compiled.roads.link_ids.clone(),
        ),
        (
            "places (Recon, Monitor, Decontaminate)",
            "地点（Recon、Monitor、Decontaminate）",
            s.places.iter().map(|p| p.name.clone()).collect(),
        ),
    ];
    for (en, zh, ids) in rows {
        if ids.is_empty() {
            continue;
        }
        const SHOWN: usize = 40;
        let more = if ids.len() > SHOWN {
            match lang {
                Lang::En => format!(", … ({} in all)", ids.len()),
                Lang::Zh => format!("等，共 {} 个", ids.len()),
            }
        } else {
            String::new()
        };
        let shown: Vec<&str> = ids.iter().take(SHOWN).map(String::as_str).collect();
        println!(
            "  {}{}{}{more}",
            lang.pick(en, zh),
            lang.pick(": ", "："),
            shown.join(lang.pick(", ", "、"))
        );
    }
}

/// Shades of a map cell by class, lightest first; higher classes take the last.
const SHADES: [char; 4] = ['░', '▒', '▓', '█'];
/// Widest map printed (characters); a character covers twice as many rows
/// as columns, about the shape of a terminal cell.
const MAP_COLS: usize = 72;

/// Cells a map character spans across (and twice that down): the map stays
/// within [`MAP_COLS`] columns and half as many rows.
fn block(cols: usize, rows: usize) -> usize {
    cols.div_ceil(MAP_COLS).max(rows.div_ceil(MAP_COLS)).max(1)
}

/// A text map of one layer on a `cols` × `rows` grid (row 0 north): each
/// character is the highest class any of its cells reaches now (`SHADES`),
/// `·` where the hazard was earlier but is not now, `marks` on top.
fn text_map(cols: usize, rows: usize, now: &[f32], peak: &[f32], classes: &[f64], marks: &[(usize, char)]) -> Vec<String> {
    let bx = block(cols, rows);
    let by = 2 * bx;
    let class = |v: f32| classes.iter().rposition(|c| f64::from(v) >= *c);
    let (w, h) = (cols.div_ceil(bx), rows.div_ceil(by));
    let mut grid = vec![vec![' '; w]; h];
    for (y, line) in grid.iter_mut().enumerate() {
        for (x, ch) in line.iter_mut().enumerate() {
            let (mut top, mut earlier) = (None, false);
            for r in y * by..((y + 1) * by).min(rows) {
                for c in x * bx..((x + 1) * bx).min(cols) {
                    let i = r * cols + c;
                    top = top.max(class(now[i]));
                    earlier |= class(peak[i]).is_some();
                }
            }
            *ch = match top {
                Some(k) => SHADES[k.min(SHADES.len() - 1)],
                None if earlier => '·',
                None => ' ',
            };
        }
    }
    for (cell, m) in marks {
        let (r, c) = (cell / cols, cell % cols);
        if r < rows {
            grid[r / by][c / bx] = *m;
        }
    }
    let border = format!("+{}+", "-".repeat(w));
    std::iter::once(border.clone())
        .chain(grid.into_iter().map(|l| format!("|{}|", l.into_iter().collect::<String>())))
        .chain(std::iter::once(border))
        .collect()
}

/// Print a text map of each hazard's first layer, or of `which` hazard's
/// first layer, or of the layer named `which` (`water_speed_ms`,
/// `release_aegl` …), with the shelters and hospitals marked. Errs on a
/// name that is neither, listing both.
pub(crate) fn print_map(table: &Table, compiled: &CompiledScenario, which: &str, lang: Lang) -> Result<(), drillsim::scenario::Said> {
    let layers = table.hazards().layers();
    let mut hazards: Vec<&str> = Vec::new();
    for l in layers {
        if !hazards.contains(&l.spec.hazard) {
            hazards.push(l.spec.hazard);
        }
    }
    if hazards.is_empty() {
        println!("{}", lang.pick("This drill has no hazard to map.", "本演练没有可绘制的灾害。"));
        return Ok(());
    }
    let shown: Vec<&drillsim::world::hazard::Layer> = if which.is_empty() {
        hazards.iter().filter_map(|h| layers.iter().find(|l| l.spec.hazard == *h)).collect()
    } else if let Some(l) = layers.iter().find(|l| l.spec.hazard == which) {
        vec![l]
    } else if let Some(l) = layers.iter().find(|l| l.spec.name == which) {
        vec![l]
    } else {
        let names: Vec<&str> = layers.iter().map(|l| l.spec.name).collect();
        let (hazards, names) = (hazards.join(", "), names.join(", "));
        return Err(drillsim::said!(
            "no hazard or layer `{which}` in this drill (hazards: {hazards}; layers: {names})",
            "本演练没有名为 `{which}` 的灾害或图层（灾害：{hazards}；图层：{names}）"
        ));
    };
    let dims = compiled.terrain.dims;
    let s = &compiled.scenario;
    let mut marks: Vec<(usize, char)> = Vec::new();
    marks.extend(s.hospitals.iter().map(|h| (compiled.centre_cell(&h.place), '+')));
    marks.extend(s.shelters.iter().map(|x| (compiled.centre_cell(&x.place), 'S')));
    for l in shown {
        let classes = &l.spec.classes;
        // Class edges as written in the code (0.3, 1) unless that is long.
        let edge = |v: f64| Some(format!("{v}")).filter(|t| t.len() <= 6).unwrap_or_else(|| fmt_num(v));
        let shade = |k: usize| -> String {
            let lo = edge(classes[k]);
            match classes.get(k + 1) {
                Some(hi) if k + 1 < SHADES.len() => format!("{} {lo}–{} {}", SHADES[k], edge(*hi), l.spec.unit),
                _ => format!("{} ≥ {lo} {}", SHADES[k.min(SHADES.len() - 1)], l.spec.unit),
            }
        };
        let legend: Vec<String> = (0..classes.len().min(SHADES.len())).map(shade).collect();
        let (title, bx) = (layer_title(l.spec.title, lang), block(dims.cols, dims.rows));
        match lang {
            Lang::En => println!("{title} now (north up, one character {bx} × {} cells):", 2 * bx),
            Lang::Zh => println!("{title}（当前；上北，每字符 {bx} × {} 格）：", 2 * bx),
        }
        for line in text_map(dims.cols, dims.rows, &l.now, &l.peak, classes, &marks) {
            println!("  {line}");
        }
        println!(
            "  {}   · {}   S {}   + {}",
            legend.join("  "),
            lang.pick("earlier, not now", "曾波及、现已无"),
            lang.pick("shelter", "避难所"),
            lang.pick("hospital", "医院")
        );
    }
    Ok(())
}

/// A layer's map title in `lang`.
pub(crate) fn layer_title(title: &str, lang: Lang) -> String {
    drillsim_reports::labels::chart(lang, title)
}

pub(crate) fn help(lang: Lang) -> &'static str {
    match lang {
        Lang::En => {
            "Commands:
  step [DURATION]     move the clock one tick, or e.g. `step 10min`
  to TIME             move the clock to a time since the start, e.g. `to 2h`
  order ID ACTION     give a plan action as order ID, written as a rule's `do:`,
                      e.g. order boats_out Dispatch(kind: \"water_rescue\")
                      (an ID an inject expects counts as that expected action)
  inject ID           fire an inject by hand in the next tick
  status              response level, people, hazard and teams now
  zones               each zone's people by state, each shelter's occupancy
  injects             the MSEL: which injects fired and which wait
  names               the zones, shelters, team kinds, links … an order can name
  map [HAZARD|LAYER]  each hazard now as a text map (e.g. `map flood`,
                      `map water_speed_ms`, `map release_aegl`)
  end                 stop here and write the run directory and report
  finish              run to the drill's end, then write them
Actions: Warn(zone, channel: Sirens|CellBroadcast|DoorToDoor|Radio), Evacuate(zone, shelter),
  ShelterInPlace(zone), Dispatch(kind, policy, count), RaiseLevel(IV|III|II|I), Sandbag(levee),
  StartPump(ID), Resupply(from, to, item, quantity), CloseRoad(LINK), OpenRoad(LINK),
  TrafficControl(link, close, capacity_factor), AttackFire(teams), Recon(PLACE), Monitor(PLACE),
  Decontaminate(PLACE), SealLeak(RELEASE); as in scenarios/README.md.
Lines starting with # are ignored. Chinese words work too: 推进 到 下令 注入 状态 分区 情景 名称 地图 结束 完成.
"
        }
        Lang::Zh => {
            "命令：
  推进 [时长]          时钟前进一步，或如 `推进 10min`（也可写 step）
  到 时间              时钟走到开始后的某一时间，如 `到 2h`（to）
  下令 编号 行动       以编号下达预案行动，写法同预案规则的 `do:`（order），
                      如 下令 派出冲锋舟 Dispatch(kind: \"water_rescue\")
                      （编号若为某情景注入预期的行动，即计为完成该预期行动）
  注入 编号            下一步手动触发情景注入（inject）
  状态                 当前响应级别、人员、灾情和队伍（status）
  分区                 各分区人员状态与各避难所安置人数（zones）
  情景                 情景注入清单：已触发与待触发（injects）
  名称                 指令可引用的分区、避难所、队伍类型、路段等（names）
  地图 [灾种|图层]     当前灾情的文字地图，如 `地图 flood`、`地图 water_speed_ms`（map）
  结束                 在此结束，写出运行目录和报告（end）
  完成                 运行到演练结束再写出（finish）
行动写法：Warn(zone, channel)、Evacuate(zone, shelter)、ShelterInPlace(zone)、Dispatch(kind, policy, count)、
  RaiseLevel(IV|III|II|I)、Sandbag(levee)、StartPump(编号)、Resupply(from, to, item, quantity)、
  CloseRoad(路段)、OpenRoad(路段)、TrafficControl(link, close, capacity_factor)、AttackFire(teams)、Recon(地点)、
  Monitor(地点)、Decontaminate(地点)、SealLeak(泄漏源)；详见 scenarios/README.md。
以 # 开头的行被忽略。
"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Classes by the highest cell of each block, earlier-only cells as
    /// `·`, marks on top, north first.
    #[test]
    fn a_text_map_shades_each_block_by_its_highest_class() {
        // 4 × 4 cells, one character per 1 × 2 cells: 4 columns, 2 rows.
        let (cols, rows) = (4, 4);
        let mut now = vec![0.0f32; 16];
        let mut peak = vec![0.0f32; 16];
        now[0] = 0.2; // row 0: class 0
        now[4 + 1] = 3.0; // row 1: class 2
        now[8 + 2] = 9.0; // row 2: class 3
        peak[12 + 3] = 1.0; // row 3: was wet, dry now
        let map = text_map(cols, rows, &now, &peak, &[0.1, 1.0, 2.0, 5.0], &[(8, 'S')]);
        assert_eq!(map, ["+----+", "|░▓  |", "|S █·|", "+----+"]);
    }
}
