//! The repository's own directory: it checks clean and cannot silently shrink.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use ruimte::content::{self, model::Date, validate};

fn load() -> content::Model {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let loaded = content::load(&root);
    assert!(
        loaded.diagnostics.is_empty(),
        "content loads without problems: {:#?}",
        loaded.diagnostics
    );
    loaded.model
}

#[test]
fn the_directory_holds_at_least_the_entries_of_the_source_documents() {
    let site = load();
    assert!(site.practices.len() >= 28, "{} practices", site.practices.len());
    assert!(site.spaces.len() >= 20, "{} spaces", site.spaces.len());
    // At least three real requests from the source documents, and one that ran out, kept for the record.
    assert!(site.requests.len() >= 4, "{} requests", site.requests.len());
    assert!(site.guides.len() >= 12, "{} guides", site.guides.len());
    // The memorandum's practices are all there, each citing it.
    let memorandum = site
        .practices
        .iter()
        .filter(|p| {
            p.front
                .sources
                .iter()
                .any(|s| s.title.starts_with("Lokaal talent doet me wat"))
        })
        .count();
    assert!(memorandum >= 28, "{memorandum} practices cite the memorandum");
}

#[test]
fn every_entry_cites_a_source() {
    let site = load();
    let titles = site
        .spaces
        .iter()
        .map(|e| (&e.file, &e.front.sources))
        .chain(site.practices.iter().map(|e| (&e.file, &e.front.sources)))
        .chain(site.guides.iter().map(|e| (&e.file, &e.front.sources)));
    for (file, sources) in titles {
        assert!(
            !sources.is_empty() && sources.iter().all(|s| !s.title.trim().is_empty()),
            "{file} has no source"
        );
    }
}

#[test]
fn every_place_used_is_in_the_vocabulary_with_its_province() {
    let site = load();
    let used: BTreeSet<&str> = site
        .spaces
        .iter()
        .map(|e| e.front.place.as_str())
        .chain(
            site.practices
                .iter()
                .flat_map(|e| e.front.places.iter().map(|p| p.as_str())),
        )
        .collect();
    for key in used {
        let place = site
            .vocab
            .place(key)
            .unwrap_or_else(|| panic!("{key} is not in places.yaml"));
        assert!(
            site.vocab
                .contains(content::vocab::VocabularyKind::Provinces, place.province.as_str()),
            "{key}"
        );
    }
}

#[test]
fn the_content_has_no_errors_or_warnings() {
    let site = load();
    let options = validate::Options {
        today: Date::parse(common::TODAY).unwrap(),
        stale_days: None,
    };
    let diagnostics = validate::validate(&site, &options);
    // Requests kept for the record after they ran out say so, and only that.
    let expired: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d.code == "expired-request")
        .map(|d| d.file.as_str())
        .collect();
    assert_eq!(expired, ["requests/popraad-sint-niklaas-vraag-naar-repetitieruimte.md"]);
    let others: Vec<_> = diagnostics.iter().filter(|d| d.code != "expired-request").collect();
    assert!(others.is_empty(), "{others:#?}");
}

#[test]
fn the_about_contribute_and_source_pages_exist() {
    let site = load();
    let slugs: BTreeSet<&str> = site.pages.iter().map(|p| p.slug.as_str()).collect();
    for slug in ["over", "bijdragen"] {
        assert!(slugs.contains(slug), "pages/{slug}.md");
    }
    assert!(
        slugs.iter().filter(|s| s.starts_with("bron-")).count() >= 5,
        "one page per source document: {slugs:?}"
    );
}

/// The legal points a reading found wrong stay corrected (each checked against the law's text or
/// an official page; the commits name them).
#[test]
fn the_guides_say_what_the_law_says() {
    let site = load();
    let guide = |slug: &str| -> String {
        let g = site
            .guides
            .iter()
            .find(|g| g.slug == slug)
            .unwrap_or_else(|| panic!("no guide {slug}"));
        let mut text = serde_json::to_string(&g.front).unwrap();
        text.push_str(&g.body);
        text
    };
    // Werkgeversgroepering: the federal Minister of Work authorises it, no region; a vzw or vof.
    let grouping = guide("werkgeversgroepering");
    assert!(grouping.contains("federale minister van Werk"));
    assert!(!grouping.contains("gewestminister") && !grouping.contains("beslissen de gewesten"));
    assert!(
        grouping.contains("vennootschap onder firma") && !grouping.contains("vzw of economisch samenwerkingsverband")
    );
    // Huur: a tenant may sublet unless the lease forbids it.
    let lease = guide("huur");
    assert!(lease.contains("art. 1717"));
    assert!(!lease.contains("zonder toestemming van de verhuurder"));
    // Bruikleen: no claim without a source that it is the most used form.
    assert!(!guide("bruikleen").contains("meest gebruikte vorm"));
    // Erfpacht and opstal: the right exists by agreement; transcription makes it opposable.
    for slug in ["erfpacht", "opstalrecht"] {
        assert!(guide(slug).contains("ontstaat het"), "{slug}");
    }
    // Coöperatie: no capital since the company code.
    let cooperative = guide("cooperatie");
    assert!(!cooperative.contains("kapitaal inbrengen") && !cooperative.contains("kapitaal ophalen"));
    assert!(cooperative.contains("geen kapitaal meer"));
}

/// The comparison: a use arrangement is scored on how you hold a space, an organisation form on
/// what it is in law and tax; the notary's part in erfpacht and opstal is said, and the
/// patrimoniumtaks has its figures of 2024, not the old 0.17 % above EUR 25,000.
#[test]
fn each_guide_is_compared_on_its_familys_points() {
    use ruimte::content::model::guide::Family;
    use ruimte::content::model::Keyed;
    let site = load();
    for g in &site.guides {
        let c = &g.front.compare;
        match g.front.category.family() {
            Some(Family::Use) => assert!(c.use_terms.is_some() && c.organisation.is_none(), "{}", g.slug),
            Some(Family::Organisation) => assert!(c.organisation.is_some() && c.use_terms.is_none(), "{}", g.slug),
            None => assert!(c.use_terms.is_none() && c.organisation.is_none(), "{}", g.slug),
        }
    }
    let guide = |slug: &str| &site.guides.iter().find(|g| g.slug == slug).unwrap().front.compare;
    for slug in ["erfpacht", "opstalrecht"] {
        let note = guide(slug)
            .use_terms
            .as_ref()
            .unwrap()
            .notary_note
            .as_deref()
            .unwrap_or_default();
        assert!(note.contains("ontstaat al door de overeenkomst"), "{slug}: {note}");
    }
    let vzw = guide("vzw").organisation.as_ref().unwrap();
    let tax = vzw.patrimony_tax.as_deref().unwrap();
    assert!(tax.contains("50.000") && !tax.contains("0,17"), "{tax}");
    assert!(vzw.income_tax.as_deref().unwrap().contains("rechtspersonenbelasting"));
    let association = guide("feitelijke-vereniging").organisation.as_ref().unwrap();
    assert_eq!(association.legal_personality.key(), "nee");
}

/// A space says what it is: the focus-group venues, the plinth and the academies are no
/// workspaces on offer, Permanent is a plan, the kiosk of Sint-Lievens-Esse is to be renovated.
#[test]
fn spaces_say_what_they_are() {
    use ruimte::content::model::space::SpaceStatus;
    let site = load();
    let status = |slug: &str| site.spaces.iter().find(|e| e.slug == slug).unwrap().front.status;
    for slug in [
        "kaaitheater-brussel",
        "buda-kortrijk",
        "sokkel-gemeenteplein-bornem",
        "kiosk-kouter-gent",
    ] {
        assert_eq!(status(slug), SpaceStatus::Locatie, "{slug}");
    }
    assert_eq!(status("permanent-ateliergebouw-brussel"), SpaceStatus::Gepland);
    assert_eq!(status("kiosk-sint-lievens-esse"), SpaceStatus::InRenovatie);
    assert_eq!(status("atelier-agno3000-leuven"), SpaceStatus::EigenGebruik);
    assert_eq!(status("jc-kompas-repetitieruimtes"), SpaceStatus::Aanbod);
    // NUCLEO: the dossier names it and says nothing of its space.
    let nucleo = site.spaces.iter().find(|e| e.slug == "nucleo-gent").unwrap();
    assert!(nucleo.front.status == SpaceStatus::Onbekend && nucleo.front.kinds.is_empty());
}

/// Facts the documents do not give are left out rather than guessed.
#[test]
fn no_fact_the_documents_do_not_give() {
    let site = load();
    // Parsimon and the OP/TIL workshops: the documents name no town.
    for slug in [
        "werkgeversgroepering-gedeeld-personeel",
        "optil-werkplaatsen-cultuurplekken-van-morgen",
    ] {
        let practice = site.practices.iter().find(|p| p.slug == slug).unwrap();
        assert!(
            practice.front.places.is_empty(),
            "{slug} names a place the documents do not"
        );
    }
    // The memorandum's populations come without a year; where it gives two figures, both are said.
    for place in &site.vocab.places {
        if let Some(population) = &place.population {
            if population.source.starts_with("Lokaal talent doet me wat") {
                assert_eq!(
                    population.year, None,
                    "{}: a year the memorandum does not give",
                    place.key
                );
            }
        }
    }
    // The Permanent project sheet is undated: no one checked those entries on a given day.
    let from_permanent = |sources: &[ruimte::content::model::Source]| {
        sources
            .iter()
            .all(|s| s.title.starts_with("Permanent: permanent betaalbare ateliers"))
    };
    let unverified: Vec<&str> = site
        .spaces
        .iter()
        .filter(|e| from_permanent(&e.front.sources))
        .map(|e| (e.slug.as_str(), e.front.last_verified))
        .chain(
            site.practices
                .iter()
                .filter(|e| from_permanent(&e.front.sources))
                .map(|e| (e.slug.as_str(), e.front.last_verified)),
        )
        .chain(
            site.requests
                .iter()
                .filter(|e| from_permanent(&e.front.sources))
                .map(|e| (e.slug.as_str(), e.front.last_verified)),
        )
        .filter(|(_, date)| date.is_none())
        .map(|(slug, _)| slug)
        .collect();
    assert_eq!(
        unverified.len(),
        5,
        "the Permanent entries carry no check date: {unverified:?}"
    );
    // A source's date only where the source gives one: the memorandum 2024, the Horizon 2035
    // dossier none; and no check date that is a source's year in disguise.
    let cites =
        |sources: &[ruimte::content::model::Source], title: &str| sources.iter().all(|s| s.title.starts_with(title));
    for e in &site.practices {
        assert!(e.front.last_verified.is_none(), "{}: nobody checked it", e.slug);
        if cites(&e.front.sources, "Horizon 2035") {
            assert_eq!(e.front.source_date, None, "{}", e.slug);
        }
        if cites(&e.front.sources, "Lokaal talent doet me wat") {
            assert_eq!(
                e.front.source_date.map(|d| d.to_string()).as_deref(),
                Some("2024"),
                "{}",
                e.slug
            );
        }
    }
    for e in &site.spaces {
        assert!(e.front.last_verified.is_none(), "{}: nobody checked it", e.slug);
        if cites(&e.front.sources, "Horizon 2035") {
            assert_eq!(e.front.source_date, None, "{}", e.slug);
        }
    }
    let izegem = site.vocab.place("izegem").unwrap().population.as_ref().unwrap();
    assert!(
        izegem.note.as_deref().is_some_and(|n| n.contains("29.982")),
        "{izegem:?}"
    );
}
