//! Field and method descriptors (JVMS 4.3) and their names in ArchUnit's wording: binary names with dots and `$`
//! (`java.util.Map$Entry`), primitives by keyword (`int`), array types in JVM form (`[Ljava.lang.String;`, `[[I`).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use std::borrow::Cow;

use super::error::SyntaxError;

/// Internal name to binary name: `java/util/Map$Entry` → `java.util.Map$Entry`; an array descriptor keeps its JVM
/// form with dots (`[Ljava/lang/String;` → `[Ljava.lang.String;`). Borrows when there is no slash.
pub fn internal_to_binary(name: &str) -> Cow<'_, str> {
    if name.contains('/') {
        Cow::Owned(name.replace('/', "."))
    } else {
        Cow::Borrowed(name)
    }
}

/// [`internal_to_binary`] written out without allocating, for names rendered into a buffer. By byte rather than by
/// char or with a char searcher, which measured slower on these short names: a `/` byte is always a whole char in
/// UTF-8.
pub fn write_binary(out: &mut impl std::fmt::Write, internal: &str) -> std::fmt::Result {
    // Most names fit a small buffer: converted there in one vectorised pass and written once, rather than a write
    // per package segment.
    let mut buf = [0u8; 128];
    if let Some(dst) = buf.get_mut(..internal.len()) {
        dst.copy_from_slice(internal.as_bytes());
        dots_for_slashes(dst);
        // SAFETY: `dst` is `internal`, valid UTF-8, through `dots_for_slashes`, which keeps UTF-8 valid.
        return out.write_str(unsafe { std::str::from_utf8_unchecked(dst) });
    }
    let mut start = 0;
    for (i, &b) in internal.as_bytes().iter().enumerate() {
        if b == b'/' {
            out.write_str(internal.get(start..i).unwrap_or_default())?;
            out.write_char('.')?;
            start = i + 1;
        }
    }
    out.write_str(internal.get(start..).unwrap_or_default())
}

/// [`write_binary`] appended to a `String`: copied whole, then each '/' swapped for '.' in place, a loop the compiler
/// vectorises. Class names are converted for nearly every constant a class file names.
pub fn push_binary(out: &mut String, internal: &str) {
    let start = out.len();
    out.push_str(internal);
    // SAFETY: `dots_for_slashes` keeps UTF-8 valid.
    let bytes = unsafe { out.as_mut_vec() };
    dots_for_slashes(bytes.get_mut(start..).unwrap_or_default());
}

/// Swaps every `/` byte for `.`. Both are one-byte ASCII characters, and a byte of either value is never part of a
/// longer UTF-8 sequence, so valid UTF-8 stays valid. A select and an unconditional store, which the compiler
/// vectorises; a conditional store it does not.
fn dots_for_slashes(bytes: &mut [u8]) {
    for b in bytes {
        *b = if *b == b'/' { b'.' } else { *b };
    }
}

/// Length of the parameter type at the start of `s`, as [`MethodDesc::parse`] accepts
/// it: arrays of anything but `void`, `Lname;` with a non-empty name, a primitive letter other than `V`. Lets callers
/// walk a method descriptor in place, without parsing it into a list.
pub fn parameter_len(s: &str) -> Option<usize> {
    // `V` alone is a return type only; `type_len` already refuses arrays of it.
    if s.starts_with('V') {
        return None;
    }
    type_len(s.as_bytes(), 0)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Primitive {
    Boolean,
    Byte,
    Char,
    Short,
    Int,
    Long,
    Float,
    Double,
    /// Only as a method's return type.
    Void,
}

impl Primitive {
    pub fn from_descriptor(c: u8) -> Option<Primitive> {
        Some(match c {
            b'Z' => Primitive::Boolean,
            b'B' => Primitive::Byte,
            b'C' => Primitive::Char,
            b'S' => Primitive::Short,
            b'I' => Primitive::Int,
            b'J' => Primitive::Long,
            b'F' => Primitive::Float,
            b'D' => Primitive::Double,
            b'V' => Primitive::Void,
            _ => return None,
        })
    }

    /// The Java keyword, which is also ArchUnit's name for the type.
    pub fn name(self) -> &'static str {
        match self {
            Primitive::Boolean => "boolean",
            Primitive::Byte => "byte",
            Primitive::Char => "char",
            Primitive::Short => "short",
            Primitive::Int => "int",
            Primitive::Long => "long",
            Primitive::Float => "float",
            Primitive::Double => "double",
            Primitive::Void => "void",
        }
    }
}

/// What an array's dimensions end in, or the type itself when it is not an array.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Element<'a> {
    Primitive(Primitive),
    /// Internal name, e.g. `java/lang/String`.
    Class(&'a str),
}

/// One type of a descriptor, viewed over its text (`I`, `Ljava/lang/String;`, `[[I`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TypeDesc<'a> {
    raw: &'a str,
}

impl<'a> TypeDesc<'a> {
    /// Parses a whole field descriptor (`V` is accepted too, for return types).
    pub fn parse(descriptor: &'a str) -> Result<TypeDesc<'a>, SyntaxError> {
        match type_len(descriptor.as_bytes(), 0) {
            Some(len) if len == descriptor.len() => Ok(TypeDesc { raw: descriptor }),
            _ => Err(error(descriptor, 0)),
        }
    }

    /// The descriptor text.
    pub fn raw(&self) -> &'a str {
        self.raw
    }

    /// Number of array dimensions (0 for a non-array).
    pub fn dimensions(&self) -> usize {
        self.raw.bytes().take_while(|&b| b == b'[').count()
    }

    pub fn is_array(&self) -> bool {
        self.raw.starts_with('[')
    }

    pub fn element(&self) -> Element<'a> {
        let rest = self.raw.trim_start_matches('[');
        match rest.strip_prefix('L').and_then(|r| r.strip_suffix(';')) {
            Some(name) => Element::Class(name),
            // `parse` guaranteed a single primitive letter here.
            None => {
                Element::Primitive(rest.bytes().next().and_then(Primitive::from_descriptor).unwrap_or(Primitive::Void))
            }
        }
    }

    /// The type one array level down (`[[I` → `[I`), `None` for a non-array.
    pub fn component(&self) -> Option<TypeDesc<'a>> {
        self.raw.strip_prefix('[').map(|raw| TypeDesc { raw })
    }

    /// The component types ArchUnit reports for an array (rule 13): every level below this one that is not a
    /// primitive. `[[Ljava/lang/String;` → `[Ljava/lang/String;`, `java/lang/String`; `[[C` → `[C`; `[I` → nothing.
    pub fn component_types(&self) -> impl Iterator<Item = TypeDesc<'a>> {
        std::iter::successors(self.component(), TypeDesc::component)
            .filter(|t| t.is_array() || matches!(t.element(), Element::Class(_)))
    }

    /// The internal name a `CONSTANT_Class` would hold: `java/lang/String`, or the descriptor for an array; `None`
    /// for primitives.
    pub fn internal_name(&self) -> Option<&'a str> {
        match self.element() {
            _ if self.is_array() => Some(self.raw),
            Element::Class(name) => Some(name),
            Element::Primitive(_) => None,
        }
    }

    /// ArchUnit's name: `java.util.Map$Entry`, `int`, `[Ljava.lang.String;`, `[[I`.
    pub fn binary_name(&self) -> Cow<'a, str> {
        match self.element() {
            _ if self.is_array() => internal_to_binary(self.raw),
            Element::Class(name) => internal_to_binary(name),
            Element::Primitive(p) => Cow::Borrowed(p.name()),
        }
    }
}

/// A method descriptor: parameter types and return type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MethodDesc<'a> {
    pub parameters: Vec<TypeDesc<'a>>,
    pub return_type: TypeDesc<'a>,
}

impl<'a> MethodDesc<'a> {
    /// Parses `(ILjava/lang/String;)V`.
    pub fn parse(descriptor: &'a str) -> Result<MethodDesc<'a>, SyntaxError> {
        let bytes = descriptor.as_bytes();
        if bytes.first() != Some(&b'(') {
            return Err(error(descriptor, 0));
        }
        let mut at = 1;
        let mut parameters = Vec::new();
        loop {
            match bytes.get(at) {
                Some(b')') => break,
                Some(b'V') | None => return Err(error(descriptor, at)),
                Some(_) => {
                    let len = type_len(bytes, at).ok_or_else(|| error(descriptor, at))?;
                    let raw = descriptor.get(at..at + len).ok_or_else(|| error(descriptor, at))?;
                    parameters.push(TypeDesc { raw });
                    at += len;
                }
            }
        }
        let rest = descriptor.get(at + 1..).ok_or_else(|| error(descriptor, at))?;
        let return_type = TypeDesc::parse(rest).map_err(|_| error(descriptor, at + 1))?;
        Ok(MethodDesc { parameters, return_type })
    }

    /// ArchUnit's parameter list: `int, [Ljava.lang.String;, java.util.Map$Entry` (without parentheses).
    pub fn parameter_names(&self) -> String {
        let names: Vec<Cow<'_, str>> = self.parameters.iter().map(TypeDesc::binary_name).collect();
        names.join(", ")
    }
}

/// Length of the field type starting at `at` (or `V`), or `None` if malformed.
fn type_len(bytes: &[u8], at: usize) -> Option<usize> {
    let dims = bytes.get(at..)?.iter().take_while(|&&b| b == b'[').count();
    let start = at + dims;
    let len = match *bytes.get(start)? {
        b'L' => {
            // memchr: class names run to dozens of bytes, and every descriptor of every class is walked.
            let semi = memchr::memchr(b';', bytes.get(start..)?)?;
            // An empty class name (`L;`) is malformed.
            if semi < 2 {
                return None;
            }
            semi + 1
        }
        b'V' if dims > 0 => return None,
        c => {
            Primitive::from_descriptor(c)?;
            1
        }
    };
    Some(dims + len)
}

fn error(text: &str, offset: usize) -> SyntaxError {
    SyntaxError { what: "descriptor", text: text.to_owned(), offset }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::expect_used)] // tests may panic
mod tests {
    use super::*;

    #[test]
    fn binary_names_follow_archunit() {
        let name = |d: &str| TypeDesc::parse(d).unwrap().binary_name().into_owned();
        assert_eq!(name("I"), "int");
        assert_eq!(name("Z"), "boolean");
        assert_eq!(name("Ljava/util/Map$Entry;"), "java.util.Map$Entry");
        assert_eq!(name("[Ljava/lang/String;"), "[Ljava.lang.String;");
        assert_eq!(name("[[I"), "[[I");
        assert_eq!(name("V"), "void");
        assert_eq!(internal_to_binary("java/lang/Object"), "java.lang.Object");
        assert_eq!(internal_to_binary("[Ljava/lang/String;"), "[Ljava.lang.String;");
        assert!(matches!(internal_to_binary("Foo"), Cow::Borrowed("Foo")));
        // Long names are written past the small buffer; multi-byte characters keep their bytes.
        let long = format!("{}/Last", "pkg/é".repeat(40));
        for name in ["java/lang/Object", "[Ljava/lang/String;", "Foo", "a//b/", "", "é/ü€", &long] {
            let mut out = String::new();
            assert!(write_binary(&mut out, name).is_ok());
            assert_eq!(out, internal_to_binary(name), "{name}");
            let mut pushed = String::from("é/");
            push_binary(&mut pushed, name);
            assert_eq!(pushed, format!("é/{}", internal_to_binary(name)), "{name}");
        }
    }

    #[test]
    fn component_types_skip_primitive_levels() {
        let components = |d: &str| -> Vec<String> {
            TypeDesc::parse(d).unwrap().component_types().map(|t| t.binary_name().into_owned()).collect()
        };
        assert_eq!(components("[[Ljava/lang/String;"), ["[Ljava.lang.String;", "java.lang.String"]);
        assert_eq!(components("[[C"), ["[C"]);
        assert!(components("[I").is_empty());
        assert!(components("Ljava/lang/String;").is_empty());
        let t = TypeDesc::parse("[[Ljava/lang/String;").unwrap();
        assert_eq!(t.dimensions(), 2);
        assert_eq!(t.element(), Element::Class("java/lang/String"));
        assert_eq!(t.internal_name(), Some("[[Ljava/lang/String;"));
        assert_eq!(TypeDesc::parse("J").unwrap().internal_name(), None);
    }

    #[test]
    fn method_descriptors() {
        let m = MethodDesc::parse("(I[JLjava/lang/String;[[Ljava/util/Map$Entry;)V").unwrap();
        assert_eq!(m.parameter_names(), "int, [J, java.lang.String, [[Ljava.util.Map$Entry;");
        assert_eq!(m.return_type.element(), Element::Primitive(Primitive::Void));
        assert!(MethodDesc::parse("()Ljava/lang/Object;").unwrap().parameters.is_empty());
        for bad in ["", "(", "()", "(V)V", "(L;)V", "(I)[V", "(Q)V", "I", "(I)VV", "(Ljava/lang/String)V"] {
            assert!(MethodDesc::parse(bad).is_err(), "{bad}");
        }
        assert!(TypeDesc::parse("[").is_err());
        assert!(TypeDesc::parse("II").is_err());
    }
}
