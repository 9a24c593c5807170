//! Inflating with libdeflater into a buffer of the declared size, and CRC checks. libdeflater's `Decompressor` is not
//! `Sync` and is cheap to keep, so each thread keeps one.

use std::cell::RefCell;

use libdeflater::{DecompressionError, Decompressor};

use super::error::InputErrorKind;

thread_local! {
    static DECOMPRESSOR: RefCell<Decompressor> = RefCell::new(Decompressor::new());
}

/// Which wrapper the compressed stream has: zip entries are raw DEFLATE, jimage's "zip" compressor writes zlib.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Format {
    Deflate,
    Zlib,
}

/// Inflates `raw` into exactly `size` bytes. The caller has checked `size` against the limits; a stream that
/// inflates to more or fewer bytes is an error, so a lying header cannot grow the buffer.
pub(crate) fn inflate(raw: &[u8], size: u64, format: Format) -> Result<Vec<u8>, InputErrorKind> {
    let mut out = Vec::new();
    inflate_into(raw, size, format, &mut out)?; // an empty buffer grows to exactly `size`
    Ok(out)
}

/// [`inflate`] into a buffer kept from entry to entry; the entry is its first `size` bytes, returned. The buffer
/// only ever grows, so that it is zeroed once up to the largest entry of a chunk (resizing it to each entry zeroed
/// what every larger entry grew it by again: as much work as a tenth of the inflating), and the stream must fill
/// all `size` bytes.
pub(crate) fn inflate_into<'b>(
    raw: &[u8],
    size: u64,
    format: Format,
    out: &'b mut Vec<u8>,
) -> Result<&'b [u8], InputErrorKind> {
    let len = usize::try_from(size).map_err(|_| InputErrorKind::SizeMismatch { expected: size })?;
    if out.len() < len {
        out.resize(len, 0);
    }
    let target = out.get_mut(..len).ok_or(InputErrorKind::SizeMismatch { expected: size })?;
    let written = DECOMPRESSOR.with(|cell| {
        let mut decompressor = cell.borrow_mut();
        match format {
            Format::Deflate => decompressor.deflate_decompress(raw, target),
            Format::Zlib => decompressor.zlib_decompress(raw, target),
        }
    });
    match written {
        Ok(n) if n == len => Ok(target),
        Ok(_) | Err(DecompressionError::InsufficientSpace) => Err(InputErrorKind::SizeMismatch { expected: size }),
        Err(DecompressionError::BadData) => Err(InputErrorKind::BadDeflate),
    }
}

/// Checks a zip entry's CRC-32.
pub(crate) fn check_crc(bytes: &[u8], expected: u32) -> Result<(), InputErrorKind> {
    let actual = crc32fast::hash(bytes);
    if actual == expected {
        Ok(())
    } else {
        Err(InputErrorKind::BadCrc { expected, actual })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deflate(data: &[u8]) -> Vec<u8> {
        let mut compressor = libdeflater::Compressor::new(libdeflater::CompressionLvl::default());
        let mut out = vec![0; compressor.deflate_compress_bound(data.len())];
        let n = compressor.deflate_compress(data, &mut out).unwrap();
        out.truncate(n);
        out
    }

    #[test]
    fn round_trip_and_size_checks() {
        let data = b"hello hello hello hello".repeat(20);
        let raw = deflate(&data);
        assert_eq!(inflate(&raw, data.len() as u64, Format::Deflate).unwrap(), data);
        assert!(matches!(
            inflate(&raw, data.len() as u64 - 1, Format::Deflate),
            Err(InputErrorKind::SizeMismatch { .. })
        ));
        assert!(matches!(
            inflate(&raw, data.len() as u64 + 1, Format::Deflate),
            Err(InputErrorKind::SizeMismatch { .. })
        ));
        assert_eq!(inflate(&[0xff, 0xff, 0xff], 10, Format::Deflate), Err(InputErrorKind::BadDeflate));
    }

    #[test]
    fn crc() {
        assert!(check_crc(b"abc", crc32fast::hash(b"abc")).is_ok());
        assert!(matches!(check_crc(b"abd", crc32fast::hash(b"abc")), Err(InputErrorKind::BadCrc { .. })));
    }
}
