//! Multi-release jars (JEP 238): with `Multi-Release: true` in the manifest, `META-INF/versions/N/a/B.class`
//! replaces `a/B.class` for releases ≥ N. We pick, per class, the newest N ≤ the requested release; without a
//! requested release, the newest N present in the jar (what the newest JDK would load).

use rustc_hash::FxHashMap;

const VERSIONS: &str = "META-INF/versions/";

/// Splits `META-INF/versions/11/a/B.class` into `(11, "a/B.class")`. Versions below 9 do not exist in MR jars and
/// are ignored by the JDK; so are they here.
pub(crate) fn versioned(name: &str) -> Option<(u32, &str)> {
    let rest = name.strip_prefix(VERSIONS)?;
    let (number, path) = rest.split_once('/')?;
    let version: u32 = number.parse().ok()?;
    (version >= 9 && !path.is_empty()).then_some((version, path))
}

/// True when the manifest's main section says `Multi-Release: true` (attribute names are case-insensitive).
pub(crate) fn is_multi_release(manifest: &[u8]) -> bool {
    let text = String::from_utf8_lossy(manifest);
    for line in text.lines() {
        if line.is_empty() {
            break; // end of the main section
        }
        if let Some((key, value)) = line.split_once(':') {
            if key.trim().eq_ignore_ascii_case("Multi-Release") {
                return value.trim().eq_ignore_ascii_case("true");
            }
        }
    }
    false
}

/// Picks one candidate per key: the one with the newest version ≤ `release` (base entries have version 0).
/// `release` defaults to the newest version among the candidates. Keeps the order in which keys first appear.
pub(crate) fn select<T>(candidates: Vec<(u32, &str, T)>, release: Option<u32>) -> Vec<T> {
    let target = release.unwrap_or_else(|| candidates.iter().map(|c| c.0).max().unwrap_or(0));
    let mut chosen: Vec<(u32, T)> = Vec::with_capacity(candidates.len());
    let mut slot: FxHashMap<&str, usize> = FxHashMap::default();
    for (version, key, value) in candidates {
        if version > target {
            continue;
        }
        match slot.get(&key) {
            Some(&index) => {
                if let Some(existing) = chosen.get_mut(index) {
                    if existing.0 < version {
                        *existing = (version, value);
                    }
                }
            }
            None => {
                slot.insert(key, chosen.len());
                chosen.push((version, value));
            }
        }
    }
    chosen.into_iter().map(|(_, value)| value).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_versioned_names() {
        assert_eq!(versioned("META-INF/versions/11/a/B.class"), Some((11, "a/B.class")));
        assert_eq!(versioned("META-INF/versions/8/a/B.class"), None);
        assert_eq!(versioned("META-INF/versions/x/a/B.class"), None);
        assert_eq!(versioned("a/B.class"), None);
    }

    #[test]
    fn reads_manifest_flag() {
        assert!(is_multi_release(b"Manifest-Version: 1.0\r\nmulti-release: TRUE\r\n\r\n"));
        assert!(!is_multi_release(b"Manifest-Version: 1.0\r\n\r\nName: x\r\nMulti-Release: true\r\n"));
        assert!(!is_multi_release(b"Multi-Release: false\n"));
    }

    fn pick(release: Option<u32>) -> Vec<&'static str> {
        let candidates =
            vec![(0, "A", "A@base"), (11, "A", "A@11"), (9, "A", "A@9"), (0, "B", "B@base"), (17, "C", "C@17")];
        select(candidates, release)
    }

    #[test]
    fn selects_newest_version_not_above_release() {
        assert_eq!(pick(Some(8)), ["A@base", "B@base"]);
        assert_eq!(pick(Some(10)), ["A@9", "B@base"]);
        assert_eq!(pick(Some(11)), ["A@11", "B@base"]);
        assert_eq!(pick(Some(17)), ["A@11", "B@base", "C@17"]);
        assert_eq!(pick(None), ["A@11", "B@base", "C@17"]);
    }
}
