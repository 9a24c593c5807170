//! Class-file reading: a borrowing, bounds-checked reader and the instruction scan.
//!
//! [`parse`] reads one class file into a [`ClassFile`] that borrows its strings from the input bytes. Every read is
//! bounds-checked; malformed input gives a [`ClassFileError`] with the byte offset, never a panic. Descriptor and
//! generic-signature helpers live in [`descriptor`] and [`signature`].
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

mod annotations;
mod attributes;
mod code;
mod constant_pool;
mod cursor;
pub mod descriptor;
mod error;
mod model;
pub mod mutf8;
pub mod signature;

pub use error::{ClassFileError, ErrorKind, SyntaxError};
pub use model::*;

use constant_pool::ConstantPool;
use cursor::{At, Cursor};

const MAGIC: u32 = 0xCAFE_BABE;

/// Reads one class file. With [`Depth::Header`] the `Code` attributes are skipped undecoded.
///
/// Any major version is accepted: the reader relies only on structures that have kept their layout since Java 1.0,
/// and skips attributes it does not know, so newer class files read on a best-effort basis.
pub fn parse(bytes: &[u8], depth: Depth) -> Result<ClassFile<'_>, ClassFileError> {
    let mut cur = Cursor::new(bytes);
    let magic = cur.u4()?;
    if magic != MAGIC {
        return Err(ClassFileError { offset: 0, kind: ErrorKind::BadMagic(magic) });
    }
    let minor_version = cur.u2()?;
    let major_version = cur.u2()?;
    let cp = ConstantPool::read(&mut cur, bytes)?;
    let access = cur.u2()?;
    let at = cur.pos();
    let name = cp.class(cur.u2()?).at(at)?;
    let at = cur.pos();
    let super_class = cp.class_opt(cur.u2()?).at(at)?;
    let interface_count = cur.u2()?;
    let mut interfaces = Vec::with_capacity(usize::from(interface_count));
    for _ in 0..interface_count {
        let at = cur.pos();
        interfaces.push(cp.class(cur.u2()?).at(at)?);
    }
    let mut class =
        ClassFile { minor_version, major_version, access, name, super_class, interfaces, ..ClassFile::default() };

    let field_count = cur.u2()?;
    class.fields.reserve(usize::from(field_count));
    for _ in 0..field_count {
        class.fields.push(attributes::read_field(&mut cur, &cp)?);
    }
    let method_count = cur.u2()?;
    class.methods.reserve(usize::from(method_count));
    let mut codes = Vec::with_capacity(usize::from(method_count));
    for index in 0..usize::from(method_count) {
        let (method, code) = attributes::read_method(&mut cur, &cp)?;
        class.methods.push(method);
        if let (Depth::Full, Some(code)) = (depth, code) {
            codes.push((index, code));
        }
    }
    let bootstraps = attributes::read_class_attributes(&mut cur, &cp, &mut class)?;
    let mut checked = code::CheckedRefs::new(cp.len());
    class.code_refs = code::SCAN_BUFFERS.with_borrow_mut(|buffers| -> Result<Vec<CodeRef>, ClassFileError> {
        buffers.refs.clear();
        for (index, body) in codes {
            let code = code::scan(body, &cp, &bootstraps, &mut checked, buffers)?;
            if let Some(method) = class.methods.get_mut(index) {
                method.code = Some(code);
            }
        }
        Ok(buffers.refs.to_vec())
    })?;
    class.pool = cp;
    class.checked_refs = checked;
    Ok(class)
}
