//! One thin module per subcommand: each turns parsed arguments into library calls and an exit code.

pub mod build;
pub mod check;
pub mod new;
pub mod schema;
pub mod search;

use std::path::Path;

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
