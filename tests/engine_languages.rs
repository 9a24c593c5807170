//! Each JVM language gets the truth (issue 17, section 4), on code compiled here with no JSpecify anywhere:
//! Kotlin (kotlinc 1.3: `fixtures/kotlin`, module `ktapp` using the jar of module `ktlib`) and Scala (scalac 2.11:
//! `fixtures/scala`, `scalaapp` using `scalalib.jar`), checked by the bundled packs as `archrules check` runs them.

mod common;

use std::collections::HashMap;
use std::fmt::Write;

use archrules::findings::{RuleResult, Status};
use archrules::graph::Graph;
use archrules::rules::engine::{evaluate, EvalOptions};

/// A bundled pack (`rules/NAME.arch`) with these parameters.
fn pack(name: &str, params: &[(&str, &str)]) -> archrules::rules::ir::Pack {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules").join(format!("{name}.arch"));
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let params: HashMap<String, String> = params.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
    archrules::dsl::parse_pack(&format!("{name}.arch"), &source, &params)
        .unwrap_or_else(|e| panic!("{:?}", miette::Report::new(e)))
}

/// Every rule of the packs with its status and violations, one line each: what the snapshots record.
fn report(g: &Graph, packs: &[archrules::rules::ir::Pack]) -> (Vec<RuleResult>, String) {
    let results = evaluate(g, packs, &EvalOptions::default());
    let mut out = String::new();
    for r in &results {
        writeln!(out, "{} / {}: {:?} {}", r.rule.pack, r.rule.name, r.status, r.violations.len()).unwrap();
        for v in &r.violations {
            writeln!(out, "    {}", v.message).unwrap();
        }
    }
    (results, out)
}

fn rule<'r>(results: &'r [RuleResult], name: &str) -> &'r RuleResult {
    results.iter().find(|r| r.rule.name == name).unwrap_or_else(|| panic!("no rule {name}"))
}

/// Kotlin classes are null-safe whatever else is in the graph: a Kotlin project that never mentions JSpecify got
/// every public class flagged, because the JSpecify marker was looked up before the Kotlin test.
#[test]
fn kotlin_without_jspecify_is_null_marked() {
    let g = common::graph(&["kotlin/classes", "ktapp/classes"], &["ktlib/ktlib.jar"]);
    assert!(g.sym("org.jspecify.annotations.NullMarked").is_none(), "the fixture must not mention JSpecify");
    let (results, text) = report(&g, &[pack("nullability", &[])]);
    assert_eq!(rule(&results, "public classes should be @NullMarked").status, Status::Pass, "{text}");
    // kotlinc's own org.jetbrains.annotations are not the author's to upgrade.
    assert_eq!(rule(&results, "upgrade legacy jetbrains annotations").status, Status::Pass, "{text}");
    insta::assert_snapshot!(text);
}

/// scalac marks every class it writes (`ScalaSig` or `Scala` attribute), `object` module classes included.
#[test]
fn scala_classes_are_recognised() {
    let g = common::graph(&["scala/classes", "scalaapp/classes", "kotlin/classes"], &["scalalib/scalalib.jar"]);
    let mut scala: Vec<&str> = g.classes().filter(|(_, c)| c.scala).map(|(_, c)| g.str(c.name)).collect();
    scala.sort_unstable();
    assert_eq!(
        scala,
        [
            "fixtures.scala.Circle",
            "fixtures.scala.Circle$",
            "fixtures.scala.Geometry",
            "fixtures.scala.Geometry$",
            "fixtures.scala.Geometry$$anonfun$scaled$1",
            "fixtures.scala.Geometry$$anonfun$totalArea$1",
            "fixtures.scala.Shape",
            "fixtures.scala.Shape$class",
            "fixtures.scalaapp.Checkout",
            "fixtures.scalaapp.Checkout$",
            // Classpath classes the app refers to (not the forwarder class `Prices`, which it does not).
            "fixtures.scalalib.OldPricing",
            "fixtures.scalalib.Prices$",
            "fixtures.scalalib.Pricing",
        ]
    );
}

/// Scala's `@deprecated` is the class-file `Deprecated` attribute only (no `java.lang.Deprecated`): it counts, on
/// classes and members (a departure from ArchUnit, docs/packs.md). Scala classes are left out of the nullability
/// rules as Kotlin classes are.
#[test]
fn scala_deprecation_and_nullability() {
    let g = common::graph(&["scala/classes", "scalaapp/classes"], &["scalalib/scalalib.jar"]);
    let (results, text) = report(&g, &[pack("deprecation", &[]), pack("nullability", &[])]);
    assert_eq!(rule(&results, "deprecated").violations.len(), 4, "{text}");
    assert_eq!(rule(&results, "public classes should be @NullMarked").status, Status::Pass, "{text}");
    insta::assert_snapshot!(text);
}

/// Scala classes count as null-safe only so that "public classes should be @NullMarked" leaves them alone: the
/// upgrade rules leave them out too, as Nebula's rules (which never select them) do. Spark's Scala classes using
/// javax's `@Nullable` were flagged by "upgrade legacy javax annotations" before (37 on the corpus).
#[test]
fn scala_classes_using_legacy_nullness_annotations_are_not_flagged() {
    let g = common::graph(&["scalanull/classes"], &["lib/jsr305.jar"]);
    let (results, text) = report(&g, &[pack("nullability", &[])]);
    for name in ["upgrade legacy javax annotations", "public classes should be @NullMarked"] {
        assert!(rule(&results, name).violations.is_empty(), "{name}:\n{text}");
    }
}

/// A Kotlin `internal` class, member or top-level function of library module ktlib used from module ktapp is
/// internal API: the lifecycle pack's "internal api" rule flags it, in ArchUnit's words.
#[test]
fn kotlin_internal_from_another_module_is_internal_api() {
    let g = common::graph(&["ktapp/classes"], &["ktlib/ktlib.jar"]);
    // What `archrules check ktapp/classes` derives for ownClasses.
    let lifecycle = pack("lifecycle", &[("ownClasses", "fixtures[.]ktapp[.].*")]);
    let (results, text) = report(&g, &[lifecycle]);
    let internal = rule(&results, "internal api");
    assert_eq!(internal.status, Status::Fail, "{text}");
    assert!(!text.contains("topPublic") && !text.contains("greet"), "public API flagged:\n{text}");
    insta::assert_snapshot!(text);
}

/// What the metadata of each kind of Kotlin class says about its methods.
#[test]
fn kotlin_metadata_lists_internal_methods() {
    // As a target: classpath classes are only read when a target refers to them.
    let g = common::graph(&["ktlib/ktlib.jar"], &[]);
    let internal = |class: &str| -> Vec<String> {
        let id = g.class_by_name(class).unwrap_or_else(|| panic!("{class} not in the graph"));
        let c = g.class(id);
        let methods = g.kotlin_methods(c).unwrap_or_else(|| panic!("{class}: no member metadata"));
        let mut names: Vec<String> = c
            .members
            .iter()
            .filter(|m| archrules::graph::kotlin::is_internal_method(&methods, g.str(m.name), g.str(m.descriptor)))
            .map(|m| format!("{}{}", g.str(m.name), g.str(m.descriptor)))
            .collect();
        names.sort();
        names
    };
    // A public class: only the internal member, under its mangled JVM name.
    assert_eq!(internal("fixtures.ktlib.Api"), ["secretHelper$ktlib()Ljava/lang/String;"]);
    // An internal class: its members are public (the class itself is what is internal).
    assert!(internal("fixtures.ktlib.Secret").is_empty());
    // A file facade: the internal top-level function, not the public one.
    assert_eq!(internal("fixtures.ktlib.LibKt"), ["topSecret()Ljava/lang/String;"]);
}
