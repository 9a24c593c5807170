//! Conditions as values, for `should_match(..)` and `CondExpr::and/or`.

use super::combinators::normalize_type_name;
use super::ir::{AccessKind, AccessPred, ClassPred, Condition, DependencyPred, MemberPred};

pub fn depend_on_classes_that(p: impl Into<ClassPred>) -> Condition {
    Condition::DependOnClassesThat(p.into())
}
pub fn only_depend_on_classes_that(p: impl Into<ClassPred>) -> Condition {
    Condition::OnlyDependOnClassesThat(p.into())
}
pub fn have_any_dependencies_that(p: DependencyPred) -> Condition {
    Condition::HaveAnyDependenciesThat(p)
}
pub fn only_have_dependent_classes_that(p: impl Into<ClassPred>) -> Condition {
    Condition::OnlyHaveDependentClassesThat(p.into())
}
pub fn transitively_depend_on_classes_that(p: impl Into<ClassPred>) -> Condition {
    Condition::TransitivelyDependOnClassesThat(p.into())
}
pub fn access_classes_that(p: impl Into<ClassPred>) -> Condition {
    Condition::AccessClassesThat(p.into())
}
pub fn only_access_classes_that(p: impl Into<ClassPred>) -> Condition {
    Condition::OnlyAccessClassesThat(p.into())
}
pub fn access_target_where(p: AccessPred) -> Condition {
    Condition::AccessWhere { kind: AccessKind::Any, pred: p }
}
pub fn call_method_where(p: AccessPred) -> Condition {
    Condition::AccessWhere { kind: AccessKind::MethodCall, pred: p }
}
pub fn call_constructor_where(p: AccessPred) -> Condition {
    Condition::AccessWhere { kind: AccessKind::ConstructorCall, pred: p }
}
/// A class property as a condition (`beAnnotatedWith(..)` in `should(..)`).
pub fn be(p: ClassPred) -> Condition {
    Condition::ClassMatches(p)
}
/// A member property as a condition.
pub fn be_member(p: MemberPred) -> Condition {
    Condition::MemberMatches(p)
}
pub(super) fn access_to(kind: AccessKind, owner: &str, name: &str, params: Option<&[&str]>) -> Condition {
    Condition::AccessWhere {
        kind,
        pred: AccessPred::TargetIs {
            owner: normalize_type_name(owner),
            name: name.to_owned(),
            parameter_types: params.map(|p| p.iter().map(|t| normalize_type_name(t)).collect()),
        },
    }
}
