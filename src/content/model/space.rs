//! A workspace: where it is, what it offers, for whom, how accessible, at what price, under which tenure.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::{
    Contact, Date, DisciplineKey, FacilityKey, Image, Link, Organisation, PartialDate, PlaceKey, Source, SpaceKindKey,
    Text, Translations,
};

/// The front matter of a file in `content/spaces/`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Space {
    /// The name people know the space by.
    pub name: String,
    /// What kind of space it is (keys from space-kinds.yaml): atelier, repetitieruimte, podium, …
    /// Required for a workspace on offer; a place the sources do not describe may leave it out.
    #[serde(default)]
    pub kinds: Vec<SpaceKindKey>,
    /// Whether a maker can get in: a workspace on offer, or a venue, a place in its own users' hands,
    /// a plan, a renovation, a closed place.
    #[serde(default)]
    pub status: SpaceStatus,
    /// The disciplines it suits (keys from disciplines.yaml).
    #[serde(default)]
    pub disciplines: Vec<DisciplineKey>,
    /// The municipality (a key from places.yaml).
    pub place: PlaceKey,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// Coordinates in WGS84; without them the map uses the municipality's centre.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geo: Option<Geo>,
    /// Who runs the space.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operator: Option<Organisation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenure: Option<Tenure>,
    #[serde(default)]
    pub availability: Availability,
    /// Who may use it.
    #[serde(default)]
    pub audience: Vec<Audience>,
    /// How a maker gets in: the published rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eligibility: Option<Eligibility>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Price>,
    /// Floor area in square metres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size_m2: Option<f64>,
    /// How many people it holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
    #[serde(default)]
    pub accessibility: Accessibility,
    /// What the space has (keys from facilities.yaml).
    #[serde(default)]
    pub facilities: Vec<FacilityKey>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opening_hours: Option<String>,
    #[serde(default)]
    pub contact: Contact,
    #[serde(default)]
    pub images: Vec<Image>,
    /// Slugs of related spaces, practices or guides.
    #[serde(default)]
    pub related: Vec<String>,
    /// Where the facts come from; at least one.
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
    /// A draft is checked but not published.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Address {
    pub street: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<Text>,
    /// A Belgian postcode: four digits.
    pub postcode: Text,
}

/// A point in WGS84 degrees.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Geo {
    pub lat: f64,
    pub lon: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tenure {
    pub kind: TenureKind,
    /// The slug of the guide that describes the legal framework (e.g. `bruikleen`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_framework: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub available_from: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub available_until: Option<Date>,
}

crate::keyed! {
    /// What the place is to a maker looking for room. Only `aanbod` is a workspace on offer; the
    /// others are in the directory as examples, and the finder lists them after the offer.
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
    #[serde(rename_all = "kebab-case")]
    pub enum SpaceStatus {
        /// A workspace makers can rent, borrow or book.
        #[default]
        Aanbod,
        /// A venue that hosts performances or exhibitions, not a workspace to rent.
        Locatie,
        /// In use by its own makers or association, not offered to others.
        EigenGebruik,
        /// Planned or being built.
        Gepland,
        /// Being renovated.
        InRenovatie,
        Gesloten,
        /// The sources name the place but do not say whether makers can use it.
        Onbekend,
    }
}

impl SpaceStatus {
    /// A workspace on offer; everything else is shown with its status.
    pub fn on_offer(self) -> bool {
        self == SpaceStatus::Aanbod
    }
}

crate::keyed! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
    #[serde(rename_all = "kebab-case")]
    pub enum TenureKind {
        Permanent,
        Tijdelijk,
        Project,
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Availability {
    #[serde(default)]
    pub status: AvailabilityStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub booking_url: Option<Link>,
}

crate::keyed! {
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
    #[serde(rename_all = "kebab-case")]
    pub enum AvailabilityStatus {
        Beschikbaar,
        Wachtlijst,
        Volzet,
        TijdelijkOnbeschikbaar,
        Gesloten,
        #[default]
        Onbekend,
    }
}

crate::keyed! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
    #[serde(rename_all = "kebab-case")]
    pub enum Audience {
        Professionals,
        Amateurs,
        Jongeren,
        Studenten,
        Iedereen,
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Eligibility {
    /// Who qualifies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criteria: Option<String>,
    /// How to apply and how places are allocated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procedure: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Price {
    pub model: PriceModel,
    /// The amount in euro for one unit of the model (an hour, a month, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_eur: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub includes_charges: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

crate::keyed! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
    #[serde(rename_all = "kebab-case")]
    pub enum PriceModel {
        Gratis,
        PerUur,
        PerDag,
        PerMaand,
        PerJaar,
        Ledenbijdrage,
        OpAanvraag,
    }
}

/// Accessibility as assessed; anything not assessed stays `onbekend`, never `nee`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Accessibility {
    #[serde(default)]
    pub wheelchair: Wheelchair,
    #[serde(default)]
    pub step_free_entrance: JaNee,
    #[serde(default)]
    pub accessible_toilet: JaNee,
    #[serde(default)]
    pub induction_loop: JaNee,
    /// How to get there by public transport.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_transport: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// When the accessibility was assessed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessed_on: Option<Date>,
}

crate::keyed! {
    /// Wheelchair access, as OpenStreetMap's yes/limited/no.
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
    #[serde(rename_all = "kebab-case")]
    pub enum Wheelchair {
        Ja,
        Beperkt,
        Nee,
        #[default]
        Onbekend,
    }
}

crate::keyed! {
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
    #[serde(rename_all = "kebab-case")]
    pub enum JaNee {
        Ja,
        Nee,
        #[default]
        Onbekend,
    }
}
