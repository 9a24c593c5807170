//! The JDK: where it is ([`find_jdk`]), which Java version it is ([`jdk_release`]), and reading it (`jmods/*.jmod`,
//! else the `lib/modules` jimage; `lib/ct.sym` for an older release).

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::archive::{Layout, Scanner};
use super::error::{InputError, InputErrorKind};
use super::jar::Blob;
use super::jimage::JImage;
use super::open::{push, run, Task};
use super::{ClassEntry, InputKind, OpenOptions, Opened, Origin, Role, Source};

/// Where `/usr/lib/jvm/default-java` points on Debian-like systems.
const DEFAULT_JAVA: &str = "/usr/lib/jvm/default-java";

/// The JDK to use: `explicit` (`--jdk`) as given, else `$JAVA_HOME` when set and non-empty, else
/// `/usr/lib/jvm/default-java` when it exists, else the JDK of the `java` on `PATH`; `None` otherwise. Whether it holds a usable image is checked by
/// [`Opened::add_jdk`].
pub fn find_jdk(explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(path) = explicit {
        return Some(path.to_path_buf());
    }
    if let Some(home) = std::env::var_os("JAVA_HOME").filter(|home| !home.is_empty()) {
        return Some(PathBuf::from(home));
    }
    if Path::new(DEFAULT_JAVA).exists() {
        return Some(PathBuf::from(DEFAULT_JAVA));
    }
    java_on_path()
}

/// The JDK home of the `java` found on `PATH` (`<home>/bin/java`, links followed), as a shell user would get.
fn java_on_path() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    let java = std::env::split_paths(&path).map(|dir| dir.join("java")).find(|p| p.is_file())?;
    let real = fs::canonicalize(java).ok()?;
    let home = real.parent()?.parent()?;
    (home.join("jmods").is_dir() || home.join("lib").join("modules").is_file()).then(|| home.to_path_buf())
}

/// The Java feature release of the JDK at `home`, from `JAVA_VERSION` in its `release` file (`"17.0.15"` → 17,
/// `"25"` → 25, `"21-ea"` → 21, `"1.8.0_392"` → 8); `None` when the file or the line is missing or unreadable.
pub fn jdk_release(home: &Path) -> Option<u32> {
    let text = fs::read(home.join("release")).ok()?;
    parse_java_version(&String::from_utf8_lossy(&text))
}

fn parse_java_version(release_file: &str) -> Option<u32> {
    let value = release_file.lines().find_map(|line| line.trim().strip_prefix("JAVA_VERSION="))?;
    let value = value.trim().trim_matches('"');
    let mut parts = value.split(|c: char| !c.is_ascii_digit());
    let first: u32 = parts.next()?.parse().ok()?;
    if first == 1 {
        // `1.8.0_392`: the version before JDK 9's scheme.
        return parts.next()?.parse().ok();
    }
    Some(first)
}

pub(super) fn add_jdk(opened: &mut Opened, home: &Path, opts: &OpenOptions) -> Result<(), InputError> {
    if let Some(release) = opts.release {
        match jdk_release(home) {
            Some(jdk) if release < jdk => return super::ctsym::add(opened, home, release, opts),
            Some(jdk) if release > jdk => {
                opened.warnings.push(InputError::new(home, None, InputErrorKind::ReleaseNewerThanJdk { release, jdk }))
            }
            Some(_) => {}
            None => opened.warnings.push(InputError::new(home, None, InputErrorKind::UnknownJdkVersion { release })),
        }
    }
    add_image(opened, home, opts)
}

/// The JDK as it is: `jmods/*.jmod` when present, else `lib/modules`.
fn add_image(opened: &mut Opened, home: &Path, opts: &OpenOptions) -> Result<(), InputError> {
    let mut tasks = Vec::new();
    plan_image(opened, home, Role::Jdk, &mut tasks, opts)?;
    run(opened, tasks, opts);
    Ok(())
}

/// Plans the JDK at `home` as inputs of `role` (the JDK's own, or a target: a JDK home given to analyse).
pub(super) fn plan_image(
    opened: &mut Opened,
    home: &Path,
    role: Role,
    tasks: &mut Vec<(super::InputId, Task)>,
    opts: &OpenOptions,
) -> Result<(), InputError> {
    let mut jmods: Vec<PathBuf> = fs::read_dir(home.join("jmods"))
        .map(|read| {
            read.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension() == Some("jmod".as_ref())).collect()
        })
        .unwrap_or_default();
    jmods.sort();
    if !jmods.is_empty() {
        for path in jmods {
            push(opened, tasks, path, role, InputKind::Jmod, Task::Archive(Layout::Jmod));
        }
    } else {
        let modules = home.join("lib").join("modules");
        if !modules.is_file() {
            return Err(InputError::new(home, None, InputErrorKind::NoJdkImage));
        }
        let image = open_image(&modules, opts).map_err(|kind| InputError::new(&modules, None, kind))?;
        push(opened, tasks, modules, role, InputKind::JImage, Task::Image(Arc::new(image)));
    }
    Ok(())
}

pub(super) fn open_image(path: &Path, opts: &OpenOptions) -> Result<JImage, InputErrorKind> {
    let blob = Blob::open(path).map_err(|e| InputErrorKind::Io(e.to_string()))?;
    JImage::open(blob, opts.limits)
}

/// Lists the `.class` resources of a jimage, sorted by `/module/path` (the table is in hash order).
pub(super) fn image_entries(scanner: &mut Scanner<'_>, image: &Arc<JImage>) {
    let mut locations = Vec::new();
    for location in image.locations() {
        match location {
            Ok(location) if !location.module.is_empty() && location.path.ends_with(".class") => {
                locations.push(location)
            }
            Ok(_) => {}
            Err(kind) => scanner.warn(None, kind),
        }
    }
    locations.sort_by(|a, b| (&a.module, &a.path).cmp(&(&b.module, &b.path)));
    // Images made with `jlink --compress=1` use string sharing ("compact-cp"), which we cannot undo: say so once here
    // rather than only through a read error per class.
    let compressors = locations.iter().filter_map(|location| image.compressor(location));
    if let Some(unsupported) = compressors.into_iter().find(|&name| name != "zip") {
        scanner.warn(None, InputErrorKind::UnsupportedImageCompression(unsupported.to_owned()));
    }
    for location in locations {
        let entry = format!("{}/{}", location.module, location.path);
        if let Err(kind) = scanner.opts.limits.check_entry(location.size, location.size) {
            scanner.warn(Some(entry), kind);
            continue;
        }
        let hint = location.path.strip_suffix(".class").unwrap_or(&location.path).to_owned();
        let origin = Origin { input: scanner.input, entry: Some(Arc::from(entry)) };
        let source = Source::Image { image: Arc::clone(image), resource: location };
        let entry = ClassEntry::new(&hint, origin, Arc::clone(&scanner.path), source);
        scanner.out.entries.push(entry);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_java_version() {
        let file = |line: &str| parse_java_version(&format!("IMPLEMENTOR=\"Debian\"\n{line}\nLIBC=\"gnu\"\n"));
        assert_eq!(file("JAVA_VERSION=\"17.0.15\""), Some(17));
        assert_eq!(file("JAVA_VERSION=\"25\""), Some(25));
        assert_eq!(file("JAVA_VERSION=\"21-ea\""), Some(21));
        assert_eq!(file("JAVA_VERSION=\"1.8.0_392\""), Some(8));
        assert_eq!(file("JAVA_VERSION=\"\""), None);
        assert_eq!(file("JAVA_VERSION=\"x\""), None);
        assert_eq!(file("JAVA_RUNTIME_VERSION=\"17.0.15+6\""), None, "only JAVA_VERSION counts");
        assert_eq!(parse_java_version(""), None);
    }
}
