//! One thin module per subcommand: each turns parsed arguments into library calls and an exit code.

pub mod build;
pub mod check;
pub mod new;
pub mod schema;
pub mod search;

use std::path::Path;

use crate::content::model::Date;

/// Today's date, or `RUIMTE_TODAY` (YYYY-MM-DD) so checks can be reproduced on another day.
pub fn today() -> Result<Date, String> {
    match std::env::var("RUIMTE_TODAY") {
        Ok(text) => {
            Date::parse(&text).ok_or_else(|| format!("RUIMTE_TODAY must be a date written YYYY-MM-DD, not `{text}`"))
        }
        Err(_) => Ok(Date(chrono::Utc::now().date_naive())),
    }
}

/// The content folder as a repository path prefix for GitHub annotations (`content/`).
pub fn repository_prefix(content: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    let shown = content.strip_prefix(&cwd).unwrap_or(content);
    let mut prefix = crate::diagnostics::relative_path(Path::new(""), shown);
    prefix = prefix.trim_start_matches("./").to_string();
    if !prefix.is_empty() && !prefix.ends_with('/') {
        prefix.push('/');
    }
    prefix
}
