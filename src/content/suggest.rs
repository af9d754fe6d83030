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

/// Edit distance where swapping two neighbouring letters (`nmae`) counts as one edit, as it is one
/// typo (optimal string alignment).
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
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
        assert_eq!(distance("nmae", "name"), 1);
    }
}
