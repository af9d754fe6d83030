//! A request for space: a maker, collective or organisation looking for a place to work, and what
//! would fit them. Matched against the spaces at build time.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::{
    Date, DisciplineKey, Link, PartialDate, PlaceKey, ProvinceKey, Source, SpaceKindKey, Translations,
};
use super::space::{PriceModel, TenureKind};

/// The front matter of a file in `content/requests/`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// A short headline: who looks for what, where.
    pub title: String,
    /// Who is looking: a name, or a description when they stay anonymous ("a collective of five
    /// visual artists").
    pub who: String,
    /// What kinds of space would do (keys from space-kinds.yaml); at least one.
    pub kinds: Vec<SpaceKindKey>,
    #[serde(default)]
    pub disciplines: Vec<DisciplineKey>,
    /// Municipalities that would do (keys from places.yaml).
    #[serde(default)]
    pub places: Vec<PlaceKey>,
    /// Whole provinces or regions that would do (keys from provinces.yaml). Places, provinces or
    /// both: at least one of them.
    #[serde(default)]
    pub provinces: Vec<ProvinceKey>,
    /// Floor area in square metres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size_m2: Option<SizeRange>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Budget>,
    /// From when the space is needed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Date>,
    /// For how long, in words ("at least three years").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<String>,
    /// The kinds of use that would do: permanent, temporary, for one project.
    #[serde(default)]
    pub tenure: Vec<TenureKind>,
    /// What the space must offer for the people who will use it.
    #[serde(default)]
    pub accessibility_needs: Vec<AccessNeed>,
    pub contact: RequestContact,
    /// After this day the request is shown as expired and leaves the lists and search.
    pub valid_until: Date,
    #[serde(default)]
    pub related: Vec<String>,
    pub sources: Vec<Source>,
    /// When the source was published, as far as it says (`2024`, `2025-04`); left out when it
    /// gives no date. The age of the facts, not a check of them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_date: Option<PartialDate>,
    /// When someone last checked the facts against the source or with the people behind them;
    /// left out until someone has (a document's own date is no check).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_verified: Option<Date>,
    /// The title and summary in French and English; without them, those pages show the
    /// original with a note that it is in Dutch.
    #[serde(default, skip_serializing_if = "Translations::is_empty")]
    pub translations: Translations,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SizeRange {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    pub model: PriceModel,
    /// The most they can pay in euro for one unit of the model (an hour, a month, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_eur: Option<f64>,
}

crate::keyed! {
    /// An accessibility need, named after the space's accessibility field it asks for.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
    #[serde(rename_all = "snake_case")]
    pub enum AccessNeed {
        Wheelchair,
        StepFreeEntrance,
        AccessibleToilet,
        InductionLoop,
    }
}

/// How to reach the people looking. An e-mail address is shown obfuscated against scrapers.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RequestContact {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Link>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}
