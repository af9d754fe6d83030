//! A guide: one legal or organisational framework for sharing space or staff, described with the
//! same comparison attributes as every other guide so the site can draw one table.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::{Date, Link, Source};

/// The front matter of a file in `content/guides/`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Guide {
    pub title: String,
    /// Other names, in Dutch or French (e.g. `prêt à usage` for bruikleen).
    #[serde(default)]
    pub aliases: Vec<String>,
    pub category: GuideCategory,
    /// One sentence: what the framework is.
    pub summary: String,
    pub compare: Compare,
    /// The laws or rulings it rests on.
    #[serde(default)]
    pub legal_basis: Vec<LegalBasis>,
    #[serde(default)]
    pub related: Vec<String>,
    pub sources: Vec<Source>,
    /// When someone last checked the guide against the law.
    pub last_reviewed: Date,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
}

crate::keyed! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
    #[serde(rename_all = "kebab-case")]
    pub enum GuideCategory {
        Gebruiksregeling,
        ZakelijkRecht,
        Eigendomsmodel,
        Organisatievorm,
        Personeel,
        Verzekering,
    }
}

/// The attributes every guide fills, one column each in the comparison table.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Compare {
    /// How long it lasts (e.g. "onbepaald, opzegbaar met drie maanden").
    pub duration: String,
    /// How secure the user's right to stay is.
    pub security_of_tenure: Level,
    /// How much it costs the user.
    pub cost: Level,
    /// How much paperwork it takes.
    pub admin_burden: Level,
    pub registration_required: YesNoDepends,
    pub notary_required: YesNoDepends,
    /// Who carries the liability.
    pub who_carries_liability: String,
    /// The situations it fits.
    pub suited_for: String,
    pub pros: Vec<String>,
    pub cons: Vec<String>,
    pub risks: Vec<String>,
}

crate::keyed! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
    #[serde(rename_all = "kebab-case")]
    pub enum Level {
        Laag,
        Gemiddeld,
        Hoog,
    }
}

crate::keyed! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
    #[serde(rename_all = "kebab-case")]
    pub enum YesNoDepends {
        Ja,
        Nee,
        Soms,
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LegalBasis {
    /// E.g. "Burgerlijk Wetboek, art. 1875-1891 (bruikleen)".
    pub citation: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Link>,
}
