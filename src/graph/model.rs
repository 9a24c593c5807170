//! The graph's records. Everything is interned ([`Sym`]) and immutable once built; names are binary names with dots
//! (`java.util.Map$Entry`), array types in JVM form (`[Ljava.lang.String;`), as ArchUnit prints them.

pub use super::intern::{Sym, SymSet};

/// Index of a class in [`super::Graph::classes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClassId(pub u32);

/// Index of an input in [`super::Graph::inputs`]
pub use crate::inputs::InputId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClassKind {
    Class,
    Interface,
    Enum,
    Annotation,
    Record,
    ModuleInfo,
    PackageInfo,
}

/// Where a class sits relative to other classes (from `InnerClasses`/`EnclosingMethod`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Nesting {
    TopLevel,
    /// A static member class.
    Nested,
    /// A non-static member class.
    Inner,
    Anonymous,
    Local,
}

/// Why a class is in the graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Under analysis: method bodies decoded, dependencies recorded.
    Target,
    /// Loaded from the classpath or JDK because a target refers to it: header and members only.
    Classpath,
    /// Referred to but found nowhere: name only.
    Stub,
}

#[derive(Debug, Clone)]
pub struct Class {
    pub name: Sym,
    /// Package name (`a.b`), empty for the default package.
    pub package: Sym,
    /// ArchUnit's simple name: the part after the last `$` for nested classes, empty for anonymous ones.
    pub simple_name: Sym,
    pub kind: ClassKind,
    /// The class file's `access_flags`. For member classes javac widens them (`private`/`protected` become package
    /// private/public, `static` is dropped): see [`Class::modifiers`].
    pub access: u16,
    /// `inner_class_access_flags` of the class's own `InnerClasses` entry, if it has one: the modifiers as declared.
    pub inner_access: Option<u16>,
    pub nesting: Nesting,
    /// The enclosing class for nested, inner, local and anonymous classes.
    pub outer: Option<Sym>,
    pub super_class: Option<Sym>,
    pub interfaces: Box<[Sym]>,
    pub annotations: Box<[Annotation]>,
    pub source_file: Option<Sym>,
    pub deprecated_attribute: bool,
    pub kotlin: bool,
    /// Compiled by scalac: see [`super::extract`]'s `is_scala`.
    pub scala: bool,
    pub permitted_subclasses: Box<[Sym]>,
    pub members: Box<[Member]>,
    /// Whether some member carries annotations of its own or the `Deprecated` attribute (which `deprecated()` counts):
    /// predicates on members' annotations pass over the other classes (most of a graph) without reading their members.
    pub members_annotated: bool,
    pub role: Role,
    /// Where its bytes came from; `None` for stubs.
    pub origin: Option<crate::inputs::Origin>,
    pub major_version: u16,
    /// The last line-number entry of the class's code, in method and code order: where the next class's accesses
    /// before its first entry are placed (see `extract::LINE_FROM_PREVIOUS_CLASS`).
    pub(super) last_line: Option<u16>,
    /// Range of this class's dependencies in [`super::Graph::dependencies`].
    pub deps: std::ops::Range<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MemberKind {
    Field,
    Method,
    Constructor,
    StaticInitializer,
}

#[derive(Debug, Clone)]
pub struct Member {
    pub kind: MemberKind,
    pub name: Sym,
    pub descriptor: Sym,
    pub access: u16,
    pub annotations: Box<[Annotation]>,
    pub deprecated_attribute: bool,
    /// Where ArchUnit places the member (`JavaMember.getSourceCodeLocation()`): a code unit's smallest
    /// `LineNumberTable` line, 0 for fields and bodies without a table. Violations about the member carry it:
    /// `Method <...OptionalHolder.rename(java.util.Optional)> has parameter of type <java.util.Optional> in
    /// (OptionalHolder.java:23)`. Dependencies from declarations stay at line 0 (they take the class's location).
    pub first_line: u16,
    /// What few members have, boxed together: a member is 40 bytes instead of 72, and the Spark corpus has 2.9M.
    pub(super) rare: Option<Box<RareMemberParts>>,
}

const _: () = assert!(std::mem::size_of::<Member>() == 40);

#[derive(Debug, Clone, Default)]
pub(super) struct RareMemberParts {
    pub(super) parameter_annotations: Box<[Box<[Annotation]>]>,
    /// The name ArchUnit gives the parameter of each entry of `parameter_annotations` (see `extract`), `None` where
    /// it pairs the entry with no parameter.
    pub(super) parameter_names: Box<[Option<Sym>]>,
    pub(super) throws: Box<[Sym]>,
    pub(super) annotation_default: Option<Value>,
}

impl RareMemberParts {
    /// `None` when there is nothing to keep.
    pub(super) fn boxed(self) -> Option<Box<RareMemberParts>> {
        let empty = self.parameter_annotations.iter().all(|p| p.is_empty())
            && self.throws.is_empty()
            && self.annotation_default.is_none();
        (!empty).then(|| Box::new(self))
    }
}

impl Member {
    /// Per formal parameter, as far as the class file records them.
    pub fn parameter_annotations(&self) -> &[Box<[Annotation]>] {
        self.rare.as_ref().map_or(&[], |r| &r.parameter_annotations)
    }

    /// The name of each parameter [`Member::parameter_annotations`] lists, as dependencies from it name it
    /// (`Parameter <T> of method <...>`).
    pub fn parameter_names(&self) -> &[Option<Sym>] {
        self.rare.as_ref().map_or(&[], |r| &r.parameter_names)
    }

    /// `throws` clause, binary names.
    pub fn throws(&self) -> &[Sym] {
        self.rare.as_ref().map_or(&[], |r| &r.throws)
    }

    /// `AnnotationDefault`: the default of an annotation interface's element, used when an annotation leaves the
    /// element out (ArchUnit's `JavaAnnotation.get()` merges defaults in the same way).
    pub fn annotation_default(&self) -> Option<&Value> {
        self.rare.as_ref().and_then(|r| r.annotation_default.as_ref())
    }
}

const _: () = assert!(std::mem::size_of::<Member>() == 40);

#[derive(Debug, Clone, PartialEq)]
pub struct Annotation {
    /// Binary name of the annotation type.
    pub type_name: Sym,
    /// RUNTIME retention (`true`) or CLASS retention (`false`).
    pub visible: bool,
    pub elements: Box<[(Sym, Value)]>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Bool(bool),
    /// byte, short, int, long.
    Int(i64),
    /// float, double.
    Float(f64),
    Char(char),
    String(Sym),
    Enum {
        type_name: Sym,
        constant: Sym,
    },
    /// A class literal: binary name, primitive name or array type.
    Class(Sym),
    Annotation(Box<Annotation>),
    Array(Box<[Value]>),
}

/// ArchUnit's dependency kinds; the text of each is in `describe.rs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DepKind {
    MethodCall,
    ConstructorCall,
    FieldGet,
    FieldSet,
    MethodReference,
    ConstructorReference,
    /// Superclass, or super-interface of an interface.
    Extends,
    /// Interface of a class.
    Implements,
    FieldType,
    ReturnType,
    ParameterType,
    Throws,
    Catch,
    /// Annotation on the class or on the origin member.
    Annotation,
    /// Annotation on a parameter; `detail` holds the parameter's generic type name.
    ParameterAnnotation,
    /// A class, enum or annotation type named inside an annotation's element values.
    AnnotationMember,
    #[serde(rename = "instanceof")]
    InstanceOf,
    ClassObject,
    /// A bound of a type parameter; `detail` holds the parameter's name.
    TypeParameter,
    /// A class inside the type arguments of a generic superclass; `detail` holds the generic type's name.
    GenericSuperclass,
    GenericInterface,
    GenericFieldType,
    GenericReturnType,
    GenericParameterType,
    /// Component type of an array target; same origin and line as the dependency it comes from.
    ComponentType,
}

impl DepKind {
    /// Every kind, in declaration order: `ALL[kind as usize] == kind`.
    pub const ALL: [DepKind; DepKind::COUNT] = [
        DepKind::MethodCall,
        DepKind::ConstructorCall,
        DepKind::FieldGet,
        DepKind::FieldSet,
        DepKind::MethodReference,
        DepKind::ConstructorReference,
        DepKind::Extends,
        DepKind::Implements,
        DepKind::FieldType,
        DepKind::ReturnType,
        DepKind::ParameterType,
        DepKind::Throws,
        DepKind::Catch,
        DepKind::Annotation,
        DepKind::ParameterAnnotation,
        DepKind::AnnotationMember,
        DepKind::InstanceOf,
        DepKind::ClassObject,
        DepKind::TypeParameter,
        DepKind::GenericSuperclass,
        DepKind::GenericInterface,
        DepKind::GenericFieldType,
        DepKind::GenericReturnType,
        DepKind::GenericParameterType,
        DepKind::ComponentType,
    ];
    pub const COUNT: usize = 25;

    /// The snake-case name reports and `inspect` use (its serde name too).
    pub fn name(self) -> &'static str {
        match self {
            DepKind::MethodCall => "method_call",
            DepKind::ConstructorCall => "constructor_call",
            DepKind::FieldGet => "field_get",
            DepKind::FieldSet => "field_set",
            DepKind::MethodReference => "method_reference",
            DepKind::ConstructorReference => "constructor_reference",
            DepKind::Extends => "extends",
            DepKind::Implements => "implements",
            DepKind::FieldType => "field_type",
            DepKind::ReturnType => "return_type",
            DepKind::ParameterType => "parameter_type",
            DepKind::Throws => "throws",
            DepKind::Catch => "catch",
            DepKind::Annotation => "annotation",
            DepKind::ParameterAnnotation => "parameter_annotation",
            DepKind::AnnotationMember => "annotation_member",
            DepKind::InstanceOf => "instanceof",
            DepKind::ClassObject => "class_object",
            DepKind::TypeParameter => "type_parameter",
            DepKind::GenericSuperclass => "generic_superclass",
            DepKind::GenericInterface => "generic_interface",
            DepKind::GenericFieldType => "generic_field_type",
            DepKind::GenericReturnType => "generic_return_type",
            DepKind::GenericParameterType => "generic_parameter_type",
            DepKind::ComponentType => "component_type",
        }
    }

    /// Dependencies produced by an instruction (ArchUnit's accesses and code-level dependencies).
    pub fn is_access(self) -> bool {
        matches!(
            self,
            DepKind::MethodCall
                | DepKind::ConstructorCall
                | DepKind::FieldGet
                | DepKind::FieldSet
                | DepKind::MethodReference
                | DepKind::ConstructorReference
        )
    }
}

/// The member an access targets, as the instruction names it: owner is [`Dependency::target`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MemberRef {
    pub name: Sym,
    pub descriptor: Sym,
}

/// One edge, 24 bytes: the Spark corpus has ~15M of them. Descriptions are made on demand (`Graph::describe`),
/// never stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Dependency {
    pub origin: ClassId,
    /// Index into the origin class's members; `u32::MAX` for class-level dependencies.
    pub origin_member: u32,
    /// The class depended on (binary name or array type).
    pub target: Sym,
    /// Accesses: the target member's name and descriptor. Other kinds: the detail, then nothing. An access never
    /// has a detail, so the two share the space.
    pub(super) slots: [Option<Sym>; 2],
    /// Source line; class files record lines as 16-bit numbers.
    pub line: u16,
    pub kind: DepKind,
    /// Set while a graph is built on an access whose line is the last line of the class read before its own (see
    /// `extract::LINE_FROM_PREVIOUS_CLASS`), which the builder fills in and clears. A flag beside the line, not a
    /// reserved line value: every 16-bit line is a real one (`StoreTypes.java:65535` in Spark's generated protobuf
    /// code, where javac's line numbers stop at 65535).
    pub(super) line_from_previous_class: bool,
}

const _: () = assert!(std::mem::size_of::<Dependency>() == 24);

impl Dependency {
    pub fn new(
        origin: ClassId,
        origin_member: u32,
        kind: DepKind,
        line: u16,
        target: Sym,
        target_member: Option<MemberRef>,
        detail: Option<Sym>,
    ) -> Dependency {
        let slots = match target_member {
            Some(m) if kind.is_access() => [Some(m.name), Some(m.descriptor)],
            _ => [detail, None],
        };
        Dependency { origin, origin_member, target, slots, line, kind, line_from_previous_class: false }
    }

    /// The member an access targets, as the instruction names it; `None` for other kinds.
    pub fn target_member(&self) -> Option<MemberRef> {
        match self.slots {
            [Some(name), Some(descriptor)] if self.kind.is_access() => Some(MemberRef { name, descriptor }),
            _ => None,
        }
    }

    /// Whether the origin is a parameter of the origin member (`Parameter <T> of method <...>`): its annotations and
    /// their members' types; [`Dependency::detail`] names it.
    pub fn from_parameter(&self) -> bool {
        match self.kind {
            DepKind::ParameterAnnotation => true,
            DepKind::AnnotationMember => self.slots[0].is_some(),
            _ => false,
        }
    }

    /// Kind-specific text: a type parameter's name, a generic type's name, an annotated parameter's type (of a
    /// parameter annotation or of a member type of one).
    pub fn detail(&self) -> Option<Sym> {
        if self.kind.is_access() {
            None
        } else {
            self.slots[0]
        }
    }
}

pub const CLASS_LEVEL: u32 = u32::MAX;

#[cfg(test)]
mod tests {
    use super::DepKind;

    #[test]
    fn kind_names_are_the_serde_names() {
        for k in [DepKind::MethodCall, DepKind::InstanceOf, DepKind::GenericParameterType, DepKind::ComponentType] {
            assert_eq!(serde_json::to_value(k).unwrap(), k.name());
        }
    }
}

#[cfg(test)]
mod kind_tests {
    use super::DepKind;

    #[test]
    fn all_kinds_sit_at_their_own_index() {
        for (i, k) in DepKind::ALL.iter().enumerate() {
            assert_eq!(*k as usize, i, "{k:?}");
        }
        assert_eq!(DepKind::ALL.last(), Some(&DepKind::ComponentType));
    }
}
