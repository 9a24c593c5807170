//! Precompiling a rule's predicates once, before any class is visited: regexes and package patterns are
//! compiled and names the graph knows are looked up as symbols, so evaluation compares integers.

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
    And(Box<CClass>, Box<CClass>),
    Or(Box<CClass>, Box<CClass>),
    Not(Box<CClass>),
    FullName(Str),
    SimpleName(Str),
    InPackages(Vec<PackagePattern>),
    OutsidePackages(Vec<PackagePattern>),
    Visibility(Visibility),
    Modifier(Modifier),
    Kind(ClassKind),
    AnnotatedWith(CAnnotation),
    MetaAnnotatedWith(CAnnotation),
    /// The predicate, and the names of every class assignable to a match (computed on first use).
    AssignableTo(Box<CClass>, std::sync::OnceLock<rustc_hash::FxHashSet<Sym>>),
    AssignableFrom(Box<CClass>),
    /// The predicate, and the classes reaching a matching interface (computed on first use).
    Implement(Box<CClass>, std::sync::OnceLock<rustc_hash::FxHashSet<crate::graph::ClassId>>),
    ContainAny(MemberKind, Box<CMember>),
    Deprecated,
    DeprecatedForRemoval,
    Kotlin,
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
    And(Box<CMember>, Box<CMember>),
    Or(Box<CMember>, Box<CMember>),
    Not(Box<CMember>),
    /// Member predicates on names and descriptors remember their answer per symbol.
    Name(Str, SymMemo),
    FullName(Str),
    Kind(MemberKind),
    DeclaredIn(Box<CClass>),
    Visibility(Visibility),
    Modifier(Modifier),
    AnnotatedWith(CAnnotation),
    MetaAnnotatedWith(CAnnotation),
    Deprecated,
    DeprecatedForRemoval,
    RawType(Box<CClass>, SymMemo),
    RawReturnType(Box<CClass>, SymMemo),
    RawParameterTypes(Vec<String>, SymMemo),
    AnyRawParameterType(Box<CClass>, SymMemo),
    DeclareThrowableOfType(Box<CClass>),
}

#[derive(Debug)]
pub enum CAccess {
    And(Box<CAccess>, Box<CAccess>),
    Or(Box<CAccess>, Box<CAccess>),
    Not(Box<CAccess>),
    Origin(CMember),
    OriginOwner(CClass),
    Target(CMember),
    TargetOwner(CClass),
    InTheSamePackage,
    Kind(AccessKind),
    TargetIs { owner: String, name: String, parameter_types: Option<Vec<String>> },
}

#[derive(Debug)]
pub enum CDependency {
    And(Box<CDependency>, Box<CDependency>),
    Or(Box<CDependency>, Box<CDependency>),
    Not(Box<CDependency>),
    Origin(CClass),
    Target(CClass),
    ResideInSamePackage,
    Kind(Vec<DependencyKind>),
}

#[derive(Debug)]
pub enum CAnnotation {
    And(Box<CAnnotation>, Box<CAnnotation>),
    Or(Box<CAnnotation>, Box<CAnnotation>),
    Not(Box<CAnnotation>),
    /// The type predicate, and the annotation types of the graph that satisfy it (computed on first use).
    Type(Box<CClass>, std::sync::OnceLock<rustc_hash::FxHashSet<Sym>>),
    Value {
        name: Option<Sym>,
        value: ElementValue,
    },
}

/// Compiles IR predicates against one graph.
pub struct Compiler<'g> {
    pub graph: &'g Graph,
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

    pub fn class(&self, p: &ClassPred) -> Result<CClass, EngineError> {
        let b = |p: &ClassPred| self.class(p).map(Box::new);
        Ok(match p {
            ClassPred::And(a, c) => CClass::And(b(a)?, b(c)?),
            ClassPred::Or(a, c) => CClass::Or(b(a)?, b(c)?),
            ClassPred::Not(a) => CClass::Not(b(a)?),
            ClassPred::Described(a, _) => self.class(a)?,
            ClassPred::FullName(m) => CClass::FullName(self.string(m)?),
            ClassPred::SimpleName(m) => CClass::SimpleName(self.string(m)?),
            ClassPred::ResideInAnyPackage(ps) => CClass::InPackages(self.packages(ps)?),
            ClassPred::ResideOutsideOfPackages(ps) => CClass::OutsidePackages(self.packages(ps)?),
            ClassPred::Visibility(v) => CClass::Visibility(*v),
            ClassPred::Modifier(m) => CClass::Modifier(*m),
            ClassPred::Kind(k) => CClass::Kind(*k),
            ClassPred::AnnotatedWith(a) => CClass::AnnotatedWith(self.annotation(a)?),
            ClassPred::MetaAnnotatedWith(a) => CClass::MetaAnnotatedWith(self.annotation(a)?),
            ClassPred::AssignableTo(c) => CClass::AssignableTo(b(c)?, Default::default()),
            ClassPred::AssignableFrom(c) => CClass::AssignableFrom(b(c)?),
            ClassPred::Implement(c) => CClass::Implement(b(c)?, Default::default()),
            ClassPred::ContainAny(k, m) => CClass::ContainAny(*k, Box::new(self.member(m)?)),
            ClassPred::Deprecated => CClass::Deprecated,
            ClassPred::DeprecatedForRemoval => CClass::DeprecatedForRemoval,
            ClassPred::Kotlin => CClass::Kotlin,
            ClassPred::KotlinInternal => CClass::KotlinInternal,
            ClassPred::NullMarked => CClass::NullMarked,
            ClassPred::ResideInPackageAnnotatedWith(a) => CClass::PackageAnnotatedWith(self.annotation(a)?),
            ClassPred::FromArtifact { group, artifact, version } => {
                CClass::FromArtifact { group: group.clone(), artifact: artifact.clone(), version: version.clone() }
            }
        })
    }

    pub fn member(&self, p: &MemberPred) -> Result<CMember, EngineError> {
        let b = |p: &MemberPred| self.member(p).map(Box::new);
        let c = |p: &ClassPred| self.class(p).map(Box::new);
        Ok(match p {
            MemberPred::And(x, y) => CMember::And(b(x)?, b(y)?),
            MemberPred::Or(x, y) => CMember::Or(b(x)?, b(y)?),
            MemberPred::Not(x) => CMember::Not(b(x)?),
            MemberPred::Described(x, _) => self.member(x)?,
            MemberPred::Name(m) => CMember::Name(self.string(m)?, SymMemo::default()),
            MemberPred::FullName(m) => CMember::FullName(self.string(m)?),
            MemberPred::Kind(k) => CMember::Kind(*k),
            MemberPred::DeclaredIn(x) => CMember::DeclaredIn(c(x)?),
            MemberPred::Visibility(v) => CMember::Visibility(*v),
            MemberPred::Modifier(m) => CMember::Modifier(*m),
            MemberPred::AnnotatedWith(a) => CMember::AnnotatedWith(self.annotation(a)?),
            MemberPred::MetaAnnotatedWith(a) => CMember::MetaAnnotatedWith(self.annotation(a)?),
            MemberPred::Deprecated => CMember::Deprecated,
            MemberPred::DeprecatedForRemoval => CMember::DeprecatedForRemoval,
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
            AccessPred::And(x, y) => CAccess::And(b(x)?, b(y)?),
            AccessPred::Or(x, y) => CAccess::Or(b(x)?, b(y)?),
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
            AnnotationPred::Type(c) => CAnnotation::Type(Box::new(self.class(c)?), Default::default()),
            AnnotationPred::Value { name, value } => {
                CAnnotation::Value { name: self.graph.sym(name), value: value.clone() }
            }
        })
    }
}
