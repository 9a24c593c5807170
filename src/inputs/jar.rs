//! Zip archives without inflating: the `zip` crate parses the central directory (zip64 included) and each local header,
//! and we keep only where every entry's compressed bytes lie. [`read_entry`] later inflates one entry on demand.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, Cursor};
use std::path::Path;
use std::sync::Arc;

use memmap2::Mmap;
use zip::{CompressionMethod, ZipArchive};

use super::error::InputErrorKind;
use super::inflate::{check_crc, inflate, Format};

/// Files smaller than this are read whole; mapping them costs more than it saves.
const MAP_ABOVE: u64 = 64 * 1024;

/// The bytes of an archive: a memory-mapped file, or an in-memory nested jar. Cheap to clone.
#[derive(Clone)]
pub(crate) struct Blob {
    bytes: Arc<dyn AsRef<[u8]> + Send + Sync>,
    /// Where the zip starts (4 for a jmod, behind its `JM\x01\x00` header).
    start: usize,
}

impl Blob {
    pub(crate) fn open(path: &Path) -> io::Result<Blob> {
        let file = File::open(path)?;
        let len = file.metadata()?.len();
        if len < MAP_ABOVE {
            return Ok(Blob::from_vec(std::fs::read(path)?));
        }
        // SAFETY: the map is read-only; a file truncated by another process while we run can fault, the same
        // trade-off ripgrep makes for speed on large inputs.
        let map = unsafe { Mmap::map(&file)? };
        Ok(Blob { bytes: Arc::new(map), start: 0 })
    }

    pub(crate) fn from_vec(bytes: Vec<u8>) -> Blob {
        Blob { bytes: Arc::new(bytes), start: 0 }
    }

    /// The same bytes without their first `n` bytes, or `None` when shorter.
    pub(crate) fn skip(&self, n: usize) -> Option<Blob> {
        let start = self.start.checked_add(n)?;
        (start <= self.bytes.as_ref().as_ref().len()).then(|| Blob { bytes: Arc::clone(&self.bytes), start })
    }

    pub(crate) fn as_slice(&self) -> &[u8] {
        self.bytes.as_ref().as_ref().get(self.start..).unwrap_or_default()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Method {
    Stored,
    Deflated,
    Other(String),
}

/// Where one entry's compressed bytes lie in its archive, and what they should inflate to.
#[derive(Debug, Clone)]
pub(crate) struct ZipSlice {
    pub(crate) data_start: u64,
    pub(crate) compressed: u64,
    pub(crate) size: u64,
    pub(crate) crc: u32,
    pub(crate) method: Method,
}

/// One central-directory entry.
#[derive(Debug)]
pub(crate) struct RawEntry {
    pub(crate) name: String,
    pub(crate) slice: ZipSlice,
    pub(crate) encrypted: bool,
    pub(crate) is_dir: bool,
}

/// A listed entry, or the name of one whose local header is broken and why.
pub(crate) type Listed = Result<RawEntry, (String, InputErrorKind)>;

/// Lists an archive's entries in central-directory order. An entry whose local header is broken comes back as
/// `Err((name, kind))` so the caller can warn about it and go on.
pub(crate) fn list(blob: &Blob) -> Result<Vec<Listed>, InputErrorKind> {
    let mut archive =
        ZipArchive::new(Cursor::new(blob.as_slice())).map_err(|e| InputErrorKind::BadZip(e.to_string()))?;
    let mut out = Vec::with_capacity(archive.len());
    for index in 0..archive.len() {
        let name = archive.name_for_index(index).unwrap_or_default().to_owned();
        match archive.by_index_raw(index) {
            Ok(file) => {
                let method = match file.compression() {
                    CompressionMethod::Stored => Method::Stored,
                    CompressionMethod::Deflated => Method::Deflated,
                    other => Method::Other(format!("{other:?}")),
                };
                let slice = ZipSlice {
                    data_start: file.data_start(),
                    compressed: file.compressed_size(),
                    size: file.size(),
                    crc: file.crc32(),
                    method,
                };
                out.push(Ok(RawEntry { name, slice, encrypted: file.encrypted(), is_dir: file.is_dir() }));
            }
            Err(e) => out.push(Err((name, InputErrorKind::BadZip(e.to_string())))),
        }
    }
    Ok(out)
}

/// Reads one entry: STORED entries borrow the archive's bytes, DEFLATED ones are inflated; both are CRC-checked.
/// The declared size was checked against the limits when the entry was listed.
pub(crate) fn read_entry<'a>(blob: &'a Blob, slice: &ZipSlice) -> Result<Cow<'a, [u8]>, InputErrorKind> {
    let start = usize::try_from(slice.data_start).map_err(|_| InputErrorKind::Truncated)?;
    let len = usize::try_from(slice.compressed).map_err(|_| InputErrorKind::Truncated)?;
    let end = start.checked_add(len).ok_or(InputErrorKind::Truncated)?;
    let raw = blob.as_slice().get(start..end).ok_or(InputErrorKind::Truncated)?;
    let bytes = match &slice.method {
        Method::Stored if slice.size == slice.compressed => Cow::Borrowed(raw),
        Method::Stored => return Err(InputErrorKind::SizeMismatch { expected: slice.size }),
        Method::Deflated => Cow::Owned(inflate(raw, slice.size, Format::Deflate)?),
        Method::Other(name) => return Err(InputErrorKind::UnsupportedCompression(name.clone())),
    };
    check_crc(&bytes, slice.crc)?;
    Ok(bytes)
}
