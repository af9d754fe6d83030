//! The index in parts answers exactly as the whole index does, in few rounds, fetching a small
//! part of it.

use std::collections::BTreeSet;

use search_index::{
    build_index, ConceptNames, ConceptUse, Lazy, LazyIndex, Parts, SearchDocument, SearchIndex, SearchRequest,
    SuggestBuilder, SuggestIndex, SuggestRequest, Vocabulary,
};

const WORDS: &[&str] = &[
    "atelier",
    "repetitieruimte",
    "muziek",
    "dans",
    "theater",
    "werkplaats",
    "opslag",
    "podium",
    "kunstenaar",
    "schilder",
    "beeldhouwer",
    "drummer",
    "band",
    "studio",
    "kelder",
    "zolder",
    "loods",
    "fabriek",
    "school",
    "kerk",
    "tijdelijk",
    "leegstand",
    "gedeeld",
    "betaalbaar",
    "licht",
    "groot",
    "klein",
    "stil",
    "warm",
    "collectief",
    "vereniging",
    "gemeente",
    "huur",
    "bruikleen",
    "toegankelijk",
    "rolstoel",
    "keuken",
    "tuin",
];
const PLACES: &[&str] = &[
    "gent",
    "antwerpen",
    "brussel",
    "leuven",
    "hasselt",
    "brugge",
    "mechelen",
    "kortrijk",
];
const KINDS: &[&str] = &["atelier", "repetitieruimte", "werkplaats", "opslag", "podium"];

/// A few thousand entries from a fixed pseudo-random sequence: the same corpus every run.
fn corpus(count: usize) -> Vec<SearchDocument> {
    let mut state: u64 = 0x5eed;
    let mut next = move |n: usize| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 33) as usize) % n
    };
    (0..count)
        .map(|i| {
            let place = PLACES[next(PLACES.len())];
            let kind = KINDS[next(KINDS.len())];
            let title = format!("{} {} {i}", WORDS[next(WORDS.len())], WORDS[next(WORDS.len())]);
            let body: Vec<&str> = (0..40).map(|_| WORDS[next(WORDS.len())]).collect();
            SearchDocument {
                slug: format!("entry-{i}"),
                kind: if i % 4 == 0 { "practice" } else { "space" }.into(),
                url: format!("ruimtes/entry-{i}/"),
                title,
                keywords: vec![kind.to_string(), WORDS[next(WORDS.len())].to_string()],
                body: body.join(" "),
                place: place.into(),
                place_names: vec![place.into()],
                filters: vec![("place".into(), place.into()), ("kind".into(), kind.into())],
                ..Default::default()
            }
        })
        .collect()
}

fn requests() -> Vec<SearchRequest> {
    let plain = |q: &str| SearchRequest {
        q: q.into(),
        limit: 20,
        facets: true,
        snippets: true,
        ..Default::default()
    };
    let mut out: Vec<SearchRequest> = [
        "atelier",
        "repetitieruimte gent",
        "muz",
        "reptitieruimte",
        "drumer kelder",
        "tijdelijk gedeeld atelier antwerpen",
        "ruimte",
        "zzz",
        "",
    ]
    .iter()
    .map(|q| plain(q))
    .collect();
    let mut filtered = plain("licht");
    filtered
        .filters
        .insert("place".into(), vec!["gent".into(), "leuven".into()]);
    out.push(filtered);
    let mut filters_only = plain("");
    filters_only.filters.insert("kind".into(), vec!["opslag".into()]);
    out.push(filters_only);
    out
}

/// Runs a request on the lazy index, handing it the parts it asks for, as the browser does.
/// Gives the answer, the rounds of fetching, and the parts fetched.
fn run(lazy: &mut LazyIndex, parts: &Parts, request: &SearchRequest) -> (String, usize, BTreeSet<u32>) {
    let mut fetched = BTreeSet::new();
    for round in 0..10 {
        match lazy.search(request).expect("the query runs") {
            Lazy::Ready(response) => return (serde_json::to_string(&response).unwrap(), round, fetched),
            Lazy::Wants(wanted) => {
                for part in wanted {
                    assert!(fetched.insert(part), "part {part} was asked for twice");
                    lazy.supply_packed(part, &parts.packed_chunk(part)).unwrap();
                }
            }
        }
    }
    panic!("{:?} still wants parts after 10 rounds", request.q);
}

#[test]
fn the_index_in_parts_answers_as_the_whole_index_in_two_rounds_at_most() {
    let blob = build_index(&corpus(3_000)).unwrap();
    let whole = SearchIndex::open(&blob[..]).unwrap();
    let parts = Parts::split(blob, "parts/test/").unwrap();
    let mut lazy = LazyIndex::open(parts.head().to_vec()).unwrap();
    assert_eq!(lazy.part_count(), parts.chunk_count());
    assert_eq!(lazy.folder(), "parts/test/");
    let mut all_fetched = BTreeSet::new();
    for request in requests() {
        let expected = serde_json::to_string(&whole.search(&request).unwrap()).unwrap();
        let (got, rounds, fetched) = run(&mut lazy, &parts, &request);
        assert_eq!(got, expected, "{:?} answers differently in parts", request.q);
        assert!(rounds <= 2, "{:?} took {rounds} rounds of fetching", request.q);
        assert!(fetched.is_disjoint(&all_fetched), "{:?} fetched parts again", request.q);
        all_fetched.extend(fetched);
        // Asked again, it needs nothing more.
        assert_eq!(run(&mut lazy, &parts, &request).1, 0);
    }
    // The first query fetched a small part of the index.
    let mut fresh = LazyIndex::open(parts.head().to_vec()).unwrap();
    let (_, _, fetched) = run(&mut fresh, &parts, &requests()[0]);
    let bytes: usize = fetched.iter().map(|&p| parts.packed_chunk(p).len()).sum::<usize>();
    let total: usize = (0..parts.chunk_count()).map(|p| parts.packed_chunk(p).len()).sum();
    assert!(bytes * 3 < total, "one query fetched {bytes} of {total} bytes");
}

#[test]
fn a_damaged_head_or_part_is_an_error_not_a_panic() {
    let blob = build_index(&corpus(200)).unwrap();
    let parts = Parts::split(blob, "parts/test/").unwrap();
    assert!(LazyIndex::open(b"not a head".to_vec()).is_err());
    let head = parts.head();
    assert!(LazyIndex::open(head[..head.len() / 2].to_vec()).is_err());
    let mut lazy = LazyIndex::open(head.to_vec()).unwrap();
    let request = &requests()[0];
    let Lazy::Wants(wanted) = lazy.search(request).unwrap() else {
        panic!("a fresh index has the postings of no word");
    };
    let part = wanted[0];
    let packed = parts.packed_chunk(part);
    let error = lazy.supply_packed(part, &packed[..packed.len() / 2]).unwrap_err();
    assert!(error.contains(&format!("part {part}")), "{error}");
    let error = lazy.supply(part, parts.chunk(part)[1..].to_vec()).unwrap_err();
    assert!(error.contains(&format!("part {part}")), "{error}");
    assert!(lazy.supply(parts.chunk_count(), vec![0]).is_err());
}

/// The vocabulary the corpus's entries carry: each place and kind, with a French name.
fn vocabulary() -> Vocabulary {
    let mut vocabulary = Vocabulary::new();
    for place in PLACES {
        let names = vec![place.to_string(), format!("{place}-ville")];
        vocabulary.insert(
            format!("places:{place}"),
            ConceptNames {
                label: place.to_string(),
                names,
            },
        );
    }
    for kind in KINDS {
        let names = vec![kind.to_string(), format!("{kind}-salle")];
        vocabulary.insert(
            format!("space-kinds:{kind}"),
            ConceptNames {
                label: kind.to_string(),
                names,
            },
        );
    }
    vocabulary
}

/// The corpus with what suggestions read: each entry carries its place and kind.
fn suggest_corpus(count: usize) -> Vec<SearchDocument> {
    corpus(count)
        .into_iter()
        .map(|mut d| {
            let (place, kind) = (d.filters[0].1.clone(), d.filters[1].1.clone());
            d.concepts = vec![
                ConceptUse {
                    id: format!("places:{place}"),
                    keyword: true,
                    kind: false,
                    place: true,
                },
                ConceptUse {
                    id: format!("space-kinds:{kind}"),
                    keyword: true,
                    kind: true,
                    place: false,
                },
            ];
            d
        })
        .collect()
}

const SUGGEST_QUERIES: &[&str] = &[
    "at",
    "atel",
    "repetitieruimte gent",
    "reptitieruimte",
    "gent-ville",
    "gent",
    "drumer kelder",
    "tijdelijk gedeeld atelier antwerpen",
    "licht atelier 17",
    "zzz",
    "",
];

/// Runs a suggestion query, handing over the parts it asks for. Gives the answer, the rounds of
/// fetching and the parts fetched.
fn suggest_run(lazy: &mut SuggestIndex, parts: &Parts, q: &str) -> (String, usize, BTreeSet<u32>) {
    let request = SuggestRequest { q: q.into(), limit: 6 };
    let mut fetched = BTreeSet::new();
    for round in 0..10 {
        match lazy.lazy_suggest(&request).expect("the query runs") {
            Lazy::Ready(response) => return (serde_json::to_string(&response).unwrap(), round, fetched),
            Lazy::Wants(wanted) => {
                for part in wanted {
                    assert!(fetched.insert(part), "part {part} was asked for twice");
                    lazy.supply_packed(part, &parts.packed_chunk(part)).unwrap();
                }
            }
        }
    }
    panic!("{q:?} still wants suggestion parts after 10 rounds");
}

#[test]
fn suggestions_in_parts_answer_as_with_every_part_at_hand() {
    let vocabulary = vocabulary();
    let mut builder = SuggestBuilder::new(&vocabulary);
    suggest_corpus(20_000).iter().for_each(|d| builder.add(d));
    let parts = builder.finish("suggest/test/");
    assert!(parts.chunk_count() > 10, "a large index travels in parts");
    let mut whole = SuggestIndex::open_whole(&parts).unwrap();
    let mut lazy = SuggestIndex::open(parts.head().to_vec()).unwrap();
    assert_eq!(lazy.folder(), "suggest/test/");
    let mut all_fetched = BTreeSet::new();
    for q in SUGGEST_QUERIES {
        let request = SuggestRequest {
            q: q.to_string(),
            limit: 6,
        };
        let expected = serde_json::to_string(&whole.suggest(&request).unwrap()).unwrap();
        let (got, rounds, fetched) = suggest_run(&mut lazy, &parts, q);
        assert_eq!(got, expected, "{q:?} suggests differently in parts");
        assert!(rounds <= 2, "{q:?} took {rounds} rounds of fetching");
        assert!(fetched.is_disjoint(&all_fetched), "{q:?} fetched parts again");
        all_fetched.extend(fetched);
        assert_eq!(suggest_run(&mut lazy, &parts, q).1, 0, "{q:?} asked again");
    }
    // What ranks from the parts: the place named whole, and the entry whose whole title is the
    // query (its own part of titles), before the many that share its words.
    let mut first = |q: &str| {
        let request = SuggestRequest { q: q.into(), limit: 6 };
        suggest_run(&mut lazy, &parts, q);
        lazy.lazy_suggest(&request).map(|answer| match answer {
            Lazy::Ready(response) => response.hits,
            Lazy::Wants(_) => panic!("{q:?} wants parts it was given"),
        })
    };
    assert!(first("gent").unwrap().iter().all(|h| h.place == "gent"));
    let entry = &suggest_corpus(1_234)[1_233];
    assert_eq!(first(&entry.title).unwrap()[0].slug, "entry-1233", "{:?}", entry.title);
    // A word typed fetches a small part of the index.
    let mut fresh = SuggestIndex::open(parts.head().to_vec()).unwrap();
    let (_, _, fetched) = suggest_run(&mut fresh, &parts, "drummer");
    let bytes: usize = fetched.iter().map(|&p| parts.packed_chunk(p).len()).sum();
    let total: usize = (0..parts.chunk_count()).map(|p| parts.packed_chunk(p).len()).sum();
    assert!(bytes * 5 < total, "one word fetched {bytes} of {total} bytes");
}
