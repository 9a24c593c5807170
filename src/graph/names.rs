//! Interning of JVM names in ArchUnit's spelling: internal names and array descriptors become binary names with dots
//! (`java/util/Map$Entry` → `java.util.Map$Entry`, `[Ljava/lang/String;` stays a JVM array name with dots).

use std::cell::RefCell;

use super::intern::{Interner, Sym};
use crate::bytecode::descriptor::{push_binary, Element, MethodDesc, Primitive, TypeDesc};

thread_local! {
    static BUF: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Interns an internal class name or array descriptor in binary form, without allocating when it is known.
pub fn class_name(strings: &Interner, internal: &str) -> Sym {
    if !internal.as_bytes().contains(&b'/') {
        return strings.get_or_intern(internal);
    }
    BUF.with(|buf| {
        let mut buf = buf.borrow_mut();
        buf.clear();
        push_binary(&mut buf, internal);
        strings.get_or_intern(buf.as_str())
    })
}

/// A field type from a descriptor, split into what a dependency needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType<'a> {
    /// `I`, `Z`, ... and `V` (only as a return type).
    Primitive(char),
    /// An object type, internal name without `L` and `;`.
    Object(&'a str),
    /// An array descriptor, e.g. `[[Ljava/lang/String;`.
    Array(&'a str),
}

/// The graph's view of a descriptor type parsed by the class-file layer.
fn view(t: TypeDesc<'_>) -> FieldType<'_> {
    match t.element() {
        _ if t.is_array() => FieldType::Array(t.raw()),
        Element::Class(name) => FieldType::Object(name),
        Element::Primitive(_) => FieldType::Primitive(t.raw().chars().next().unwrap_or('V')),
    }
}

/// Parses a field descriptor; `None` when malformed.
pub fn field_type(desc: &str) -> Option<FieldType<'_>> {
    TypeDesc::parse(desc).ok().map(view)
}

/// Parses a method descriptor into parameter types and return type; `None` when malformed.
pub fn method_types(desc: &str) -> Option<(Vec<FieldType<'_>>, FieldType<'_>)> {
    let m = MethodDesc::parse(desc).ok()?;
    Some((m.parameters.into_iter().map(view).collect(), view(m.return_type)))
}

/// [`method_types`] handed to `f` one by one (return type first, then each parameter) without a second list: the
/// build needs them for every method of every target. Nothing is handed over when the descriptor is malformed.
pub fn for_each_method_type<'d>(desc: &'d str, mut f: impl FnMut(Position, FieldType<'d>)) {
    if let Ok(m) = MethodDesc::parse(desc) {
        f(Position::Return, view(m.return_type));
        for p in m.parameters {
            f(Position::Parameter, view(p));
        }
    }
}

/// Where a type sits in a method descriptor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    Return,
    Parameter,
}

pub fn primitive_name(c: char) -> &'static str {
    u8::try_from(c).ok().and_then(Primitive::from_descriptor).unwrap_or(Primitive::Void).name()
}

/// ArchUnit's name of a field type: `int`, `java.lang.String`, `[Ljava.lang.String;`.
pub fn type_name(t: FieldType<'_>) -> String {
    match t {
        FieldType::Primitive(c) => primitive_name(c).to_string(),
        FieldType::Object(n) | FieldType::Array(n) => n.replace('/', "."),
    }
}

/// The component types of an array type that ArchUnit reports (rule 13): each non-primitive level below the top,
/// e.g. `[[Ljava/lang/String;` → `[Ljava/lang/String;`, `java/lang/String`; `[[C` → `[C`; `[I` → nothing.
pub fn array_components(array: &str) -> impl Iterator<Item = &str> {
    TypeDesc::parse(array).into_iter().flat_map(|t| t.component_types()).filter_map(|t| t.internal_name())
}

/// Parameter list in ArchUnit's method naming: `(int, [Ljava.lang.String;, java.util.List)`.
pub fn parameter_list(desc: &str) -> String {
    MethodDesc::parse(desc).map(|m| m.parameter_names()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn method_descriptor_splits_params_and_return() {
        let (p, r) = method_types("(I[[Ljava/lang/String;Ljava/util/List;)V").unwrap();
        assert_eq!(
            p,
            vec![
                FieldType::Primitive('I'),
                FieldType::Array("[[Ljava/lang/String;"),
                FieldType::Object("java/util/List")
            ]
        );
        assert_eq!(r, FieldType::Primitive('V'));
        assert_eq!(parameter_list("(I[[Ljava/lang/String;J)V"), "int, [[Ljava.lang.String;, long");
        assert!(method_types("(I").is_none());
        assert!(method_types("(Lfoo)V").is_none());
    }

    #[test]
    fn array_components_follow_archunit() {
        assert_eq!(
            array_components("[[Ljava/lang/String;").collect::<Vec<_>>(),
            vec!["[Ljava/lang/String;", "java/lang/String"]
        );
        assert_eq!(array_components("[[C").collect::<Vec<_>>(), vec!["[C"]);
        assert_eq!(array_components("[I").count(), 0);
    }
}
