//! `ruimte search`: the same index and query code as the site, from a terminal.

use std::path::Path;

use anyhow::{anyhow, bail, Result};
use search_index::{SearchIndex, SearchRequest, SuggestIndex, SuggestRequest};

use crate::build;
use crate::content;
use crate::site::Site;

pub struct SearchArgs<'a> {
    pub query: &'a str,
    pub content: &'a Path,
    pub config: &'a Path,
    pub theme: &'a Path,
    pub limit: usize,
    pub json: bool,
    /// For each hit, which words matched in which way, and the bonuses that rank it.
    pub explain: bool,
    /// The header's suggestions instead of the search page's results.
    pub suggest: bool,
    /// (group, value) filters, e.g. ("type", "space").
    pub filters: Vec<(&'static str, String)>,
}

pub fn run(args: &SearchArgs) -> i32 {
    match search(args) {
        Ok(text) => {
            print!("{text}");
            0
        }
        Err(error) => {
            eprintln!("error: {error:#}");
            1
        }
    }
}

/// Builds the site's index in memory from the content and the interface strings (no templates)
/// and runs the query with the same code as the browser.
fn search(args: &SearchArgs) -> Result<String> {
    let config = build::settings(args.config, None).map_err(|d| anyhow!("{}: {}", d.file, d.message))?;
    let strings = build::strings(args.theme, &config)?;
    let loaded = content::load(args.content);
    if let Some(d) = loaded.diagnostics.iter().find(|d| d.is_error()) {
        bail!("{}: {} (run `ruimte check` for all problems)", d.file, d.message);
    }
    let today = build::today()?;
    let site = Site::new(&loaded.model, &config, &strings, today, false);
    let documents = crate::search::documents(&site);
    if args.suggest {
        return suggest(args, &site, &documents);
    }
    let blob = crate::search::build_blob(&documents)?;
    let index = SearchIndex::open(blob).map_err(|e| anyhow!(e))?;
    let mut request = SearchRequest {
        q: args.query.to_string(),
        limit: args.limit,
        ..Default::default()
    };
    for (group, value) in &args.filters {
        request
            .filters
            .entry(group.to_string())
            .or_default()
            .push(value.clone());
    }
    let response = index.search(&request).map_err(|e| anyhow!(e))?;
    let explanations = if args.explain {
        index.explain(&request).map_err(|e| anyhow!(e))?
    } else {
        Vec::new()
    };
    if args.json {
        let value = if args.explain {
            serde_json::json!({ "response": response, "explain": explanations })
        } else {
            serde_json::to_value(&response)?
        };
        return Ok(serde_json::to_string_pretty(&value)? + "\n");
    }
    let mut out = format!("{} result(s) for \"{}\"\n", response.total, args.query);
    for (i, hit) in response.hits.iter().enumerate() {
        let place = if hit.place.is_empty() {
            String::new()
        } else {
            format!(" · {}", hit.place)
        };
        let snippet: String = hit
            .snippet
            .iter()
            .map(|p| if p.hit { format!("*{}*", p.text) } else { p.text.clone() })
            .collect();
        out.push_str(&format!(
            "\n{}. {} ({}{place})\n   {}\n   {}\n",
            i + 1,
            hit.title,
            hit.kind,
            site.urls.url(&hit.url),
            snippet
        ));
        if let Some(why) = explanations.iter().find(|e| e.slug == hit.slug) {
            out.push_str(&format!("   score {:.1}\n", why.score));
            for word in &why.words {
                let ways: Vec<String> = word
                    .ways
                    .iter()
                    .map(|(way, score)| format!("{way} {score:.1}"))
                    .collect();
                let ways = if ways.is_empty() {
                    "no match".to_string()
                } else {
                    ways.join(", ")
                };
                out.push_str(&format!("   `{}`: {ways}\n", word.word));
            }
            for bonus in &why.bonuses {
                out.push_str(&format!("   + {bonus}\n"));
            }
        }
    }
    Ok(out)
}

/// What the header's box suggests, with the same code and index as the browser's.
fn suggest(args: &SearchArgs, site: &Site, documents: &[search_index::SearchDocument]) -> Result<String> {
    let parts = crate::search::build_suggest(site, documents);
    let mut index = SuggestIndex::open_whole(&parts).map_err(|e| anyhow!(e))?;
    let response = index
        .suggest(&SuggestRequest {
            q: args.query.to_string(),
            limit: args.limit,
        })
        .map_err(|e| anyhow!(e))?;
    if args.json {
        return Ok(serde_json::to_string_pretty(&response)? + "\n");
    }
    let mut out = format!("{} suggestion(s) for \"{}\"\n", response.total, args.query);
    for (i, hit) in response.hits.iter().enumerate() {
        let place = if hit.place.is_empty() {
            String::new()
        } else {
            format!(" · {}", hit.place)
        };
        out.push_str(&format!(
            "{}. {} ({}{place})  {}\n",
            i + 1,
            hit.title,
            hit.kind,
            site.urls.url(&hit.url)
        ));
    }
    Ok(out)
}
