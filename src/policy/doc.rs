//! The serde mirror of a policy file, keeping the span of every value worth pointing at.
//! Nothing here is validated beyond TOML types and known keys; `compile` does the rest.

use super::number::Num;
use crate::serde_util::Whole;
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

pub(crate) type S<T> = Spanned<T>;

/// A list of numbers with their places, such as `[0.95, 15]` or `range = [0, 1]`.
pub(crate) type Numbers = S<Vec<S<Num>>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PolicyDoc {
    #[allow(dead_code)] // read off the parsed table before deserializing, in `compile`
    pub schema: S<Whole>,
    pub policy: S<MetaDoc>,
    pub score: S<ScoreDoc>,
    #[serde(default)]
    pub band: Vec<S<BandDoc>>,
    pub credit: Option<S<CreditDoc>>,
    pub records: Option<S<RecordsDoc>>,
    #[serde(default)]
    pub indicator: Vec<S<IndicatorDoc>>,
    #[serde(default, rename = "override")]
    pub overrides: Vec<S<OverrideDoc>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MetaDoc {
    pub id: S<String>,
    pub version: S<String>,
    pub title: String,
    pub effective_from: S<Datetime>,
    pub effective_until: Option<S<Datetime>>,
    pub graded_services: S<Vec<S<String>>>,
    pub basis: Option<String>,
    pub description: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ScoreDoc {
    pub max: S<Num>,
    pub places: S<Whole>,
    pub rounding: S<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct BandDoc {
    pub grade: S<String>,
    pub min: S<Num>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CreditDoc {
    pub bad: Vec<S<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RecordsDoc {
    pub kinds: Vec<S<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct IndicatorDoc {
    pub id: S<String>,
    pub name: String,
    pub group: Option<String>,
    pub max: S<Num>,
    pub rule: S<String>,
    pub bonus: Option<bool>,
    pub default: Option<S<Num>>,
    pub each: Option<S<Num>>,
    pub kinds: Option<S<Vec<S<String>>>>,
    pub floor: Option<S<Num>>,
    pub steps: Option<S<Vec<Numbers>>>,
    pub range: Option<Numbers>,
    pub basis: Option<String>,
    pub description: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct OverrideDoc {
    pub id: S<String>,
    pub when: S<WhenDoc>,
    pub outcome: S<String>,
    pub priority: S<Whole>,
    pub lock_years: Option<S<Whole>>,
    pub basis: Option<String>,
    pub rule: Option<S<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct WhenDoc {
    pub bad_credit: Option<bool>,
    pub records_in_cycle: Option<S<Vec<S<String>>>>,
    pub business: Option<bool>,
}
