//! "Did you mean": the closest candidate within an edit distance of a third of the word
//! (nushell's `did_you_mean`), case-insensitively, so `dependOnClassThat` finds `dependOnClassesThat`.

/// The best candidate, if one is close enough: distance ≤ max(1, len/3). Ties go to the earliest.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word_lower = word.to_lowercase();
    let limit = (word.chars().count() / 3).max(1);
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        if candidate == word {
            continue;
        }
        let distance = levenshtein(&word_lower, &candidate.to_lowercase());
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// Edit distance counting insertions, deletions and substitutions, over chars.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row.first().copied().unwrap_or(0);
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let substitute = diagonal + usize::from(ca != *cb);
            let (Some(&left), Some(&up)) = (row.get(j), row.get(j + 1)) else {
                break;
            };
            diagonal = up;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = substitute.min(left + 1).min(up + 1);
            }
        }
    }
    row.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance() {
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        assert_eq!(levenshtein("", "abc"), 3);
        assert_eq!(levenshtein("abc", "abc"), 0);
    }

    #[test]
    fn suggests_close_names_only() {
        let names = ["dependOnClassesThat", "accessClassesThat", "onlyDependOnClassesThat"];
        assert_eq!(closest("dependOnClassThat", names), Some("dependOnClassesThat"));
        assert_eq!(closest("dependonclassesthat", names), Some("dependOnClassesThat"));
        assert_eq!(closest("beFreeOfCycles", names), None);
        assert_eq!(closest("x", ["y", "xy"]), Some("y"));
    }
}
