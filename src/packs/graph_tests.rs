//! Library packs, suppressions and replacement hints on graphs built from the committed fixtures.

use super::library::{self, Library};
use crate::findings::hint::replacement_hint;
use crate::findings::suppress::{self, suppression_table};
use crate::findings::{Priority, RuleInfo, RuleResult, Status, Violation};
use crate::graph::{self, Graph};
use crate::inputs::{self, OpenOptions, Opened};
use std::path::{Path, PathBuf};

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(path)
}

fn graph(targets: &[&str], classpath: &[&str]) -> Graph {
    let opts = OpenOptions::default();
    let mut opened = Opened::default();
    opened.add(&targets.iter().map(|t| fixture(t)).collect::<Vec<_>>(), inputs::Role::Target, &opts);
    opened.add(&classpath.iter().map(|t| fixture(t)).collect::<Vec<_>>(), inputs::Role::Classpath, &opts);
    graph::build(opened, &graph::BuildOptions::default())
}

#[test]
fn a_library_jar_contributes_its_packs_where_it_is_used() {
    let g = graph(&["rules-app/classes"], &["lib/rules-lib.jar", "lib/guava.jar"]);
    let packs = library::library_packs(&g);
    assert_eq!(packs.len(), 1);
    let lib = &packs[0].library;
    assert_eq!(
        packs[0].source.origin.to_string(),
        format!("{}!/META-INF/archrules/example.arch (library)", fixture("lib/rules-lib.jar").display())
    );
    assert!(packs[0].source.text.contains("pack \"com.example.ruleslib\""));
    assert!(library::library_used(&g, lib));
    let mut users: Vec<String> =
        library::library_users(&g, lib).into_iter().map(|c| g.str(g.class(c).name).to_owned()).collect();
    users.sort();
    assert_eq!(users, vec!["com.example.app.UsesInternal", "com.example.app.UsesPublicApi"]);
    assert_eq!(library::library_user_inputs(&g, lib).len(), 1);
    assert_eq!(library::library_packages(&g, lib).as_deref(), Some("com.example.ruleslib.."));
    assert_eq!(library::own_classes_regex(&g).as_deref(), Some("com[.]example[.]app[.].*"));

    // guava.jar is on the classpath too, but carries no packs; and an unused library is not "used".
    let unused = Library { input: crate::inputs::InputId(99), nested: None };
    assert!(!library::library_used(&g, &unused));
}

#[test]
fn a_library_nobody_uses_does_not_count_as_used() {
    let g = graph(&["apiusage/classes/fixtures/api/joda"], &["lib/rules-lib.jar", "lib/joda-time.jar"]);
    let packs = library::library_packs(&g);
    assert_eq!(packs.len(), 1);
    assert!(!library::library_used(&g, &packs[0].library));
    assert!(library::library_users(&g, &packs[0].library).is_empty());
}

fn violation(class: &str, member: Option<&str>) -> Violation {
    Violation {
        origin_class: class.into(),
        origin_member: member.map(Into::into),
        ..Violation::of_rule(format!("{class} {member:?}"))
    }
}

#[test]
fn suppressions_mark_violations_and_report_the_unused_ones() {
    let g = graph(&["apiusage/classes/fixtures/api/suppression"], &["java/classes"]);
    let table = suppression_table(&g);
    let mut keys: Vec<(String, Vec<String>)> =
        table.entries.iter().map(|(k, v)| (suppress::describe_key(&g, *k), v.clone())).collect();
    keys.sort();
    insta::assert_debug_snapshot!(keys, @r#"
    [
        (
            "fixtures.api.suppression.SuppressedDeprecatedUse",
            [
                "deprecated",
            ],
        ),
        (
            "fixtures.api.suppression.SuppressedOnMethod.suppressed()",
            [
                "deprecated",
            ],
        ),
        (
            "fixtures.api.suppression.UselessSuppression",
            [
                "deprecated",
            ],
        ),
    ]
    "#);

    let info = |name: &str| RuleInfo {
        pack: "archrules.deprecation".into(),
        name: name.into(),
        description: String::new(),
        priority: Priority::Low,
        pack_origin: "bundled".into(),
        security_severity: None,
    };
    let mut results = vec![
        RuleResult {
            rule: info("deprecated"),
            status: Status::Fail,
            violations: vec![
                violation("fixtures.api.suppression.SuppressedDeprecatedUse", Some("box()")),
                violation("fixtures.api.suppression.SuppressedOnMethod", Some("suppressed()")),
                violation("fixtures.api.suppression.SuppressedOnMethod", Some("unsuppressed()")),
            ],
        },
        RuleResult {
            rule: info("deprecatedForRemoval"),
            status: Status::Fail,
            violations: vec![violation("fixtures.api.suppression.SuppressedDeprecatedUse", Some("box()"))],
        },
    ];
    let unused = suppress::apply(&table, &g, &mut results);
    let marks: Vec<bool> = results[0].violations.iter().map(|v| v.suppressed).collect();
    assert_eq!(marks, vec![true, true, false]);
    // A suppression names rules; `deprecated` does not cover `deprecatedForRemoval`.
    assert!(!results[1].violations[0].suppressed);
    assert_eq!(unused, vec![("fixtures.api.suppression.UselessSuppression".to_owned(), "deprecated".to_owned())]);
}

#[test]
fn replacement_hints_come_from_inline_me_and_since() {
    let g = graph(&["lifecycle-app/classes"], &["lib/lifecycle-lib.jar"]);
    let inlinable =
        g.class_by_name("fixtures.lifecycle.lib.Inlinable").expect("Inlinable is loaded from the classpath");
    let members = &g.class(inlinable).members;
    let old_way = members.iter().position(|m| g.str(m.name) == "oldWay");
    assert_eq!(replacement_hint(&g, inlinable, old_way).as_deref(), Some("use instead: Inlinable.newWay()"));
    let new_way = members.iter().position(|m| g.str(m.name) == "newWay");
    assert_eq!(replacement_hint(&g, inlinable, new_way), None);

    let g = graph(&["apiusage/classes/fixtures/api/deprecation"], &[]);
    let api = g.class_by_name("fixtures.api.deprecation.lib.Api").unwrap();
    let doomed = g.class(api).members.iter().position(|m| g.str(m.name) == "doomed");
    assert_eq!(replacement_hint(&g, api, doomed).as_deref(), Some("deprecated since 2"));
    let legacy = g.class(api).members.iter().position(|m| g.str(m.name) == "legacy");
    assert_eq!(replacement_hint(&g, api, legacy), None);

    // Kotlin: @Deprecated("use greetNew", ReplaceWith("greetNew(name)")) on a top-level function (facade ApiKt).
    let g = graph(&["kotlin/classes"], &[]);
    let facade = g.class_by_name("fixtures.kotlin.ApiKt").unwrap();
    let greet_old = g.class(facade).members.iter().position(|m| g.str(m.name) == "greetOld");
    assert_eq!(replacement_hint(&g, facade, greet_old).as_deref(), Some("use instead: greetNew(name)"));
}

#[test]
fn own_classes_stop_where_the_classpath_starts() {
    // The app and the library share `fixtures.lifecycle`: only the app's own package is "own".
    let g = graph(&["lifecycle-app/classes"], &["lib/lifecycle-lib.jar"]);
    let own = library::own_classes_regex(&g).unwrap();
    assert_eq!(own, "fixtures[.]lifecycle[.]app[.].*");
    let re = regex::Regex::new(&format!("^(?:{own})$")).unwrap();
    assert!(re.is_match("fixtures.lifecycle.app.UsesPublic"));
    assert!(!re.is_match("fixtures.lifecycle.lib.PublicApi"));
    // The library marks its API with Flink's @Public: its package is "a library with a public API".
    assert_eq!(library::public_api_packages(&g).as_deref(), Some("fixtures.lifecycle.lib.."));
    let plain = graph(&["rules-app/classes"], &["lib/rules-lib.jar"]);
    assert_eq!(library::public_api_packages(&plain), None);
}
