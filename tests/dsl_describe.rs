//! Rule descriptions in ArchUnit's words.

use archrules::dsl::parse_pack;
use archrules::rules::describe::describe;
use std::collections::HashMap;

fn describe_all(source: &str) -> String {
    let pack = match parse_pack("describe.arch", source, &HashMap::new()) {
        Ok(pack) => pack,
        Err(errors) => panic!("{:?}", miette::Report::new(errors)),
    };
    pack.rules.iter().map(|r| format!("{}: {}\n", r.name, describe(r))).collect()
}

#[test]
fn issue_examples() {
    insta::assert_snapshot!(describe_all(include_str!("dsl/issue_examples.arch")));
}

#[test]
fn guava_optional_is_worded_exactly_as_archunit() {
    let text = describe_all(include_str!("dsl/issue_examples.arch"));
    assert!(text.contains(
        "guava optional: no classes should depend on classes that have fully qualified name \
         'com.google.common.base.Optional', because Java Optional is preferred over Guava Optional"
    ));
}

#[test]
fn member_slice_and_layer_rules() {
    let source = r#"
pack "p" { }
rule "a" = priority(LOW).noFields().should().haveRawType("java.util.Optional")
    .because("Class fields should not be Optional, use Nullable instead");
rule "b" = classes().that().areTopLevelClasses().and().arePublic()
    .and().areNotAnnotatedWith("kotlin.Metadata")
    .should().beAnnotatedWith("org.jspecify.annotations.NullMarked");
rule "c" = slices().matching("..app.(*)..").should().beFreeOfCycles();
rule "d" = layeredArchitecture().consideringAllDependencies()
    .layer("Web").definedBy("..web..")
    .layer("Service").definedBy("..service..")
    .whereLayer("Web").mayNotBeAccessedByAnyLayer()
    .whereLayer("Service").mayOnlyBeAccessedByLayers("Web");
rule "e" = noClasses().should().callMethod(System.class, "exit", "int")
    .orShould().getField(System.class, "out");
rule "f" = methods().that().areAnnotatedWith(annotationType("java.lang.Deprecated").and(annotationValue("forRemoval", true)))
    .should().onlyBeCalled().byClassesThat().resideInAPackage("..legacy..");
rule "g" = noClasses().should().dependOnClassesThat().areAnnotatedWith(Deprecated.class)
    .as("No code should reference deprecated APIs")
    .because("usage of deprecated APIs introduces risk");
"#;
    insta::assert_snapshot!(describe_all(source));
}
