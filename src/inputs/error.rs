//! Errors of the inputs layer: one struct naming the input file (and the entry inside it) around a data-carrying kind,
//! like `globset::Error { glob, kind }`. The same type is a fatal error ([`ClassEntry::read`](super::ClassEntry::read))
//! and a warning collected in [`Opened::warnings`](super::Opened::warnings): nothing in this layer aborts a run.

use std::fmt;
use std::path::PathBuf;

use thiserror::Error;

/// Something wrong with one input file or one entry inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The file on disk (the outer jar for nested entries).
    pub path: PathBuf,
    /// The entry inside the file, nested jars joined by `!/` (`BOOT-INF/lib/dep.jar!/a/B.class`).
    pub entry: Option<String>,
    pub kind: InputErrorKind,
}

/// Warnings and errors are the same thing here; the name says how the caller treats it.
pub type InputWarning = InputError;

impl InputError {
    pub fn new(path: impl Into<PathBuf>, entry: Option<String>, kind: InputErrorKind) -> Self {
        InputError { path: path.into(), entry, kind }
    }
}

/// `<path>: <message>` or `<path>!/<entry>: <message>` (the `jar:` URL convention).
impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(entry) = &self.entry {
            write!(f, "!/{entry}")?;
        }
        write!(f, ": {}", self.kind)
    }
}

impl std::error::Error for InputError {}

#[derive(Debug, Clone, Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputErrorKind {
    #[error("cannot read: {0}")]
    Io(String),
    #[error("no such file or directory")]
    NotFound,
    #[error("matches no file")]
    NoGlobMatch,
    #[error("not a class file, jar, jmod or directory")]
    UnknownKind,
    #[error("directory holds no .class files and no jars")]
    EmptyDirectory,
    #[error("not a readable zip archive: {0}")]
    BadZip(String),
    #[error("not a jmod file (bad header)")]
    BadJmod,
    #[error("bad jimage: {0}")]
    BadJImage(&'static str),
    #[error("JDK home has neither jmods/*.jmod nor lib/modules")]
    NoJdkImage,
    #[error("entry is encrypted")]
    Encrypted,
    #[error("unsafe entry name (absolute or `..`); skipped")]
    UnsafeName,
    #[error("unsupported compression method {0}")]
    UnsupportedCompression(String),
    #[error("entry inflates to {size} bytes, over the limit of {limit}")]
    EntryTooLarge { size: u64, limit: u64 },
    #[error("archive inflates to more than {limit} bytes; remaining entries skipped")]
    ArchiveTooLarge { limit: u64 },
    #[error("compression ratio {ratio}:1 is over the limit of {limit}:1 (zip bomb?)")]
    RatioTooHigh { ratio: u64, limit: u32 },
    #[error("nested jar deeper than {0} levels; skipped")]
    TooDeep(u8),
    #[error("corrupt compressed data")]
    BadDeflate,
    #[error("inflated size does not match the header ({expected} expected)")]
    SizeMismatch { expected: u64 },
    #[error("CRC mismatch (expected {expected:08x}, got {actual:08x})")]
    BadCrc { expected: u32, actual: u32 },
    #[error("entry data lies outside the file")]
    Truncated,
    #[error("jimage resource uses the `{0}` compressor, which is not supported")]
    UnsupportedImageCompression(String),
    #[error("no lib/ct.sym, so the classes of release {release} are unavailable (a full JDK ships it)")]
    NoCtSym { release: u32 },
    #[error("ct.sym has no release {release}; it has releases {oldest} to {newest}")]
    ReleaseNotInCtSym { release: u32, oldest: u32, newest: u32 },
    #[error("ct.sym names no release directories (not the ct.sym of a JDK 9 or later?)")]
    NoReleasesInCtSym,
    #[error("ct.sym directory `{0}` is not named by release digits; skipped")]
    BadCtSymSection(String),
    #[error("release {release} is newer than this JDK (Java {jdk}); its own classes are read")]
    ReleaseNewerThanJdk { release: u32, jdk: u32 },
    #[error("cannot tell this JDK's version (no JAVA_VERSION in its `release` file); its own classes are read, not release {release}'s")]
    UnknownJdkVersion { release: u32 },
}
