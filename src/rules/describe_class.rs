//! Describing class predicates, and the verb each position puts before a phrase.

use super::describe::{Kind, Mode};
use super::describe_relations::{annotation, member};
use super::ir::{ClassKind, ClassPred, MemberKind, Modifier, StringMatch, Visibility};

/// Words that start a phrase that already carries its verb (`.as("have no tests")`).
pub(super) const VERBS: &[&str] = &[
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
pub(super) fn verb(kind: Kind, phrase: &str, mode: Mode, negated: bool) -> String {
    let starts_with_verb = phrase.split(' ').next().is_some_and(|w| VERBS.contains(&w));
    let kind = if kind == Kind::Raw && !starts_with_verb { Kind::Are } else { kind };
    let prefix = match (kind, mode, negated) {
        (Kind::Raw, _, false) | (_, Mode::Bare, false) | (Kind::Verb, Mode::That | Mode::Is | Mode::Should, false) => {
            ""
        }
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

pub(super) fn string_match(subject: &str, m: &StringMatch) -> String {
    match m {
        StringMatch::Equals(x) => format!("{subject} '{x}'"),
        StringMatch::StartsWith(x) => format!("{subject} starting with '{x}'"),
        StringMatch::Contains(x) => format!("{subject} containing '{x}'"),
        StringMatch::EndsWith(x) => format!("{subject} ending with '{x}'"),
        StringMatch::Matches(x) => format!("{subject} matching '{x}'"),
    }
}

pub(super) fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("'{i}'")).collect();
    format!("[{}]", quoted.join(", "))
}

pub(super) fn visibility(v: Visibility) -> &'static str {
    match v {
        Visibility::Public => "public",
        Visibility::Protected => "protected",
        Visibility::PackagePrivate => "package private",
        Visibility::Private => "private",
    }
}

pub(super) fn modifier(m: Modifier) -> &'static str {
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
pub(super) fn type_text(p: &ClassPred) -> String {
    match p {
        ClassPred::FullName(StringMatch::Equals(name)) => name.clone(),
        other => class(other, Mode::Bare),
    }
}

/// A class argument: the name itself, else "classes that ..." (`declared in classes that implement X`).
pub(super) fn classes_text(p: &ClassPred) -> String {
    match p {
        ClassPred::FullName(StringMatch::Equals(name)) => name.clone(),
        other => format!("classes that {}", class(other, Mode::That)),
    }
}

pub(super) fn class(p: &ClassPred, mode: Mode) -> String {
    let (kind, phrase) = match p {
        ClassPred::And(a, b) => return format!("{} and {}", class(a, mode), class(b, mode)),
        ClassPred::Or(a, b) => return format!("{} or {}", class(a, mode), class(b, mode)),
        ClassPred::Not(inner) => return negated_class(inner, mode),
        other => class_leaf(other),
    };
    verb(kind, &phrase, mode, false)
}

pub(super) fn negated_class(inner: &ClassPred, mode: Mode) -> String {
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

pub(super) fn class_leaf(p: &ClassPred) -> (Kind, String) {
    match p {
        ClassPred::And(..) | ClassPred::Or(..) | ClassPred::Not(_) => (Kind::Raw, class(p, Mode::Bare)),
        ClassPred::Described(_, text) => (Kind::Raw, text.clone()),
        ClassPred::FullName(StringMatch::Equals(x)) => (Kind::Have, format!("fully qualified name '{x}'")),
        ClassPred::FullName(m) => (Kind::Have, string_match("name", m)),
        ClassPred::SimpleName(m) => (Kind::Have, string_match("simple name", m)),
        ClassPred::ResideInAnyPackage(p) => match p.as_slice() {
            [one] => (Kind::Verb, format!("reside in a package '{one}'")),
            _ => (Kind::Verb, format!("reside in any package {}", list(p))),
        },
        ClassPred::ResideOutsideOfPackages(p) => match p.as_slice() {
            [one] => (Kind::Verb, format!("reside outside of package '{one}'")),
            _ => (Kind::Verb, format!("reside outside of packages {}", list(p))),
        },
        ClassPred::Visibility(v) => (Kind::Are, visibility(*v).to_owned()),
        // ArchUnit's class syntax has no `areFinal()`/`beFinal()` (archrules' shorthands): only
        // `haveModifier(JavaModifier.X)`, "should have modifier FINAL", violated as "Class <a.B> does not have
        // modifier FINAL" (fixtures/joined, tests/engine_joined.rs).
        ClassPred::Modifier(m) => (Kind::Have, format!("modifier {}", modifier(*m).to_uppercase())),
        ClassPred::Kind(k) => (Kind::Are, class_kind(*k).to_owned()),
        ClassPred::AnnotatedWith(a) => (Kind::Are, format!("annotated with {}", annotation(a))),
        ClassPred::MetaAnnotatedWith(a) => (Kind::Are, format!("meta-annotated with {}", annotation(a))),
        ClassPred::AssignableTo(t) => (Kind::Are, format!("assignable to {}", classes_text(t))),
        ClassPred::AssignableFrom(t) => (Kind::Are, format!("assignable from {}", classes_text(t))),
        ClassPred::AccessedByClassesThat(t) => {
            (Kind::Are, format!("accessed by classes that {}", class(t, Mode::That)))
        }
        ClassPred::Implement(t) => (Kind::Verb, format!("implement {}", classes_text(t))),
        ClassPred::ContainAny(kind, m) => {
            (Kind::Verb, format!("contain any {} that {}", member_kind_plural(*kind), member(m, Mode::That)))
        }
        ClassPred::Deprecated => (Kind::Are, "deprecated".to_owned()),
        ClassPred::DeprecatedForRemoval => (Kind::Are, "deprecated for removal".to_owned()),
        ClassPred::Kotlin => (Kind::Are, "Kotlin".to_owned()),
        ClassPred::Scala => (Kind::Are, "Scala".to_owned()),
        ClassPred::KotlinInternal => (Kind::Are, "Kotlin internal".to_owned()),
        // Nebula's `nullSafe` predicate (archrules-common JavaClass.java: `.as("null safe (JSpecify or Kotlin)")`):
        // its rules read "should be null safe (JSpecify or Kotlin)" and the violation
        // "Class <x.Y> is not null safe (JSpecify or Kotlin) in (Y.java:0)".
        ClassPred::NullMarked => (Kind::Are, "null safe (JSpecify or Kotlin)".to_owned()),
        ClassPred::ResideInPackageAnnotatedWith(a) => {
            (Kind::Verb, format!("reside in a package annotated with {}", annotation(a)))
        }
        ClassPred::FromArtifact { group, artifact, version } => {
            let version = version.as_ref().map(|v| format!(" with version {v}")).unwrap_or_default();
            (Kind::Are, format!("from artifact '{group}:{artifact}'{version}"))
        }
    }
}

pub(super) fn class_kind(k: ClassKind) -> &'static str {
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

pub(super) fn member_kind_plural(k: MemberKind) -> &'static str {
    match k {
        MemberKind::Member => "members",
        MemberKind::Field => "fields",
        MemberKind::CodeUnit => "code units",
        MemberKind::Method => "methods",
        MemberKind::Constructor => "constructors",
        MemberKind::StaticInitializer => "static initializers",
    }
}
