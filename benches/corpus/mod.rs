//! Generates a content folder of any size that checks clean, for benchmarks. Deterministic: the
//! same size gives the same bytes. Uses the repository's real vocabularies so keys, places and
//! facets are distributed as on the real site. Shared by every benchmark (`mod corpus;`).
#![allow(dead_code)]

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// A small deterministic generator (SplitMix64), so no extra crate is needed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &'a [String]) -> &'a str {
        &items[self.below(items.len())]
    }
    fn some<'a>(&mut self, items: &'a [String], max: usize) -> Vec<&'a str> {
        let mut out: Vec<&str> = (0..1 + self.below(max)).map(|_| self.pick(items)).collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

const WORDS: &[&str] = &[
    "atelier",
    "ruimte",
    "kunstenaars",
    "repetitie",
    "gedeeld",
    "gemeente",
    "vereniging",
    "betaalbaar",
    "tijdelijk",
    "gebruik",
    "leegstand",
    "muziek",
    "theater",
    "dans",
    "beeldend",
    "werkplaats",
    "opslag",
    "podium",
    "buurt",
    "samenwerking",
    "huur",
    "eigenaar",
    "collectief",
    "jongeren",
    "amateurs",
    "cultuurcentrum",
    "bibliotheek",
    "vrijwilligers",
    "subsidie",
    "toegankelijk",
    "rolstoel",
    "openbaar",
    "vervoer",
    "sleutel",
    "planning",
    "afspraken",
];

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s: String = (0..words)
        .map(|_| WORDS[rng.below(WORDS.len())])
        .collect::<Vec<_>>()
        .join(" ");
    if let Some(first) = s.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    s.push('.');
    s
}

fn body(rng: &mut Rng) -> String {
    let mut out = String::new();
    for p in 0..3 + rng.below(3) {
        if p == 1 {
            out.push_str("## Afspraken\n\n");
        }
        let sentences: Vec<String> = (0..3 + rng.below(4))
            .map(|_| {
                let words = 8 + rng.below(10);
                sentence(rng, words)
            })
            .collect();
        out.push_str(&sentences.join(" "));
        out.push_str("\n\n");
    }
    out.push_str("Meer op [de website](https://example.org/info).\n");
    out
}

/// Reads the keys of one vocabulary file without depending on the crate under test.
fn keys(data: &Path, file: &str) -> Vec<String> {
    let text = fs::read_to_string(data.join(file)).expect("vocabulary file");
    text.lines()
        .filter_map(|l| l.strip_prefix("- key: "))
        .map(|k| k.trim().trim_matches('"').to_string())
        .collect()
}

pub struct Corpus {
    pub entries: usize,
    pub bytes: u64,
}

/// Where the corpus of `size` entries goes: `BENCH_KEEP=DIR` keeps it in DIR/<size> (for
/// profiling), otherwise it lives in `temp` and goes with it.
pub fn content_dir(temp: &Path, size: usize) -> std::path::PathBuf {
    match std::env::var("BENCH_KEEP") {
        Ok(keep) => Path::new(&keep).join(size.to_string()),
        Err(_) => temp.join("content"),
    }
}

/// A generated space's file and its text with `paragraph` added at the top of its body: what a
/// contributor's edit looks like. The caller writes it (and may time the write).
pub fn edited_space(content: &Path, slug: &str, paragraph: &str) -> (std::path::PathBuf, String) {
    let file = content.join("spaces").join(format!("{slug}.md"));
    let text = std::fs::read_to_string(&file).expect("a generated space");
    let edited = text.replacen("\n---\n", &format!("\n---\n\n{paragraph}\n"), 1);
    (file, edited)
}

/// Writes `entries` entries (70% spaces, 25% practices, 5% guides) and the repository's
/// vocabularies into `dir`.
pub fn generate(dir: &Path, entries: usize) -> Corpus {
    let repo_data = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/data");
    let data = dir.join("data");
    for folder in ["data", "spaces", "practices", "guides"] {
        fs::create_dir_all(dir.join(folder)).unwrap();
    }
    // The vocabularies, and the map's shapes in their folder.
    for file in fs::read_dir(&repo_data).unwrap() {
        let file = file.unwrap();
        if file.file_type().unwrap().is_dir() {
            let folder = data.join(file.file_name());
            fs::create_dir_all(&folder).unwrap();
            for inner in fs::read_dir(file.path()).unwrap() {
                let inner = inner.unwrap();
                fs::copy(inner.path(), folder.join(inner.file_name())).unwrap();
            }
        } else {
            fs::copy(file.path(), data.join(file.file_name())).unwrap();
        }
    }
    let places = keys(&data, "places.yaml");
    let kinds = keys(&data, "space-kinds.yaml");
    let disciplines = keys(&data, "disciplines.yaml");
    let facilities = keys(&data, "facilities.yaml");
    let themes = keys(&data, "themes.yaml");
    let tags = keys(&data, "tags.yaml");
    let mut rng = Rng(entries as u64);
    let guides = (entries / 20).max(1);
    let practices = entries / 4;
    let spaces = entries - guides - practices;
    let mut bytes = 0u64;
    let mut write = |path: std::path::PathBuf, text: String| {
        bytes += text.len() as u64;
        fs::write(path, text).unwrap();
    };
    for i in 0..guides {
        let text = guide(&mut rng, i, guides);
        write(dir.join(format!("guides/gids-{i}.md")), text);
    }
    for i in 0..spaces {
        let mut fm = String::new();
        let _ = writeln!(fm, "name: Ruimte {i} {}", sentence(&mut rng, 2).trim_end_matches('.'));
        let _ = writeln!(fm, "kinds: [{}]", rng.some(&kinds, 3).join(", "));
        let _ = writeln!(fm, "disciplines: [{}]", rng.some(&disciplines, 3).join(", "));
        let _ = writeln!(fm, "place: {}", rng.pick(&places));
        let _ = writeln!(
            fm,
            "address:\n  street: Voorbeeldstraat\n  number: {}\n  postcode: {}",
            1 + rng.below(200),
            1000 + rng.below(8999)
        );
        let _ = writeln!(
            fm,
            "geo: {{ lat: {:.5}, lon: {:.5} }}",
            50.7 + rng.below(700) as f64 / 1000.0,
            2.6 + rng.below(3000) as f64 / 1000.0
        );
        let _ = writeln!(fm, "operator:\n  name: Vzw {i}\n  url: https://example.org/{i}");
        let _ = writeln!(
            fm,
            "tenure:\n  kind: tijdelijk\n  legal_framework: gids-{}\n  available_from: 2024-01-01",
            rng.below(guides)
        );
        let _ = writeln!(fm, "availability:\n  status: beschikbaar");
        let _ = writeln!(fm, "audience: [professionals, amateurs]");
        let _ = writeln!(
            fm,
            "price:\n  model: per-maand\n  amount_eur: {}\n  includes_charges: true",
            50 + rng.below(400)
        );
        let _ = writeln!(fm, "size_m2: {}\ncapacity: {}", 10 + rng.below(300), 1 + rng.below(80));
        let _ = writeln!(
            fm,
            "accessibility:\n  wheelchair: beperkt\n  public_transport: {}",
            sentence(&mut rng, 5)
        );
        let _ = writeln!(fm, "facilities: [{}]", rng.some(&facilities, 5).join(", "));
        let _ = writeln!(
            fm,
            "contact:\n  website: https://example.org/r/{i}\n  email: info{i}@example.org"
        );
        let _ = writeln!(fm, "related: [gids-{}]", rng.below(guides));
        let _ = writeln!(
            fm,
            "sources:\n  - title: Gegenereerd corpus\n    url: https://example.org/bron"
        );
        let _ = writeln!(fm, "last_verified: 2025-0{}-1{}", 1 + rng.below(9), rng.below(10));
        let text = format!("---\n{fm}---\n{}", body(&mut rng));
        write(dir.join(format!("spaces/ruimte-{i}.md")), text);
    }
    for i in 0..practices {
        let mut fm = String::new();
        let _ = writeln!(
            fm,
            "title: Praktijk {i} {}",
            sentence(&mut rng, 3).trim_end_matches('.')
        );
        let _ = writeln!(fm, "themes: [{}]", rng.pick(&themes));
        let _ = writeln!(fm, "places: [{}]", rng.some(&places, 3).join(", "));
        let _ = writeln!(fm, "disciplines: [{}]", rng.some(&disciplines, 2).join(", "));
        let _ = writeln!(fm, "summary: {}", sentence(&mut rng, 20));
        let _ = writeln!(
            fm,
            "financing: {}\nbudget_eur: {}",
            sentence(&mut rng, 8),
            1000 + rng.below(50_000)
        );
        let _ = writeln!(fm, "local_government_roles: [facilitator, financier]");
        let _ = writeln!(
            fm,
            "local_government_role: {}\ntip: {}",
            sentence(&mut rng, 10),
            sentence(&mut rng, 10)
        );
        let _ = writeln!(
            fm,
            "partners: [Vzw {i}, Stad]\ntags: [{}]",
            rng.some(&tags, 3).join(", ")
        );
        let _ = writeln!(fm, "period: {{ start: 20{:02} }}", 10 + rng.below(14));
        let _ = writeln!(fm, "related: [ruimte-{}]", rng.below(spaces));
        let _ = writeln!(fm, "sources:\n  - title: Gegenereerd corpus\nlast_verified: 2024-01-01");
        let text = format!("---\n{fm}---\n{}", body(&mut rng));
        write(dir.join(format!("practices/praktijk-{i}.md")), text);
    }
    Corpus { entries, bytes }
}

fn guide(rng: &mut Rng, i: usize, guides: usize) -> String {
    let fm = format!(
        "title: Gids {i}\naliases: [Guide {i}]\ncategory: gebruiksregeling\nsummary: {}\ncompare:\n  who_carries_liability: De gebruiker.\n  suited_for: {}\n  admin_burden: hoog\n  use:\n    duration: Onbepaald\n    security_of_tenure: laag\n    setup_cost: laag\n    running_cost: gemiddeld\n    registration_required: soms\n    notary_required: nee\n  pros: [Snel]\n  cons: [Onzeker]\n  risks: [Opzeg]\nlegal_basis:\n  - citation: Burgerlijk Wetboek\nrelated: [gids-{}]\nsources:\n  - title: Gegenereerd corpus\nlast_reviewed: 2026-01-01\n",
        sentence(rng, 12),
        sentence(rng, 6),
        (i + 1) % guides
    );
    format!("---\n{fm}---\n{}", body(rng))
}

/// Sizes from `BENCH_SIZES` (comma-separated), else `default` under `cargo bench` and one small
/// size under `cargo test --benches`, which only checks that the benchmark still runs.
pub fn sizes(default: &[usize]) -> Vec<usize> {
    let benchmarking = std::env::args().any(|a| a == "--bench");
    std::env::var("BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| if benchmarking { default.to_vec() } else { vec![200] })
}

/// Repetitions from `BENCH_RUNS`, else `default` under `cargo bench` and 1 otherwise.
pub fn runs(default: usize) -> usize {
    let benchmarking = std::env::args().any(|a| a == "--bench");
    std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(if benchmarking { default } else { 1 })
}

/// The largest resident set of any child process so far (Linux reports kilobytes).
pub fn children_peak_rss_kb() -> i64 {
    // SAFETY: getrusage only writes into the struct we pass.
    unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        if libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) == 0 {
            usage.ru_maxrss
        } else {
            0
        }
    }
}

/// Runs `ruimte ARGS…` (the benchmarked binary) with a fixed date (and, for a build, the
/// repository's theme), and panics with its diagnostics if it fails.
pub fn ruimte(args: &[&std::ffi::OsStr]) -> std::process::Output {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Not known to examples (examples/corpus.rs only generates).
    let Some(binary) = option_env!("CARGO_BIN_EXE_ruimte") else {
        panic!("only benchmarks and tests know the ruimte binary");
    };
    let mut command = std::process::Command::new(binary);
    command.args(args).env("RUIMTE_TODAY", "2026-11-22");
    if args.first().is_some_and(|a| *a == "build") {
        command.arg("--theme").arg(root.join("themes/default"));
    }
    let output = command.output().expect("ruimte runs");
    assert!(
        output.status.success(),
        "ruimte {args:?} failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// `ruimte build` of `content` into `out`, with the repository's settings and theme.
pub fn build_site(content: &Path, out: &Path) -> std::process::Output {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    build_site_with_config(content, out, &root.join("ruimte.toml"))
}

/// `ruimte build` with the repository's theme and the given settings.
pub fn build_site_with_config(content: &Path, out: &Path, config: &Path) -> std::process::Output {
    build_site_with(content, out, config, &[])
}

/// The same, with more arguments (`--precompress`).
pub fn build_site_with(content: &Path, out: &Path, config: &Path, extra: &[&str]) -> std::process::Output {
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "build".as_ref(),
        "--content".as_ref(),
        content.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "--config".as_ref(),
        config.as_os_str(),
    ];
    args.extend(extra.iter().map(|a| std::ffi::OsStr::new(*a)));
    ruimte(&args)
}

/// The repository's settings with entry pages as files (`entry_urls = "file"`), written into
/// `dir`; gives the settings file's path.
pub fn file_urls_config(dir: &Path) -> std::path::PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let settings = std::fs::read_to_string(root.join("ruimte.toml")).expect("read ruimte.toml");
    assert!(
        settings.contains("entry_urls = \"folder\""),
        "ruimte.toml sets entry_urls"
    );
    let path = dir.join("ruimte-file-urls.toml");
    std::fs::write(
        &path,
        settings.replace("entry_urls = \"folder\"", "entry_urls = \"file\""),
    )
    .expect("write settings");
    path
}

/// The repository's settings with the site in Dutch only (`languages = ["nl"]`), written into
/// `dir`; gives the settings file's path.
pub fn one_language_config(dir: &Path) -> std::path::PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let settings = std::fs::read_to_string(root.join("ruimte.toml")).expect("read ruimte.toml");
    let all = "languages = [\"nl\", \"fr\", \"en\"]";
    assert!(settings.contains(all), "ruimte.toml lists three languages");
    let path = dir.join("ruimte-one-language.toml");
    std::fs::write(&path, settings.replace(all, "languages = [\"nl\"]")).expect("write settings");
    path
}
