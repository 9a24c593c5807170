//! A JDK's `lib/ct.sym` (JDK 9 and later): the public API of older releases, what `javac --release N` compiles
//! against. It is a zip whose top-level directories ("sections") are named by the releases they apply to, one base-36
//! digit per release (`7`..`9`, then `A` = 10, `B` = 11, ...): `9A` holds what releases 9 and 10 share, `BCDEF` what
//! 11 to 15 share. Names with a `-` are not release sections (javac skips them). Under a section,
//! `<module>/<package path>/<Class>.sig` entries are class files (no method bodies) and, from release 9 on,
//! `<module>/module-info.sig` and a `system-modules` list may appear. Release N's classes are the `.sig` entries of
//! every section whose name holds N's digit, as in javac's `JDKPlatformProvider`.

use std::path::Path;
use std::sync::Arc;

use super::archive::{is_safe_name, Partial, Scanner};
use super::error::{InputError, InputErrorKind};
use super::jar::{self, Blob};
use super::limits::Budget;
use super::{ClassEntry, Input, InputId, InputKind, OpenOptions, Opened, Origin, Role, Source};

const SIG: &str = ".sig";

/// The releases a section name stands for, as a bit set (bit N = release N), or `None` when a character is not a
/// base-36 digit. Callers skip names containing `-` before asking.
pub(crate) fn section_releases(name: &str) -> Option<u64> {
    if name.is_empty() {
        return None;
    }
    name.chars().try_fold(0u64, |set, c| c.to_digit(36).map(|release| set | 1 << release))
}

/// The releases in a bit set, oldest first.
fn releases(set: u64) -> impl Iterator<Item = u32> {
    (0..u64::BITS).filter(move |&release| set & (1 << release) != 0)
}

/// The class path of a section's entry: `java.base/java/lang/Object.sig` → `java/lang/Object` (module dropped, as
/// for a jimage), `None` for anything but a `.sig` file inside a module directory (`system-modules`).
fn class_name(rest: &str) -> Option<&str> {
    let (_module, path) = rest.split_once('/')?;
    path.strip_suffix(SIG).filter(|name| !name.is_empty() && !name.ends_with('/'))
}

/// Adds release `release`'s view of the JDK at `home` from its `lib/ct.sym` as one input (role JDK). Fails, adding
/// nothing, when there is no ct.sym, it cannot be listed, or it does not hold `release`; bad entries become warnings.
pub(super) fn add(opened: &mut Opened, home: &Path, release: u32, opts: &OpenOptions) -> Result<(), InputError> {
    let path = home.join("lib").join("ct.sym");
    if !path.is_file() {
        return Err(InputError::new(home, None, InputErrorKind::NoCtSym { release }));
    }
    let fail = |kind| InputError::new(&path, None, kind);
    let blob = Blob::open(&path).map_err(|e| fail(InputErrorKind::Io(e.to_string())))?;
    let input = InputId(u32::try_from(opened.inputs.len()).unwrap_or(u32::MAX));
    let mut scanner = Scanner { input, path: Arc::from(path.as_path()), opts, out: Partial::default() };
    let available = scan(&mut scanner, &blob, release).map_err(fail)?;
    if available & 1u64.checked_shl(release).unwrap_or(0) == 0 {
        let oldest = releases(available).next();
        let newest = releases(available).last();
        let kind = match (oldest, newest) {
            (Some(oldest), Some(newest)) => InputErrorKind::ReleaseNotInCtSym { release, oldest, newest },
            _ => InputErrorKind::NoReleasesInCtSym,
        };
        return Err(fail(kind));
    }
    opened.inputs.push(Input { path, role: Role::Jdk, kind: InputKind::CtSym });
    let Partial { entries, resources: _, warnings } = scanner.out;
    opened.entries.extend(entries);
    opened.warnings.extend(warnings);
    Ok(())
}

/// Lists `release`'s classes into the scanner and returns every release the sections name.
fn scan(scanner: &mut Scanner<'_>, blob: &Blob, release: u32) -> Result<u64, InputErrorKind> {
    let listed = jar::list(blob)?;
    let wanted = 1u64.checked_shl(release).unwrap_or(0);
    let mut available = 0u64;
    let mut budget = Budget::new(&scanner.opts.limits);
    // Entries come grouped by section: decode each section name once.
    let mut last: Option<(&str, Option<u64>)> = None;
    let mut bad: Vec<String> = Vec::new();
    for item in &listed {
        let raw = match item {
            Ok(raw) => raw,
            Err((name, kind)) => {
                scanner.warn(Some(name.to_string()), kind.clone());
                continue;
            }
        };
        let Some((section, rest)) = raw.name.split_once('/') else {
            continue; // a file at the top level: not part of any release
        };
        if section.contains('-') {
            continue;
        }
        let set = match last {
            Some((name, set)) if name == section => set,
            _ => {
                let set = section_releases(section);
                last = Some((section, set));
                set
            }
        };
        let Some(set) = set else {
            if !bad.iter().any(|b| b == section) {
                bad.push(section.to_owned());
                scanner.warn(Some(format!("{section}/")), InputErrorKind::BadCtSymSection(section.to_owned()));
            }
            continue;
        };
        available |= set;
        if raw.is_dir || set & wanted == 0 {
            continue;
        }
        let Some(hint) = class_name(rest) else {
            continue;
        };
        let entry = || Some(raw.name.to_string());
        if !is_safe_name(&raw.name) {
            scanner.warn(entry(), InputErrorKind::UnsafeName);
            continue;
        }
        if raw.encrypted {
            scanner.warn(entry(), InputErrorKind::Encrypted);
            continue;
        }
        if let Err(kind) = scanner.opts.limits.check_entry(raw.slice.compressed, raw.slice.size) {
            scanner.warn(entry(), kind);
            continue;
        }
        if let Err(kind) = budget.take(raw.slice.size) {
            scanner.warn(entry(), kind);
            break;
        }
        let origin = Origin { input: scanner.input, entry: Some(Arc::from(&*raw.name)) };
        let source = Source::Zip { blob: blob.clone(), slice: raw.slice.clone() };
        let class = ClassEntry::new(hint, origin, Arc::clone(&scanner.path), source);
        scanner.out.entries.push(class);
    }
    Ok(available)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(name: &str) -> Option<Vec<u32>> {
        section_releases(name).map(|set| releases(set).collect())
    }

    #[test]
    fn decodes_section_names() {
        assert_eq!(decode("9"), Some(vec![9]));
        assert_eq!(decode("9A"), Some(vec![9, 10]));
        assert_eq!(decode("9ABCDEFGHI"), Some((9..=18).collect()));
        assert_eq!(decode("BCDEF"), Some(vec![11, 12, 13, 14, 15]));
        // JDK 17's ct.sym has `87`: order does not matter.
        assert_eq!(decode("87"), Some(vec![7, 8]));
        assert_eq!(decode("P"), Some(vec![25]));
        assert_eq!(decode("Z"), Some(vec![35]));
        assert_eq!(decode("bcd"), Some(vec![11, 12, 13]), "base-36 digits in either case, as Integer.parseInt");
        assert_eq!(decode(""), None);
        assert_eq!(decode("9+A"), None);
        assert_eq!(decode("META-INF"), None);
        assert_eq!(decode("é"), None);
    }

    #[test]
    fn maps_entries_to_class_names() {
        assert_eq!(class_name("java.base/java/lang/Object.sig"), Some("java/lang/Object"));
        assert_eq!(class_name("java.base/java/lang/Thread$State.sig"), Some("java/lang/Thread$State"));
        assert_eq!(class_name("java.base/module-info.sig"), Some("module-info"));
        assert_eq!(class_name("system-modules"), None);
        assert_eq!(class_name("java.base/java/lang/Object.class"), None);
        assert_eq!(class_name("java.base/.sig"), None);
        assert_eq!(class_name("java.base/java/lang/"), None);
    }
}
