//! The three rules of the DSL issue, verbatim, lowered to the IR ArchUnit would mean.

use archrules::dsl::parse_pack;
use archrules::rules::ir::*;
use std::collections::HashMap;

const EXAMPLES: &str = include_str!("dsl/issue_examples.arch");

fn parse(source: &str) -> Pack {
    match parse_pack("issue_examples.arch", source, &HashMap::new()) {
        Ok(pack) => pack,
        Err(errors) => panic!("{:?}", miette::Report::new(errors)),
    }
}

fn fqn(name: &str) -> ClassPred {
    ClassPred::FullName(StringMatch::Equals(name.to_owned()))
}

#[test]
fn pack_header() {
    let pack = parse(EXAMPLES);
    assert_eq!(pack.id, "archrules.guava");
    assert_eq!(pack.description.as_deref(), Some("Prefer the JDK over Guava where the JDK now serves"));
    assert_eq!(pack.rules.len(), 3);
}

#[test]
fn guava_optional() {
    let pack = parse(EXAMPLES);
    let rule = &pack.rules[0];
    assert_eq!(rule.name, "guava optional");
    assert_eq!(rule.pack, "archrules.guava");
    assert_eq!(rule.priority, archrules::findings::Priority::Medium);
    assert_eq!(rule.subject, Subject::Classes);
    assert!(rule.negated);
    assert_eq!(rule.that, None);
    assert_eq!(rule.conditions, CondExpr::Cond(Condition::DependOnClassesThat(fqn("com.google.common.base.Optional"))));
    assert_eq!(rule.because.as_deref(), Some("Java Optional is preferred over Guava Optional"));
    assert!(!rule.allow_empty_should);
    assert!(rule.source.as_deref().is_some_and(|s| s.starts_with("rule \"guava optional\"") && s.ends_with(';')));
}

#[test]
fn joda_datetime_without_zone() {
    let pack = parse(EXAMPLES);
    let rule = &pack.rules[1];
    let target_without_zone = AccessPred::Target(MemberPred::Not(Box::new(MemberPred::RawParameterTypes(vec![
        "org.joda.time.DateTimeZone".to_owned(),
    ]))));
    let owner_is_datetime = AccessPred::TargetOwner(ClassPred::AssignableTo(Box::new(fqn("org.joda.time.DateTime"))));
    assert_eq!(
        rule.conditions,
        CondExpr::Cond(Condition::AccessWhere {
            kind: AccessKind::ConstructorCall,
            pred: AccessPred::And(Box::new(target_without_zone), Box::new(owner_is_datetime)),
        })
    );
    assert!(rule.negated);
}

#[test]
fn deprecated_api() {
    let pack = parse(EXAMPLES);
    let rule = &pack.rules[2];
    let lib = "com.example.lib..".to_owned();
    assert_eq!(rule.that, Some(Pred::Class(ClassPred::ResideOutsideOfPackages(vec![lib.clone()]))));
    let depend = Condition::DependOnClassesThat(ClassPred::And(
        Box::new(ClassPred::ResideInAnyPackage(vec![lib.clone()])),
        Box::new(ClassPred::Deprecated),
    ));
    let access = Condition::AccessWhere {
        kind: AccessKind::Any,
        pred: AccessPred::And(
            Box::new(AccessPred::TargetOwner(ClassPred::ResideInAnyPackage(vec![lib]))),
            Box::new(AccessPred::Or(
                Box::new(AccessPred::Target(MemberPred::Deprecated)),
                Box::new(AccessPred::TargetOwner(ClassPred::Deprecated)),
            )),
        ),
    };
    assert_eq!(rule.conditions, CondExpr::Or(Box::new(CondExpr::Cond(depend)), Box::new(CondExpr::Cond(access))));
    assert!(rule.allow_empty_should);
    assert_eq!(rule.because.as_deref(), Some("Deprecated APIs are subject to removal"));
}

#[test]
fn ir_round_trips_through_json() {
    let pack = parse(EXAMPLES);
    let json = serde_json::to_string(&pack).unwrap();
    let back: Pack = serde_json::from_str(&json).unwrap();
    assert_eq!(back, pack);
}

/// The JSON form plugins and tests exchange, for one rule (a reference for plugin authors).
#[test]
fn json_form_of_a_rule() {
    let pack = parse(EXAMPLES);
    let mut rule = pack.rules[1].clone();
    rule.source = None;
    insta::assert_json_snapshot!(rule);
}
