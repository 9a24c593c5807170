//! Finds the source file of a violation under `--source-roots`, for SARIF and GitHub annotations. A class
//! `com.acme.Foo$1` with `SourceFile` `Foo.java` is looked up as `<root>/com/acme/Foo.java` in each root in order.
//! Kotlin does not tie directories to packages, so a `.kt` file not found there is looked up by name anywhere under
//! the roots (the candidate sharing the most trailing package directories wins; ties go to the first path in sorted
//! order, so the choice is stable).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Directories deeper than this are not searched (and symlinks are never followed), so a looping tree cannot hang.
const MAX_DEPTH: usize = 40;

pub(crate) struct SourceLocator<'a> {
    roots: &'a [PathBuf],
    /// `.kt` files under the roots by file name, built on the first Kotlin miss.
    kotlin_files: Option<HashMap<String, Vec<PathBuf>>>,
    cache: HashMap<(String, String), Option<PathBuf>>,
}

impl<'a> SourceLocator<'a> {
    pub fn new(roots: &'a [PathBuf]) -> Self {
        SourceLocator { roots, kotlin_files: None, cache: HashMap::new() }
    }

    /// The source file of `class` (binary name), given its `SourceFile` attribute or ArchUnit's guess.
    pub fn find(&mut self, class: &str, source_file: &str) -> Option<PathBuf> {
        if self.roots.is_empty() {
            return None; // no --source-root: nothing to look up (and nothing to cache, per row of a large report)
        }
        let package = class.rsplit_once('.').map_or("", |(p, _)| p);
        let key = (package.to_owned(), source_file.to_owned());
        if let Some(hit) = self.cache.get(&key) {
            return hit.clone();
        }
        let hit = self.lookup(package, source_file);
        self.cache.insert(key, hit.clone());
        hit
    }

    fn lookup(&mut self, package: &str, source_file: &str) -> Option<PathBuf> {
        // A SourceFile attribute is a bare name; anything with a separator is not trusted as a path.
        if source_file.is_empty() || source_file.contains(['/', '\\']) || source_file == ".." {
            return None;
        }
        let mut relative: PathBuf = package.split('.').filter(|s| !s.is_empty()).collect();
        relative.push(source_file);
        if let Some(found) = self.roots.iter().map(|r| r.join(&relative)).find(|p| p.is_file()) {
            return Some(found);
        }
        if !source_file.ends_with(".kt") {
            return None;
        }
        let roots = self.roots;
        let index = self.kotlin_files.get_or_insert_with(|| index_kotlin(roots));
        let candidates = index.get(source_file)?;
        let package_dirs: Vec<&str> = package.split('.').collect();
        candidates.iter().max_by_key(|p| (shared_suffix(p, &package_dirs), std::cmp::Reverse(*p))).cloned()
    }
}

/// How many of the package's trailing directories the candidate's parent directories end with.
fn shared_suffix(path: &Path, package_dirs: &[&str]) -> usize {
    let dirs: Vec<_> = path.parent().map(|p| p.iter().collect()).unwrap_or_default();
    dirs.iter().rev().zip(package_dirs.iter().rev()).take_while(|(d, p)| d.to_str() == Some(**p)).count()
}

fn index_kotlin(roots: &[PathBuf]) -> HashMap<String, Vec<PathBuf>> {
    let mut index: HashMap<String, Vec<PathBuf>> = HashMap::new();
    let mut stack: Vec<(PathBuf, usize)> = roots.iter().map(|r| (r.clone(), 0)).collect();
    while let Some((dir, depth)) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else { continue };
            let name = entry.file_name().to_string_lossy().into_owned();
            if kind.is_dir() && depth < MAX_DEPTH && !name.starts_with('.') {
                stack.push((entry.path(), depth + 1));
            } else if kind.is_file() && name.ends_with(".kt") {
                index.entry(name).or_default().push(entry.path());
            }
        }
    }
    for paths in index.values_mut() {
        paths.sort();
    }
    index
}

/// A path as a SARIF/annotation URI reference: `/` separators, relative paths kept relative, absolute ones as
/// `file://` URIs, and the few characters that would break a URI percent-encoded.
pub(crate) fn to_uri(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            ' ' => out.push_str("%20"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            _ => out.push(c),
        }
    }
    if path.is_absolute() {
        format!("file://{}{out}", if out.starts_with('/') { "" } else { "/" })
    } else {
        out
    }
}

/// The `.class` path of a class inside its input: `com/acme/Foo$1.class`.
pub(crate) fn class_file_path(class: &str) -> String {
    format!("{}.class", class.replace('.', "/"))
}

/// ArchUnit's guess when a class has no `SourceFile` attribute: `<outermost simple name>.java`.
pub(crate) fn guessed_source_file(class: &str) -> String {
    let simple = class.rsplit('.').next().unwrap_or(class);
    let outer = simple.split('$').next().unwrap_or(simple);
    format!("{outer}.java")
}
