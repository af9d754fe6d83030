//! The web form for people without git: Decap CMS under `/admin/`, whose `config.yml` is generated
//! here from the same fields as `ruimte new` and the JSON Schema. A submission through the GitHub
//! backend with open authoring and the editorial workflow becomes a pull request.

use serde_json::{json, Map, Value};

use super::{Field, Shape};
use crate::config::Config;
use crate::content::entries::EntryKind;
use crate::content::vocab::Vocabularies;

/// The pinned Decap CMS release, loaded only by `/admin/`, from the npm package's own file. The
/// integrity hash is that of `dist/decap-cms.js` in the npm tarball of this version (npm
/// versions never change); update both together.
pub const DECAP_VERSION: &str = "3.16.3";
pub const DECAP_SCRIPT: &str = "https://unpkg.com/decap-cms@3.16.3/dist/decap-cms.js";
pub const DECAP_INTEGRITY: &str = "sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2p";

/// What the admin page may load: the CMS from unpkg (it loads its own chunks from there), the
/// GitHub API, images of previews. Public pages keep the strict policy.
pub const ADMIN_CSP: &str = "default-src 'self'; script-src 'self' https://unpkg.com 'unsafe-eval'; \
style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:; connect-src 'self' blob: https://unpkg.com \
https://api.github.com https://*.githubusercontent.com https://api.netlify.com; font-src 'self' data:; \
object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

/// The collections a contributor can edit, in the order the form lists them.
const COLLECTIONS: [(EntryKind, &str, &str, &str); 5] = [
    (EntryKind::Space, "Ruimtes", "Ruimte", "name"),
    (EntryKind::Practice, "Goede praktijken", "Goede praktijk", "title"),
    (EntryKind::Guide, "Gidsen", "Gids", "title"),
    (EntryKind::Request, "Ruimtevragen", "Ruimtevraag", "title"),
    (EntryKind::Page, "Pagina's", "Pagina", "title"),
];

/// The GitHub `owner/name` of the repository URL, when it is on GitHub.
pub fn github_repo(url: &str) -> Option<String> {
    let rest = url.trim_end_matches('/').strip_prefix("https://github.com/")?;
    let rest = rest.trim_end_matches(".git");
    let mut parts = rest.split('/');
    let (owner, name) = (parts.next()?, parts.next()?);
    let ok = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b));
    (ok(owner) && ok(name) && parts.next().is_none()).then(|| format!("{owner}/{name}"))
}

/// The CMS configuration as a value (written as YAML), or `None` when the repository is not on
/// GitHub: the form would have nowhere to send a submission.
///
/// Under `ruimte serve` (`config.local_backend` set) the form edits the working copy through
/// serve's local backend, whose paths start at the content folder; it exists then even without a
/// repository, and saves directly (the local backend has no editorial workflow).
pub fn config(config: &Config, vocab: &Vocabularies) -> Option<Value> {
    let repo = github_repo(&config.repository.url);
    let local = config.local_backend.as_deref();
    if repo.is_none() && local.is_none() {
        return None;
    }
    let content = if local.is_some() {
        ""
    } else {
        config.repository.content_path.trim_matches('/')
    };
    let in_content = |folder: &str| {
        if content.is_empty() {
            folder.to_string()
        } else {
            format!("{content}/{folder}")
        }
    };
    let collections: Vec<Value> = COLLECTIONS
        .iter()
        .map(|&(kind, label, singular, identifier)| {
            let folder = in_content(kind.folder());
            let mut fields: Vec<Value> = super::fields(kind, vocab).iter().map(widget).collect();
            fields.push(json!({
                "label": "Beschrijving",
                "name": "body",
                "widget": "markdown",
                "required": false,
                "hint": "De tekst van de vermelding, in Markdown.",
            }));
            let mut collection = json!({
                "name": kind.folder(),
                "label": label,
                "label_singular": singular,
                "folder": folder,
                "create": true,
                "extension": "md",
                "format": "frontmatter",
                "identifier_field": identifier,
                "slug": "{{slug}}",
                "fields": fields,
            });
            if kind == EntryKind::Space {
                // Pictures sit beside the entries; `images[].file` is relative to that folder.
                collection["media_folder"] = json!(format!("/{folder}/images"));
                collection["public_folder"] = json!("images");
            }
            collection
        })
        .collect();
    let backend = match (&repo, local) {
        (Some(repo), _) => json!({
            "name": "github",
            "repo": repo,
            "branch": config.repository.branch,
            "open_authoring": true,
        }),
        (None, url) => json!({ "name": "proxy", "proxy_url": url }),
    };
    let mut cms = json!({
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "locale": "nl",
        "site_url": config.base_url,
        "display_url": config.base_url,
        "media_folder": in_content("media"),
        // File names a contributor's title turns into must be valid slugs.
        "slug": { "encoding": "ascii", "clean_accents": true, "sanitize_replacement": "-" },
        "collections": collections,
    });
    if let Some(url) = local {
        cms["local_backend"] = json!({ "url": url });
        cms.as_object_mut().map(|o| o.remove("publish_mode"));
    }
    Some(cms)
}

/// The field of a picture's file, relative to the entry's folder.
const PICTURE_FILE: &str = "images.file";

/// One Decap widget for a field.
fn widget(field: &Field) -> Value {
    widget_within(field, false)
}

/// A widget inside an optional object: Decap checks the required fields of an object left empty
/// too (an untouched address would stop the save), so there they are optional in the form and
/// `ruimte check` asks for them once the object has a value.
fn widget_within(field: &Field, in_optional: bool) -> Value {
    let required = field.required && !in_optional;
    let mut w = Map::new();
    w.insert("label".into(), json!(field.label));
    w.insert("name".into(), json!(field.name));
    if !field.hint.is_empty() {
        w.insert("hint".into(), json!(field.hint));
    }
    if !required {
        w.insert("required".into(), json!(false));
    }
    for (key, value) in shape_widget(&field.shape, !required) {
        w.insert(key, value);
    }
    // A space's picture is uploaded, not named: the image widget puts the file in the
    // collection's media folder (`spaces/images/`) and writes `images/<name>`, as the model asks.
    if field.path == PICTURE_FILE {
        w.insert("widget".into(), json!("image"));
        w.insert("choose_url".into(), json!(false));
    }
    // A default would give an untouched optional object a value (`price: {includes_charges:
    // false}` without its required `model`).
    if in_optional {
        w.remove("default");
    }
    Value::Object(w)
}

fn shape_widget(shape: &Shape, optional: bool) -> Map<String, Value> {
    let value = match shape {
        Shape::Text { multiline: false } => json!({ "widget": "string" }),
        Shape::Text { multiline: true } => json!({ "widget": "text" }),
        Shape::Integer => json!({ "widget": "number", "value_type": "int" }),
        Shape::Number => json!({ "widget": "number", "value_type": "float" }),
        Shape::Boolean => json!({ "widget": "boolean", "default": false }),
        Shape::Date => json!({
            "widget": "datetime",
            "format": "YYYY-MM-DD",
            "date_format": "YYYY-MM-DD",
            "time_format": false,
            "picker_utc": true,
        }),
        Shape::PartialDate => json!({
            "widget": "string",
            "pattern": ["^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$", "Een jaar (2019), een maand (2019-09) of een datum (2019-09-01)"],
        }),
        Shape::Link => json!({
            "widget": "string",
            "pattern": ["^(https?://|mailto:|tel:)", "Een webadres dat begint met https://"],
        }),
        Shape::Choice { options, multiple } => json!({
            "widget": "select",
            "multiple": multiple,
            "options": options.iter().map(|o| json!({ "label": o.label, "value": o.value })).collect::<Vec<_>>(),
        }),
        Shape::Object(fields) => json!({
            "widget": "object",
            "collapsed": true,
            "fields": fields.iter().map(|f| widget_within(f, optional)).collect::<Vec<_>>(),
        }),
        Shape::List(item) => match item.as_ref() {
            Shape::Object(fields) => json!({
                "widget": "list",
                "fields": fields.iter().map(widget).collect::<Vec<_>>(),
            }),
            // A list of short texts: one per line in the form.
            _ => json!({ "widget": "list" }),
        },
    };
    match value {
        Value::Object(map) => map,
        _ => unreachable!("every widget is an object"),
    }
}

/// The admin page: the CMS script, pinned and checked, and a pointer to the generated config.
pub fn admin_page(title: &str, config_url: &str) -> String {
    let title = crate::html::escape(title);
    let config_url = crate::html::escape(config_url);
    format!(
        r#"<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<title>Bijdragen · {title}</title>
<link href="{config_url}" type="text/yaml" rel="cms-config-url">
</head>
<body>
<noscript><p>Het formulier heeft JavaScript nodig. Zonder JavaScript kun je een vermelding voorstellen via GitHub; zie de pagina Bijdragen.</p></noscript>
<script src="{src}" integrity="{integrity}" crossorigin="anonymous"></script>
</body>
</html>
"#,
        csp = ADMIN_CSP,
        src = DECAP_SCRIPT,
        integrity = DECAP_INTEGRITY,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::content::vocab::VocabularyKind;

    #[test]
    fn only_a_github_repository_gets_a_form() {
        assert_eq!(
            github_repo("https://github.com/kunst/ruimte"),
            Some("kunst/ruimte".into())
        );
        assert_eq!(
            github_repo("https://github.com/kunst/ruimte.git/"),
            Some("kunst/ruimte".into())
        );
        assert_eq!(github_repo("https://gitlab.com/kunst/ruimte"), None);
        assert_eq!(github_repo("https://github.com/kunst"), None);
        assert_eq!(github_repo(""), None);
        assert!(config(&Config::default(), &Vocabularies::default()).is_none());
    }

    /// Every property path of the schema that schemars derives from the Rust types, walked here
    /// on its own so that a field the form code skipped cannot hide.
    fn schema_paths(schema: &Value, node: &Value, prefix: &str, out: &mut Vec<String>) {
        let resolve = |v: &Value| -> Value {
            let mut v = v.clone();
            loop {
                if let Some(r) = v["$ref"].as_str() {
                    v = schema["definitions"][r.rsplit('/').next().unwrap()].clone();
                } else if let Some(list) = v["anyOf"].as_array().or(v["allOf"].as_array()) {
                    let list: Vec<&Value> = list.iter().filter(|s| s["type"] != "null").collect();
                    if list.len() != 1 {
                        return v;
                    }
                    v = list[0].clone();
                } else if v["type"] == "array" || v["type"] == json!(["array", "null"]) {
                    v = v["items"].clone();
                } else {
                    return v;
                }
            }
        };
        let node = resolve(node);
        if let Some(props) = node["properties"].as_object() {
            for (name, sub) in props {
                let path = if prefix.is_empty() {
                    name.clone()
                } else {
                    format!("{prefix}.{name}")
                };
                out.push(path.clone());
                schema_paths(schema, sub, &path, out);
            }
        }
    }

    fn form_paths(fields: &[Value], prefix: &str, out: &mut Vec<String>) {
        for f in fields {
            let name = f["name"].as_str().unwrap();
            let path = if prefix.is_empty() {
                name.to_string()
            } else {
                format!("{prefix}.{name}")
            };
            out.push(path.clone());
            if let Some(inner) = f["fields"].as_array() {
                form_paths(inner, &path, out);
            }
        }
    }

    /// The repository's own vocabularies: real keys, places included.
    fn vocabularies() -> Vocabularies {
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        crate::content::load(&content).model.vocab
    }

    #[test]
    fn the_form_lists_every_field_of_every_type_and_every_vocabulary_value() {
        let mut site = Config::default();
        site.repository.url = "https://github.com/kunst/ruimte".into();
        let vocab = vocabularies();
        let cms = config(&site, &vocab).unwrap();
        // The YAML Decap reads parses back to the same thing.
        let yaml = serde_yaml::to_string(&cms).unwrap();
        let cms: Value = serde_yaml::from_str(&yaml).unwrap();
        assert_eq!(cms["backend"]["open_authoring"], json!(true));
        assert_eq!(cms["publish_mode"], "editorial_workflow");
        for (kind, ..) in COLLECTIONS {
            let collection = cms["collections"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["name"] == kind.folder())
                .unwrap();
            assert_eq!(collection["folder"], format!("content/{}", kind.folder()));
            let schema = crate::content::schema::schema_for(kind, &vocab);
            let mut expected = Vec::new();
            schema_paths(&schema, &schema, "", &mut expected);
            let mut found = Vec::new();
            form_paths(collection["fields"].as_array().unwrap(), "", &mut found);
            for path in &expected {
                assert!(found.contains(path), "{kind:?}: the form has no field for `{path}`");
            }
            assert!(found.contains(&"body".to_string()));
            let text = serde_json::to_string(collection).unwrap();
            for vocab_kind in VocabularyKind::ALL {
                let Some(key_type) = vocab_kind.key_type() else {
                    continue;
                };
                if !schema.to_string().contains(&format!("#/definitions/{key_type}")) {
                    continue;
                }
                let keys = vocab.keys(vocab_kind);
                assert!(!keys.is_empty(), "{vocab_kind:?} has keys");
                for key in keys {
                    assert!(
                        text.contains(&format!("\"value\":\"{key}\"")),
                        "{kind:?}: no option {key}"
                    );
                }
            }
        }
    }

    /// Under `ruimte serve`, even without a repository: the local backend, paths from the content
    /// folder, saved at once; an untouched optional object stops no save and gets no value.
    #[test]
    fn under_serve_the_form_saves_through_the_local_backend() {
        let mut site = Config::default();
        site.repository.url = String::new();
        assert!(
            config(&site, &vocabularies()).is_none(),
            "no repository, no serve: no form"
        );
        site.local_backend = Some("http://127.0.0.1:8000/api/v1".into());
        let cms = config(&site, &vocabularies()).unwrap();
        assert_eq!(cms["local_backend"]["url"], "http://127.0.0.1:8000/api/v1");
        assert_eq!(cms["backend"]["name"], "proxy");
        assert!(cms.get("publish_mode").is_none(), "the local backend saves directly");
        let spaces = &cms["collections"][0];
        assert_eq!(spaces["folder"], "spaces");
        assert_eq!(spaces["media_folder"], "/spaces/images");
        let fields = spaces["fields"].as_array().unwrap();
        let field = |name: &str| fields.iter().find(|f| f["name"] == name).unwrap().clone();
        let price = field("price");
        let model = &price["fields"][0];
        assert_eq!(
            (model["name"].as_str(), &model["required"]),
            (Some("model"), &json!(false))
        );
        let charges = price["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == "includes_charges")
            .unwrap();
        assert!(charges.get("default").is_none(), "{charges}");
        // A list's items are whole once added: a source needs its title.
        let source_title = &field("sources")["fields"][0];
        assert_eq!(source_title["name"], "title");
        assert!(source_title.get("required").is_none());
        assert_eq!(field("name").get("required"), None);
    }
}
