//! Snapshots of the diagnostics for common author mistakes, rendered as users see them.

use archrules::dsl::parse_pack;
use miette::{GraphicalReportHandler, GraphicalTheme};
use std::collections::HashMap;

fn render_with(source: &str, params: &HashMap<String, String>) -> String {
    let errors = match parse_pack("rules.arch", source, params) {
        Ok(_) => panic!("expected errors"),
        Err(errors) => errors,
    };
    let mut out = String::new();
    GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
        .with_width(100)
        .render_report(&mut out, &errors)
        .unwrap();
    out
}

fn render(source: &str) -> String {
    render_with(source, &HashMap::new())
}

const HEADER: &str = "pack \"p\" { }\n";

fn with_header(rules: &str) -> String {
    format!("{HEADER}{rules}")
}

#[test]
fn unknown_condition_suggests_the_close_name() {
    insta::assert_snapshot!(render(&with_header(
        "rule \"r\" = noClasses().should().dependOnClassThat().resideInAPackage(\"..x..\");"
    )));
}

#[test]
fn unknown_predicate_suggests_the_close_name() {
    insta::assert_snapshot!(render(&with_header(
        "rule \"r\" = noClasses().that().resideInAPackge(\"..x..\").should().bePublic();"
    )));
}

#[test]
fn wrong_argument_count() {
    insta::assert_snapshot!(render(&with_header(
        "rule \"r\" = noClasses().should().dependOnClassesThat().haveFullyQualifiedName(\"a.B\", \"c.D\");"
    )));
}

#[test]
fn wrong_argument_type() {
    insta::assert_snapshot!(render(&with_header(
        "rule \"r\" = classes().should().bePublic().allowEmptyShould(\"yes\");"
    )));
}

#[test]
fn predicate_used_where_a_condition_is_needed() {
    insta::assert_snapshot!(render(&with_header(
        "rule \"r\" = classes().should().areAnnotatedWith(\"org.jspecify.annotations.NullMarked\");"
    )));
}

#[test]
fn condition_used_where_a_predicate_is_needed() {
    insta::assert_snapshot!(render(&with_header(
        "rule \"r\" = classes().that(beAnnotatedWith(\"a.B\")).should().bePublic();"
    )));
}

#[test]
fn unknown_import() {
    insta::assert_snapshot!(render(&with_header(
        "import org.joda.time.DateTime;\nrule \"r\" = noClasses().should().dependOnClassesThat(assignableTo(DateTim.class));"
    )));
}

#[test]
fn member_predicate_where_an_access_predicate_is_needed() {
    insta::assert_snapshot!(render(&with_header("rule \"r\" = noClasses().should().accessTargetWhere(deprecated());")));
}

#[test]
fn invalid_package_pattern_and_regex() {
    insta::assert_snapshot!(render(&with_header(
        "rule \"r\" = noClasses().that().resideInAPackage(\"com...x\")\n    .should().dependOnClassesThat(nameMatching(\"[a-\"));"
    )));
}

#[test]
fn syntax_errors_are_all_reported_and_recovery_continues() {
    insta::assert_snapshot!(render(&with_header(
        "rule \"a\" = noClasses().should(.bePublic();\nrule \"b\" = classes().should().bePublic()\nrule \"c\" = classes().should().beFinl();"
    )));
}

#[test]
fn unknown_constant_and_priority() {
    insta::assert_snapshot!(render(&with_header(
        "let lib = \"com.example\";\nrule \"r\" = priority(MEDUIM).noClasses().should().dependOnClassesThat().resideInAPackage(libb + \"..\");"
    )));
}

#[test]
fn condition_on_the_wrong_subject() {
    insta::assert_snapshot!(render(&with_header(
        "rule \"r\" = fields().should().callMethodWhere(target(name(\"exit\")));\nrule \"s\" = classes().should().beFreeOfCycles();"
    )));
}

#[test]
fn incomplete_rule_and_duplicate_name() {
    insta::assert_snapshot!(render(&with_header(
        "rule \"r\" = noClasses().that().arePublic();\nrule \"r\" = classes().should().bePublic();"
    )));
}

#[test]
fn missing_pack_header_and_unterminated_string() {
    insta::assert_snapshot!(render("rule \"r\" = classes().should().haveSimpleName(\"Foo);\n"));
}

#[test]
fn unknown_layer_and_unknown_param_override() {
    let params = HashMap::from([("libb".to_owned(), "x".to_owned())]);
    insta::assert_snapshot!(render_with(
        "pack \"p\" { param lib = \"com.example\"; }\nrule \"l\" = layeredArchitecture()\n    .layer(\"Web\").definedBy(lib + \".web..\")\n    .whereLayer(\"Web\").mayOnlyBeAccessedByLayers(\"Servce\");",
        &params
    ));
}

#[test]
fn bad_artifact_and_version() {
    insta::assert_snapshot!(render(&with_header(
        "rule \"r\" = noClasses().should().dependOnClassesThat(fromArtifact(\"guava\", \"~> 24\"));"
    )));
}

#[test]
fn predicate_where_a_string_is_needed() {
    insta::assert_snapshot!(render(&with_header(
        "rule \"r\" = noClasses().should().dependOnClassesThat().resideInAPackage(arePublic())\n    .because(42);"
    )));
}

#[test]
fn no_slices_points_to_not_depend_on_each_other() {
    let rendered =
        render(&with_header("rule \"r\" = noSlices().matching(\"..app.(*)..\").should().dependOnEachOther();"));
    assert!(rendered.contains("unknown subject 'noSlices'"), "{rendered}");
    assert!(rendered.contains("ArchUnit has no noSlices()"), "{rendered}");
    insta::assert_snapshot!(rendered);
}

#[test]
fn misspelt_kotlin_internal_suggests_the_predicate() {
    let rendered = render(&with_header("rule \"r\" = noClasses().should().accessClassesThat().areKotlinIntrenal();"));
    assert!(rendered.contains("did you mean 'areKotlinInternal'"), "{rendered}");
}

#[test]
fn fix_clause_mistakes_name_the_bad_part() {
    insta::assert_snapshot!(render(&with_header(
        "rule \"r\" = noClasses().should().bePublic()\n    fix \"NoGuava\" from \"org.openrewrite.recipe:rewrite-migrate-java:3.0\";\n\
         rule \"s\" = noClasses().should().bePublic() fix \"a.B\" \"g:a\";"
    )));
}

#[test]
fn violation_message_with_an_unknown_placeholder_names_the_known_ones() {
    insta::assert_snapshot!(render(&with_header(
        "rule \"r\" = noClasses().should().dependOnClassesThat().resideInAPackage(\"..x..\")\n    .violationMessage(\"{origin} uses {targt}\");"
    )));
}
