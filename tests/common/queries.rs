//! Everyday queries against the repository's own content, each with the entries a person expects
//! among the first hits: read by `tests/search.rs` and printed as hits@5 and mean reciprocal rank
//! by `cargo bench --bench search`.

/// (query, entries that must all be among the first `k` hits, k); the first entry is the one the
/// rank figures follow.
pub const REPOSITORY_QUERIES: &[(&str, &[&str], usize)] = &[
    (
        "oefenruimte",
        &[
            "jc-kompas-repetitieruimtes",
            "lokalen-muziekvereniging-heibloem-oudsbergen",
            "repetitielokaal-kaboekie-zonhoven",
        ],
        3,
    ),
    (
        "salle de répétition",
        &[
            "jc-kompas-repetitieruimtes",
            "lokalen-muziekvereniging-heibloem-oudsbergen",
            "repetitielokaal-kaboekie-zonhoven",
        ],
        3,
    ),
    (
        "rehearsal space",
        &[
            "jc-kompas-repetitieruimtes",
            "lokalen-muziekvereniging-heibloem-oudsbergen",
            "repetitielokaal-kaboekie-zonhoven",
        ],
        3,
    ),
    ("dansstudio", &["jc-kompas-repetitieruimtes"], 3),
    // The Gent request has all three words; then the rehearsal rooms, before a Gent space that
    // only a broad word ("space") names.
    (
        "rehearsal space gent",
        &[
            "jc-kompas-repetitieruimtes",
            "lokalen-muziekvereniging-heibloem-oudsbergen",
            "repetitielokaal-kaboekie-zonhoven",
        ],
        4,
    ),
    ("podium limburg", &["c-mine-genk", "gemeenschapscentrum-zonhoven"], 2),
    (
        "atelier brussel",
        &["permanent-ateliergebouw-brussel", "voormalig-actiris-gebouw-brussel"],
        2,
    ),
    (
        "bruxelles atelier",
        &["permanent-ateliergebouw-brussel", "voormalig-actiris-gebouw-brussel"],
        2,
    ),
    (
        "repetitieruimte gnet",
        &["podium-en-muziek-zoeken-repetitieruimte-gent"],
        1,
    ),
    ("repetitieruimte sint-niklaas", &["jc-kompas-repetitieruimtes"], 1),
    ("gand", &["kopergieterij-gent", "viernulvier-gent"], 3),
    ("anvers", &["permeke-bibliotheek-antwerpen"], 1),
    ("erfpacht of opstal", &["erfpacht", "opstalrecht"], 3),
    ("huur", &["huur"], 1),
    ("bail emphytéotique", &["erfpacht"], 1),
    (
        "atelier leuven",
        &["atelier-agno3000-leuven", "maakleerplek-vaartkom-leuven"],
        2,
    ),
    ("studio louvain", &["atelier-agno3000-leuven"], 2),
    (
        "expo mechelen",
        &["radar-werkplek-mechelen", "bibliotheek-het-predikheren-mechelen"],
        2,
    ),
    (
        "tentoonstellingsruimte ronse",
        &["tentoonstellingsruimte-de-ververij-ronse"],
        1,
    ),
    ("cultuurcentrum aalst", &["cc-de-werf-aalst"], 1),
    ("centre culturel vilvorde", &["cc-het-bolwerk-vilvoorde"], 1),
    ("theater brussel", &["kaaitheater-brussel"], 1),
    ("bibliotheek antwerpen", &["permeke-bibliotheek-antwerpen"], 1),
    ("broedplaats brussel", &["globe-aroma-brussel", "cultureghem"], 2),
    ("kiosk", &["kiosk-kouter-gent", "kiosk-sint-lievens-esse"], 2),
    ("temporary studio brussels", &["voormalig-actiris-gebouw-brussel"], 1),
    ("vzw", &["vzw"], 1),
    ("werkgeversgroepering", &["werkgeversgroepering"], 1),
    ("community land trust", &["community-land-trust"], 1),
];

/// What the header's suggestions must find by titles and names alone (no text): kinds and places
/// with their synonyms in three languages, the start of a word, a typo.
pub const SUGGEST_QUERIES: &[(&str, &[&str], usize)] = &[
    (
        "oefenruimte",
        &[
            "jc-kompas-repetitieruimtes",
            "lokalen-muziekvereniging-heibloem-oudsbergen",
            "repetitielokaal-kaboekie-zonhoven",
        ],
        3,
    ),
    (
        "salle de répétition",
        &[
            "jc-kompas-repetitieruimtes",
            "lokalen-muziekvereniging-heibloem-oudsbergen",
            "repetitielokaal-kaboekie-zonhoven",
        ],
        3,
    ),
    (
        "rehearsal space",
        &[
            "jc-kompas-repetitieruimtes",
            "lokalen-muziekvereniging-heibloem-oudsbergen",
            "repetitielokaal-kaboekie-zonhoven",
        ],
        3,
    ),
    ("repetitieruimte sint-niklaas", &["jc-kompas-repetitieruimtes"], 1),
    ("oefenr", &["jc-kompas-repetitieruimtes"], 3),
    ("gand", &["kopergieterij-gent"], 3),
    ("anvers", &["permeke-bibliotheek-antwerpen"], 1),
    ("ateleir", &["atelier-agno3000-leuven", "atelier-het-werkhuis-genk"], 3),
    ("bail emphytéotique", &["erfpacht"], 1),
    ("huur", &["huur"], 3),
];
