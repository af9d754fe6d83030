//! "Did you mean …?" for near-miss keys, field names and enum values.

/// The candidate closest to `input` by edit distance, if it is close enough to be a likely typo.
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let input_lower = input.to_lowercase();
    let limit = (input.chars().count() / 3).clamp(1, 4);
    candidates
        .into_iter()
        .map(|c| (distance(&input_lower, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= limit || c.starts_with(&input_lower) && input_lower.len() >= 3)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance over characters (two rows, no allocation per cell).
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_near_misses_only() {
        let kinds = ["atelier", "repetitieruimte", "podium"];
        assert_eq!(closest("repetitieruimt", kinds), Some("repetitieruimte"));
        assert_eq!(closest("Atelier", kinds), Some("atelier"));
        assert_eq!(closest("repetitie", kinds), Some("repetitieruimte"));
        assert_eq!(closest("zwembad", kinds), None);
    }

    #[test]
    fn distance_counts_edits() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
    }
}
