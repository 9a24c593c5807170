//! One parsed class file → one graph class and its dependencies, following ArchUnit's import rules
//! (../shared/ARCHUNIT-WORDING.md): lambdas folded into the method that creates them, `$SwitchMap$` accesses dropped,
//! declaration dependencies at line 0, array targets followed by their component types.

use super::intern::{Intern, LocalStrings};
use rustc_hash::{FxHashMap, FxHashSet};

use super::model::*;
use super::names::{self, FieldType};
use crate::bytecode::{self as bc, access, ClassFile, RefKind};

/// A class as extracted, before ids are assigned. Its dependencies were appended to the caller's buffer, with a
/// placeholder origin; `class.deps` is their range in that buffer.
pub(crate) struct Extracted {
    pub class: Class,
    /// Accesses inside synthetic `access$NNN` accessors, keyed by (name, descriptor): ArchUnit credits them to
    /// whoever calls the accessor (rule 7), which may be another class, so the builder splices them in.
    pub accessors: Vec<(Sym, Sym, Vec<Dependency>)>,
}

const PLACEHOLDER: ClassId = ClassId(u32::MAX);

/// The line of an access made before any line-number entry of its class: it takes the last line of the target
/// class read before it ([`Extractor::code`]), which only the builder knows. Beyond the 16-bit lines of class files;
/// [`Extractor::push`] turns it into [`Dependency`]'s flag.
pub(crate) const LINE_FROM_PREVIOUS_CLASS: u32 = u32::MAX;

pub(crate) fn extract(
    cf: &ClassFile<'_>,
    bytes: &[u8],
    strings: &LocalStrings<'_>,
    role: Role,
    origin: Option<crate::inputs::Origin>,
    deps: &mut Vec<Dependency>,
    scratch: &mut Scratch,
) -> Extracted {
    let first = deps.len() as u32;
    let mut x = Extractor::new(strings, bytes, deps, scratch);
    let name = names::class_name(strings, &cf.name);
    let (nesting, outer, simple) = nesting(cf);
    let binary = cf.name.replace('/', ".");
    let package = binary.rfind('.').map_or("", |i| &binary[..i]);
    let simple_name = match (nesting, simple) {
        (Nesting::Anonymous, _) => String::new(),
        (_, Some(s)) => s,
        _ => binary.rsplit(['.', '$']).next().unwrap_or_default().to_string(),
    };
    let kind = class_kind(cf);
    let is_interface = cf.access & access::INTERFACE != 0;
    // ArchUnit: interfaces have no superclass unless a Signature attribute names one.
    let super_class = match &cf.super_class {
        Some(s) if !is_interface || cf.signature.is_some() => Some(names::class_name(strings, s)),
        _ => None,
    };
    let interfaces: Box<[Sym]> = cf.interfaces.iter().map(|i| names::class_name(strings, i)).collect();

    if role == Role::Target {
        if let Some(s) = super_class {
            x.push(CLASS_LEVEL, DepKind::Extends, 0, s, None, None);
        }
        let verb = if is_interface { DepKind::Extends } else { DepKind::Implements };
        for &i in interfaces.iter() {
            x.push(CLASS_LEVEL, verb, 0, i, None, None);
        }
    }

    let annotations = x.annotations(CLASS_LEVEL, &cf.annotations, role == Role::Target, None);
    if let (Role::Target, Some(sig)) = (role, &cf.signature) {
        x.class_signature(sig);
    }
    let mut members = Vec::with_capacity(cf.fields.len() + cf.methods.len());
    for f in &cf.fields {
        let idx = members.len() as u32;
        let annotations = x.annotations(idx, &f.annotations, role == Role::Target, None);
        if role == Role::Target {
            let typed = f.signature.as_ref().is_some_and(|sig| x.field_signature(idx, sig));
            if !typed {
                x.declared_type(idx, DepKind::FieldType, &f.descriptor);
            }
        }
        members.push(Member {
            kind: MemberKind::Field,
            name: x.name(&f.name),
            descriptor: x.name(&f.descriptor),
            access: f.access,
            annotations,
            deprecated_attribute: f.deprecated_attribute,
            first_line: 0,
            rare: None,
        });
    }

    // Lambda bodies are not members (rule 6): map each to the member whose code creates it.
    let lambdas = lambda_owners(cf);
    // Two methods may share a description (name and parameters, the return types differing: a bridge and its
    // method, Kotlin's `max(Iterable)` overloads), and ArchUnit's `Dependency.equals` compares descriptions: their
    // equal lines are one (`Method <...TreeMultimap.get(java.lang.Object)> is annotated with <...GwtIncompatible>`
    // once, not once per method).
    let mut method_member: Vec<Option<u32>> = Vec::with_capacity(cf.methods.len());
    for m in &cf.methods {
        if is_lambda_body(m) || is_accessor(m) {
            method_member.push(None);
            continue;
        }
        let idx = members.len() as u32;
        method_member.push(Some(idx));
        x.same_description(idx, &m.name, &m.descriptor);
        let kind = match &*m.name {
            "<init>" => MemberKind::Constructor,
            "<clinit>" => MemberKind::StaticInitializer,
            _ => MemberKind::Method,
        };
        let target = role == Role::Target;
        let annotations = x.annotations(idx, &m.annotations, target, None);
        let mut parameter_annotations = Vec::with_capacity(m.parameter_annotations.len());
        let mut parameter_names = Vec::with_capacity(m.parameter_annotations.len());
        // Parameter type names are wanted only for annotated parameters, which few methods have.
        let annotated = !m.parameter_annotations.is_empty();
        let params = if annotated {
            names::method_types(&m.descriptor).map(|(p, _)| p.collect()).unwrap_or_default()
        } else {
            Vec::new()
        };
        let generic_params = match (&m.signature, target) {
            (Some(sig), true) => x.method_signature(idx, sig, annotated),
            _ => Vec::new(),
        };
        // ArchUnit's parameters (`JavaCodeUnit.Parameters`) are the signature's when it has any, else the
        // descriptor's; the annotations of the attribute's i-th entry go to the i-th of them, and a parameter is
        // named by its type's name. So an inner class's constructor with a `Signature`, which leaves out the outer
        // instance as javac's parameter annotations do, pairs them with the declared parameters (`Parameter <K> of
        // constructor <com.google.common.collect.LinkedHashMultimap$ValueSet.<init>(...)>`), one without pins them
        // on the outer instance; arrays are named as the JVM does (`Parameter <[I> of method
        // <kotlin.collections.ArraysKt___ArraysKt.sumBy([I, kotlin.jvm.functions.Function1)>`).
        for (i, list) in m.parameter_annotations.iter().enumerate() {
            let detail = if generic_params.is_empty() {
                params.get(i).map(|t| strings.get_or_intern(&names::type_name(*t)))
            } else {
                generic_params.get(i).map(|g| strings.get_or_intern(g))
            };
            parameter_annotations.push(x.annotations(idx, list, target, Some(detail)));
            parameter_names.push(detail);
        }
        let throws: Box<[Sym]> = m.exceptions.iter().map(|e| names::class_name(strings, e)).collect();
        if target {
            if let Some((params, ret)) = names::method_types(&m.descriptor) {
                x.declared(idx, DepKind::ReturnType, ret);
                for p in params {
                    x.declared(idx, DepKind::ParameterType, p);
                }
            }
            for &t in throws.iter() {
                x.push(idx, DepKind::Throws, 0, t, None, None);
            }
        }
        members.push(Member {
            kind,
            name: x.name(&m.name),
            descriptor: x.name(&m.descriptor),
            access: m.access,
            annotations,
            deprecated_attribute: m.deprecated_attribute,
            first_line: m.code.as_ref().and_then(|c| c.lines).map_or(0, |l| l.min_line),
            rare: RareMemberParts {
                parameter_annotations: parameter_annotations.into_boxed_slice(),
                parameter_names: parameter_names.into_boxed_slice(),
                throws,
                annotation_default: m.annotation_default.as_ref().map(|v| x.value(v)),
            }
            .boxed(),
        });
    }

    let mut accessors = Vec::new();
    if role == Role::Target {
        for (i, m) in cf.methods.iter().enumerate() {
            let Some(code) = &m.code else { continue };
            if is_accessor(m) {
                let start = x.deps.len();
                x.code(CLASS_LEVEL, code, cf);
                let inner = x.deps.split_off(start);
                accessors.push((strings.get_or_intern(&m.name), strings.get_or_intern(&m.descriptor), inner));
                continue;
            }
            if let Some(idx) = method_member.get(i).copied().flatten() {
                x.code(idx, code, cf);
                continue;
            }
            // A lambda body: its accesses go to every member whose code creates it (a serializable lambda's
            // `$deserializeLambda$` too, as ArchUnit's lambda resolution does: `Method <fixtures.lambdas.Lambdas.
            // $deserializeLambda$(java.lang.invoke.SerializedLambda)> gets field <java.lang.System.out> in
            // (Lambdas.java:28)`), each with the lines of the one visit.
            let mut owners = Vec::new();
            resolve_lambda(&lambdas, cf, i, &mut owners, 0);
            let before = x.class_line;
            let mut members = owners.iter().filter_map(|&j| method_member.get(j).copied().flatten()).peekable();
            if members.peek().is_none() {
                x.pass_over(code);
            }
            for idx in members {
                x.class_line = before;
                x.code(idx, code, cf);
            }
        }
    }

    let kotlin = cf.annotations.iter().any(|a| a.type_descriptor == "Lkotlin/Metadata;");
    let scala = is_scala(cf);
    let class = Class {
        name,
        package: strings.get_or_intern(package),
        simple_name: strings.get_or_intern(&simple_name),
        kind,
        access: cf.access,
        inner_access: cf.inner_classes.iter().find(|ic| ic.inner == cf.name).map(|ic| ic.access),
        nesting,
        outer: outer.map(|o| names::class_name(strings, &o)),
        super_class,
        interfaces,
        annotations,
        source_file: cf.source_file.as_deref().map(|s| strings.get_or_intern(s)),
        deprecated_attribute: cf.deprecated_attribute,
        kotlin,
        scala,
        permitted_subclasses: cf.permitted_subclasses.iter().map(|p| names::class_name(strings, p)).collect(),
        members_annotated: members.iter().any(|m| !m.annotations.is_empty() || m.deprecated_attribute),
        members: members.into_boxed_slice(),
        role,
        origin,
        major_version: cf.major_version,
        last_line: x.class_line,
        deps: first..x.deps.len() as u32,
    };
    Extracted { class, accessors }
}

fn class_kind(cf: &ClassFile<'_>) -> ClassKind {
    if cf.access & access::MODULE != 0 {
        ClassKind::ModuleInfo
    } else if cf.name == "package-info" || cf.name.ends_with("/package-info") {
        ClassKind::PackageInfo
    } else if cf.access & access::ANNOTATION != 0 {
        ClassKind::Annotation
    } else if cf.access & access::INTERFACE != 0 {
        ClassKind::Interface
    } else if cf.access & access::ENUM != 0 {
        ClassKind::Enum
    } else if cf.super_class.as_deref() == Some("java/lang/Record") {
        ClassKind::Record
    } else {
        ClassKind::Class
    }
}

/// Nesting, enclosing class and declared simple name, from the class's own `InnerClasses` entry.
fn nesting(cf: &ClassFile<'_>) -> (Nesting, Option<String>, Option<String>) {
    let own = cf.inner_classes.iter().find(|ic| ic.inner == cf.name);
    let enclosing = cf.enclosing_method.as_ref().map(|e| e.class.to_string());
    match own {
        None => (Nesting::TopLevel, None, None),
        Some(ic) => {
            let simple = ic.simple_name.as_deref().map(str::to_string);
            match (&ic.outer, &ic.simple_name) {
                (Some(outer), _) => {
                    let n = if ic.access & access::STATIC != 0 || cf.access & access::INTERFACE != 0 {
                        Nesting::Nested
                    } else {
                        Nesting::Inner
                    };
                    (n, Some(outer.to_string()), simple)
                }
                (None, None) => (Nesting::Anonymous, enclosing, None),
                (None, Some(_)) => (Nesting::Local, enclosing, simple),
            }
        }
    }
}

/// Compiled by scalac: its `ScalaSig`/`Scala` attribute, its pickled signature annotation (`ScalaSignature`,
/// `ScalaLongSignature`), or the shape of a Scala `object` module class (`Foo$` with its own `static MODULE$`), which
/// stays recognisable when a tool that drops unknown attributes (ProGuard, some shaders) has rewritten the class.
fn is_scala(cf: &ClassFile<'_>) -> bool {
    let signature = |a: &bc::Annotation<'_>| {
        matches!(&*a.type_descriptor, "Lscala/reflect/ScalaSignature;" | "Lscala/reflect/ScalaLongSignature;")
    };
    let module_class = cf.name.ends_with('$')
        && cf.fields.iter().any(|f| {
            f.name == "MODULE$"
                && f.access & access::STATIC != 0
                && f.descriptor.strip_prefix('L').and_then(|d| d.strip_suffix(';')) == Some(&*cf.name)
        });
    cf.scala_attribute || cf.annotations.iter().any(signature) || module_class
}

fn is_lambda_body(m: &bc::Method<'_>) -> bool {
    m.name.starts_with("lambda$") && m.access & access::SYNTHETIC != 0
}

/// javac's synthetic accessors for private members of nest mates (before Java 11).
fn is_accessor(m: &bc::Method<'_>) -> bool {
    m.access & access::SYNTHETIC != 0 && m.access & access::STATIC != 0 && is_accessor_name(&m.name)
}

pub(crate) fn is_accessor_name(name: &str) -> bool {
    name.strip_prefix("access$").is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// For each lambda body (method index), the indexes of the methods whose `invokedynamic` creates it, in method
/// order.
fn lambda_owners(cf: &ClassFile<'_>) -> FxHashMap<usize, Vec<usize>> {
    let mut by_key: FxHashMap<(&str, &str), usize> = FxHashMap::default();
    for (i, m) in cf.methods.iter().enumerate() {
        if is_lambda_body(m) {
            by_key.insert((&m.name, &m.descriptor), i);
        }
    }
    let mut owners: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    if by_key.is_empty() {
        return owners;
    }
    for (i, m) in cf.methods.iter().enumerate() {
        let Some(code) = &m.code else { continue };
        for r in cf.refs(code) {
            if let RefKind::MethodHandle { lambda_metafactory: true, .. } = r.kind {
                let (owner, name, descriptor) = cf.code_ref(r);
                if owner == cf.name {
                    if let Some(&l) = by_key.get(&(&*name, &*descriptor)) {
                        let list = owners.entry(l).or_default();
                        if l != i && !list.contains(&i) {
                            list.push(i);
                        }
                    }
                }
            }
        }
    }
    owners
}

/// Follows lambda-in-lambda chains to the methods that are members, appending them to `out` once each.
fn resolve_lambda(
    owners: &FxHashMap<usize, Vec<usize>>,
    cf: &ClassFile<'_>,
    i: usize,
    out: &mut Vec<usize>,
    depth: u32,
) {
    if depth > 64 {
        return;
    }
    for &owner in owners.get(&i).map_or(&[][..], Vec::as_slice) {
        if cf.methods.get(owner).is_some_and(is_lambda_body) {
            resolve_lambda(owners, cf, owner, out, depth + 1);
        } else if !out.contains(&owner) {
            out.push(owner);
        }
    }
}

/// Tables one thread reuses from class to class: allocating them afresh for every class cost more than filling them.
#[derive(Default)]
pub(crate) struct Scratch {
    names: FxHashMap<(usize, usize), Sym>,
    classes: FxHashMap<(usize, usize), Sym>,
    seen: FxHashSet<(u32, DepKind, u32, Sym, Option<Sym>)>,
    /// Per member index, the first member of the same description, where the class has bridges (see `extract`);
    /// empty otherwise, meaning each member is its own.
    canonical: Vec<u32>,
    /// The first method of each description met: name, and a hash of the parameter descriptor (interning every
    /// parameter list would grow the string table for a rare case; two lists of one name in one class hashing
    /// alike is not a concern at 64 bits).
    descriptions: FxHashMap<(Sym, u64), u32>,
    /// Code-reference constants resolved so far, by constant-pool index.
    resolved: Vec<Option<Resolved>>,
    /// Where generic type names are rendered before interning.
    text: String,
}

impl Scratch {
    fn clear(&mut self) {
        // A huge class leaves huge tables, and clearing costs their capacity: start small again after one.
        const LARGE: usize = 1 << 10;
        if self.names.capacity() > LARGE || self.classes.capacity() > LARGE || self.seen.capacity() > LARGE {
            *self = Scratch::default();
        }
        self.names.clear();
        self.classes.clear();
        self.seen.clear();
        self.resolved.clear();
        self.canonical.clear();
        self.descriptions.clear();
    }
}

pub(super) struct Extractor<'s, 'd> {
    pub(super) strings: &'s LocalStrings<'s>,
    /// Per-class caches keyed by the address of the borrowed constant: the same constant-pool string is named by
    /// many instructions, and a local lookup is far cheaper than the shared interner. Only strings that lie inside
    /// the class bytes are cached: a temporary (a generic signature's binary name) may reuse a freed address.
    bytes: std::ops::Range<*const u8>,
    /// The address caches, and the set that collapses non-access dependencies like ArchUnit's
    /// `Dependency.equals` (rule 12).
    scratch: &'d mut Scratch,
    deps: &'d mut Vec<Dependency>,
    /// The line of the last `LineNumberTable` entry visited in the class so far, in method and code order: the line
    /// of an access before its method's first entry (see [`Extractor::code`]). `None` before the class's first
    /// entry: such an access takes the line the class before it ended on, which the builder fills in.
    class_line: Option<u16>,
}

impl<'s, 'd> Extractor<'s, 'd> {
    fn new(
        strings: &'s LocalStrings<'s>,
        bytes: &[u8],
        deps: &'d mut Vec<Dependency>,
        scratch: &'d mut Scratch,
    ) -> Self {
        scratch.clear();
        Extractor { strings, deps, bytes: bytes.as_ptr_range(), scratch, class_line: None }
    }

    fn borrowed(&self, s: &str) -> bool {
        self.bytes.contains(&s.as_ptr())
    }

    fn name(&mut self, s: &str) -> Sym {
        let strings = self.strings;
        if !self.borrowed(s) {
            return strings.get_or_intern(s);
        }
        *self.scratch.names.entry((s.as_ptr() as usize, s.len())).or_insert_with(|| strings.get_or_intern(s))
    }

    fn class(&mut self, internal: &str) -> Sym {
        let strings = self.strings;
        if !self.borrowed(internal) {
            return names::class_name(strings, internal);
        }
        *self
            .scratch
            .classes
            .entry((internal.as_ptr() as usize, internal.len()))
            .or_insert_with(|| names::class_name(strings, internal))
    }

    pub(super) fn push(
        &mut self,
        member: u32,
        kind: DepKind,
        line: u32,
        target: Sym,
        target_member: Option<MemberRef>,
        detail: Option<Sym>,
    ) {
        let same = self.scratch.canonical.get(member as usize).copied().unwrap_or(member);
        if !kind.is_access() && !self.scratch.seen.insert((same, kind, line, target, detail)) {
            return;
        }
        let mut d = Dependency::new(PLACEHOLDER, member, kind, 0, target, target_member, detail);
        if line == LINE_FROM_PREVIOUS_CLASS {
            d.line_from_previous_class = true;
        } else {
            // Class files record lines as 16-bit numbers: the conversion never saturates on a valid file.
            d.line = u16::try_from(line).unwrap_or(u16::MAX);
        }
        self.deps.push(d);
    }

    /// Records which member's lines method `idx` shares, by name and parameter descriptor (see `extract`).
    fn same_description(&mut self, idx: u32, name: &str, descriptor: &str) {
        use std::hash::{BuildHasher, BuildHasherDefault};
        let params = descriptor.rfind(')').and_then(|end| descriptor.get(..=end)).unwrap_or(descriptor);
        let key = (self.name(name), BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(params));
        let first = *self.scratch.descriptions.entry(key).or_insert(idx);
        let canonical = &mut self.scratch.canonical;
        while canonical.len() < idx as usize {
            canonical.push(canonical.len() as u32);
        }
        canonical.push(first);
    }

    /// Interns what `render` writes, through a reused buffer.
    pub(super) fn intern_rendered(&mut self, render: impl FnOnce(&mut String) -> std::fmt::Result) -> Sym {
        let text = &mut self.scratch.text;
        text.clear();
        let _ = render(text);
        self.strings.get_or_intern(text)
    }

    /// [`Extractor::push_type`] of a name `render` writes (a binary name), through a reused buffer.
    pub(super) fn push_rendered_type(
        &mut self,
        member: u32,
        kind: DepKind,
        render: impl FnOnce(&mut String) -> std::fmt::Result,
        detail: Option<Sym>,
    ) {
        let mut text = std::mem::take(&mut self.scratch.text);
        text.clear();
        let _ = render(&mut text);
        self.push_type(member, kind, 0, &text, detail);
        self.scratch.text = text;
    }

    /// A dependency on a class or array type, followed by its component types (rule 13).
    pub(super) fn push_type(&mut self, member: u32, kind: DepKind, line: u32, internal: &str, detail: Option<Sym>) {
        let target = self.class(internal);
        self.push(member, kind, line, target, None, detail);
        self.components(member, line, internal);
    }

    fn components(&mut self, member: u32, line: u32, internal: &str) {
        if internal.starts_with('[') {
            for c in names::array_components(internal) {
                let t = self.class(c);
                self.push(member, DepKind::ComponentType, line, t, None, None);
            }
        }
    }

    fn declared(&mut self, member: u32, kind: DepKind, t: FieldType<'_>) {
        match t {
            FieldType::Primitive(_) => {}
            FieldType::Object(n) | FieldType::Array(n) => self.push_type(member, kind, 0, n, None),
        }
    }

    fn declared_type(&mut self, member: u32, kind: DepKind, desc: &str) {
        if let Some(t) = names::field_type(desc) {
            self.declared(member, kind, t);
        }
    }

    /// The dependencies of one method body, in class-file order of methods (the line carried from method to method
    /// depends on it).
    ///
    /// ArchUnit records an access (call, field get or set, method or constructor reference) with the line of the
    /// last line-number entry its per-class access recorder has visited, kept across methods: an access before its
    /// method's first entry (Kotlin's parameter null checks, Scala's static forwarders) carries the previous
    /// method's last line, 0 only when no method before it had entries. `Method <scala.runtime.RichInt.
    /// byteValue$extension(int)> calls method <scala.runtime.RichInt$.byteValue$extension(int)> in
    /// (RichInt.scala:16)`, where the forwarder has no line table and 16 is the line the method before it ended
    /// on. Class objects (`ldc`) and `instanceof` use the method visitor's own line, which starts at 0 in each
    /// method: the instruction's own line, as scanned.
    ///
    /// The recorder is in fact one for the whole import (`ClassFileProcessor.process`), so the line carries from
    /// class to class too, in the order ArchUnit reads them (a jar's entry order): `Method <scala.Array.canBuildFrom(
    /// scala.reflect.ClassTag)> gets field <scala.Array$.MODULE$> in (Array.scala:59)`, where `scala.Array` (static
    /// forwarders only) has no line table and 59 is where the class read before it ended. Such an access is marked
    /// [`LINE_FROM_PREVIOUS_CLASS`] and the builder fills it in.
    fn code(&mut self, member: u32, code: &bc::Code<'_>, cf: &ClassFile<'_>) {
        let first_pc = code.lines.map_or(u32::MAX, |l| l.first_pc);
        let carried = self.class_line.map_or(LINE_FROM_PREVIOUS_CLASS, u32::from);
        for r in cf.refs(code) {
            let kind = match r.kind {
                RefKind::InvokeVirtual | RefKind::InvokeSpecial | RefKind::InvokeStatic | RefKind::InvokeInterface => {
                    DepKind::MethodCall
                }
                RefKind::GetField | RefKind::GetStatic => DepKind::FieldGet,
                RefKind::PutField | RefKind::PutStatic => DepKind::FieldSet,
                RefKind::MethodHandle { lambda_metafactory: true, handle_kind: 8 } => DepKind::ConstructorReference,
                RefKind::MethodHandle { lambda_metafactory: true, .. } => DepKind::MethodReference,
                RefKind::InstanceOf => DepKind::InstanceOf,
                RefKind::LdcClass => DepKind::ClassObject,
                _ => continue, // checkcast, array creation, new, the invokedynamic site: not dependencies (rule 10)
            };
            let target = self.resolve(r, cf);
            let kind = match kind {
                DepKind::MethodCall if r.kind == RefKind::InvokeSpecial && target.flags & Resolved::INIT != 0 => {
                    DepKind::ConstructorCall
                }
                DepKind::MethodReference | DepKind::ConstructorReference
                    if target.flags & Resolved::OWN_LAMBDA != 0 =>
                {
                    continue; // folded into this member (rule 6)
                }
                DepKind::FieldGet | DepKind::FieldSet if target.flags & Resolved::SWITCH_MAP != 0 => continue, // rule 9
                kind => kind,
            };
            let line = if kind.is_access() && r.pc < first_pc { carried } else { r.line };
            self.push(member, kind, line, target.owner, target.member, None);
            if target.flags & Resolved::ARRAY != 0 {
                self.components(member, line, &cf.code_ref(r).0);
            }
        }
        for c in &code.catches {
            if let Some(line) = c.try_line {
                self.push_type(member, DepKind::Catch, line, &c.catch_type, None);
            }
        }
        self.pass_over(code);
    }

    /// Moves the line carried from method to method past a body (see [`Extractor::code`]).
    fn pass_over(&mut self, code: &bc::Code<'_>) {
        if let Some(lines) = code.lines {
            self.class_line = Some(lines.last_line);
        }
    }

    /// The symbols of a code reference's constant, resolved once per constant and class.
    fn resolve(&mut self, r: &bc::CodeRef, cf: &ClassFile<'_>) -> Resolved {
        if let Some(Some(done)) = self.scratch.resolved.get(usize::from(r.index)) {
            return *done;
        }
        let (owner, name, descriptor) = cf.code_ref(r);
        let mut flags = 0;
        if owner.starts_with('[') {
            flags |= Resolved::ARRAY;
        }
        if name == "<init>" {
            flags |= Resolved::INIT;
        }
        if name.starts_with("$SwitchMap$") {
            flags |= Resolved::SWITCH_MAP;
        }
        if owner == cf.name && name.starts_with("lambda$") {
            flags |= Resolved::OWN_LAMBDA;
        }
        let member =
            (!r.kind.names_class()).then(|| MemberRef { name: self.name(&name), descriptor: self.name(&descriptor) });
        let done = Resolved { owner: self.class(&owner), member, flags };
        let index = usize::from(r.index);
        if self.scratch.resolved.len() <= index {
            self.scratch.resolved.resize(index + 1, None);
        }
        if let Some(slot) = self.scratch.resolved.get_mut(index) {
            *slot = Some(done);
        }
        done
    }
}

/// A code reference's constant as symbols, with what the extraction asks of its names.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Resolved {
    owner: Sym,
    /// `None` for class-only references.
    member: Option<MemberRef>,
    flags: u8,
}

impl Resolved {
    const ARRAY: u8 = 1;
    const INIT: u8 = 2;
    const SWITCH_MAP: u8 = 4;
    /// A lambda body of the class itself.
    const OWN_LAMBDA: u8 = 8;
}

pub(crate) fn is_primitive_name(name: &str) -> bool {
    matches!(name, "byte" | "char" | "double" | "float" | "int" | "long" | "short" | "boolean" | "void")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names made on the fly (a generic signature's binary names) may reuse a freed address with other text of the
    /// same length: only names borrowed from the class bytes may be cached by address.
    #[test]
    fn a_reused_address_is_not_mistaken_for_the_name_cached_there() {
        let global = super::super::intern::Interner::default();
        let strings = LocalStrings::new(&global);
        let class_bytes = b"a/Aaaa".to_vec();
        let mut deps = Vec::new();
        let mut scratch = Scratch::default();
        let mut x = Extractor::new(&strings, &class_bytes, &mut deps, &mut scratch);
        let mut temporary = String::from("b/Cccc");
        x.push_type(0, DepKind::TypeParameter, 0, &temporary, None);
        temporary.replace_range(.., "b/Dddd");
        x.push_type(0, DepKind::TypeParameter, 0, &temporary, None);
        let borrowed = std::str::from_utf8(&class_bytes).unwrap_or_default();
        x.push_type(0, DepKind::TypeParameter, 0, borrowed, None);
        x.push_type(1, DepKind::TypeParameter, 0, borrowed, None);
        super::super::republish::Republish(&strings.publish()).dependencies(&mut deps);
        drop(strings);
        let strings = global.freeze();
        let targets: Vec<&str> = deps.iter().map(|d| strings.resolve(d.target)).collect();
        assert_eq!(targets, ["b.Cccc", "b.Dddd", "a.Aaaa", "a.Aaaa"]);
    }
}
