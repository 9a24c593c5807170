//! Standalone packs: `.arch` files, directories of them, and rule jars (`foo-1.0-arch-rules.jar`) whose
//! `META-INF/archrules/*.arch` entries are packs. Paths come from `--rules` and `rules = [...]` in the config.

use super::{PackError, PackOrigin, PackSource};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Where packs live inside a jar.
pub const JAR_PACK_DIR: &str = "META-INF/archrules/";

/// Largest `.arch` file read from a jar: a pack is text a person wrote; anything bigger is not one.
const MAX_PACK_BYTES: u64 = 4 << 20;

/// The pack sources a `--rules` path contributes: the file itself, every `*.arch` and `*.jar` directly in a
/// directory (sorted by name), or every `META-INF/archrules/*.arch` in a jar.
pub fn sources(path: &Path) -> Result<Vec<PackSource>, PackError> {
    let meta = std::fs::metadata(path).map_err(|e| PackError::io(path, &e))?;
    if meta.is_dir() {
        let mut found = Vec::new();
        for file in sorted_dir(path)? {
            match extension(&file) {
                Some("arch") => found.push(arch_file(&file)?),
                Some("jar") => found.extend(jar_sources(&file)?),
                _ => {}
            }
        }
        if found.is_empty() {
            return Err(PackError::NoPacks { path: path.to_owned() });
        }
        Ok(found)
    } else if extension(path) == Some("jar") || extension(path) == Some("zip") {
        let found = jar_sources(path)?;
        if found.is_empty() {
            return Err(PackError::NoPacks { path: path.to_owned() });
        }
        Ok(found)
    } else {
        Ok(vec![arch_file(path)?])
    }
}

fn extension(path: &Path) -> Option<&str> {
    path.extension().and_then(|e| e.to_str())
}

fn sorted_dir(dir: &Path) -> Result<Vec<PathBuf>, PackError> {
    let entries = std::fs::read_dir(dir).map_err(|e| PackError::io(dir, &e))?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| PackError::io(dir, &e))?;
        if entry.file_type().is_ok_and(|t| t.is_file()) {
            files.push(entry.path());
        }
    }
    files.sort();
    Ok(files)
}

fn arch_file(path: &Path) -> Result<PackSource, PackError> {
    let text = std::fs::read_to_string(path).map_err(|e| PackError::io(path, &e))?;
    Ok(PackSource { name: path.display().to_string(), text, origin: PackOrigin::File(path.to_owned()) })
}

/// Every `META-INF/archrules/*.arch` in a jar, in entry-name order.
pub fn jar_sources(jar: &Path) -> Result<Vec<PackSource>, PackError> {
    let bad = |message: String| PackError::BadJar { path: jar.to_owned(), message };
    let file = std::fs::File::open(jar).map_err(|e| PackError::io(jar, &e))?;
    let mut archive = zip::ZipArchive::new(file).map_err(|e| bad(e.to_string()))?;
    let mut names: Vec<String> = archive.file_names().filter(|n| is_pack_entry(n)).map(str::to_owned).collect();
    names.sort();
    let mut found = Vec::with_capacity(names.len());
    for entry in names {
        let zipped = archive.by_name(&entry).map_err(|e| bad(format!("{entry}: {e}")))?;
        if zipped.size() > MAX_PACK_BYTES {
            return Err(bad(format!("{entry} is {} bytes; a rule pack is at most {MAX_PACK_BYTES}", zipped.size())));
        }
        let mut text = String::new();
        zipped.take(MAX_PACK_BYTES).read_to_string(&mut text).map_err(|e| bad(format!("{entry}: {e}")))?;
        let origin = PackOrigin::RuleJar { jar: jar.to_owned(), entry: entry.clone() };
        found.push(PackSource { name: origin.to_string(), text, origin });
    }
    Ok(found)
}

/// `META-INF/archrules/x.arch` (directly in that folder).
pub fn is_pack_entry(name: &str) -> bool {
    name.strip_prefix(JAR_PACK_DIR).is_some_and(|rest| !rest.contains('/') && rest.ends_with(".arch") && rest.len() > 5)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    pub(crate) fn write_jar(path: &Path, entries: &[(&str, &str)]) {
        let file = std::fs::File::create(path).unwrap();
        let mut zip = zip::ZipWriter::new(file);
        for (name, text) in entries {
            zip.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
    }

    #[test]
    fn pack_entries_are_arch_files_directly_in_meta_inf_archrules() {
        assert!(is_pack_entry("META-INF/archrules/foo.arch"));
        assert!(!is_pack_entry("META-INF/archrules/sub/foo.arch"));
        assert!(!is_pack_entry("META-INF/archrules/.arch"));
        assert!(!is_pack_entry("META-INF/archrules/foo.txt"));
        assert!(!is_pack_entry("archrules/foo.arch"));
    }

    #[test]
    fn a_rule_jar_contributes_every_pack_in_name_order() {
        let dir = tempfile::tempdir().unwrap();
        let jar = dir.path().join("foo-1.0-arch-rules.jar");
        write_jar(
            &jar,
            &[
                ("META-INF/archrules/b.arch", "pack \"b\" {}"),
                ("com/acme/X.class", "not a pack"),
                ("META-INF/archrules/a.arch", "pack \"a\" {}"),
            ],
        );
        let found = sources(&jar).unwrap();
        let names: Vec<_> = found.iter().map(|s| s.origin.to_string()).collect();
        assert_eq!(
            names,
            vec![
                format!("{}!/META-INF/archrules/a.arch", jar.display()),
                format!("{}!/META-INF/archrules/b.arch", jar.display())
            ]
        );
        assert_eq!(found[0].text, "pack \"a\" {}");
    }

    #[test]
    fn a_directory_contributes_its_arch_files_and_rule_jars() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("z.arch"), "pack \"z\" {}").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "ignored").unwrap();
        write_jar(&dir.path().join("r.jar"), &[("META-INF/archrules/r.arch", "pack \"r\" {}")]);
        let texts: Vec<_> = sources(dir.path()).unwrap().into_iter().map(|s| s.text).collect();
        assert_eq!(texts, vec!["pack \"r\" {}", "pack \"z\" {}"]);
    }

    #[test]
    fn empty_jars_missing_files_and_garbage_are_errors_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty.jar");
        write_jar(&empty, &[("a/B.class", "x")]);
        assert!(matches!(sources(&empty), Err(PackError::NoPacks { path }) if path == empty));
        let garbage = dir.path().join("garbage.jar");
        std::fs::write(&garbage, b"not a zip").unwrap();
        let err = sources(&garbage).unwrap_err().to_string();
        assert!(err.contains("garbage.jar is not a readable jar"), "{err}");
        let missing = dir.path().join("missing.arch");
        assert!(sources(&missing).unwrap_err().to_string().contains("missing.arch"));
    }
}
