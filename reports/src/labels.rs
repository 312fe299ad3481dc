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
    pub improvement_plan_columns: [&'static str; 6],
    pub improvement_plan_intro: &'static str,
    pub ratings_line: &'static str,
    pub team: &'static str,
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
    improvement_plan_columns: ["能力", "存在问题", "改进建议", "责任单位", "开始日期", "完成日期"],
    improvement_plan_intro: "由演练组织单位填写：每个存在问题一行。",
    ratings_line: "评定等级（HSEEP）：P 顺利完成，S 基本完成但存在一些问题，M 完成但存在重大问题，U 未能完成。",
    team: "队伍",
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

/// Timeline event kinds with their names; kinds that repeat (a full
/// shelter, a shortfall) appear once per subject.
pub const TIMELINE: [(&str, &str, &str, bool); 16] = [
    ("inject_fired", "Inject", "情景注入", false),
    ("levee_breached", "Levee breached", "堤防决口", false),
    ("road_closed", "Road closed", "道路封闭", false),
    ("road_opened", "Road opened", "道路开放", false),
    ("level_changed", "Response level", "响应级别", false),
    ("warning_issued", "Warning issued", "发布预警", false),
    ("rule_fired", "Plan rule fired", "预案规则触发", false),
    ("order_executed", "Order executed", "指令执行", false),
    ("sandbag_line_complete", "Sandbag line complete", "沙袋堤完成", false),
    ("recon_done", "Reconnaissance done", "侦察完成", false),
    ("casualties", "Casualties", "人员伤亡", false),
    ("shelter_full", "Shelter first full", "避难所首次满员", true),
    ("shortfall", "First shortfall", "首次物资缺口", true),
    ("comms_outage", "Communications outage", "通信中断", false),
    ("team_lost", "Team lost", "队伍失联", false),
    ("patients_admitted", "Patients admitted", "伤员入院", false),
];
