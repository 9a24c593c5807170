//! Precompiling a rule's predicates once, before any class is visited: regexes and package patterns are
//! compiled and names the graph knows are looked up as symbols, so evaluation compares integers.

use std::sync::{Arc, Mutex, OnceLock};

use regex::Regex;

use super::memo::SymMemo;
use super::EngineError;
use crate::graph::{Graph, Sym};
use crate::rules::ir::{
    AccessKind, AccessPred, AnnotationPred, ClassKind, ClassPred, DependencyKind, DependencyPred, ElementValue,
    MemberKind, MemberPred, Modifier, StringMatch, VersionReq, Visibility,
};
use crate::rules::package_pattern::PackagePattern;

/// A compiled [`StringMatch`].
#[derive(Debug)]
pub enum Str {
    Equals(String),
    StartsWith(String),
    Contains(String),
    EndsWith(String),
    Matches(Regex),
}

impl Str {
    pub fn is_match(&self, s: &str) -> bool {
        match self {
            Str::Equals(e) => s == e,
            Str::StartsWith(p) => s.starts_with(p.as_str()),
            Str::Contains(p) => s.contains(p.as_str()),
            Str::EndsWith(p) => s.ends_with(p.as_str()),
            Str::Matches(r) => r.is_match(s),
        }
    }
}

#[derive(Debug)]
pub enum CClass {
    And(Arc<CClass>, Arc<CClass>),
    Or(Arc<CClass>, Arc<CClass>),
    Not(Arc<CClass>),
    FullName(Str),
    SimpleName(Str),
    InPackages(Vec<PackagePattern>),
    OutsidePackages(Vec<PackagePattern>),
    Visibility(Visibility),
    Modifier(Modifier),
    Kind(ClassKind),
    AnnotatedWith(CAnnotation),
    /// The predicate, and per annotation type whether its meta-annotations reach a match.
    MetaAnnotatedWith(CAnnotation, SymMemo),
    /// The predicate, and the names of every class assignable to a match (computed on first use).
    AssignableTo(Arc<CClass>, std::sync::OnceLock<rustc_hash::FxHashSet<Sym>>),
    AssignableFrom(Arc<CClass>),
    AccessedBy(Arc<CClass>),
    /// The predicate, and the classes reaching a matching interface (computed on first use).
    Implement(Arc<CClass>, std::sync::OnceLock<rustc_hash::FxHashSet<crate::graph::ClassId>>),
    ContainAny(MemberKind, Arc<CMember>),
    Deprecated,
    DeprecatedForRemoval,
    Kotlin,
    Scala,
    KotlinInternal,
    NullMarked,
    PackageAnnotatedWith(CAnnotation),
    FromArtifact {
        group: String,
        artifact: String,
        version: Option<VersionReq>,
    },
}

#[derive(Debug)]
pub enum CMember {
    And(Arc<CMember>, Arc<CMember>),
    Or(Arc<CMember>, Arc<CMember>),
    Not(Arc<CMember>),
    /// Member predicates on names and descriptors remember their answer per symbol.
    Name(Str, SymMemo),
    FullName(Str),
    Kind(MemberKind),
    DeclaredIn(Arc<CClass>),
    Visibility(Visibility),
    Modifier(Modifier),
    AnnotatedWith(CAnnotation),
    /// The predicate, and per annotation type whether its meta-annotations reach a match.
    MetaAnnotatedWith(CAnnotation, SymMemo),
    Deprecated,
    DeprecatedForRemoval,
    KotlinInternal,
    RawType(Arc<CClass>, SymMemo),
    RawReturnType(Arc<CClass>, SymMemo),
    RawParameterTypes(Vec<String>, SymMemo),
    AnyRawParameterType(Arc<CClass>, SymMemo),
    DeclareThrowableOfType(Arc<CClass>),
}

#[derive(Debug)]
pub enum CAccess {
    And(Box<CAccess>, Box<CAccess>),
    Or(Box<CAccess>, Box<CAccess>),
    Not(Box<CAccess>),
    Origin(Arc<CMember>),
    OriginOwner(Arc<CClass>),
    Target(Arc<CMember>),
    TargetOwner(Arc<CClass>),
    InTheSamePackage,
    Kind(AccessKind),
    TargetIs { owner: String, name: String, parameter_types: Option<Vec<String>> },
}

#[derive(Debug)]
pub enum CDependency {
    And(Box<CDependency>, Box<CDependency>),
    Or(Box<CDependency>, Box<CDependency>),
    Not(Box<CDependency>),
    Origin(Arc<CClass>),
    Target(Arc<CClass>),
    ResideInSamePackage,
    Kind(Vec<DependencyKind>),
}

#[derive(Debug)]
pub enum CAnnotation {
    And(Box<CAnnotation>, Box<CAnnotation>),
    Or(Box<CAnnotation>, Box<CAnnotation>),
    Not(Box<CAnnotation>),
    /// The type predicate, and its answer per annotation type, remembered as types are met (few types, many
    /// annotations). A set of the graph's annotation types made up front took a scan of every member.
    Type(Arc<CClass>, SymMemo),
    Value {
        name: Option<Sym>,
        value: ElementValue,
    },
}

impl CClass {
    /// A rough cost of testing one class, for ordering `and`/`or` operands: reading the class's own fields is
    /// cheap, its name or package text is a string-table miss, hierarchy and member walks are dearer.
    fn cost(&self) -> u32 {
        match self {
            CClass::And(a, b) | CClass::Or(a, b) => a.cost() + b.cost(),
            CClass::Not(a) => a.cost(),
            // Most classes have no annotations: annotation predicates usually stop at an empty list.
            CClass::Visibility(_)
            | CClass::Modifier(_)
            | CClass::Kind(_)
            | CClass::Kotlin
            | CClass::Scala
            | CClass::AnnotatedWith(_)
            | CClass::Deprecated
            | CClass::DeprecatedForRemoval => 1,
            CClass::MetaAnnotatedWith(..) => 2,
            CClass::FullName(_) | CClass::SimpleName(_) | CClass::InPackages(_) | CClass::OutsidePackages(_) => 5,
            CClass::NullMarked | CClass::AssignableTo(..) | CClass::FromArtifact { .. } => 6,
            CClass::AssignableFrom(_)
            | CClass::AccessedBy(_)
            | CClass::Implement(..)
            | CClass::ContainAny(..)
            | CClass::KotlinInternal
            | CClass::PackageAnnotatedWith(_) => 10,
        }
    }
}

impl CMember {
    /// A rough cost of testing one member, as [`CClass::cost`]: flags are free, names and descriptors a memo lookup
    /// by symbol (a cache miss on a large graph), full names written out.
    pub(super) fn cost(&self) -> u32 {
        match self {
            CMember::And(a, b) | CMember::Or(a, b) => a.cost() + b.cost(),
            CMember::Not(a) => a.cost(),
            CMember::Kind(_)
            | CMember::Visibility(_)
            | CMember::Modifier(_)
            | CMember::AnnotatedWith(_)
            | CMember::Deprecated
            | CMember::DeprecatedForRemoval
            | CMember::KotlinInternal => 1,
            CMember::MetaAnnotatedWith(..) => 2,
            CMember::Name(..) => 3,
            CMember::RawType(..)
            | CMember::RawReturnType(..)
            | CMember::RawParameterTypes(..)
            | CMember::AnyRawParameterType(..) => 4,
            CMember::DeclareThrowableOfType(c) | CMember::DeclaredIn(c) => 4 + c.cost(),
            CMember::FullName(_) => 10,
        }
    }
}

/// `and`/`or` operands, the cheaper first: predicates are pure, so the order changes only how soon a class is decided.
fn cheaper_first(a: Arc<CClass>, b: Arc<CClass>) -> (Arc<CClass>, Arc<CClass>) {
    if b.cost() < a.cost() {
        (b, a)
    } else {
        (a, b)
    }
}

impl CAccess {
    /// A rough cost of testing one access edge, as [`CClass::cost`]: the accessed member's own predicates need the
    /// target resolved through the hierarchy first.
    fn cost(&self) -> u32 {
        match self {
            CAccess::And(a, b) | CAccess::Or(a, b) => a.cost() + b.cost(),
            CAccess::Not(a) => a.cost(),
            CAccess::Kind(_) => 0,
            CAccess::Origin(_) | CAccess::TargetIs { .. } => 3,
            CAccess::InTheSamePackage => 4,
            CAccess::OriginOwner(c) | CAccess::TargetOwner(c) => c.cost(),
            CAccess::Target(_) => 20,
        }
    }
}

/// `and`/`or` operands of an access predicate, the cheaper first (as [`cheaper_first`]).
fn cheaper_access_first(a: Box<CAccess>, b: Box<CAccess>) -> (Box<CAccess>, Box<CAccess>) {
    if b.cost() < a.cost() {
        (b, a)
    } else {
        (a, b)
    }
}

/// Class and member predicates compiled so far in one evaluation, by IR: rules stating the same predicate share
/// one compiled form, and with it what it computes once (matching sets, per-symbol memos, target symbols).
#[derive(Default)]
pub struct Compiled {
    classes: Mutex<Vec<(ClassPred, Arc<CClass>)>>,
    members: Mutex<Vec<(MemberPred, Arc<CMember>)>>,
    /// The symbols each shared class predicate matches ([`super::Ctx::target_syms`]).
    target_syms: Cells<CClass, Vec<Sym>>,
    /// The members each shared member predicate matches ([`super::Ctx::declared`]).
    declared: Cells<CMember, Declared>,
    /// The analysed classes each shared class predicate selects ([`super::Ctx::select_classes`]).
    selections: Cells<CClass, Vec<crate::graph::ClassId>>,
}

/// Values computed once per shared predicate, by the predicate's address (the table keeps the predicate alive, so
/// no other predicate can take its address).
type Cells<P, T> = Mutex<Vec<(Arc<P>, Arc<OnceLock<T>>)>>;

/// What the declarations matching a member predicate give the index: the classes through which an access can
/// reach one (declaring classes and their subtypes), and the matching members' names.
#[derive(Debug, Default)]
pub struct Declared {
    pub owners: Vec<Sym>,
    pub names: rustc_hash::FxHashSet<Sym>,
}

/// The cell of `p` in `cells`, if `p` is one of the `shared` predicates (others get a fresh cell).
fn cell<I, P, T>(shared: &Mutex<Vec<(I, Arc<P>)>>, cells: &Cells<P, T>, p: &P) -> Arc<OnceLock<T>> {
    let mut t = cells.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, cell)) = t.iter().find(|(q, _)| std::ptr::eq(Arc::as_ptr(q), p)) {
        return cell.clone();
    }
    let shared = shared.lock().unwrap_or_else(|e| e.into_inner());
    let Some((_, q)) = shared.iter().find(|(_, q)| std::ptr::eq(Arc::as_ptr(q), p)) else {
        return Arc::default();
    };
    let cell = Arc::<OnceLock<T>>::default();
    t.push((q.clone(), cell.clone()));
    cell
}

impl Compiled {
    pub fn target_syms_cell(&self, p: &CClass) -> Arc<OnceLock<Vec<Sym>>> {
        cell(&self.classes, &self.target_syms, p)
    }

    pub fn declared_cell(&self, m: &CMember) -> Arc<OnceLock<Declared>> {
        cell(&self.members, &self.declared, m)
    }

    pub fn selection_cell(&self, p: &CClass) -> Arc<OnceLock<Vec<crate::graph::ClassId>>> {
        cell(&self.classes, &self.selections, p)
    }
}

/// The shared form of `p`, compiling it with `compile` (outside the lock) the first time.
fn shared<P: PartialEq + Clone, C>(
    table: &Mutex<Vec<(P, Arc<C>)>>,
    p: &P,
    compile: impl FnOnce() -> Result<C, EngineError>,
) -> Result<Arc<C>, EngineError> {
    let find = |t: &[(P, Arc<C>)]| t.iter().find(|(q, _)| q == p).map(|(_, c)| c.clone());
    if let Some(c) = find(&table.lock().unwrap_or_else(|e| e.into_inner())) {
        return Ok(c);
    }
    let c = Arc::new(compile()?);
    let mut t = table.lock().unwrap_or_else(|e| e.into_inner());
    // Another rule may have compiled it meanwhile: keep one.
    Ok(find(&t).unwrap_or_else(|| {
        t.push((p.clone(), c.clone()));
        c
    }))
}

/// Compiles IR predicates against one graph.
pub struct Compiler<'g> {
    pub graph: &'g Graph,
    pub compiled: &'g Compiled,
}

impl Compiler<'_> {
    pub fn string(&self, m: &StringMatch) -> Result<Str, EngineError> {
        Ok(match m {
            StringMatch::Equals(s) => Str::Equals(s.clone()),
            StringMatch::StartsWith(s) => Str::StartsWith(s.clone()),
            StringMatch::Contains(s) => Str::Contains(s.clone()),
            StringMatch::EndsWith(s) => Str::EndsWith(s.clone()),
            StringMatch::Matches(re) => Str::Matches(
                Regex::new(&format!("^(?:{re})$"))
                    .map_err(|e| EngineError::Regex { regex: re.clone(), message: e.to_string() })?,
            ),
        })
    }

    pub fn packages(&self, patterns: &[String]) -> Result<Vec<PackagePattern>, EngineError> {
        patterns.iter().map(|p| PackagePattern::new(p).map_err(EngineError::PackagePattern)).collect()
    }

    pub fn class(&self, p: &ClassPred) -> Result<Arc<CClass>, EngineError> {
        if let ClassPred::Described(a, _) = p {
            return self.class(a);
        }
        shared(&self.compiled.classes, p, || self.class_uncached(p))
    }

    fn class_uncached(&self, p: &ClassPred) -> Result<CClass, EngineError> {
        let b = |p: &ClassPred| self.class(p);
        Ok(match p {
            ClassPred::And(a, c) => {
                let (x, y) = cheaper_first(b(a)?, b(c)?);
                CClass::And(x, y)
            }
            ClassPred::Or(a, c) => {
                let (x, y) = cheaper_first(b(a)?, b(c)?);
                CClass::Or(x, y)
            }
            ClassPred::Not(a) => CClass::Not(b(a)?),
            // Unwrapped by `class`.
            ClassPred::Described(a, _) => return self.class_uncached(a),
            ClassPred::FullName(m) => CClass::FullName(self.string(m)?),
            ClassPred::SimpleName(m) => CClass::SimpleName(self.string(m)?),
            ClassPred::ResideInAnyPackage(ps) => CClass::InPackages(self.packages(ps)?),
            ClassPred::ResideOutsideOfPackages(ps) => CClass::OutsidePackages(self.packages(ps)?),
            ClassPred::Visibility(v) => CClass::Visibility(*v),
            ClassPred::Modifier(m) => CClass::Modifier(*m),
            ClassPred::Kind(k) => CClass::Kind(*k),
            ClassPred::AnnotatedWith(a) => CClass::AnnotatedWith(self.annotation(a)?),
            ClassPred::MetaAnnotatedWith(a) => CClass::MetaAnnotatedWith(self.annotation(a)?, SymMemo::default()),
            ClassPred::AssignableTo(c) => CClass::AssignableTo(b(c)?, Default::default()),
            ClassPred::AssignableFrom(c) => CClass::AssignableFrom(b(c)?),
            ClassPred::AccessedByClassesThat(c) => CClass::AccessedBy(b(c)?),
            ClassPred::Implement(c) => CClass::Implement(b(c)?, Default::default()),
            ClassPred::ContainAny(k, m) => CClass::ContainAny(*k, self.member(m)?),
            ClassPred::Deprecated => CClass::Deprecated,
            ClassPred::DeprecatedForRemoval => CClass::DeprecatedForRemoval,
            ClassPred::Kotlin => CClass::Kotlin,
            ClassPred::Scala => CClass::Scala,
            ClassPred::KotlinInternal => CClass::KotlinInternal,
            ClassPred::NullMarked => CClass::NullMarked,
            ClassPred::ResideInPackageAnnotatedWith(a) => CClass::PackageAnnotatedWith(self.annotation(a)?),
            ClassPred::FromArtifact { group, artifact, version } => {
                CClass::FromArtifact { group: group.clone(), artifact: artifact.clone(), version: version.clone() }
            }
        })
    }

    pub fn member(&self, p: &MemberPred) -> Result<Arc<CMember>, EngineError> {
        if let MemberPred::Described(x, _) = p {
            return self.member(x);
        }
        shared(&self.compiled.members, p, || self.member_uncached(p))
    }

    fn member_uncached(&self, p: &MemberPred) -> Result<CMember, EngineError> {
        let b = |p: &MemberPred| self.member(p);
        let c = |p: &ClassPred| self.class(p);
        Ok(match p {
            MemberPred::And(x, y) => CMember::And(b(x)?, b(y)?),
            MemberPred::Or(x, y) => CMember::Or(b(x)?, b(y)?),
            MemberPred::Not(x) => CMember::Not(b(x)?),
            // Unwrapped by `member`.
            MemberPred::Described(x, _) => return self.member_uncached(x),
            MemberPred::Name(m) => CMember::Name(self.string(m)?, SymMemo::default()),
            MemberPred::FullName(m) => CMember::FullName(self.string(m)?),
            MemberPred::Kind(k) => CMember::Kind(*k),
            MemberPred::DeclaredIn(x) => CMember::DeclaredIn(c(x)?),
            MemberPred::Visibility(v) => CMember::Visibility(*v),
            MemberPred::Modifier(m) => CMember::Modifier(*m),
            MemberPred::AnnotatedWith(a) => CMember::AnnotatedWith(self.annotation(a)?),
            MemberPred::MetaAnnotatedWith(a) => CMember::MetaAnnotatedWith(self.annotation(a)?, SymMemo::default()),
            MemberPred::Deprecated => CMember::Deprecated,
            MemberPred::DeprecatedForRemoval => CMember::DeprecatedForRemoval,
            MemberPred::KotlinInternal => CMember::KotlinInternal,
            MemberPred::RawType(x) => CMember::RawType(c(x)?, SymMemo::default()),
            MemberPred::RawReturnType(x) => CMember::RawReturnType(c(x)?, SymMemo::default()),
            MemberPred::RawParameterTypes(ts) => CMember::RawParameterTypes(ts.clone(), SymMemo::default()),
            MemberPred::AnyRawParameterType(x) => CMember::AnyRawParameterType(c(x)?, SymMemo::default()),
            MemberPred::DeclareThrowableOfType(x) => CMember::DeclareThrowableOfType(c(x)?),
        })
    }

    pub fn access(&self, p: &AccessPred) -> Result<CAccess, EngineError> {
        let b = |p: &AccessPred| self.access(p).map(Box::new);
        Ok(match p {
            AccessPred::And(x, y) => {
                let (x, y) = cheaper_access_first(b(x)?, b(y)?);
                CAccess::And(x, y)
            }
            AccessPred::Or(x, y) => {
                let (x, y) = cheaper_access_first(b(x)?, b(y)?);
                CAccess::Or(x, y)
            }
            AccessPred::Not(x) => CAccess::Not(b(x)?),
            AccessPred::Described(x, _) => self.access(x)?,
            AccessPred::Origin(m) => CAccess::Origin(self.member(m)?),
            AccessPred::OriginOwner(c) => CAccess::OriginOwner(self.class(c)?),
            AccessPred::Target(m) => CAccess::Target(self.member(m)?),
            AccessPred::TargetOwner(c) => CAccess::TargetOwner(self.class(c)?),
            AccessPred::InTheSamePackage => CAccess::InTheSamePackage,
            AccessPred::Kind(k) => CAccess::Kind(*k),
            AccessPred::TargetIs { owner, name, parameter_types } => {
                CAccess::TargetIs { owner: owner.clone(), name: name.clone(), parameter_types: parameter_types.clone() }
            }
        })
    }

    pub fn dependency(&self, p: &DependencyPred) -> Result<CDependency, EngineError> {
        let b = |p: &DependencyPred| self.dependency(p).map(Box::new);
        Ok(match p {
            DependencyPred::And(x, y) => CDependency::And(b(x)?, b(y)?),
            DependencyPred::Or(x, y) => CDependency::Or(b(x)?, b(y)?),
            DependencyPred::Not(x) => CDependency::Not(b(x)?),
            DependencyPred::Described(x, _) => self.dependency(x)?,
            DependencyPred::Origin(c) => CDependency::Origin(self.class(c)?),
            DependencyPred::Target(c) => CDependency::Target(self.class(c)?),
            DependencyPred::ResideInSamePackage => CDependency::ResideInSamePackage,
            DependencyPred::Kind(ks) => CDependency::Kind(ks.clone()),
        })
    }

    pub fn annotation(&self, p: &AnnotationPred) -> Result<CAnnotation, EngineError> {
        let b = |p: &AnnotationPred| self.annotation(p).map(Box::new);
        Ok(match p {
            AnnotationPred::And(x, y) => CAnnotation::And(b(x)?, b(y)?),
            AnnotationPred::Or(x, y) => CAnnotation::Or(b(x)?, b(y)?),
            AnnotationPred::Not(x) => CAnnotation::Not(b(x)?),
            AnnotationPred::Described(x, _) => self.annotation(x)?,
            AnnotationPred::Type(c) => CAnnotation::Type(self.class(c)?, Default::default()),
            AnnotationPred::Value { name, value } => {
                CAnnotation::Value { name: self.graph.sym(name), value: value.clone() }
            }
        })
    }
}
