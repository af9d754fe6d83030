//! A small HTTP/1.1 server for previews: GET and HEAD of the site in memory, a thread per
//! connection, and POST to the web form's local backend (`backend`). A request path is only ever
//! a key into the in-memory files, never a file-system path, so `..`, encoded or not, cannot
//! reach outside the site; such paths get 400 anyway. HTML gets the live-reload script and, when
//! the content does not build, the error overlay; the form's page gets neither (a reload would
//! drop what is being typed).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Duration;

use super::backend::{ApiRequest, Backend, API_PATH, MOST_BYTES};
use super::store::{Published, Store};
use crate::render::hosting;
use crate::site::routes;

/// Paths the server answers itself; no site file can be under it (it is not a valid slug).
const OWN: &str = "/__ruimte/";
const RELOAD_SCRIPT: &str = include_str!("reload.js");
const OVERLAY_CSS: &str = include_str!("overlay.css");

/// What serve adds before `</body>` of every HTML page; tests strip exactly this.
pub const RELOAD_TAG: &str = "<script type=\"module\" src=\"/__ruimte/reload.js\"></script>";

pub fn serve(listener: TcpListener, store: Arc<Store>, backend: Backend) {
    let backend = Arc::new(backend);
    for stream in listener.incoming().flatten() {
        let store = store.clone();
        let backend = backend.clone();
        std::thread::spawn(move || {
            let _ = handle(stream, &store, &backend);
        });
    }
}

struct Request {
    method: String,
    target: String,
    /// Header names in lower case.
    headers: Vec<(String, String)>,
    body: Body,
}

enum Body {
    None,
    Read(Vec<u8>),
    /// Longer than the backend takes: not read.
    TooLong,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

fn read_request(stream: &TcpStream) -> Option<Request> {
    stream.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let target = parts.next()?.to_string();
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
        if headers.len() > 100 {
            return None;
        }
    }
    let mut request = Request {
        method,
        target,
        headers,
        body: Body::None,
    };
    if let Some(length) = request.header("content-length") {
        let length: usize = length.parse().ok()?;
        request.body = if length > MOST_BYTES {
            Body::TooLong
        } else {
            let mut body = vec![0; length];
            reader.read_exact(&mut body).ok()?;
            Body::Read(body)
        };
    }
    Some(request)
}

fn handle(mut stream: TcpStream, store: &Store, backend: &Backend) -> std::io::Result<()> {
    let Some(request) = read_request(&stream) else {
        return respond(
            &mut stream,
            400,
            "text/plain; charset=utf-8",
            b"bad request",
            PLAIN,
            true,
        );
    };
    let head = request.method == "HEAD";
    if request.target.split('?').next() == Some(API_PATH) {
        return api(&mut stream, &request, backend);
    }
    if request.method != "GET" && !head {
        return respond(
            &mut stream,
            405,
            "text/plain; charset=utf-8",
            b"only GET and HEAD",
            PLAIN,
            !head,
        );
    }
    let path = request.target.split(['?', '#']).next().unwrap_or("/");
    let Some(path) = decode_path(path) else {
        return respond(&mut stream, 400, "text/plain; charset=utf-8", b"bad path", PLAIN, !head);
    };
    if let Some(own) = path.strip_prefix(OWN) {
        return own_route(&mut stream, store, own, head);
    }
    let published = store.snapshot();
    match lookup(&published, &path) {
        Lookup::File(name, bytes) => {
            let kind = content_type(&name);
            let body = if kind.starts_with("text/html") && !name.starts_with(routes::ADMIN) {
                decorate(&bytes, &published.errors)
            } else {
                bytes.to_vec()
            };
            respond(&mut stream, 200, kind, &body, &policy(&name), !head)
        }
        Lookup::Redirect(to) => {
            let location = [("Location", to)];
            respond(
                &mut stream,
                301,
                "text/plain; charset=utf-8",
                b"moved",
                &location,
                !head,
            )
        }
        Lookup::Missing => {
            let page = published.files.get("404.html").map(|b| b.to_vec()).unwrap_or_default();
            let body = decorate(&page, &published.errors);
            respond(
                &mut stream,
                404,
                "text/html; charset=utf-8",
                &body,
                &policy("404.html"),
                !head,
            )
        }
    }
}

/// The web form's local backend: POST only, the body under the limit.
fn api(stream: &mut TcpStream, request: &Request, backend: &Backend) -> std::io::Result<()> {
    let answer = match (&request.method[..], &request.body) {
        ("POST", Body::Read(body)) => backend.handle(&ApiRequest {
            host: request.header("host"),
            origin: request.header("origin"),
            content_type: request.header("content-type"),
            body,
        }),
        ("POST", Body::TooLong) => super::backend::Answer {
            status: 413,
            body: serde_json::json!({
                "error": format!("refused: the request is larger than {} MB", MOST_BYTES / (1024 * 1024))
            }),
        },
        ("POST", Body::None) => super::backend::Answer {
            status: 411,
            body: serde_json::json!({ "error": "refused: the request has no Content-Length" }),
        },
        _ => super::backend::Answer {
            status: 405,
            body: serde_json::json!({ "error": "only POST" }),
        },
    };
    respond(
        stream,
        answer.status,
        "application/json",
        answer.body.to_string().as_bytes(),
        PLAIN,
        true,
    )
}

/// Percent-decodes a request path and refuses what could climb out of the site or confuse a
/// lookup: `..` and `.` segments, backslashes, NUL, invalid UTF-8.
pub fn decode_path(raw: &str) -> Option<String> {
    if !raw.starts_with('/') {
        return None;
    }
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let path = String::from_utf8(out).ok()?;
    let bad_segment = path.split('/').any(|s| s == ".." || s == ".");
    (!bad_segment && !path.contains('\\') && !path.contains('\0')).then_some(path)
}

enum Lookup {
    File(String, Arc<[u8]>),
    Redirect(String),
    Missing,
}

fn lookup(published: &Published, path: &str) -> Lookup {
    let key = path.trim_start_matches('/');
    let files = &published.files;
    let index = if key.is_empty() || key.ends_with('/') {
        format!("{key}index.html")
    } else {
        key.to_string()
    };
    if let Some(bytes) = files.get(&index) {
        return Lookup::File(index, bytes.clone());
    }
    if !key.is_empty() && !key.ends_with('/') && files.contains_key(&format!("{key}/index.html")) {
        return Lookup::Redirect(format!("/{key}/"));
    }
    Lookup::Missing
}

/// The page with the reload script and, while the content does not build, the error overlay.
fn decorate(html: &[u8], errors: &str) -> Vec<u8> {
    let html = String::from_utf8_lossy(html);
    let mut extra = String::from(RELOAD_TAG);
    if !errors.is_empty() {
        extra.push_str(&overlay(errors));
    }
    match html.rfind("</body>") {
        Some(at) => format!("{}{extra}{}", &html[..at], &html[at..]).into_bytes(),
        None => format!("{html}{extra}").into_bytes(),
    }
}

fn overlay(errors: &str) -> String {
    format!(
        "<link rel=\"stylesheet\" href=\"/__ruimte/overlay.css\"><div id=\"ruimte-overlay\" role=\"alert\">\
<p><strong>De inhoud bouwt niet.</strong> Je ziet de laatste goede versie. Verbeter het bestand en bewaar het opnieuw.</p>\
<pre>{}</pre></div>",
        crate::html::escape(errors)
    )
}

fn own_route(stream: &mut TcpStream, store: &Store, route: &str, head: bool) -> std::io::Result<()> {
    match route {
        "reload.js" => respond(
            stream,
            200,
            "text/javascript; charset=utf-8",
            RELOAD_SCRIPT.as_bytes(),
            PLAIN,
            !head,
        ),
        "overlay.css" => respond(
            stream,
            200,
            "text/css; charset=utf-8",
            OVERLAY_CSS.as_bytes(),
            PLAIN,
            !head,
        ),
        "status" => {
            let p = store.snapshot();
            let body = serde_json::json!({
                "generation": p.generation,
                "busy": p.busy,
                "errors": p.errors,
            })
            .to_string();
            respond(stream, 200, "application/json", body.as_bytes(), PLAIN, !head)
        }
        "events" => events(stream, store),
        _ => respond(stream, 404, "text/plain; charset=utf-8", b"not found", PLAIN, !head),
    }
}

/// Server-sent events: `reload` whenever a rebuild is published.
fn events(stream: &mut TcpStream, store: &Store) -> std::io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n"
    )?;
    let mut seen = store.snapshot().generation;
    write!(stream, "retry: 500\n\n")?;
    stream.flush()?;
    loop {
        let now = store.wait_change(seen, Duration::from_secs(15));
        if now != seen {
            seen = now;
            write!(stream, "event: reload\ndata: {now}\n\n")?;
        } else {
            // A comment keeps the connection alive and finds out when the page is gone.
            write!(stream, ": ping\n\n")?;
        }
        stream.flush()?;
    }
}

/// The production headers: the page policy, or the form's under `admin/`.
fn policy(name: &str) -> Vec<(&'static str, String)> {
    let csp = if name.starts_with(routes::ADMIN) {
        crate::form::decap::ADMIN_CSP.to_string()
    } else {
        hosting::page_policy()
    };
    vec![
        ("Content-Security-Policy", csp),
        ("X-Content-Type-Options", "nosniff".into()),
        ("Referrer-Policy", "strict-origin-when-cross-origin".into()),
    ]
}

/// No extra headers.
const PLAIN: &[(&str, String)] = &[];

fn respond(
    stream: &mut TcpStream,
    status: u16,
    content_type: &str,
    body: &[u8],
    headers: &[(&str, String)],
    with_body: bool,
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        403 => "Forbidden",
        405 => "Method Not Allowed",
        411 => "Length Required",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Content",
        500 => "Internal Server Error",
        _ => "",
    };
    let mut head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if with_body {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// The media type of a site file, by its extension.
pub fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "geojson" => "application/geo+json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "avif" => "image/avif",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "yml" | "yaml" => "text/yaml; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_could_climb_out_are_refused() {
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/ruimtes/..%2f..%2fCargo.toml",
            "/a/./b",
            "/a\\..\\b",
            "/%5c..%5cb",
            "/a%00b",
            "/%zz",
            "relative",
            "/%ff",
        ] {
            assert_eq!(decode_path(bad), None, "{bad}");
        }
        assert_eq!(
            decode_path("/ruimtes/atelier%20noord/").as_deref(),
            Some("/ruimtes/atelier noord/")
        );
        assert_eq!(decode_path("/").as_deref(), Some("/"));
    }
}
