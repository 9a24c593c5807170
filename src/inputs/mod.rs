//! Turns paths into class-file entries: directories, `.class` files, jars (fat, nested, multi-release), jmods,
//! directories of jars, and the JDK (`jmods/` or `lib/modules`). Listing is cheap (central directories only);
//! bytes are read/inflated on demand by [`ClassEntry::read`], so callers decide what to inflate and can do it in
//! parallel.
//!
//! CONTRACT:
//! - [`Opened::add`] never fails as a whole: each unreadable input or entry becomes an [`InputWarning`] naming the
//!   file (and entry), and the rest goes on. Nothing here panics on bad input.
//! - [`Opened::entries`] are in path order, then archive order (central directory; directories sorted by name);
//!   a fat jar's own classes come before its nested jars'. Which duplicate wins is decided by the caller.
//!   [`Opened::warnings`] follow the same order.
//! - [`Opened::resources`] carries the small non-class entries later stages need: `META-INF/archrules/*.arch`
//!   and `META-INF/maven/**/pom.properties`, and `META-INF/MANIFEST.MF` (paths with `BOOT-INF/classes/`/
//!   `WEB-INF/classes/` stripped).
//! - [`Opened::add_jdk`] reads `home/jmods/*.jmod` when present, else `home/lib/modules` (jimage); given a release
//!   older than the JDK's own, `home/lib/ct.sym` for that release instead (what `javac --release N` compiles against).
//!
//! How a path is classified: a directory that contains a `.class` file (or a wanted resource) anywhere below it is a
//! class directory (walked recursively, sorted, symlink loops skipped); a JDK home (`jmods/` or `lib/modules`) is read
//! as the JDK image; otherwise, if it holds `*.jar`/`*.zip`/`*.jmod` files at any depth, it is a jar directory (each
//! becomes its own [`Input`]: the directory's own first, then its subfolders', sorted by name). A file is a class file, jmod or jar by
//! extension (`.class`, `.jmod`, `.jar/.zip/.war/.ear`), else by its first bytes.

mod archive;
mod ctsym;
mod error;
mod inflate;
mod jar;
mod jdk;
mod jimage;
mod jmod;
mod limits;
mod multirelease;
mod open;
mod paths;
mod walk;

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use error::{InputError, InputErrorKind, InputWarning};
pub use jdk::{find_jdk, jdk_release};
pub use jimage::JdkImage;
pub use limits::Limits;
pub use paths::{expand, expand_all, is_jdk_home, SUPPORTED_RELEASES};

/// Why an input is read: analysed, or only used to resolve references.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Target,
    Classpath,
    Jdk,
}

/// Index into [`Opened::inputs`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct InputId(pub u32);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// A directory of `.class` files, walked recursively.
    Directory,
    ClassFile,
    /// A jar/zip/war, possibly fat (nested jars) or multi-release.
    Jar,
    Jmod,
    /// A directory of jars; each jar is listed as its own [`Input`] right after this one.
    JarDirectory,
    /// A JDK's `lib/modules`.
    JImage,
    /// A JDK's `lib/ct.sym`, read for one release older than the JDK (`--release N`).
    CtSym,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub path: PathBuf,
    pub role: Role,
    pub kind: InputKind,
}

/// Where an entry came from: an input, and the entry inside it (`None` for a single `.class` file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub input: InputId,
    /// The path inside the input: relative path in a directory, entry name in an archive, `module/path` in a jimage;
    /// nested jars are joined by `!/` (`BOOT-INF/lib/dep.jar!/a/B.class`).
    pub entry: Option<Arc<str>>,
}

impl Origin {
    /// True for entries of a jar nested in another (a fat jar's `BOOT-INF/lib/*.jar`, a war's `WEB-INF/lib/*.jar`):
    /// libraries shipped with the application rather than the application itself.
    pub fn is_nested(&self) -> bool {
        // A vectorised scan for '!' (almost never there), where a substring search paid its set-up on every entry.
        self.entry.as_deref().is_some_and(|entry| {
            memchr::memchr_iter(b'!', entry.as_bytes()).any(|i| entry.as_bytes().get(i + 1) == Some(&b'/'))
        })
    }

    /// `dir/a/B.class` for directories, `app.jar!/BOOT-INF/lib/dep.jar!/a/B.class` for archives (the `jar:` URL
    /// convention), the bare path for a single class file.
    pub fn display(&self, inputs: &[Input]) -> String {
        let input = usize::try_from(self.input.0).ok().and_then(|i| inputs.get(i));
        let Some(input) = input else {
            return format!("<input #{}>", self.input.0);
        };
        match (&self.entry, input.kind) {
            (None, _) => input.path.display().to_string(),
            (Some(entry), InputKind::Directory) => input.path.join(&**entry).display().to_string(),
            (Some(entry), _) => format!("{}!/{entry}", input.path.display()),
        }
    }
}

/// One class file found in the inputs; its bytes are read on demand.
#[derive(Clone)]
pub struct ClassEntry {
    hint: Hint,
    pub origin: Origin,
    /// The file on disk, for error messages.
    path: Arc<Path>,
    source: Source,
}

/// Where the name hint is kept: nearly always the entry name minus `.class` (a large classpath lists 160k entries,
/// and a string of its own for each was an allocation and a free apiece), else a string of its own.
#[derive(Clone)]
enum Hint {
    /// `len` bytes of `origin.entry`, from byte `start`.
    InEntry {
        start: u32,
        len: u32,
    },
    Own(Arc<str>),
}

#[derive(Clone)]
enum Source {
    File(PathBuf),
    Zip { blob: jar::Blob, slice: jar::ZipSlice },
    Image { image: Arc<jimage::JImage>, resource: jimage::Location },
}

impl ClassEntry {
    fn new(name_hint: &str, origin: Origin, path: Arc<Path>, source: Source) -> ClassEntry {
        let within = origin.entry.as_deref().and_then(|entry| {
            let start = entry.strip_suffix(".class")?.strip_suffix(name_hint)?.len();
            Some(Hint::InEntry { start: u32::try_from(start).ok()?, len: u32::try_from(name_hint.len()).ok()? })
        });
        let hint = within.unwrap_or_else(|| Hint::Own(Arc::from(name_hint)));
        ClassEntry { hint, origin, path, source }
    }

    /// Internal class name from the entry path (`a/b/C`), with `BOOT-INF/classes/`, `WEB-INF/classes/`,
    /// `META-INF/versions/N/`, jmod `classes/` and jimage module prefixes stripped. The class file itself decides.
    pub fn name_hint(&self) -> &str {
        match &self.hint {
            Hint::InEntry { start, len } => {
                let (start, len) = (*start as usize, *len as usize);
                self.origin.entry.as_deref().and_then(|e| e.get(start..start + len)).unwrap_or_default()
            }
            Hint::Own(hint) => hint,
        }
    }

    /// The class file's bytes: borrowed for STORED zip entries and uncompressed jimage resources, inflated (and
    /// CRC-checked) otherwise. Safe to call from many threads.
    pub fn read(&self) -> Result<Cow<'_, [u8]>, InputError> {
        let result = match &self.source {
            Source::File(path) => std::fs::read(path).map(Cow::Owned).map_err(|e| InputErrorKind::Io(e.to_string())),
            Source::Zip { blob, slice } => jar::read_entry(blob, slice),
            Source::Image { image, resource } => image.read(resource),
        };
        result.map_err(|kind| self.error(kind))
    }

    /// [`ClassEntry::read`] for a loop over many entries: what has to be inflated goes into `buf`, which the caller
    /// keeps, instead of a fresh buffer per class file.
    pub fn read_in<'s>(&'s self, buf: &'s mut Vec<u8>) -> Result<&'s [u8], InputError> {
        match &self.source {
            Source::Zip { blob, slice } => jar::read_entry_in(blob, slice, buf).map_err(|kind| self.error(kind)),
            _ => match self.read()? {
                Cow::Borrowed(bytes) => Ok(bytes),
                Cow::Owned(bytes) => {
                    *buf = bytes;
                    Ok(buf.as_slice())
                }
            },
        }
    }

    /// The same entry, holding a copy of its own bytes rather than its archive, so that the archive is unmapped once
    /// its other entries are read. Entries of directories and images are returned as they are.
    pub fn detached(self) -> ClassEntry {
        let Source::Zip { blob, slice } = &self.source else { return self };
        match jar::detach(blob, slice) {
            Some((blob, slice)) => ClassEntry { source: Source::Zip { blob, slice }, ..self },
            None => self,
        }
    }

    fn error(&self, kind: InputErrorKind) -> InputError {
        InputError::new(&*self.path, self.origin.entry.as_deref().map(str::to_owned), kind)
    }
}

impl std::fmt::Debug for ClassEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClassEntry").field("name_hint", &self.name_hint()).field("origin", &self.origin).finish()
    }
}

/// A small non-class entry later stages need (rule files, Maven coordinates).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resource {
    pub origin: Origin,
    /// Path inside its (innermost) archive or directory, `BOOT-INF/classes/` and `WEB-INF/classes/` stripped.
    pub path: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone, Default)]
pub struct OpenOptions {
    /// Java release whose view of multi-release jars (and of the JDK, see [`Opened::add_jdk`]) to use; `None` = the
    /// newest version in each jar, and the JDK as it is.
    pub release: Option<u32>,
    pub limits: Limits,
}

/// Everything found in the inputs so far. Build with [`Opened::default`], then [`Opened::add`] / [`Opened::add_jdk`].
#[derive(Debug, Default)]
pub struct Opened {
    pub inputs: Vec<Input>,
    pub entries: Vec<ClassEntry>,
    pub resources: Vec<Resource>,
    pub warnings: Vec<InputWarning>,
}

/// Opens `paths` in one role; shorthand for [`Opened::default`] + [`Opened::add`].
pub fn open(paths: &[PathBuf], role: Role, opts: &OpenOptions) -> Opened {
    let mut opened = Opened::default();
    opened.add(paths, role, opts);
    opened
}

impl Opened {
    /// Adds inputs in `role`. Never fails: problems become [`Opened::warnings`].
    pub fn add(&mut self, paths: &[PathBuf], role: Role, opts: &OpenOptions) {
        open::add(self, paths, role, opts);
    }

    /// Adds a jar that is already in memory (built by a tool, or a fuzzer's input); `path` only names it.
    pub fn add_jar_bytes(&mut self, path: PathBuf, bytes: Vec<u8>, role: Role, opts: &OpenOptions) {
        open::add_jar_bytes(self, path, bytes, role, opts);
    }

    /// Adds the JDK at `home`: `jmods/*.jmod` when present, else `lib/modules`. With [`OpenOptions::release`] older
    /// than the JDK's version ([`jdk_release`]), the classes of that release from `lib/ct.sym` instead; newer, or a JDK
    /// of unknown version, adds a warning and reads the JDK as it is. Fails only when the image cannot be opened at all
    /// (neither exists), or ct.sym is needed but absent, unreadable or without that release; problems with single
    /// entries become warnings.
    pub fn add_jdk(&mut self, home: &Path, opts: &OpenOptions) -> Result<(), InputError> {
        jdk::add_jdk(self, home, opts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_can_be_read_from_many_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<ClassEntry>();
        assert_send_sync::<Opened>();
    }
}
