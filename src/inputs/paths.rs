//! Paths as the user wrote them, before anything is opened: classpath globs expanded (`libs/*.jar`, and the JVM's
//! `libs/*`, which means the jars in `libs`), and every path checked to exist. A path the user names is a fact, not a
//! hint: one that is missing, or a glob that matches nothing, is an error for the caller to stop on (as `javac` and
//! `ruff` do), unlike a damaged entry inside a readable jar, which [`Opened::add`](super::Opened::add) only warns
//! about.
//!
//! Only the last component may hold `*` or `?` (`deps/*.jar`, `build/libs/*`): enough for the classpaths build tools
//! print, with no glob library to learn.

use std::fs;
use std::path::{Path, PathBuf};

use super::error::{InputError, InputErrorKind};

/// Releases `--release` accepts: ct.sym names a release by one base-36 digit, so no JDK can describe one past 35,
/// and the oldest any JDK 9+ ct.sym holds is 6.
pub const SUPPORTED_RELEASES: std::ops::RangeInclusive<u32> = 6..=35;

/// `path` itself when it exists; the files its last component matches when that holds `*` or `?` (sorted by name);
/// an error naming the path otherwise.
pub fn expand(path: &Path) -> Result<Vec<PathBuf>, InputError> {
    if fs::metadata(path).is_ok() {
        return Ok(vec![path.to_path_buf()]);
    }
    let Some(pattern) = path.file_name().and_then(|n| n.to_str()).filter(|n| n.contains(['*', '?'])) else {
        return Err(InputError::new(path, None, InputErrorKind::NotFound));
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let no_match = || InputError::new(path, None, InputErrorKind::NoGlobMatch);
    let read = fs::read_dir(dir).map_err(|_| no_match())?;
    // The JVM's `dir/*` is every jar in `dir`, not every file.
    let jvm_wildcard = pattern == "*";
    let mut found: Vec<PathBuf> = read
        .filter_map(Result::ok)
        .filter(|entry| {
            let name = entry.file_name();
            let Some(name) = name.to_str() else { return false };
            if jvm_wildcard {
                let lower = name.to_ascii_lowercase();
                lower.ends_with(".jar") || lower.ends_with(".zip")
            } else {
                !name.starts_with('.') && matches(pattern, name)
            }
        })
        .map(|entry| entry.path())
        .collect();
    if found.is_empty() {
        return Err(no_match());
    }
    found.sort();
    Ok(found)
}

/// Every path of `paths` expanded by [`expand`]; every problem reported, not just the first.
pub fn expand_all(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Vec<InputError>> {
    let mut out = Vec::with_capacity(paths.len());
    let mut errors = Vec::new();
    for path in paths {
        match expand(path) {
            Ok(found) => out.extend(found),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Whether `home` looks like a JDK: `jmods/` or `lib/modules`, what [`Opened::add_jdk`](super::Opened::add_jdk) reads.
pub fn is_jdk_home(home: &Path) -> bool {
    home.join("jmods").is_dir() || home.join("lib").join("modules").is_file()
}

/// `*` (any run of characters) and `?` (one character) against a whole file name.
fn matches(pattern: &str, name: &str) -> bool {
    let (p, n): (Vec<char>, Vec<char>) = (pattern.chars().collect(), name.chars().collect());
    // The classic two-pointer wildcard match, backtracking only to the last `*`.
    let (mut pi, mut ni) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ni < n.len() {
        match p.get(pi) {
            Some('*') => {
                star = Some((pi, ni));
                pi += 1;
            }
            Some(&c) if c == '?' || c == n[ni] => {
                pi += 1;
                ni += 1;
            }
            _ => match star {
                Some((sp, sn)) => {
                    pi = sp + 1;
                    ni = sn + 1;
                    star = Some((sp, sn + 1));
                }
                None => return false,
            },
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_match_whole_names() {
        assert!(matches("*.jar", "guava.jar"));
        assert!(matches("guava-??.jar", "guava-31.jar"));
        assert!(matches("*", "anything"));
        assert!(matches("a*b*c", "aXXbYc"));
        assert!(!matches("*.jar", "guava.jar.sha1"));
        assert!(!matches("?.jar", "ab.jar"));
    }

    #[test]
    fn globs_expand_sorted_and_the_jvm_star_means_jars() {
        let tmp = tempfile::tempdir().unwrap();
        for name in ["b.jar", "a.jar", "notes.txt", "c.JAR"] {
            fs::write(tmp.path().join(name), b"PK").unwrap();
        }
        let names = |paths: Vec<PathBuf>| -> Vec<String> {
            paths.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect()
        };
        assert_eq!(names(expand(&tmp.path().join("*.jar")).unwrap()), ["a.jar", "b.jar"]);
        assert_eq!(names(expand(&tmp.path().join("*")).unwrap()), ["a.jar", "b.jar", "c.JAR"]);
        assert_eq!(names(expand(&tmp.path().join("a.jar")).unwrap()), ["a.jar"]);
    }

    #[test]
    fn a_missing_path_or_an_empty_glob_is_an_error_naming_it() {
        let tmp = tempfile::tempdir().unwrap();
        let missing = tmp.path().join("nope.jar");
        assert_eq!(expand(&missing).unwrap_err().kind, InputErrorKind::NotFound);
        let glob = tmp.path().join("*.jar");
        let err = expand(&glob).unwrap_err();
        assert_eq!(err.kind, InputErrorKind::NoGlobMatch);
        assert!(err.to_string().starts_with(&glob.display().to_string()), "{err}");
        let in_missing_dir = tmp.path().join("nodir").join("*.jar");
        assert_eq!(expand(&in_missing_dir).unwrap_err().kind, InputErrorKind::NoGlobMatch);
    }
}
