//! `ruimte search`: the same index and query code as the site, from a terminal.

use std::path::Path;

use search_index::{SearchIndex, SearchRequest};

use crate::config::Config;
use crate::content;
use crate::render::context::RenderContext;
use crate::render::theme::Theme;

pub struct SearchArgs<'a> {
    pub query: &'a str,
    pub content: &'a Path,
    pub config: &'a Path,
    pub theme: &'a Path,
    pub limit: usize,
    pub json: bool,
    /// (group, value) filters, e.g. ("type", "space").
    pub filters: Vec<(&'static str, String)>,
}

pub fn run(args: &SearchArgs) -> i32 {
    match search(args) {
        Ok(text) => {
            print!("{text}");
            0
        }
        Err(message) => {
            eprintln!("error: {message}");
            1
        }
    }
}

fn search(args: &SearchArgs) -> Result<String, String> {
    let config = Config::load(args.config).map_err(|d| d.message)?;
    let theme = Theme::load(args.theme, &config.language)?;
    let loaded = content::load(args.content);
    if let Some(d) = loaded.diagnostics.iter().find(|d| d.is_error()) {
        return Err(format!(
            "{}: {} (run `ruimte check` for all problems)",
            d.file, d.message
        ));
    }
    let today = super::today()?;
    let ctx = RenderContext::new(&loaded.site, &config, &theme, today, false, &Default::default());
    let blob = crate::search::build_blob(&crate::search::documents(&ctx))?;
    let index = SearchIndex::open(blob)?;
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
    let response = index.search(&request)?;
    if args.json {
        return serde_json::to_string_pretty(&response)
            .map(|s| s + "\n")
            .map_err(|e| e.to_string());
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
            ctx.urls.url(&hit.url),
            snippet
        ));
    }
    Ok(out)
}
