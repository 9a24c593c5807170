//! The constant pool (JVMS 4.4): one pass records where each entry starts; entries are decoded only when looked up.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::cursor::{be_u16, be_u32, Cursor, Result};
use super::error::{ClassFileError, ErrorKind};
use super::model::{ConstValue, Str};
use super::mutf8;

pub(crate) mod tag {
    pub const UTF8: u8 = 1;
    pub const INTEGER: u8 = 3;
    pub const FLOAT: u8 = 4;
    pub const LONG: u8 = 5;
    pub const DOUBLE: u8 = 6;
    pub const CLASS: u8 = 7;
    pub const STRING: u8 = 8;
    pub const FIELDREF: u8 = 9;
    pub const METHODREF: u8 = 10;
    pub const INTERFACE_METHODREF: u8 = 11;
    pub const NAME_AND_TYPE: u8 = 12;
    pub const METHOD_HANDLE: u8 = 15;
    pub const METHOD_TYPE: u8 = 16;
    pub const DYNAMIC: u8 = 17;
    pub const INVOKE_DYNAMIC: u8 = 18;
    pub const MODULE: u8 = 19;
    pub const PACKAGE: u8 = 20;
}

type Lookup<T> = std::result::Result<T, ErrorKind>;

/// Bytes after the tag byte, by tag; 0 for tags that are no constant. A `Utf8`'s 2 are its length, its text follows.
const PAYLOAD: [u8; 21] = payload_sizes();

// Const-evaluated: an out-of-range index would fail the build, not a run.
#[allow(clippy::indexing_slicing)]
const fn payload_sizes() -> [u8; 21] {
    let sizes = [
        (tag::UTF8, 2),
        (tag::INTEGER, 4),
        (tag::FLOAT, 4),
        (tag::LONG, 8),
        (tag::DOUBLE, 8),
        (tag::CLASS, 2),
        (tag::STRING, 2),
        (tag::FIELDREF, 4),
        (tag::METHODREF, 4),
        (tag::INTERFACE_METHODREF, 4),
        (tag::NAME_AND_TYPE, 4),
        (tag::METHOD_HANDLE, 3),
        (tag::METHOD_TYPE, 2),
        (tag::DYNAMIC, 4),
        (tag::INVOKE_DYNAMIC, 4),
        (tag::MODULE, 2),
        (tag::PACKAGE, 2),
    ];
    let mut t = [0u8; 21];
    let mut i = 0;
    while i < sizes.len() {
        let (tag, size): (u8, u8) = sizes[i];
        t[tag as usize] = size;
        i += 1;
    }
    t
}

#[derive(Debug, Clone, Default)]
pub(crate) struct ConstantPool<'a> {
    data: &'a [u8],
    /// Offset of each entry's tag byte, by index. 0 marks an unusable slot: index 0 and the slot after a
    /// Long or Double (offset 0 is the magic number, never an entry).
    offsets: Vec<u32>,
}

impl<'a> ConstantPool<'a> {
    /// Reads `constant_pool_count` and walks the entries, checking that each fits in the data. This runs for every
    /// class at every depth, so it indexes the slice directly instead of going through the cursor.
    pub(crate) fn read(cur: &mut Cursor<'a>, data: &'a [u8]) -> Result<Self> {
        let count = usize::from(cur.u2()?);
        let mut offsets = vec![0u32; count];
        let mut pos = cur.pos();
        let mut index = 1usize;
        while index < count {
            let eof = || ClassFileError { offset: pos, kind: ErrorKind::UnexpectedEof };
            let tag = *data.get(pos).ok_or_else(eof)?;
            // Sizes from a table and selects rather than a `match`: the tags follow no pattern, and the jump
            // table's mispredictions were half of this loop's time.
            let fixed = PAYLOAD.get(usize::from(tag)).copied().unwrap_or(0);
            if fixed == 0 {
                return Err(ClassFileError { offset: pos, kind: ErrorKind::UnknownConstantTag(tag) });
            }
            let utf8_len = be_u16(data, pos + 1).map_or(0, usize::from);
            let size = usize::from(fixed) + if tag == tag::UTF8 { utf8_len } else { 0 };
            if pos + 1 + size > data.len() {
                return Err(eof());
            }
            if let Some(slot) = offsets.get_mut(index) {
                // Class files are far below 4 GiB; an offset that does not fit cannot have been read.
                *slot = u32::try_from(pos).map_err(|_| eof())?;
            }
            pos += 1 + size;
            // Long and Double take two slots (JVMS 4.4.5); the second stays unusable.
            index += 1 + usize::from(tag == tag::LONG || tag == tag::DOUBLE);
        }
        cur.skip(pos - cur.pos())?;
        Ok(ConstantPool { data, offsets })
    }

    /// The number of slots, `constant_pool_count`.
    pub(crate) fn len(&self) -> usize {
        self.offsets.len()
    }

    /// The tag of entry `index`, or `None` when the index is not a usable entry.
    pub(crate) fn tag(&self, index: u16) -> Option<u8> {
        let offset = *self.offsets.get(usize::from(index))?;
        if offset == 0 {
            return None;
        }
        self.data.get(offset as usize).copied()
    }

    /// Offset of the payload (after the tag byte) of entry `index`, which must have one of `tags`.
    #[inline]
    fn payload(&self, index: u16, tags: &[u8]) -> Lookup<usize> {
        let offset = match self.offsets.get(usize::from(index)) {
            Some(&offset) if offset != 0 => offset as usize,
            _ => return Err(ErrorKind::BadConstantPoolIndex(index)),
        };
        let tag = self.data.get(offset).copied().ok_or(ErrorKind::BadConstantPoolIndex(index))?;
        if tags.contains(&tag) {
            Ok(offset + 1)
        } else {
            Err(ErrorKind::WrongConstantType(index))
        }
    }

    #[inline]
    fn u2_at(&self, at: usize) -> Lookup<u16> {
        be_u16(self.data, at).ok_or(ErrorKind::UnexpectedEof)
    }

    #[inline]
    fn u4_at(&self, at: usize) -> Lookup<u32> {
        be_u32(self.data, at).ok_or(ErrorKind::UnexpectedEof)
    }

    // Fast paths. Nearly every lookup is of a well-formed ASCII constant; these return plain `&str`s in an
    // `Option` (pointer niche), and the callers fall back to the checked, decoding path with its error kinds only
    // when they fail. Returning `Result<Cow<str>, ErrorKind>` from the hot lookups made the instruction scan stall
    // on store forwarding (the niche check reads a misaligned word of the just-written result).

    /// Tag and payload offset of entry `index`, unchecked against any expected tag.
    #[inline(always)]
    fn entry(&self, index: u16) -> Option<(u8, usize)> {
        let offset = *self.offsets.get(usize::from(index))? as usize;
        if offset == 0 {
            return None;
        }
        Some((*self.data.get(offset)?, offset + 1))
    }

    #[inline(always)]
    fn ascii_utf8(&self, index: u16) -> Option<&'a str> {
        let (tag, at) = self.entry(index)?;
        if tag != tag::UTF8 {
            return None;
        }
        let len = usize::from(be_u16(self.data, at)?);
        mutf8::ascii(self.data.get(at + 2..at + 2 + len)?)
    }

    #[inline(always)]
    pub(crate) fn ascii_class(&self, index: u16) -> Option<&'a str> {
        let (tag, at) = self.entry(index)?;
        if tag != tag::CLASS {
            return None;
        }
        self.ascii_utf8(be_u16(self.data, at)?)
    }

    #[inline(always)]
    pub(crate) fn ascii_member_ref(&self, index: u16) -> Option<(&'a str, &'a str, &'a str)> {
        let (tag, at) = self.entry(index)?;
        if !(tag::FIELDREF..=tag::INTERFACE_METHODREF).contains(&tag) {
            return None;
        }
        let owner = self.ascii_class(be_u16(self.data, at)?)?;
        let (tag, at) = self.entry(be_u16(self.data, at + 2)?)?;
        if tag != tag::NAME_AND_TYPE {
            return None;
        }
        Some((owner, self.ascii_utf8(be_u16(self.data, at)?)?, self.ascii_utf8(be_u16(self.data, at + 2)?)?))
    }

    /// The raw bytes of a `CONSTANT_Utf8`, for comparing attribute names without decoding.
    #[inline]
    pub(crate) fn utf8_bytes(&self, index: u16) -> Lookup<&'a [u8]> {
        let at = self.payload(index, &[tag::UTF8])?;
        let len = usize::from(self.u2_at(at)?);
        self.data.get(at + 2..at + 2 + len).ok_or(ErrorKind::UnexpectedEof)
    }

    #[inline]
    pub(crate) fn utf8(&self, index: u16) -> Lookup<Str<'a>> {
        match self.ascii_utf8(index) {
            Some(s) => Ok(Str::Borrowed(s)),
            None => self.utf8_checked(index),
        }
    }

    #[cold]
    fn utf8_checked(&self, index: u16) -> Lookup<Str<'a>> {
        mutf8::decode(self.utf8_bytes(index)?)
    }

    /// `None` for index 0 (optional references such as `super_class` of `java/lang/Object`).
    pub(crate) fn utf8_opt(&self, index: u16) -> Lookup<Option<Str<'a>>> {
        if index == 0 {
            Ok(None)
        } else {
            self.utf8(index).map(Some)
        }
    }

    /// The internal name of a `CONSTANT_Class`.
    #[inline]
    pub(crate) fn class(&self, index: u16) -> Lookup<Str<'a>> {
        match self.ascii_class(index) {
            Some(s) => Ok(Str::Borrowed(s)),
            None => self.class_checked(index),
        }
    }

    #[cold]
    fn class_checked(&self, index: u16) -> Lookup<Str<'a>> {
        let at = self.payload(index, &[tag::CLASS])?;
        self.utf8(self.u2_at(at)?)
    }

    pub(crate) fn class_opt(&self, index: u16) -> Lookup<Option<Str<'a>>> {
        if index == 0 {
            Ok(None)
        } else {
            self.class(index).map(Some)
        }
    }

    /// `(name, descriptor)` of a `CONSTANT_NameAndType`.
    pub(crate) fn name_and_type(&self, index: u16) -> Lookup<(Str<'a>, Str<'a>)> {
        let at = self.payload(index, &[tag::NAME_AND_TYPE])?;
        Ok((self.utf8(self.u2_at(at)?)?, self.utf8(self.u2_at(at + 2)?)?))
    }

    /// `(owner, name, descriptor)` of a field, method or interface-method reference.
    #[inline]
    pub(crate) fn member_ref(&self, index: u16) -> Lookup<(Str<'a>, Str<'a>, Str<'a>)> {
        match self.ascii_member_ref(index) {
            Some((owner, name, descriptor)) => {
                Ok((Str::Borrowed(owner), Str::Borrowed(name), Str::Borrowed(descriptor)))
            }
            None => self.member_ref_checked(index),
        }
    }

    #[cold]
    fn member_ref_checked(&self, index: u16) -> Lookup<(Str<'a>, Str<'a>, Str<'a>)> {
        let at = self.payload(index, &[tag::FIELDREF, tag::METHODREF, tag::INTERFACE_METHODREF])?;
        let owner = self.class(self.u2_at(at)?)?;
        let (name, descriptor) = self.name_and_type(self.u2_at(at + 2)?)?;
        Ok((owner, name, descriptor))
    }

    /// `(reference_kind, reference_index)` of a `CONSTANT_MethodHandle`.
    pub(crate) fn method_handle(&self, index: u16) -> Lookup<(u8, u16)> {
        let at = self.payload(index, &[tag::METHOD_HANDLE])?;
        let kind = self.data.get(at).copied().ok_or(ErrorKind::UnexpectedEof)?;
        Ok((kind, self.u2_at(at + 1)?))
    }

    /// `(bootstrap_method_attr_index, name_and_type_index)` of a `CONSTANT_InvokeDynamic` or `CONSTANT_Dynamic`.
    pub(crate) fn dynamic(&self, index: u16, tag: u8) -> Lookup<(u16, u16)> {
        let at = self.payload(index, &[tag])?;
        Ok((self.u2_at(at)?, self.u2_at(at + 2)?))
    }

    /// The name of a `CONSTANT_Module` or `CONSTANT_Package`.
    pub(crate) fn module_or_package(&self, index: u16) -> Lookup<Str<'a>> {
        let at = self.payload(index, &[tag::MODULE, tag::PACKAGE])?;
        self.utf8(self.u2_at(at)?)
    }

    pub(crate) fn integer(&self, index: u16) -> Lookup<i32> {
        let at = self.payload(index, &[tag::INTEGER])?;
        Ok(self.u4_at(at)? as i32)
    }

    pub(crate) fn float(&self, index: u16) -> Lookup<f32> {
        let at = self.payload(index, &[tag::FLOAT])?;
        Ok(f32::from_bits(self.u4_at(at)?))
    }

    pub(crate) fn long(&self, index: u16) -> Lookup<i64> {
        let at = self.payload(index, &[tag::LONG])?;
        Ok((u64::from(self.u4_at(at)?) << 32 | u64::from(self.u4_at(at + 4)?)) as i64)
    }

    pub(crate) fn double(&self, index: u16) -> Lookup<f64> {
        let at = self.payload(index, &[tag::DOUBLE])?;
        Ok(f64::from_bits(u64::from(self.u4_at(at)?) << 32 | u64::from(self.u4_at(at + 4)?)))
    }

    /// The text of a `CONSTANT_String`.
    pub(crate) fn string(&self, index: u16) -> Lookup<Str<'a>> {
        let at = self.payload(index, &[tag::STRING])?;
        self.utf8(self.u2_at(at)?)
    }

    /// A `ConstantValue` attribute's constant; `descriptor` (the field's) tells `int` from `byte`/`char`/`short`/`boolean`,
    /// which all share `CONSTANT_Integer`.
    pub(crate) fn constant_value(&self, index: u16, descriptor: &str) -> Lookup<ConstValue<'a>> {
        Ok(match self.tag(index) {
            Some(tag::INTEGER) => {
                let v = self.integer(index)?;
                match descriptor {
                    "B" => ConstValue::Byte(v as i8),
                    "C" => ConstValue::Char(v as u16),
                    "S" => ConstValue::Short(v as i16),
                    "Z" => ConstValue::Boolean(v != 0),
                    _ => ConstValue::Int(v),
                }
            }
            Some(tag::LONG) => ConstValue::Long(self.long(index)?),
            Some(tag::FLOAT) => ConstValue::Float(self.float(index)?),
            Some(tag::DOUBLE) => ConstValue::Double(self.double(index)?),
            Some(tag::STRING) => ConstValue::String(self.string(index)?),
            Some(_) => return Err(ErrorKind::WrongConstantType(index)),
            None => return Err(ErrorKind::BadConstantPoolIndex(index)),
        })
    }
}
