//! Every class condition, `andShould`/`orShould`, negation, and the evaluation options.

mod engine_support;

use std::collections::HashMap;

use archrules::findings::Status;
use archrules::rules::engine::{evaluate, evaluate_rule, EvalOptions};
use archrules::rules::ir::*;
use archrules::rules::package_pattern::PackagePattern;
use engine_support::*;

fn one(c: &str) -> Option<ClassPred> {
    Some(name(c))
}

fn messages(r: &Rule) -> Vec<String> {
    eval(r).violations.into_iter().map(|v| v.message).collect()
}

#[test]
fn only_depend_on_reports_each_other_dependency() {
    let r = classes(one("eng.app.repo.Repo"), Condition::OnlyDependOnClassesThat(in_package("java..")));
    assert_eq!(
        messages(&r),
        vec!["Method <eng.app.repo.Repo.load()> calls method <eng.app.web.Controller.current()> in (Repo.java:8)"]
    );
    let ok = classes(one("eng.app.Clean"), Condition::OnlyDependOnClassesThat(in_package("java..")));
    assert_eq!(eval(&ok).status, Status::Pass);
}

#[test]
fn depend_on_without_match_is_one_class_violation() {
    let r = classes(one("eng.app.Clean"), Condition::DependOnClassesThat(in_package("org.joda..")));
    assert_eq!(
        messages(&r),
        vec![
            "Class <eng.app.Clean> does not depend on classes that reside in a package 'org.joda..' in (Clean.java:0)"
        ]
    );
}

#[test]
fn dependency_predicates() {
    let kind = DependencyPred::Kind(vec![DependencyKind::FieldType]);
    let r = no_classes(one("eng.app.web.Controller"), Condition::HaveAnyDependenciesThat(kind));
    assert_eq!(
        messages(&r),
        vec!["Field <eng.app.web.Controller.service> has type <eng.app.service.OrderService> in (Controller.java:0)"]
    );
    let same = DependencyPred::And(
        Box::new(DependencyPred::ResideInSamePackage),
        Box::new(DependencyPred::Target(ClassPred::Kind(ClassKind::Interface))),
    );
    let r = no_classes(one("eng.app.model.AbstractShape"), Condition::HaveAnyDependenciesThat(same));
    assert_eq!(
        messages(&r),
        vec![
            "Class <eng.app.model.AbstractShape> implements interface <eng.app.model.Shape> in (AbstractShape.java:0)"
        ]
    );
    let origin = DependencyPred::Not(Box::new(DependencyPred::Origin(name("eng.app.Clean"))));
    assert_eq!(
        eval(&no_classes(one("eng.app.Clean"), Condition::HaveAnyDependenciesThat(origin))).status,
        Status::Pass
    );
}

#[test]
fn only_have_dependent_classes_that() {
    let r = classes(one("eng.app.repo.Repo"), Condition::OnlyHaveDependentClassesThat(in_package("..web..")));
    let result = eval(&r);
    assert_eq!(origins(&result), vec!["eng.app.service.OrderService"]);
    assert!(result.violations.iter().all(|v| v.target_class.as_deref() == Some("eng.app.repo.Repo")));
}

#[test]
fn transitive_dependencies_name_the_path() {
    let r = no_classes(
        one("eng.app.web.Controller"),
        Condition::TransitivelyDependOnClassesThat(name("org.joda.time.DateTime")),
    );
    assert_eq!(
        messages(&r),
        vec!["Class <eng.app.web.Controller> transitively depends on <org.joda.time.DateTime> by [eng.app.web.Controller->eng.app.service.OrderService->org.joda.time.DateTime] in (Controller.java:0)"]
    );
    let direct = no_classes(
        one("eng.app.service.OrderService"),
        Condition::TransitivelyDependOnClassesThat(name("eng.app.repo.Repo")),
    );
    assert_eq!(messages(&direct).len(), 1);
    assert!(messages(&direct)[0].starts_with("Method <eng.app.service.OrderService.order()> calls constructor"));
}

#[test]
fn access_conditions_include_self_accesses() {
    let r = no_classes(one("eng.app.web.Controller"), Condition::AccessClassesThat(name("eng.app.web.Controller")));
    assert_eq!(
        messages(&r),
        vec![
            "Constructor <eng.app.web.Controller.<init>()> sets field <eng.app.web.Controller.service> in (Controller.java:9)",
            "Method <eng.app.web.Controller.handle()> calls method <eng.app.web.Controller.helper()> in (Controller.java:14)",
            "Method <eng.app.web.Controller.handle()> gets field <eng.app.web.Controller.service> in (Controller.java:14)",
        ]
    );
    let only = classes(one("eng.app.repo.Repo"), Condition::OnlyAccessClassesThat(in_package("java..")));
    assert_eq!(messages(&only).len(), 1);
    let kinds = no_classes(
        one("eng.app.service.OrderService"),
        Condition::AccessWhere {
            kind: AccessKind::FieldGet,
            pred: AccessPred::And(
                Box::new(AccessPred::TargetOwner(name("eng.lib.Api"))),
                Box::new(AccessPred::Origin(MemberPred::Name(StringMatch::Equals("useDeprecated".into())))),
            ),
        },
    );
    assert_eq!(
        messages(&kinds),
        vec!["Method <eng.app.service.OrderService.useDeprecated()> gets field <eng.lib.Api.OLD_FIELD> in (OrderService.java:21)"]
    );
    let same_package =
        no_classes(None, Condition::AccessWhere { kind: AccessKind::Any, pred: AccessPred::InTheSamePackage });
    let targets: Vec<String> = eval(&same_package)
        .violations
        .into_iter()
        .filter_map(|v| v.target_class.as_deref().map(str::to_owned))
        .filter(|t| !t.starts_with("eng.app"))
        .collect();
    // An array is in its component type's package.
    assert_eq!(targets, vec!["[Leng.app.model.Color;"]);
}

#[test]
fn only_be_accessed_and_called_by() {
    let r = classes(one("eng.app.web.Controller"), Condition::OnlyBeAccessedByClassesThat(in_package("..web..")));
    assert_eq!(
        messages(&r),
        vec!["Method <eng.app.repo.Repo.load()> calls method <eng.app.web.Controller.current()> in (Repo.java:8)"]
    );
    let called = rule(
        Subject::Methods,
        false,
        Some(Pred::Member(MemberPred::Name(StringMatch::Equals("load".into())))),
        CondExpr::Cond(Condition::OnlyBeCalledByClassesThat(in_package("..repo.."))),
    );
    assert_eq!(
        messages(&called),
        vec!["Method <eng.app.service.OrderService.order()> calls method <eng.app.repo.Repo.load()> in (OrderService.java:13)"]
    );
    // `tag.label()` names Tag, but Titled declares label(): the call reaches Titled's member (resolved, as ArchUnit).
    let inherited = rule(
        Subject::Methods,
        false,
        Some(Pred::Member(MemberPred::FullName(StringMatch::Equals("eng.app.model.Titled.label()".into())))),
        CondExpr::Cond(Condition::OnlyBeCalledByClassesThat(in_package("..model.."))),
    );
    assert_eq!(
        messages(&inherited),
        vec!["Method <eng.app.reader.TagReader.read(eng.app.model.Tag)> calls method <eng.app.model.Tag.label()> in (TagReader.java:7)"]
    );
}

#[test]
fn and_or_should_combine_per_archunit() {
    let public = Condition::ClassMatches(ClassPred::Visibility(Visibility::Public));
    let final_ = Condition::ClassMatches(ClassPred::Modifier(Modifier::Final));
    let c = |e: CondExpr| rule(Subject::Classes, false, Some(Pred::Class(name("eng.app.Clean"))), e);
    let and = CondExpr::And(Box::new(CondExpr::Cond(public.clone())), Box::new(CondExpr::Cond(final_.clone())));
    assert_eq!(messages(&c(and)), vec!["Class <eng.app.Clean> does not have modifier FINAL in (Clean.java:0)"]);
    let or = CondExpr::Or(Box::new(CondExpr::Cond(public.clone())), Box::new(CondExpr::Cond(final_.clone())));
    assert_eq!(eval(&c(or)).status, Status::Pass);
    // Negated: the class violates `never(public or final)` because it is public.
    let mut never_or =
        c(CondExpr::Or(Box::new(CondExpr::Cond(public.clone())), Box::new(CondExpr::Cond(final_.clone()))));
    never_or.negated = true;
    assert_eq!(messages(&never_or), vec!["Class <eng.app.Clean> is public in (Clean.java:0)"]);
    let mut never_and = c(CondExpr::And(Box::new(CondExpr::Cond(public)), Box::new(CondExpr::Cond(final_))));
    never_and.negated = true;
    assert_eq!(eval(&never_and).status, Status::Pass);
}

#[test]
fn from_artifact_reads_pom_properties() {
    let lib = |version: Option<&str>| ClassPred::FromArtifact {
        group: "eng".into(),
        artifact: "lib".into(),
        version: version.map(|v| VersionReq::parse(v).unwrap()),
    };
    let r = no_classes(one("eng.app.repo.Repo"), Condition::DependOnClassesThat(lib(None)));
    assert_eq!(eval(&r).status, Status::Pass);
    let r = no_classes(one("eng.app.service.OrderService"), Condition::AccessClassesThat(lib(Some("<2"))));
    assert!(!eval(&r).violations.is_empty());
    let r = no_classes(one("eng.app.service.OrderService"), Condition::AccessClassesThat(lib(Some(">=1.5"))));
    assert_eq!(eval(&r).status, Status::Pass);
}

#[test]
fn options_exclude_and_scope_subjects() {
    let r = no_classes(None, Condition::DependOnClassesThat(name("org.joda.time.DateTime")));
    let g = graph();
    let excluded = EvalOptions { exclude: vec![PackagePattern::new("..service..").unwrap()], ..EvalOptions::default() };
    assert_eq!(evaluate_rule(g, &r, &excluded).status, Status::Pass);
    let repo = g.class_by_name("eng.app.repo.Repo").unwrap();
    let scoped = EvalOptions {
        scopes: HashMap::from([("test".to_string(), [repo].into_iter().collect())]),
        ..EvalOptions::default()
    };
    assert_eq!(evaluate_rule(g, &r, &scoped).status, Status::Pass);
    assert_eq!(evaluate_rule(g, &r, &EvalOptions::default()).status, Status::Fail);
}

#[test]
fn evaluate_runs_every_pack_in_order() {
    let mut a = no_classes(None, Condition::DependOnClassesThat(name("org.joda.time.DateTime")));
    a.name = "joda".into();
    let mut b = classes(Some(in_package("nowhere")), Condition::ClassMatches(ClassPred::Kotlin));
    b.name = "empty".into();
    b.pack = "other".into();
    let packs = vec![
        Pack {
            id: "test".into(),
            description: None,
            origin: "bundled".into(),
            params: Default::default(),
            fixes: Vec::new(),
            rules: vec![a],
        },
        Pack {
            id: "other".into(),
            description: None,
            origin: "x.arch".into(),
            params: Default::default(),
            fixes: Vec::new(),
            rules: vec![b],
        },
    ];
    let results = evaluate(graph(), &packs, &EvalOptions::default());
    let summary: Vec<_> =
        results.iter().map(|r| (r.rule.name.as_str(), r.rule.pack_origin.as_str(), r.status)).collect();
    assert_eq!(summary, vec![("joda", "bundled", Status::Fail), ("empty", "x.arch", Status::NoMatch)]);
}

#[test]
fn bad_patterns_fail_the_rule_with_a_reason() {
    let r = classes(
        Some(ClassPred::FullName(StringMatch::Matches("(".into()))),
        Condition::ClassMatches(ClassPred::Kotlin),
    );
    let result = eval(&r);
    assert_eq!(result.status, Status::Fail);
    assert!(result.violations[0].message.contains("invalid regular expression '('"));
    let r = classes(Some(in_package("a...b")), Condition::ClassMatches(ClassPred::Kotlin));
    assert!(eval(&r).violations[0].message.contains("more than two '.'"));
}

/// The reverse-index path (single condition) gives the same events, in the same order, as the per-class scan
/// (forced by combining with a condition that never contributes events).
#[test]
fn indexed_evaluation_matches_the_scan() {
    let never = ClassPred::FullName(StringMatch::Equals("#".into()));
    let deprecated = AccessPred::Or(
        Box::new(AccessPred::Target(MemberPred::Deprecated)),
        Box::new(AccessPred::TargetOwner(ClassPred::Deprecated)),
    );
    let conditions = vec![
        Condition::DependOnClassesThat(in_package("eng..")),
        Condition::DependOnClassesThat(ClassPred::Modifier(Modifier::Abstract)),
        Condition::AccessClassesThat(name("eng.app.web.Controller")),
        Condition::AccessWhere { kind: AccessKind::Any, pred: deprecated },
        Condition::AccessWhere {
            kind: AccessKind::MethodCall,
            pred: AccessPred::Target(MemberPred::DeclaredIn(Box::new(in_package("eng.lib")))),
        },
        Condition::HaveAnyDependenciesThat(DependencyPred::Target(in_package("java.lang"))),
        // Access predicates reading only the target are answered once per kind, owner and member...
        Condition::AccessWhere {
            kind: AccessKind::Any,
            pred: AccessPred::And(
                Box::new(AccessPred::Kind(AccessKind::MethodCall)),
                Box::new(AccessPred::TargetOwner(in_package("eng.."))),
            ),
        },
        // ...those reading the origin are not: every constructor calls `Object.<init>()`, one of them matches.
        Condition::AccessWhere {
            kind: AccessKind::Any,
            pred: AccessPred::And(
                Box::new(AccessPred::OriginOwner(name("eng.app.web.Controller"))),
                Box::new(AccessPred::TargetOwner(name("java.lang.Object"))),
            ),
        },
    ];
    for c in conditions {
        let fast = eval(&no_classes(None, c.clone()));
        let either = CondExpr::Or(
            Box::new(CondExpr::Cond(c.clone())),
            Box::new(CondExpr::Cond(Condition::ClassMatches(never.clone()))),
        );
        let slow = eval(&rule(Subject::Classes, true, None, either));
        // Joined, a subject's lines are sorted and each distinct line is kept once (ArchUnit's `AndCondition`).
        let mut distinct = fast.violations.clone();
        distinct.sort_by(|a, b| a.message.cmp(&b.message));
        distinct.dedup_by(|a, b| a.message == b.message);
        let mut joined = slow.violations.clone();
        joined.sort_by(|a, b| a.message.cmp(&b.message));
        assert_eq!(distinct, joined, "{c:?}");
        assert!(!fast.violations.is_empty(), "{c:?}");
        let fast = eval(&classes(None, c.clone()));
        let both = CondExpr::And(
            Box::new(CondExpr::Cond(c.clone())),
            Box::new(CondExpr::Cond(Condition::ClassMatches(ClassPred::Not(Box::new(never.clone()))))),
        );
        let slow = eval(&rule(Subject::Classes, false, None, both));
        assert_eq!(fast.violations, slow.violations, "{c:?}");
    }
}

/// Member subjects go through the index too: same events as the per-member scan (order aside).
#[test]
fn indexed_member_evaluation_matches_the_scan() {
    let deprecated = Condition::AccessWhere { kind: AccessKind::Any, pred: AccessPred::Target(MemberPred::Deprecated) };
    let never = MemberPred::Name(StringMatch::Equals("#".into()));
    let sorted = |mut v: Vec<archrules::findings::Violation>| {
        v.sort_by(|a, b| a.message.cmp(&b.message));
        v
    };
    let fast = eval(&rule(Subject::Methods, true, None, CondExpr::Cond(deprecated.clone())));
    let either = CondExpr::Or(
        Box::new(CondExpr::Cond(deprecated.clone())),
        Box::new(CondExpr::Cond(Condition::MemberMatches(never.clone()))),
    );
    let slow = eval(&rule(Subject::Methods, true, None, either));
    assert_eq!(fast.violations.len(), 4); // legacy(), doomed(), OLD_FIELD, isEmptyish() via Base
    assert_eq!(sorted(fast.violations), sorted(slow.violations));
    // Not negated: every method that calls nothing deprecated fails once.
    let fast = eval(&rule(Subject::Methods, false, None, CondExpr::Cond(deprecated.clone())));
    let both = CondExpr::And(
        Box::new(CondExpr::Cond(deprecated)),
        Box::new(CondExpr::Cond(Condition::MemberMatches(MemberPred::Not(Box::new(never))))),
    );
    let slow = eval(&rule(Subject::Methods, false, None, both));
    assert!(!fast.violations.iter().any(|v| v.origin_member.as_deref() == Some("useDeprecated()")));
    assert_eq!(sorted(fast.violations), sorted(slow.violations));
}

/// `orShould`/`andShould` of indexable conditions in a negated rule: the same events as the scan (order aside).
#[test]
fn indexed_combinations_match_the_scan() {
    let dep = Condition::DependOnClassesThat(in_package("eng.lib.."));
    let access = Condition::AccessWhere { kind: AccessKind::Any, pred: AccessPred::Target(MemberPred::Deprecated) };
    let never = Condition::ClassMatches(ClassPred::FullName(StringMatch::Equals("#".into())));
    let sorted = |mut v: Vec<archrules::findings::Violation>| {
        v.sort_by(|a, b| (&a.origin_class, &a.message).cmp(&(&b.origin_class, &b.message)));
        v
    };
    let c = |x: &Condition| Box::new(CondExpr::Cond(x.clone()));
    for (fast, slow) in [
        (CondExpr::Or(c(&dep), c(&access)), CondExpr::Or(Box::new(CondExpr::Or(c(&dep), c(&access))), c(&never))),
        (CondExpr::And(c(&dep), c(&access)), CondExpr::Or(Box::new(CondExpr::And(c(&dep), c(&access))), c(&never))),
    ] {
        let fast = eval(&rule(Subject::Classes, true, None, fast));
        let slow = eval(&rule(Subject::Classes, true, None, slow));
        assert!(!fast.violations.is_empty());
        assert_eq!(sorted(fast.violations), sorted(slow.violations));
    }
}

/// Violations of many edges onto the same targets share their wording's middle part (kind, target, member): each
/// message must still be exactly `Graph::describe` of its own edge, with that edge's fields.
#[test]
fn dependency_violations_word_each_edge_as_describe() {
    let g = graph();
    let r =
        no_classes(None, Condition::DependOnClassesThat(ClassPred::FullName(StringMatch::StartsWith("eng.".into()))));
    let violations = eval(&r).violations;
    let mut expected = Vec::new();
    for (id, c) in g.targets() {
        if g.str(c.name).ends_with("module-info") {
            continue;
        }
        for d in g.dependencies(id).filter(|d| g.str(d.target).starts_with("eng.")) {
            expected.push((g.describe(d), g.str(d.target).to_owned(), u32::from(d.line)));
        }
    }
    let actual: Vec<(String, String, u32)> = violations
        .iter()
        .map(|v| (v.message.clone(), v.target_class.as_deref().unwrap_or("").to_owned(), v.line))
        .collect();
    assert!(expected.len() > 20, "{}", expected.len());
    assert_eq!(actual, expected);
}
