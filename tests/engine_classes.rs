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
        s(&["eng.app.kinds.Kinds$Inner", "eng.app.kinds.Kinds$Nested", "eng.app.web.ExplicitMarked$Inner"])
    );
    assert_eq!(
        selected(ClassPred::Kind(ClassKind::Inner)),
        s(&["eng.app.kinds.Kinds$1", "eng.app.kinds.Kinds$1Local", "eng.app.kinds.Kinds$Inner"])
    );
    assert_eq!(
        selected(ClassPred::Modifier(Modifier::Final)),
        s(&["eng.app.model.Color", "eng.app.model.Point", "eng.app.model.Square"])
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
