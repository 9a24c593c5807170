//! Class predicates, each on the `tests/data/engine` classes, positive and negative.

mod engine_support;

use archrules::rules::ir::*;
use engine_support::*;

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

#[test]
fn names_and_packages() {
    assert_eq!(selected(name("eng.app.Clean")), s(&["eng.app.Clean"]));
    assert_eq!(
        selected(ClassPred::SimpleName(StringMatch::EndsWith("Service".into()))),
        s(&["eng.app.service.OrderService"])
    );
    assert_eq!(
        selected(ClassPred::FullName(StringMatch::Matches(r".*\.model\.[A-P].*".into()))),
        s(&["eng.app.model.AbstractShape", "eng.app.model.Color", "eng.app.model.Point"])
    );
    assert_eq!(selected(in_package("eng.app.repo")), s(&["eng.app.repo.Repo"]));
    assert_eq!(
        selected(in_package("..web..")),
        s(&["eng.app.web.Controller", "eng.app.web.ExplicitMarked", "eng.app.web.ExplicitMarked$Inner"])
    );
    let outside = selected(ClassPred::ResideOutsideOfPackages(vec!["eng.app.(*)..".into()]));
    assert_eq!(outside, s(&["eng.app.Clean"]));
    // Anonymous classes have an empty simple name.
    assert_eq!(selected(ClassPred::SimpleName(StringMatch::Equals("".into()))), s(&["eng.app.kinds.Kinds$1"]));
}

#[test]
fn kinds_visibility_and_modifiers() {
    assert_eq!(
        selected(ClassPred::Kind(ClassKind::Interface)),
        s(&["eng.app.marked.package-info", "eng.app.model.Shape"])
    );
    assert_eq!(selected(ClassPred::Kind(ClassKind::Enum)), s(&["eng.app.model.Color"]));
    assert_eq!(selected(ClassPred::Kind(ClassKind::Record)), s(&["eng.app.model.Point"]));
    assert_eq!(selected(ClassPred::Kind(ClassKind::Anonymous)), s(&["eng.app.kinds.Kinds$1"]));
    assert_eq!(selected(ClassPred::Kind(ClassKind::Local)), s(&["eng.app.kinds.Kinds$1Local"]));
    assert_eq!(
        selected(ClassPred::Kind(ClassKind::Member)),
        s(&[
            "eng.app.kinds.Kinds$Inner",
            "eng.app.kinds.Kinds$Nested",
            "eng.app.kinds.Visibilities$PackagePrivateNested",
            "eng.app.kinds.Visibilities$PrivateNested",
            "eng.app.kinds.Visibilities$ProtectedInner",
            "eng.app.kinds.Visibilities$ProtectedNested",
            "eng.app.kinds.Visibilities$PublicNested",
            "eng.app.web.ExplicitMarked$Inner"
        ])
    );
    assert_eq!(
        selected(ClassPred::Kind(ClassKind::Inner)),
        s(&[
            "eng.app.kinds.Kinds$1",
            "eng.app.kinds.Kinds$1Local",
            "eng.app.kinds.Kinds$Inner",
            "eng.app.kinds.Visibilities$ProtectedInner"
        ])
    );
    assert_eq!(
        selected(ClassPred::Modifier(Modifier::Final)),
        s(&[
            "eng.app.kinds.Visibilities$PackagePrivateNested",
            "eng.app.model.Color",
            "eng.app.model.Point",
            "eng.app.model.Square"
        ])
    );
    assert_eq!(
        selected(ClassPred::And(Box::new(in_package("..model..")), Box::new(ClassPred::Modifier(Modifier::Abstract)))),
        s(&["eng.app.model.AbstractShape", "eng.app.model.Shape"])
    );
    assert_eq!(
        selected(ClassPred::And(
            Box::new(ClassPred::Visibility(Visibility::PackagePrivate)),
            Box::new(ClassPred::Not(Box::new(ClassPred::Kind(ClassKind::Nested))))
        )),
        s(&["eng.app.marked.package-info"])
    );
}

/// javac writes a `private static` member class package private and without `static` in its own class file, a
/// `protected` one public; the class's own `InnerClasses` entry keeps what was declared, and ArchUnit reads that.
#[test]
fn member_classes_have_the_modifiers_they_were_declared_with() {
    let members = |p: ClassPred| {
        let nested = ClassPred::FullName(StringMatch::StartsWith("eng.app.kinds.Visibilities$".into()));
        selected(ClassPred::And(Box::new(nested), Box::new(p)))
    };
    let vis = |v: &str| format!("eng.app.kinds.Visibilities${v}");
    assert_eq!(members(ClassPred::Visibility(Visibility::Private)), vec![vis("PrivateNested")]);
    assert_eq!(
        members(ClassPred::Visibility(Visibility::Protected)),
        vec![vis("ProtectedInner"), vis("ProtectedNested")]
    );
    assert_eq!(members(ClassPred::Visibility(Visibility::PackagePrivate)), vec![vis("PackagePrivateNested")]);
    assert_eq!(members(ClassPred::Visibility(Visibility::Public)), vec![vis("PublicNested")]);
    assert_eq!(
        members(ClassPred::Modifier(Modifier::Static)),
        vec![vis("PackagePrivateNested"), vis("PrivateNested"), vis("ProtectedNested"), vis("PublicNested")]
    );
    assert_eq!(members(ClassPred::Modifier(Modifier::Final)), vec![vis("PackagePrivateNested")]);
    assert_eq!(members(ClassPred::Modifier(Modifier::Abstract)), vec![vis("PublicNested")]);
    assert_eq!(members(ClassPred::Kind(ClassKind::Inner)), vec![vis("ProtectedInner")]);
    // Top-level, local and anonymous classes keep the class file's flags.
    assert_eq!(
        selected(ClassPred::And(
            Box::new(name("eng.app.kinds.Visibilities")),
            Box::new(ClassPred::Visibility(Visibility::Public))
        )),
        s(&["eng.app.kinds.Visibilities"])
    );
    assert_eq!(
        selected(ClassPred::And(
            Box::new(in_package("eng.app.kinds")),
            Box::new(ClassPred::Or(
                Box::new(ClassPred::Kind(ClassKind::Anonymous)),
                Box::new(ClassPred::Kind(ClassKind::Local))
            ))
        )),
        s(&["eng.app.kinds.Kinds$1", "eng.app.kinds.Kinds$1Local"])
    );
    assert!(selected(ClassPred::And(
        Box::new(ClassPred::Kind(ClassKind::Local)),
        Box::new(ClassPred::Not(Box::new(ClassPred::Visibility(Visibility::PackagePrivate))))
    ))
    .is_empty());
}

/// The events of modifier conditions use the declared modifiers too.
#[test]
fn modifier_condition_messages_use_the_declared_modifiers() {
    let nested = |simple: &str| Some(name(&format!("eng.app.kinds.Visibilities${simple}")));
    let public = classes(nested("PrivateNested"), Condition::ClassMatches(ClassPred::Visibility(Visibility::Public)));
    assert_eq!(
        messages(&eval(&public)),
        vec!["Class <eng.app.kinds.Visibilities$PrivateNested> is not public in (Visibilities.java:0)"]
    );
    let private =
        no_classes(nested("PrivateNested"), Condition::ClassMatches(ClassPred::Visibility(Visibility::Private)));
    assert_eq!(
        messages(&eval(&private)),
        vec!["Class <eng.app.kinds.Visibilities$PrivateNested> is private in (Visibilities.java:0)"]
    );
    let protected =
        classes(nested("ProtectedNested"), Condition::ClassMatches(ClassPred::Visibility(Visibility::Protected)));
    assert_eq!(eval(&protected).status, archrules::findings::Status::Pass);
    let not_static = classes(nested("ProtectedInner"), Condition::ClassMatches(ClassPred::Modifier(Modifier::Static)));
    assert_eq!(
        messages(&eval(&not_static)),
        vec![
            "Class <eng.app.kinds.Visibilities$ProtectedInner> does not have modifier STATIC in (Visibilities.java:0)"
        ]
    );
    let static_ =
        classes(nested("PackagePrivateNested"), Condition::ClassMatches(ClassPred::Modifier(Modifier::Static)));
    assert_eq!(eval(&static_).status, archrules::findings::Status::Pass);
}

/// The same through the DSL: `arePrivate()`, `haveModifier(PRIVATE)`, `beProtected()`.
#[test]
fn modifier_rules_in_the_dsl_use_the_declared_modifiers() {
    let pack = archrules::dsl::parse_pack(
        "vis.arch",
        r#"pack "vis" { }
        rule "private" = classes().that().haveNameStartingWith("eng.app.kinds.Visibilities$").and().arePrivate()
            .should().haveSimpleName("PrivateNested");
        rule "modifier" = classes().that().haveModifier(JavaModifier.PRIVATE).should().haveSimpleName("PrivateNested");
        rule "protected" = noClasses().that().haveNameStartingWith("eng.app.kinds.Visibilities$")
            .should().beProtected();
        rule "package private" = classes().that().haveNameStartingWith("eng.app.kinds.Visibilities$")
            .and().arePackagePrivate().should().beStatic().andShould().beFinal();
        "#,
        &Default::default(),
    )
    .unwrap();
    let results: Vec<_> = pack.rules.iter().map(eval).collect();
    assert_eq!(results[0].status, archrules::findings::Status::Pass);
    assert_eq!(results[1].status, archrules::findings::Status::Pass);
    assert_eq!(
        messages(&results[2]),
        vec![
            "Class <eng.app.kinds.Visibilities$ProtectedInner> is protected in (Visibilities.java:0)",
            "Class <eng.app.kinds.Visibilities$ProtectedNested> is protected in (Visibilities.java:0)"
        ]
    );
    assert_eq!(results[3].status, archrules::findings::Status::Pass, "{}", render(&results[3]));
}

fn messages(r: &archrules::findings::RuleResult) -> Vec<String> {
    r.violations.iter().map(|v| v.message.clone()).collect()
}

#[test]
fn annotations_and_hierarchy() {
    assert_eq!(selected(ClassPred::AnnotatedWith(annotation("eng.lib.Marker"))), s(&["eng.app.web.Controller"]));
    assert_eq!(
        selected(ClassPred::MetaAnnotatedWith(annotation("eng.lib.Marker"))),
        s(&["eng.app.kinds.Kinds", "eng.app.web.Controller"])
    );
    let web = AnnotationPred::Value { name: "value".into(), value: ElementValue::String("web".into()) };
    assert_eq!(selected(ClassPred::AnnotatedWith(web)), s(&["eng.app.web.Controller"]));
    assert_eq!(
        selected(ClassPred::AssignableTo(Box::new(name("eng.app.model.Shape")))),
        s(&["eng.app.model.AbstractShape", "eng.app.model.Shape", "eng.app.model.Square"])
    );
    assert_eq!(
        selected(ClassPred::Implement(Box::new(name("eng.app.model.Shape")))),
        s(&["eng.app.model.AbstractShape", "eng.app.model.Square"])
    );
    assert_eq!(
        selected(ClassPred::AssignableFrom(Box::new(name("eng.app.model.Square")))),
        s(&["eng.app.model.AbstractShape", "eng.app.model.Shape", "eng.app.model.Square"])
    );
    assert_eq!(
        selected(ClassPred::ContainAny(MemberKind::Method, Box::new(MemberPred::Modifier(Modifier::Native)))),
        s(&["eng.app.kinds.Kinds"])
    );
    assert_eq!(
        selected(ClassPred::NullMarked),
        s(&[
            "eng.app.marked.InMarked",
            "eng.app.marked.package-info",
            "eng.app.web.ExplicitMarked",
            "eng.app.web.ExplicitMarked$Inner"
        ])
    );
    assert_eq!(
        selected(ClassPred::ResideInPackageAnnotatedWith(annotation("org.jspecify.annotations.NullMarked"))),
        s(&["eng.app.marked.InMarked", "eng.app.marked.package-info"])
    );
    assert!(selected(ClassPred::Kotlin).is_empty());
    assert!(selected(ClassPred::Deprecated).is_empty());
}
