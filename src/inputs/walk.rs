//! Directories: a recursive walk for `.class` files and wanted resources, children sorted by name so the order is the
//! same on every file system, each real directory visited once (so symlink loops end), and the jars and jmods found
//! at any depth (for a `libs/` directory of jars, a distribution's `jars/` with subfolders, a JDK's `jmods/`).

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::archive::is_wanted_resource;
use super::error::{InputError, InputErrorKind};

/// A file found in a directory; `rel` is its path relative to the walked root, `/`-separated.
#[derive(Debug)]
pub(crate) struct DirFile {
    pub(crate) path: PathBuf,
    pub(crate) rel: String,
    pub(crate) size: u64,
}

#[derive(Debug, Default)]
pub(crate) struct DirListing {
    pub(crate) classes: Vec<DirFile>,
    pub(crate) resources: Vec<DirFile>,
    /// `*.jar`, `*.zip` and `*.jmod` files at any depth: the root's first, then each subdirectory's, each level in
    /// walk order (sorted by name), so a jar directly in the directory comes before one in a subfolder.
    pub(crate) jars: Vec<PathBuf>,
}

pub(crate) fn walk(root: &Path, warnings: &mut Vec<InputError>) -> DirListing {
    let mut listing = DirListing::default();
    let mut seen = HashSet::new();
    visit(root, "", &mut seen, &mut listing, warnings);
    // Stable: the walk order holds within a level.
    listing.jars.sort_by_key(|jar| jar.strip_prefix(root).map_or(0, |rel| rel.components().count()));
    listing
}

fn visit(dir: &Path, rel: &str, seen: &mut HashSet<PathBuf>, listing: &mut DirListing, warnings: &mut Vec<InputError>) {
    // A directory reached twice (through a symlink) is walked once: this ends symlink loops.
    match fs::canonicalize(dir) {
        Ok(real) => {
            if !seen.insert(real) {
                return;
            }
        }
        Err(e) => return warnings.push(InputError::new(dir, None, InputErrorKind::Io(e.to_string()))),
    }
    let mut children: Vec<_> = match fs::read_dir(dir) {
        Ok(read) => read.filter_map(Result::ok).collect(),
        Err(e) => return warnings.push(InputError::new(dir, None, InputErrorKind::Io(e.to_string()))),
    };
    children.sort_by_key(|child| child.file_name());
    for child in children {
        let path = child.path();
        let Some(name) = child.file_name().to_str().map(str::to_owned) else {
            warnings.push(InputError::new(&path, None, InputErrorKind::Io("file name is not UTF-8".into())));
            continue;
        };
        // Follows symlinks; a dangling one is reported and skipped.
        let meta = match fs::metadata(&path) {
            Ok(meta) => meta,
            Err(e) => {
                warnings.push(InputError::new(&path, None, InputErrorKind::Io(e.to_string())));
                continue;
            }
        };
        let child_rel = if rel.is_empty() { name.clone() } else { format!("{rel}/{name}") };
        if meta.is_dir() {
            visit(&path, &child_rel, seen, listing, warnings);
        } else if name.ends_with(".class") {
            listing.classes.push(DirFile { path, rel: child_rel, size: meta.len() });
        } else if is_wanted_resource(&child_rel) {
            listing.resources.push(DirFile { path, rel: child_rel, size: meta.len() });
        } else if is_archive(&name) {
            listing.jars.push(path);
        }
    }
}

/// Jars, zips and jmods, by extension in any case (`LIB.JAR`).
fn is_archive(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".jar") || lower.ends_with(".zip") || lower.ends_with(".jmod")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_sorted_and_survives_symlink_loops() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        fs::create_dir_all(root.join("b/c")).unwrap();
        fs::create_dir_all(root.join("a")).unwrap();
        fs::create_dir_all(root.join("META-INF/archrules")).unwrap();
        fs::write(root.join("b/c/Z.class"), b"x").unwrap();
        fs::write(root.join("a/Y.class"), b"x").unwrap();
        fs::write(root.join("Top.class"), b"x").unwrap();
        fs::write(root.join("META-INF/archrules/r.arch"), b"rule").unwrap();
        fs::write(root.join("dep.jar"), b"PK").unwrap();
        fs::write(root.join("a/nested.jar"), b"PK").unwrap();
        fs::write(root.join("b/c/java.base.jmod"), b"JM").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(root, root.join("b/loop")).unwrap();
        let mut warnings = Vec::new();
        let listing = walk(root, &mut warnings);
        let rels: Vec<_> = listing.classes.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(rels, ["Top.class", "a/Y.class", "b/c/Z.class"]);
        assert_eq!(listing.resources.len(), 1);
        // Every depth, the root's first: `connect-repl/*.jar` in a distribution's `jars/` is no longer skipped.
        assert_eq!(listing.jars, [root.join("dep.jar"), root.join("a/nested.jar"), root.join("b/c/java.base.jmod")]);
        assert!(warnings.is_empty(), "{warnings:?}");
    }
}
