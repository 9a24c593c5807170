//! A bounds-checked reader over the class bytes. Offsets are absolute (from the start of the class file), so an
//! error deep inside an attribute still points at the right byte.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::error::{ClassFileError, ErrorKind};

pub(crate) type Result<T> = std::result::Result<T, ClassFileError>;

/// Attaches a byte offset to an [`ErrorKind`] produced by code that has no cursor (the constant pool's lazy lookups).
pub(crate) trait At<T> {
    fn at(self, offset: usize) -> Result<T>;
}

impl<T> At<T> for std::result::Result<T, ErrorKind> {
    #[inline]
    fn at(self, offset: usize) -> Result<T> {
        self.map_err(|kind| ClassFileError { offset, kind })
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Cursor<'a> {
    data: &'a [u8],
    pos: usize,
    /// Exclusive end of the readable window (a sub-cursor for one attribute stops at the attribute's end).
    end: usize,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(data: &'a [u8]) -> Self {
        Cursor { data, pos: 0, end: data.len() }
    }

    #[inline]
    pub(crate) fn pos(&self) -> usize {
        self.pos
    }

    #[inline]
    pub(crate) fn err(&self, kind: ErrorKind) -> ClassFileError {
        ClassFileError { offset: self.pos, kind }
    }

    #[inline]
    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = match self.pos.checked_add(n) {
            Some(end) if end <= self.end => end,
            _ => return Err(self.err(ErrorKind::UnexpectedEof)),
        };
        let bytes = self.data.get(self.pos..end).ok_or_else(|| self.err(ErrorKind::UnexpectedEof))?;
        self.pos = end;
        Ok(bytes)
    }

    #[inline]
    fn array<const N: usize>(&mut self) -> Result<[u8; N]> {
        let bytes = self.take(N)?;
        bytes.first_chunk::<N>().copied().ok_or_else(|| self.err(ErrorKind::UnexpectedEof))
    }

    #[inline]
    pub(crate) fn u1(&mut self) -> Result<u8> {
        Ok(u8::from_be_bytes(self.array::<1>()?))
    }

    #[inline]
    pub(crate) fn u2(&mut self) -> Result<u16> {
        Ok(u16::from_be_bytes(self.array::<2>()?))
    }

    #[inline]
    pub(crate) fn u4(&mut self) -> Result<u32> {
        Ok(u32::from_be_bytes(self.array::<4>()?))
    }

    #[inline]
    pub(crate) fn skip(&mut self, n: usize) -> Result<()> {
        self.take(n).map(|_| ())
    }

    /// Splits off the next `len` bytes as their own cursor (keeping absolute offsets) and moves past them.
    pub(crate) fn sub(&mut self, len: usize) -> Result<Cursor<'a>> {
        let start = self.pos;
        self.take(len)?;
        Ok(Cursor { data: self.data, pos: start, end: self.pos })
    }

    /// The unread bytes of this window.
    pub(crate) fn rest(&self) -> &'a [u8] {
        self.data.get(self.pos..self.end).unwrap_or_default()
    }
}

/// Big-endian `u16` at `at` in `bytes`, for readers that index a slice directly (the instruction scan).
#[inline]
pub(crate) fn be_u16(bytes: &[u8], at: usize) -> Option<u16> {
    let slice = bytes.get(at..at.checked_add(2)?)?;
    Some(u16::from_be_bytes(*slice.first_chunk::<2>()?))
}

/// Big-endian `u32` at `at` in `bytes`.
#[inline]
pub(crate) fn be_u32(bytes: &[u8], at: usize) -> Option<u32> {
    let slice = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_be_bytes(*slice.first_chunk::<4>()?))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::expect_used)] // tests may panic
mod tests {
    use super::*;

    #[test]
    fn reads_big_endian_and_reports_eof_offset() {
        let mut c = Cursor::new(&[0xCA, 0xFE, 0xBA, 0xBE, 0x00, 0x01, 0x02]);
        assert_eq!(c.u4(), Ok(0xCAFE_BABE));
        assert_eq!(c.u2(), Ok(1));
        assert_eq!(c.u2(), Err(ClassFileError { offset: 6, kind: ErrorKind::UnexpectedEof }));
        assert_eq!(c.u1(), Ok(2));
        assert!(c.u1().is_err());
    }

    #[test]
    fn sub_cursor_stops_at_its_window() {
        let mut c = Cursor::new(&[1, 2, 3, 4]);
        let mut sub = c.sub(2).unwrap();
        assert_eq!(c.pos(), 2);
        assert_eq!(sub.u2(), Ok(0x0102));
        assert_eq!(sub.u1().unwrap_err().offset, 2);
        assert!(c.sub(3).is_err());
        assert_eq!(be_u16(&[0, 5], 0), Some(5));
        assert_eq!(be_u32(&[0, 5], 0), None);
    }
}
