//! "Did you mean": the closest candidate within an edit distance of a third of the word (nushell's `did_you_mean`),
//! case-insensitively, so `dependOnClassThat` finds `dependOnClassesThat`. One place for the DSL's vocabulary and
//! for configuration keys, pack ids and rule names.

/// The best candidate, if one is close enough: distance ≤ max(1, len/3). Ties go to the earliest.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word_lower = word.to_lowercase();
    let limit = (word.chars().count() / 3).max(1);
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        if candidate == word {
            continue;
        }
        let distance = distance(&word_lower, &candidate.to_lowercase());
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// Edit distance over chars, counting a swap of neighbours as one edit (optimal string alignment): `HGIH` is one
/// edit from `HIGH`.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // rows[i][j]: distance between a[..i] and b[..j]; the words are short.
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
    fn distance_counts_edits_and_swaps() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("abc", "abc"), 0);
        assert_eq!(distance("hgih", "high"), 1);
    }

    #[test]
    fn suggests_close_names_only() {
        let names = ["dependOnClassesThat", "accessClassesThat", "onlyDependOnClassesThat"];
        assert_eq!(closest("dependOnClassThat", names), Some("dependOnClassesThat"));
        assert_eq!(closest("dependonclassesthat", names), Some("dependOnClassesThat"));
        assert_eq!(closest("beFreeOfCycles", names), None);
        assert_eq!(closest("x", ["y", "xy"]), Some("y"));
        let keys = ["failure-threshold", "details-threshold", "classpath"];
        assert_eq!(closest("failure-treshold", keys), Some("failure-threshold"));
        assert_eq!(closest("medum", ["LOW", "MEDIUM", "HIGH"]), Some("MEDIUM"));
    }
}
