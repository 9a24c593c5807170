//! `and`, `or`, `not` and `as` on every predicate domain, shared by the builder and the DSL lowering
//! so both build the same IR for the same chain.

use super::ir::{AccessPred, AnnotationPred, ClassPred, CondExpr, Condition, DependencyPred, MemberPred, Pred};

macro_rules! combinators {
    ($($ty:ident),*) => {$(
        impl $ty {
            /// Both hold: `self.and(other)`.
            #[must_use]
            pub fn and(self, other: impl Into<$ty>) -> $ty {
                $ty::And(Box::new(self), Box::new(other.into()))
            }
            /// Either holds: `self.or(other)`.
            #[must_use]
            pub fn or(self, other: impl Into<$ty>) -> $ty {
                $ty::Or(Box::new(self), Box::new(other.into()))
            }
            /// The negation (ArchUnit's `not(..)`, `doNot(..)`).
            #[must_use]
            pub fn negate(self) -> $ty {
                $ty::Not(Box::new(self))
            }
            /// The same predicate with its own description (`.as("...")`).
            #[must_use]
            pub fn described_as(self, description: impl Into<String>) -> $ty {
                $ty::Described(Box::new(self), description.into())
            }
        }
    )*};
}

combinators!(ClassPred, MemberPred, AccessPred, DependencyPred, AnnotationPred);

/// The same-domain combination of two typed predicates, `None` when the domains differ.
pub fn pred_and(a: Pred, b: Pred) -> Option<Pred> {
    Some(match (a, b) {
        (Pred::Class(a), Pred::Class(b)) => Pred::Class(a.and(b)),
        (Pred::Member(a), Pred::Member(b)) => Pred::Member(a.and(b)),
        (Pred::Access(a), Pred::Access(b)) => Pred::Access(a.and(b)),
        (Pred::Dependency(a), Pred::Dependency(b)) => Pred::Dependency(a.and(b)),
        (Pred::Annotation(a), Pred::Annotation(b)) => Pred::Annotation(a.and(b)),
        _ => return None,
    })
}

/// Either of two same-domain predicates, `None` when the domains differ.
pub fn pred_or(a: Pred, b: Pred) -> Option<Pred> {
    Some(match (a, b) {
        (Pred::Class(a), Pred::Class(b)) => Pred::Class(a.or(b)),
        (Pred::Member(a), Pred::Member(b)) => Pred::Member(a.or(b)),
        (Pred::Access(a), Pred::Access(b)) => Pred::Access(a.or(b)),
        (Pred::Dependency(a), Pred::Dependency(b)) => Pred::Dependency(a.or(b)),
        (Pred::Annotation(a), Pred::Annotation(b)) => Pred::Annotation(a.or(b)),
        _ => return None,
    })
}

pub fn pred_not(p: Pred) -> Pred {
    match p {
        Pred::Class(p) => Pred::Class(p.negate()),
        Pred::Member(p) => Pred::Member(p.negate()),
        Pred::Access(p) => Pred::Access(p.negate()),
        Pred::Dependency(p) => Pred::Dependency(p.negate()),
        Pred::Annotation(p) => Pred::Annotation(p.negate()),
    }
}

pub fn pred_described(p: Pred, description: String) -> Pred {
    match p {
        Pred::Class(p) => Pred::Class(p.described_as(description)),
        Pred::Member(p) => Pred::Member(p.described_as(description)),
        Pred::Access(p) => Pred::Access(p.described_as(description)),
        Pred::Dependency(p) => Pred::Dependency(p.described_as(description)),
        Pred::Annotation(p) => Pred::Annotation(p.described_as(description)),
    }
}

/// `annotatedWith(X).and(annotationValue(..))`: an annotation predicate joined to an
/// `annotatedWith`/`metaAnnotatedWith` predicate refines *that* annotation (same annotation must
/// match both), which is what the author means. `None` when `lhs` is not such a predicate.
pub fn refine_annotation(lhs: &Pred, rhs: &AnnotationPred) -> Option<Pred> {
    let refine = |a: &AnnotationPred| a.clone().and(rhs.clone());
    Some(match lhs {
        Pred::Class(ClassPred::AnnotatedWith(a)) => Pred::Class(ClassPred::AnnotatedWith(refine(a))),
        Pred::Class(ClassPred::MetaAnnotatedWith(a)) => Pred::Class(ClassPred::MetaAnnotatedWith(refine(a))),
        Pred::Member(MemberPred::AnnotatedWith(a)) => Pred::Member(MemberPred::AnnotatedWith(refine(a))),
        Pred::Member(MemberPred::MetaAnnotatedWith(a)) => Pred::Member(MemberPred::MetaAnnotatedWith(refine(a))),
        _ => return None,
    })
}

impl From<Condition> for CondExpr {
    fn from(condition: Condition) -> Self {
        CondExpr::Cond(condition)
    }
}

impl CondExpr {
    /// `andShould`: both hold.
    #[must_use]
    pub fn and(self, other: impl Into<CondExpr>) -> CondExpr {
        CondExpr::And(Box::new(self), Box::new(other.into()))
    }
    /// `orShould`: either holds.
    #[must_use]
    pub fn or(self, other: impl Into<CondExpr>) -> CondExpr {
        CondExpr::Or(Box::new(self), Box::new(other.into()))
    }
}

/// A class predicate for "the class with this name".
/// The name is normalised like the DSL's class names (`String[]` → `[Ljava.lang.String;`).
pub fn type_named(name: impl Into<String>) -> ClassPred {
    ClassPred::FullName(super::ir::StringMatch::Equals(normalize_type_name(&name.into())))
}

impl From<&str> for ClassPred {
    /// A class name stands for the class with that name, as in ArchUnit's `assignableTo(String)`.
    fn from(name: &str) -> Self {
        type_named(name)
    }
}

impl From<&str> for AnnotationPred {
    /// An annotation type name stands for annotations of that type.
    fn from(name: &str) -> Self {
        AnnotationPred::Type(Box::new(type_named(name)))
    }
}

/// Source-form arrays to JVM form, as the graph names them: `int[]` → `[I`,
/// `java.lang.String[][]` → `[[Ljava.lang.String;`. Other names are returned as they are.
pub fn normalize_type_name(name: &str) -> String {
    let mut base = name;
    let mut dims = 0;
    while let Some(stripped) = base.strip_suffix("[]") {
        base = stripped.trim_end();
        dims += 1;
    }
    if dims == 0 {
        return name.to_owned();
    }
    let element = match base {
        "boolean" => "Z".to_owned(),
        "byte" => "B".to_owned(),
        "char" => "C".to_owned(),
        "short" => "S".to_owned(),
        "int" => "I".to_owned(),
        "long" => "J".to_owned(),
        "float" => "F".to_owned(),
        "double" => "D".to_owned(),
        other => format!("L{other};"),
    };
    format!("{}{element}", "[".repeat(dims))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_array_names() {
        assert_eq!(normalize_type_name("int[]"), "[I");
        assert_eq!(normalize_type_name("java.lang.String[][]"), "[[Ljava.lang.String;");
        assert_eq!(normalize_type_name("java.lang.String"), "java.lang.String");
        assert_eq!(normalize_type_name("[I"), "[I");
    }
}
