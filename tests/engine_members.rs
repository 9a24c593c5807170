//! Member subjects and member predicates on `eng.app.kinds.Kinds` and friends.

mod engine_support;

use archrules::rules::ir::*;
use engine_support::*;

/// The members a `that` selects (as `Owner.member` short names), via a condition that fails for every member.
fn members(subject: Subject, that: MemberPred) -> Vec<String> {
    let never = MemberPred::Name(StringMatch::Equals("#".into()));
    let r = rule(subject, false, Some(Pred::Member(that)), CondExpr::Cond(Condition::MemberMatches(never)));
    let mut v: Vec<String> = eval(&r)
        .violations
        .iter()
        .map(|v| {
            format!(
                "{}.{}",
                v.origin_class.rsplit('.').next().unwrap_or(""),
                v.origin_member.clone().unwrap_or_default()
            )
        })
        .collect();
    v.sort();
    v
}

fn declared_in_kinds() -> MemberPred {
    MemberPred::DeclaredIn(Box::new(name("eng.app.kinds.Kinds")))
}

fn and(a: MemberPred, b: MemberPred) -> MemberPred {
    MemberPred::And(Box::new(a), Box::new(b))
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

#[test]
fn fields_by_modifier_and_visibility() {
    let k = declared_in_kinds;
    assert_eq!(members(Subject::Fields, and(k(), MemberPred::Modifier(Modifier::Volatile))), s(&["Kinds.v"]));
    assert_eq!(members(Subject::Fields, and(k(), MemberPred::Modifier(Modifier::Transient))), s(&["Kinds.t"]));
    assert_eq!(members(Subject::Fields, and(k(), MemberPred::Visibility(Visibility::Private))), s(&["Kinds.name"]));
    assert_eq!(
        members(
            Subject::Fields,
            and(
                k(),
                MemberPred::And(
                    Box::new(MemberPred::Modifier(Modifier::Static)),
                    Box::new(MemberPred::Modifier(Modifier::Final))
                )
            )
        ),
        s(&["Kinds.CONST"])
    );
    assert_eq!(
        members(Subject::Fields, and(k(), MemberPred::RawType(Box::new(name("java.lang.String"))))),
        s(&["Kinds.name"])
    );
    assert_eq!(
        members(Subject::Fields, and(k(), MemberPred::RawType(Box::new(name("int"))))),
        s(&["Kinds.CONST", "Kinds.t", "Kinds.v"])
    );
}

#[test]
fn code_units_by_signature_annotations_and_kind() {
    let k = declared_in_kinds;
    assert_eq!(members(Subject::Methods, and(k(), MemberPred::Modifier(Modifier::Synchronized))), s(&["Kinds.sync()"]));
    assert_eq!(members(Subject::Methods, and(k(), MemberPred::Modifier(Modifier::Native))), s(&["Kinds.nat()"]));
    assert_eq!(
        members(
            Subject::Methods,
            and(k(), MemberPred::RawParameterTypes(vec!["int".into(), "java.lang.String".into()]))
        ),
        s(&["Kinds.params(int, java.lang.String)"])
    );
    assert_eq!(
        members(Subject::Methods, and(k(), MemberPred::AnyRawParameterType(Box::new(name("java.lang.String"))))),
        s(&["Kinds.params(int, java.lang.String)"])
    );
    assert_eq!(
        members(Subject::Methods, and(k(), MemberPred::RawReturnType(Box::new(name("java.lang.Runnable"))))),
        s(&["Kinds.anonymous()"])
    );
    assert_eq!(
        members(
            Subject::CodeUnits,
            and(k(), MemberPred::DeclareThrowableOfType(Box::new(name("java.io.IOException"))))
        ),
        s(&["Kinds.thrower()"])
    );
    assert_eq!(members(Subject::Constructors, k()), s(&["Kinds.<init>()"]));
    // A constructor's raw return type is void: <init>, sync, nat, thrower, annotated, old.
    assert_eq!(members(Subject::CodeUnits, and(k(), MemberPred::RawReturnType(Box::new(name("void"))))).len(), 6);
    assert_eq!(members(Subject::Methods, and(k(), MemberPred::Deprecated)), s(&["Kinds.old()"]));
    let marker = AnnotationPred::And(
        Box::new(annotation("eng.lib.Marker")),
        Box::new(AnnotationPred::Value { name: "tags".into(), value: ElementValue::String("b".into()) }),
    );
    assert_eq!(members(Subject::Methods, and(k(), MemberPred::AnnotatedWith(marker))), s(&["Kinds.annotated()"]));
    let level = AnnotationPred::Value { name: "level".into(), value: ElementValue::Int(3) };
    assert_eq!(members(Subject::Methods, and(k(), MemberPred::AnnotatedWith(level))), s(&["Kinds.annotated()"]));
    assert_eq!(
        members(Subject::Members, and(k(), MemberPred::Name(StringMatch::StartsWith("na".into())))),
        s(&["Kinds.name", "Kinds.nat()"])
    );
    assert_eq!(
        members(Subject::Methods, MemberPred::FullName(StringMatch::Equals("eng.app.Clean.twice(int)".into()))),
        s(&["Clean.twice(int)"])
    );
    assert_eq!(
        members(Subject::Members, and(k(), MemberPred::Kind(MemberKind::StaticInitializer))),
        Vec::<String>::new()
    );
}

#[test]
fn member_condition_messages() {
    let r = rule(
        Subject::Fields,
        false,
        Some(Pred::Member(declared_in_kinds())),
        CondExpr::Cond(Condition::MemberMatches(MemberPred::Modifier(Modifier::Final))),
    );
    insta::assert_snapshot!(render(&eval(&r)));
    let typed = rule(
        Subject::Fields,
        false,
        Some(Pred::Member(and(declared_in_kinds(), MemberPred::Name(StringMatch::Equals("v".into()))))),
        CondExpr::Cond(Condition::MemberMatches(MemberPred::RawType(Box::new(name("java.lang.String"))))),
    );
    let result = eval(&typed);
    assert_eq!(
        result.violations[0].message,
        "Field <eng.app.kinds.Kinds.v> does not have raw type java.lang.String in (Kinds.java:0)"
    );
    assert_eq!(result.violations[0].origin_member.as_deref(), Some("v"));
}

/// A `should` cheaper than `that` is tested first (the engine then tests `that` only where needed): the members
/// reported, for both polarities, and NO_MATCH when `that` selects nothing, are those of `that` tested first, which
/// a costlier `should` of the same meaning forces.
#[test]
fn a_cheap_should_tested_first_reports_the_same_members() {
    let cheap = MemberPred::Modifier(Modifier::Final);
    // `final`, or a name no member has: the same members, at a cost above `that`'s.
    let costly =
        MemberPred::Or(Box::new(cheap.clone()), Box::new(MemberPred::FullName(StringMatch::Equals("#".into()))));
    let reported = |negated: bool, that: MemberPred, should: MemberPred| {
        let r =
            rule(Subject::Fields, negated, Some(Pred::Member(that)), CondExpr::Cond(Condition::MemberMatches(should)));
        let result = eval(&r);
        let mut members: Vec<String> =
            result.violations.iter().map(|v| v.origin_member.as_deref().unwrap_or_default().to_owned()).collect();
        members.sort();
        (result.status, members)
    };
    for negated in [false, true] {
        let (status, members) = reported(negated, declared_in_kinds(), cheap.clone());
        assert_eq!((status, members.clone()), reported(negated, declared_in_kinds(), costly.clone()));
        assert!(!members.is_empty(), "negated {negated}: the fixture has final and non-final fields");
        let nothing = MemberPred::DeclaredIn(Box::new(name("eng.app.kinds.NoSuchClass")));
        assert_eq!(reported(negated, nothing, cheap.clone()), (archrules::findings::Status::NoMatch, vec![]));
    }
}
