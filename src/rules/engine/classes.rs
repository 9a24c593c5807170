//! Class predicates over a [`ClassRef`]: a class the graph knows (analysed, classpath or stub) or only a name
//! (array and primitive types). Stubs and bare names have only a name: predicates needing more are false.

use std::borrow::Cow;
use std::cell::OnceCell;

use super::compile::{CAnnotation, CClass};
use super::memo::SymMemo;
use super::{memo, Ctx};
use crate::bytecode::access as acc;
use crate::graph::{self, Annotation, Class, ClassId, Nesting, Role, Sym, Value};
use crate::rules::ir::{ClassKind, ElementValue, Modifier, Visibility};
use rustc_hash::{FxHashMap, FxHashSet};

/// A class as a predicate sees it: a graph symbol, or a name that is not in the graph. The symbol's text and its
/// graph lookup are made on need: most predicates use one or the other, few both, and on scans of every class each
/// is a cache miss.
#[derive(Debug, Clone)]
pub struct ClassRef<'a> {
    sym: Option<Sym>,
    /// The name, for a reference made from text.
    name: Option<Cow<'a, str>>,
    id: OnceCell<Option<ClassId>>,
}

impl<'g> Ctx<'g> {
    pub fn class_ref(&self, name: Sym) -> ClassRef<'g> {
        ClassRef { sym: Some(name), name: None, id: OnceCell::new() }
    }

    pub fn class_ref_id(&self, id: ClassId) -> ClassRef<'g> {
        ClassRef { sym: Some(self.g.class(id).name), name: None, id: OnceCell::from(Some(id)) }
    }

    pub fn class_ref_str<'a>(&self, name: Cow<'a, str>) -> ClassRef<'a> {
        ClassRef { sym: None, name: Some(name), id: OnceCell::new() }
    }

    /// The binary name (or array type name).
    pub fn name_of<'a>(&'a self, c: &'a ClassRef<'_>) -> &'a str {
        match (&c.name, c.sym) {
            (Some(name), _) => name,
            (None, Some(s)) => self.g.str(s),
            (None, None) => "",
        }
    }

    /// The graph's class of that name, if any.
    pub fn id_of(&self, c: &ClassRef<'_>) -> Option<ClassId> {
        *c.id.get_or_init(|| match (c.sym, &c.name) {
            (Some(s), _) => self.g.class_by_sym(s),
            (None, Some(name)) => self.g.class_by_name(name),
            (None, None) => None,
        })
    }

    /// The class when its bytes were read (not a stub).
    pub fn loaded(&self, c: &ClassRef<'_>) -> Option<&'g Class> {
        self.id_of(c).map(|id| self.g.class(id)).filter(|k| k.role != Role::Stub)
    }

    /// The package, as ArchUnit gives it: arrays take their component's package, primitives `java.lang`.
    pub fn package_of<'a>(&'a self, c: &'a ClassRef<'_>) -> &'a str {
        if let Some(id) = self.id_of(c) {
            return self.g.str(self.g.class(id).package);
        }
        let component = component_name(self.name_of(c));
        if is_primitive(component) {
            return "java.lang";
        }
        component.rfind('.').map_or("", |i| &component[..i])
    }

    /// The simple name: `D` for `a.b.C$D`, `String[]` for `[Ljava.lang.String;`.
    pub fn simple_name_of(&self, c: &ClassRef<'_>) -> Cow<'g, str> {
        if let Some(id) = self.id_of(c) {
            return Cow::Borrowed(self.g.str(self.g.class(id).simple_name));
        }
        let name = self.name_of(c);
        let dims = name.bytes().take_while(|&b| b == b'[').count();
        let component = component_name(name);
        let simple = component.rsplit(['.', '$']).next().unwrap_or(component);
        Cow::Owned(format!("{simple}{}", "[]".repeat(dims)))
    }

    pub fn class_matches(&self, p: &CClass, c: &ClassRef<'_>) -> bool {
        match p {
            CClass::And(a, b) => self.class_matches(a, c) && self.class_matches(b, c),
            CClass::Or(a, b) => self.class_matches(a, c) || self.class_matches(b, c),
            CClass::Not(a) => !self.class_matches(a, c),
            CClass::FullName(m) => m.is_match(self.name_of(c)),
            CClass::SimpleName(m) => m.is_match(&self.simple_name_of(c)),
            CClass::InPackages(ps) => {
                let p = self.package_of(c);
                ps.iter().any(|x| x.is_match(p))
            }
            CClass::OutsidePackages(ps) => {
                let p = self.package_of(c);
                !ps.iter().any(|x| x.is_match(p))
            }
            CClass::Visibility(v) => self.loaded(c).is_some_and(|k| visibility(k.modifiers()) == *v),
            CClass::Modifier(m) => self.loaded(c).is_some_and(|k| class_modifier(k, *m)),
            CClass::Kind(kind) => self.loaded(c).is_some_and(|k| class_kind(k, *kind)),
            CClass::AnnotatedWith(a) => self.annotations_of(c).iter().any(|x| self.annotation_matches(a, x)),
            CClass::MetaAnnotatedWith(a, memo) => self.meta_annotated(self.annotations_of(c), a, memo),
            CClass::AssignableTo(x, names) => match self.id_of(c) {
                Some(id) => memo(names, || self.assignable(x)).contains(&self.g.class(id).name),
                None => self.class_matches(x, c),
            },
            CClass::AssignableFrom(x) => self.assignable_from(x, c),
            CClass::AccessedBy(x) => self.id_of(c).is_some_and(|id| {
                self.g
                    .dependents(self.g.class(id).name)
                    .any(|d| d.kind.is_access() && self.class_matches(x, &self.class_ref_id(d.origin)))
            }),
            CClass::Implement(x, implementing) => self.loaded(c).is_some_and(|k| {
                k.access & acc::INTERFACE == 0
                    && self.id_of(c).is_some_and(|id| memo(implementing, || self.implementing(x)).contains(&id))
            }),
            CClass::ContainAny(kind, m) => self.loaded(c).is_some_and(|k| {
                let id = self.id_of(c).unwrap_or(ClassId(0));
                k.members.iter().any(|mem| {
                    super::members::kind_matches(*kind, mem.kind) && self.member_matches(m, &self.member_view(id, mem))
                })
            }),
            // A Scala class's `Deprecated` attribute counts too (scalac writes `@deprecated` as the attribute alone):
            // see `is_deprecated`. A Java class's attribute alone (a javadoc `@deprecated` tag) does not, as in
            // ArchUnit, which reads annotations only.
            CClass::Deprecated => {
                self.loaded(c).is_some_and(|k| k.deprecated_attribute && k.scala)
                    || self.is_deprecated(self.annotations_of(c))
            }
            CClass::DeprecatedForRemoval => self.is_deprecated_for_removal(self.annotations_of(c)),
            CClass::Kotlin => self.loaded(c).is_some_and(|k| k.kotlin),
            CClass::Scala => self.loaded(c).is_some_and(|k| k.scala),
            CClass::KotlinInternal => self
                .id_of(c)
                .is_some_and(|id| self.kotlin_visibility(id) == Some(crate::graph::KotlinVisibility::Internal)),
            CClass::NullMarked => self.null_marked(c),
            CClass::PackageAnnotatedWith(a) => {
                let info = package_info_name(self.package_of(c));
                let pkg = self.class_ref_str(Cow::Owned(info));
                self.annotations_of(&pkg).iter().any(|x| self.annotation_matches(a, x))
            }
            CClass::FromArtifact { group, artifact, version } => self.loaded(c).is_some_and(|k| {
                self.artifacts().of(k).iter().any(|coords| {
                    coords.group == *group
                        && (artifact == "*" || coords.artifact == *artifact)
                        && version.as_ref().is_none_or(|v| v.matches(&coords.version))
                })
            }),
        }
    }

    pub fn annotations_of(&self, c: &ClassRef<'_>) -> &'g [Annotation] {
        self.loaded(c).map_or(&[], |k| &k.annotations)
    }

    pub fn annotation_matches(&self, p: &CAnnotation, a: &Annotation) -> bool {
        match p {
            CAnnotation::And(x, y) => self.annotation_matches(x, a) && self.annotation_matches(y, a),
            CAnnotation::Or(x, y) => self.annotation_matches(x, a) || self.annotation_matches(y, a),
            CAnnotation::Not(x) => !self.annotation_matches(x, a),
            CAnnotation::Type(c, matching) => {
                matching.get_by(self.g, a.type_name, || self.class_matches(c, &self.class_ref(a.type_name)))
            }
            CAnnotation::Value { name, value } => {
                name.is_some_and(|n| match a.elements.iter().find(|(k, _)| *k == n) {
                    Some((_, v)) => self.value_matches(v, value),
                    // Left out: the annotation type's default, when the type is in the graph.
                    None => self.g.class_by_sym(a.type_name).is_some_and(|t| {
                        self.g.class(t).members.iter().any(|m| {
                            m.name == n && m.annotation_default().is_some_and(|d| self.value_matches(d, value))
                        })
                    }),
                })
            }
        }
    }

    fn value_matches(&self, v: &Value, want: &ElementValue) -> bool {
        match (v, want) {
            (Value::Array(items), _) => items.iter().any(|i| self.value_matches(i, want)),
            (Value::Bool(a), ElementValue::Bool(b)) => a == b,
            (Value::Int(a), ElementValue::Int(b)) => a == b,
            (Value::Char(a), ElementValue::Int(b)) => i64::from(u32::from(*a)) == *b,
            (Value::String(a), ElementValue::String(b)) => self.g.str(*a) == b,
            (Value::Enum { constant, .. }, ElementValue::Enum(b)) => self.g.str(*constant) == b,
            (Value::Class(a), ElementValue::Class(b)) => self.g.str(*a) == b,
            _ => false,
        }
    }

    /// An annotation matches, or one on an annotation type, recursively; each type is visited once.
    pub fn meta_annotated(&self, annotations: &[Annotation], p: &CAnnotation, memo: &SymMemo) -> bool {
        // What an annotation type's own annotations reach is the same wherever the type is used: walked once per
        // type (and predicate), not once per annotated class or member.
        annotations.iter().any(|a| {
            self.annotation_matches(p, a)
                || memo
                    .get(self.g, a.type_name, |_| self.meta_reach(self.annotations_of(&self.class_ref(a.type_name)), p))
        })
    }

    /// Whether an annotation matches among `annotations` or, recursively, those on their types; each type is
    /// visited once.
    fn meta_reach(&self, annotations: &[Annotation], p: &CAnnotation) -> bool {
        let mut seen = FxHashSet::default();
        let mut queue: Vec<&Annotation> = annotations.iter().collect();
        while let Some(a) = queue.pop() {
            if self.annotation_matches(p, a) {
                return true;
            }
            if seen.insert(a.type_name) {
                queue.extend(self.annotations_of(&self.class_ref(a.type_name)).iter());
            }
        }
        false
    }

    /// `@java.lang.Deprecated`, `@kotlin.Deprecated` or `@kotlin.DeprecatedSinceKotlin` among `annotations`.
    ///
    /// `deprecated()` also holds for a class or member with the class-file `Deprecated` attribute (its callers test
    /// it): the only trace of Scala's `@deprecated` (scalac writes no Java annotation) and of a javadoc-only
    /// `@deprecated` tag, both of which javac itself warns about. ArchUnit tests the annotation alone and misses
    /// them; this departure is documented in docs/packs.md.
    pub fn is_deprecated(&self, annotations: &[Annotation]) -> bool {
        annotations.iter().any(|a| self.known.deprecated.contains(&Some(a.type_name)))
    }

    pub fn is_deprecated_for_removal(&self, annotations: &[Annotation]) -> bool {
        let Some(java) = self.known.deprecated[0] else { return false };
        annotations.iter().any(|a| {
            a.type_name == java
                && a.elements.iter().any(|(k, v)| Some(*k) == self.known.for_removal && *v == Value::Bool(true))
        })
    }

    /// Names of the classes assignable to a class matching `p`: the matches and all their subtypes.
    fn assignable(&self, p: &CClass) -> rustc_hash::FxHashSet<Sym> {
        let mut names: rustc_hash::FxHashSet<Sym> = self.target_syms(p).into_iter().collect();
        let subtypes = self.subtypes();
        let mut queue: Vec<Sym> = names.iter().copied().collect();
        while let Some(n) = queue.pop() {
            for &sub in subtypes.of(n) {
                let name = self.g.class(sub).name;
                if names.insert(name) {
                    queue.push(name);
                }
            }
        }
        names
    }

    fn assignable_from(&self, p: &CClass, c: &ClassRef<'_>) -> bool {
        if self.class_matches(p, c) {
            return true;
        }
        let Some(name) = self.id_of(c).map(|id| self.g.class(id).name) else { return false };
        let subtypes = self.subtypes();
        let mut seen = rustc_hash::FxHashSet::default();
        let mut queue = vec![name];
        while let Some(n) = queue.pop() {
            for &sub in subtypes.of(n) {
                if seen.insert(sub) {
                    if self.class_matches(p, &self.class_ref_id(sub)) {
                        return true;
                    }
                    queue.push(self.g.class(sub).name);
                }
            }
        }
        false
    }

    /// The classes read (not stubs) from which a chain of superclasses and superinterfaces, each found by name,
    /// reaches an interface matching `p`: `implement(p)` holds for those that are not interfaces themselves.
    /// Walked backwards from the classes declaring a matching interface, once per predicate, instead of up the
    /// hierarchy of every class.
    fn implementing(&self, p: &CClass) -> FxHashSet<ClassId> {
        let mut tested: FxHashMap<Sym, bool> = FxHashMap::default();
        let mut found: Vec<ClassId> = Vec::new();
        for (id, k) in self.g.classes().filter(|(_, k)| k.role != Role::Stub) {
            let mut declares = false;
            for &i in k.interfaces.iter() {
                declares |= *tested.entry(i).or_insert_with(|| self.class_matches(p, &self.class_ref(i)));
            }
            if declares {
                found.push(id);
            }
        }
        let mut out: FxHashSet<ClassId> = found.iter().copied().collect();
        let subtypes = self.subtypes();
        while let Some(id) = found.pop() {
            let name = self.g.class(id).name;
            // Subtypes reach a supertype through its name: only the class the name resolves to counts.
            if self.g.class_by_sym(name) != Some(id) {
                continue;
            }
            for &sub in subtypes.of(name) {
                if out.insert(sub) {
                    found.push(sub);
                }
            }
        }
        out
    }

    /// The packages whose `package-info` (the class read under that name) is `@NullMarked`, found once instead of
    /// by a name lookup per class; `None` when a `package-info` is named unlike its package (then lookups it is).
    fn null_marked_packages(&self) -> Option<&FxHashSet<Sym>> {
        self.null_marked_packages
            .get_or_init(|| {
                let mut out = FxHashSet::default();
                let Some(marker) = self.known.null_marked else { return Some(out) };
                for (id, k) in self.g.classes() {
                    let name = self.g.str(k.name);
                    if name != "package-info" && !name.ends_with(".package-info") {
                        continue;
                    }
                    if name != package_info_name(self.g.str(k.package)) {
                        return None;
                    }
                    if k.role != Role::Stub
                        && self.g.class_by_sym(k.name) == Some(id)
                        && k.annotations.iter().any(|a| a.type_name == marker)
                    {
                        out.insert(k.package);
                    }
                }
                Some(out)
            })
            .as_ref()
    }

    /// JSpecify: the class, an enclosing class or the package's `package-info` is `@NullMarked`; or Kotlin or Scala.
    /// Kotlin's types say what is nullable, and Scala's nullness is not JSpecify's to state (Nebula exempts Kotlin;
    /// exempting Scala is archrules' own choice, see docs/packs.md). Both are asked first: a project that never
    /// mentions JSpecify is no reason to flag them.
    fn null_marked(&self, c: &ClassRef<'_>) -> bool {
        let Some(mut k) = self.loaded(c) else { return false };
        if k.kotlin || k.scala {
            return true;
        }
        let Some(marker) = self.known.null_marked else { return false };
        let marked = |k: &Class| k.annotations.iter().any(|a| a.type_name == marker);
        let package_marked = match self.null_marked_packages() {
            Some(packages) => packages.contains(&k.package),
            None => {
                let info = self.class_ref_str(Cow::Owned(package_info_name(self.g.str(k.package))));
                self.loaded(&info).is_some_and(marked)
            }
        };
        if package_marked {
            return true;
        }
        for _ in 0..64 {
            if marked(k) {
                return true;
            }
            match k.outer.and_then(|o| self.loaded(&self.class_ref(o))) {
                Some(outer) => k = outer,
                None => break,
            }
        }
        false
    }
}

fn component_name(name: &str) -> &str {
    let inner = name.trim_start_matches('[');
    if inner.len() == name.len() {
        return name;
    }
    match inner.strip_prefix('L').and_then(|s| s.strip_suffix(';')) {
        Some(object) => object,
        None => graph::names::primitive_name(inner.chars().next().unwrap_or('V')),
    }
}

/// Java's primitive type names, as the graph writes them (and `void`).
pub fn is_primitive(name: &str) -> bool {
    matches!(name, "boolean" | "byte" | "char" | "short" | "int" | "long" | "float" | "double" | "void")
}

fn package_info_name(package: &str) -> String {
    if package.is_empty() {
        "package-info".to_owned()
    } else {
        format!("{package}.package-info")
    }
}

pub fn visibility(access: u16) -> Visibility {
    if access & acc::PUBLIC != 0 {
        Visibility::Public
    } else if access & acc::PROTECTED != 0 {
        Visibility::Protected
    } else if access & acc::PRIVATE != 0 {
        Visibility::Private
    } else {
        Visibility::PackagePrivate
    }
}

/// A member class's modifiers are its `InnerClasses` entry's ([`Class::modifiers`]): javac drops `static` and widens
/// `private`/`protected` in the class file's own flags.
fn class_modifier(k: &Class, m: Modifier) -> bool {
    let flag = match m {
        Modifier::Static => acc::STATIC,
        Modifier::Final => acc::FINAL,
        Modifier::Abstract => acc::ABSTRACT,
        Modifier::Synthetic => acc::SYNTHETIC,
        Modifier::Synchronized | Modifier::Native | Modifier::Transient | Modifier::Volatile | Modifier::Bridge => {
            return false
        }
    };
    k.modifiers() & flag != 0
}

fn class_kind(k: &Class, kind: ClassKind) -> bool {
    use graph::ClassKind as G;
    match kind {
        // `package-info` is an interface in the class file, and so in ArchUnit.
        ClassKind::Interface => k.access & acc::INTERFACE != 0,
        ClassKind::Enum => k.kind == G::Enum && k.nesting != Nesting::Anonymous,
        ClassKind::Record => k.kind == G::Record,
        ClassKind::Annotation => k.kind == G::Annotation,
        ClassKind::TopLevel => k.nesting == Nesting::TopLevel,
        ClassKind::Nested => k.nesting != Nesting::TopLevel,
        ClassKind::Member => matches!(k.nesting, Nesting::Nested | Nesting::Inner),
        ClassKind::Inner => matches!(k.nesting, Nesting::Inner | Nesting::Anonymous | Nesting::Local),
        ClassKind::Anonymous => k.nesting == Nesting::Anonymous,
        ClassKind::Local => k.nesting == Nesting::Local,
    }
}
