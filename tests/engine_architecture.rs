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

/// ArchUnit's `notDependOnEachOther()`: one violation per pair of slices (`SliceDependency`), listing the
/// dependencies from the first onto the second.
#[test]
fn slices_not_depending_on_each_other() {
    let result = eval(&slices("eng.app.(*)..", Condition::NotDependOnEachOther));
    assert_eq!(result.status, Status::Fail);
    let first_lines: Vec<&str> = result.violations.iter().filter_map(|v| v.message.lines().next()).collect();
    assert_eq!(
        first_lines,
        vec![
            "Slice reader depends on Slice model:",
            "Slice repo depends on Slice web:",
            "Slice service depends on Slice repo:",
            "Slice web depends on Slice service:",
        ]
    );
    // The violation's origin and line are those of its first dependency.
    let repo = &result.violations[1];
    assert_eq!(&*repo.origin_class, "eng.app.repo.Repo");
    assert_eq!(repo.target_class.as_deref(), Some("eng.app.web.Controller"));
    assert_eq!(repo.line, 8);
    // Each pair lists its dependencies sorted by their text, each once (ArchUnit's `TreeSet`).
    for v in &result.violations {
        let listed: Vec<&str> = v.message.lines().skip(1).collect();
        assert!(listed.windows(2).all(|w| w[0] < w[1]), "{}", v.message);
    }
    insta::assert_snapshot!(render(&result));
}

/// Slices that do not depend on each other pass; a pattern selecting no class is `NO_MATCH`.
#[test]
fn independent_slices_pass() {
    let result = eval(&slices("eng.app.(kinds|model)..", Condition::NotDependOnEachOther));
    assert_eq!(result.status, Status::Pass, "{}", render(&result));
    assert_eq!(eval(&slices("nowhere.(*)", Condition::NotDependOnEachOther)).status, Status::NoMatch);
}

/// As in ArchUnit, a dependency's target is in the slice its package names whether it was analysed or not: the
/// classpath's `eng.lib` is slice `lib` of `eng.(*)..`, though no analysed class is in it.
#[test]
fn slice_dependencies_reach_classes_not_analysed() {
    let result = eval(&slices("eng.(*)..", Condition::NotDependOnEachOther));
    let first_lines: Vec<&str> = result.violations.iter().filter_map(|v| v.message.lines().next()).collect();
    assert_eq!(first_lines, vec!["Slice app depends on Slice lib:"]);
    assert!(result.violations[0].message.lines().skip(1).all(|l| l.contains("<eng.lib.")), "{}", render(&result));
    // Cycles are between slices of analysed classes only (ArchUnit's cycle graph has no other nodes).
    assert_eq!(eval(&slices("eng.(*)..", Condition::BeFreeOfCycles)).status, Status::Pass);
}

/// Several captures name a slice ArchUnit's way: `Slice a - b`.
#[test]
fn slices_of_several_captures_are_named_by_all_of_them() {
    let result = eval(&slices("(*).app.(*)..", Condition::NotDependOnEachOther));
    let first = result.violations.first().and_then(|v| v.message.lines().next());
    assert_eq!(first, Some("Slice eng - reader depends on Slice eng - model:"));
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

/// On a real library (Guava's packages as slices: thousands of dependencies between them, many from one member
/// onto one target on several lines), each pair's dependencies are listed in text order, each once.
#[test]
fn slice_dependencies_of_a_real_library_are_listed_in_text_order() {
    use archrules::graph;
    use archrules::inputs::{OpenOptions, Opened, Role};
    use archrules::rules::engine::{evaluate_rule, EvalOptions};
    let guava = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/lib/guava.jar");
    let mut opened = Opened::default();
    opened.add(&[guava], Role::Target, &OpenOptions::default());
    let g = graph::build(opened, &graph::BuildOptions::default());
    for cond in [Condition::NotDependOnEachOther, Condition::BeFreeOfCycles] {
        let cycles = cond == Condition::BeFreeOfCycles;
        let result = evaluate_rule(&g, &slices("com.google.common.(*)..", cond), &EvalOptions::default());
        let mut listed = 0;
        for v in &result.violations {
            // Dependency lines; a cycle's are indented under each edge's heading.
            let mut previous: Option<&str> = None;
            for line in v.message.lines().skip(1) {
                match line.strip_prefix("    - ").or((!line.starts_with(' ')).then_some(line)) {
                    Some(dep) => {
                        assert!(previous.is_none_or(|p| p < dep), "{p:?} before {dep:?}", p = previous);
                        previous = Some(dep);
                        listed += 1;
                    }
                    None => previous = None,
                }
            }
        }
        // Guava's packages have no cycles between them: this only shows that any listed would be in order.
        assert!(cycles || listed > 1000, "{listed} dependencies listed");
    }
}
