//! Per-entry checks for spaces, practices, guides, pages and requests for space.

use crate::content::entries::{Entry, EntryKind};
use crate::content::model::guide::Family;
use crate::content::model::space::{Address, PriceModel};
use crate::content::model::Keyed;
use crate::content::model::{
    Contact, Date, Guide, Image, Link, Page, PartialDate, Practice, Request, Source, Space, Translations, VocabularyKey,
};
use crate::content::parse::Locator;
use crate::content::suggest::closest;

use super::fields::{self, GeoProblem, Problem};
use super::markdown::check_body;
use super::{Context, Report};

pub(super) fn check_space(ctx: &Context, entry: &Entry<Space>) -> Vec<diagnostics::Diagnostic> {
    let s = &entry.front;
    let mut r = Report::new(&entry.locator);
    not_blank(&mut r, "name", &s.name);
    // A workspace on offer says what it is; a place the sources only name may not know.
    if s.status.on_offer() {
        non_empty_list(
            &mut r,
            "kinds",
            s.kinds.len(),
            "at least one kind of space, e.g. `- atelier` (or a `status` other than `aanbod`)",
        );
    }
    keys(&mut r, ctx, "kinds", &s.kinds);
    keys(&mut r, ctx, "disciplines", &s.disciplines);
    keys(&mut r, ctx, "facilities", &s.facilities);
    key(&mut r, ctx, "place", &s.place);
    if let Some(address) = &s.address {
        check_address(&mut r, address);
    }
    if let Some(geo) = s.geo {
        match fields::check_geo(geo.lat, geo.lon) {
            Ok(()) => {}
            Err(GeoProblem::OutOfRange(p)) => {
                report_problem(&mut r, "geo", "invalid-geo", p, false)
                    .set_found(format!("lat {}, lon {}", geo.lat, geo.lon));
            }
            Err(GeoProblem::OutsideBelgium(p)) => {
                report_problem(&mut r, "geo", "outside-belgium", p, true)
                    .set_found(format!("lat {}, lon {}", geo.lat, geo.lon));
            }
        }
    }
    if let Some(operator) = &s.operator {
        not_blank(&mut r, "operator.name", &operator.name);
        link(&mut r, "operator.url", operator.url.as_ref());
    }
    if let Some(tenure) = &s.tenure {
        if let Some(framework) = &tenure.legal_framework {
            let guides = ctx.model.guides.iter().map(|g| g.slug.as_str());
            if ctx.slugs.get(framework.as_str()) != Some(&EntryKind::Guide) {
                let hint = closest(framework, guides).map_or_else(
                    || "name the slug of a guide in content/guides/ (the file name without .md)".to_string(),
                    |s| format!("did you mean `{s}`?"),
                );
                r.error(
                    "tenure.legal_framework",
                    "unknown-guide",
                    format!("there is no guide `{framework}`"),
                )
                .set_found(format!("`{framework}`"))
                .set_hint(hint);
            }
        }
        if let (Some(from), Some(until)) = (tenure.available_from, tenure.available_until) {
            if until < from {
                r.error(
                    "tenure.available_until",
                    "date-order",
                    "`available_until` is before `available_from`",
                )
                .set_found(format!("{from} … {until}"));
            }
        }
    }
    link(&mut r, "availability.booking_url", s.availability.booking_url.as_ref());
    if let Some(price) = &s.price {
        if let Some(amount) = price.amount_eur {
            if !amount.is_finite() || amount < 0.0 {
                r.error("price.amount_eur", "invalid-number", "the amount must be zero or more")
                    .set_found(amount.to_string());
            } else if price.model == PriceModel::Gratis && amount > 0.0 {
                r.warning(
                    "price.amount_eur",
                    "price-mismatch",
                    "the price model is `gratis` but an amount is given",
                )
                .set_hint("remove the amount, or choose the model that matches it (per-uur, per-maand, …)");
            }
        }
    }
    if let Some(size) = s.size_m2 {
        if !size.is_finite() || size <= 0.0 {
            r.error(
                "size_m2",
                "invalid-number",
                "the size must be more than zero square metres",
            )
            .set_found(size.to_string());
        }
    }
    if s.capacity == Some(0) {
        r.error("capacity", "invalid-number", "the capacity must be at least one person");
    }
    if let Some(assessed) = s.accessibility.assessed_on {
        not_future(&mut r, ctx, "accessibility.assessed_on", assessed);
    }
    contact(&mut r, &s.contact);
    images(&mut r, entry, &s.images);
    common(
        &mut r,
        ctx,
        entry,
        &s.related,
        &s.sources,
        "last_verified",
        s.last_verified,
    );
    source_date(&mut r, ctx, s.source_date);
    translations(&mut r, ctx, &s.translations, Some(("last_verified", s.last_verified)));
    r.finish()
}

pub(super) fn check_practice(ctx: &Context, entry: &Entry<Practice>) -> Vec<diagnostics::Diagnostic> {
    let p = &entry.front;
    let mut r = Report::new(&entry.locator);
    not_blank(&mut r, "title", &p.title);
    not_blank(&mut r, "summary", &p.summary);
    non_empty_list(
        &mut r,
        "themes",
        p.themes.len(),
        "at least one theme, e.g. `- infrastructuur`",
    );
    keys(&mut r, ctx, "themes", &p.themes);
    keys(&mut r, ctx, "places", &p.places);
    keys(&mut r, ctx, "disciplines", &p.disciplines);
    keys(&mut r, ctx, "tags", &p.tags);
    if let Some(budget) = p.budget_eur {
        if !budget.is_finite() || budget < 0.0 {
            r.error("budget_eur", "invalid-number", "the budget must be zero or more")
                .set_found(budget.to_string());
        }
    }
    if let Some(period) = &p.period {
        if let Some(end) = &period.end {
            if end.earliest() < period.start.earliest() {
                r.error("period.end", "date-order", "the period ends before it starts")
                    .set_found(format!("{} … {end}", period.start));
            }
        }
    }
    common(
        &mut r,
        ctx,
        entry,
        &p.related,
        &p.sources,
        "last_verified",
        p.last_verified,
    );
    source_date(&mut r, ctx, p.source_date);
    translations(&mut r, ctx, &p.translations, Some(("last_verified", p.last_verified)));
    r.finish()
}

pub(super) fn check_guide(ctx: &Context, entry: &Entry<Guide>) -> Vec<diagnostics::Diagnostic> {
    let g = &entry.front;
    let mut r = Report::new(&entry.locator);
    not_blank(&mut r, "title", &g.title);
    not_blank(&mut r, "summary", &g.summary);
    let c = &g.compare;
    not_blank(&mut r, "compare.who_carries_liability", &c.who_carries_liability);
    not_blank(&mut r, "compare.suited_for", &c.suited_for);
    if let Some(u) = &c.use_terms {
        not_blank(&mut r, "compare.use.duration", &u.duration);
    }
    compare_family(&mut r, &entry.locator, g);
    for (i, basis) in g.legal_basis.iter().enumerate() {
        not_blank(&mut r, &format!("legal_basis[{i}].citation"), &basis.citation);
        link(&mut r, &format!("legal_basis[{i}].url"), basis.url.as_ref());
    }
    common(
        &mut r,
        ctx,
        entry,
        &g.related,
        &g.sources,
        "last_reviewed",
        Some(g.last_reviewed),
    );
    translations(
        &mut r,
        ctx,
        &g.translations,
        Some(("last_reviewed", Some(g.last_reviewed))),
    );
    r.finish()
}

/// A guide fills the criteria of its family and not the other's: a vzw has no "security for the
/// user", a lease no income tax.
fn compare_family(r: &mut Report, locator: &Locator, g: &Guide) {
    let c = &g.compare;
    // A block whose values did not type is there all the same: its own errors are reported.
    let has_use = c.use_terms.is_some() || locator.is_written("compare.use");
    let has_organisation = c.organisation.is_some() || locator.is_written("compare.organisation");
    let category = g.category.key();
    let (missing, extra) = match g.category.family() {
        Some(Family::Use) => (!has_use, has_organisation.then_some("compare.organisation")),
        Some(Family::Organisation) => (!has_organisation, has_use.then_some("compare.use")),
        None => (
            false,
            has_use
                .then_some("compare.use")
                .or(has_organisation.then_some("compare.organisation")),
        ),
    };
    if missing {
        let block = if g.category.family() == Some(Family::Use) {
            "use"
        } else {
            "organisation"
        };
        r.error("compare", "missing-field", format!("a guide of the category `{category}` fills `compare.{block}`"))
            .set_expected(format!("a `{block}:` block under `compare:`"))
            .set_hint(if block == "use" {
                "give `duration`, `security_of_tenure`, `setup_cost`, `running_cost`, `registration_required` and `notary_required`"
            } else {
                "give `legal_personality`, and what checked sources say of `signs_lease`, `income_tax`, `patrimony_tax`, `vat`, `setup_cost` and `running_cost`"
            });
    }
    if let Some(field) = extra {
        r.error(field, "wrong-family", format!("a guide of the category `{category}` is not compared on these points"))
            .set_hint("use arrangements (`gebruiksregeling`, `zakelijk-recht`) fill `compare.use`; organisation forms (`organisatievorm`, `personeel`, `eigendomsmodel`) fill `compare.organisation`");
    }
}

pub(super) fn check_request(ctx: &Context, entry: &Entry<Request>) -> Vec<diagnostics::Diagnostic> {
    let q = &entry.front;
    let mut r = Report::new(&entry.locator);
    not_blank(&mut r, "title", &q.title);
    not_blank(&mut r, "who", &q.who);
    non_empty_list(
        &mut r,
        "kinds",
        q.kinds.len(),
        "at least one kind of space, e.g. `- atelier`",
    );
    keys(&mut r, ctx, "kinds", &q.kinds);
    keys(&mut r, ctx, "disciplines", &q.disciplines);
    keys(&mut r, ctx, "places", &q.places);
    keys(&mut r, ctx, "provinces", &q.provinces);
    if q.places.is_empty() && q.provinces.is_empty() {
        r.error(
            "places",
            "no-area",
            "a request says where: `places`, `provinces` or both",
        )
        .set_expected("at least one municipality (`places: [gent]`) or province (`provinces: [brussel]`)");
    }
    if let Some(size) = q.size_m2 {
        for (field, value) in [("size_m2.min", size.min), ("size_m2.max", size.max)] {
            if value.is_some_and(|v| !v.is_finite() || v <= 0.0) {
                r.error(field, "invalid-number", "a floor area is more than 0 m²")
                    .set_found(value.unwrap_or_default().to_string());
            }
        }
        if let (Some(min), Some(max)) = (size.min, size.max) {
            if min > max {
                r.error(
                    "size_m2.max",
                    "range-order",
                    "the largest size is smaller than the smallest",
                )
                .set_found(format!("{min} … {max}"))
                .set_hint("swap `min` and `max`");
            }
        }
        if size.min.is_none() && size.max.is_none() {
            r.warning("size_m2", "empty-range", "`size_m2` gives neither `min` nor `max`");
        }
    }
    if let Some(max) = q.budget.as_ref().and_then(|b| b.max_eur) {
        if !max.is_finite() || max < 0.0 {
            r.error("budget.max_eur", "invalid-number", "the budget must be zero or more")
                .set_found(max.to_string());
        }
    }
    match (&q.contact.url, &q.contact.email) {
        (None, None) => {
            r.error("contact", "no-contact", "a request needs a way to answer it")
                .set_expected("`url: https://…`, `email: …` or both");
        }
        (url, email) => {
            link(&mut r, "contact.url", url.as_ref());
            if let Some(email) = email {
                if let Err(p) = fields::check_email(email) {
                    report_problem(&mut r, "contact.email", "invalid-email", p, false).set_found(format!("`{email}`"));
                }
            }
        }
    }
    if q.valid_until < ctx.today {
        r.warning(
            "valid_until",
            "expired-request",
            "this request has expired: it is shown as such and left out of lists and search",
        )
        .set_found(q.valid_until.to_string())
        .set_hint("if the search goes on, set a later `valid_until` and check `last_verified`");
    }
    if let Some(from) = q.from {
        if from > q.valid_until {
            r.error(
                "from",
                "date-order",
                "the space is needed from a day after the request ends",
            )
            .set_found(format!("from {from}, valid until {}", q.valid_until));
        }
    }
    common(
        &mut r,
        ctx,
        entry,
        &q.related,
        &q.sources,
        "last_verified",
        q.last_verified,
    );
    source_date(&mut r, ctx, q.source_date);
    translations(&mut r, ctx, &q.translations, Some(("last_verified", q.last_verified)));
    r.finish()
}

pub(super) fn check_page(ctx: &Context, entry: &Entry<Page>) -> Vec<diagnostics::Diagnostic> {
    let mut r = Report::new(&entry.locator);
    not_blank(&mut r, "title", &entry.front.title);
    // Every kind but pages has a list.
    let lists: Vec<&str> = EntryKind::ALL
        .into_iter()
        .filter(|k| *k != EntryKind::Page)
        .map(|k| k.folder())
        .collect();
    for (i, list) in entry.front.show_on.iter().enumerate() {
        if !lists.contains(&list.as_str()) {
            let allowed: Vec<String> = lists.iter().map(|l| format!("`{l}`")).collect();
            r.error(
                &format!("show_on[{i}]"),
                "unknown-value",
                format!("there is no list `{list}`"),
            )
            .set_found(format!("`{list}`"))
            .set_expected(format!("one of {}", allowed.join(", ")));
        }
    }
    // A page has no check date of its own: a translation of it cannot fall behind one.
    translations(&mut r, ctx, &entry.front.translations, None);
    r.extend(check_body(&entry.file, &entry.body, entry.body_first_line));
    r.finish()
}

/// Each translation gives a title or a summary, neither blank, and is dated no later than today.
/// One dated before the original's last check may describe facts that have changed since: a
/// warning, for the translation still helps more than none.
fn translations(r: &mut Report, ctx: &Context, translations: &Translations, checked: Option<(&str, Option<Date>)>) {
    for (language, t) in translations.iter() {
        let path = format!("translations.{language}");
        if t.title.is_none() && t.summary.is_none() {
            r.error(
                &path,
                "empty-translation",
                "a translation gives a title, a summary or both",
            )
            .set_hint(format!(
                "add `title: …` or `summary: …` under `{language}:`, or leave `{language}:` out"
            ));
        }
        if let Some(title) = &t.title {
            not_blank(r, &format!("{path}.title"), title);
        }
        if let Some(summary) = &t.summary {
            not_blank(r, &format!("{path}.summary"), summary);
        }
        not_future(r, ctx, &format!("{path}.translated"), t.translated);
        if let Some((field, Some(checked_on))) = checked {
            if checked_on > t.translated {
                r.warning(
                    &format!("{path}.translated"),
                    "stale-translation",
                    format!(
                        "the {} translation is older than the original's last check",
                        language_name(language)
                    ),
                )
                .set_found(format!("translated {}, `{field}` {checked_on}", t.translated))
                .set_hint("compare the translation with the original, mend it, and set `translated:` to that day");
            }
        }
    }
}

fn language_name(code: &str) -> &'static str {
    match code {
        "fr" => "French",
        "en" => "English",
        _ => "other",
    }
}

use crate::diagnostics;

/// Checks every entry type shares: related slugs, sources, the verification date, the body.
fn common<T>(
    r: &mut Report,
    ctx: &Context,
    entry: &Entry<T>,
    related: &[String],
    sources: &[Source],
    date_field: &str,
    date: Option<Date>,
) {
    for (i, slug) in related.iter().enumerate() {
        let path = format!("related[{i}]");
        if slug == &entry.slug {
            r.warning(&path, "self-reference", "an entry need not list itself as related");
        } else if !ctx.slugs.contains_key(slug.as_str()) {
            let hint = closest(slug, ctx.slugs.keys().copied()).map_or_else(
                || "use the file name (without .md) of a space, practice or guide".to_string(),
                |s| format!("did you mean `{s}`?"),
            );
            r.error(&path, "unknown-related", format!("there is no entry `{slug}`"))
                .set_found(format!("`{slug}`"))
                .set_hint(hint);
        }
    }
    non_empty_list(
        r,
        "sources",
        sources.len(),
        "at least one source: `- title: …` (with `url: …` if it is online)",
    );
    for (i, source) in sources.iter().enumerate() {
        not_blank(r, &format!("sources[{i}].title"), &source.title);
        link(r, &format!("sources[{i}].url"), source.url.as_ref());
    }
    if let Some(date) = date {
        not_future(r, ctx, date_field, date);
    }
    r.extend(check_body(&entry.file, &entry.body, entry.body_first_line));
}

fn not_blank(r: &mut Report, path: &str, text: &str) {
    if text.trim().is_empty() {
        r.error(path, "empty-value", format!("`{path}` is empty"))
            .set_hint("fill it in, or remove the line if the field is optional");
    }
}

fn non_empty_list(r: &mut Report, path: &str, len: usize, expected: &str) {
    if len == 0 {
        r.error(path, "empty-list", format!("`{path}` needs at least one item"))
            .set_expected(expected);
    }
}

fn not_future(r: &mut Report, ctx: &Context, path: &str, date: Date) {
    if date > ctx.today {
        r.error(path, "future-date", "the date lies in the future")
            .set_found(date.to_string())
            .set_expected(format!("a date on or before today ({})", ctx.today))
            .set_hint("write the day the facts were checked");
    }
}

fn source_date(r: &mut Report, ctx: &Context, date: Option<PartialDate>) {
    if let Some(date) = date.filter(|d| d.earliest() > ctx.today.0) {
        r.error("source_date", "future-date", "the date lies in the future")
            .set_found(date.to_string())
            .set_expected(format!("a date on or before today ({})", ctx.today))
            .set_hint("write when the source was published, as far as it says: `2024` or `2024-04`");
    }
}

fn key<K: VocabularyKey>(r: &mut Report, ctx: &Context, path: &str, key: &K) {
    let (kind, key) = (K::VOCABULARY, key.as_str());
    let vocab = &ctx.model.vocab;
    if vocab.contains(kind, key) {
        return;
    }
    let keys = vocab.keys(kind);
    let hint = match closest(key, keys.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None if keys.len() <= 20 => format!(
            "allowed: {}",
            keys.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
        ),
        None => format!(
            "see content/data/{} for the allowed keys, or add the missing one there",
            kind.file_name()
        ),
    };
    r.error(path, "unknown-key", format!("`{key}` is not in {}", kind.file_name()))
        .set_found(format!("`{key}`"))
        .set_expected(format!("a key from content/data/{}", kind.file_name()))
        .set_hint(hint);
}

fn keys<K: VocabularyKey>(r: &mut Report, ctx: &Context, path: &str, values: &[K]) {
    let mut seen = Vec::new();
    for (i, value) in values.iter().enumerate() {
        let item = format!("{path}[{i}]");
        let text = VocabularyKey::as_str(value);
        if seen.contains(&text) {
            r.warning(&item, "duplicate-item", format!("`{text}` is listed twice"));
        }
        seen.push(text);
        key(r, ctx, &item, value);
    }
}

fn link(r: &mut Report, path: &str, link: Option<&Link>) {
    if let Some(Link(text)) = link {
        if let Err(p) = fields::check_link(text) {
            report_problem(r, path, "invalid-url", p, false).set_found(format!("`{text}`"));
        }
    }
}

fn contact(r: &mut Report, contact: &Contact) {
    link(r, "contact.website", contact.website.as_ref());
    if let Some(email) = &contact.email {
        if let Err(p) = fields::check_email(email) {
            report_problem(r, "contact.email", "invalid-email", p, false).set_found(format!("`{email}`"));
        }
    }
    if let Some(phone) = &contact.phone {
        if let Err(p) = fields::check_phone(phone) {
            report_problem(r, "contact.phone", "invalid-phone", p, false).set_found(format!("`{phone}`"));
        }
    }
}

fn check_address(r: &mut Report, address: &Address) {
    not_blank(r, "address.street", &address.street);
    if let Err(p) = fields::check_postcode(&address.postcode.0) {
        report_problem(r, "address.postcode", "invalid-postcode", p, false)
            .set_found(format!("`{}`", address.postcode.0));
    }
}

fn images<T>(r: &mut Report, entry: &Entry<T>, images: &[Image]) {
    let folder = entry.path.parent().map(|p| p.to_path_buf()).unwrap_or_default();
    for (i, image) in images.iter().enumerate() {
        let file_path = format!("images[{i}].file");
        let file = image.file.trim();
        let escapes = file.starts_with('/')
            || file.contains('\\')
            || file.contains(':')
            || file.split('/').any(|part| part == ".." || part.is_empty());
        if escapes {
            r.error(
                &file_path,
                "invalid-image-path",
                "the image path must stay inside the entry's folder",
            )
            .set_found(format!("`{file}`"))
            .set_hint(
                "write a path relative to the entry, without `..` or a leading `/`, e.g. `atelier-gent/zaal.jpg`",
            );
        } else if !folder.join(file).is_file() {
            r.error(
                &file_path,
                "missing-image",
                format!("the image `{file}` does not exist"),
            )
            .set_hint(format!("add the file next to {} or correct the name", entry.file));
        }
        if image.alt.trim().is_empty() {
            r.error(
                &format!("images[{i}].alt"),
                "missing-alt",
                "the image has no description (alt text)",
            )
            .set_hint(
                "describe what the picture shows for people who cannot see it, e.g. `Lichte studio met houten vloer`",
            );
        }
    }
}

fn report_problem<'r>(
    r: &'r mut Report,
    path: &str,
    code: &'static str,
    problem: Problem,
    warning: bool,
) -> &'r mut diagnostics::Diagnostic {
    let d = if warning {
        r.warning(path, code, problem.message)
    } else {
        r.error(path, code, problem.message)
    };
    d.hint = problem.hint;
    d
}
