//! The DSL spec's three example rules, and the dependency and access conditions they rest on, snapshotted.

mod engine_support;

use archrules::findings::Status;
use archrules::rules::ir::*;
use engine_support::*;

/// `noClasses().should().callConstructor(DateTime.class)` with no parameters: Joda's zone-less `new DateTime()`.
#[test]
fn zoneless_datetime() {
    let r = no_classes(
        None,
        Condition::AccessWhere {
            kind: AccessKind::ConstructorCall,
            pred: AccessPred::TargetIs {
                owner: "org.joda.time.DateTime".into(),
                name: "<init>".into(),
                parameter_types: Some(vec![]),
            },
        },
    );
    let result = eval(&r);
    assert_eq!(result.status, Status::Fail);
    assert_eq!(result.violations.len(), 1);
    let v = &result.violations[0];
    assert_eq!(&*v.origin_class, "eng.app.service.OrderService");
    assert_eq!(v.origin_member.as_deref(), Some("dates()"));
    assert_eq!(v.target_class.as_deref(), Some("org.joda.time.DateTime"));
    assert_eq!(v.target_member.as_deref(), Some("<init>()"));
    assert_eq!(v.source_file.as_deref(), Some("OrderService.java"));
    assert!(v.location.as_deref().is_some_and(|l| l.ends_with("eng/app/service/OrderService.class")));
    insta::assert_snapshot!(render(&result));
}

/// `noClasses().should().dependOnClassesThat().haveFullyQualifiedName("com.google.common.base.Optional")`.
#[test]
fn guava_optional() {
    let r = no_classes(None, Condition::DependOnClassesThat(name("com.google.common.base.Optional")));
    let result = eval(&r);
    assert_eq!(origins(&result), vec!["eng.app.service.OrderService"]);
    insta::assert_snapshot!(render(&result));
}

/// Nebula's deprecation rule: no access to a deprecated target (resolved through the hierarchy) or class.
#[test]
fn deprecated_api() {
    let target_deprecated = AccessPred::Or(
        Box::new(AccessPred::Target(MemberPred::Deprecated)),
        Box::new(AccessPred::TargetOwner(ClassPred::Deprecated)),
    );
    let mut r = no_classes(None, Condition::AccessWhere { kind: AccessKind::Any, pred: target_deprecated });
    r.because = Some("deprecated APIs go away".into());
    let result = eval(&r);
    // `Sub.isEmptyish()` is declared (and deprecated) in `Base`.
    assert!(result.violations.iter().any(|v| v.message.contains("eng.lib.Sub.isEmptyish()")));
    assert!(!result.violations.iter().any(|v| v.message.contains("modern")));
    insta::assert_snapshot!(render(&result));
}

#[test]
fn deprecated_for_removal_only() {
    let r = no_classes(
        None,
        Condition::AccessWhere { kind: AccessKind::Any, pred: AccessPred::Target(MemberPred::DeprecatedForRemoval) },
    );
    let result = eval(&r);
    let targets: Vec<_> = result.violations.iter().filter_map(|v| v.target_member.as_deref()).collect();
    assert_eq!(targets, vec!["doomed()"]);
}

#[test]
fn passing_rule_and_no_match() {
    let pass = no_classes(Some(name("eng.app.Clean")), Condition::DependOnClassesThat(in_package("org.joda..")));
    assert_eq!(eval(&pass).status, Status::Pass);
    let empty = classes(Some(in_package("nowhere")), Condition::ClassMatches(ClassPred::Kotlin));
    assert_eq!(eval(&empty).status, Status::NoMatch);
    let mut allowed = empty.clone();
    allowed.allow_empty_should = true;
    assert_eq!(eval(&allowed).status, Status::Pass);
}

#[test]
fn class_condition_messages() {
    let r = classes(
        Some(ClassPred::And(Box::new(in_package("eng.app.web")), Box::new(ClassPred::Visibility(Visibility::Public)))),
        Condition::ClassMatches(ClassPred::AnnotatedWith(annotation("org.jspecify.annotations.NullMarked"))),
    );
    let result = eval(&r);
    // `ExplicitMarked$Inner` is null-marked through its outer class, but not annotated itself.
    assert_eq!(origins(&result), vec!["eng.app.web.Controller", "eng.app.web.ExplicitMarked$Inner"]);
    assert_eq!(
        result.violations[0].message,
        "Class <eng.app.web.Controller> is not annotated with @NullMarked in (Controller.java:0)"
    );
    let negated = no_classes(Some(in_package("eng.app.web")), Condition::ClassMatches(ClassPred::NullMarked));
    insta::assert_snapshot!(render(&eval(&negated)));
}
