//! Explanations as text an agency can read, in Chinese (zh-CN) or English.

use super::Outcome;
use super::explain::{Cause, Exclusion, Explanation, How, IndicatorLine, RecordRef};
use crate::policy::{Directed, Rounding};
use serde::{Deserialize, Serialize};
use std::fmt::{self, Write};

/// The language of a rendered explanation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Simplified Chinese (zh-CN), the language of the Measures.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Reads `zh` or `en`.
    pub fn parse(text: &str) -> Option<Lang> {
        match text {
            "zh" | "zh-CN" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    fn pick(self, zh: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

impl Explanation {
    /// The explanation as text in `lang`.
    ///
    /// # Example
    /// ```
    /// use ecograde::{Agency, AgencyId, Lang, Policy, Service, agency::Cycle};
    /// let policy = Policy::beijing_2026();
    /// let id = AgencyId::new("91110108MA01ABCD5T").unwrap();
    /// let agency = Agency::new(id, "示例", vec![Service::PublicMonitoring]);
    /// let cycle = Cycle::new(2026, None).unwrap();
    /// let text = policy.evaluate(&agency, &cycle).unwrap().explanation().render(Lang::En);
    /// assert!(text.contains("excluded"));
    /// ```
    pub fn render(&self, lang: Lang) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = write_explanation(&mut out, self, lang);
        out
    }
}

impl fmt::Display for Explanation {
    /// English text; use [`Explanation::render`] for Chinese.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

fn outcome_text(outcome: Outcome, lang: Lang) -> String {
    match (outcome, lang) {
        (Outcome::Graded { grade }, Lang::Zh) => format!("{grade} 级"),
        (Outcome::Graded { grade }, Lang::En) => format!("graded {grade}"),
        (Outcome::NotGraded, _) => lang.pick("不予定级", "not graded").to_owned(),
        (Outcome::Excluded, _) => lang.pick("不参与分级", "excluded from grading").to_owned(),
    }
}

fn directed_text(directed: Directed, lang: Lang) -> String {
    match (directed, lang) {
        (Directed::Grade(g), Lang::Zh) => format!("直接定为 {g} 级"),
        (Directed::Grade(g), Lang::En) => format!("grade {g} directly"),
        (Directed::NotGraded, _) => lang.pick("不予定级", "not graded").to_owned(),
    }
}

fn rounding_text(rounding: Rounding, lang: Lang) -> &'static str {
    match rounding {
        Rounding::HalfUp => lang.pick("四舍五入", "half-up"),
        Rounding::HalfEven => lang.pick("四舍六入五成双", "half-even"),
        Rounding::Down => lang.pick("舍去（向零）", "down"),
        Rounding::Up => lang.pick("进一（远离零）", "up"),
    }
}

fn record_text(r: &RecordRef, lang: Lang) -> String {
    let mut text = format!("{} {}", r.on, r.kind);
    if let Some(reference) = &r.reference {
        let _ = write!(text, " {reference}");
    }
    if let Some(repaired) = r.repaired_on {
        let _ = match lang {
            Lang::Zh => write!(text, "，{repaired} 已信用修复"),
            Lang::En => write!(text, ", repaired {repaired}"),
        };
    }
    text
}

fn records_text(records: &[RecordRef], lang: Lang) -> String {
    let parts: Vec<String> = records.iter().map(|r| record_text(r, lang)).collect();
    parts.join(lang.pick("；", "; "))
}

fn how_text(line: &IndicatorLine, lang: Lang) -> String {
    match (&line.how, lang) {
        (How::Given { input }, Lang::Zh) => format!("填报 {input}"),
        (How::Given { input }, Lang::En) => format!("given {input}"),
        (How::Defaulted { default }, Lang::Zh) => format!("未填报，按默认值 {default}"),
        (How::Defaulted { default }, Lang::En) => format!("no input, default {default}"),
        (
            How::Stepped {
                input,
                defaulted,
                at_least,
            },
            _,
        ) => {
            let source = match (defaulted, lang) {
                (true, Lang::Zh) => "（默认值）",
                (true, Lang::En) => " (default)",
                (false, _) => "",
            };
            let points = line.points.unwrap_or_default();
            match (at_least, lang) {
                (Some(t), Lang::Zh) => format!("实测 {input}{source} ≥ {t} → {points} 分"),
                (Some(t), Lang::En) => format!("measured {input}{source} ≥ {t} → {points}"),
                (None, Lang::Zh) => format!("实测 {input}{source} 低于最低档 → 0 分"),
                (None, Lang::En) => format!("measured {input}{source} below every step → 0"),
            }
        }
        (
            How::Deducted {
                records,
                each,
                off,
                floor,
                floored,
            },
            _,
        ) => {
            let count = records.len();
            let mut text = match lang {
                Lang::Zh if count == 0 => "周期内无相关记录，不扣分".to_owned(),
                Lang::En if count == 0 => "no records in the cycle, nothing off".to_owned(),
                Lang::Zh => format!("{count} 条记录 × {each} = 扣 {off} 分"),
                Lang::En => {
                    let noun = if count == 1 { "record" } else { "records" };
                    format!("{count} {noun} × {each} = {off} off")
                }
            };
            if *floored {
                let _ = match lang {
                    Lang::Zh => write!(text, "，不低于保底 {floor} 分"),
                    Lang::En => write!(text, ", held at the floor of {floor}"),
                };
            }
            if count > 0 {
                let (open, close) = (lang.pick("（", " ("), lang.pick("）", ")"));
                let _ = write!(text, "{open}{}{close}", records_text(records, lang));
            }
            text
        }
        (How::Missing, _) => lang
            .pick("未填报且无默认值", "no input and no default")
            .to_owned(),
    }
}

fn points_text(
    points: Option<rust_decimal::Decimal>,
    max: rust_decimal::Decimal,
    lang: Lang,
) -> String {
    let points = points.map_or_else(|| "—".to_owned(), |p| p.to_string());
    match lang {
        Lang::Zh => format!("{points} / {max} 分"),
        Lang::En => format!("{points} of {max}"),
    }
}

fn write_explanation(out: &mut String, e: &Explanation, lang: Lang) -> fmt::Result {
    writeln!(out, "{} {}", e.agency, e.name)?;
    match lang {
        Lang::Zh => writeln!(
            out,
            "指标体系 {} {}（sha256 {}），评价周期 {} 年，定级日期 {}",
            e.policy.id, e.policy.version, e.policy.sha256, e.cycle, e.as_of
        )?,
        Lang::En => writeln!(
            out,
            "policy {} {} (sha256 {}), cycle {}, graded on {}",
            e.policy.id, e.policy.version, e.policy.sha256, e.cycle, e.as_of
        )?,
    }
    writeln!(
        out,
        "{}{}",
        lang.pick("结果：", "outcome: "),
        outcome_text(e.outcome, lang)
    )?;

    if let Some(exclusion) = &e.exclusion {
        match (exclusion, lang) {
            (
                Exclusion::NoGradedService {
                    services,
                    graded_services,
                },
                _,
            ) => {
                let list = |s: &[crate::agency::Service]| {
                    s.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
                };
                match lang {
                    Lang::Zh => writeln!(
                        out,
                        "原因：机构备案的服务为 [{}]，不含参与分级的服务 [{}]（G1：仅对自行监测机构分级）",
                        list(services),
                        list(graded_services)
                    )?,
                    Lang::En => writeln!(
                        out,
                        "why: it offers [{}], none of the graded services [{}] (G1: only self-monitoring agencies are graded)",
                        list(services),
                        list(graded_services)
                    )?,
                }
            }
            (Exclusion::NotYetFiled { filed_on }, Lang::Zh) => writeln!(
                out,
                "原因：备案日期 {filed_on} 晚于定级日期，尚未纳入备案名录（G1、F4）"
            )?,
            (Exclusion::NotYetFiled { filed_on }, Lang::En) => writeln!(
                out,
                "why: filed on {filed_on}, after the grading date, so not yet in the register (G1, F4)"
            )?,
        }
        return Ok(());
    }

    writeln!(out)?;
    writeln!(out, "{}", lang.pick("指标得分", "indicators"))?;
    for group in &e.groups {
        let label = group
            .group
            .as_deref()
            .unwrap_or(lang.pick("（未分组）", "(ungrouped)"));
        writeln!(
            out,
            "  {label}  {}{}",
            lang.pick("小计 ", "subtotal "),
            points_text(group.points, group.max, lang)
        )?;
        for line in e
            .indicators
            .iter()
            .filter(|l| !l.bonus && l.group == group.group)
        {
            write_line(out, line, lang)?;
        }
    }
    if e.indicators.iter().any(|l| l.bonus) {
        writeln!(out, "  {}", lang.pick("加分项", "bonus"))?;
        for line in e.indicators.iter().filter(|l| l.bonus) {
            write_line(out, line, lang)?;
        }
    }

    writeln!(out)?;
    match &e.score {
        Some(s) => {
            let cap = match (s.capped, lang) {
                (true, Lang::Zh) => format!("，超过上限，按 {} 计", s.cap),
                (true, Lang::En) => format!(", above the cap, counted as {}", s.cap),
                (false, Lang::Zh) => format!("（上限 {}）", s.cap),
                (false, Lang::En) => format!(" (cap {})", s.cap),
            };
            let sum = s.base + s.bonus;
            match lang {
                Lang::Zh => writeln!(
                    out,
                    "总分：基础分 {} + 加分 {} = {}{cap}",
                    s.base,
                    s.bonus,
                    sum.normalize()
                )?,
                Lang::En => writeln!(
                    out,
                    "total: base {} + bonus {} = {}{cap}",
                    s.base,
                    s.bonus,
                    sum.normalize()
                )?,
            }
            let mode = rounding_text(s.rounding, lang);
            match lang {
                Lang::Zh => writeln!(
                    out,
                    "取整：{} → {}（{mode}，保留 {} 位小数）",
                    s.total, s.rounded, s.places
                )?,
                Lang::En => writeln!(
                    out,
                    "rounding: {} → {}, {mode} to {} places",
                    s.total, s.rounded, s.places
                )?,
            }
        }
        None => writeln!(
            out,
            "{}",
            lang.pick(
                "总分：因缺少填报数据未计算（已直接定级）",
                "total: not computed, inputs are missing (an override decided)"
            )
        )?,
    }
    if let Some(band) = &e.band {
        let close = if band.upper_inclusive { "]" } else { ")" };
        match lang {
            Lang::Zh => writeln!(
                out,
                "等级：{} 级，分数区间 [{}, {}{close}（G3）",
                band.grade, band.min, band.upper
            )?,
            Lang::En => writeln!(
                out,
                "band: {}, scores [{}, {}{close} (G3)",
                band.grade, band.min, band.upper
            )?,
        }
    }
    if let Some(next) = &e.next {
        match lang {
            Lang::Zh => writeln!(
                out,
                "距上一等级：{} 级需 {} 分，尚差 {} 分",
                next.grade, next.min, next.lacking
            )?,
            Lang::En => writeln!(
                out,
                "next grade: {} needs {}, {} points short",
                next.grade, next.min, next.lacking
            )?,
        }
    }

    if e.overrides.is_empty() {
        writeln!(
            out,
            "{}",
            lang.pick("直接定级：无", "overrides: none fired")
        )?;
    } else {
        writeln!(
            out,
            "{}",
            lang.pick(
                "直接定级（按优先级从高到低）：",
                "overrides fired, highest priority first:"
            )
        )?;
        for o in &e.overrides {
            let mark = if o.won { "✓" } else { " " };
            match lang {
                Lang::Zh => write!(
                    out,
                    "  {mark} {}：{}，优先级 {}，依据 {}",
                    o.id,
                    directed_text(o.outcome, lang),
                    o.priority,
                    o.rule
                )?,
                Lang::En => write!(
                    out,
                    "  {mark} {}: {}, priority {}, rule {}",
                    o.id,
                    directed_text(o.outcome, lang),
                    o.priority,
                    o.rule
                )?,
            }
            if let Some(years) = o.lock_years.filter(|_| o.won) {
                match lang {
                    Lang::Zh => write!(out, "，{years} 年内不予提级（D5）")?,
                    Lang::En => write!(out, ", no upgrade for {years} years (D5)")?,
                }
            }
            writeln!(out)?;
            for cause in &o.because {
                let text = match (cause, lang) {
                    (
                        Cause::BadCredit {
                            active: true,
                            records,
                        },
                        Lang::Zh,
                    ) => {
                        format!(
                            "定级日期 {} 存在有效的信用不良记录：{}",
                            e.as_of,
                            records_text(records, lang)
                        )
                    }
                    (
                        Cause::BadCredit {
                            active: true,
                            records,
                        },
                        Lang::En,
                    ) => {
                        format!(
                            "bad credit active on {}: {}",
                            e.as_of,
                            records_text(records, lang)
                        )
                    }
                    (Cause::BadCredit { active: false, .. }, Lang::Zh) => {
                        format!("定级日期 {} 无有效的信用不良记录", e.as_of)
                    }
                    (Cause::BadCredit { active: false, .. }, Lang::En) => {
                        format!("no bad credit active on {}", e.as_of)
                    }
                    (Cause::RecordsInCycle { records }, Lang::Zh) => {
                        format!("评价周期内的记录：{}", records_text(records, lang))
                    }
                    (Cause::RecordsInCycle { records }, Lang::En) => {
                        format!("records in the cycle: {}", records_text(records, lang))
                    }
                    (Cause::Business { business: false }, _) => lang
                        .pick("评价周期内无相关业务", "no relevant business in the cycle")
                        .to_owned(),
                    (Cause::Business { business: true }, _) => lang
                        .pick("评价周期内有相关业务", "relevant business in the cycle")
                        .to_owned(),
                };
                writeln!(out, "      {}{text}", lang.pick("因：", "because: "))?;
            }
            if let Some(basis) = &o.basis {
                writeln!(out, "      {}{basis}", lang.pick("依据：", "basis: "))?;
            }
        }
        if let Some(winner) = e.overrides.iter().find(|o| o.won) {
            match lang {
                Lang::Zh => writeln!(
                    out,
                    "结果由 `{}` 决定（{}），不看分数",
                    winner.id, winner.rule
                )?,
                Lang::En => writeln!(
                    out,
                    "the outcome is decided by `{}` ({}), whatever the score",
                    winner.id, winner.rule
                )?,
            }
        }
    }
    Ok(())
}

fn write_line(out: &mut String, line: &IndicatorLine, lang: Lang) -> fmt::Result {
    writeln!(
        out,
        "    {} {}  {}  {}",
        line.id,
        line.name,
        points_text(line.points, line.max, lang),
        how_text(line, lang)
    )
}
