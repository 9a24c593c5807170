//! Interning of JVM names in ArchUnit's spelling: internal names and array descriptors become binary names with dots
//! (`java/util/Map$Entry` → `java.util.Map$Entry`, `[Ljava/lang/String;` stays a JVM array name with dots).

use std::cell::RefCell;

use super::intern::{Intern, Sym};
use crate::bytecode::descriptor::{parameter_len, push_binary, Element, MethodDesc, Primitive, TypeDesc};

thread_local! {
    static BUF: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Interns an internal class name or array descriptor in binary form, without allocating when it is known.
pub fn class_name(strings: &impl Intern, internal: &str) -> Sym {
    if memchr::memchr(b'/', internal.as_bytes()).is_none() {
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

/// A well-formed method descriptor's parameter types, in order, read in place.
#[derive(Debug, Clone)]
pub struct Params<'a> {
    /// What follows the parameters read so far, up to and including `)`.
    rest: &'a str,
}

impl<'a> Iterator for Params<'a> {
    type Item = FieldType<'a>;

    fn next(&mut self) -> Option<FieldType<'a>> {
        let len = parameter_len(self.rest)?;
        let (param, rest) = self.rest.split_at(len);
        self.rest = rest;
        field_type(param)
    }
}

/// Parameter types and return type of a method descriptor, as [`MethodDesc::parse`] accepts it; `None` when
/// malformed. Read in place, without a list: the build reads every target method's descriptor, and member predicates
/// every method's of the graph.
pub fn method_types(desc: &str) -> Option<(Params<'_>, FieldType<'_>)> {
    let params = desc.strip_prefix('(')?;
    let mut rest = params;
    while !rest.starts_with(')') {
        rest = rest.get(parameter_len(rest)?..)?;
    }
    let ret = field_type(rest.get(1..)?)?;
    Some((Params { rest: params }, ret))
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

/// Method descriptors well-formed and not, for tests that compare in-place readers with the class-file parser.
#[cfg(test)]
pub(crate) const DESCRIPTOR_CASES: &[&str] = &[
    "()V",
    "(I[[Ljava/lang/String;J)V",
    "(Ljava/util/Map$Entry;[I[[Z)Ljava/lang/Object;",
    "(LFoo;)[LBar;",
    "(I",
    "(Lfoo)V",
    "(V)V",
    "([V)V",
    "(L;)V",
    "(I)",
    "(I)VV",
    "(I)[V",
    "I",
    "",
    "(Q)V",
    ")V",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn method_descriptor_splits_params_and_return() {
        let (p, r) = method_types("(I[[Ljava/lang/String;Ljava/util/List;)V").unwrap();
        assert_eq!(
            p.collect::<Vec<_>>(),
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
    fn descriptors_read_as_the_class_file_parser_reads_them() {
        for &desc in DESCRIPTOR_CASES {
            let ours = method_types(desc).map(|(p, r)| (p.collect::<Vec<_>>(), r));
            let parsed = MethodDesc::parse(desc)
                .ok()
                .map(|m| (m.parameters.into_iter().map(view).collect(), view(m.return_type)));
            assert_eq!(ours, parsed, "{desc}");
        }
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
