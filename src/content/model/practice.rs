//! A good practice: what a municipality or organisation did, where, financed how, the local
//! government's role, and a tip for whoever wants to do the same.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::{Date, DisciplineKey, PartialDate, PlaceKey, Source, TagKey, ThemeKey, Translations};

/// The front matter of a file in `content/practices/`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Practice {
    pub title: String,
    /// Keys from themes.yaml: zichtbaarheid, infrastructuur, samenwerking, …
    pub themes: Vec<ThemeKey>,
    /// The municipalities where it happens (keys from places.yaml), where the source names them.
    #[serde(default)]
    pub places: Vec<PlaceKey>,
    /// A practice of a whole region rather than of towns, where the source says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<Area>,
    #[serde(default)]
    pub disciplines: Vec<DisciplineKey>,
    /// One or two sentences: what was done.
    pub summary: String,
    /// Who paid for it and how.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub financing: Option<String>,
    /// The budget in euro, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_eur: Option<f64>,
    /// The roles the local government played.
    #[serde(default)]
    pub local_government_roles: Vec<GovernmentRole>,
    /// The local government's role, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_government_role: Option<String>,
    /// Advice for someone who wants to do the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tip: Option<String>,
    /// Organisations that took part.
    #[serde(default)]
    pub partners: Vec<String>,
    /// Keys from tags.yaml.
    #[serde(default)]
    pub tags: Vec<TagKey>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// Slugs of related spaces, practices or guides.
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

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub start: PartialDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<PartialDate>,
}

crate::keyed! {
    /// A region a practice covers as a whole.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
    #[serde(rename_all = "kebab-case")]
    pub enum Area {
        /// The Flemish Region.
        Vlaanderen,
        /// The Brussels-Capital Region.
        Brussel,
        /// All of Belgium.
        Belgie,
    }
}

crate::keyed! {
    /// What a local government can be in a practice.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
    #[serde(rename_all = "kebab-case")]
    pub enum GovernmentRole {
        /// Owns the building or site.
        Eigenaar,
        /// Pays (subsidy, budget, a share of the costs).
        Financier,
        /// Makes it easier: permits, logistics, staff, communication.
        Facilitator,
        /// Brings parties together.
        Bemiddelaar,
        /// Runs it itself.
        Uitbater,
        /// Promotes it.
        Promotor,
        /// Sets the rules (regulations, conditions).
        Regelgever,
        /// Took the initiative.
        Initiatiefnemer,
        /// Takes part as one partner among others.
        Partner,
    }
}
