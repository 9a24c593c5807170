//! `--report rewrite=FILE`: the OpenRewrite recipe for the demo and for a library that declares its replacements
//! (fixtures/rewrite: `@InlineMe` and Kotlin `ReplaceWith`), read back with a YAML parser.

mod common;

use common::run;
use std::collections::BTreeSet;

const JDK: &[&str] = &["--no-jdk", "--classpath", "fixtures/jdk/jdk17-subset.jar", "--no-config"];

/// Runs `check` with `--report rewrite=<tmp>` and returns the recipe file's text, the version masked.
fn recipe(inputs: &[&str]) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("rewrite.yml");
    let report = format!("rewrite={}", file.display());
    let mut args = vec!["check"];
    args.extend_from_slice(inputs);
    args.extend_from_slice(JDK);
    args.extend_from_slice(&["--report", &report]);
    let (_, err, code) = run(&args);
    assert!(code == 0 || code == 1, "{err}");
    let text = std::fs::read_to_string(&file).expect("the recipe file is written");
    text.replace(&format!("archrules {} ", env!("CARGO_PKG_VERSION")), "archrules <version> ")
}

/// The recipe document (after the comment header), parsed.
fn parsed(text: &str) -> serde_yaml::Value {
    serde_yaml::from_str(text).expect("the recipe is valid YAML")
}

/// Every recipe id the bundled packs declare in a `fix` clause, from `archrules explain`'s source: the packs' own
/// text, so a recipe the report names that no pack declares is caught.
fn declared_recipes() -> BTreeSet<String> {
    let re = regex::Regex::new(r#"fix "([^"]+)" from ""#).unwrap();
    let mut ids = BTreeSet::new();
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/rules")).expect("rules/") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "arch") {
            let text = std::fs::read_to_string(&path).expect("pack");
            ids.extend(re.captures_iter(&text).map(|c| c[1].to_owned()));
        }
    }
    ids
}

/// The recipe ids of `recipeList` entries: a plain string, or the single key of a map (a recipe with options).
fn listed(doc: &serde_yaml::Value) -> Vec<String> {
    let list = doc["recipeList"].as_sequence().expect("recipeList is a list");
    list.iter()
        .map(|entry| match entry {
            serde_yaml::Value::String(id) => id.clone(),
            serde_yaml::Value::Mapping(m) => {
                assert_eq!(m.len(), 1, "one recipe per entry: {entry:?}");
                m.keys().next().and_then(|k| k.as_str()).expect("recipe id").to_owned()
            }
            other => panic!("unexpected entry {other:?}"),
        })
        .collect()
}

#[test]
fn demo_recipe_runs_the_fixes_of_the_rules_that_fired() {
    let text = recipe(&["fixtures/demo/classes", "--classpath", "fixtures/demo/lib"]);
    insta::assert_snapshot!("demo_rewrite", text);
    let doc = parsed(&text);
    assert_eq!(doc["type"].as_str(), Some("specs.openrewrite.org/v1beta/recipe"));
    assert_eq!(doc["name"].as_str(), Some("archrules.Remediate"));
    let declared = declared_recipes();
    let ids = listed(&doc);
    assert!(ids.contains(&"org.openrewrite.java.migrate.guava.PreferJavaUtilOptional".to_owned()), "{ids:?}");
    assert!(ids.contains(&"org.openrewrite.java.joda.time.NoJodaTime".to_owned()), "{ids:?}");
    for id in &ids {
        assert!(declared.contains(id), "{id} is not declared by any pack's fix clause");
    }
    // The Maven command names every module the listed recipes come from.
    assert!(text.contains("-Drewrite.recipeArtifactCoordinates=org.openrewrite.recipe:rewrite-joda:RELEASE,org.openrewrite.recipe:rewrite-migrate-java:RELEASE"));
}

#[test]
fn declared_replacements_become_inline_method_calls() {
    let text = recipe(&[
        "fixtures/rewrite/app/classes",
        "--classpath",
        "fixtures/rewrite/libs/inline-lib.jar",
        "--classpath",
        "fixtures/lib/stubs.jar",
    ]);
    insta::assert_snapshot!("inline_rewrite", text);
    let doc = parsed(&text);
    let list = doc["recipeList"].as_sequence().expect("recipeList");
    let inlines: Vec<&serde_yaml::Value> =
        list.iter().filter_map(|e| e.get("org.openrewrite.java.InlineMethodCalls")).collect();
    let patterns: Vec<&str> = inlines.iter().filter_map(|i| i["methodPattern"].as_str()).collect();
    // Label.text() is deprecated without a declared replacement: no entry.
    assert_eq!(
        patterns,
        [
            "com.acme.kt.ShoutKt shout(java.lang.String)",
            "com.acme.text.Label <constructor>(java.lang.String)",
            "com.acme.text.Texts glue(java.lang.String, java.lang.String[])",
            "com.acme.text.Texts times(java.lang.String, int)",
        ]
    );
    let times = inlines[3];
    assert_eq!(times["replacement"].as_str(), Some("repeat(text, count)"));
    assert_eq!(times["staticImports"][0].as_str(), Some("com.acme.text.Texts.repeat"));
    assert!(times.get("imports").is_none(), "a static import is not a regular one: {times:?}");
    assert_eq!(inlines[2]["imports"][0].as_str(), Some("com.acme.text.Joiner"));
    assert_eq!(inlines[0]["replacement"].as_str(), Some("loud(text)"));
    assert_eq!(inlines[0]["imports"][0].as_str(), Some("com.acme.kt.loud"));
}

#[test]
fn nothing_to_fix_is_an_empty_recipe_that_says_so() {
    let text = recipe(&["fixtures/rewrite/libs/inline-lib.jar", "--classpath", "fixtures/lib/stubs.jar"]);
    let doc = parsed(&text);
    assert!(listed(&doc).is_empty(), "{text}");
    assert!(text.contains("nothing to run"), "{text}");
}

#[test]
fn explain_names_the_fixes() {
    let (out, err, code) = run(&["explain", "guava functional interfaces", "--no-config"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(
            "  fixed by:    org.openrewrite.java.migrate.guava.PreferJavaUtilFunction (from org.openrewrite.recipe:rewrite-migrate-java)\n\
             \x20              org.openrewrite.java.migrate.guava.PreferJavaUtilPredicate (from org.openrewrite.recipe:rewrite-migrate-java)\n"
        ),
        "{out}"
    );
    let (out, _, _) = run(&["explain", "joda datetime without zone", "--no-config"]);
    assert!(
        out.contains(
            "fixed by:    org.openrewrite.java.joda.time.NoJodaTime (from org.openrewrite.recipe:rewrite-joda)"
        ),
        "{out}"
    );
}
