//! The bundled packs' own tests: `archrules test` on every `rules/tests/<pack>/test.toml`, with the real DSL, graph
//! and engine, against the expected violations committed beside them. Re-bless with `ARCHRULES_BLESS=1`.

use archrules::packs::testing::{self, PackTest};
use archrules::{graph, inputs, packs, rules};
use std::path::Path;

fn graph_of(test: &PackTest) -> graph::Graph {
    let opts = inputs::OpenOptions::default();
    let mut opened = inputs::Opened::default();
    opened.add(&test.targets, inputs::Role::Target, &opts);
    opened.add(&test.classpath, inputs::Role::Classpath, &opts);
    graph::build(opened, &graph::BuildOptions::default())
}

fn evaluate(g: &graph::Graph, rule: &rules::ir::Rule) -> archrules::findings::RuleResult {
    rules::engine::evaluate_rule(g, rule, &Default::default())
}

#[test]
fn bundled_packs_match_their_expected_violations() {
    let bless = std::env::var_os("ARCHRULES_BLESS").is_some();
    let rules_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut report = String::new();
    let mut all_ok = true;
    let mut tested = 0;
    for b in packs::bundled::BUNDLED {
        let pack = rules_dir.join(b.file);
        if !testing::test_dir(&pack).join("test.toml").is_file() {
            continue;
        }
        let (text, ok) = testing::run(&pack, packs::dsl_parse, &graph_of, &evaluate, bless)
            .unwrap_or_else(|e| panic!("{:?}", miette::Report::new(e)));
        report.push_str(&text);
        all_ok &= ok;
        tested += 1;
    }
    assert!(all_ok, "{report}");
    // Every bundled pack has fixtures and expectations, the opt-in ones included.
    assert_eq!(tested, packs::bundled::BUNDLED.len(), "{report}");
}

/// Runs `archrules test` for one pack over one test directory (ARCHRULES_BLESS=1 rewrites its expected files).
fn run_pack_tests(pack: &str, tests: &str) {
    let bless = std::env::var_os("ARCHRULES_BLESS").is_some();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (report, ok) =
        testing::run_in(&root.join(pack), &root.join(tests), packs::dsl_parse, &graph_of, &evaluate, bless)
            .unwrap_or_else(|e| panic!("{:?}", miette::Report::new(e)));
    assert!(ok, "{report}");
}

/// The Gradle pack's second set: a plugin, task or extension breaking each of its 23 rules, and good ones beside
/// them (rules/tests/gradle is checked against Nebula's own rules and covers fewer of them).
#[test]
fn every_gradle_rule_fires_on_its_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    run_pack_tests("rules/gradle.arch", "rules/tests/gradle-rules");
    let expected = std::fs::read_dir(root.join("rules/tests/gradle-rules/expected")).unwrap();
    let mut passing = Vec::new();
    for entry in expected {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        if !text.lines().any(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            passing.push(path.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    passing.sort();
    assert!(passing.is_empty(), "rules with no violation on the fixture: {passing:?}");
}

/// The testing pack's Testcontainers 2.x rule words its violations as Nebula's custom condition does
/// (`X depends on deprecated package Y. Use Z instead.`, Z from Nebula's module names): rules/tests/testcontainers2.
#[test]
fn testcontainers2_messages_name_the_new_package() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    run_pack_tests("rules/testing.arch", "rules/tests/testcontainers2");
    let expected = std::fs::read_to_string(
        root.join("rules/tests/testcontainers2/expected/testcontainers2x-legacyContainerPackage.txt"),
    )
    .unwrap();
    assert!(
        expected.contains("fixtures.tc2.UsesLegacyContainers depends on deprecated package org.testcontainers.containers.OracleContainer. Use org.testcontainers.oracle-xe.OracleContainer instead."),
        "{expected}"
    );
}
