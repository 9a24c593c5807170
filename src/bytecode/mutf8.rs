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

/// Decodes to UTF-16 code units, then pairs surrogates; a lone surrogate becomes U+FFFD (Java allows them in
/// strings, Rust does not).
fn decode_slow(bytes: &[u8]) -> Result<String, ErrorKind> {
    let mut units: Vec<u16> = Vec::with_capacity(bytes.len());
    let mut iter = bytes.iter().copied();
    while let Some(b0) = iter.next() {
        let unit = match b0 {
            0x00..=0x7F => u16::from(b0),
            0xC0..=0xDF => {
                let b1 = continuation(iter.next())?;
                (u16::from(b0 & 0x1F) << 6) | b1
            }
            0xE0..=0xEF => {
                let b1 = continuation(iter.next())?;
                let b2 = continuation(iter.next())?;
                (u16::from(b0 & 0x0F) << 12) | (b1 << 6) | b2
            }
            _ => return Err(ErrorKind::BadUtf8),
        };
        units.push(unit);
    }
    Ok(char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect())
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

    #[test]
    fn malformed_sequences_are_errors() {
        assert_eq!(decode(&[0xC0]), Err(ErrorKind::BadUtf8));
        assert_eq!(decode(&[0xE0, 0x80, 0x41]), Err(ErrorKind::BadUtf8));
        assert_eq!(decode(&[0xFF]), Err(ErrorKind::BadUtf8));
    }
}
