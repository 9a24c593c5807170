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
