//! Rule descriptions in ArchUnit's words: `no classes should depend on classes that have fully
//! qualified name 'x', because y`.
//!
//! Each predicate leaf has a phrase and a grammatical kind (`are public`, `have simple name 'X'`,
//! `reside in a package 'x'`); the position decides the verb: after `that` (plural), after `should`
//! (infinitive), inside `target(..)`/`targetOwner(..)` (singular, as ArchUnit's `is(..)`/`has(..)`),
//! or bare inside `assignableTo(..)` and friends.

use super::ir::{
    AccessKind, AccessPred, AnnotationPred, ClassKind, ClassPred, CondExpr, Condition,
    DependencyPred, ElementValue, LayerAccess, LayerDependencies, LayeredArchitecture, MemberKind,
    MemberPred, Modifier, Pred, Rule, StringMatch, Subject, Visibility,
};

/// Where a predicate is written, which decides its verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// After `that`: "are public", "have simple name 'X'", "reside in ...".
    That,
    /// After `should`: "be public", "have simple name 'X'", "reside in ...".
    Should,
    /// Singular, after `target`/`origin`: "is public", "has name 'x'", "reside in ...".
    Is,
    /// No verb: "public", "simple name 'X'", "reside in ...".
    Bare,
}

/// The grammatical kind of a leaf phrase.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Are,
    Have,
    Verb,
    /// Already a full phrase (`.as("...")` texts): used as written.
    Raw,
}

/// ArchUnit's description of a rule, with `, because ...` when there is a reason.
pub fn describe(rule: &Rule) -> String {
    let mut text = match &rule.description_override {
        Some(text) => text.clone(),
        None => generated(rule),
    };
    if let Some(because) = &rule.because {
        text.push_str(", because ");
        text.push_str(because);
    }
    text
}

fn generated(rule: &Rule) -> String {
    let noun = match &rule.subject {
        Subject::Classes => "classes".to_owned(),
        Subject::Members => "members".to_owned(),
        Subject::Fields => "fields".to_owned(),
        Subject::Methods => "methods".to_owned(),
        Subject::Constructors => "constructors".to_owned(),
        Subject::CodeUnits => "code units".to_owned(),
        Subject::Slices { matching } => format!("slices matching '{matching}'"),
        Subject::Layered(arch) => return layered(arch),
    };
    let mut text = if rule.negated {
        format!("no {noun}")
    } else {
        noun
    };
    if let Some(that) = &rule.that {
        text.push_str(" that ");
        text.push_str(&describe_pred(that, Mode::That));
    }
    text.push_str(" should ");
    text.push_str(&conditions(&rule.conditions));
    text
}

/// `A.orShould(B)` reads "A or should B", as ArchUnit appends them.
fn conditions(expr: &CondExpr) -> String {
    match expr {
        CondExpr::Cond(c) => condition(c),
        CondExpr::And(a, b) => format!("{} and should {}", conditions(a), conditions(b)),
        CondExpr::Or(a, b) => format!("{} or should {}", conditions(a), conditions(b)),
    }
}

/// The text of one condition, after "should ".
pub fn condition(c: &Condition) -> String {
    let that = |p: &ClassPred| class(p, Mode::That);
    match c {
        Condition::ClassMatches(p) => class(p, Mode::Should),
        Condition::MemberMatches(p) => member(p, Mode::Should),
        Condition::DependOnClassesThat(p) => format!("depend on classes that {}", that(p)),
        Condition::OnlyDependOnClassesThat(p) => format!("only depend on classes that {}", that(p)),
        Condition::HaveAnyDependenciesThat(p) => {
            format!("have any dependencies that {}", dependency(p))
        }
        Condition::OnlyHaveDependentClassesThat(p) => {
            format!("only have dependent classes that {}", that(p))
        }
        Condition::TransitivelyDependOnClassesThat(p) => {
            format!("transitively depend on classes that {}", that(p))
        }
        Condition::AccessClassesThat(p) => format!("access classes that {}", that(p)),
        Condition::OnlyAccessClassesThat(p) => format!("only access classes that {}", that(p)),
        Condition::AccessWhere { kind, pred } => access_condition(*kind, pred),
        Condition::OnlyBeAccessedByClassesThat(p) => {
            format!("only be accessed by classes that {}", that(p))
        }
        Condition::OnlyBeCalledByClassesThat(p) => {
            format!("only be called by classes that {}", that(p))
        }
        Condition::BeFreeOfCycles => "be free of cycles".to_owned(),
        Condition::NotDependOnEachOther => "not depend on each other".to_owned(),
        Condition::RespectLayers => "respect the layers".to_owned(),
    }
}

fn access_condition(kind: AccessKind, pred: &AccessPred) -> String {
    let (verb, noun) = match kind {
        AccessKind::Any => ("access", "target"),
        AccessKind::Field => ("access", "field"),
        AccessKind::FieldGet => ("get", "field"),
        AccessKind::FieldSet => ("set", "field"),
        AccessKind::CodeUnitCall => ("call", "code unit"),
        AccessKind::MethodCall => ("call", "method"),
        AccessKind::ConstructorCall => ("call", "constructor"),
        AccessKind::CodeUnitReference => ("reference", "code unit"),
    };
    match pred {
        AccessPred::TargetIs {
            owner,
            name,
            parameter_types,
        } => {
            format!(
                "{verb} {noun} {}",
                target_is(owner, name, parameter_types.as_deref())
            )
        }
        _ => format!("{verb} {noun} where {}", access(pred)),
    }
}

fn target_is(owner: &str, name: &str, parameter_types: Option<&[String]>) -> String {
    match parameter_types {
        Some(types) => format!("{owner}.{name}({})", types.join(", ")),
        None => format!("{owner}.{name}"),
    }
}

/// A predicate of any domain; class and member predicates in the given mode.
pub fn describe_pred(p: &Pred, mode: Mode) -> String {
    match p {
        Pred::Class(p) => class(p, mode),
        Pred::Member(p) => member(p, mode),
        Pred::Access(p) => access(p),
        Pred::Dependency(p) => dependency(p),
        Pred::Annotation(p) => annotation(p),
    }
}

/// Words that start a phrase that already carries its verb (`.as("have no tests")`).
const VERBS: &[&str] = &[
    "are",
    "is",
    "be",
    "have",
    "has",
    "do",
    "does",
    "not",
    "reside",
    "resides",
    "depend",
    "depends",
    "contain",
    "contains",
    "implement",
    "implements",
    "call",
    "calls",
    "access",
    "accesses",
    "declare",
    "declares",
    "only",
];

/// Puts the verb of `mode` before a leaf phrase of `kind`, negated or not. A described phrase
/// (`Kind::Raw`) that does not start with a verb reads as an adjective: "are <phrase>".
fn verb(kind: Kind, phrase: &str, mode: Mode, negated: bool) -> String {
    let starts_with_verb = phrase.split(' ').next().is_some_and(|w| VERBS.contains(&w));
    let kind = if kind == Kind::Raw && !starts_with_verb {
        Kind::Are
    } else {
        kind
    };
    let prefix = match (kind, mode, negated) {
        (Kind::Raw, _, false)
        | (_, Mode::Bare, false)
        | (Kind::Verb, Mode::That | Mode::Is | Mode::Should, false) => "",
        (Kind::Raw, _, true) | (_, Mode::Bare, true) | (Kind::Verb, Mode::Should, true) => "not ",
        (Kind::Are, Mode::That, false) => "are ",
        (Kind::Are, Mode::That, true) => "are not ",
        (Kind::Are, Mode::Should, false) => "be ",
        (Kind::Are, Mode::Should, true) => "not be ",
        (Kind::Are, Mode::Is, false) => "is ",
        (Kind::Are, Mode::Is, true) => "is not ",
        (Kind::Have, Mode::That | Mode::Should, false) => "have ",
        (Kind::Have, Mode::That, true) => "do not have ",
        (Kind::Have, Mode::Should, true) => "not have ",
        (Kind::Have, Mode::Is, false) => "has ",
        (Kind::Have, Mode::Is, true) => "does not have ",
        (Kind::Verb, Mode::That, true) => "do not ",
        (Kind::Verb, Mode::Is, true) => "does not ",
    };
    format!("{prefix}{phrase}")
}

fn string_match(subject: &str, m: &StringMatch) -> String {
    match m {
        StringMatch::Equals(x) => format!("{subject} '{x}'"),
        StringMatch::StartsWith(x) => format!("{subject} starting with '{x}'"),
        StringMatch::Contains(x) => format!("{subject} containing '{x}'"),
        StringMatch::EndsWith(x) => format!("{subject} ending with '{x}'"),
        StringMatch::Matches(x) => format!("{subject} matching '{x}'"),
    }
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("'{i}'")).collect();
    format!("[{}]", quoted.join(", "))
}

fn visibility(v: Visibility) -> &'static str {
    match v {
        Visibility::Public => "public",
        Visibility::Protected => "protected",
        Visibility::PackagePrivate => "package private",
        Visibility::Private => "private",
    }
}

fn modifier(m: Modifier) -> &'static str {
    match m {
        Modifier::Static => "static",
        Modifier::Final => "final",
        Modifier::Abstract => "abstract",
        Modifier::Synchronized => "synchronized",
        Modifier::Native => "native",
        Modifier::Transient => "transient",
        Modifier::Volatile => "volatile",
        Modifier::Synthetic => "synthetic",
        Modifier::Bridge => "bridge",
    }
}

/// A type argument: the name itself for "the class named X", else the predicate's bare text
/// (`raw type assignable to X`).
fn type_text(p: &ClassPred) -> String {
    match p {
        ClassPred::FullName(StringMatch::Equals(name)) => name.clone(),
        other => class(other, Mode::Bare),
    }
}

/// A class argument: the name itself, else "classes that ..." (`declared in classes that implement X`).
fn classes_text(p: &ClassPred) -> String {
    match p {
        ClassPred::FullName(StringMatch::Equals(name)) => name.clone(),
        other => format!("classes that {}", class(other, Mode::That)),
    }
}

fn class(p: &ClassPred, mode: Mode) -> String {
    let (kind, phrase) = match p {
        ClassPred::And(a, b) => return format!("{} and {}", class(a, mode), class(b, mode)),
        ClassPred::Or(a, b) => return format!("{} or {}", class(a, mode), class(b, mode)),
        ClassPred::Not(inner) => return negated_class(inner, mode),
        other => class_leaf(other),
    };
    verb(kind, &phrase, mode, false)
}

fn negated_class(inner: &ClassPred, mode: Mode) -> String {
    match inner {
        ClassPred::And(..) | ClassPred::Or(..) | ClassPred::Not(_) => {
            format!("not {}", class(inner, mode))
        }
        leaf => {
            let (kind, phrase) = class_leaf(leaf);
            verb(kind, &phrase, mode, true)
        }
    }
}

fn class_leaf(p: &ClassPred) -> (Kind, String) {
    match p {
        ClassPred::And(..) | ClassPred::Or(..) | ClassPred::Not(_) => {
            (Kind::Raw, class(p, Mode::Bare))
        }
        ClassPred::Described(_, text) => (Kind::Raw, text.clone()),
        ClassPred::FullName(StringMatch::Equals(x)) => {
            (Kind::Have, format!("fully qualified name '{x}'"))
        }
        ClassPred::FullName(m) => (Kind::Have, string_match("name", m)),
        ClassPred::SimpleName(m) => (Kind::Have, string_match("simple name", m)),
        ClassPred::ResideInAnyPackage(p) if p.len() == 1 => {
            (Kind::Verb, format!("reside in a package '{}'", p[0]))
        }
        ClassPred::ResideInAnyPackage(p) => {
            (Kind::Verb, format!("reside in any package {}", list(p)))
        }
        ClassPred::ResideOutsideOfPackages(p) if p.len() == 1 => {
            (Kind::Verb, format!("reside outside of package '{}'", p[0]))
        }
        ClassPred::ResideOutsideOfPackages(p) => (
            Kind::Verb,
            format!("reside outside of packages {}", list(p)),
        ),
        ClassPred::Visibility(v) => (Kind::Are, visibility(*v).to_owned()),
        ClassPred::Modifier(m) => (Kind::Are, modifier(*m).to_owned()),
        ClassPred::Kind(k) => (Kind::Are, class_kind(*k).to_owned()),
        ClassPred::AnnotatedWith(a) => (Kind::Are, format!("annotated with {}", annotation(a))),
        ClassPred::MetaAnnotatedWith(a) => {
            (Kind::Are, format!("meta-annotated with {}", annotation(a)))
        }
        ClassPred::AssignableTo(t) => (Kind::Are, format!("assignable to {}", classes_text(t))),
        ClassPred::AssignableFrom(t) => (Kind::Are, format!("assignable from {}", classes_text(t))),
        ClassPred::Implement(t) => (Kind::Verb, format!("implement {}", classes_text(t))),
        ClassPred::ContainAny(kind, m) => (
            Kind::Verb,
            format!(
                "contain any {} that {}",
                member_kind_plural(*kind),
                member(m, Mode::That)
            ),
        ),
        ClassPred::Deprecated => (Kind::Are, "deprecated".to_owned()),
        ClassPred::DeprecatedForRemoval => (Kind::Are, "deprecated for removal".to_owned()),
        ClassPred::Kotlin => (Kind::Are, "Kotlin".to_owned()),
        ClassPred::NullMarked => (Kind::Are, "null marked".to_owned()),
        ClassPred::ResideInPackageAnnotatedWith(a) => (
            Kind::Verb,
            format!("reside in a package annotated with {}", annotation(a)),
        ),
        ClassPred::FromArtifact {
            group,
            artifact,
            version,
        } => {
            let version = version
                .as_ref()
                .map(|v| format!(" with version {v}"))
                .unwrap_or_default();
            (
                Kind::Are,
                format!("from artifact '{group}:{artifact}'{version}"),
            )
        }
    }
}

fn class_kind(k: ClassKind) -> &'static str {
    match k {
        ClassKind::Interface => "interfaces",
        ClassKind::Enum => "enums",
        ClassKind::Record => "records",
        ClassKind::Annotation => "annotations",
        ClassKind::TopLevel => "top level classes",
        ClassKind::Nested => "nested classes",
        ClassKind::Member => "member classes",
        ClassKind::Inner => "inner classes",
        ClassKind::Anonymous => "anonymous classes",
        ClassKind::Local => "local classes",
    }
}

fn member_kind_plural(k: MemberKind) -> &'static str {
    match k {
        MemberKind::Member => "members",
        MemberKind::Field => "fields",
        MemberKind::CodeUnit => "code units",
        MemberKind::Method => "methods",
        MemberKind::Constructor => "constructors",
        MemberKind::StaticInitializer => "static initializers",
    }
}

fn member(p: &MemberPred, mode: Mode) -> String {
    match p {
        MemberPred::And(a, b) => format!("{} and {}", member(a, mode), member(b, mode)),
        MemberPred::Or(a, b) => format!("{} or {}", member(a, mode), member(b, mode)),
        MemberPred::Not(inner) => match inner.as_ref() {
            MemberPred::And(..) | MemberPred::Or(..) | MemberPred::Not(_) => {
                format!("not {}", member(inner, mode))
            }
            leaf => {
                let (kind, phrase) = member_leaf(leaf, mode);
                verb(kind, &phrase, mode, true)
            }
        },
        leaf => {
            let (kind, phrase) = member_leaf(leaf, mode);
            verb(kind, &phrase, mode, false)
        }
    }
}

fn member_leaf(p: &MemberPred, mode: Mode) -> (Kind, String) {
    match p {
        MemberPred::And(..) | MemberPred::Or(..) | MemberPred::Not(_) => {
            (Kind::Raw, member(p, Mode::Bare))
        }
        MemberPred::Described(_, text) => (Kind::Raw, text.clone()),
        MemberPred::Name(m) => (Kind::Have, string_match("name", m)),
        MemberPred::FullName(m) => (Kind::Have, string_match("full name", m)),
        MemberPred::Kind(k) => {
            let singular = matches!(mode, Mode::Is | Mode::Bare);
            let noun = member_kind_plural(*k);
            let noun = if singular {
                format!("a {}", noun.trim_end_matches('s'))
            } else {
                noun.to_owned()
            };
            (Kind::Are, noun)
        }
        MemberPred::DeclaredIn(t) => (Kind::Are, format!("declared in {}", classes_text(t))),
        MemberPred::Visibility(v) => (Kind::Are, visibility(*v).to_owned()),
        MemberPred::Modifier(m) => (Kind::Are, modifier(*m).to_owned()),
        MemberPred::AnnotatedWith(a) => (Kind::Are, format!("annotated with {}", annotation(a))),
        MemberPred::MetaAnnotatedWith(a) => {
            (Kind::Are, format!("meta-annotated with {}", annotation(a)))
        }
        MemberPred::Deprecated => (Kind::Are, "deprecated".to_owned()),
        MemberPred::DeprecatedForRemoval => (Kind::Are, "deprecated for removal".to_owned()),
        MemberPred::RawType(t) => (Kind::Have, format!("raw type {}", type_text(t))),
        MemberPred::RawReturnType(t) => (Kind::Have, format!("raw return type {}", type_text(t))),
        MemberPred::RawParameterTypes(types) => (
            Kind::Have,
            format!("raw parameter types [{}]", types.join(", ")),
        ),
        MemberPred::AnyRawParameterType(t) => (
            Kind::Have,
            format!("any raw parameter type {}", type_text(t)),
        ),
        MemberPred::DeclareThrowableOfType(t) => (
            Kind::Verb,
            format!("declare throwable of type {}", classes_text(t)),
        ),
    }
}

fn access(p: &AccessPred) -> String {
    match p {
        AccessPred::And(a, b) => format!("{} and {}", access(a), access(b)),
        AccessPred::Or(a, b) => format!("{} or {}", access(a), access(b)),
        AccessPred::Not(inner) => format!("not {}", access(inner)),
        AccessPred::Described(_, text) => text.clone(),
        AccessPred::Origin(m) => format!("origin {}", member(m, Mode::Is)),
        AccessPred::OriginOwner(c) => format!("origin owner {}", class(c, Mode::Is)),
        AccessPred::Target(m) => format!("target {}", member(m, Mode::Is)),
        AccessPred::TargetOwner(c) => format!("target owner {}", class(c, Mode::Is)),
        AccessPred::InTheSamePackage => "in the same package".to_owned(),
        AccessPred::Kind(kind) => match kind {
            AccessKind::Any => "any access",
            AccessKind::Field => "field access",
            AccessKind::FieldGet => "field get",
            AccessKind::FieldSet => "field set",
            AccessKind::CodeUnitCall => "code unit call",
            AccessKind::MethodCall => "method call",
            AccessKind::ConstructorCall => "constructor call",
            AccessKind::CodeUnitReference => "code unit reference",
        }
        .to_owned(),
        AccessPred::TargetIs {
            owner,
            name,
            parameter_types,
        } => {
            format!(
                "target is {}",
                target_is(owner, name, parameter_types.as_deref())
            )
        }
    }
}

fn dependency(p: &DependencyPred) -> String {
    match p {
        DependencyPred::And(a, b) => format!("{} and {}", dependency(a), dependency(b)),
        DependencyPred::Or(a, b) => format!("{} or {}", dependency(a), dependency(b)),
        DependencyPred::Not(inner) => match inner.as_ref() {
            DependencyPred::ResideInSamePackage => "do not reside in same package".to_owned(),
            other => format!("not {}", dependency(other)),
        },
        DependencyPred::Described(_, text) => text.clone(),
        DependencyPred::Origin(c) => format!("origin {}", class(c, Mode::Is)),
        DependencyPred::Target(c) => format!("target {}", class(c, Mode::Is)),
        DependencyPred::ResideInSamePackage => "reside in same package".to_owned(),
        DependencyPred::Kind(kinds) => {
            let names: Vec<String> = kinds.iter().map(|k| screaming(&format!("{k:?}"))).collect();
            format!("dependency type [{}]", names.join(", "))
        }
    }
}

/// `CallsMethod` → `CALLS_METHOD`.
fn screaming(camel: &str) -> String {
    let mut out = String::new();
    for (i, c) in camel.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

fn simple_name(fqn: &str) -> &str {
    fqn.rsplit(['.', '$']).next().unwrap_or(fqn)
}

fn element_value(v: &ElementValue) -> String {
    match v {
        ElementValue::Bool(b) => b.to_string(),
        ElementValue::Int(i) => i.to_string(),
        ElementValue::String(s) => format!("\"{s}\""),
        ElementValue::Enum(e) => e.clone(),
        ElementValue::Class(c) => format!("{}.class", simple_name(c)),
    }
}

/// `@Deprecated`, `@Deprecated(forRemoval=true)`, or the predicate's text.
fn annotation(p: &AnnotationPred) -> String {
    match p {
        AnnotationPred::Type(t) => match t.as_ref() {
            ClassPred::FullName(StringMatch::Equals(name)) => format!("@{}", simple_name(name)),
            other => format!("annotation type {}", class(other, Mode::Bare)),
        },
        AnnotationPred::And(a, b) => match (a.as_ref(), b.as_ref()) {
            (AnnotationPred::Type(_), AnnotationPred::Value { name, value }) => {
                format!("{}({name}={})", annotation(a), element_value(value))
            }
            _ => format!("{} and {}", annotation(a), annotation(b)),
        },
        AnnotationPred::Or(a, b) => format!("{} or {}", annotation(a), annotation(b)),
        AnnotationPred::Not(inner) => format!("not {}", annotation(inner)),
        AnnotationPred::Described(_, text) => text.clone(),
        AnnotationPred::Value { name, value } => {
            format!("annotation with {name}={}", element_value(value))
        }
    }
}

/// ArchUnit's multi-line description of a layered architecture.
fn layered(arch: &LayeredArchitecture) -> String {
    let considering = match &arch.considering {
        LayerDependencies::AllDependencies => "considering all dependencies".to_owned(),
        LayerDependencies::OnlyDependenciesInLayers => {
            "considering only dependencies in layers".to_owned()
        }
        LayerDependencies::OnlyDependenciesInAnyPackage(p) => {
            format!("considering only dependencies in any package {}", list(p))
        }
    };
    let mut text = format!("Layered architecture {considering}, consisting of");
    for layer in &arch.layers {
        let optional = if layer.optional { "optional " } else { "" };
        let packages: Vec<String> = layer.packages.iter().map(|p| format!("'{p}'")).collect();
        text.push_str(&format!(
            "\n{optional}layer '{}' ({})",
            layer.name,
            packages.join(", ")
        ));
    }
    for constraint in &arch.constraints {
        let access = match &constraint.access {
            LayerAccess::MayOnlyBeAccessedByLayers(l) => {
                format!("may only be accessed by layers {}", list(l))
            }
            LayerAccess::MayNotBeAccessedByAnyLayer => {
                "may not be accessed by any layer".to_owned()
            }
            LayerAccess::MayOnlyAccessLayers(l) => format!("may only access layers {}", list(l)),
            LayerAccess::MayNotAccessAnyLayer => "may not access any layer".to_owned(),
        };
        text.push_str(&format!("\nwhere layer '{}' {access}", constraint.layer));
    }
    text
}
