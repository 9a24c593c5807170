//! Generic signatures (JVMS 4.7.9.1) parsed into a small tree, rendered in ArchUnit's generic naming
//! (`java.util.Map$Entry<java.lang.String, int[][]>`, `? super T`, `O[]`), with the list of classes the type
//! arguments reference (ArchUnit rule 14).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use std::fmt::{self, Display};

use super::descriptor::{write_binary, Primitive};
use super::error::SyntaxError;

/// Nesting deeper than this is rejected, so a crafted signature cannot exhaust the stack.
const MAX_NESTING: u32 = 64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JavaType<'a> {
    Primitive(Primitive),
    Class(ClassType<'a>),
    /// A type variable, by name (`T`).
    TypeVariable(&'a str),
    Array(Box<JavaType<'a>>),
}

/// `Ljava/util/Map<TK;TV;>.Entry<...>;`: the outermost segment carries the package. Held apart from the inner
/// segments, which few types have, so that a plain class type allocates nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassType<'a> {
    pub outer: ClassSegment<'a>,
    pub inner: Vec<ClassSegment<'a>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassSegment<'a> {
    /// Internal name for the first segment (`java/util/Map`), simple name for inner ones (`Entry`).
    pub name: &'a str,
    pub arguments: Vec<TypeArgument<'a>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeArgument<'a> {
    /// `*`, rendered `?`.
    Any,
    Exact(JavaType<'a>),
    /// `+X`, rendered `? extends X`.
    Extends(JavaType<'a>),
    /// `-X`, rendered `? super X`.
    Super(JavaType<'a>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeParameter<'a> {
    pub name: &'a str,
    /// Absent when the first bound is an interface (`<T::Ljava/lang/Comparable<TT;>;>`).
    pub class_bound: Option<JavaType<'a>>,
    pub interface_bounds: Vec<JavaType<'a>>,
}

impl TypeParameter<'_> {
    /// All bounds in declaration order.
    pub fn bounds(&self) -> impl Iterator<Item = &JavaType<'_>> {
        self.class_bound.iter().chain(&self.interface_bounds)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassSignature<'a> {
    pub type_parameters: Vec<TypeParameter<'a>>,
    pub superclass: ClassType<'a>,
    pub interfaces: Vec<ClassType<'a>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MethodSignature<'a> {
    pub type_parameters: Vec<TypeParameter<'a>>,
    pub parameters: Vec<JavaType<'a>>,
    /// `Primitive(Void)` for `V`.
    pub return_type: JavaType<'a>,
    pub throws: Vec<JavaType<'a>>,
}

impl<'a> ClassSignature<'a> {
    pub fn parse(text: &'a str) -> Result<Self, SyntaxError> {
        let mut p = Parser::new(text);
        let type_parameters = p.type_parameters()?;
        let superclass = p.class_type()?;
        let mut interfaces = Vec::new();
        while !p.at_end() {
            interfaces.push(p.class_type()?);
        }
        Ok(ClassSignature { type_parameters, superclass, interfaces })
    }
}

impl<'a> MethodSignature<'a> {
    pub fn parse(text: &'a str) -> Result<Self, SyntaxError> {
        let mut p = Parser::new(text);
        let type_parameters = p.type_parameters()?;
        p.expect(b'(')?;
        let mut parameters = Vec::new();
        while p.peek() != Some(b')') {
            parameters.push(p.java_type()?);
        }
        p.expect(b')')?;
        let return_type = if p.peek() == Some(b'V') {
            p.pos += 1;
            JavaType::Primitive(Primitive::Void)
        } else {
            p.java_type()?
        };
        let mut throws = Vec::new();
        while p.peek() == Some(b'^') {
            p.pos += 1;
            throws.push(p.reference_type()?);
        }
        p.finish()?;
        Ok(MethodSignature { type_parameters, parameters, return_type, throws })
    }
}

impl<'a> JavaType<'a> {
    /// A field signature (a reference type).
    pub fn parse_field(text: &'a str) -> Result<Self, SyntaxError> {
        let mut p = Parser::new(text);
        let t = p.reference_type()?;
        p.finish()?;
        Ok(t)
    }

    /// The classes referenced inside this type's type arguments, as ArchUnit's "with type argument depending on"
    /// targets: recursing through nested arguments and wildcard bounds; type variables and generic arrays give
    /// nothing; arrays of plain classes or primitives give the array type in JVM form (`[[I`).
    pub fn type_argument_classes(&self) -> Vec<String> {
        match self {
            JavaType::Class(c) => c.type_argument_classes(),
            _ => Vec::new(),
        }
    }

    /// The erased JVM array name when this is an array of a primitive or non-generic class (`[[I`,
    /// `[Ljava.lang.String;`), `None` for a generic array (`T[]`, `List<String>[]`) or a non-array.
    pub fn plain_array_name(&self) -> Option<String> {
        let mut dims = 0;
        let mut t = self;
        while let JavaType::Array(inner) = t {
            dims += 1;
            t = inner;
        }
        if dims == 0 {
            return None;
        }
        let element = match t {
            JavaType::Primitive(p) => primitive_letter(*p).to_string(),
            JavaType::Class(c) if c.segments().all(|s| s.arguments.is_empty()) => {
                format!("L{};", c.binary_name())
            }
            _ => return None,
        };
        Some(format!("{}{element}", "[".repeat(dims)))
    }
}

fn primitive_letter(p: Primitive) -> char {
    match p {
        Primitive::Boolean => 'Z',
        Primitive::Byte => 'B',
        Primitive::Char => 'C',
        Primitive::Short => 'S',
        Primitive::Int => 'I',
        Primitive::Long => 'J',
        Primitive::Float => 'F',
        Primitive::Double => 'D',
        Primitive::Void => 'V',
    }
}

impl ClassType<'_> {
    /// All segments, outermost first.
    pub fn segments(&self) -> impl Iterator<Item = &ClassSegment<'_>> {
        std::iter::once(&self.outer).chain(&self.inner)
    }

    /// The erased class: `java.util.Map$Entry`.
    pub fn binary_name(&self) -> String {
        let mut name = String::new();
        let _ = self.write_binary_name(&mut name);
        name
    }

    /// [`ClassType::binary_name`] written out without allocating: signatures are rendered for most generic
    /// declarations, and a string per segment was a noticeable part of the build.
    pub fn write_binary_name(&self, out: &mut impl fmt::Write) -> fmt::Result {
        for (i, segment) in self.segments().enumerate() {
            if i > 0 {
                out.write_char('$')?;
            }
            write_binary(out, segment.name)?;
        }
        Ok(())
    }

    /// Type arguments of every segment, outermost first: the arguments of the type as ArchUnit reads it inside
    /// type arguments and generic interfaces (see [`ClassType::write_generic`]).
    pub fn arguments(&self) -> impl Iterator<Item = &TypeArgument<'_>> {
        self.segments().flat_map(|s| s.arguments.iter())
    }

    /// The type arguments of the type as ArchUnit reads it in a declaration (generic superclass, field, return and
    /// parameter types, type-parameter bounds): the innermost segment's only (see
    /// [`ClassType::write_declared_generic`]).
    pub fn declared_arguments(&self) -> &[TypeArgument<'_>] {
        &self.inner.last().unwrap_or(&self.outer).arguments
    }

    /// See [`JavaType::type_argument_classes`].
    pub fn type_argument_classes(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.for_each_argument_class(&mut |class| {
            let mut name = String::new();
            let _ = class.write_name(&mut name);
            out.push(name);
        });
        out
    }

    /// [`ClassType::type_argument_classes`] without a string per class: each is handed to `f`, to be written
    /// where the caller wants it (the build renders them into one reused buffer). Over [`ClassType::arguments`].
    pub fn for_each_argument_class(&self, f: &mut impl FnMut(ArgumentClass<'_, '_>)) {
        for_each_class_in(self.arguments(), f);
    }

    /// [`ClassType::for_each_argument_class`] over [`ClassType::declared_arguments`].
    pub fn for_each_declared_argument_class(&self, f: &mut impl FnMut(ArgumentClass<'_, '_>)) {
        for_each_class_in(self.declared_arguments().iter(), f);
    }
}

fn for_each_class_in<'t, 'a: 't>(
    arguments: impl Iterator<Item = &'t TypeArgument<'a>>,
    f: &mut impl FnMut(ArgumentClass<'_, '_>),
) {
    for argument in arguments {
        let t = match argument {
            TypeArgument::Any => continue,
            TypeArgument::Exact(t) | TypeArgument::Extends(t) | TypeArgument::Super(t) => t,
        };
        match t {
            JavaType::Class(c) => {
                f(ArgumentClass::Class(c));
                c.for_each_argument_class(f);
            }
            JavaType::Array(_) => {
                if let Some(name) = t.plain_array_name() {
                    f(ArgumentClass::Array(name));
                }
            }
            JavaType::TypeVariable(_) | JavaType::Primitive(_) => {}
        }
    }
}

/// A class inside type arguments: a class type, or an array of a primitive or plain class in JVM form (rare, so
/// its name is made up front).
pub enum ArgumentClass<'t, 'a> {
    Class(&'t ClassType<'a>),
    Array(String),
}

impl ArgumentClass<'_, '_> {
    /// The binary name (`java.util.Map$Entry`, `[[I`); a class type by its outermost segment, as ArchUnit reads a
    /// type argument (see [`ClassType::write_generic`]).
    pub fn write_name(&self, out: &mut impl fmt::Write) -> fmt::Result {
        match self {
            ArgumentClass::Class(c) => write_binary(out, c.outer.name),
            ArgumentClass::Array(name) => out.write_str(name),
        }
    }
}

impl JavaType<'_> {
    /// ArchUnit's generic name; arrays in source form (`int[][]`, `T[]`). Written through a generic writer rather
    /// than `Display` alone: the build renders a name for most generic declarations, and `format_args!` per nested
    /// type was a noticeable part of it.
    pub fn write_generic(&self, out: &mut impl fmt::Write) -> fmt::Result {
        match self {
            JavaType::Primitive(p) => out.write_str(p.name()),
            JavaType::Class(c) => c.write_generic(out),
            JavaType::TypeVariable(name) => out.write_str(name),
            JavaType::Array(inner) => {
                inner.write_generic(out)?;
                out.write_str("[]")
            }
        }
    }
}

/// Inner class types (`Outer<A>.Inner<B>`, JVMS `LOuter<TA;>.Inner<TB;>;`) as ArchUnit's generic-type importer
/// reads them through ASM's `SignatureVisitor`, quirks included. Where ArchUnit overrides `visitInnerClassType`
/// (`GenericMemberTypeProcessor` for field, return and parameter types, `GenericSuperclassProcessor`,
/// `SignatureTypeParameterProcessor` for bounds), it starts a new type named `Outer$Inner` and the outer's arguments
/// are lost: `Class <com.google.common.cache.LocalCache$EntryIterator> has generic superclass
/// <com.google.common.cache.LocalCache$HashIterator<java.util.Map$Entry<K, V>>>`, and Scala's
/// `GenTraversableFactory<IndexedSeq>.GenericCanBuildFrom<Nothing$>` gives no dependency on
/// `scala.collection.IndexedSeq`. Where it does not (`GenericInterfacesProcessor`, `SignatureTypeArgumentProcessor`
/// for every type inside type arguments), the inner segment is ignored and its arguments are added to the outer
/// type: `...ParSeqLike<T, Repr, Sequential, U, That>` for an interface `ParSeqLike<T, Repr, Sequential>.Updated<U,
/// That>`.
impl ClassType<'_> {
    /// The type as ArchUnit names it inside type arguments and generic interfaces: the outermost segment's name,
    /// every segment's arguments (see above). See [`JavaType::write_generic`].
    pub fn write_generic(&self, out: &mut impl fmt::Write) -> fmt::Result {
        write_binary(out, self.outer.name)?;
        write_arguments(out, self.arguments())
    }

    /// The type as ArchUnit names it in a declaration: every segment's name, the innermost's arguments (see above).
    pub fn write_declared_generic(&self, out: &mut impl fmt::Write) -> fmt::Result {
        self.write_binary_name(out)?;
        write_arguments(out, self.declared_arguments().iter())
    }

    /// [`ClassType::write_declared_generic`] for a generic superclass, [`ClassType::write_generic`] for a generic
    /// interface (`interface`), without the type's own unbounded wildcards: ArchUnit's superclass and interface
    /// visitors (`JavaClassSignatureImporter`) do not override ASM's `visitTypeArgument()`, so a `*` among the
    /// supertype's own arguments is dropped (one nested inside an argument is kept). Only scalac writes them:
    /// `Class <scala.collection.MapView> has generic interface <scala.collection.MapOps<K, V,
    /// scala.collection.View<scala.Tuple2<K, V>>>>` for `MapOps<TK;TV;*Lscala/collection/View<...>;>`.
    pub fn write_supertype_generic(&self, out: &mut impl fmt::Write, interface: bool) -> fmt::Result {
        let own = |a: &&TypeArgument<'_>| !matches!(a, TypeArgument::Any);
        if interface {
            write_binary(out, self.outer.name)?;
            write_arguments(out, self.arguments().filter(own))
        } else {
            self.write_binary_name(out)?;
            write_arguments(out, self.declared_arguments().iter().filter(own))
        }
    }
}

fn write_arguments<'t, 'a: 't>(
    out: &mut impl fmt::Write,
    arguments: impl Iterator<Item = &'t TypeArgument<'a>>,
) -> fmt::Result {
    let mut arguments = arguments.peekable();
    if arguments.peek().is_some() {
        out.write_char('<')?;
        for (i, argument) in arguments.enumerate() {
            if i > 0 {
                out.write_str(", ")?;
            }
            argument.write_generic(out)?;
        }
        out.write_char('>')?;
    }
    Ok(())
}

impl JavaType<'_> {
    /// ArchUnit's name of a parameter's type read from a method signature (`JavaParameter.getType().getName()`,
    /// as in `Parameter <E> of method <...JavaxEdgeCases.put(java.lang.Object)>`): type variables by name, class
    /// types in their declared form, arrays of primitives or plain classes by their JVM name (ArchUnit's
    /// `ARRAY_CREATOR` makes a `JavaClass` of them: `[I`, `[Ljava.lang.Object;`), generic arrays in source form
    /// (`K[]`, `java.util.List<java.lang.String>[]`).
    pub fn write_declared_name(&self, out: &mut impl fmt::Write) -> fmt::Result {
        match self {
            JavaType::Primitive(p) => out.write_str(p.name()),
            JavaType::TypeVariable(name) => out.write_str(name),
            JavaType::Class(c) => c.write_declared_generic(out),
            JavaType::Array(_) => {
                let mut dims = 0;
                let mut element = self;
                while let JavaType::Array(inner) = element {
                    dims += 1;
                    element = inner;
                }
                match element {
                    JavaType::Primitive(p) => {
                        (0..dims).try_for_each(|_| out.write_char('['))?;
                        out.write_char(primitive_letter(*p))
                    }
                    JavaType::Class(c) if c.declared_arguments().is_empty() => {
                        (0..dims).try_for_each(|_| out.write_char('['))?;
                        out.write_char('L')?;
                        c.write_binary_name(out)?;
                        out.write_char(';')
                    }
                    _ => {
                        element.write_declared_name(out)?;
                        (0..dims).try_for_each(|_| out.write_str("[]"))
                    }
                }
            }
        }
    }
}

impl TypeArgument<'_> {
    /// See [`JavaType::write_generic`].
    pub fn write_generic(&self, out: &mut impl fmt::Write) -> fmt::Result {
        let (prefix, t) = match self {
            TypeArgument::Any => return out.write_char('?'),
            TypeArgument::Exact(t) => ("", t),
            TypeArgument::Extends(t) => ("? extends ", t),
            TypeArgument::Super(t) => ("? super ", t),
        };
        out.write_str(prefix)?;
        t.write_generic(out)
    }
}

impl Display for JavaType<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_generic(f)
    }
}

impl Display for ClassType<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_generic(f)
    }
}

impl Display for TypeArgument<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_generic(f)
    }
}

/// The bytes that end an identifier (all ASCII), a bit per byte value: a test per byte of a signature (they run to
/// kilobytes) instead of a search of a list.
struct Stops(u128);

impl Stops {
    const fn new(mut bytes: &[u8]) -> Stops {
        let mut bits = 0u128;
        while let [b, rest @ ..] = bytes {
            bits |= 1 << (*b & 127);
            bytes = rest;
        }
        Stops(bits)
    }

    fn contains(&self, b: u8) -> bool {
        b < 128 && self.0 & (1 << b) != 0
    }
}

/// What JVMS 4.2.2 forbids in an unqualified name (type parameter and type variable names).
const IDENTIFIER_STOPS: Stops = Stops::new(b".;[/<>:");
/// A class name in a class type signature: a binary name with `/`, up to its type arguments, inner class or end.
const CLASS_NAME_STOPS: Stops = Stops::new(b".;[<>:");

struct Parser<'a> {
    text: &'a str,
    pos: usize,
    depth: u32,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Self {
        Parser { text, pos: 0, depth: 0 }
    }

    fn error(&self) -> SyntaxError {
        SyntaxError { what: "signature", text: self.text.to_owned(), offset: self.pos }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn at_end(&self) -> bool {
        self.pos >= self.text.len()
    }

    fn finish(&self) -> Result<(), SyntaxError> {
        if self.at_end() {
            Ok(())
        } else {
            Err(self.error())
        }
    }

    fn expect(&mut self, b: u8) -> Result<(), SyntaxError> {
        if self.peek() == Some(b) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error())
        }
    }

    /// An identifier up to (not including) one of `stops`; must be non-empty.
    fn identifier(&mut self, stops: &Stops) -> Result<&'a str, SyntaxError> {
        let start = self.pos;
        let rest = self.text.as_bytes().get(start..).unwrap_or_default();
        let len = rest.iter().position(|&b| stops.contains(b)).unwrap_or(rest.len());
        if len == 0 {
            return Err(self.error());
        }
        self.pos += len;
        self.text.get(start..self.pos).ok_or_else(|| self.error())
    }

    /// `TypeParameters: < TypeParameter+ >`, optional. `TypeParameter: Identifier : [ClassBound] {: InterfaceBound}`.
    fn type_parameters(&mut self) -> Result<Vec<TypeParameter<'a>>, SyntaxError> {
        let mut parameters = Vec::new();
        if self.peek() != Some(b'<') {
            return Ok(parameters);
        }
        self.pos += 1;
        loop {
            let name = self.identifier(&IDENTIFIER_STOPS)?;
            self.expect(b':')?;
            let class_bound = match self.peek() {
                Some(b'L' | b'T' | b'[') => Some(self.reference_type()?),
                _ => None,
            };
            let mut interface_bounds = Vec::new();
            while self.peek() == Some(b':') {
                self.pos += 1;
                interface_bounds.push(self.reference_type()?);
            }
            parameters.push(TypeParameter { name, class_bound, interface_bounds });
            if self.peek() == Some(b'>') {
                self.pos += 1;
                return Ok(parameters);
            }
        }
    }

    /// `JavaTypeSignature: ReferenceTypeSignature | BaseType`.
    fn java_type(&mut self) -> Result<JavaType<'a>, SyntaxError> {
        match self.peek().and_then(Primitive::from_descriptor) {
            Some(Primitive::Void) | None => self.reference_type(),
            Some(p) => {
                self.pos += 1;
                Ok(JavaType::Primitive(p))
            }
        }
    }

    /// `ReferenceTypeSignature: ClassTypeSignature | TypeVariableSignature | [ JavaTypeSignature`.
    fn reference_type(&mut self) -> Result<JavaType<'a>, SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(self.error());
        }
        let t = match self.peek() {
            Some(b'L') => JavaType::Class(self.class_type()?),
            Some(b'T') => {
                self.pos += 1;
                let name = self.identifier(&IDENTIFIER_STOPS)?;
                self.expect(b';')?;
                JavaType::TypeVariable(name)
            }
            Some(b'[') => {
                self.pos += 1;
                JavaType::Array(Box::new(self.java_type()?))
            }
            _ => return Err(self.error()),
        };
        self.depth -= 1;
        Ok(t)
    }

    /// `ClassTypeSignature: L [Package/] Identifier [TypeArguments] {. Identifier [TypeArguments]} ;`.
    fn class_type(&mut self) -> Result<ClassType<'a>, SyntaxError> {
        self.expect(b'L')?;
        let name = self.identifier(&CLASS_NAME_STOPS)?;
        let outer = ClassSegment { name, arguments: self.type_arguments()? };
        let mut inner = Vec::new();
        loop {
            match self.peek() {
                Some(b'.') => self.pos += 1,
                Some(b';') => {
                    self.pos += 1;
                    return Ok(ClassType { outer, inner });
                }
                _ => return Err(self.error()),
            }
            let name = self.identifier(&CLASS_NAME_STOPS)?;
            inner.push(ClassSegment { name, arguments: self.type_arguments()? });
        }
    }

    /// `TypeArguments: < {* | [+|-] ReferenceTypeSignature}+ >`, optional.
    fn type_arguments(&mut self) -> Result<Vec<TypeArgument<'a>>, SyntaxError> {
        let mut arguments = Vec::new();
        if self.peek() != Some(b'<') {
            return Ok(arguments);
        }
        self.pos += 1;
        while self.peek() != Some(b'>') {
            let argument = match self.peek() {
                Some(b'*') => {
                    self.pos += 1;
                    TypeArgument::Any
                }
                Some(b'+') => {
                    self.pos += 1;
                    TypeArgument::Extends(self.reference_type()?)
                }
                Some(b'-') => {
                    self.pos += 1;
                    TypeArgument::Super(self.reference_type()?)
                }
                _ => TypeArgument::Exact(self.reference_type()?),
            };
            arguments.push(argument);
        }
        if arguments.is_empty() {
            return Err(self.error());
        }
        self.pos += 1;
        Ok(arguments)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::expect_used)] // tests may panic
mod tests;
