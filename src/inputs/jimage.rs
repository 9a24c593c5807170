//! The JDK's `lib/modules` (jimage), read without the JDK. Layout (OpenJDK `BasicImageReader`, `ImageHeader`,
//! `ImageLocation`), all integers in the image's byte order (native to the JDK that wrote it):
//!
//! ```text
//! header    magic 0xCAFEDADA, version (major << 16 | minor), flags, resource count, table length,
//!           locations size, strings size                                            7 × u32
//! redirect  i32 × table length    perfect-hash redirects
//! offsets   u32 × table length    offset of each location in `locations`
//! locations attribute streams: byte = kind << 3 | (len - 1), then len big-endian bytes; kind 0 ends the stream
//! strings   NUL-terminated (modified) UTF-8
//! content   resources, at index size + OFFSET
//! ```
//!
//! A resource with COMPRESSED ≠ 0 starts with one or more 29-byte headers (magic 0xCAFEFAFA, compressed size u64,
//! uncompressed size u64, decompressor name u32, config u32, terminal u8); "zip" is zlib, "compact-cp" is not supported.

use std::borrow::Cow;

use super::error::InputErrorKind;
use super::inflate::{inflate, Format};
use super::jar::Blob;
use super::limits::Limits;

const MAGIC: u32 = 0xCAFE_DADA;
const RESOURCE_MAGIC: u32 = 0xCAFE_FAFA;
const HEADER_SIZE: usize = 7 * 4;
const RESOURCE_HEADER_SIZE: usize = 29;
const HASH_MULTIPLIER: u32 = 0x0100_0193;

// Location attribute kinds.
const MODULE: usize = 1;
const PARENT: usize = 2;
const BASE: usize = 3;
const EXTENSION: usize = 4;
const OFFSET: usize = 5;
const COMPRESSED: usize = 6;
const UNCOMPRESSED: usize = 7;

type Result<T> = std::result::Result<T, InputErrorKind>;

pub(crate) struct JImage {
    blob: Blob,
    big_endian: bool,
    table_len: u32,
    redirect: usize,
    offsets: usize,
    locations: usize,
    strings: usize,
    index_size: usize,
    limits: Limits,
}

/// One resource: `/module/path`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Location {
    pub(crate) module: String,
    /// `parent/base.extension`, e.g. `java/lang/Object.class`.
    pub(crate) path: String,
    offset: u64,
    compressed: u64,
    pub(crate) size: u64,
}

impl Location {
    pub(crate) fn full_name(&self) -> String {
        if self.module.is_empty() {
            format!("/{}", self.path)
        } else {
            format!("/{}/{}", self.module, self.path)
        }
    }
}

/// The jimage string hash (`ImageStringsReader.hashCode`), over UTF-8 bytes (equal to Java's for names without
/// NUL or supplementary characters, i.e. all real class names).
fn hash(name: &str, seed: u32) -> u32 {
    name.bytes().fold(seed, |h, b| h.wrapping_mul(HASH_MULTIPLIER) ^ u32::from(b)) & 0x7FFF_FFFF
}

impl JImage {
    pub(crate) fn open(blob: Blob, limits: Limits) -> Result<JImage> {
        let data = blob.as_slice();
        let head = data.get(..4).ok_or(InputErrorKind::BadJImage("file too short"))?;
        let big_endian = match [head[0], head[1], head[2], head[3]] {
            b if u32::from_le_bytes(b) == MAGIC => false,
            b if u32::from_be_bytes(b) == MAGIC => true,
            _ => return Err(InputErrorKind::BadJImage("bad magic")),
        };
        let mut image = JImage {
            blob,
            big_endian,
            table_len: 0,
            redirect: HEADER_SIZE,
            offsets: 0,
            locations: 0,
            strings: 0,
            index_size: 0,
            limits,
        };
        let field = |i: usize| image.u32_at(i * 4).ok_or(InputErrorKind::BadJImage("truncated header"));
        if field(1)? >> 16 != 1 {
            return Err(InputErrorKind::BadJImage("unsupported version"));
        }
        let (table_len, locations_size, strings_size) = (field(4)?, field(5)?, field(6)?);
        let table_bytes = usize::try_from(table_len).ok().and_then(|n| n.checked_mul(4));
        let table_bytes = table_bytes.ok_or(InputErrorKind::BadJImage("table too large"))?;
        let too_large = InputErrorKind::BadJImage("index larger than the file");
        let offsets = HEADER_SIZE.checked_add(table_bytes).ok_or(too_large.clone())?;
        let locations = offsets.checked_add(table_bytes).ok_or(too_large.clone())?;
        let strings = locations.checked_add(locations_size as usize).ok_or(too_large.clone())?;
        let index_size = strings.checked_add(strings_size as usize).ok_or(too_large.clone())?;
        if index_size > image.blob.as_slice().len() {
            return Err(too_large);
        }
        image.table_len = table_len;
        image.offsets = offsets;
        image.locations = locations;
        image.strings = strings;
        image.index_size = index_size;
        Ok(image)
    }

    fn u32_at(&self, pos: usize) -> Option<u32> {
        let b = self.blob.as_slice().get(pos..pos.checked_add(4)?)?;
        let b = [b[0], b[1], b[2], b[3]];
        Some(if self.big_endian { u32::from_be_bytes(b) } else { u32::from_le_bytes(b) })
    }

    fn u64_at(bytes: &[u8], pos: usize, big_endian: bool) -> Option<u64> {
        let b: [u8; 8] = bytes.get(pos..pos.checked_add(8)?)?.try_into().ok()?;
        Some(if big_endian { u64::from_be_bytes(b) } else { u64::from_le_bytes(b) })
    }

    fn string(&self, offset: u64) -> Result<&str> {
        let bad = InputErrorKind::BadJImage("bad string offset");
        let start = self.strings.checked_add(usize::try_from(offset).map_err(|_| bad.clone())?).ok_or(bad.clone())?;
        let table = self.blob.as_slice().get(start..self.index_size).ok_or(bad)?;
        let end = table.iter().position(|&b| b == 0).ok_or(InputErrorKind::BadJImage("unterminated string"))?;
        std::str::from_utf8(&table[..end]).map_err(|_| InputErrorKind::BadJImage("string is not UTF-8"))
    }

    /// Decodes the attribute stream at `offset` in the locations table.
    fn location(&self, offset: u32) -> Result<Location> {
        let bad = InputErrorKind::BadJImage("bad location");
        let table = self.blob.as_slice().get(self.locations..self.strings).ok_or(bad.clone())?;
        let mut pos = offset as usize;
        let mut attrs = [0u64; 8];
        loop {
            let byte = *table.get(pos).ok_or(bad.clone())?;
            let kind = usize::from(byte >> 3);
            if kind == 0 {
                break;
            }
            let len = usize::from(byte & 7) + 1;
            let value = table.get(pos + 1..pos + 1 + len).ok_or(bad.clone())?;
            let value = value.iter().fold(0u64, |v, &b| (v << 8) | u64::from(b));
            if let Some(slot) = attrs.get_mut(kind) {
                *slot = value;
            }
            pos += 1 + len;
        }
        let mut path = String::new();
        for (kind, sep) in [(PARENT, "/"), (BASE, ""), (EXTENSION, ".")] {
            let part = self.string(attrs[kind])?;
            if part.is_empty() {
                continue;
            }
            if kind == EXTENSION {
                path.push_str(sep);
            }
            path.push_str(part);
            if kind == PARENT {
                path.push_str(sep);
            }
        }
        Ok(Location {
            module: self.string(attrs[MODULE])?.to_owned(),
            path,
            offset: attrs[OFFSET],
            compressed: attrs[COMPRESSED],
            size: attrs[UNCOMPRESSED],
        })
    }

    /// Every resource, in table order (callers sort).
    pub(crate) fn locations(&self) -> impl Iterator<Item = Result<Location>> + '_ {
        (0..self.table_len).map(move |i| {
            let offset = self.u32_at(self.offsets + i as usize * 4).ok_or(InputErrorKind::BadJImage("bad offsets"))?;
            self.location(offset)
        })
    }

    /// Looks up `/module/path` through the perfect hash.
    pub(crate) fn find(&self, name: &str) -> Option<Location> {
        if self.table_len == 0 {
            return None;
        }
        let slot = hash(name, HASH_MULTIPLIER) % self.table_len;
        let redirect = self.u32_at(self.redirect + slot as usize * 4)? as i32;
        let index = match redirect {
            0 => return None,
            r if r < 0 => (-1 - r) as u32,
            r => hash(name, r as u32) % self.table_len,
        };
        let offset = self.u32_at(self.offsets + usize::try_from(index).ok()? * 4)?;
        let location = self.location(offset).ok()?;
        (location.full_name() == name).then_some(location)
    }

    /// A resource's bytes, borrowed when stored uncompressed.
    pub(crate) fn read(&self, location: &Location) -> Result<Cow<'_, [u8]>> {
        let slice = |len: u64| {
            let start = usize::try_from(location.offset).ok()?.checked_add(self.index_size)?;
            self.blob.as_slice().get(start..start.checked_add(usize::try_from(len).ok()?)?)
        };
        if location.compressed == 0 {
            return slice(location.size).map(Cow::Borrowed).ok_or(InputErrorKind::Truncated);
        }
        let mut bytes = Cow::Borrowed(slice(location.compressed).ok_or(InputErrorKind::Truncated)?);
        // Compressors may be stacked: each layer has its own header.
        while bytes.get(..4).and_then(|_| self.resource_u32(&bytes, 0)) == Some(RESOURCE_MAGIC) {
            let be = self.big_endian;
            let header = InputErrorKind::BadJImage("bad compressed resource header");
            let packed = Self::u64_at(&bytes, 4, be).ok_or(header.clone())?;
            let unpacked = Self::u64_at(&bytes, 12, be).ok_or(header.clone())?;
            let name = self.string(u64::from(self.resource_u32(&bytes, 20).ok_or(header.clone())?))?;
            self.limits.check_entry(packed, unpacked)?;
            let end = usize::try_from(packed).ok().and_then(|n| n.checked_add(RESOURCE_HEADER_SIZE));
            let body = end.and_then(|end| bytes.get(RESOURCE_HEADER_SIZE..end)).ok_or(InputErrorKind::Truncated)?;
            bytes = match name {
                "zip" => Cow::Owned(inflate(body, unpacked, Format::Zlib)?),
                other => return Err(InputErrorKind::UnsupportedImageCompression(other.to_owned())),
            };
        }
        if bytes.len() as u64 != location.size {
            return Err(InputErrorKind::SizeMismatch { expected: location.size });
        }
        Ok(bytes)
    }

    /// The name of the outermost compressor of a compressed resource, `None` for stored ones.
    pub(crate) fn compressor(&self, location: &Location) -> Option<&str> {
        if location.compressed == 0 {
            return None;
        }
        let start = usize::try_from(location.offset).ok()?.checked_add(self.index_size)?;
        let header = self.blob.as_slice().get(start..start.checked_add(RESOURCE_HEADER_SIZE)?)?;
        if self.resource_u32(header, 0)? != RESOURCE_MAGIC {
            return None;
        }
        self.string(u64::from(self.resource_u32(header, 20)?)).ok()
    }

    fn resource_u32(&self, bytes: &[u8], pos: usize) -> Option<u32> {
        let b: [u8; 4] = bytes.get(pos..pos + 4)?.try_into().ok()?;
        Some(if self.big_endian { u32::from_be_bytes(b) } else { u32::from_le_bytes(b) })
    }
}

/// A jimage opened for lookups by name, for callers that want single JDK classes on demand instead of listing all.
pub struct JdkImage {
    path: std::path::PathBuf,
    image: JImage,
}

impl JdkImage {
    pub fn open(path: &std::path::Path, limits: Limits) -> std::result::Result<JdkImage, super::InputError> {
        let error = |kind| super::InputError::new(path, None, kind);
        let blob = Blob::open(path).map_err(|e| error(InputErrorKind::Io(e.to_string())))?;
        Ok(JdkImage { path: path.to_path_buf(), image: JImage::open(blob, limits).map_err(error)? })
    }

    /// The bytes of `/module/path` (e.g. `/java.base/java/lang/Object.class`), `Ok(None)` when absent.
    pub fn find(&self, name: &str) -> std::result::Result<Option<Cow<'_, [u8]>>, super::InputError> {
        let Some(location) = self.image.find(name) else {
            return Ok(None);
        };
        let entry = name.strip_prefix('/').unwrap_or(name).to_owned();
        self.image.read(&location).map(Some).map_err(|kind| super::InputError::new(&self.path, Some(entry), kind))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_garbage() {
        let open = |bytes: &[u8]| JImage::open(Blob::from_vec(bytes.to_vec()), Limits::default()).err();
        assert_eq!(open(b""), Some(InputErrorKind::BadJImage("file too short")));
        assert_eq!(open(b"PK\x03\x04"), Some(InputErrorKind::BadJImage("bad magic")));
        let mut header = MAGIC.to_le_bytes().to_vec();
        header.extend_from_slice(&(1u32 << 16).to_le_bytes());
        header.extend_from_slice(&[0; 8]);
        header.extend_from_slice(&u32::MAX.to_le_bytes()); // table length
        header.extend_from_slice(&[0; 8]);
        assert_eq!(open(&header), Some(InputErrorKind::BadJImage("index larger than the file")));
    }
}
