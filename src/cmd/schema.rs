//! `ruimte schema`: write one JSON Schema per entry type.

use std::fs;
use std::path::Path;

use crate::content::schema;
use crate::content::{self, EntryKind};

pub fn run(content_dir: &Path, out_dir: &Path) -> i32 {
    // The vocabularies fill the schemas' key lists; content problems are `check`'s business.
    let loaded = content::load(content_dir);
    if let Err(e) = fs::create_dir_all(out_dir) {
        eprintln!("error: cannot create {}: {e}", out_dir.display());
        return 1;
    }
    for kind in EntryKind::ALL {
        let value = schema::schema_for(kind, &loaded.model.vocab);
        let path = out_dir.join(schema::file_name(kind));
        let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
        text.push('\n');
        if let Err(e) = fs::write(&path, text) {
            eprintln!("error: cannot write {}: {e}", path.display());
            return 1;
        }
        println!("wrote {}", path.display());
    }
    0
}
