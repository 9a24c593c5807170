//! Slices and layered architectures on `eng.app.{web,service,repo}`: web → service → repo → web.

mod engine_support;

use archrules::findings::Status;
use archrules::rules::ir::*;
use engine_support::*;

fn slices(matching: &str, cond: Condition) -> Rule {
    rule(Subject::Slices { matching: matching.into() }, false, None, CondExpr::Cond(cond))
}

#[test]
fn slices_cycle_is_reported_in_archunit_words() {
    let result = eval(&slices("eng.app.(*)..", Condition::BeFreeOfCycles));
    assert_eq!(result.status, Status::Fail);
    assert_eq!(result.violations.len(), 1);
    assert!(result.violations[0].message.starts_with("Cycle detected: Slice repo -> \n                Slice web -> "));
    insta::assert_snapshot!(render(&result));
}

#[test]
fn slices_without_cycles_pass() {
    // Only model classes: Square → AbstractShape → Shape, all in one slice per class name capture.
    let result = eval(&slices("eng.app.model", Condition::BeFreeOfCycles));
    assert_eq!(result.status, Status::Pass);
    let none = eval(&slices("nowhere.(*)", Condition::BeFreeOfCycles));
    assert_eq!(none.status, Status::NoMatch);
}

#[test]
fn slices_not_depending_on_each_other() {
    let result = eval(&slices("eng.app.(*)..", Condition::NotDependOnEachOther));
    insta::assert_snapshot!(render(&result));
}

fn layer(name: &str, package: &str) -> Layer {
    Layer { name: name.into(), packages: vec![package.into()], optional: false }
}

fn layered(considering: LayerDependencies, constraints: Vec<LayerConstraint>) -> Rule {
    let arch = LayeredArchitecture {
        considering,
        layers: vec![layer("Web", "..web.."), layer("Service", "..service.."), layer("Repo", "..repo..")],
        constraints,
    };
    rule(Subject::Layered(arch), false, None, CondExpr::Cond(Condition::RespectLayers))
}

#[test]
fn layered_access_constraints() {
    let r = layered(
        LayerDependencies::OnlyDependenciesInLayers,
        vec![
            LayerConstraint { layer: "Web".into(), access: LayerAccess::MayNotBeAccessedByAnyLayer },
            LayerConstraint {
                layer: "Service".into(),
                access: LayerAccess::MayOnlyBeAccessedByLayers(vec!["Web".into()]),
            },
            LayerConstraint {
                layer: "Repo".into(),
                access: LayerAccess::MayOnlyBeAccessedByLayers(vec!["Service".into()]),
            },
        ],
    );
    let result = eval(&r);
    // Only repo → web breaks a constraint.
    assert_eq!(origins(&result), vec!["eng.app.repo.Repo"]);
    insta::assert_snapshot!(render(&result));
}

#[test]
fn layered_outgoing_constraints_and_considering() {
    let only_access = |considering| {
        layered(
            considering,
            vec![LayerConstraint { layer: "Repo".into(), access: LayerAccess::MayOnlyAccessLayers(vec![]) }],
        )
    };
    // In layers only: Repo → Web is the one offence.
    let in_layers = eval(&only_access(LayerDependencies::OnlyDependenciesInLayers));
    assert_eq!(in_layers.violations.len(), 1);
    // All dependencies: java.lang.Object and String count too.
    let all = eval(&only_access(LayerDependencies::AllDependencies));
    assert!(all.violations.len() > 1);
    assert!(all.violations.iter().any(|v| v.target_class.as_deref() == Some("java.lang.Object")));
    // Only dependencies into java..: the web call is not considered.
    let java = eval(&only_access(LayerDependencies::OnlyDependenciesInAnyPackage(vec!["java..".into()])));
    assert!(java.violations.iter().all(|v| v.target_class.as_deref().is_some_and(|t| t.starts_with("java."))));
    assert!(!java.violations.is_empty());
}

#[test]
fn empty_layer_fails_unless_optional() {
    let mut arch = LayeredArchitecture {
        considering: LayerDependencies::AllDependencies,
        layers: vec![layer("Ghost", "..ghost..")],
        constraints: vec![],
    };
    let r = rule(Subject::Layered(arch.clone()), false, None, CondExpr::Cond(Condition::RespectLayers));
    let result = eval(&r);
    assert_eq!(
        result.violations.iter().map(|v| v.message.as_str()).collect::<Vec<_>>(),
        vec!["Layer 'Ghost' is empty"]
    );
    arch.layers[0].optional = true;
    let r = rule(Subject::Layered(arch), false, None, CondExpr::Cond(Condition::RespectLayers));
    assert_eq!(eval(&r).status, Status::Pass);
}
