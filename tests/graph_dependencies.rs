//! The graph's dependencies on the `fixtures.deps` classes, against the hand-checked list in
//! `fixtures/java/expected-deps.tsv`, and ArchUnit's quirks on real compiled classes.

mod common;

use archrules::graph::Graph;
use std::collections::BTreeSet;

/// `(origin, kind, target, line)` rows as the expected file writes them.
fn rows(g: &Graph, origin_prefix: &str, target_prefix: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (id, c) in g.targets() {
        let name = g.str(c.name);
        if !name.starts_with(origin_prefix) || name.starts_with(target_prefix) {
            continue;
        }
        for d in g.dependencies(id) {
            // Arrays count by their element type: `[[Lfixtures.deps.targets.X;`.
            if !g.str(d.target).trim_start_matches('[').trim_start_matches('L').starts_with(target_prefix) {
                continue;
            }
            let origin = match g.origin_member(d) {
                Some(m) => g.member_full_name(id, m),
                None => g.str(c.name).to_string(),
            };
            let target = match d.target_member() {
                Some(_) => g.target_member_name(d),
                None => g.str(d.target).to_string(),
            };
            out.insert(format!("{origin}\t{}\t{target}\t{}", d.kind.name(), d.line));
        }
    }
    out
}

#[test]
fn every_dependency_kind_matches_the_hand_checked_list() {
    let g = common::graph(&["java/classes"], &[]);
    let expected: BTreeSet<String> = std::fs::read_to_string(common::fixture("java/expected-deps.tsv"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(str::to_string)
        .collect();
    let actual = rows(&g, "fixtures.deps.", "fixtures.deps.targets.");
    let missing: Vec<_> = expected.difference(&actual).collect();
    let extra: Vec<_> = actual.difference(&expected).collect();
    assert!(missing.is_empty() && extra.is_empty(), "missing: {missing:#?}\nextra: {extra:#?}");
}

fn descriptions(g: &Graph, class: &str) -> Vec<String> {
    let id = g.class_by_name(class).unwrap_or_else(|| panic!("{class} not read"));
    let mut lines: Vec<String> = g.dependencies(id).map(|d| g.describe(d)).collect();
    lines.sort();
    lines
}

#[test]
fn synthetic_accessors_are_credited_to_the_caller() {
    let g = common::graph(&["java8/classes"], &[]);
    let all: Vec<String> = g.targets().flat_map(|(id, _)| g.dependencies(id).map(|d| g.describe(d))).collect();
    assert!(!all.iter().any(|l| l.contains("access$")), "accessor calls must be spliced: {all:#?}");
    // One access in the accessor (access$000, access$100) and two (access$008: `secret++`), each in its caller's
    // place, at the accessor's line as ArchUnit reports it.
    for spliced in [
        "Method <fixtures.java8.Legacy$Inner.peek()> gets field <fixtures.java8.Legacy.secret> in (Legacy.java:9)",
        "Method <fixtures.java8.Legacy$Inner.call()> calls method <fixtures.java8.Legacy.hidden()> in (Legacy.java:9)",
        "Method <fixtures.java8.Legacy$1.run()> gets field <fixtures.java8.Legacy.secret> in (Legacy.java:9)",
        "Method <fixtures.java8.Legacy$1.run()> sets field <fixtures.java8.Legacy.secret> in (Legacy.java:9)",
    ] {
        assert!(all.iter().any(|l| l == spliced), "missing {spliced}: {all:#?}");
    }
    // Without `Legacy$1`, every accessor called makes one access: spliced where the call was, in one pass.
    let dir = "java8/classes/fixtures/java8";
    let g = common::graph(&[&format!("{dir}/Legacy.class"), &format!("{dir}/Legacy$Inner.class")], &[]);
    let all: Vec<String> = g.targets().flat_map(|(id, _)| g.dependencies(id).map(|d| g.describe(d))).collect();
    assert!(!all.iter().any(|l| l.contains("access$")), "accessor calls must be spliced: {all:#?}");
    assert!(all.iter().any(|l| l == "Method <fixtures.java8.Legacy$Inner.peek()> gets field <fixtures.java8.Legacy.secret> in (Legacy.java:9)"), "{all:#?}");
    assert!(g.targets().all(|(_, c)| c.members.iter().all(|m| !g.str(m.name).starts_with("access$"))));
}

#[test]
fn lambda_bodies_are_not_members_and_switch_maps_are_dropped() {
    let g = common::graph(&["java/classes"], &[]);
    for (id, c) in g.targets() {
        for m in c.members.iter() {
            assert!(!g.str(m.name).starts_with("lambda$"), "{} has lambda member", g.str(c.name));
        }
        for d in g.dependencies(id) {
            if let Some(m) = d.target_member() {
                assert!(!g.str(m.name).starts_with("$SwitchMap$"), "{}", g.describe(d));
            }
        }
    }
}

#[test]
fn dependency_descriptions_read_like_archunit() {
    let g = common::graph(&["java/classes"], &[]);
    insta::assert_snapshot!("method_call_origin", descriptions(&g, "fixtures.deps.MethodCallOrigin").join("\n"));
    insta::assert_snapshot!(
        "generic_arguments_origin",
        descriptions(&g, "fixtures.deps.GenericArgumentsOrigin").join("\n")
    );
    insta::assert_snapshot!("type_parameter_origin", descriptions(&g, "fixtures.deps.TypeParameterOrigin").join("\n"));
}

#[test]
fn kotlin_and_scala_classes_are_read() {
    let g = common::graph(&["kotlin/classes", "scala/classes"], &[]);
    assert!(g.targets().any(|(_, c)| c.kotlin), "kotlin.Metadata marks Kotlin classes");
    assert!(g.targets().any(|(_, c)| c.source_file.is_some_and(|s| g.str(s).ends_with(".scala"))));
    // kotlinc writes no SourceFile for `$WhenMappings`, nor an InnerClasses entry: ArchUnit then takes it for a
    // top-level class and guesses `WhenMappings.java` (quirk 5; issue 20, item 4).
    let kotlin_files: Vec<&str> =
        g.targets().filter(|(_, c)| c.kotlin).filter_map(|(_, c)| c.source_file).map(|s| g.str(s)).collect();
    assert!(!kotlin_files.is_empty() && kotlin_files.iter().all(|f| f.ends_with(".kt")), "{kotlin_files:?}");
    let when = g.class_by_name("fixtures.kotlin.Levels$WhenMappings").unwrap();
    assert_eq!(g.source_file_name(when), "WhenMappings.java");
}

#[test]
fn reverse_index_finds_who_uses_a_class() {
    let g = common::graph(&["java/classes"], &[]);
    let target = g.sym("fixtures.deps.targets.MethodCallTarget").unwrap();
    let users: BTreeSet<String> = g.dependents(target).map(|d| g.str(g.class(d.origin).name).to_string()).collect();
    assert!(users.contains("fixtures.deps.MethodCallOrigin"), "{users:?}");
    assert!(g.dependents(target).all(|d| d.target == target));
}

/// Walking the reverse index by origin skips a turned-down origin's other edges unread, and nothing else: on a real
/// jar (Guava: many classes refer to one target many times), for every target and a choice of origins, exactly the
/// edges of the accepted origins, in graph order.
#[test]
fn dependents_from_skips_only_the_edges_of_turned_down_origins() {
    let g = common::graph(&["lib/guava.jar"], &[]);
    let mut skipped = 0;
    for (_, c) in g.targets() {
        for keep in [|o: archrules::graph::ClassId| o.0 % 3 != 0, |o: archrules::graph::ClassId| o.0 % 2 == 0] {
            let all: Vec<*const _> = g.dependents(c.name).map(|d| d as *const _).collect();
            let expected: Vec<*const _> =
                g.dependents(c.name).filter(|d| keep(d.origin)).map(|d| d as *const _).collect();
            let got: Vec<*const _> = g.dependents_from(c.name, keep).map(|d| d as *const _).collect();
            assert_eq!(got, expected, "{}", g.str(c.name));
            skipped += all.len() - expected.len();
        }
    }
    assert!(skipped > 10_000, "{skipped} edges turned down");
}
