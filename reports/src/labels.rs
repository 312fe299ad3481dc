//! The fixed words of the report in each language. English follows the
//! HSEEP after-action report / improvement plan (AAR/IP) template; Chinese
//! uses the terms of China's drill-evaluation standard AQ/T 9009-2015
//! (生产安全事故应急演练评估规范): 演练概况, 评估结论, 演练目标, 评估内容,
//! 存在问题, 改进建议 — in the same section order, so a bilingual team can
//! read the two side by side.

use crate::words::Lang;

pub struct Labels {
    pub title: &'static str,
    pub sections: [&'static str; 8],
    pub overview_columns: [&'static str; 2],
    pub overview_items: [&'static str; 9],
    pub sampled_columns: [&'static str; 3],
    pub sampled_intro: &'static str,
    pub objective_columns: [&'static str; 8],
    pub capability_columns: [&'static str; 3],
    pub capabilities_intro: &'static str,
    pub no_objectives: &'static str,
    pub action_columns: [&'static str; 4],
    pub actions_intro: &'static str,
    pub verdicts: [&'static str; 4],
    pub strengths: &'static str,
    pub improvements: &'static str,
    pub none_found: &'static str,
    pub rule: &'static str,
    pub timeline_columns: [&'static str; 4],
    pub no_timeline: &'static str,
    /// Heading and columns of a tabletop session's moves.
    pub decisions: &'static str,
    pub decision_columns: [&'static str; 3],
    /// Heading of the timeline when the decisions come before it.
    pub events_heading: &'static str,
    pub improvement_plan_columns: [&'static str; 6],
    pub improvement_plan_intro: &'static str,
    pub ratings_line: &'static str,
    pub team: &'static str,
    /// The incidents' wait for a first team, by cause: lead-in and columns.
    pub waits_intro: &'static str,
    pub waits_columns: [&'static str; 3],
    pub chart_groups: [&'static str; 5],
    pub notes: [&'static str; 4],
}

pub const EN: Labels = Labels {
    title: "After-action report: ",
    sections: [
        "1. Exercise overview",
        "2. Executive summary",
        "3. Objectives and core capabilities",
        "4. Strengths and areas for improvement",
        "5. Timeline",
        "6. Charts and maps",
        "Appendix A: Improvement plan",
        "Appendix B: How findings are derived",
    ],
    overview_columns: ["Item", "Value"],
    overview_items: [
        "Scenario",
        "Scenario file",
        "Scenario SHA-256",
        "Seed",
        "Replication",
        "Exercise start",
        "Duration",
        "Time step",
        "Engine version",
    ],
    sampled_columns: ["Parameter", "Value", "Where in the scenario"],
    sampled_intro: "Uncertain parameters as sampled for this run:",
    objective_columns: [
        "Objective",
        "Capability",
        "Measure",
        "Value",
        "Target",
        "Rating",
        "Weight",
        "Points",
    ],
    capability_columns: ["Capability", "Rating", "Objectives"],
    capabilities_intro: "Core capabilities (each rated by its worst objective):",
    no_objectives: "The scenario defines no objectives.",
    action_columns: ["Inject", "Expected action", "Delay", "Verdict"],
    actions_intro: "Expected actions (time from the inject to the action):",
    verdicts: ["prompt", "within the hour", "late", "not done"],
    strengths: "Strengths",
    improvements: "Areas for improvement",
    none_found: "None found by the rules of Appendix B.",
    rule: "rule",
    timeline_columns: ["Time", "Event", "Subject", "Detail"],
    no_timeline: "No timeline events were recorded.",
    decisions: "Decisions made at the table",
    decision_columns: ["Time", "Move", "As given"],
    events_heading: "What happened",
    improvement_plan_columns: [
        "Capability",
        "Area for improvement",
        "Corrective action",
        "Responsible",
        "Start date",
        "Completion date",
    ],
    improvement_plan_intro: "To be completed by the exercise planning team: one row per area for improvement.",
    ratings_line: "Ratings (HSEEP): P performed without challenges, S performed with some challenges, M performed with major challenges, U unable to be performed.",
    team: "Team",
    waits_intro: "Where the incidents' wait for a first team went, summed over incidents (from when each arose to the first team on scene, or the end of the drill):",
    waits_columns: ["Cause", "Time", "Share"],
    chart_groups: ["People", "Hazard", "Maps", "Teams", "Supplies"],
    notes: [
        "No supplies tracked in this drill.",
        "Roads, shelters and teams are not drawn on the maps: ",
        "This run wrote no hazard rasters, so there are no maps.",
        "No response teams in this drill.",
    ],
};

pub const ZH: Labels = Labels {
    title: "应急演练评估报告：",
    sections: [
        "一、演练概况",
        "二、评估结论",
        "三、演练目标与评估内容",
        "四、演练成效与存在问题",
        "五、演练过程",
        "六、图表与地图",
        "附录 A：改进建议与整改计划",
        "附录 B：评估方法",
    ],
    overview_columns: ["项目", "内容"],
    overview_items: [
        "演练名称",
        "情景文件",
        "情景文件 SHA-256",
        "随机种子",
        "重复序号",
        "演练开始时间",
        "演练时长",
        "时间步长",
        "引擎版本",
    ],
    sampled_columns: ["参数", "取值", "情景文件中的位置"],
    sampled_intro: "本次运行中不确定参数的抽样值：",
    objective_columns: ["演练目标", "能力", "评估内容", "结果", "目标值", "评定", "权重", "得分"],
    capability_columns: ["能力", "评定", "演练目标"],
    capabilities_intro: "核心能力（按其最差的演练目标评定）：",
    no_objectives: "本情景未设定演练目标。",
    action_columns: ["情景注入", "预期行动", "用时", "结论"],
    actions_intro: "预期行动（从情景注入到采取行动的时间）：",
    verdicts: ["及时", "一小时内", "迟缓", "未完成"],
    strengths: "演练成效",
    improvements: "存在问题",
    none_found: "按附录 B 的规则未发现。",
    rule: "规则",
    timeline_columns: ["时间", "事件", "对象", "详情"],
    no_timeline: "未记录时间线事件。",
    decisions: "推演中的现场决策",
    decision_columns: ["时间", "操作", "内容"],
    events_heading: "事件经过",
    improvement_plan_columns: ["能力", "存在问题", "改进建议", "责任单位", "开始日期", "完成日期"],
    improvement_plan_intro: "由演练组织单位填写：每个存在问题一行。",
    ratings_line: "评定等级（HSEEP）：P 顺利完成，S 基本完成但存在一些问题，M 完成但存在重大问题，U 未能完成。",
    team: "队伍",
    waits_intro: "事件等待首支队伍的时间按原因划分（各事件累计，自事件发生至首支队伍到场，或至演练结束）：",
    waits_columns: ["等待原因", "时长", "占比"],
    chart_groups: ["人员", "灾害", "地图", "队伍", "物资"],
    notes: [
        "本次演练未跟踪物资。",
        "地图上未绘制道路、避难所和队伍：",
        "本次运行未输出灾害栅格，因此没有地图。",
        "本次演练没有救援队伍。",
    ],
};

pub fn labels(lang: Lang) -> &'static Labels {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}

/// A rating's meaning.
pub fn rating_name(r: &str, lang: Lang) -> &'static str {
    match (lang, r) {
        (Lang::En, "P") => "Performed without challenges",
        (Lang::En, "S") => "Performed with some challenges",
        (Lang::En, "M") => "Performed with major challenges",
        (Lang::En, "U") => "Unable to be performed",
        (Lang::En, _) => "Not rated",
        (Lang::Zh, "P") => "顺利完成",
        (Lang::Zh, "S") => "基本完成，存在一些问题",
        (Lang::Zh, "M") => "完成，但存在重大问题",
        (Lang::Zh, "U") => "未能完成",
        (Lang::Zh, _) => "未评定",
    }
}

/// Capability names a scenario may use in English: the response core
/// capabilities of FEMA's National Preparedness Goal (2nd ed., 2015), the
/// shorter forms the bundled drills use, and the report's own (life
/// safety), with the Chinese a district bureau's evaluation uses for them
/// (AQ/T 9009's 指挥协调, 后勤保障 …). Matched without regard to case.
const CAPABILITIES_ZH: [(&str, &str); 25] = [
    ("Planning", "预案与计划"),
    ("Public information and warning", "预警与信息发布"),
    ("Public warning", "预警发布"),
    ("Operational coordination", "指挥协调"),
    ("Infrastructure systems", "基础设施保障"),
    ("Critical transportation", "交通运输保障"),
    ("Environmental response/health and safety", "环境应急与安全防护"),
    ("Fatality management services", "遇难人员善后处置"),
    ("Fire management and suppression", "火灾扑救"),
    ("Fire management", "火灾扑救"),
    ("Logistics and supply chain management", "后勤保障"),
    ("Logistics and supply chain", "后勤保障"),
    ("Mass care services", "群众安置救助"),
    ("Mass care", "群众安置救助"),
    ("Mass search and rescue operations", "人员搜救"),
    ("Mass search and rescue", "人员搜救"),
    ("On-scene security, protection, and law enforcement", "现场警戒与治安"),
    ("Operational communications", "应急通信保障"),
    ("Public health, healthcare, and emergency medical services", "医疗卫生救援"),
    ("Public health and medical", "医疗卫生救援"),
    ("Situational assessment", "灾情研判"),
    ("Life safety", "生命安全"),
    ("Mass evacuation", "人员疏散转移"),
    ("Evacuation", "人员疏散转移"),
    ("Responder safety and health", "救援人员安全"),
];

/// A capability as the report shows it: in Chinese, a known English name
/// in Chinese; any other name (one written in Chinese) as written.
pub fn capability(name: &str, lang: Lang) -> String {
    if lang == Lang::Zh
        && let Some((_, zh)) = CAPABILITIES_ZH.iter().find(|(en, _)| en.eq_ignore_ascii_case(name.trim()))
    {
        return zh.to_string();
    }
    name.to_string()
}

/// The keys of an event's data as the Chinese timeline names them (the
/// English timeline writes the key itself, `people reached`).
pub fn timeline_key_zh(key: &str) -> Option<&'static str> {
    Some(match key {
        "action" => "行动",
        "amount" => "数量",
        "area_km2" => "面积（km²）",
        "by" => "触发",
        "cells" => "网格数",
        "channel" => "渠道",
        "event" => "事件",
        "holder_kind" => "存放点类型",
        "household" => "住户",
        "incident" => "警情",
        "incidents_found" => "发现警情",
        "item" => "物资",
        "left_in_tank_kg" => "罐内剩余（kg）",
        "level" => "响应级别",
        "line_km" => "防火线（km）",
        "note" => "说明",
        "people" => "人数",
        "people_reached" => "覆盖人数",
        "people_short" => "缺口按人计",
        "redirected_to" => "转往",
        "released_kg" => "泄漏量（kg）",
        "since_min" => "始于（分钟）",
        "substance" => "物质",
        "team" => "队伍",
        "where" => "地点",
        "width_m" => "宽度（m）",
        "depth_m" => "深度（m）",
        "shelter" => "避难所",
        "place" => "地点",
        "link" => "路段",
        "duration_min" => "持续（分钟）",
        "ppm" => "浓度（ppm）",
        "aegl" => "AEGL 等级",
        // The readings a casualty row names (`HazardEffects::reading`).
        "buildings_burning" => "建筑燃烧",
        "flame_length_m" => "火焰长度（m）",
        "visibility_m" => "能见度（m）",
        _ => return None,
    })
}

/// A value in an event's data as the Chinese timeline writes it: the
/// scenario language's keywords (an action, an inject's event, a warning
/// channel) in Chinese with the keyword after it, so the row still points
/// at the line of the scenario that made it; substances and the like in
/// Chinese alone. `None`: written as it is (ids, notes, names).
pub fn timeline_value_zh(key: &str, value: &str) -> Option<String> {
    let keyword = |zh: &str| Some(format!("{zh}（{value}）"));
    match (key, value) {
        ("action", "Warn") => keyword("发布预警"),
        ("action", "Evacuate") => keyword("组织转移"),
        ("action", "ShelterInPlace") => keyword("就地避险"),
        ("action", "Dispatch") => keyword("派遣队伍"),
        ("action", "CloseRoad") => keyword("封闭道路"),
        ("action", "OpenRoad") => keyword("开放道路"),
        ("action", "RaiseLevel") => keyword("提升响应级别"),
        ("action", "Sandbag") => keyword("沙袋加固"),
        ("action", "StartPump") => keyword("启动泵站"),
        ("action", "Resupply") => keyword("物资调运"),
        ("action", "TrafficControl") => keyword("交通管制"),
        ("action", "AttackFire") => keyword("扑救火灾"),
        ("action", "Recon") => keyword("侦察"),
        ("action", "SealLeak") => keyword("堵漏"),
        ("action", "Monitor") => keyword("监测"),
        ("action", "Decontaminate") => keyword("洗消"),
        ("event", "LeveeBreach") => keyword("堤防决口"),
        ("event", "RoadClosed") => keyword("道路封闭"),
        ("event", "RoadOpened") => keyword("道路开放"),
        ("event", "CommsOutage") => keyword("通信中断"),
        ("event", "TeamLost") => keyword("队伍失联"),
        ("event", "DepotLost") => keyword("储备库损毁"),
        ("event", "ShelterUnusable") => keyword("避难所不可用"),
        ("event", "ExtraRain") => keyword("追加降雨"),
        ("event", "WindShift") => keyword("风向变化"),
        ("event", "StartRelease") => keyword("泄漏开始"),
        ("event", "Ignite") => keyword("起火"),
        ("event", "Message") => keyword("信息通报"),
        ("channel", "Sirens") => Some("警报器".into()),
        ("channel", "CellBroadcast") => Some("手机预警短信".into()),
        ("channel", "DoorToDoor") => Some("入户通知".into()),
        ("channel", "Radio") => Some("广播".into()),
        ("substance", "Chlorine") => Some("氯气".into()),
        ("substance", "Ammonia") => Some("氨".into()),
        ("substance", "HydrogenSulfide") => Some("硫化氢".into()),
        ("substance", "SulfurDioxide") => Some("二氧化硫".into()),
        ("substance", "HydrogenChloride") => Some("氯化氢".into()),
        ("holder_kind", "shelter") => Some("避难所".into()),
        ("holder_kind", "team") => Some("队伍".into()),
        ("holder_kind", "depot") => Some("储备库".into()),
        ("level", "I") => Some("Ⅰ级".into()),
        ("level", "II") => Some("Ⅱ级".into()),
        ("level", "III") => Some("Ⅲ级".into()),
        ("level", "IV") => Some("Ⅳ级".into()),
        ("by", "sealed") => Some("堵漏".into()),
        ("by", "facilitator") => Some("导调人员".into()),
        _ => None,
    }
}

/// Timeline event kinds with their names; kinds that repeat (a full
/// shelter, a shortfall) appear once per subject.
pub const TIMELINE: [(&str, &str, &str, bool); 25] = [
    ("inject_fired", "Inject", "情景注入", false),
    ("levee_breached", "Levee breached", "堤防决口", false),
    ("road_closed", "Road closed", "道路封闭", false),
    ("road_opened", "Road opened", "道路开放", false),
    ("level_changed", "Response level", "响应级别", false),
    ("warning_issued", "Warning issued", "发布预警", false),
    (
        "shelter_in_place_issued",
        "Shelter-in-place order issued",
        "发布就地避险指令",
        false,
    ),
    ("cloud_measured", "Air measured", "空气监测读数", false),
    ("link_in_cloud", "Road first in the cloud", "道路首次处于毒气云中", true),
    ("rule_fired", "Plan rule fired", "预案规则触发", false),
    ("order_executed", "Order executed", "指令执行", false),
    ("sandbag_line_complete", "Sandbag line complete", "沙袋堤完成", false),
    ("recon_done", "Reconnaissance done", "侦察完成", false),
    ("casualties", "Casualties", "人员伤亡", false),
    ("shelter_full", "Shelter first full", "避难所首次满员", true),
    ("shortfall", "First shortfall", "首次物资缺口", true),
    ("comms_outage", "Communications outage", "通信中断", false),
    ("team_lost", "Team lost", "队伍失联", false),
    ("release_started", "Release started", "泄漏开始", false),
    ("leak_sealed", "Leak sealed", "堵漏完成", false),
    ("release_ended", "Release ended", "泄漏停止", false),
    ("crew_overcome", "Crew overcome by gas", "队员中毒失能", false),
    ("fire_contained", "Fire contained", "火场控制", false),
    ("fire_out", "Fire out", "火灾扑灭", false),
    ("patients_admitted", "Patients admitted", "伤员入院", false),
];

/// Fixed chart text in `lang` (the English is the key).
pub fn chart(lang: Lang, en: &str) -> String {
    if lang == Lang::En {
        return en.to_string();
    }
    let zh = match en {
        "Time since start (h)" => "开始后时间（小时）",
        "People by state over time" => "各状态人数随时间变化",
        "Incidents waiting for a first team, by cause" => "等待首支队伍的事件数（按原因）",
        "Incidents" => "事件数",
        "Cause" => "原因",
        "People" => "人数",
        "State" => "状态",
        "sheltered" => "已安置",
        "travelling" => "途中",
        "preparing to leave" => "准备撤离",
        "warned" => "已预警",
        "at home" => "在家",
        "trapped" => "被困",
        "injured" => "受伤",
        "in hospital" => "住院",
        "dead" => "死亡",
        "Hazard extent over time" => "灾害范围随时间变化",
        "Area (km²)" => "面积（km²）",
        "fire area" => "过火面积",
        "flood area" => "淹没面积",
        "no hazard area recorded" => "未记录灾害范围",
        "Hazard" => "灾害",
        "Easting (km)" => "东向距离（km）",
        "Northing (km)" => "北向距离（km）",
        "open road" => "通行道路",
        "closed or flooded road" => "封闭或淹没道路",
        "population zone" => "居民区",
        "shelter (occupied/capacity)" => "避难所（已用/容量）",
        "shelter full" => "避难所已满",
        "shelter" => "避难所",
        "Team activity" => "队伍活动",
        "Team state" => "队伍状态",
        "mobilising" => "集结",
        "working" => "作业",
        "resting" => "休整",
        "idle" => "待命",
        "lost" => "失联",
        "Depot and shelter stock" => "仓库与避难所物资",
        "Stock (units of the item)" => "库存（物资单位）",
        "shortfall" => "缺口",
        "Holder" => "存放点",
        "MSEL timeline: injects and the actions they expected" => "情景事件清单：情景注入与预期行动",
        "not fired" => "未触发",
        "inject did not fire" => "情景注入未触发",
        "inject fired" => "情景注入触发",
        "not done" => "未完成",
        "MSEL" => "情景事件清单",
        "Points (the drill score is their sum, out of 100)" => "得分（各项之和为演练总分，满分 100）",
        "points possible" => "可得分",
        "HSEEP rating" => "HSEEP 评定",
        "no challenges" => "顺利完成",
        "some challenges" => "存在一些问题",
        "major challenges" => "存在重大问题",
        "unable" => "未能完成",
        "target" => "目标",
        "weight" => "权重",
        "Scorecard: no objectives" => "评分表：无演练目标",
        "Scorecard: drill score" => "评分表：演练得分",
        "at" => "",
        "Maximum" => "最大",
        "over the whole run" => "（全程）",
        "Flood depth" => "洪水水深",
        "Water speed" => "水流速度",
        "Flame length" => "火焰长度",
        "Smoke extinction" => "烟雾消光系数",
        "Buildings burnt" => "烧毁的建筑",
        "Air concentration" => "空气浓度",
        "AEGL zone" => "AEGL 分区",
        // The AEGL zone map's unit: the tier reached.
        "level" => "级",
        "team" => "队伍",
        "task" => "任务",
        "Dose distribution of the population" => "人群剂量分布",
        "Toxic load (ppmⁿ·min), decade" => "毒性负荷（ppmⁿ·分钟，数量级）",
        "Residents" => "居民人数",
        "below AEGL-1" => "低于 AEGL-1",
        "AEGL-1 reached" => "达到 AEGL-1",
        "AEGL-2 reached" => "达到 AEGL-2",
        "AEGL-3 reached" => "达到 AEGL-3",
        "no exposure" => "未接触",
        "Highest air reached" => "最高空气浓度等级",
        "Air concentration at named places" => "各地点空气浓度",
        "Air concentration (ppm)" => "空气浓度（ppm）",
        "Place" => "地点",
        "fire line built" => "已建防火线",
        // The batch report's charts.
        "Drill score over the runs" => "各次运行的演练得分分布",
        "Drill score (out of 100)" => "演练得分（满分 100）",
        "Runs" => "运行次数",
        "runs in the bin" => "该区间的运行次数",
        "mean" => "均值",
        "5th percentile" => "第 5 百分位",
        "95th percentile" => "第 95 百分位",
        "Score" => "得分",
        "Probability of meeting each objective" => "各演练目标的达标概率",
        "Share of runs meeting the objective (%)" => "达标运行比例（%）",
        "Objectives" => "演练目标",
        "share of runs meeting it" => "达标运行比例",
        "95 % interval (Wilson)" => "95 % 区间（Wilson）",
        "all runs" => "全部运行",
        "Share of runs" => "运行比例",
        "Change in the probability of meeting each objective (B − A)" => "各演练目标达标概率的变化（B − A）",
        "Change (percentage points)" => "变化（百分点）",
        "B meets it more often" => "B 达标更多",
        "B meets it less often" => "B 达标更少",
        "95 % interval (paired)" => "95 % 区间（配对）",
        "Change beyond chance" => "超出偶然的变化",
        // The probability rasters the domains declare.
        "probability that smoke cuts visibility below the road-closing distance" => "烟雾使能见度低于封路距离的概率",
        "probability that the cell burns" => "网格过火的概率",
        "probability that the cell's buildings burn" => "网格内建筑烧毁的概率",
        "probability that the cell's air exceeds AEGL-2" => "网格空气浓度超过 AEGL-2 的概率",
        "probability that the cell's air exceeds AEGL-3" => "网格空气浓度超过 AEGL-3 的概率",
        "probability that the maximum water depth exceeds 0.5 m" => "最大水深超过 0.5 m 的概率",
        "probability that the cell floods (maximum depth above 0.1 m)" => "网格被淹（最大水深超过 0.1 m）的概率",
        "probability that someone is trapped in the cell at some point" => "网格内曾有人员被困的概率",
        other => other,
    };
    zh.to_string()
}

/// A team's task as the events spell it (`fireline #0`, `recon
/// riverside_south`; `drillsim`'s `Task::label`), in `lang`. The site
/// number or place after the task's name is kept as written.
pub fn task(lang: Lang, label: &str) -> String {
    if lang == Lang::En {
        return label.to_string();
    }
    const ZH: [(&str, &str); 14] = [
        ("sandbag levee ", "沙袋堵堤 "),
        ("pump ", "排涝 "),
        ("fireline ", "开设防火线 "),
        ("mop-up ", "清理余火 "),
        ("seal leak ", "堵漏 "),
        ("monitor air ", "空气监测 "),
        ("decon line ", "洗消 "),
        ("rescue ", "救援 "),
        ("transport ", "转运 "),
        ("casualty ", "伤员救护 "),
        ("to decontamination ", "送往洗消 "),
        ("to hospital ", "送医 "),
        ("traffic control link ", "交通管制 路段 "),
        ("recon ", "侦察 "),
    ];
    ZH.iter()
        .find_map(|(en, zh)| label.strip_prefix(en).map(|rest| format!("{zh}{rest}")))
        .unwrap_or_else(|| label.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use drillsim::domains::teams::Task;
    use drillsim::world::tasks::WorkKind;

    /// Every task a team can report reads in Chinese on the maps, with its
    /// site number kept; English stays as the events spell it.
    #[test]
    fn every_task_label_has_a_chinese_reading() {
        let kinds = [
            WorkKind::Sandbag,
            WorkKind::Pump,
            WorkKind::Fireline,
            WorkKind::MopUp,
            WorkKind::SealLeak,
            WorkKind::Monitor,
            WorkKind::Decon,
        ];
        let mut tasks: Vec<Task> = kinds.iter().map(|&kind| Task::Site { kind, site: 7, cell: 0 }).collect();
        tasks.extend([
            Task::Rescue { incident: 7 },
            Task::Transport { incident: 7, shelter: 0 },
            Task::Casualty { incident: 7 },
            Task::ToDecon { incident: 7, line: 0 },
            Task::ToHospital { incident: 7, hospital: 0 },
            Task::TrafficControl {
                link: 7,
                close: true,
                factor: 1.0,
            },
        ]);
        for t in &tasks {
            let en = t.label();
            assert_eq!(task(Lang::En, &en), en);
            let zh = task(Lang::Zh, &en);
            assert!(zh.ends_with("#7"), "{en} → {zh}: the site number is lost");
            assert!(!zh.chars().any(|c| c.is_ascii_alphabetic()), "{en} → {zh}: not translated");
        }
        let recon = Task::Recon {
            cell: 0,
            place: "山顶避难所".into(),
        };
        assert_eq!(task(Lang::Zh, &recon.label()), "侦察 山顶避难所");
    }

    /// A capability written in English reads in Chinese in a Chinese report
    /// (whatever its case); one written in Chinese, or unknown, as written;
    /// English reports keep every name.
    #[test]
    fn capabilities_read_in_the_report_language() {
        assert_eq!(capability("Operational coordination", Lang::Zh), "指挥协调");
        assert_eq!(capability("fire management", Lang::Zh), "火灾扑救");
        assert_eq!(capability("Mass search and rescue operations", Lang::Zh), "人员搜救");
        assert_eq!(capability("Fire management", Lang::En), "Fire management");
        assert_eq!(capability("森林防火", Lang::Zh), "森林防火");
        assert_eq!(capability("Bridge inspection", Lang::Zh), "Bridge inspection");
        for (en, zh) in CAPABILITIES_ZH {
            assert_eq!(capability(en, Lang::Zh), zh);
            assert!(!zh.chars().any(|c| c.is_ascii_alphabetic()), "{en} → {zh}");
        }
    }
}
