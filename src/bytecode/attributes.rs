//! The attributes archrules reads, per holder (class, field, method, record component). Unknown attributes and
//! type annotations are skipped by length; `Code` and `BootstrapMethods` are handed back raw for the instruction scan.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::annotations::{read_annotations, read_element_value, read_parameter_annotations};
use super::constant_pool::ConstantPool;
use super::cursor::{At, Cursor, Result};
use super::model::{ClassFile, EnclosingMethod, Field, InnerClass, Method, RecordComponent, Str};

/// Calls `f(name, body)` for each attribute of an `attributes_count`-prefixed table.
pub(crate) fn for_each<'a>(
    cur: &mut Cursor<'a>,
    cp: &ConstantPool<'a>,
    mut f: impl FnMut(&'a [u8], Cursor<'a>) -> Result<()>,
) -> Result<()> {
    let count = cur.u2()?;
    for _ in 0..count {
        let at = cur.pos();
        let name = cp.utf8_bytes(cur.u2()?).at(at)?;
        let len = cur.u4()? as usize;
        let body = cur.sub(len)?;
        f(name, body)?;
    }
    Ok(())
}

fn class_list<'a>(cur: &mut Cursor<'a>, cp: &ConstantPool<'a>, out: &mut Vec<Str<'a>>) -> Result<()> {
    let count = cur.u2()?;
    out.reserve(usize::from(count));
    for _ in 0..count {
        let at = cur.pos();
        out.push(cp.class(cur.u2()?).at(at)?);
    }
    Ok(())
}

fn utf8<'a>(cur: &mut Cursor<'a>, cp: &ConstantPool<'a>) -> Result<Str<'a>> {
    let at = cur.pos();
    cp.utf8(cur.u2()?).at(at)
}

/// The class's `BootstrapMethods` attribute: each entry's method-handle index and its raw argument indexes.
#[derive(Debug, Default)]
pub(crate) struct Bootstraps<'a> {
    pub(crate) entries: Vec<(u16, Cursor<'a>)>,
}

fn read_bootstraps<'a>(mut cur: Cursor<'a>) -> Result<Bootstraps<'a>> {
    let count = cur.u2()?;
    let mut entries = Vec::with_capacity(usize::from(count).min(cur.rest().len() / 4));
    for _ in 0..count {
        let method_ref = cur.u2()?;
        let args = usize::from(cur.u2()?) * 2;
        entries.push((method_ref, cur.sub(args)?));
    }
    Ok(Bootstraps { entries })
}

/// Class attributes (JVMS 4.7, table 4.7-C), filling `class`.
pub(crate) fn read_class_attributes<'a>(
    cur: &mut Cursor<'a>,
    cp: &ConstantPool<'a>,
    class: &mut ClassFile<'a>,
) -> Result<Bootstraps<'a>> {
    let mut bootstraps = Bootstraps::default();
    for_each(cur, cp, |name, mut body| {
        match name {
            b"SourceFile" => class.source_file = Some(utf8(&mut body, cp)?),
            b"Signature" => class.signature = Some(utf8(&mut body, cp)?),
            b"Deprecated" => class.deprecated_attribute = true,
            b"ScalaSig" | b"Scala" => class.scala_attribute = true,
            b"RuntimeVisibleAnnotations" => read_annotations(&mut body, cp, true, &mut class.annotations)?,
            b"RuntimeInvisibleAnnotations" => read_annotations(&mut body, cp, false, &mut class.annotations)?,
            b"InnerClasses" => {
                let count = body.u2()?;
                class.inner_classes.reserve(usize::from(count));
                for _ in 0..count {
                    let at = body.pos();
                    let inner = cp.class(body.u2()?).at(at)?;
                    let at = body.pos();
                    let outer = cp.class_opt(body.u2()?).at(at)?;
                    let at = body.pos();
                    let simple_name = cp.utf8_opt(body.u2()?).at(at)?;
                    let access = body.u2()?;
                    class.inner_classes.push(InnerClass { inner, outer, simple_name, access });
                }
            }
            b"EnclosingMethod" => {
                let at = body.pos();
                let enclosing = cp.class(body.u2()?).at(at)?;
                let at = body.pos();
                let method_index = body.u2()?;
                let method = if method_index == 0 { None } else { Some(cp.name_and_type(method_index).at(at)?) };
                class.enclosing_method = Some(EnclosingMethod { class: enclosing, method });
            }
            b"NestHost" => {
                let at = body.pos();
                class.nest_host = Some(cp.class(body.u2()?).at(at)?);
            }
            b"NestMembers" => class_list(&mut body, cp, &mut class.nest_members)?,
            b"PermittedSubclasses" => class_list(&mut body, cp, &mut class.permitted_subclasses)?,
            b"Record" => {
                let count = body.u2()?;
                for _ in 0..count {
                    class.record_components.push(read_record_component(&mut body, cp)?);
                }
            }
            b"Module" => {
                let at = body.pos();
                class.module_name = Some(cp.module_or_package(body.u2()?).at(at)?);
            }
            b"BootstrapMethods" => bootstraps = read_bootstraps(body)?,
            _ => {}
        }
        Ok(())
    })?;
    Ok(bootstraps)
}

fn read_record_component<'a>(cur: &mut Cursor<'a>, cp: &ConstantPool<'a>) -> Result<RecordComponent<'a>> {
    let name = utf8(cur, cp)?;
    let descriptor = utf8(cur, cp)?;
    let mut component = RecordComponent { name, descriptor, signature: None, annotations: Vec::new() };
    for_each(cur, cp, |name, mut body| {
        match name {
            b"Signature" => component.signature = Some(utf8(&mut body, cp)?),
            b"RuntimeVisibleAnnotations" => read_annotations(&mut body, cp, true, &mut component.annotations)?,
            b"RuntimeInvisibleAnnotations" => read_annotations(&mut body, cp, false, &mut component.annotations)?,
            _ => {}
        }
        Ok(())
    })?;
    Ok(component)
}

/// A `field_info` (JVMS 4.5).
pub(crate) fn read_field<'a>(cur: &mut Cursor<'a>, cp: &ConstantPool<'a>) -> Result<Field<'a>> {
    let access = cur.u2()?;
    let name = utf8(cur, cp)?;
    let descriptor = utf8(cur, cp)?;
    let mut field = Field { access, name, descriptor, ..Field::default() };
    for_each(cur, cp, |name, mut body| {
        match name {
            b"ConstantValue" => {
                let at = body.pos();
                field.constant_value = Some(cp.constant_value(body.u2()?, &field.descriptor).at(at)?);
            }
            b"Signature" => field.signature = Some(utf8(&mut body, cp)?),
            b"Deprecated" => field.deprecated_attribute = true,
            b"RuntimeVisibleAnnotations" => read_annotations(&mut body, cp, true, &mut field.annotations)?,
            b"RuntimeInvisibleAnnotations" => read_annotations(&mut body, cp, false, &mut field.annotations)?,
            _ => {}
        }
        Ok(())
    })?;
    Ok(field)
}

/// A `method_info` (JVMS 4.6). The `Code` attribute's body is returned undecoded: its `invokedynamic`s need the
/// class's `BootstrapMethods`, which come after the methods.
pub(crate) fn read_method<'a>(cur: &mut Cursor<'a>, cp: &ConstantPool<'a>) -> Result<(Method<'a>, Option<Cursor<'a>>)> {
    let access = cur.u2()?;
    let name = utf8(cur, cp)?;
    let descriptor = utf8(cur, cp)?;
    let mut method = Method { access, name, descriptor, ..Method::default() };
    let mut code = None;
    for_each(cur, cp, |name, mut body| {
        match name {
            b"Code" => code = Some(body),
            b"Exceptions" => class_list(&mut body, cp, &mut method.exceptions)?,
            b"Signature" => method.signature = Some(utf8(&mut body, cp)?),
            b"Deprecated" => method.deprecated_attribute = true,
            b"RuntimeVisibleAnnotations" => read_annotations(&mut body, cp, true, &mut method.annotations)?,
            b"RuntimeInvisibleAnnotations" => read_annotations(&mut body, cp, false, &mut method.annotations)?,
            b"RuntimeVisibleParameterAnnotations" => {
                read_parameter_annotations(&mut body, cp, true, &mut method.parameter_annotations)?
            }
            b"RuntimeInvisibleParameterAnnotations" => {
                read_parameter_annotations(&mut body, cp, false, &mut method.parameter_annotations)?
            }
            b"AnnotationDefault" => method.annotation_default = Some(read_element_value(&mut body, cp, true, 0)?),
            _ => {}
        }
        Ok(())
    })?;
    Ok((method, code))
}
