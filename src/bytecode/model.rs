//! What the class-file reader extracts: a borrowed, owned-where-needed view of one class file.
//!
//! Strings are `Cow<'a, str>`: borrowed from the class bytes when the modified-UTF-8 constant is plain UTF-8
//! (almost always), owned when it had to be re-encoded. Class names stay in internal form (`java/lang/String`),
//! descriptors stay raw (`(ILjava/lang/String;)V`); the graph converts them once, while interning.

use std::borrow::Cow;

pub type Str<'a> = Cow<'a, str>;

/// `ACC_*` flags, as in JVMS 4.1, 4.5, 4.6.
pub mod access {
    pub const PUBLIC: u16 = 0x0001;
    pub const PRIVATE: u16 = 0x0002;
    pub const PROTECTED: u16 = 0x0004;
    pub const STATIC: u16 = 0x0008;
    pub const FINAL: u16 = 0x0010;
    pub const SYNCHRONIZED: u16 = 0x0020;
    pub const SUPER: u16 = 0x0020;
    pub const VOLATILE: u16 = 0x0040;
    pub const BRIDGE: u16 = 0x0040;
    pub const TRANSIENT: u16 = 0x0080;
    pub const VARARGS: u16 = 0x0080;
    pub const NATIVE: u16 = 0x0100;
    pub const INTERFACE: u16 = 0x0200;
    pub const ABSTRACT: u16 = 0x0400;
    pub const STRICT: u16 = 0x0800;
    pub const SYNTHETIC: u16 = 0x1000;
    pub const ANNOTATION: u16 = 0x2000;
    pub const ENUM: u16 = 0x4000;
    pub const MODULE: u16 = 0x8000;
}

/// How much of a class file to decode. Classpath classes need only their header and member signatures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// Header, attributes, fields and methods with their annotations, no `Code`.
    Header,
    /// Everything, including the instruction scan of every `Code` attribute.
    Full,
}

#[derive(Debug, Clone, Default)]
pub struct ClassFile<'a> {
    pub minor_version: u16,
    pub major_version: u16,
    pub access: u16,
    /// Internal form, e.g. `com/example/Foo$Bar`; `module-info` for modules.
    pub name: Str<'a>,
    pub super_class: Option<Str<'a>>,
    pub interfaces: Vec<Str<'a>>,
    /// The generic `Signature` attribute, raw (JVMS 4.7.9.1).
    pub signature: Option<Str<'a>>,
    pub source_file: Option<Str<'a>>,
    /// The `Deprecated` attribute (javac writes it alongside `@Deprecated`; kotlinc and older compilers alone).
    pub deprecated_attribute: bool,
    /// A `ScalaSig` or `Scala` attribute: scalac (2.x) writes one of them on every class it generates, `ScalaSig`
    /// beside a pickled signature, `Scala` on the others (`object` module classes, closures, trait implementations).
    pub scala_attribute: bool,
    /// Runtime-visible and runtime-invisible annotations, in that order.
    pub annotations: Vec<Annotation<'a>>,
    pub inner_classes: Vec<InnerClass<'a>>,
    pub enclosing_method: Option<EnclosingMethod<'a>>,
    pub nest_host: Option<Str<'a>>,
    pub nest_members: Vec<Str<'a>>,
    pub record_components: Vec<RecordComponent<'a>>,
    pub permitted_subclasses: Vec<Str<'a>>,
    /// The module name when this is a `module-info` class.
    pub module_name: Option<Str<'a>>,
    pub fields: Vec<Field<'a>>,
    pub methods: Vec<Method<'a>>,
    /// What [`CodeRef`]s point into.
    pub(crate) pool: super::constant_pool::ConstantPool<'a>,
    /// The names of the constants the scan checked, decoded once.
    pub(crate) checked_refs: super::code::CheckedRefs<'a>,
    /// The references of every method body, body after body.
    pub(crate) code_refs: Vec<CodeRef>,
}

#[derive(Debug, Clone, Default)]
pub struct Field<'a> {
    pub access: u16,
    pub name: Str<'a>,
    pub descriptor: Str<'a>,
    pub signature: Option<Str<'a>>,
    pub deprecated_attribute: bool,
    pub annotations: Vec<Annotation<'a>>,
    /// `ConstantValue` attribute, if any.
    pub constant_value: Option<ConstValue<'a>>,
}

#[derive(Debug, Clone, Default)]
pub struct Method<'a> {
    pub access: u16,
    pub name: Str<'a>,
    pub descriptor: Str<'a>,
    pub signature: Option<Str<'a>>,
    pub deprecated_attribute: bool,
    pub annotations: Vec<Annotation<'a>>,
    /// One list per formal parameter (visible and invisible merged), as the `Runtime*ParameterAnnotations`
    /// attributes give them; may be shorter than the descriptor's parameter count (javac omits synthetic ones).
    pub parameter_annotations: Vec<Vec<Annotation<'a>>>,
    /// `AnnotationDefault` (annotation interface elements).
    pub annotation_default: Option<ElementValue<'a>>,
    /// `Exceptions` attribute: internal names.
    pub exceptions: Vec<Str<'a>>,
    /// Present only when decoded with [`Depth::Full`] and the method has a `Code` attribute.
    pub code: Option<Code<'a>>,
}

#[derive(Debug, Clone)]
pub struct Annotation<'a> {
    /// Field descriptor of the annotation type, e.g. `Ljava/lang/Deprecated;`.
    pub type_descriptor: Str<'a>,
    /// `true` for `RuntimeVisible*`, `false` for `RuntimeInvisible*` (CLASS retention).
    pub visible: bool,
    pub elements: Vec<(Str<'a>, ElementValue<'a>)>,
}

#[derive(Debug, Clone)]
pub enum ElementValue<'a> {
    Const(ConstValue<'a>),
    /// `type_descriptor` is the enum's field descriptor, `name` the constant.
    Enum {
        type_descriptor: Str<'a>,
        name: Str<'a>,
    },
    /// A class literal, as a return descriptor (`Ljava/lang/String;`, `I`, `V`, `[I`).
    Class(Str<'a>),
    Annotation(Annotation<'a>),
    Array(Vec<ElementValue<'a>>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum ConstValue<'a> {
    Byte(i8),
    Char(u16),
    Short(i16),
    Boolean(bool),
    Int(i32),
    Long(i64),
    Float(f32),
    Double(f64),
    String(Str<'a>),
}

#[derive(Debug, Clone)]
pub struct InnerClass<'a> {
    pub inner: Str<'a>,
    /// `None` for local and anonymous classes.
    pub outer: Option<Str<'a>>,
    /// `None` for anonymous classes.
    pub simple_name: Option<Str<'a>>,
    pub access: u16,
}

#[derive(Debug, Clone)]
pub struct EnclosingMethod<'a> {
    pub class: Str<'a>,
    /// `(name, descriptor)`, absent when the class is enclosed by an initializer.
    pub method: Option<(Str<'a>, Str<'a>)>,
}

#[derive(Debug, Clone)]
pub struct RecordComponent<'a> {
    pub name: Str<'a>,
    pub descriptor: Str<'a>,
    pub signature: Option<Str<'a>>,
    pub annotations: Vec<Annotation<'a>>,
}

/// What the instruction scan of one `Code` attribute found.
#[derive(Debug, Clone, Default)]
pub struct Code<'a> {
    /// Where this body's references lie in the class's list ([`ClassFile::refs`] gives them): one list per class
    /// rather than one per method, whose allocation and copy cost about as much as the scan of a short method.
    pub(crate) refs: std::ops::Range<u32>,
    /// Exception-table entries with a catch type (`finally` handlers have none and are skipped).
    pub catches: Vec<Catch<'a>>,
    /// What the `LineNumberTable` says of the body as a whole; `None` without one.
    pub lines: Option<LineSpan>,
}

/// The `LineNumberTable` of one body, as ArchUnit's importer uses it beyond each instruction's own line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineSpan {
    /// The smallest `start_pc`: instructions before it have no line of their own.
    pub first_pc: u32,
    /// The line ASM visits last: the last entry (in table order) at the largest `start_pc`.
    pub last_line: u16,
    /// The smallest line (ArchUnit's `recordLineNumber` keeps the minimum): where a member is placed.
    pub min_line: u16,
}

/// One symbolic reference an instruction makes, by constant-pool index: the scan checks the constant once per index
/// and leaves the names in the pool, so that a reader who wants symbols can resolve each constant once per class
/// (a method body names the same few constants over and over). [`ClassFile::code_ref`] gives the names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeRef {
    pub kind: RefKind,
    /// A `Fieldref`/`Methodref`/`InterfaceMethodref` for accesses and method handles (the handle's member), a
    /// `Class` for class-only references, the call site's `NameAndType` for `invokedynamic`.
    pub index: u16,
    /// For `invokedynamic`, the bootstrap method's member reference; 0 otherwise.
    pub bootstrap: u16,
    /// Byte offset of the instruction within the code array.
    pub pc: u32,
    /// Source line from `LineNumberTable`, 0 when there is none.
    pub line: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RefKind {
    InvokeVirtual,
    InvokeSpecial,
    InvokeStatic,
    InvokeInterface,
    GetField,
    PutField,
    GetStatic,
    PutStatic,
    New,
    ANewArray,
    /// The owner named is the array descriptor, e.g. `[[Ljava/lang/String;`.
    MultiANewArray,
    CheckCast,
    InstanceOf,
    /// `ldc`/`ldc_w` of a `CONSTANT_Class`.
    LdcClass,
    /// A method handle passed as a static argument to an `invokedynamic` bootstrap method
    /// (the implementation method of a lambda or method reference). Owner, name and descriptor
    /// are the handle's target; `handle_kind` is `REF_*` (5 virtual, 6 static, 7 special, 8 newInvokeSpecial, 9 interface).
    MethodHandle {
        handle_kind: u8,
        lambda_metafactory: bool,
    },
    /// The `invokedynamic` call site itself: the owner is the bootstrap method's class, name and descriptor the
    /// call site's name and type.
    InvokeDynamic,
}

impl RefKind {
    /// Whether the reference names a class only (its constant is a `Class`), not a member or a call site.
    pub fn names_class(self) -> bool {
        matches!(
            self,
            RefKind::New
                | RefKind::ANewArray
                | RefKind::MultiANewArray
                | RefKind::CheckCast
                | RefKind::InstanceOf
                | RefKind::LdcClass
        )
    }
}

#[derive(Debug, Clone)]
pub struct Catch<'a> {
    /// Internal name of the caught type.
    pub catch_type: Str<'a>,
    pub start_pc: u32,
    pub end_pc: u32,
    pub handler_pc: u32,
    /// Line of the handler's first instruction.
    pub handler_line: u32,
    /// ArchUnit's line for `catches type`: the first `LineNumberTable` entry (in table order) at exactly the `try`
    /// block's `start_pc`. `None` when no entry starts there: ArchUnit's `TryCatchRecorder` takes such a block for
    /// a synthetic one and records no `catches type` for it (see `scan`).
    pub try_line: Option<u32>,
}
