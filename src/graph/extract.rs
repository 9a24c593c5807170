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
            x.declared_type(idx, DepKind::FieldType, &f.descriptor);
            if let Some(sig) = &f.signature {
                x.field_signature(idx, sig);
            }
        }
        members.push(Member {
            kind: MemberKind::Field,
            name: x.name(&f.name),
            descriptor: x.name(&f.descriptor),
            access: f.access,
            annotations,
            deprecated_attribute: f.deprecated_attribute,
            rare: None,
        });
    }

    // Lambda bodies are not members (rule 6): map each to the member whose code creates it.
    let lambdas = lambda_owners(cf);
    let mut method_member: Vec<Option<u32>> = Vec::with_capacity(cf.methods.len());
    for m in &cf.methods {
        if is_lambda_body(m) || is_accessor(m) {
            method_member.push(None);
            continue;
        }
        let idx = members.len() as u32;
        method_member.push(Some(idx));
        let kind = match &*m.name {
            "<init>" => MemberKind::Constructor,
            "<clinit>" => MemberKind::StaticInitializer,
            _ => MemberKind::Method,
        };
        let target = role == Role::Target;
        let annotations = x.annotations(idx, &m.annotations, target, None);
        let mut parameter_annotations = Vec::with_capacity(m.parameter_annotations.len());
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
        for (i, list) in m.parameter_annotations.iter().enumerate() {
            let generic = generic_params.get(i).filter(|_| generic_params.len() == params.len());
            let detail = match generic {
                Some(g) => Some(strings.get_or_intern(g)),
                None => params.get(i).map(|t| strings.get_or_intern(&names::type_name(*t))),
            };
            parameter_annotations.push(x.annotations(idx, list, target, Some(detail)));
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
            rare: RareMemberParts {
                parameter_annotations: parameter_annotations.into_boxed_slice(),
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
            let member = match method_member.get(i).copied().flatten() {
                Some(idx) => idx,
                None => match resolve_lambda(&lambdas, cf, i).and_then(|j| method_member.get(j).copied().flatten()) {
                    Some(idx) => idx,
                    None => continue,
                },
            };
            x.code(member, code, cf);
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

/// For each lambda body (method index), the index of the method whose `invokedynamic` creates it.
fn lambda_owners(cf: &ClassFile<'_>) -> FxHashMap<usize, usize> {
    let mut by_key: FxHashMap<(&str, &str), usize> = FxHashMap::default();
    for (i, m) in cf.methods.iter().enumerate() {
        if is_lambda_body(m) {
            by_key.insert((&m.name, &m.descriptor), i);
        }
    }
    let mut owners = FxHashMap::default();
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
                        if l != i {
                            owners.entry(l).or_insert(i);
                        }
                    }
                }
            }
        }
    }
    owners
}

/// Follows lambda-in-lambda chains to the method that is a member.
fn resolve_lambda(owners: &FxHashMap<usize, usize>, cf: &ClassFile<'_>, mut i: usize) -> Option<usize> {
    for _ in 0..64 {
        let owner = *owners.get(&i)?;
        if !cf.methods.get(owner).is_some_and(is_lambda_body) {
            return Some(owner);
        }
        i = owner;
    }
    None
}

/// Tables one thread reuses from class to class: allocating them afresh for every class cost more than filling them.
#[derive(Default)]
pub(crate) struct Scratch {
    names: FxHashMap<(usize, usize), Sym>,
    classes: FxHashMap<(usize, usize), Sym>,
    seen: FxHashSet<(u32, DepKind, u32, Sym, Option<Sym>)>,
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
}

impl<'s, 'd> Extractor<'s, 'd> {
    fn new(
        strings: &'s LocalStrings<'s>,
        bytes: &[u8],
        deps: &'d mut Vec<Dependency>,
        scratch: &'d mut Scratch,
    ) -> Self {
        scratch.clear();
        Extractor { strings, deps, bytes: bytes.as_ptr_range(), scratch }
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
        if !kind.is_access() && !self.scratch.seen.insert((member, kind, line, target, detail)) {
            return;
        }
        // Class files record lines as 16-bit numbers: the conversion never saturates on a valid file.
        let line = u16::try_from(line).unwrap_or(u16::MAX);
        self.deps.push(Dependency::new(PLACEHOLDER, member, kind, line, target, target_member, detail));
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

    fn code(&mut self, member: u32, code: &bc::Code<'_>, cf: &ClassFile<'_>) {
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
            self.push(member, kind, r.line, target.owner, target.member, None);
            if target.flags & Resolved::ARRAY != 0 {
                self.components(member, r.line, &cf.code_ref(r).0);
            }
        }
        for c in &code.catches {
            self.push_type(member, DepKind::Catch, c.try_line, &c.catch_type, None);
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
