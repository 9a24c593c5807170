//! File names for pages, dates and the source-link template: small pure helpers the pages share.

use std::fmt::Write as _;

/// FNV-1a, 64 bits: a stable hash for file names (the same name gives the same file on every run and machine).
fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            h ^= 0x1f;
            h = h.wrapping_mul(0x100_0000_01b3);
        }
        for b in p.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x100_0000_01b3);
        }
    }
    h
}

/// A file-name stem for a key: a readable part (its letters, digits, `.`, `-`, `_`; the rest `_`; at most 60 bytes)
/// then a hash of the whole key, so keys differing only in dropped characters still get distinct files.
pub fn slug(readable: &str, key: &[&str]) -> String {
    let mut s = String::new();
    for c in readable.chars().take(60) {
        s.push(if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' });
    }
    let _ = write!(s, "-{:012x}", fnv1a(key) & 0xffff_ffff_ffff);
    s
}

/// Days since 1970-01-01 of an RFC 3339 time or `YYYY-MM-DD` day (its date part), `None` when it is not one.
pub fn days(time: &str) -> Option<i64> {
    let date = time.get(..10)?;
    let mut it = date.split('-');
    let (y, m, d) = (it.next()?.parse::<i64>().ok()?, it.next()?.parse::<i64>().ok()?, it.next()?.parse::<i64>().ok()?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Percent-encodes a value put into a URL template: everything but unreserved characters and `/`.
fn percent_encode(out: &mut String, s: &str) {
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
}

/// `--source-url`: a template with `{repository}`, `{commit}`, `{branch}`, `{module}`, `{path}` and `{line}`.
#[derive(Debug, Clone)]
pub struct SourceUrl(String);

/// The values a consumer row fills in.
pub struct SourceRef<'a> {
    pub repository: Option<&'a str>,
    pub commit: Option<&'a str>,
    pub branch: Option<&'a str>,
    pub module: Option<&'a str>,
    pub path: Option<&'a str>,
    pub line: u64,
}

impl SourceUrl {
    pub fn new(template: &str) -> SourceUrl {
        SourceUrl(template.to_string())
    }

    /// The link for one consumer, or `None` when the template needs a value the row does not have (a link is never
    /// guessed).
    pub fn expand(&self, r: &SourceRef<'_>) -> Option<String> {
        let mut out = String::with_capacity(self.0.len() + 64);
        let mut rest = self.0.as_str();
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            let key = &rest[open + 1..open + close];
            let line = r.line.to_string();
            let value = match key {
                "repository" => r.repository,
                "commit" => r.commit,
                "branch" => r.branch,
                "module" => r.module,
                "path" => r.path,
                "line" => Some(line.as_str()),
                _ => {
                    // Not a placeholder: keep it as written.
                    out.push_str(&rest[open..=open + close]);
                    rest = &rest[open + close + 1..];
                    continue;
                }
            };
            percent_encode(&mut out, value?);
            rest = &rest[open + close + 1..];
        }
        out.push_str(rest);
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_readable_stable_and_distinct() {
        assert_eq!(slug("com.acme:widgets", &["com.acme:widgets"]), slug("com.acme:widgets", &["com.acme:widgets"]));
        assert!(slug("com.acme:widgets", &["com.acme:widgets"]).starts_with("com.acme_widgets-"));
        assert_ne!(slug("a:b", &["a:b"]), slug("a/b", &["a/b"]));
        assert_ne!(slug("ab", &["ab", ""]), slug("ab", &["a", "b"]));
        let evil = "<script>alert(1)</script>";
        assert!(slug(evil, &[evil]).bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b)));
    }

    #[test]
    fn days_count_from_the_epoch() {
        assert_eq!(days("1970-01-01"), Some(0));
        assert_eq!(days("2026-12-06T20:13:22Z"), Some(20_793));
        assert_eq!(days("2000-03-01"), Some(11_017));
        assert_eq!(days("yesterday"), None);
    }

    #[test]
    fn source_urls_fill_and_encode_values_and_never_guess() {
        let url = SourceUrl::new("https://git.example/{repository}/blob/{commit}/{path}#L{line}");
        let r = SourceRef {
            repository: Some("acme/<app>"),
            commit: Some("abc123"),
            branch: None,
            module: None,
            path: Some("src/main/java/A B.java"),
            line: 42,
        };
        assert_eq!(
            url.expand(&r).as_deref(),
            Some("https://git.example/acme/%3Capp%3E/blob/abc123/src/main/java/A%20B.java#L42")
        );
        assert_eq!(url.expand(&SourceRef { commit: None, ..r }), None);
    }
}
