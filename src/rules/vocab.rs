//! The DSL vocabulary, defined once: every predicate and condition with its argument kinds, what it
//! lowers to, a doc line and an example. The table drives the parser's lowering, the "did you mean"
//! suggestions, and the generated vocabulary section of `docs/dsl.md`.
//!
//! A predicate is defined by its factory name (`annotatedWith`); its [`Fluent`] scheme derives the
//! fluent names ArchUnit uses after `that()` (`areAnnotatedWith`, `areNotAnnotatedWith`) and after
//! `should()` (`beAnnotatedWith`, `notBeAnnotatedWith`).

use super::ir::{
    AccessPred, AnnotationPred, ClassPred, Condition, DependencyKind, DependencyPred, ElementValue, MemberPred,
    Modifier, Pred, VersionReq, Visibility,
};
use std::collections::HashMap;
use std::sync::OnceLock;

pub use super::vocab_class::CLASS_PREDICATES;
pub use super::vocab_conditions::CONDITIONS;
pub use super::vocab_member::MEMBER_PREDICATES;
pub use super::vocab_relations::{ACCESS_PREDICATES, ANNOTATION_PREDICATES, DEPENDENCY_PREDICATES};

/// What a predicate ranges over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Domain {
    Class,
    Member,
    Access,
    Dependency,
    Annotation,
}

impl Domain {
    pub fn noun(self) -> &'static str {
        match self {
            Domain::Class => "class",
            Domain::Member => "member",
            Domain::Access => "access",
            Domain::Dependency => "dependency",
            Domain::Annotation => "annotation",
        }
    }
}

/// The kind of one argument. Varargs kinds (`Packages`, `TypeNames`, `DependencyKinds`) come last
/// and take all remaining arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgKind {
    Str,
    /// A string checked as a regular expression.
    Regex,
    /// A string checked as an ArchUnit package pattern.
    Package,
    /// One or more package patterns.
    Packages,
    /// A class name: a string or a class literal (`X.class`), normalised to the binary name.
    TypeName,
    /// Zero or more class names.
    TypeNames,
    /// A predicate of the domain. For `Class` and `Annotation`, a class name is accepted too and
    /// means "the type with this name".
    Pred(Domain),
    Bool,
    /// An annotation element value: `true`, `1`, `"s"`, `X.class`, `RetentionPolicy.RUNTIME`.
    Value,
    /// `JavaModifier.STATIC` or `STATIC`.
    Modifier,
    /// One or more dependency kinds (`CALLS_METHOD`, `"extends"`...).
    DependencyKinds,
    /// Maven coordinates `group:artifact`.
    Artifact,
    /// An optional trailing version requirement (`"<24.1.1"`).
    OptVersion,
}

impl ArgKind {
    pub fn describe(self) -> String {
        match self {
            ArgKind::Str => "a string".to_owned(),
            ArgKind::Regex => "a regular expression".to_owned(),
            ArgKind::Package => "a package pattern".to_owned(),
            ArgKind::Packages => "package patterns".to_owned(),
            ArgKind::TypeName => "a class name".to_owned(),
            ArgKind::TypeNames => "class names".to_owned(),
            ArgKind::Pred(Domain::Class) => "a class predicate or class name".to_owned(),
            ArgKind::Pred(Domain::Annotation) => "an annotation predicate or annotation type".to_owned(),
            ArgKind::Pred(d) => format!("{} {} predicate", if d == Domain::Access { "an" } else { "a" }, d.noun()),
            ArgKind::Bool => "true or false".to_owned(),
            ArgKind::Value => "an annotation value".to_owned(),
            ArgKind::Modifier => "a modifier".to_owned(),
            ArgKind::DependencyKinds => "dependency kinds".to_owned(),
            ArgKind::Artifact => "artifact coordinates 'group:artifact'".to_owned(),
            ArgKind::OptVersion => "a version requirement".to_owned(),
        }
    }

    pub fn is_varargs(self) -> bool {
        matches!(self, ArgKind::Packages | ArgKind::TypeNames | ArgKind::DependencyKinds)
    }

    /// The `(...)` placeholder shown in docs.
    pub fn placeholder(self) -> &'static str {
        match self {
            ArgKind::Str => "string",
            ArgKind::Regex => "regex",
            ArgKind::Package => "package",
            ArgKind::Packages => "package...",
            ArgKind::TypeName => "type",
            ArgKind::TypeNames => "type...",
            ArgKind::Pred(Domain::Class) => "class predicate",
            ArgKind::Pred(Domain::Member) => "member predicate",
            ArgKind::Pred(Domain::Access) => "access predicate",
            ArgKind::Pred(Domain::Dependency) => "dependency predicate",
            ArgKind::Pred(Domain::Annotation) => "annotation predicate",
            ArgKind::Bool => "boolean",
            ArgKind::Value => "value",
            ArgKind::Modifier => "modifier",
            ArgKind::DependencyKinds => "kind...",
            ArgKind::Artifact => "group:artifact",
            ArgKind::OptVersion => "[version]",
        }
    }
}

/// A lowered argument, in the order of the definition's [`ArgKind`]s.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Str(String),
    Strs(Vec<String>),
    Pred(Pred),
    Bool(bool),
    Value(ElementValue),
    Modifier(JavaModifier),
    DependencyKinds(Vec<DependencyKind>),
    Version(Option<VersionReq>),
}

/// ArchUnit's `JavaModifier`: visibility keywords are modifiers there, but not in the IR.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JavaModifier {
    Visibility(Visibility),
    Other(Modifier),
}

/// Typed access to lowered arguments. The lowering checked the kinds, so a mismatch cannot happen;
/// the accessors still fall back to a harmless default rather than panic.
pub struct Args<'a>(pub &'a [Arg]);

impl Args<'_> {
    pub fn str(&self, i: usize) -> String {
        match self.0.get(i) {
            Some(Arg::Str(s)) => s.clone(),
            _ => String::new(),
        }
    }
    pub fn strs(&self, i: usize) -> Vec<String> {
        match self.0.get(i) {
            Some(Arg::Strs(s)) => s.clone(),
            Some(Arg::Str(s)) => vec![s.clone()],
            _ => Vec::new(),
        }
    }
    pub fn class(&self, i: usize) -> ClassPred {
        match self.0.get(i) {
            Some(Arg::Pred(Pred::Class(p))) => p.clone(),
            _ => ClassPred::FullName(super::ir::StringMatch::Equals(String::new())),
        }
    }
    pub fn member(&self, i: usize) -> MemberPred {
        match self.0.get(i) {
            Some(Arg::Pred(Pred::Member(p))) => p.clone(),
            _ => MemberPred::Name(super::ir::StringMatch::Equals(String::new())),
        }
    }
    pub fn access(&self, i: usize) -> AccessPred {
        match self.0.get(i) {
            Some(Arg::Pred(Pred::Access(p))) => p.clone(),
            _ => AccessPred::InTheSamePackage,
        }
    }
    pub fn dependency(&self, i: usize) -> DependencyPred {
        match self.0.get(i) {
            Some(Arg::Pred(Pred::Dependency(p))) => p.clone(),
            _ => DependencyPred::ResideInSamePackage,
        }
    }
    pub fn annotation(&self, i: usize) -> AnnotationPred {
        match self.0.get(i) {
            Some(Arg::Pred(Pred::Annotation(p))) => p.clone(),
            _ => AnnotationPred::Type(Box::new(self.class(usize::MAX))),
        }
    }
    pub fn bool(&self, i: usize) -> bool {
        matches!(self.0.get(i), Some(Arg::Bool(true)))
    }
    pub fn value(&self, i: usize) -> ElementValue {
        match self.0.get(i) {
            Some(Arg::Value(v)) => v.clone(),
            _ => ElementValue::Bool(false),
        }
    }
    pub fn modifier(&self, i: usize) -> JavaModifier {
        match self.0.get(i) {
            Some(Arg::Modifier(m)) => *m,
            _ => JavaModifier::Other(Modifier::Static),
        }
    }
    pub fn dependency_kinds(&self, i: usize) -> Vec<DependencyKind> {
        match self.0.get(i) {
            Some(Arg::DependencyKinds(k)) => k.clone(),
            _ => Vec::new(),
        }
    }
    pub fn version(&self, i: usize) -> Option<VersionReq> {
        match self.0.get(i) {
            Some(Arg::Version(v)) => v.clone(),
            _ => None,
        }
    }
}

/// How a predicate's fluent names are derived from its factory name `x` (capitalised `X`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fluent {
    /// `areX`/`areNotX` after `that()`, `beX`/`notBeX` after `should()`.
    Are,
    /// `haveX`/`doNotHaveX` after `that()`, `haveX`/`notHaveX` after `should()`.
    Have,
    /// `x`/`doNotX` after `that()`, `x`/`notX` after `should()` (`resideInAPackage`, `implement`).
    Verb,
    /// Only the factory name (`target(...)`, `annotationValue(...)`).
    None,
}

pub struct PredicateDef {
    pub domain: Domain,
    /// The factory name, usable wherever a predicate is expected: `annotatedWith`.
    pub name: &'static str,
    pub fluent: Fluent,
    pub args: &'static [ArgKind],
    pub build: fn(&Args) -> Pred,
    pub doc: &'static str,
    pub example: &'static str,
}

/// Which subjects a condition applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Classes,
    /// Any member subject (fields, code units, members).
    Members,
    /// Code-unit subjects only (methods, constructors, codeUnits).
    CodeUnits,
    Slices,
}

pub struct ConditionDef {
    /// The name after `should().`: `dependOnClassesThat`, or `onlyBeAccessed` for two-step forms.
    pub name: &'static str,
    /// The second step of two-step forms: `byClassesThat` in `onlyBeAccessed().byClassesThat(..)`.
    pub then: Option<&'static str>,
    pub applies_to: &'static [Target],
    pub args: &'static [ArgKind],
    /// Whether the argument-less form chains a class predicate: `dependOnClassesThat().resideInAPackage(..)`.
    pub chained: bool,
    pub build: fn(&Args) -> Condition,
    pub doc: &'static str,
    pub example: &'static str,
}

impl ConditionDef {
    /// `onlyBeAccessed().byClassesThat` or `dependOnClassesThat`.
    pub fn full_name(&self) -> String {
        match self.then {
            Some(then) => format!("{}().{then}", self.name),
            None => self.name.to_owned(),
        }
    }
}

/// Where a predicate name was written, which decides the fluent form it must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    /// The factory name: `annotatedWith(..)`.
    Factory,
    /// `that()` form: `areAnnotatedWith`, `areNotAnnotatedWith`.
    That,
    /// `should()` form: `beAnnotatedWith`, `notBeAnnotatedWith`.
    Should,
}

/// One name of a predicate: which definition, in which form, negated or not.
#[derive(Clone, Copy)]
pub struct PredicateName {
    pub def: &'static PredicateDef,
    pub form: Form,
    pub negated: bool,
}

fn capitalise(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl PredicateDef {
    /// Every name of this predicate: `(name, form, negated)`.
    pub fn names(&self) -> Vec<(String, Form, bool)> {
        let x = self.name;
        let cap = capitalise(x);
        let mut names = vec![(x.to_owned(), Form::Factory, false)];
        match self.fluent {
            Fluent::Are => names.extend([
                (format!("are{cap}"), Form::That, false),
                (format!("areNot{cap}"), Form::That, true),
                (format!("be{cap}"), Form::Should, false),
                (format!("notBe{cap}"), Form::Should, true),
            ]),
            Fluent::Have => names.extend([
                (format!("have{cap}"), Form::That, false),
                (format!("doNotHave{cap}"), Form::That, true),
                (format!("have{cap}"), Form::Should, false),
                (format!("notHave{cap}"), Form::Should, true),
            ]),
            Fluent::Verb => names.extend([
                (format!("doNot{cap}"), Form::That, true),
                (x.to_owned(), Form::Should, false),
                (format!("not{cap}"), Form::Should, true),
            ]),
            Fluent::None => {}
        }
        names
    }

    /// The name in the given form (not negated), if it has one.
    pub fn name_in(&self, form: Form) -> Option<String> {
        let names = self.names();
        let exact = names.iter().find(|(_, f, negated)| *f == form && !negated);
        // Verb forms use the factory name after `that()`.
        exact
            .or_else(|| (form == Form::That && self.fluent == Fluent::Verb).then(|| names.first()).flatten())
            .map(|(n, ..)| n.clone())
    }
}

/// All predicate definitions, every domain.
pub fn predicates() -> impl Iterator<Item = &'static PredicateDef> {
    CLASS_PREDICATES
        .iter()
        .chain(MEMBER_PREDICATES)
        .chain(ACCESS_PREDICATES)
        .chain(DEPENDENCY_PREDICATES)
        .chain(ANNOTATION_PREDICATES)
}

type NameIndex = HashMap<(Domain, String), Vec<PredicateName>>;

fn index() -> &'static NameIndex {
    static INDEX: OnceLock<NameIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: NameIndex = HashMap::new();
        for def in predicates() {
            for (name, form, negated) in def.names() {
                index.entry((def.domain, name)).or_default().push(PredicateName { def, form, negated });
            }
        }
        index
    })
}

/// The predicate called `name` in `domain`, in any form. Where a name has two forms (Verb's factory
/// and should names coincide, as do Have's that and should names), both are returned.
pub fn lookup_predicate(domain: Domain, name: &str) -> &'static [PredicateName] {
    index().get(&(domain, name.to_owned())).map_or(&[], Vec::as_slice)
}

/// Every predicate name of a domain, for suggestions.
pub fn predicate_names(domain: Domain) -> Vec<&'static str> {
    index().keys().filter(|(d, _)| *d == domain).map(|(_, n)| n.as_str()).collect()
}

/// The domains other than `domain` that define `name`, for "wrong kind of predicate" errors.
pub fn domains_defining(name: &str) -> Vec<Domain> {
    [Domain::Class, Domain::Member, Domain::Access, Domain::Dependency, Domain::Annotation]
        .into_iter()
        .filter(|d| !lookup_predicate(*d, name).is_empty())
        .collect()
}

/// The condition whose first step is `name`.
pub fn lookup_condition(name: &str) -> Vec<&'static ConditionDef> {
    CONDITIONS.iter().filter(|c| c.name == name).collect()
}

/// The combinators the lowering handles itself (not in the tables), with their docs.
pub const COMBINATORS: &[(&str, &str, &str)] = &[
    (
        "p.and(q)",
        "Both hold. In `that()` chains also `.and().areX()`.",
        "resideInAPackage(\"..app..\").and(arePublic())",
    ),
    (
        "p.or(q)",
        "Either holds; chains compose left to right, as ArchUnit's.",
        "simpleNameEndingWith(\"Impl\").or(areInterfaces())",
    ),
    ("not(p)", "Negation. `doNot(p)` and `doesNot(p)` are the same.", "not(resideInAPackage(\"..internal..\"))"),
    ("are(p)", "Reads as English, changes nothing; also `is`, `have`, `has`, `be`.", "target(is(deprecated()))"),
    ("p.as(text)", "The same predicate, described by `text`.", "resideInAPackage(\"..x..\").as(\"in x\")"),
    (
        "be(p) / from(p)",
        "A class or member predicate as a condition. `from(p)` is ArchUnit's `ArchCondition.from`: described by `p` \
         alone, its events read `satisfies <p>` / `does not satisfy <p>`.",
        "be(arePublic().or(areFinal()))",
    ),
    (
        "c.and(d) / c.or(d)",
        "Joins conditions inside `should(..)`: `should(beFinal().and(bePublic()))`.",
        "beFinal().and(bePublic())",
    ),
];

/// Whether `name` is a combinator the lowering handles (for suggestions).
pub const COMBINATOR_NAMES: &[&str] = &["and", "or", "not", "doNot", "doesNot", "are", "is", "have", "has", "be", "as"];

/// ArchUnit's `GeneralCodingRules` conditions, usable by name in `should(..)` (alone or as
/// `GeneralCodingRules.USE_JODATIME`): `(name, DSL definition, doc)`. Defined in the DSL itself.
pub const CONDITION_CONSTANTS: &[(&str, &str, &str)] = &[
    (
        "USE_JODATIME",
        "dependOnClassesThat(resideInAPackage(\"org.joda.time\"))",
        "Classes that depend on JodaTime.",
    ),
    (
        "USE_JAVA_UTIL_LOGGING",
        "setFieldWhere(target(rawType(resideInAPackage(\"java.util.logging..\"))))",
        "Classes that set a field of a `java.util.logging` type.",
    ),
    (
        "ACCESS_STANDARD_STREAMS",
        "accessField(System.class, \"out\").or(accessField(System.class, \"err\")).or(callMethodWhere(\
         target(name(\"printStackTrace\")).and(targetOwner(assignableTo(Throwable.class))).and(target(rawParameterTypes()))))",
        "Classes that use `System.out`, `System.err` or `printStackTrace()`.",
    ),
    (
        "THROW_GENERIC_EXCEPTIONS",
        "callCodeUnitWhere(target(is(constructor()).and(is(declaredIn(Throwable.class)))))\
         .or(callCodeUnitWhere(target(is(constructor()).and(is(declaredIn(Exception.class))))\
             .and(not(originOwner(is(assignableTo(Exception.class)))))))\
         .or(callCodeUnitWhere(target(is(constructor()).and(is(declaredIn(RuntimeException.class))))\
             .and(not(originOwner(is(assignableTo(RuntimeException.class)))))))",
        "Classes that create a `Throwable`, `Exception` or `RuntimeException` (not a subclass).",
    ),
    (
        "BE_ANNOTATED_WITH_AN_INJECTION_ANNOTATION",
        "beAnnotatedWith(\"org.springframework.beans.factory.annotation.Autowired\")\
         .or(beAnnotatedWith(\"org.springframework.beans.factory.annotation.Value\"))\
         .or(beAnnotatedWith(\"com.google.inject.Inject\")).or(beAnnotatedWith(\"javax.inject.Inject\"))\
         .or(beAnnotatedWith(\"javax.annotation.Resource\"))",
        "Fields annotated for injection (Spring, Guice, JSR-330, JSR-250).",
    ),
];
