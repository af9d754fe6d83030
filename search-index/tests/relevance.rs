//! Relevance: everyday queries in Dutch, French and English against a small directory, each with
//! the entries that must be among the first hits. The documents are made as the generator makes
//! them: keywords in Dutch, every other name of a kind, discipline, place and province in three
//! languages with its synonyms, the facts in words, and the names of the place and province.

use search_index::{build_index, SearchDocument, SearchIndex, SearchRequest};

/// A vocabulary entry: key, Dutch, French and English labels, synonyms.
type Names = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
);

const KINDS: &[Names] = &[
    (
        "repetitieruimte",
        "Repetitieruimte",
        "Local de répétition",
        "Rehearsal room",
        &[
            "oefenruimte",
            "oefenlokaal",
            "repetitielokaal",
            "salle de répétition",
            "rehearsal space",
            "practice room",
            "dansstudio",
            "studio de danse",
            "dance studio",
        ],
    ),
    (
        "atelier",
        "Atelier",
        "Atelier",
        "Studio",
        &["kunstenaarsatelier", "atelier d'artiste", "artist studio"],
    ),
    (
        "podium",
        "Podium en zaal",
        "Scène et salle",
        "Stage and hall",
        &[
            "concertzaal",
            "theaterzaal",
            "salle de spectacle",
            "concert hall",
            "performance venue",
        ],
    ),
    (
        "werkplaats",
        "Werkplaats",
        "Atelier de fabrication",
        "Workshop",
        &["maakplaats", "makerspace", "fablab"],
    ),
    (
        "opslag",
        "Opslag",
        "Stockage",
        "Storage",
        &["depot", "magazijn", "entrepôt", "storage space"],
    ),
];

const DISCIPLINES: &[Names] = &[
    ("muziek", "Muziek", "Musique", "Music", &["band", "orkest"]),
    ("dans", "Dans", "Danse", "Dance", &[]),
    (
        "beeldende-kunst",
        "Beeldende kunst",
        "Arts plastiques",
        "Visual arts",
        &["schilderkunst"],
    ),
    ("theater", "Theater", "Théâtre", "Theatre", &["toneel"]),
];

const PLACES: &[(Names, &str)] = &[
    (("gent", "Gent", "Gand", "Ghent", &[]), "oost-vlaanderen"),
    (
        ("brussel", "Brussel", "Bruxelles", "Brussels", &["Brussel-Stad"]),
        "brussel",
    ),
    (("antwerpen", "Antwerpen", "Anvers", "Antwerp", &[]), "antwerpen"),
    (("leuven", "Leuven", "Louvain", "Leuven", &[]), "vlaams-brabant"),
    (("mechelen", "Mechelen", "Malines", "Mechelen", &[]), "antwerpen"),
    (("genk", "Genk", "Genk", "Genk", &[]), "limburg"),
    (("zonhoven", "Zonhoven", "Zonhoven", "Zonhoven", &[]), "limburg"),
    (("hasselt", "Hasselt", "Hasselt", "Hasselt", &[]), "limburg"),
];

const PROVINCES: &[Names] = &[
    (
        "oost-vlaanderen",
        "Oost-Vlaanderen",
        "Flandre-Orientale",
        "East Flanders",
        &[],
    ),
    (
        "brussel",
        "Brussels Hoofdstedelijk Gewest",
        "Région de Bruxelles-Capitale",
        "Brussels-Capital Region",
        &["Brussel", "Bruxelles", "Brussels"],
    ),
    ("antwerpen", "Antwerpen", "Anvers", "Antwerp", &[]),
    (
        "vlaams-brabant",
        "Vlaams-Brabant",
        "Brabant flamand",
        "Flemish Brabant",
        &[],
    ),
    ("limburg", "Limburg", "Limbourg", "Limburg", &[]),
];

const FACTS: &[Names] = &[
    (
        "wheelchair-ja",
        "Rolstoeltoegankelijk",
        "Accessible en fauteuil roulant",
        "Wheelchair accessible",
        &["rolstoel", "wheelchair", "toegankelijk"],
    ),
    (
        "price-gratis",
        "Gratis",
        "Gratuit",
        "Free",
        &["goedkoop", "betaalbaar", "cheap", "affordable"],
    ),
    (
        "status-beschikbaar",
        "Beschikbaar",
        "Disponible",
        "Available",
        &["vrij"],
    ),
    ("tenure-tijdelijk", "Tijdelijk", "Temporaire", "Temporary", &["pop-up"]),
    (
        "tenure-permanent",
        "Permanent",
        "Permanent",
        "Permanent",
        &["vast", "long-term"],
    ),
];

fn find<'a>(list: &'a [Names], key: &str) -> &'a Names {
    list.iter().find(|n| n.0 == key).unwrap_or_else(|| panic!("no {key}"))
}

fn all(names: &Names) -> Vec<String> {
    [names.1, names.2, names.3]
        .into_iter()
        .chain(names.4.iter().copied())
        .map(str::to_string)
        .collect()
}

/// An entry as the generator describes it to the index.
struct Entry {
    slug: &'static str,
    kind: &'static str,
    title: &'static str,
    kinds: &'static [&'static str],
    disciplines: &'static [&'static str],
    places: &'static [&'static str],
    facts: &'static [&'static str],
    aliases: &'static [&'static str],
    body: &'static str,
}

const E: Entry = Entry {
    slug: "",
    kind: "space",
    title: "",
    kinds: &[],
    disciplines: &[],
    places: &[],
    facts: &[],
    aliases: &[],
    body: "",
};

fn document(e: &Entry) -> SearchDocument {
    let mut keywords: Vec<String> = e.aliases.iter().map(|a| a.to_string()).collect();
    let mut names = Vec::new();
    let mut kind_names = Vec::new();
    let mut place_names = Vec::new();
    let mut filters = Vec::new();
    for k in e.kinds {
        let n = find(KINDS, k);
        keywords.push(n.1.into());
        names.extend(all(n));
        if e.kind == "space" {
            kind_names.extend(all(n));
        }
        filters.push(("kind".to_string(), k.to_string()));
    }
    for d in e.disciplines {
        let n = find(DISCIPLINES, d);
        keywords.push(n.1.into());
        names.extend(all(n));
        filters.push(("discipline".to_string(), d.to_string()));
    }
    for p in e.places {
        let (n, province) = PLACES.iter().find(|(n, _)| n.0 == *p).unwrap();
        keywords.push(n.1.into());
        place_names.extend(all(n));
        place_names.extend(all(find(PROVINCES, province)));
        filters.push(("place".to_string(), p.to_string()));
        filters.push(("province".to_string(), province.to_string()));
    }
    for f in e.facts {
        names.extend(all(find(FACTS, f)));
    }
    names.extend(place_names.iter().cloned());
    SearchDocument {
        slug: e.slug.into(),
        kind: e.kind.into(),
        url: format!("x/{}/", e.slug),
        title: e.title.into(),
        keywords,
        names,
        kind_names,
        place_names,
        body: e.body.into(),
        place: e.places.first().map(|p| find_place_label(p)).unwrap_or_default(),
        filters,
        // The full index reads the flattened names; only the suggestion index uses these.
        concepts: Vec::new(),
        titles: Default::default(),
    }
}

fn find_place_label(key: &str) -> String {
    PLACES.iter().find(|(n, _)| n.0 == key).unwrap().0 .1.to_string()
}

fn corpus() -> Vec<SearchDocument> {
    let entries = [
        Entry {
            slug: "oefenkot-gent",
            title: "Het Oefenkot",
            kinds: &["repetitieruimte"],
            disciplines: &["muziek"],
            places: &["gent"],
            facts: &["wheelchair-ja", "status-beschikbaar"],
            body: "Een kelder waar bands repeteren, met drumstel en versterkers. Te boeken per uur.",
            ..E
        },
        Entry {
            slug: "muziekkelder-brussel",
            title: "De Muziekkelder",
            kinds: &["repetitieruimte"],
            disciplines: &["muziek"],
            places: &["brussel"],
            body: "Drie geluidsdichte lokalen onder een concertzaal, voor groepen die wekelijks oefenen.",
            ..E
        },
        Entry {
            slug: "studio-beweging-leuven",
            title: "Studio Beweging",
            kinds: &["repetitieruimte"],
            disciplines: &["dans"],
            places: &["leuven"],
            body: "Een lichte zaal met een zwevende dansvloer en spiegels.",
            ..E
        },
        Entry {
            slug: "atelier-noord-gent",
            title: "Atelier Noord",
            kinds: &["atelier"],
            disciplines: &["beeldende-kunst"],
            places: &["gent"],
            facts: &["price-gratis"],
            body: "Lichte werkplekken voor schilders en beeldhouwers in een oude school.",
            ..E
        },
        Entry {
            slug: "ateliers-zuid-brussel",
            title: "Ateliers Zuid",
            kinds: &["atelier"],
            disciplines: &["beeldende-kunst"],
            places: &["brussel"],
            body: "Twaalf werkplekken in een voormalige drukkerij.",
            ..E
        },
        Entry {
            slug: "kaai-antwerpen",
            title: "Kaaistudio's",
            kinds: &["atelier"],
            places: &["antwerpen"],
            facts: &["tenure-permanent"],
            body: "Vaste werkplekken aan het water.",
            ..E
        },
        Entry {
            slug: "c-mine-genk",
            title: "C-Mine",
            kinds: &["podium"],
            disciplines: &["muziek", "theater"],
            places: &["genk"],
            body: "Een cultuurcentrum in een voormalige mijn, met zalen voor concerten en voorstellingen.",
            ..E
        },
        Entry {
            slug: "gc-zonhoven",
            title: "Gemeenschapscentrum Zonhoven",
            kinds: &["podium"],
            disciplines: &["theater"],
            places: &["zonhoven"],
            body: "Een zaal voor verenigingen uit de gemeente.",
            ..E
        },
        Entry {
            slug: "stadstheater-antwerpen",
            title: "Stadstheater",
            kinds: &["podium"],
            disciplines: &["theater"],
            places: &["antwerpen"],
            body: "Een theater met een grote zaal voor amateurgezelschappen.",
            ..E
        },
        Entry {
            slug: "maakplaats-mechelen",
            title: "Maakplaats Vaart",
            kinds: &["werkplaats"],
            places: &["mechelen"],
            facts: &["tenure-tijdelijk"],
            body: "Hout- en metaalbewerking in een leegstaande loods, voor twee jaar.",
            ..E
        },
        Entry {
            slug: "depot-hasselt",
            title: "Depot Oost",
            kinds: &["opslag"],
            places: &["hasselt"],
            body: "Droge ruimte voor decors en kostuums.",
            ..E
        },
        Entry {
            slug: "samen-repeteren-gent",
            kind: "practice",
            title: "Samen repeteren in Gent",
            places: &["gent"],
            disciplines: &["muziek"],
            body: "Een stad deelt haar repetitieruimtes tussen scholen en verenigingen.",
            ..E
        },
        Entry {
            slug: "ateliers-delen-brussel",
            kind: "practice",
            title: "Ateliers delen in Brussel",
            places: &["brussel"],
            body: "Hoe collectieven een atelier en de kosten delen.",
            ..E
        },
        Entry {
            slug: "kunstenaars-limburg",
            kind: "practice",
            title: "Een netwerk voor kunstenaars",
            places: &["genk", "hasselt"],
            body: "Gemeenten brengen makers en eigenaars van leegstand samen.",
            ..E
        },
        Entry {
            slug: "band-zoekt-gent",
            kind: "request",
            title: "Band zoekt oefenruimte in Gent",
            kinds: &["repetitieruimte"],
            places: &["gent"],
            body: "Een rockband zoekt een plek om wekelijks te spelen.",
            ..E
        },
        Entry {
            slug: "collectief-zoekt-brussel",
            kind: "request",
            title: "Collectief zoekt atelier in Brussel",
            kinds: &["atelier"],
            places: &["brussel"],
            body: "Vijf kunstenaars zoeken samen een werkplek.",
            ..E
        },
        Entry {
            slug: "erfpacht",
            kind: "guide",
            title: "Erfpacht",
            aliases: &["bail emphytéotique", "emphyteutic lease"],
            body: "Een zakelijk recht op een goed van een ander, voor minstens vijftien jaar.",
            ..E
        },
        Entry {
            slug: "opstalrecht",
            kind: "guide",
            title: "Opstalrecht",
            aliases: &["droit de superficie", "right of superficies"],
            body: "Eigenaar zijn van een gebouw op de grond van een ander.",
            ..E
        },
        Entry {
            slug: "huur",
            kind: "guide",
            title: "Huur",
            aliases: &["bail", "lease", "rent"],
            body: "Een huurovereenkomst geeft het gebruik van een ruimte tegen een huurprijs.",
            ..E
        },
        Entry {
            slug: "bruikleen",
            kind: "guide",
            title: "Bruikleen",
            aliases: &["prêt à usage", "commodatum"],
            body: "Een eigenaar laat een ruimte gratis gebruiken.",
            ..E
        },
    ];
    entries.iter().map(document).collect()
}

/// (query, entries that must all be among the first `k` hits, k)
const QUERIES: &[(&str, &[&str], usize)] = &[
    // Dutch: synonyms, stopwords, typos, places and provinces, facts.
    (
        "oefenruimte",
        &["oefenkot-gent", "muziekkelder-brussel", "studio-beweging-leuven"],
        3,
    ),
    ("oefenruimte gent", &["oefenkot-gent"], 1),
    ("een oefenruimte in gent", &["oefenkot-gent"], 1),
    ("repetitieruimte gnet", &["oefenkot-gent"], 1),
    ("repetitieruimte brusel", &["muziekkelder-brussel"], 1),
    ("reptitieruimte", &["oefenkot-gent"], 3),
    ("dansstudio", &["studio-beweging-leuven"], 3),
    ("podium limburg", &["c-mine-genk", "gc-zonhoven"], 2),
    ("atelier brussel", &["ateliers-zuid-brussel"], 1),
    ("atelier gent", &["atelier-noord-gent"], 1),
    ("gratis atelier", &["atelier-noord-gent"], 1),
    ("goedkoop atelier", &["atelier-noord-gent"], 1),
    ("rolstoel", &["oefenkot-gent"], 1),
    ("beschikbaar repetitieruimte", &["oefenkot-gent"], 1),
    ("erfpacht of opstal", &["erfpacht", "opstalrecht"], 2),
    ("tijdelijk werkplaats", &["maakplaats-mechelen"], 1),
    ("opslag hasselt", &["depot-hasselt"], 1),
    ("zoek een atelier in antwerpen", &["kaai-antwerpen"], 1),
    ("het oefenkot", &["oefenkot-gent"], 1),
    ("bruikleen", &["bruikleen"], 1),
    ("ateliers", &["atelier-noord-gent", "ateliers-zuid-brussel"], 3),
    ("limburg", &["c-mine-genk", "gc-zonhoven", "depot-hasselt"], 4),
    ("muziek brussel", &["muziekkelder-brussel"], 1),
    ("theater antwerpen", &["stadstheater-antwerpen"], 1),
    ("vaste werkplek", &["kaai-antwerpen"], 1),
    ("atelier zwembad", &["atelier-noord-gent"], 4),
    // French.
    ("salle de répétition", &["oefenkot-gent", "muziekkelder-brussel"], 3),
    ("salle de repetition bruxelles", &["muziekkelder-brussel"], 1),
    ("atelier bruxelles", &["ateliers-zuid-brussel"], 1),
    ("gand", &["oefenkot-gent", "atelier-noord-gent"], 4),
    ("anvers", &["stadstheater-antwerpen", "kaai-antwerpen"], 3),
    ("louvain danse", &["studio-beweging-leuven"], 1),
    ("scène limbourg", &["c-mine-genk", "gc-zonhoven"], 2),
    ("bail emphytéotique", &["erfpacht"], 1),
    ("gratuit", &["atelier-noord-gent"], 1),
    ("accessible en fauteuil roulant", &["oefenkot-gent"], 1),
    ("droit de superficie", &["opstalrecht"], 1),
    ("stockage hasselt", &["depot-hasselt"], 1),
    // English.
    ("rehearsal space", &["oefenkot-gent", "muziekkelder-brussel"], 3),
    ("rehearsal room ghent", &["oefenkot-gent"], 1),
    ("artist studio brussels", &["ateliers-zuid-brussel"], 1),
    ("dance studio", &["studio-beweging-leuven"], 3),
    ("free studio", &["atelier-noord-gent"], 1),
    ("wheelchair accessible", &["oefenkot-gent"], 1),
    ("storage in hasselt", &["depot-hasselt"], 1),
    ("workshop mechelen", &["maakplaats-mechelen"], 1),
    ("stage limburg", &["c-mine-genk", "gc-zonhoven"], 2),
    ("temporary workshop", &["maakplaats-mechelen"], 1),
    ("lease", &["huur"], 1),
    ("looking for a studio in antwerp", &["kaai-antwerpen"], 1),
];

fn index() -> SearchIndex {
    SearchIndex::open(build_index(&corpus()).unwrap()).unwrap()
}

fn slugs(index: &SearchIndex, q: &str) -> Vec<String> {
    let request = SearchRequest {
        q: q.into(),
        limit: 10,
        ..Default::default()
    };
    index
        .search(&request)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.slug)
        .collect()
}

#[test]
fn everyday_queries_find_what_they_mean() {
    assert!(QUERIES.len() >= 40);
    let index = index();
    let mut misses = Vec::new();
    for (q, expected, k) in QUERIES {
        let hits = slugs(&index, q);
        for slug in *expected {
            if !hits.iter().take(*k).any(|h| h == slug) {
                misses.push(format!("{q:?}: {slug} not in the first {k} of {hits:?}"));
            }
        }
    }
    assert!(
        misses.is_empty(),
        "{} of {} queries miss:\n{}",
        misses.len(),
        QUERIES.len(),
        misses.join("\n")
    );
}

#[test]
fn entries_with_every_word_come_first_and_some_words_still_find() {
    let index = index();
    // Gent's rehearsal room has both words; other rehearsal rooms and Gent's other entries one.
    let hits = slugs(&index, "repetitieruimte gent");
    assert_eq!(hits.first().map(String::as_str), Some("oefenkot-gent"), "{hits:?}");
    assert!(hits.contains(&"muziekkelder-brussel".to_string()) && hits.contains(&"atelier-noord-gent".to_string()));
    // No entry has both: those with one are still found.
    assert!(!slugs(&index, "depot zwembad").is_empty());
}

#[test]
fn a_query_naming_a_kind_of_space_puts_spaces_first() {
    let index = index();
    let response = index
        .search(&SearchRequest {
            q: "atelier brussel".into(),
            ..Default::default()
        })
        .unwrap();
    let kinds: Vec<&str> = response.hits.iter().map(|h| h.kind.as_str()).collect();
    // The practice and the request name both words too; the space comes before them.
    assert_eq!(
        kinds[0],
        "space",
        "{:?}",
        response.hits.iter().map(|h| &h.slug).collect::<Vec<_>>()
    );
    let first_other = kinds.iter().position(|k| *k != "space").unwrap();
    assert!(
        response.hits[first_other..]
            .iter()
            .any(|h| h.slug == "ateliers-delen-brussel"),
        "the practice follows"
    );
}

#[test]
fn a_whole_title_or_a_place_name_ranks_its_entries_first() {
    let index = index();
    assert_eq!(slugs(&index, "Depot Oost")[0], "depot-hasselt");
    // "gent" is in the text of no entry elsewhere, but every entry in Ghent comes before those
    // that only match by a typo or a compound.
    let hits = slugs(&index, "gent");
    let in_gent = [
        "oefenkot-gent",
        "atelier-noord-gent",
        "samen-repeteren-gent",
        "band-zoekt-gent",
    ];
    assert!(hits.iter().take(4).all(|h| in_gent.contains(&h.as_str())), "{hits:?}");
}

#[test]
fn only_asking_words_are_dropped() {
    let index = index();
    assert_eq!(slugs(&index, "de muziekkelder")[0], "muziekkelder-brussel");
    assert_eq!(slugs(&index, "the free studio")[0], "atelier-noord-gent");
    // A query of asking words only is still searched as typed.
    assert!(slugs(&index, "de").len() <= 20);
}

/// Hits at 5 and mean reciprocal rank over the table, for the bench and for anyone tuning.
#[test]
fn the_table_scores_well() {
    let index = index();
    let (mut at5, mut rr) = (0.0, 0.0);
    for (q, expected, _) in QUERIES {
        let hits = slugs(&index, q);
        let rank = hits.iter().position(|h| h == expected[0]);
        if rank.is_some_and(|r| r < 5) {
            at5 += 1.0;
        }
        rr += rank.map_or(0.0, |r| 1.0 / (r as f64 + 1.0));
    }
    let n = QUERIES.len() as f64;
    eprintln!(
        "relevance: hits@5 {:.2}, MRR {:.2} over {} queries",
        at5 / n,
        rr / n,
        QUERIES.len()
    );
    assert!(at5 / n >= 0.95 && rr / n >= 0.85, "hits@5 {at5}/{n}, MRR {}", rr / n);
}
