//! Zip archives without inflating: a central-directory reader (zip64 and prepended bytes included) that keeps only
//! where each entry lies; [`read_entry`] later reads the local header and inflates one entry on demand. Our own reader
//! rather than the `zip` crate's `ZipArchive`: that one reads every local header while listing, which pages in whole
//! archives and made listing the Spark corpus ~4× slower.

use std::borrow::Cow;
use std::fs::File;
use std::io;
use std::path::Path;
use std::sync::Arc;

use memmap2::Mmap;

use super::error::InputErrorKind;
use super::inflate::{check_crc, inflate, inflate_into, Format};

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
    Other(u16),
}

/// Where one entry lies in its archive, and what it should inflate to. The local header is read only by
/// [`read_entry`]: touching it while listing would page in the whole archive.
#[derive(Debug, Clone)]
pub(crate) struct ZipSlice {
    pub(crate) header: u64,
    pub(crate) compressed: u64,
    pub(crate) size: u64,
    pub(crate) crc: u32,
    pub(crate) method: Method,
}

/// One central-directory entry.
#[derive(Debug)]
pub(crate) struct RawEntry<'a> {
    /// Borrowed from the archive unless it needed repair (not UTF-8).
    pub(crate) name: Cow<'a, str>,
    pub(crate) slice: ZipSlice,
    pub(crate) encrypted: bool,
    pub(crate) is_dir: bool,
}

/// A listed entry, or the name of one whose directory record is broken and why.
pub(crate) type Listed<'a> = Result<RawEntry<'a>, (Cow<'a, str>, InputErrorKind)>;

const EOCD_SIG: u32 = 0x0605_4b50;
const ZIP64_LOCATOR_SIG: u32 = 0x0706_4b50;
const ZIP64_EOCD_SIG: u32 = 0x0606_4b50;
const CENTRAL_SIG: u32 = 0x0201_4b50;
const LOCAL_SIG: u32 = 0x0403_4b50;
const EOCD_LEN: usize = 22;
const CENTRAL_LEN: usize = 46;
const LOCAL_LEN: usize = 30;

fn u16_at(b: &[u8], pos: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(pos..pos.checked_add(2)?)?.try_into().ok()?))
}

fn u32_at(b: &[u8], pos: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(pos..pos.checked_add(4)?)?.try_into().ok()?))
}

fn u64_at(b: &[u8], pos: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(pos..pos.checked_add(8)?)?.try_into().ok()?))
}

fn bad(what: &str) -> InputErrorKind {
    InputErrorKind::BadZip(what.to_owned())
}

/// Finds the central directory: `(start, end, shift)` where `shift` is the number of bytes prepended to the zip
/// (self-extracting stubs), added to every offset the directory records.
fn central_directory(data: &[u8]) -> Result<(usize, usize, u64), InputErrorKind> {
    if data.len() < EOCD_LEN {
        return Err(bad(if data.is_empty() { "empty file" } else { "too short for a zip" }));
    }
    // The end record sits in the last 22 + 65535 (comment) bytes; search backwards.
    let lowest = data.len().saturating_sub(EOCD_LEN + 0xFFFF);
    let eocd = (lowest..=data.len() - EOCD_LEN)
        .rev()
        .find(|&pos| u32_at(data, pos) == Some(EOCD_SIG))
        .ok_or_else(|| bad("no end of central directory record"))?;
    let mut size = u64::from(u32_at(data, eocd + 12).unwrap_or(0));
    let mut offset = u64::from(u32_at(data, eocd + 16).unwrap_or(0));
    let mut record = eocd as u64; // where the directory should end
    if let Some(locator) = eocd.checked_sub(20).filter(|&pos| u32_at(data, pos) == Some(ZIP64_LOCATOR_SIG)) {
        let zip64 = u64_at(data, locator + 8).and_then(|o| usize::try_from(o).ok());
        // With prepended bytes the recorded offset is off; the zip64 record sits right before the locator.
        let zip64 = zip64
            .filter(|&o| u32_at(data, o) == Some(ZIP64_EOCD_SIG))
            .or_else(|| locator.checked_sub(56).filter(|&o| u32_at(data, o) == Some(ZIP64_EOCD_SIG)))
            .ok_or_else(|| bad("broken zip64 end record"))?;
        size = u64_at(data, zip64 + 40).ok_or_else(|| bad("broken zip64 end record"))?;
        offset = u64_at(data, zip64 + 48).ok_or_else(|| bad("broken zip64 end record"))?;
        record = zip64 as u64;
    }
    let shift = record.checked_sub(offset.checked_add(size).ok_or_else(|| bad("bad directory size"))?);
    let shift = shift.ok_or_else(|| bad("central directory overlaps its end record"))?;
    let start = usize::try_from(offset + shift).map_err(|_| bad("bad directory offset"))?;
    let end = usize::try_from(record).map_err(|_| bad("bad directory offset"))?;
    Ok((start, end, shift))
}

/// Lists an archive's entries in central-directory order, reading nothing but the central directory. The entry
/// count in the end record is ignored (it overflows in some non-zip64 jars); records are read until the directory ends.
pub(crate) fn list(blob: &Blob) -> Result<Vec<Listed<'_>>, InputErrorKind> {
    let data = blob.as_slice();
    let (start, end, shift) = central_directory(data)?;
    let dir = data.get(start..end).ok_or_else(|| bad("central directory outside the file"))?;
    let mut out = Vec::with_capacity(dir.len() / 80);
    let mut pos = 0;
    while pos < dir.len() {
        if u32_at(dir, pos) != Some(CENTRAL_SIG) {
            return Err(bad("corrupt central directory"));
        }
        let fixed = dir.get(pos..pos + CENTRAL_LEN).ok_or_else(|| bad("truncated central directory"))?;
        let field16 = |at| usize::from(u16_at(fixed, at).unwrap_or(0));
        let field32 = |at| u32_at(fixed, at).unwrap_or(0);
        let (name_len, extra_len, comment_len) = (field16(28), field16(30), field16(32));
        let name_end = pos + CENTRAL_LEN + name_len;
        let extra_end = name_end + extra_len;
        let name = dir.get(pos + CENTRAL_LEN..name_end).ok_or_else(|| bad("truncated central directory"))?;
        let extra = dir.get(name_end..extra_end).ok_or_else(|| bad("truncated central directory"))?;
        // Checked first: the lossy conversion walks names chunk by chunk, several times slower on the valid names that
        // nearly every entry has.
        let name = match std::str::from_utf8(name) {
            Ok(name) => Cow::Borrowed(name),
            Err(_) => String::from_utf8_lossy(name),
        };
        let flags = field16(8);
        let method = match field16(10) {
            0 => Method::Stored,
            8 => Method::Deflated,
            other => Method::Other(other as u16),
        };
        let (mut size, mut compressed, mut header) =
            (u64::from(field32(24)), u64::from(field32(20)), u64::from(field32(42)));
        if let Err(kind) = zip64_extra(extra, &mut size, &mut compressed, &mut header) {
            out.push(Err((name, kind)));
        } else {
            let slice = ZipSlice { header: header.saturating_add(shift), compressed, size, crc: field32(16), method };
            let is_dir = name.ends_with('/');
            out.push(Ok(RawEntry { name, slice, encrypted: flags & 1 != 0, is_dir }));
        }
        pos = extra_end + comment_len;
    }
    Ok(out)
}

/// Replaces the 32-bit fields that are `0xFFFFFFFF` with the zip64 extra field's 64-bit values (in the order
/// uncompressed size, compressed size, local header offset).
fn zip64_extra(extra: &[u8], size: &mut u64, compressed: &mut u64, header: &mut u64) -> Result<(), InputErrorKind> {
    if *size != 0xFFFF_FFFF && *compressed != 0xFFFF_FFFF && *header != 0xFFFF_FFFF {
        return Ok(());
    }
    let mut pos = 0;
    while let (Some(id), Some(len)) = (u16_at(extra, pos), u16_at(extra, pos + 2)) {
        let body = extra.get(pos + 4..pos + 4 + usize::from(len)).ok_or_else(|| bad("truncated extra field"))?;
        if id == 1 {
            let mut at = 0;
            for field in [size, compressed, header] {
                if *field == 0xFFFF_FFFF {
                    *field = u64_at(body, at).ok_or_else(|| bad("truncated zip64 extra field"))?;
                    at += 8;
                }
            }
            return Ok(());
        }
        pos += 4 + usize::from(len);
    }
    Err(bad("zip64 sizes without a zip64 extra field"))
}

/// Reads one entry: STORED entries borrow the archive's bytes, DEFLATED ones are inflated; both are CRC-checked.
/// The declared size was checked against the limits when the entry was listed.
pub(crate) fn read_entry<'a>(blob: &'a Blob, slice: &ZipSlice) -> Result<Cow<'a, [u8]>, InputErrorKind> {
    let bytes = match entry_data(blob, slice)? {
        Data::Stored(bytes) => Cow::Borrowed(bytes),
        Data::Deflated(raw) => Cow::Owned(inflate(raw, slice.size, Format::Deflate)?),
    };
    check_crc(&bytes, slice.crc)?;
    Ok(bytes)
}

/// [`read_entry`], inflating into `buf` (see [`inflate_into`]).
pub(crate) fn read_entry_in<'a>(
    blob: &'a Blob,
    slice: &ZipSlice,
    buf: &'a mut Vec<u8>,
) -> Result<&'a [u8], InputErrorKind> {
    let bytes = match entry_data(blob, slice)? {
        Data::Stored(bytes) => bytes,
        Data::Deflated(raw) => inflate_into(raw, slice.size, Format::Deflate, buf)?,
    };
    check_crc(bytes, slice.crc)?;
    Ok(bytes)
}

/// A copy of one entry (local header and data) as an archive of its own, for an entry kept after the rest of its
/// archive is done with: the copy lets the archive be unmapped. `None` when the entry does not lie within the
/// archive; reading the original then reports why.
pub(crate) fn detach(blob: &Blob, slice: &ZipSlice) -> Option<(Blob, ZipSlice)> {
    let data = blob.as_slice();
    let header = usize::try_from(slice.header).ok()?;
    let local_len = |at| u16_at(data, header + at).map(usize::from);
    let end =
        (header + LOCAL_LEN + local_len(26)? + local_len(28)?).checked_add(usize::try_from(slice.compressed).ok()?)?;
    let bytes = data.get(header..end)?.to_vec();
    Some((Blob::from_vec(bytes), ZipSlice { header: 0, ..slice.clone() }))
}

/// An entry's data in the archive: the bytes themselves, or the stream to inflate.
enum Data<'a> {
    Stored(&'a [u8]),
    Deflated(&'a [u8]),
}

fn entry_data<'a>(blob: &'a Blob, slice: &ZipSlice) -> Result<Data<'a>, InputErrorKind> {
    let data = blob.as_slice();
    let header = usize::try_from(slice.header).map_err(|_| InputErrorKind::Truncated)?;
    if u32_at(data, header) != Some(LOCAL_SIG) {
        return Err(bad("bad local header"));
    }
    let local_len = |at| u16_at(data, header + at).map(usize::from).ok_or(InputErrorKind::Truncated);
    let start = header + LOCAL_LEN + local_len(26)? + local_len(28)?;
    let len = usize::try_from(slice.compressed).map_err(|_| InputErrorKind::Truncated)?;
    let end = start.checked_add(len).ok_or(InputErrorKind::Truncated)?;
    let raw = data.get(start..end).ok_or(InputErrorKind::Truncated)?;
    match &slice.method {
        Method::Stored if slice.size == slice.compressed => Ok(Data::Stored(raw)),
        Method::Stored => Err(InputErrorKind::SizeMismatch { expected: slice.size }),
        Method::Deflated => Ok(Data::Deflated(raw)),
        Method::Other(method) => Err(InputErrorKind::UnsupportedCompression(method.to_string())),
    }
}
