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

/// Levenshtein distance over chars.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
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
    }
}
