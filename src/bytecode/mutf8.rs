//! Modified UTF-8 (JVMS 4.4.7): identical to UTF-8 except that NUL is written `C0 80` and supplementary
//! characters as two 3-byte surrogates. Nearly every constant is plain UTF-8, so it is borrowed as is; only the
//! rare string with one of those two encodings is decoded into an owned `String`.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use std::borrow::Cow;

use super::error::ErrorKind;

/// Decodes a modified-UTF-8 byte string, borrowing when it is also valid UTF-8.
#[inline]
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, ErrorKind> {
    // Class names, member names and descriptors are nearly always ASCII, and the same constant is looked up many
    // times (once per call through a `Methodref`). `is_ascii` is a word-at-a-time check with no call overhead,
    // where `from_utf8` was the largest item in the instruction scan's profile.
    if let Some(s) = ascii(bytes) {
        return Ok(Cow::Borrowed(s));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Cow::Borrowed(s)),
        Err(_) => decode_slow(bytes).map(Cow::Owned),
    }
}

/// `bytes` as a `&str` when they are all ASCII (identical in modified UTF-8, UTF-8 and ASCII).
#[inline]
pub(crate) fn ascii(bytes: &[u8]) -> Option<&str> {
    if bytes.is_ascii() {
        // SAFETY: every byte is below 0x80, and a string of ASCII bytes is valid UTF-8.
        Some(unsafe { std::str::from_utf8_unchecked(bytes) })
    } else {
        None
    }
}

/// Decodes what is not plain UTF-8: runs that are valid UTF-8 are copied whole, and only the sequences between them
/// (an encoded NUL, a surrogate) are decoded one by one, surrogates paired; a lone surrogate becomes U+FFFD (Java
/// allows them in strings, Rust does not). Scala's pickled signatures are long strings of this kind, one encoded
/// NUL every few bytes: decoding them a code unit at a time into a buffer of UTF-16 took most of reading Scala's
/// annotations. Like [`decode`]'s UTF-8 check, four-byte sequences are accepted.
fn decode_slow(bytes: &[u8]) -> Result<String, ErrorKind> {
    let mut out = String::with_capacity(bytes.len());
    let mut high: Option<u16> = None; // a high surrogate waiting for its low half
    let mut rest = bytes;
    while !rest.is_empty() {
        let valid = match std::str::from_utf8(rest) {
            Ok(_) => rest.len(),
            Err(e) => e.valid_up_to(),
        };
        if valid > 0 {
            let (run, tail) = rest.split_at(valid);
            if high.take().is_some() {
                out.push(char::REPLACEMENT_CHARACTER);
            }
            // SAFETY: `from_utf8` accepted these bytes.
            out.push_str(unsafe { std::str::from_utf8_unchecked(run) });
            rest = tail;
            continue;
        }
        let (unit, len) = match *rest {
            [b0 @ 0xC0..=0xDF, b1, ..] => ((u16::from(b0 & 0x1F) << 6) | continuation(Some(b1))?, 2),
            [b0 @ 0xE0..=0xEF, b1, b2, ..] => {
                ((u16::from(b0 & 0x0F) << 12) | (continuation(Some(b1))? << 6) | continuation(Some(b2))?, 3)
            }
            _ => return Err(ErrorKind::BadUtf8),
        };
        rest = rest.get(len..).unwrap_or_default();
        match unit {
            0xD800..=0xDBFF => {
                if high.replace(unit).is_some() {
                    out.push(char::REPLACEMENT_CHARACTER);
                }
            }
            0xDC00..=0xDFFF => match high.take() {
                Some(h) => {
                    let c = 0x10000 + ((u32::from(h) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
                    out.push(char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER));
                }
                None => out.push(char::REPLACEMENT_CHARACTER),
            },
            _ => {
                if high.take().is_some() {
                    out.push(char::REPLACEMENT_CHARACTER);
                }
                out.push(char::from_u32(u32::from(unit)).unwrap_or(char::REPLACEMENT_CHARACTER));
            }
        }
    }
    if high.is_some() {
        out.push(char::REPLACEMENT_CHARACTER);
    }
    Ok(out)
}

#[inline]
fn continuation(byte: Option<u8>) -> Result<u16, ErrorKind> {
    match byte {
        Some(b) if b & 0xC0 == 0x80 => Ok(u16::from(b & 0x3F)),
        _ => Err(ErrorKind::BadUtf8),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::expect_used)] // tests may panic
mod tests {
    use super::*;

    #[test]
    fn plain_utf8_is_borrowed() {
        assert!(matches!(decode(b"java/lang/String"), Ok(Cow::Borrowed("java/lang/String"))));
        assert!(matches!(decode("caf\u{e9}".as_bytes()), Ok(Cow::Borrowed("caf\u{e9}"))));
    }

    #[test]
    fn encoded_nul_and_surrogate_pairs_are_decoded() {
        assert_eq!(decode(&[b'a', 0xC0, 0x80, b'b']).unwrap(), "a\u{0}b");
        // U+1F600 as the surrogate pair D83D DE00, each in three bytes.
        let emoji = [0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80];
        let decoded = decode(&emoji).unwrap();
        assert!(matches!(decoded, Cow::Owned(_)));
        assert_eq!(decoded, "\u{1F600}");
        // A lone high surrogate is replaced, not rejected.
        assert_eq!(decode(&[0xED, 0xA0, 0xBD]).unwrap(), "\u{FFFD}");
    }

    /// The decoder before it copied valid runs whole: every byte into a UTF-16 unit, then the units paired.
    fn decode_by_units(bytes: &[u8]) -> Result<String, ErrorKind> {
        let mut units: Vec<u16> = Vec::with_capacity(bytes.len());
        let mut iter = bytes.iter().copied();
        while let Some(b0) = iter.next() {
            let unit = match b0 {
                0x00..=0x7F => u16::from(b0),
                0xC0..=0xDF => (u16::from(b0 & 0x1F) << 6) | continuation(iter.next())?,
                0xE0..=0xEF => {
                    let b1 = continuation(iter.next())?;
                    (u16::from(b0 & 0x0F) << 12) | (b1 << 6) | continuation(iter.next())?
                }
                _ => return Err(ErrorKind::BadUtf8),
            };
            units.push(unit);
        }
        Ok(char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect())
    }

    proptest::proptest! {
        /// Pieces of modified UTF-8 (ASCII, encoded NULs, two- and three-byte characters, surrogate halves) and
        /// stray bytes, in any order: decoded as the unit-by-unit decoder did, errors included.
        #[test]
        fn decodes_as_unit_by_unit(pieces in proptest::collection::vec(proptest::prop_oneof![
            proptest::prelude::Just(vec![b'a']),
            proptest::prelude::Just(vec![0xC0, 0x80]),
            proptest::prelude::Just("\u{e9}".as_bytes().to_vec()),
            proptest::prelude::Just("\u{20ac}".as_bytes().to_vec()),
            proptest::prelude::Just(vec![0xED, 0xA0, 0xBD]),
            proptest::prelude::Just(vec![0xED, 0xB8, 0x80]),
            proptest::strategy::Strategy::prop_map(0x80u8..0xF0, |b| vec![b]),
        ], 0..12)) {
            let bytes: Vec<u8> = pieces.concat();
            let expected = match std::str::from_utf8(&bytes) {
                Ok(s) => Ok(s.to_string()),
                Err(_) => decode_by_units(&bytes),
            };
            proptest::prop_assert_eq!(decode(&bytes).map(|c| c.into_owned()), expected);
        }
    }

    #[test]
    fn malformed_sequences_are_errors() {
        assert_eq!(decode(&[0xC0]), Err(ErrorKind::BadUtf8));
        assert_eq!(decode(&[0xE0, 0x80, 0x41]), Err(ErrorKind::BadUtf8));
        assert_eq!(decode(&[0xFF]), Err(ErrorKind::BadUtf8));
    }
}
