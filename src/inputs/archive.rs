//! Scans one archive (jar, war, fat jar, jmod) into class entries and resources: decides what each entry is, applies
//! the multi-release view, strips fat-jar prefixes, and recurses into nested jars (inflated in memory, never to disk).

use std::path::Path;
use std::sync::Arc;

use super::error::{InputError, InputErrorKind};
use super::jar::{self, Blob, Listed, RawEntry};
use super::jmod::CLASSES;
use super::limits::Budget;
use super::multirelease::{is_multi_release, select, versioned};
use super::{ClassEntry, InputId, OpenOptions, Origin, Resource, Source};

/// Class directories of fat jars (Spring Boot) and wars; stripped from class and resource paths.
const CLASS_PREFIXES: [&str; 2] = ["BOOT-INF/classes/", "WEB-INF/classes/"];
const MANIFEST: &str = "META-INF/MANIFEST.MF";

/// What one input produced; merged into [`super::Opened`] in input order.
#[derive(Default)]
pub(crate) struct Partial {
    pub(crate) entries: Vec<ClassEntry>,
    pub(crate) resources: Vec<Resource>,
    pub(crate) warnings: Vec<InputError>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    Jar,
    Jmod,
}

/// What an entry is to us.
#[derive(Debug, PartialEq, Eq)]
enum Kind<'n> {
    /// A class at `path` (prefixes stripped) for release `version` (0 = base).
    Class {
        version: u32,
        path: &'n str,
    },
    Resource(&'n str),
    Nested,
    Ignored,
}

/// Scans the archives of one input and collects what they hold.
pub(crate) struct Scanner<'a> {
    pub(crate) input: InputId,
    pub(crate) path: Arc<Path>,
    pub(crate) opts: &'a OpenOptions,
    pub(crate) out: Partial,
}

impl Scanner<'_> {
    pub(crate) fn warn(&mut self, entry: Option<String>, kind: InputErrorKind) {
        self.out.warnings.push(InputError::new(&*self.path, entry, kind));
    }

    fn origin(&self, entry: Arc<str>) -> Origin {
        Origin { input: self.input, entry: Some(entry) }
    }

    /// Scans `blob`, whose entries are named `<chain><name>` (`chain` is empty for the input itself, else ends in `!/`).
    pub(crate) fn archive(&mut self, blob: &Blob, layout: Layout, chain: &str, depth: u8, budget: &mut Budget) {
        let listed = match jar::list(blob) {
            Ok(listed) => listed,
            Err(kind) => {
                let entry = chain.strip_suffix("!/").map(str::to_owned);
                return self.warn(entry, kind);
            }
        };
        let multi = layout == Layout::Jar && self.multi_release(blob, &listed);
        let mut classes = Vec::new();
        self.out.entries.reserve(listed.len());
        let mut nested = Vec::new();
        for item in &listed {
            let raw = match item {
                Ok(raw) => raw,
                Err((name, kind)) => {
                    self.warn(Some(format!("{chain}{name}")), kind.clone());
                    continue;
                }
            };
            if raw.is_dir {
                continue;
            }
            if !is_safe_name(&raw.name) {
                self.warn(Some(format!("{chain}{}", raw.name)), InputErrorKind::UnsafeName);
                continue;
            }
            let kind = classify(&raw.name, layout, multi);
            if kind == Kind::Ignored {
                continue;
            }
            // One allocation per entry at the top level: this loop runs for every class of every jar.
            let entry: Arc<str> =
                if chain.is_empty() { Arc::from(&*raw.name) } else { Arc::from(format!("{chain}{}", raw.name)) };
            if raw.encrypted {
                self.warn(Some(entry.to_string()), InputErrorKind::Encrypted);
                continue;
            }
            if let Err(kind) = self.opts.limits.check_entry(raw.slice.compressed, raw.slice.size) {
                self.warn(Some(entry.to_string()), kind);
                continue;
            }
            if let Err(kind) = budget.take(raw.slice.size) {
                self.warn(Some(entry.to_string()), kind);
                break;
            }
            match kind {
                Kind::Class { version, path } => {
                    let hint = path.strip_suffix(".class").unwrap_or(path);
                    if multi {
                        classes.push((version, path, (hint.len(), entry, raw.slice.clone())));
                    } else {
                        // Straight into the output: most jars are not multi-release, and their entries are most of
                        // what is listed.
                        self.push_class(blob, hint.len(), entry, raw.slice.clone());
                    }
                }
                Kind::Resource(path) => match jar::read_entry(blob, &raw.slice) {
                    Ok(bytes) => {
                        let resource =
                            Resource { origin: self.origin(entry), path: path.to_owned(), bytes: bytes.into_owned() };
                        self.out.resources.push(resource);
                    }
                    Err(kind) => self.warn(Some(entry.to_string()), kind),
                },
                Kind::Nested => nested.push((entry, raw)),
                Kind::Ignored => {}
            }
        }
        // Only multi-release jars need the per-name selection (and its hash map).
        if multi {
            for (hint_len, entry, slice) in select(classes, self.opts.release) {
                self.push_class(blob, hint_len, entry, slice);
            }
        }
        for (entry, raw) in nested {
            self.nested(blob, &entry, raw, depth, budget);
        }
    }

    /// A class entry named `entry`, whose name hint is its last `hint_len` bytes before `.class`.
    fn push_class(&mut self, blob: &Blob, hint_len: usize, entry: Arc<str>, slice: jar::ZipSlice) {
        let source = Source::Zip { blob: blob.clone(), slice };
        let origin = self.origin(Arc::clone(&entry));
        let stem = entry.strip_suffix(".class").unwrap_or(&entry);
        let hint = stem.get(stem.len().saturating_sub(hint_len)..).unwrap_or(stem);
        self.out.entries.push(ClassEntry::new(hint, origin, Arc::clone(&self.path), source));
    }

    /// Inflates a nested jar into memory and scans it, one level deeper.
    fn nested(&mut self, blob: &Blob, entry: &str, raw: &RawEntry<'_>, depth: u8, budget: &mut Budget) {
        let depth = depth.saturating_add(1);
        if depth > self.opts.limits.max_nesting {
            return self.warn(Some(entry.to_owned()), InputErrorKind::TooDeep(self.opts.limits.max_nesting));
        }
        match jar::read_entry(blob, &raw.slice) {
            Ok(bytes) => {
                let inner = Blob::from_vec(bytes.into_owned());
                self.archive(&inner, Layout::Jar, &format!("{entry}!/"), depth, budget);
            }
            Err(kind) => self.warn(Some(entry.to_owned()), kind),
        }
    }

    /// Reads the manifest only when the jar has versioned entries at all.
    fn multi_release(&mut self, blob: &Blob, listed: &[Listed]) -> bool {
        let entries = || listed.iter().filter_map(|item| item.as_ref().ok());
        if !entries().any(|raw| raw.name.starts_with("META-INF/versions/")) {
            return false;
        }
        let Some(manifest) = entries().find(|raw| raw.name == MANIFEST) else {
            return false;
        };
        if manifest.encrypted || self.opts.limits.check_entry(manifest.slice.compressed, manifest.slice.size).is_err() {
            return false;
        }
        jar::read_entry(blob, &manifest.slice).is_ok_and(|bytes| is_multi_release(&bytes))
    }
}

/// Rejects absolute names, drive letters and `..` components: never a valid class or resource path, and a classic
/// path-traversal attack on tools that extract.
pub(crate) fn is_safe_name(name: &str) -> bool {
    let b = name.as_bytes();
    let absolute = matches!(b.first(), Some(b'/' | b'\\')) || b.get(1) == Some(&b':');
    // This runs for every entry of every archive: a vectorised scan for dots first (a class entry has one, in
    // `.class`), the exact test only for the rare name with two in a row.
    if absolute || !memchr::memchr_iter(b'.', b).any(|i| b.get(i + 1) == Some(&b'.')) {
        return !absolute;
    }
    let separator = |i: usize| i == 0 || matches!(b.get(i - 1), Some(b'/' | b'\\'));
    let dot_dot_part = (0..b.len().saturating_sub(1))
        .any(|i| b.get(i..i + 2) == Some(b"..") && separator(i) && matches!(b.get(i + 2), None | Some(b'/' | b'\\')));
    !dot_dot_part
}

fn classify(name: &str, layout: Layout, multi: bool) -> Kind<'_> {
    if layout == Layout::Jmod {
        return match name.strip_prefix(CLASSES) {
            Some(path) if path.ends_with(".class") => Kind::Class { version: 0, path },
            _ => Kind::Ignored,
        };
    }
    let (version, path) = match versioned(name) {
        Some(_) if !multi => return Kind::Ignored,
        Some(versioned) => versioned,
        None if name.starts_with("META-INF/versions/") => return Kind::Ignored,
        None => (0, name),
    };
    let path = CLASS_PREFIXES.iter().find_map(|prefix| path.strip_prefix(prefix)).unwrap_or(path);
    if path.ends_with(".class") {
        Kind::Class { version, path }
    } else if version == 0 && has_suffix_ignore_case(name, ".jar") {
        Kind::Nested
    } else if version == 0 && is_wanted_resource(path) {
        Kind::Resource(path)
    } else {
        Kind::Ignored
    }
}

/// `META-INF/archrules/*.arch`, `META-INF/maven/**/pom.properties` and `META-INF/MANIFEST.MF` (the last two say
/// which artifact a jar is, for the fleet record).
pub(crate) fn is_wanted_resource(path: &str) -> bool {
    if path == "META-INF/MANIFEST.MF" {
        return true;
    }
    if let Some(file) = path.strip_prefix("META-INF/archrules/") {
        return file.ends_with(".arch") && !file.contains('/');
    }
    path.starts_with("META-INF/maven/") && path.ends_with("/pom.properties")
}

fn has_suffix_ignore_case(name: &str, suffix: &str) -> bool {
    name.len() >= suffix.len()
        && name.get(name.len() - suffix.len()..).is_some_and(|tail| tail.eq_ignore_ascii_case(suffix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_entries() {
        use Kind::*;
        assert_eq!(classify("a/B.class", Layout::Jar, false), Class { version: 0, path: "a/B.class" });
        assert_eq!(classify("BOOT-INF/classes/a/B.class", Layout::Jar, false), Class { version: 0, path: "a/B.class" });
        assert_eq!(classify("WEB-INF/classes/a/B.class", Layout::Jar, false), Class { version: 0, path: "a/B.class" });
        assert_eq!(
            classify("META-INF/versions/11/a/B.class", Layout::Jar, true),
            Class { version: 11, path: "a/B.class" }
        );
        assert_eq!(classify("META-INF/versions/11/a/B.class", Layout::Jar, false), Ignored);
        assert_eq!(classify("BOOT-INF/lib/dep.JAR", Layout::Jar, false), Nested);
        assert_eq!(classify("META-INF/archrules/x.arch", Layout::Jar, false), Resource("META-INF/archrules/x.arch"));
        assert_eq!(
            classify("BOOT-INF/classes/META-INF/maven/g/a/pom.properties", Layout::Jar, false),
            Resource("META-INF/maven/g/a/pom.properties")
        );
        assert_eq!(classify("META-INF/archrules/sub/x.arch", Layout::Jar, false), Ignored);
        assert_eq!(
            classify("classes/java/lang/Object.class", Layout::Jmod, false),
            Class { version: 0, path: "java/lang/Object.class" }
        );
        assert_eq!(classify("lib/libjava.so", Layout::Jmod, false), Ignored);
    }

    #[test]
    fn rejects_unsafe_names() {
        assert!(is_safe_name("a/B.class"));
        assert!(is_safe_name("a/..b/C.class"));
        assert!(!is_safe_name("../B.class"));
        assert!(!is_safe_name("a/../../B.class"));
        assert!(!is_safe_name("/etc/B.class"));
        assert!(!is_safe_name("C:/B.class"));
        assert!(!is_safe_name("a\\..\\B.class"));
        assert!(!is_safe_name(".."));
        assert!(!is_safe_name("a/.."));
        assert!(is_safe_name("a/b../c..d/...class"));
    }
}
