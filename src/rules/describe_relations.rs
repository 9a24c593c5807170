//! Describing member, access, dependency and annotation predicates.

use super::describe::{target_is, Kind, Mode};
use super::describe_class::{
    class, classes_text, member_kind_plural, modifier, string_match, type_text, verb, visibility,
};
use super::ir::{
    AccessKind, AccessPred, AnnotationPred, ClassPred, DependencyPred, ElementValue, MemberPred, Modifier, StringMatch,
};

pub(super) fn member(p: &MemberPred, mode: Mode) -> String {
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

pub(super) fn member_leaf(p: &MemberPred, mode: Mode) -> (Kind, String) {
    match p {
        MemberPred::And(..) | MemberPred::Or(..) | MemberPred::Not(_) => (Kind::Raw, member(p, Mode::Bare)),
        MemberPred::Described(_, text) => (Kind::Raw, text.clone()),
        MemberPred::Name(m) => (Kind::Have, string_match("name", m)),
        MemberPred::FullName(m) => (Kind::Have, string_match("full name", m)),
        MemberPred::Kind(k) => {
            let singular = matches!(mode, Mode::Is | Mode::Bare);
            let noun = member_kind_plural(*k);
            let noun = if singular { format!("a {}", noun.trim_end_matches('s')) } else { noun.to_owned() };
            (Kind::Are, noun)
        }
        MemberPred::DeclaredIn(t) => (Kind::Are, format!("declared in {}", classes_text(t))),
        MemberPred::Visibility(v) => (Kind::Are, visibility(*v).to_owned()),
        // ArchUnit's member syntax spells only `static` and `final` as adjectives (`beStatic()`, `beFinal()`);
        // every other modifier exists only as `haveModifier(JavaModifier.X)`: "should have modifier ABSTRACT",
        // violated as "Method <...> does not have modifier ABSTRACT" (Nebula's abstract-getter rules).
        MemberPred::Modifier(m @ (Modifier::Static | Modifier::Final)) => (Kind::Are, modifier(*m).to_owned()),
        MemberPred::Modifier(m) => (Kind::Have, format!("modifier {}", modifier(*m).to_uppercase())),
        MemberPred::AnnotatedWith(a) => (Kind::Are, format!("annotated with {}", annotation(a))),
        MemberPred::MetaAnnotatedWith(a) => (Kind::Are, format!("meta-annotated with {}", annotation(a))),
        MemberPred::Deprecated => (Kind::Are, "deprecated".to_owned()),
        MemberPred::DeprecatedForRemoval => (Kind::Are, "deprecated for removal".to_owned()),
        MemberPred::KotlinInternal => (Kind::Are, "Kotlin internal".to_owned()),
        MemberPred::RawType(t) => (Kind::Have, format!("raw type {}", type_text(t))),
        MemberPred::RawReturnType(t) => (Kind::Have, format!("raw return type {}", type_text(t))),
        MemberPred::RawParameterTypes(types) => (Kind::Have, format!("raw parameter types [{}]", types.join(", "))),
        MemberPred::AnyRawParameterType(t) => (Kind::Have, format!("any raw parameter type {}", type_text(t))),
        MemberPred::DeclareThrowableOfType(t) => (Kind::Verb, format!("declare throwable of type {}", classes_text(t))),
    }
}

pub(super) fn access(p: &AccessPred) -> String {
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
        AccessPred::TargetIs { owner, name, parameter_types } => {
            format!("target is {}", target_is(owner, name, parameter_types.as_deref()))
        }
    }
}

pub(super) fn dependency(p: &DependencyPred) -> String {
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
pub(super) fn screaming(camel: &str) -> String {
    let mut out = String::new();
    for (i, c) in camel.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

pub(super) fn simple_name(fqn: &str) -> &str {
    fqn.rsplit(['.', '$']).next().unwrap_or(fqn)
}

pub(super) fn element_value(v: &ElementValue) -> String {
    match v {
        ElementValue::Bool(b) => b.to_string(),
        ElementValue::Int(i) => i.to_string(),
        ElementValue::String(s) => format!("\"{s}\""),
        ElementValue::Enum(e) => e.clone(),
        ElementValue::Class(c) => format!("{}.class", simple_name(c)),
    }
}

/// `@Deprecated`, `@Deprecated(forRemoval=true)`, or the predicate's text.
pub(super) fn annotation(p: &AnnotationPred) -> String {
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
