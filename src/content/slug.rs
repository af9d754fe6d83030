//! Slugs: the file name of an entry, lowercase `a-z0-9` words joined by single hyphens.

pub fn is_valid(slug: &str) -> bool {
    !slug.is_empty()
        && slug
            .split('-')
            .all(|word| !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// A valid slug close to `text`, for hints: lowercase, accents dropped, anything else a hyphen.
pub fn suggest(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validity() {
        for ok in ["atelier", "cc-de-werf", "kunst-2024"] {
            assert!(is_valid(ok), "{ok}");
        }
        for bad in ["", "Atelier", "a--b", "-a", "a-", "café", "a_b", "a b"] {
            assert!(!is_valid(bad), "{bad}");
        }
    }

    #[test]
    fn suggestions_are_valid_slugs() {
        assert_eq!(suggest("Café De Werf"), "cafe-de-werf");
        assert_eq!(suggest("__Repetitie ruimte!"), "repetitie-ruimte");
        assert!(is_valid(&suggest("Ça_va  Élan")));
    }
}
