//! A guide: one legal or organisational framework for sharing space or staff, described with the
//! same comparison points as the other guides of its family, so the site can set them side by side.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::{Date, Link, Source, Translations};

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
    /// The title and summary in French and English; without them, those pages show the
    /// original with a note that it is in Dutch.
    #[serde(default, skip_serializing_if = "Translations::is_empty")]
    pub translations: Translations,
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

/// Which comparison a category belongs to: how you hold a space, or who you are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Family {
    /// How you hold a space (lease, loan, temporary use, long-lease rights): `compare.use`.
    Use,
    /// Who you are (vzw, co-operative, employer grouping, ownership model): `compare.organisation`.
    Organisation,
}

impl GuideCategory {
    /// The comparison the guide's category belongs to; `None` for a topic such as insurance,
    /// which is no framework of its own.
    pub fn family(self) -> Option<Family> {
        match self {
            GuideCategory::Gebruiksregeling | GuideCategory::ZakelijkRecht => Some(Family::Use),
            GuideCategory::Organisatievorm | GuideCategory::Personeel | GuideCategory::Eigendomsmodel => {
                Some(Family::Organisation)
            }
            GuideCategory::Verzekering => None,
        }
    }
}

/// The points every guide fills, and the points of its family: a use arrangement and an
/// organisation form are compared on different criteria ("security for the user" means nothing
/// for a vzw).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Compare {
    /// The situations it fits.
    pub suited_for: String,
    /// Who carries the liability.
    pub who_carries_liability: String,
    /// How much paperwork it takes.
    pub admin_burden: Level,
    /// The criteria of a use arrangement; required for the categories `gebruiksregeling` and
    /// `zakelijk-recht`.
    #[serde(default, rename = "use", skip_serializing_if = "Option::is_none")]
    pub use_terms: Option<UseTerms>,
    /// The criteria of an organisation form; required for `organisatievorm`, `personeel` and
    /// `eigendomsmodel`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<OrganisationTerms>,
    pub pros: Vec<String>,
    pub cons: Vec<String>,
    pub risks: Vec<String>,
    /// The answers to the chooser's questions (`/vergelijking/kiezen/`) the framework fits.
    #[serde(default, skip_serializing_if = "Fits::is_empty")]
    pub fits: Fits,
}

/// Which answers of the chooser's questions a framework fits, each as its own text says (its
/// `suited_for`, duration, security, liability). A question left out does not matter for it;
/// a question with every answer listed fits them all, and counts as a reason to show it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fits {
    /// Whose building: your own (or one to acquire), or someone else's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub building: Vec<Building>,
    /// For how long.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub term: Vec<Term>,
    /// One organisation, or several together.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub together: Vec<Together>,
    /// Whether staff or services are shared.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub staff: Vec<Staff>,
    /// How much risk the users can carry: leaving at short notice, the charges of a building,
    /// personal liability.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub risk: Vec<Risk>,
}

impl Fits {
    pub fn is_empty(&self) -> bool {
        self.building.is_empty()
            && self.term.is_empty()
            && self.together.is_empty()
            && self.staff.is_empty()
            && self.risk.is_empty()
    }
}

crate::keyed! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
    #[serde(rename_all = "kebab-case")]
    pub enum Building {
        Eigen,
        Ander,
    }
}

crate::keyed! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
    #[serde(rename_all = "kebab-case")]
    pub enum Term {
        Kort,
        Lang,
    }
}

crate::keyed! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
    #[serde(rename_all = "kebab-case")]
    pub enum Together {
        Alleen,
        Samen,
    }
}

crate::keyed! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
    #[serde(rename_all = "kebab-case")]
    pub enum Staff {
        Delen,
        NietDelen,
    }
}

crate::keyed! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
    #[serde(rename_all = "kebab-case")]
    pub enum Risk {
        Weinig,
        Veel,
    }
}

/// How a use arrangement holds a space.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UseTerms {
    /// How long it lasts (e.g. "onbepaald, opzegbaar met drie maanden").
    pub duration: String,
    /// How secure the user's right to stay is.
    pub security_of_tenure: Level,
    /// What it costs to set up: contract, registration, notary.
    pub setup_cost: Level,
    /// What the user pays while using the space: rent, fees, charges.
    pub running_cost: Level,
    pub registration_required: YesNoDepends,
    pub notary_required: YesNoDepends,
    /// What the notary is for where one is needed (e.g. only to make the right count against
    /// third parties).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notary_note: Option<String>,
}

/// What an organisation form is in law and in tax. A point no checked source gives is left out:
/// the site shows it as not checked.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganisationTerms {
    /// Whether it is a legal person of its own.
    pub legal_personality: YesNoDepends,
    /// Who signs a lease or a use agreement for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signs_lease: Option<String>,
    /// Which income tax it pays: rechtspersonenbelasting, vennootschapsbelasting, or none of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub income_tax: Option<String>,
    /// Whether the patrimoniumtaks (the annual tax on a vzw's or foundation's assets) applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patrimony_tax: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vat: Option<String>,
    /// What it costs to found: notary, publication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub setup_cost: Option<String>,
    /// What it costs to keep: accounts, filings, taxes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub running_cost: Option<String>,
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
