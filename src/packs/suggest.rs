//! "Did you mean": the closest candidate within an edit distance of a third of the word (nushell's rule).
//! The DSL has its own `suggest.rs` for its vocabulary; this one serves configuration keys, pack ids and rule names.

/// The candidate closest to `word`, if any is within `max(1, len / 3)` edits (case-insensitive).
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (distance(&lower, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Edit distance over chars, counting a swap of neighbours as one edit (optimal string alignment): `HGIH` is one
/// edit from `HIGH`.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // rows[i][j]: distance between a[..i] and b[..j]; three rows suffice but the words are short.
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    rows[0] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1).min(rows[i][j - 1] + 1).min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_closest_candidate_within_a_third_of_the_word() {
        let keys = ["failure-threshold", "details-threshold", "classpath"];
        assert_eq!(did_you_mean("failure-treshold", keys), Some("failure-threshold"));
        assert_eq!(did_you_mean("clsspath", keys), Some("classpath"));
        assert_eq!(did_you_mean("medum", ["LOW", "MEDIUM", "HIGH"]), Some("MEDIUM"));
        assert_eq!(did_you_mean("banana", keys), None);
    }

    #[test]
    fn distance_counts_edits() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("same", "same"), 0);
        assert_eq!(distance("hgih", "high"), 1);
    }
}
