//! Search quality on a small corpus: each behaviour people rely on is its own test.

use search_index::{build_index, SearchDocument, SearchIndex, SearchRequest};

fn doc(slug: &str, kind: &str, title: &str, keywords: &[&str], body: &str, filters: &[(&str, &str)]) -> SearchDocument {
    SearchDocument {
        slug: slug.into(),
        kind: kind.into(),
        url: format!("x/{slug}/"),
        title: title.into(),
        keywords: keywords.iter().map(|k| k.to_string()).collect(),
        body: body.into(),
        place: "Gent".into(),
        filters: filters.iter().map(|(g, v)| (g.to_string(), v.to_string())).collect(),
        ..Default::default()
    }
}

fn corpus() -> Vec<SearchDocument> {
    vec![
        doc(
            "atelier-noord",
            "space",
            "Atelier Noord",
            &["Atelier", "Beeldende kunst"],
            "Lichte werkplek voor schilders.",
            &[
                ("province", "oost-vlaanderen"),
                ("place", "gent"),
                ("kind", "atelier"),
                ("wheelchair", "ja"),
            ],
        ),
        doc(
            "oefenkot",
            "space",
            "Het Oefenkot",
            &["Repetitieruimte", "Muziek"],
            "Een kelder waar bands repeteren.",
            &[
                ("province", "antwerpen"),
                ("place", "mechelen"),
                ("kind", "repetitieruimte"),
                ("wheelchair", "onbekend"),
            ],
        ),
        doc(
            "stadstheater",
            "space",
            "Stadstheater",
            &["Podium", "Theater"],
            "Een theater met een grote zaal voor amateurgezelschappen.",
            &[("province", "antwerpen"), ("place", "antwerpen"), ("kind", "podium")],
        ),
        doc(
            "samen-creeren",
            "practice",
            "Samen creëren in de wijk",
            &["Participatie"],
            "Buurtbewoners en kunstenaars maken samen werk.",
            &[("province", "oost-vlaanderen"), ("place", "gent")],
        ),
        doc(
            "bruikleen",
            "guide",
            "Bruikleen",
            &["prêt à usage", "Gebruiksregeling"],
            "Een eigenaar laat een ruimte gratis gebruiken door een vereniging.",
            &[],
        ),
        doc(
            "ruimte-delen",
            "practice",
            "Samen een pand huren",
            &["Samenwerking"],
            "Drie collectieven delen een atelier en de kosten.",
            &[("province", "oost-vlaanderen"), ("place", "gent")],
        ),
    ]
}

fn search(q: &str) -> Vec<String> {
    search_with(&SearchRequest {
        q: q.into(),
        ..Default::default()
    })
}

fn search_with(request: &SearchRequest) -> Vec<String> {
    let blob = build_index(&corpus()).expect("index builds");
    let index = SearchIndex::open(&blob[..]).expect("index opens");
    index
        .search(request)
        .expect("search runs")
        .hits
        .into_iter()
        .map(|h| h.slug)
        .collect()
}

#[test]
fn accents_are_folded_both_ways() {
    assert_eq!(search("creeren").first().map(String::as_str), Some("samen-creeren"));
    assert_eq!(search("créëren").first().map(String::as_str), Some("samen-creeren"));
    assert!(search("pret a usage").contains(&"bruikleen".to_string()));
}

#[test]
fn dutch_plurals_find_the_singular() {
    assert_eq!(search("ateliers").first().map(String::as_str), Some("atelier-noord"));
    assert!(search("theaters").contains(&"stadstheater".to_string()));
}

#[test]
fn part_of_a_compound_finds_the_whole() {
    assert!(
        search("ruimte").contains(&"oefenkot".to_string()),
        "ruimte finds repetitieruimte"
    );
    assert!(
        search("repetitie").contains(&"oefenkot".to_string()),
        "repetitie finds repetitieruimte"
    );
    assert!(search("theater").contains(&"stadstheater".to_string()));
}

#[test]
fn prefixes_match_while_typing() {
    assert!(search("repet").contains(&"oefenkot".to_string()));
    assert_eq!(search("atel").first().map(String::as_str), Some("atelier-noord"));
    assert!(search("br").contains(&"bruikleen".to_string()));
}

#[test]
fn one_typo_in_a_long_word_is_forgiven() {
    assert!(search("teater").contains(&"stadstheater".to_string()));
    assert!(search("bruiklen").contains(&"bruikleen".to_string()));
    // Short words must match exactly: "zaak" is not "zaal".
    assert!(!search("zaak").contains(&"stadstheater".to_string()));
}

#[test]
fn a_word_the_index_knows_is_not_read_as_a_typo() {
    // "kelder" is a word of the corpus: it finds the cellar, not every word one letter away.
    assert_eq!(search("kelder"), ["oefenkot"]);
    // "muzeik" is not: it is read as "muziek" with one typo.
    assert!(search("muzeik").contains(&"oefenkot".to_string()));
}

#[test]
fn the_word_being_typed_is_a_prefix_after_finished_words() {
    assert!(search("muziek repet").contains(&"oefenkot".to_string()));
    assert!(search("kelder repet").contains(&"oefenkot".to_string()));
}

#[test]
fn title_weighs_more_than_the_text() {
    // "atelier" is the title of one entry and only in the text of another.
    let hits = search("atelier");
    let title = hits.iter().position(|s| s == "atelier-noord").unwrap();
    let body = hits.iter().position(|s| s == "ruimte-delen").unwrap();
    assert!(title < body, "{hits:?}");
}

#[test]
fn an_exact_title_ranks_first() {
    assert_eq!(search("bruikleen").first().map(String::as_str), Some("bruikleen"));
    assert_eq!(search("het oefenkot").first().map(String::as_str), Some("oefenkot"));
}

#[test]
fn entries_with_every_word_come_first() {
    // Only the studio has both words; the shared premises have "atelier" in its text.
    let hits = search("atelier schilders");
    assert_eq!(hits.first().map(String::as_str), Some("atelier-noord"), "{hits:?}");
    assert!(hits.contains(&"ruimte-delen".to_string()), "one word still finds");
    // A word nothing has leaves the others to find what they find.
    assert_eq!(
        search("atelier zwembad").first().map(String::as_str),
        Some("atelier-noord")
    );
    assert!(search("zwembad").is_empty());
}

#[test]
fn filters_narrow_and_facets_count() {
    let blob = build_index(&corpus()).unwrap();
    let index = SearchIndex::open(&blob[..]).unwrap();
    let all = index.search(&SearchRequest::default()).unwrap();
    assert_eq!(all.total, 6);
    let count = |r: &search_index::SearchResponse, group: &str, value: &str| {
        r.facets[group].iter().find(|f| f.value == value).map_or(0, |f| f.count)
    };
    assert_eq!(count(&all, "type", "space"), 3);
    assert_eq!(count(&all, "province", "oost-vlaanderen"), 3);

    let mut request = SearchRequest::default();
    request.filters.insert("type".into(), vec!["space".into()]);
    request
        .filters
        .insert("province".into(), vec!["antwerpen".into(), "oost-vlaanderen".into()]);
    let spaces = index.search(&request).unwrap();
    assert_eq!(spaces.total, 3, "OR within a group, AND across groups");
    assert_eq!(count(&spaces, "province", "antwerpen"), 2);
    // A group's counts leave out its own selection: the other types stay visible to switch to.
    assert_eq!(count(&spaces, "type", "practice"), 2);

    request.filters.insert("wheelchair".into(), vec!["ja".into()]);
    let accessible: Vec<String> = index
        .search(&request)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.slug)
        .collect();
    assert_eq!(accessible, ["atelier-noord"]);
}

#[test]
fn results_carry_what_the_list_shows() {
    let blob = build_index(&corpus()).unwrap();
    let index = SearchIndex::open(&blob[..]).unwrap();
    let response = index
        .search(&SearchRequest {
            q: "schilders".into(),
            ..Default::default()
        })
        .unwrap();
    let hit = &response.hits[0];
    assert_eq!(
        (
            hit.kind.as_str(),
            hit.title.as_str(),
            hit.url.as_str(),
            hit.place.as_str()
        ),
        ("space", "Atelier Noord", "x/atelier-noord/", "Gent")
    );
    assert!(
        hit.snippet.iter().any(|p| p.hit && p.text == "schilders"),
        "{:?}",
        hit.snippet
    );
}

#[test]
fn the_same_documents_give_the_same_blob() {
    assert_eq!(build_index(&corpus()).unwrap(), build_index(&corpus()).unwrap());
}

#[test]
fn a_damaged_blob_is_an_error_not_a_panic() {
    let blob = build_index(&corpus()).unwrap();
    assert!(SearchIndex::open(b"not an index").is_err());
    assert!(SearchIndex::open(&blob[..blob.len() / 2]).is_err());
}

#[test]
fn suggestions_can_skip_the_counts() {
    let blob = build_index(&corpus()).unwrap();
    let index = SearchIndex::open(&blob[..]).unwrap();
    let request = SearchRequest {
        q: "atelier".into(),
        facets: false,
        ..Default::default()
    };
    let response = index.search(&request).unwrap();
    assert!(response.facets.is_empty());
    assert_eq!(response.hits.first().map(|h| h.slug.as_str()), Some("atelier-noord"));
}

#[test]
fn suggestions_and_results_are_one_query() {
    let blob = build_index(&corpus()).unwrap();
    let index = SearchIndex::open(&blob[..]).unwrap();
    for q in ["kelder", "atelier", "oefen", "ruimte", "samen creeren"] {
        let page = index
            .search(&SearchRequest {
                q: q.into(),
                ..Default::default()
            })
            .unwrap();
        let suggestions = index
            .search(&SearchRequest {
                q: q.into(),
                limit: 6,
                facets: false,
                snippets: false,
                ..Default::default()
            })
            .unwrap();
        assert_eq!(suggestions.total, page.total, "{q}: the same count");
        let order =
            |r: &search_index::SearchResponse| r.hits.iter().take(6).map(|h| h.slug.clone()).collect::<Vec<_>>();
        assert_eq!(order(&suggestions), order(&page), "{q}: the same order");
        assert!(
            suggestions.hits.iter().all(|h| h.snippet.is_empty()),
            "no snippets asked for"
        );
    }
}
