//! Decap CMS's local backend, so that `/admin/` under `ruimte serve` edits the working copy: the
//! JSON actions of `POST /api/v1` that npm's `decap-server` answers (info, entriesByFolder,
//! entriesByFiles, getEntry, persistEntry, getMedia, getMediaFile, persistMedia, deleteFile,
//! deleteFiles). Paths are relative to the content folder, which the generated form's config
//! names as its root under `serve`.
//!
//! Everything a browser sends is untrusted. A request must come from the preview's own page
//! (`Host` and `Origin`), as JSON, under a size limit; it reads only inside the content folder and
//! writes only an entry's `.md` file in its kind's folder, or a picture in a kind's `images/`
//! folder (no `..`, no absolute path, no symbolic link out). A saved entry is checked as the
//! preview checks it: the file is written whatever its problems (a contributor must not lose
//! work), and the form is told the problems by file, line and field.

use std::fs;
use std::io::Write as _;
use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};

use base64::Engine as _;
use serde_json::{json, Value};

use crate::build;
use crate::content::model::common::Date;
use crate::content::validate::Options;
use crate::content::{self, slug, EntryKind};
use crate::diagnostics::Diagnostic;
use crate::hash;

/// Where the form sends its actions.
pub const API_PATH: &str = "/api/v1";

/// The largest request body: a picture of a few megabytes, base64-encoded, with room to spare.
pub const MOST_BYTES: usize = 24 * 1024 * 1024;

/// The pictures an entry may carry.
const PICTURE_EXTENSIONS: [&str; 6] = ["jpg", "jpeg", "png", "webp", "gif", "avif"];

/// A status and a JSON body.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub body: Value,
}

impl Answer {
    fn ok(body: Value) -> Answer {
        Answer { status: 200, body }
    }

    /// Decap shows `error` in its notification.
    fn refused(status: u16, message: impl Into<String>) -> Answer {
        Answer {
            status,
            body: json!({ "error": message.into() }),
        }
    }
}

/// The request as the backend needs it.
pub struct ApiRequest<'a> {
    pub host: Option<&'a str>,
    pub origin: Option<&'a str>,
    pub content_type: Option<&'a str>,
    pub body: &'a [u8],
}

pub struct Backend {
    /// The content folder, canonical.
    root: PathBuf,
    /// The `Host` values the preview answers to.
    hosts: Vec<String>,
    /// Writes are refused when serve listens beyond this machine and no flag allows them.
    writable: bool,
    today: Date,
}

impl Backend {
    pub fn new(content: &Path, address: SocketAddr, allow_remote_edits: bool, today: Date) -> std::io::Result<Backend> {
        let mut hosts = vec![address.to_string()];
        if address.ip().is_loopback() {
            hosts.push(format!("localhost:{}", address.port()));
        }
        Ok(Backend {
            root: content.canonicalize()?,
            hosts,
            writable: address.ip().is_loopback() || allow_remote_edits,
            today,
        })
    }

    pub fn handle(&self, request: &ApiRequest) -> Answer {
        // Another site's page must not act through the user's browser: the host must be the
        // preview's (no DNS rebinding) and the page that sends the request one of its own.
        let Some(host) = request.host.filter(|h| self.hosts.iter().any(|own| own == h)) else {
            return Answer::refused(403, "refused: the request is not addressed to this preview");
        };
        if request.origin != Some(&format!("http://{host}")) {
            return Answer::refused(403, "refused: the request does not come from this preview's own pages");
        }
        if !request
            .content_type
            .is_some_and(|t| t.trim_start().to_ascii_lowercase().starts_with("application/json"))
        {
            return Answer::refused(415, "refused: the body must be JSON");
        }
        let Ok(body) = serde_json::from_slice::<Value>(request.body) else {
            return Answer::refused(400, "refused: the body is not valid JSON");
        };
        let action = body["action"].as_str().unwrap_or("");
        let params = &body["params"];
        let writes = matches!(action, "persistEntry" | "persistMedia" | "deleteFile" | "deleteFiles");
        if writes && !self.writable {
            return Answer::refused(
                403,
                "refused: serve listens beyond this machine; start it with --allow-remote-edits to save from the form",
            );
        }
        let answer = match action {
            "info" => Ok(json!({
                "repo": self.root.parent().and_then(Path::file_name).map_or_else(
                    || "ruimte".to_string(),
                    |n| n.to_string_lossy().into_owned()
                ),
                "publish_modes": ["simple"],
                "type": "local_fs",
            })),
            "entriesByFolder" => self.entries_by_folder(params),
            "entriesByFiles" => params["files"]
                .as_array()
                .map(|files| {
                    files
                        .iter()
                        .map(|f| self.entry(f["path"].as_str().unwrap_or(""), f.get("label")))
                        .collect::<Result<Vec<_>, _>>()
                        .map(Value::from)
                })
                .unwrap_or_else(|| Err("`files` is missing".into())),
            "getEntry" => self.entry(params["path"].as_str().unwrap_or(""), None),
            "persistEntry" => return self.persist_entry(params),
            "getMedia" => self.media_folder(params["mediaFolder"].as_str().unwrap_or("")),
            "getMediaFile" => self.media_file(params["path"].as_str().unwrap_or("")),
            "persistMedia" => self.persist_media(&params["asset"]),
            "deleteFile" => self.delete(params["path"].as_str().unwrap_or("")),
            "deleteFiles" => params["paths"]
                .as_array()
                .map(|paths| {
                    paths
                        .iter()
                        .try_for_each(|p| self.delete(p.as_str().unwrap_or("")).map(drop))
                        .map(|()| json!({ "message": "deleted files" }))
                })
                .unwrap_or_else(|| Err("`paths` is missing".into())),
            "getDeployPreview" => Ok(Value::Null),
            other => return Answer::refused(422, format!("unknown action `{other}`")),
        };
        answer.map_or_else(|message| Answer::refused(422, message), Answer::ok)
    }

    /// A relative path inside the content folder, refused if it could point anywhere else.
    fn inside(&self, path: &str) -> Result<PathBuf, String> {
        let relative = Path::new(path);
        let plain = !path.is_empty()
            && !path.contains(['\\', '\0'])
            && relative.components().all(|c| matches!(c, Component::Normal(_)));
        if !plain {
            return Err(format!(
                "refused: `{path}` is not a plain path inside the content folder (no `..`, no absolute path)"
            ));
        }
        let joined = self.root.join(relative);
        // The nearest part that exists must resolve inside the folder: a symbolic link that
        // leads out is refused, for reading and for writing.
        let mut existing = joined.as_path();
        while !existing.exists() {
            existing = existing.parent().unwrap_or(&self.root);
        }
        let resolved = existing.canonicalize().map_err(|e| format!("`{path}`: {e}"))?;
        if !resolved.starts_with(&self.root) {
            return Err(format!("refused: `{path}` leads outside the content folder"));
        }
        Ok(joined)
    }

    /// The entry file `path` may be written: `<kind's folder>/<slug>.md`.
    fn entry_path(&self, path: &str) -> Result<PathBuf, String> {
        let file = self.inside(path)?;
        let parts: Vec<&str> = path.split('/').collect();
        let ok = match parts.as_slice() {
            [folder, file] => {
                EntryKind::from_folder(folder).is_some() && file.strip_suffix(".md").is_some_and(slug::is_valid)
            }
            _ => false,
        };
        if !ok {
            return Err(format!(
                "refused: `{path}` is not an entry file (`spaces/<name>.md`, in a kind's folder)"
            ));
        }
        Ok(file)
    }

    /// The picture file `path` may be written: `<kind's folder>/images/<name>.<picture type>`.
    fn picture_path(&self, path: &str) -> Result<PathBuf, String> {
        let file = self.inside(path)?;
        let parts: Vec<&str> = path.split('/').collect();
        let ok = match parts.as_slice() {
            [folder, "images", file] => {
                EntryKind::from_folder(folder).is_some()
                    && !file.starts_with('.')
                    && file
                        .rsplit_once('.')
                        .is_some_and(|(_, ext)| PICTURE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
            }
            _ => false,
        };
        if !ok {
            return Err(format!(
                "refused: `{path}` is not a picture in a kind's `images/` folder (jpg, png, webp, gif, avif)"
            ));
        }
        Ok(file)
    }

    fn relative(&self, path: &Path) -> String {
        path.strip_prefix(&self.root)
            .unwrap_or(path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    }

    fn entry(&self, path: &str, label: Option<&Value>) -> Result<Value, String> {
        let file = self.inside(path)?;
        Ok(match fs::read(&file) {
            Ok(bytes) => json!({
                "data": String::from_utf8_lossy(&bytes),
                "file": { "path": path, "label": label, "id": id(&bytes) },
            }),
            Err(_) => json!({ "data": null, "file": { "path": path, "label": label, "id": null } }),
        })
    }

    fn entries_by_folder(&self, params: &Value) -> Result<Value, String> {
        let folder = self.inside(params["folder"].as_str().unwrap_or(""))?;
        let extension = params["extension"].as_str().unwrap_or("");
        let depth = params["depth"].as_u64().unwrap_or(1).clamp(1, 8) as usize;
        let mut entries = Vec::new();
        for file in files(&folder, depth) {
            let keep = file.extension().is_some_and(|e| e == extension.trim_start_matches('.'));
            if keep {
                entries.push(self.entry(&self.relative(&file), None)?);
            }
        }
        Ok(Value::from(entries))
    }

    fn media_file(&self, path: &str) -> Result<Value, String> {
        let file = self.inside(path)?;
        let bytes = fs::read(&file).map_err(|e| format!("`{path}`: {e}"))?;
        Ok(json!({
            "id": id(&bytes),
            "content": base64::engine::general_purpose::STANDARD.encode(&bytes),
            "encoding": "base64",
            "path": path,
            "name": file.file_name().map(|n| n.to_string_lossy().into_owned()),
        }))
    }

    fn media_folder(&self, folder: &str) -> Result<Value, String> {
        let dir = self.inside(folder.trim_start_matches('/'))?;
        files(&dir, 1)
            .iter()
            .map(|f| self.media_file(&self.relative(f)))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::from)
    }

    fn persist_media(&self, asset: &Value) -> Result<Value, String> {
        let path = asset["path"].as_str().unwrap_or("").trim_start_matches('/');
        let file = self.picture_path(path)?;
        let bytes = decode(asset)?;
        write(&file, &bytes)?;
        self.media_file(path)
    }

    /// Writes the entry and its pictures, then checks it: problems come back as an error the form
    /// shows, with the file already saved.
    fn persist_entry(&self, params: &Value) -> Answer {
        let data_files: Vec<&Value> = match params["dataFiles"].as_array() {
            Some(files) => files.iter().collect(),
            None => params.get("entry").into_iter().collect(),
        };
        if data_files.is_empty() {
            return Answer::refused(422, "refused: no entry to save");
        }
        let assets: Vec<&Value> = params["assets"]
            .as_array()
            .map(|a| a.iter().collect())
            .unwrap_or_default();
        // Every path is checked before anything is written.
        let planned: Result<Vec<Planned>, String> = data_files
            .iter()
            .map(|f| {
                let path = self.entry_path(f["path"].as_str().unwrap_or(""))?;
                let moved = match f["newPath"].as_str() {
                    Some(new) => Some(self.entry_path(new)?),
                    None => None,
                };
                let raw = f["raw"].as_str().ok_or("refused: an entry without text")?;
                Ok((path, moved, raw))
            })
            .collect();
        let pictures: Result<Vec<(PathBuf, Vec<u8>)>, String> = assets
            .iter()
            .map(|a| {
                Ok((
                    self.picture_path(a["path"].as_str().unwrap_or("").trim_start_matches('/'))?,
                    decode(a)?,
                ))
            })
            .collect();
        let (planned, pictures) = match (planned, pictures) {
            (Ok(p), Ok(m)) => (p, m),
            (Err(e), _) | (_, Err(e)) => return Answer::refused(422, e),
        };
        let mut saved = Vec::new();
        for (file, bytes) in &pictures {
            if let Err(e) = write(file, bytes) {
                return Answer::refused(500, e);
            }
        }
        for (path, moved, raw) in planned {
            let target = moved.unwrap_or_else(|| path.clone());
            if let Err(e) = write(&target, raw.as_bytes()) {
                return Answer::refused(500, e);
            }
            if target != path {
                let _ = fs::remove_file(&path);
            }
            saved.push(self.relative(&target));
        }
        let problems = self.problems(&saved);
        if problems.iter().any(Diagnostic::is_error) {
            return Answer::refused(
                422,
                format!(
                    "het bestand is wel bewaard, maar ruimte check vindt problemen; verbeter ze en publiceer opnieuw. {}",
                    briefly(&problems)
                ),
            );
        }
        Answer::ok(json!({ "message": "entry persisted", "warnings": briefly(&problems) }))
    }

    fn delete(&self, path: &str) -> Result<Value, String> {
        let file = self.entry_path(path).or_else(|_| self.picture_path(path))?;
        match fs::remove_file(&file) {
            Ok(()) => Ok(json!({ "message": format!("deleted file {path}") })),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(json!({ "message": "no such file" })),
            Err(e) => Err(format!("`{path}`: {e}")),
        }
    }

    /// What `ruimte check` says about these files.
    fn problems(&self, files: &[String]) -> Vec<Diagnostic> {
        let loaded = content::load(&self.root);
        let options = Options {
            today: self.today,
            stale_days: None,
        };
        build::check(&loaded.model, loaded.diagnostics, &options)
            .into_iter()
            .filter(|d| files.contains(&d.file))
            .collect()
    }
}

/// Diagnostics in a notification's few lines: where, what, what was found and expected.
fn briefly(problems: &[Diagnostic]) -> String {
    problems
        .iter()
        .map(|d| {
            let mut line = format!("{}:{}:{}", d.file, d.line, d.column);
            if let Some(field) = &d.field {
                line.push_str(&format!(" (`{field}`)"));
            }
            line.push_str(&format!(": {}", d.message));
            if let Some(found) = &d.found {
                line.push_str(&format!("; found {found}"));
            }
            if let Some(expected) = &d.expected {
                line.push_str(&format!("; expected {expected}"));
            }
            line + "."
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// An entry to write: its path, the path it moves to, its text.
type Planned<'a> = (PathBuf, Option<PathBuf>, &'a str);

/// Files under `dir`, `depth` levels down, in name order.
fn files(dir: &Path, depth: usize) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .max_depth(depth)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    out.sort();
    out
}

/// A file's version, which Decap compares to see a change.
fn id(bytes: &[u8]) -> String {
    let mut hash = hash::ContentHash::seeded(0);
    hash.feed(bytes);
    format!("{:016x}", hash.finish())
}

fn decode(asset: &Value) -> Result<Vec<u8>, String> {
    if asset["encoding"].as_str() != Some("base64") {
        return Err("refused: a picture must come base64-encoded".into());
    }
    base64::engine::general_purpose::STANDARD
        .decode(asset["content"].as_str().unwrap_or(""))
        .map_err(|e| format!("refused: the picture is not valid base64 ({e})"))
}

/// Writes through a temporary file in the same folder and a rename: a reader (the preview's
/// watcher) never sees half a file, and a symbolic link at the path is replaced, not followed.
fn write(file: &Path, bytes: &[u8]) -> Result<(), String> {
    let dir = file.parent().ok_or("refused: no folder")?;
    fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = dir.join(format!(".{name}.saving"));
    let result = fs::File::create(&temporary)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()))
        .and_then(|()| fs::rename(&temporary, file));
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result.map_err(|e| format!("{}: {e}", file.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request<'a>(host: &'a str, origin: &'a str, body: &'a [u8]) -> ApiRequest<'a> {
        ApiRequest {
            host: Some(host),
            origin: Some(origin),
            content_type: Some("application/json; charset=utf-8"),
            body,
        }
    }

    #[test]
    fn listening_beyond_this_machine_the_form_reads_but_does_not_write_unless_allowed() {
        let content = tempfile::tempdir().unwrap();
        fs::create_dir(content.path().join("spaces")).unwrap();
        let today = Date(chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap());
        let address: SocketAddr = "192.0.2.7:8000".parse().unwrap();
        let save = br#"{"action":"persistEntry","params":{"dataFiles":[{"path":"spaces/a.md","raw":"---\nname: A\n---\n"}],"assets":[]}}"#;
        let (host, origin) = ("192.0.2.7:8000", "http://192.0.2.7:8000");
        let closed = Backend::new(content.path(), address, false, today).unwrap();
        let refused = closed.handle(&request(host, origin, save));
        assert_eq!(refused.status, 403);
        assert!(refused.body["error"].as_str().unwrap().contains("--allow-remote-edits"));
        assert_eq!(
            closed.handle(&request(host, origin, br#"{"action":"info"}"#)).status,
            200
        );
        assert!(!content.path().join("spaces/a.md").exists());
        let open = Backend::new(content.path(), address, true, today).unwrap();
        // Saved (with the problems `ruimte check` finds in so short an entry).
        assert_eq!(open.handle(&request(host, origin, save)).status, 422);
        assert!(content.path().join("spaces/a.md").exists());
        // Localhost is not this server's name here.
        assert_eq!(
            open.handle(&request("localhost:8000", "http://localhost:8000", save))
                .status,
            403
        );
    }
}
