//! `Runtime(In)Visible(Parameter)Annotations` and `AnnotationDefault` (JVMS 4.7.16–4.7.22).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::constant_pool::ConstantPool;
use super::cursor::{At, Cursor, Result};
use super::error::ErrorKind;
use super::model::{Annotation, ConstValue, ElementValue};

/// Nested annotations and arrays deeper than this are rejected rather than risking the stack on crafted input.
const MAX_NESTING: u32 = 64;

/// `RuntimeVisibleAnnotations` / `RuntimeInvisibleAnnotations`: appends to `out`.
pub(crate) fn read_annotations<'a>(
    cur: &mut Cursor<'a>,
    cp: &ConstantPool<'a>,
    visible: bool,
    out: &mut Vec<Annotation<'a>>,
) -> Result<()> {
    let count = cur.u2()?;
    out.reserve(usize::from(count));
    for _ in 0..count {
        out.push(read_annotation(cur, cp, visible, 0)?);
    }
    Ok(())
}

/// `Runtime*ParameterAnnotations`: merges into `out` by parameter position, growing it as needed.
pub(crate) fn read_parameter_annotations<'a>(
    cur: &mut Cursor<'a>,
    cp: &ConstantPool<'a>,
    visible: bool,
    out: &mut Vec<Vec<Annotation<'a>>>,
) -> Result<()> {
    let parameters = usize::from(cur.u1()?);
    if out.len() < parameters {
        out.resize_with(parameters, Vec::new);
    }
    for parameter in out.iter_mut().take(parameters) {
        read_annotations(cur, cp, visible, parameter)?;
    }
    Ok(())
}

fn read_annotation<'a>(
    cur: &mut Cursor<'a>,
    cp: &ConstantPool<'a>,
    visible: bool,
    depth: u32,
) -> Result<Annotation<'a>> {
    let at = cur.pos();
    let type_descriptor = cp.utf8(cur.u2()?).at(at)?;
    let pairs = cur.u2()?;
    let mut elements = Vec::with_capacity(usize::from(pairs));
    for _ in 0..pairs {
        let at = cur.pos();
        let name = cp.utf8(cur.u2()?).at(at)?;
        elements.push((name, read_element_value(cur, cp, visible, depth)?));
    }
    Ok(Annotation { type_descriptor, visible, elements })
}

/// One `element_value`; `visible` is inherited by nested annotations.
pub(crate) fn read_element_value<'a>(
    cur: &mut Cursor<'a>,
    cp: &ConstantPool<'a>,
    visible: bool,
    depth: u32,
) -> Result<ElementValue<'a>> {
    if depth > MAX_NESTING {
        return Err(cur.err(ErrorKind::BadAttribute("annotation nesting too deep")));
    }
    let tag_at = cur.pos();
    let tag = cur.u1()?;
    let at = cur.pos();
    let index = if tag == b'@' || tag == b'[' { 0 } else { cur.u2()? };
    let value = match tag {
        b'B' => ConstValue::Byte(cp.integer(index).at(at)? as i8),
        b'C' => ConstValue::Char(cp.integer(index).at(at)? as u16),
        b'S' => ConstValue::Short(cp.integer(index).at(at)? as i16),
        b'Z' => ConstValue::Boolean(cp.integer(index).at(at)? != 0),
        b'I' => ConstValue::Int(cp.integer(index).at(at)?),
        b'J' => ConstValue::Long(cp.long(index).at(at)?),
        b'F' => ConstValue::Float(cp.float(index).at(at)?),
        b'D' => ConstValue::Double(cp.double(index).at(at)?),
        // Unlike `ConstantValue`, a string element points straight at a `CONSTANT_Utf8`.
        b's' => ConstValue::String(cp.utf8(index).at(at)?),
        b'e' => {
            let type_descriptor = cp.utf8(index).at(at)?;
            let at = cur.pos();
            let name = cp.utf8(cur.u2()?).at(at)?;
            return Ok(ElementValue::Enum { type_descriptor, name });
        }
        b'c' => return Ok(ElementValue::Class(cp.utf8(index).at(at)?)),
        b'@' => return Ok(ElementValue::Annotation(read_annotation(cur, cp, visible, depth + 1)?)),
        b'[' => {
            let count = cur.u2()?;
            // Each value takes at least three bytes; do not trust `count` for the allocation.
            let mut values = Vec::with_capacity(usize::from(count).min(cur.rest().len() / 3));
            for _ in 0..count {
                values.push(read_element_value(cur, cp, visible, depth + 1)?);
            }
            return Ok(ElementValue::Array(values));
        }
        other => {
            return Err(super::ClassFileError {
                offset: tag_at,
                kind: ErrorKind::BadElementValueTag(char::from(other)),
            })
        }
    };
    Ok(ElementValue::Const(value))
}
