//! Checks of single values (links, e-mail addresses, phone numbers, coordinates, postcodes),
//! each returning what is wrong in words a contributor understands.

use url::Url;

/// Belgium's bounding box, with a little margin for border sites.
const BELGIUM_LAT: (f64, f64) = (49.45, 51.55);
const BELGIUM_LON: (f64, f64) = (2.50, 6.45);

/// The schemes a contributor may link to; everything else (javascript:, data:, file:) is refused.
pub const ALLOWED_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

pub struct Problem {
    pub message: String,
    pub hint: Option<String>,
}

fn problem(message: impl Into<String>, hint: Option<&str>) -> Problem {
    Problem {
        message: message.into(),
        hint: hint.map(str::to_string),
    }
}

/// A link in front matter: an absolute http(s), mailto or tel URL.
pub fn check_link(text: &str) -> Result<(), Problem> {
    let text = text.trim();
    let starts_like_host = text.starts_with("www.") || (!text.contains(':') && text.contains('.'));
    match Url::parse(text) {
        Ok(url) if !ALLOWED_SCHEMES.contains(&url.scheme()) => Err(problem(
            format!("links may not use the `{}:` scheme", url.scheme()),
            Some("use a web address (https://…), mailto: or tel:"),
        )),
        Ok(url) if url.scheme().starts_with("http") && url.host_str().is_none_or(|h| !h.contains('.')) => Err(problem(
            "the web address has no valid host name",
            Some("write the full address, e.g. https://www.example.be/"),
        )),
        Ok(_) => Ok(()),
        Err(_) if starts_like_host => Err(problem(
            "the web address has no scheme",
            Some(&format!("write `https://{}`", text.trim_start_matches("//"))),
        )),
        Err(e) => Err(problem(
            format!("not a valid web address ({e})"),
            Some("write the full address, e.g. https://www.example.be/"),
        )),
    }
}

/// An e-mail address: something@domain.tld, no spaces, no display name.
pub fn check_email(text: &str) -> Result<(), Problem> {
    let text = text.trim();
    let hint = Some("write the bare address, e.g. info@example.be");
    let Some((local, domain)) = text.split_once('@') else {
        return Err(problem("an e-mail address needs an `@`", hint));
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c))
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..");
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(char::is_alphabetic));
    if local_ok && domain_ok {
        Ok(())
    } else {
        Err(problem("not a valid e-mail address", hint))
    }
}

/// A phone number: digits with the usual separators, at least eight digits.
pub fn check_phone(text: &str) -> Result<(), Problem> {
    let digits = text.chars().filter(char::is_ascii_digit).count();
    let allowed = text.chars().all(|c| c.is_ascii_digit() || " +/().-".contains(c));
    if allowed && (8..=15).contains(&digits) {
        Ok(())
    } else {
        Err(problem(
            "not a valid phone number",
            Some("write digits only, e.g. +32 9 123 45 67 or 09 123 45 67"),
        ))
    }
}

pub enum GeoProblem {
    OutOfRange(Problem),
    OutsideBelgium(Problem),
}

pub fn check_geo(lat: f64, lon: f64) -> Result<(), GeoProblem> {
    if !(lat.is_finite() && lon.is_finite() && (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)) {
        return Err(GeoProblem::OutOfRange(problem(
            "coordinates out of range: latitude is between -90 and 90, longitude between -180 and 180",
            Some("write decimal degrees in WGS84, e.g. `lat: 51.054` and `lon: 3.717`"),
        )));
    }
    if !in_belgium(lat, lon) {
        let hint = if in_belgium(lon, lat) {
            "latitude and longitude look swapped: in Belgium latitude is about 50-51 and longitude 2.5-6.4"
        } else {
            "check the coordinates: the directory covers Flanders and Brussels"
        };
        return Err(GeoProblem::OutsideBelgium(problem(
            "the coordinates lie outside Belgium",
            Some(hint),
        )));
    }
    Ok(())
}

fn in_belgium(lat: f64, lon: f64) -> bool {
    (BELGIUM_LAT.0..=BELGIUM_LAT.1).contains(&lat) && (BELGIUM_LON.0..=BELGIUM_LON.1).contains(&lon)
}

/// A Belgian postcode: four digits from 1000 to 9999.
pub fn check_postcode(text: &str) -> Result<(), Problem> {
    let t = text.trim();
    if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) && !t.starts_with('0') {
        Ok(())
    } else {
        Err(problem(
            "not a Belgian postcode",
            Some("write the four digits, e.g. 9000"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links() {
        for ok in [
            "https://www.gent.be/",
            "http://a.be/x?y=1",
            "mailto:info@a.be",
            "tel:+3291234567",
        ] {
            assert!(check_link(ok).is_ok(), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "www.gent.be",
            "ftp://a.be",
            "https://localhost/",
            "data:text/html,x",
            "gent",
        ] {
            assert!(check_link(bad).is_err(), "{bad}");
        }
        assert_eq!(
            check_link("www.gent.be").unwrap_err().hint.as_deref(),
            Some("write `https://www.gent.be`")
        );
    }

    #[test]
    fn emails() {
        for ok in [
            "info@gent.be",
            "a.b+c@sub.example.org",
            "zoë@café.be".replace('ë', "e").as_str(),
        ] {
            assert!(check_email(ok).is_ok(), "{ok}");
        }
        for bad in [
            "info",
            "@gent.be",
            "info@gent",
            "in fo@gent.be",
            "Info <info@gent.be>",
            "a..b@gent.be",
            "a@gent.b3",
        ] {
            assert!(check_email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn geo() {
        assert!(check_geo(51.05, 3.72).is_ok());
        assert!(matches!(check_geo(91.0, 3.0), Err(GeoProblem::OutOfRange(_))));
        assert!(matches!(check_geo(f64::NAN, 3.0), Err(GeoProblem::OutOfRange(_))));
        assert!(matches!(check_geo(48.85, 2.35), Err(GeoProblem::OutsideBelgium(_))));
        match check_geo(3.72, 51.05) {
            Err(GeoProblem::OutsideBelgium(p)) => assert!(p.hint.unwrap().contains("swapped")),
            _ => panic!("swapped coordinates should be noticed"),
        }
    }

    #[test]
    fn phones_and_postcodes() {
        assert!(check_phone("+32 9 123 45 67").is_ok());
        assert!(check_phone("bel ons").is_err());
        assert!(check_postcode("9000").is_ok());
        for bad in ["900", "0900", "90000", "B-9000"] {
            assert!(check_postcode(bad).is_err(), "{bad}");
        }
    }
}
