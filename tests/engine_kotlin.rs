//! Kotlin's declared class visibility, read from `kotlin.Metadata` (`fixtures/kotlin`, kotlinc 1.3): `internal`
//! classes are public in their class files.

mod common;

use archrules::findings::Status;
use archrules::graph::{Graph, KotlinVisibility};
use archrules::rules::engine::{evaluate_rule, EvalOptions};
use std::sync::OnceLock;

fn graph() -> &'static Graph {
    static G: OnceLock<Graph> = OnceLock::new();
    G.get_or_init(|| common::graph(&["kotlin/classes"], &[]))
}

fn visibility(name: &str) -> Option<KotlinVisibility> {
    let g = graph();
    let id = g.class_by_name(name).unwrap_or_else(|| panic!("{name} not in the graph"));
    g.kotlin_visibility(g.class(id))
}

fn rule(text: &str) -> archrules::rules::ir::Rule {
    let source = format!("pack \"k\" {{ }}\nrule \"r\" = {text};");
    let mut pack = archrules::dsl::parse_pack("kotlin.arch", &source, &Default::default())
        .unwrap_or_else(|e| panic!("{:?}", miette::Report::new(e)));
    pack.rules.remove(0)
}

fn eval(text: &str) -> archrules::findings::RuleResult {
    evaluate_rule(graph(), &rule(text), &EvalOptions::default())
}

fn messages(r: &archrules::findings::RuleResult) -> Vec<&str> {
    r.violations.iter().map(|v| v.message.as_str()).collect()
}

#[test]
fn metadata_gives_the_declared_visibility() {
    use KotlinVisibility::*;
    for (class, expected) in [
        ("fixtures.kotlin.core.Engine", Some(Internal)),
        ("fixtures.kotlin.core.Engine$Part", Some(Internal)),
        ("fixtures.kotlin.core.Settings", Some(Internal)),
        ("fixtures.kotlin.core.Engine$Secret", Some(Private)),
        ("fixtures.kotlin.core.Hidden", Some(Private)),
        ("fixtures.kotlin.core.Base$Shielded", Some(Protected)),
        ("fixtures.kotlin.core.Facade", Some(Public)),
        ("fixtures.kotlin.app.Consumer", Some(Public)),
        ("fixtures.kotlin.User", Some(Public)),
        ("fixtures.kotlin.Level", Some(Public)),
        // Not classes in Kotlin's sense: a file facade (k = 2), a lambda and `$WhenMappings` (k = 3).
        ("fixtures.kotlin.ApiKt", None),
        ("fixtures.kotlin.ApiKt$lambdas$upper$1", None),
        ("fixtures.kotlin.Levels$WhenMappings", None),
    ] {
        assert_eq!(visibility(class), expected, "{class}");
    }
}

#[test]
fn are_kotlin_internal_selects_the_internal_classes() {
    // The JVM sees Engine as public; only the metadata says internal.
    let public = eval("classes().that().haveSimpleName(\"Engine\").should().bePublic()");
    assert_eq!(public.status, Status::Pass);
    let internal = eval("classes().that().areKotlinInternal().should().haveSimpleName(\"#\")");
    let mut origins: Vec<&str> = internal.violations.iter().map(|v| &*v.origin_class).collect();
    origins.sort();
    assert_eq!(
        origins,
        vec!["fixtures.kotlin.core.Engine", "fixtures.kotlin.core.Engine$Part", "fixtures.kotlin.core.Settings"]
    );
    let contained = eval("classes().that().areKotlinInternal().should().resideInAPackage(\"..core..\")");
    assert_eq!(contained.status, Status::Pass);
    // The event of the condition form.
    let not_internal = eval("classes().that().haveSimpleName(\"Facade\").should().beKotlinInternal()");
    assert_eq!(
        messages(&not_internal),
        vec!["Class <fixtures.kotlin.core.Facade> is not Kotlin internal in (Internal.kt:0)"]
    );
    use archrules::rules::builder::ClassShouldForms;
    let builder = archrules::rules::builder::classes()
        .that(archrules::rules::builder::classes::simple_name("Facade"))
        .should()
        .not_be_kotlin_internal()
        .build("k", "r");
    assert_eq!(evaluate_rule(graph(), &builder, &EvalOptions::default()).status, Status::Pass);
}

/// The rule the predicate exists for: outside the owning package, no access to Kotlin internal classes.
#[test]
fn access_to_internal_classes_from_outside_their_package() {
    let text = "noClasses().that().resideOutsideOfPackage(\"..core..\")\
                .should().accessClassesThat().areKotlinInternal()";
    assert_eq!(
        archrules::rules::describe::describe(&rule(text)),
        "no classes that reside outside of package '..core..' should access classes that are Kotlin internal"
    );
    let result = eval(text);
    assert_eq!(result.status, Status::Fail);
    assert_eq!(
        messages(&result),
        vec![
            "Method <fixtures.kotlin.app.Consumer.direct()> calls constructor <fixtures.kotlin.core.Engine.<init>()> \
             in (Consumer.kt:9)",
            "Method <fixtures.kotlin.app.Consumer.direct()> calls method <fixtures.kotlin.core.Engine.start()> \
             in (Consumer.kt:9)",
        ]
    );
    // Inside `core` the same accesses are fine.
    let inside = eval(
        "noClasses().that().resideInAPackage(\"..core..\").and().areNotKotlinInternal()\
         .should().accessClassesThat().areKotlinInternal().because(\"x\")",
    );
    assert!(inside.violations.iter().all(|v| v.origin_class.starts_with("fixtures.kotlin.core.")));
}

/// Member classes compiled by kotlinc have their declared modifiers in `InnerClasses`, as javac's do.
#[test]
fn kotlin_private_nested_classes_are_private() {
    let private = eval("classes().that().arePrivate().should().haveSimpleName(\"Secret\")");
    assert_eq!(private.status, Status::Pass, "{:?}", messages(&private));
    let protected = eval("classes().that().areProtected().should().haveSimpleName(\"Shielded\")");
    assert_eq!(protected.status, Status::Pass, "{:?}", messages(&protected));
}
