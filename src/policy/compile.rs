//! Compiling a [`PolicyDoc`] into a [`Policy`]: every value is read exactly and given its
//! domain type, every rule of [`crate::check`] runs, and a policy with any error does not load.

use super::doc::{IndicatorDoc, OverrideDoc, PolicyDoc, S};
use super::number::{Num, exact};
use super::{
    Band, Directed, Grade, Indicator, IndicatorId, LoadError, Override, OverrideId, Policy,
    PolicyId, PolicyRef, Rounding, Rule, ScoreRule, Step, When,
};
use crate::agency::{BUILT_IN_BAD_CREDIT, RecordKind, Service};
use crate::check::{self, Code, Diagnostic, Location, Report};
use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use toml::de::{DeTable, DeValue};

/// The only schema this version reads.
pub(crate) const SCHEMA: i64 = 1;

/// Where each compiled item was written, for the checks' messages.
#[derive(Debug, Clone)]
pub(crate) struct Sites {
    pub policy: Location,
    pub effective_from: Location,
    pub effective_until: Option<Location>,
    pub score_max: Location,
    pub bands: Vec<BandSites>,
    pub credit_bad: Vec<Location>,
    pub declared_kinds: Vec<Location>,
    pub indicators: Vec<IndicatorSites>,
    pub overrides: Vec<OverrideSites>,
}

#[derive(Debug, Clone)]
pub(crate) struct BandSites {
    pub grade: Location,
    pub min: Location,
}

#[derive(Debug, Clone)]
pub(crate) struct IndicatorSites {
    pub id: Location,
    pub max: Location,
    pub default: Option<Location>,
    pub each: Option<Location>,
    pub floor: Option<Location>,
    /// One per step, at the step's `[threshold, points]`.
    pub steps: Vec<Location>,
    pub range: Option<Location>,
}

#[derive(Debug, Clone)]
pub(crate) struct OverrideSites {
    pub id: Location,
    pub when: Location,
    pub priority: Location,
    pub lock_years: Option<Location>,
}

pub(crate) fn compile(source: &str, origin: &str) -> Result<Policy, LoadError> {
    let mut cx = Cx {
        source,
        file: origin,
        report: Report::default(),
    };
    // One parse: the schema is read off the parsed table first, so a newer format is
    // reported as such rather than as unknown keys; then the same table is deserialized.
    let table = DeTable::parse(source).map_err(|e| cx.toml_error(&e))?;
    let schema = table
        .get_ref()
        .iter()
        .find(|(key, _)| key.get_ref() == "schema");
    cx.schema(schema.map(|(_, value)| value));
    if !cx.report.passed() {
        return Err(LoadError::Invalid(cx.report));
    }
    let doc = PolicyDoc::deserialize(toml::de::Deserializer::from(table))
        .map_err(|e| cx.toml_error(&e))?;
    let compiled = cx.policy(&doc);
    let mut report = cx.report;
    match compiled {
        Some((mut policy, sites)) if report.passed() => {
            check::run_all(&policy, &sites, &mut report);
            report.sort();
            if report.passed() {
                policy.warnings = report.diagnostics;
                Ok(policy)
            } else {
                Err(LoadError::Invalid(report))
            }
        }
        _ => {
            report.sort();
            Err(LoadError::Invalid(report))
        }
    }
}

struct Cx<'a> {
    source: &'a str,
    file: &'a str,
    report: Report,
}

impl Cx<'_> {
    fn at<T>(&self, spanned: &S<T>) -> Location {
        Location::in_source(self.file, self.source, spanned.span())
    }

    fn error(&mut self, code: Code, message: String, at: Location) {
        self.report.push(Diagnostic::new(code, message, Some(at)));
    }

    fn toml_error(&self, e: &toml::de::Error) -> LoadError {
        let message = e.message().trim_end_matches('.').to_owned();
        let code = if message.starts_with("unknown field") {
            Code::UnknownKey
        } else {
            Code::Syntax
        };
        let at = e
            .span()
            .map(|span| Location::in_source(self.file, self.source, span));
        let at = at.or_else(|| Some(Location::in_source(self.file, self.source, 0..0)));
        let mut report = Report::default();
        report.push(Diagnostic::new(code, message, at));
        LoadError::Invalid(report)
    }

    fn schema(&mut self, schema: Option<&S<DeValue<'_>>>) {
        match schema {
            None => self.error(
                Code::Schema,
                format!("the policy does not say its format: add `schema = {SCHEMA}` at the top"),
                Location::in_source(self.file, self.source, 0..0),
            ),
            Some(value) if !is_schema(value.get_ref()) => {
                let at = self.at(value);
                self.error(
                    Code::Schema,
                    format!(
                        "schema `{}` is not supported; this version of ecograde reads schema {SCHEMA}",
                        match value.get_ref() {
                            DeValue::Integer(i) => i.as_str().to_owned(),
                            DeValue::String(s) => format!("\"{s}\""),
                            other => other.type_str().to_owned(),
                        }
                    ),
                    at,
                );
            }
            Some(_) => {}
        }
    }

    fn decimal(&mut self, num: &S<Num>) -> Option<Decimal> {
        let literal = self.source.get(num.span()).unwrap_or("");
        match exact(num.get_ref(), literal) {
            Ok(d) => Some(d),
            Err(message) => {
                let at = self.at(num);
                self.error(Code::InvalidValue, message, at);
                None
            }
        }
    }

    fn date(&mut self, value: &S<toml::value::Datetime>, key: &str) -> Option<Date> {
        let dt = value.get_ref();
        let date = match (dt.date, dt.time, dt.offset) {
            (Some(d), None, None) => Date::new(d.year as i16, d.month as i8, d.day as i8).ok(),
            _ => None,
        };
        if date.is_none() {
            let at = self.at(value);
            self.error(
                Code::InvalidValue,
                format!("`{key}` must be a date like 2026-01-01, found `{dt}`"),
                at,
            );
        }
        date
    }

    fn named<T>(&mut self, text: &S<String>, make: fn(&str) -> Result<T, String>) -> Option<T> {
        match make(text.get_ref()) {
            Ok(v) => Some(v),
            Err(message) => {
                let at = self.at(text);
                self.error(Code::InvalidValue, message, at);
                None
            }
        }
    }

    fn kind(&mut self, text: &S<String>) -> Option<RecordKind> {
        self.named(text, |t| RecordKind::new(t).map_err(|e| e.to_string()))
    }

    fn kinds(&mut self, texts: &[S<String>]) -> (Vec<RecordKind>, Vec<Location>) {
        let mut kinds = Vec::new();
        let mut sites = Vec::new();
        for text in texts {
            if let Some(kind) = self.kind(text) {
                kinds.push(kind);
                sites.push(self.at(text));
            }
        }
        (kinds, sites)
    }

    fn policy(&mut self, doc: &PolicyDoc) -> Option<(Policy, Sites)> {
        let meta = doc.policy.get_ref();
        let id = self.named(&meta.id, PolicyId::new);
        let version = meta.version.get_ref().trim().to_owned();
        if version.is_empty() {
            let at = self.at(&meta.version);
            self.error(Code::InvalidValue, "`version` is empty".to_owned(), at);
        }
        let effective_from = self.date(&meta.effective_from, "effective_from");
        let effective_until = match &meta.effective_until {
            Some(until) => self.date(until, "effective_until").map(Some),
            None => Some(None),
        };
        let mut graded_services = Vec::new();
        for name in meta.graded_services.get_ref() {
            match Service::parse(name.get_ref()) {
                Some(service) if !graded_services.contains(&service) => {
                    graded_services.push(service)
                }
                Some(_) => {}
                None => {
                    let at = self.at(name);
                    self.error(
                        Code::InvalidValue,
                        format!(
                            "unknown service `{}`, expected `self-monitoring` or `public-monitoring`",
                            name.get_ref()
                        ),
                        at,
                    );
                }
            }
        }
        if meta.graded_services.get_ref().is_empty() {
            let at = self.at(&meta.graded_services);
            self.error(
                Code::InvalidValue,
                "`graded_services` is empty: no agency would be graded (G1)".to_owned(),
                at,
            );
        }

        let score = self.score(doc);
        let (bands, band_sites) = self.bands(doc);
        let (credit_bad, credit_sites) = match &doc.credit {
            Some(credit) => self.kinds(&credit.get_ref().bad),
            None => (
                BUILT_IN_BAD_CREDIT
                    .iter()
                    .filter_map(|k| RecordKind::new(k).ok())
                    .collect(),
                Vec::new(),
            ),
        };
        let (declared_kinds, declared_sites) = match &doc.records {
            Some(records) => self.kinds(&records.get_ref().kinds),
            None => (Vec::new(), Vec::new()),
        };
        let mut indicators = Vec::new();
        let mut indicator_sites = Vec::new();
        for indicator in &doc.indicator {
            if let Some((ind, sites)) = self.indicator(indicator.get_ref()) {
                indicators.push(ind);
                indicator_sites.push(sites);
            }
        }
        let mut overrides = Vec::new();
        let mut override_sites = Vec::new();
        for over in &doc.overrides {
            if let Some((ov, sites)) = self.override_(over.get_ref()) {
                overrides.push(ov);
                override_sites.push(sites);
            }
        }

        let mut by_priority: Vec<usize> = (0..overrides.len()).collect();
        by_priority.sort_by_key(|&i| std::cmp::Reverse(overrides.get(i).map_or(0, |o| o.priority)));

        let mut known_kinds: BTreeSet<RecordKind> = BUILT_IN_BAD_CREDIT
            .iter()
            .filter_map(|k| RecordKind::new(k).ok())
            .collect();
        known_kinds.extend(credit_bad.iter().cloned());
        known_kinds.extend(declared_kinds.iter().cloned());
        for indicator in &indicators {
            if let Rule::Deduct { kinds, .. } = &indicator.rule {
                known_kinds.extend(kinds.iter().cloned());
            }
        }
        for over in &overrides {
            if let Some(kinds) = &over.when.records_in_cycle {
                known_kinds.extend(kinds.iter().cloned());
            }
        }

        let sites = Sites {
            policy: self.at(&doc.policy),
            effective_from: self.at(&meta.effective_from),
            effective_until: meta.effective_until.as_ref().map(|u| self.at(u)),
            score_max: self.at(&doc.score.get_ref().max),
            bands: band_sites,
            credit_bad: credit_sites,
            declared_kinds: declared_sites,
            indicators: indicator_sites,
            overrides: override_sites,
        };
        let policy = Policy {
            reference: PolicyRef {
                id: id?,
                version,
                sha256: hex_sha256(self.source.as_bytes()),
            },
            title: meta.title.clone(),
            description: meta.description.clone(),
            basis: meta.basis.clone(),
            effective_from: effective_from?,
            effective_until: effective_until?,
            graded_services,
            score: score?,
            bands,
            credit_bad,
            declared_kinds,
            indicators,
            overrides,
            by_priority,
            known_kinds,
            warnings: Vec::new(),
            origin: self.file.to_owned(),
        };
        Some((policy, sites))
    }

    fn score(&mut self, doc: &PolicyDoc) -> Option<ScoreRule> {
        let score = doc.score.get_ref();
        let max = self.decimal(&score.max);
        if let Some(max) = max {
            if max <= Decimal::ZERO {
                let at = self.at(&score.max);
                self.error(
                    Code::InvalidValue,
                    format!("`score.max` is `{max}`; it must be above 0"),
                    at,
                );
            }
        }
        let places = score.places.get_ref().0;
        let places = match u32::try_from(places) {
            Ok(p) if p <= 10 => Some(p),
            _ => {
                let at = self.at(&score.places);
                self.error(
                    Code::InvalidValue,
                    format!("`places` is `{places}`; it must be between 0 and 10"),
                    at,
                );
                None
            }
        };
        let rounding = match Rounding::parse(score.rounding.get_ref()) {
            Some(r) => Some(r),
            None => {
                let at = self.at(&score.rounding);
                self.report.push(
                    Diagnostic::new(
                        Code::UnknownRounding,
                        format!("unknown rounding `{}`", score.rounding.get_ref()),
                        Some(at),
                    )
                    .with_help("use one of `half-up`, `half-even`, `down`, `up`"),
                );
                None
            }
        };
        Some(ScoreRule {
            max: max?,
            places: places?,
            rounding: rounding?,
        })
    }

    fn bands(&mut self, doc: &PolicyDoc) -> (Vec<Band>, Vec<BandSites>) {
        let mut bands = Vec::new();
        let mut sites = Vec::new();
        for band in &doc.band {
            let band = band.get_ref();
            let grade = Grade::parse(band.grade.get_ref());
            if grade.is_none() {
                let at = self.at(&band.grade);
                self.error(
                    Code::InvalidValue,
                    format!(
                        "unknown grade `{}`, expected `A`, `B`, `C` or `D` (G3)",
                        band.grade.get_ref()
                    ),
                    at,
                );
            }
            let min = self.decimal(&band.min);
            if let (Some(grade), Some(min)) = (grade, min) {
                bands.push(Band { grade, min });
                sites.push(BandSites {
                    grade: self.at(&band.grade),
                    min: self.at(&band.min),
                });
            }
        }
        (bands, sites)
    }

    fn misplaced<T>(&mut self, key: &str, value: Option<&S<T>>, rule: &str) {
        if let Some(value) = value {
            let at = self.at(value);
            self.error(
                Code::RuleFields,
                format!("`{key}` does not belong to a `{rule}` indicator"),
                at,
            );
        }
    }

    fn required<'d, T>(
        &mut self,
        key: &str,
        value: Option<&'d S<T>>,
        rule: &str,
        id: &S<String>,
    ) -> Option<&'d S<T>> {
        if value.is_none() {
            let at = self.at(id);
            self.error(
                Code::RuleFields,
                format!(
                    "indicator `{}` has rule `{rule}` but no `{key}`",
                    id.get_ref()
                ),
                at,
            );
        }
        value
    }

    fn indicator(&mut self, doc: &IndicatorDoc) -> Option<(Indicator, IndicatorSites)> {
        let id = self.named(&doc.id, IndicatorId::new);
        let max = self.decimal(&doc.max);
        if let Some(max) = max {
            if max <= Decimal::ZERO {
                let at = self.at(&doc.max);
                self.error(
                    Code::InvalidValue,
                    format!(
                        "indicator `{}` has `max` `{max}`; it must be above 0",
                        doc.id.get_ref()
                    ),
                    at,
                );
            }
        }
        let default = doc.default.as_ref().and_then(|d| self.decimal(d));
        let mut step_sites = Vec::new();
        let rule_name = doc.rule.get_ref().as_str();
        let rule = match rule_name {
            "points" => {
                self.misplaced("each", doc.each.as_ref(), rule_name);
                self.misplaced("kinds", doc.kinds.as_ref(), rule_name);
                self.misplaced("floor", doc.floor.as_ref(), rule_name);
                self.misplaced("steps", doc.steps.as_ref(), rule_name);
                self.misplaced("range", doc.range.as_ref(), rule_name);
                Some(Rule::Points)
            }
            "deduct" => {
                self.misplaced("steps", doc.steps.as_ref(), rule_name);
                self.misplaced("range", doc.range.as_ref(), rule_name);
                self.misplaced("default", doc.default.as_ref(), rule_name);
                let each = self.required("each", doc.each.as_ref(), rule_name, &doc.id);
                let each = each.and_then(|e| self.decimal(e));
                let kinds = self.required("kinds", doc.kinds.as_ref(), rule_name, &doc.id);
                let kinds = kinds.map(|k| {
                    if k.get_ref().is_empty() {
                        let at = self.at(k);
                        self.error(
                            Code::RuleFields,
                            format!("indicator `{}` counts no record `kinds`", doc.id.get_ref()),
                            at,
                        );
                    }
                    self.kinds(k.get_ref()).0
                });
                let floor = match &doc.floor {
                    Some(f) => self.decimal(f),
                    None => Some(Decimal::ZERO),
                };
                match (each, kinds, floor) {
                    (Some(each), Some(kinds), Some(floor)) => {
                        Some(Rule::Deduct { each, kinds, floor })
                    }
                    _ => None,
                }
            }
            "steps" => {
                self.misplaced("each", doc.each.as_ref(), rule_name);
                self.misplaced("kinds", doc.kinds.as_ref(), rule_name);
                self.misplaced("floor", doc.floor.as_ref(), rule_name);
                let raw = self.required("steps", doc.steps.as_ref(), rule_name, &doc.id);
                let mut steps = Vec::new();
                let mut ok = raw.is_some();
                for step in raw.map(|s| s.get_ref().as_slice()).unwrap_or_default() {
                    match step.get_ref().as_slice() {
                        [threshold, points] => {
                            match (self.decimal(threshold), self.decimal(points)) {
                                (Some(at_least), Some(points)) => {
                                    steps.push(Step { at_least, points });
                                    step_sites.push(self.at(step));
                                }
                                _ => ok = false,
                            }
                        }
                        _ => {
                            ok = false;
                            let at = self.at(step);
                            self.error(
                                Code::InvalidValue,
                                "a step is `[at least, points]`, two numbers".to_owned(),
                                at,
                            );
                        }
                    }
                }
                if let Some(raw) = raw {
                    if raw.get_ref().is_empty() {
                        ok = false;
                        let at = self.at(raw);
                        self.error(
                            Code::RuleFields,
                            format!("indicator `{}` has no `steps`", doc.id.get_ref()),
                            at,
                        );
                    }
                }
                let range = match &doc.range {
                    None => Some(None),
                    Some(range) => match range.get_ref().as_slice() {
                        [lo, hi] => match (self.decimal(lo), self.decimal(hi)) {
                            (Some(lo), Some(hi)) => Some(Some((lo, hi))),
                            _ => None,
                        },
                        _ => {
                            let at = self.at(range);
                            self.error(
                                Code::InvalidValue,
                                "`range` is `[low, high]`, two numbers".to_owned(),
                                at,
                            );
                            None
                        }
                    },
                };
                match (ok, range) {
                    (true, Some(range)) => Some(Rule::Steps { steps, range }),
                    _ => None,
                }
            }
            other => {
                let at = self.at(&doc.rule);
                self.error(
                    Code::InvalidValue,
                    format!("unknown rule `{other}`, expected `points`, `deduct` or `steps`"),
                    at,
                );
                None
            }
        };
        let sites = IndicatorSites {
            id: self.at(&doc.id),
            max: self.at(&doc.max),
            default: doc.default.as_ref().map(|d| self.at(d)),
            each: doc.each.as_ref().map(|d| self.at(d)),
            floor: doc.floor.as_ref().map(|d| self.at(d)),
            steps: step_sites,
            range: doc.range.as_ref().map(|d| self.at(d)),
        };
        let indicator = Indicator {
            id: id?,
            name: doc.name.clone(),
            group: doc.group.clone(),
            max: max?,
            bonus: doc.bonus.unwrap_or(false),
            default,
            rule: rule?,
            basis: doc.basis.clone(),
            description: doc.description.clone(),
        };
        Some((indicator, sites))
    }

    fn override_(&mut self, doc: &OverrideDoc) -> Option<(Override, OverrideSites)> {
        let id = self.named(&doc.id, OverrideId::new);
        let when_doc = doc.when.get_ref();
        let records_in_cycle = when_doc
            .records_in_cycle
            .as_ref()
            .map(|kinds| self.kinds(kinds.get_ref()).0);
        let when = When {
            bad_credit: when_doc.bad_credit,
            records_in_cycle,
            business: when_doc.business,
        };
        let outcome = match doc.outcome.get_ref().as_str() {
            "not-graded" => Some(Directed::NotGraded),
            other => Grade::parse(other).map(Directed::Grade),
        };
        if outcome.is_none() {
            let at = self.at(&doc.outcome);
            self.error(
                Code::InvalidValue,
                format!(
                    "unknown outcome `{}`, expected a grade `A`…`D` or `not-graded`",
                    doc.outcome.get_ref()
                ),
                at,
            );
        }
        let lock_years = match &doc.lock_years {
            None => Some(None),
            Some(years) => match u32::try_from(years.get_ref().0) {
                Ok(y) if y <= 100 => Some(Some(y)),
                _ => {
                    let at = self.at(years);
                    self.error(
                        Code::InvalidValue,
                        format!(
                            "`lock_years` is `{}`; it must be between 0 and 100",
                            years.get_ref().0
                        ),
                        at,
                    );
                    None
                }
            },
        };
        let rule = match &doc.rule {
            Some(rule) => rule.get_ref().trim().to_owned(),
            // G5 is the no-business rule; every other built-in condition is a G4 one.
            None if when.business.is_some()
                && when.bad_credit.is_none()
                && when.records_in_cycle.is_none() =>
            {
                "G5".to_owned()
            }
            None => "G4".to_owned(),
        };
        let sites = OverrideSites {
            id: self.at(&doc.id),
            when: self.at(&doc.when),
            priority: self.at(&doc.priority),
            lock_years: doc.lock_years.as_ref().map(|y| self.at(y)),
        };
        let over = Override {
            id: id?,
            when,
            outcome: outcome?,
            priority: doc.priority.get_ref().0,
            lock_years: lock_years?,
            basis: doc.basis.clone(),
            rule,
        };
        Some((over, sites))
    }
}

/// Whether a parsed `schema` value is the one this version reads.
fn is_schema(value: &DeValue<'_>) -> bool {
    value
        .as_integer()
        .and_then(|i| i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok())
        == Some(SCHEMA)
}

fn hex_sha256(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for byte in digest {
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_is_lower_hex_of_the_bytes() {
        assert_eq!(
            hex_sha256(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
