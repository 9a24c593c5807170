//! Every bundled pack (`rules/*.arch`) parsed and evaluated on the demo application (`fixtures/demo`, its
//! libraries on the classpath, no JDK): no rule fails to evaluate, and the findings are snapshotted.

use std::collections::HashMap;
use std::path::PathBuf;

use archrules::findings::Status;
use archrules::graph;
use archrules::inputs::{OpenOptions, Opened, Role};
use archrules::rules::engine::{evaluate, EvalOptions};

fn root(p: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(p)
}

#[test]
fn bundled_packs_on_the_demo() {
    let opts = OpenOptions::default();
    let mut opened = Opened::default();
    opened.add(&[root("fixtures/demo/classes")], Role::Target, &opts);
    opened.add(&[root("fixtures/demo/lib")], Role::Classpath, &opts);
    let g = graph::build(opened, &graph::BuildOptions::default());

    let mut files: Vec<PathBuf> = std::fs::read_dir(root("rules"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "arch"))
        .collect();
    files.sort();
    let packs: Vec<_> = files
        .iter()
        .map(|f| {
            let name = f.file_name().unwrap().to_string_lossy().into_owned();
            archrules::dsl::parse_pack(&name, &std::fs::read_to_string(f).unwrap(), &HashMap::new()).unwrap()
        })
        .collect();
    let results = evaluate(&g, &packs, &EvalOptions::default());
    assert!(results.len() > 20);
    let mut summary = String::new();
    for r in &results {
        assert!(
            !r.violations.iter().any(|v| v.message.contains("could not be evaluated")),
            "{}: {:?}",
            r.rule.name,
            r.violations.first()
        );
        summary.push_str(&format!("{} / {}: {:?} {}\n", r.rule.pack, r.rule.name, r.status, r.violations.len()));
        for v in r.violations.iter().take(3) {
            summary.push_str(&format!("    {}\n", v.message));
        }
    }
    let failed: Vec<&str> = results.iter().filter(|r| r.status == Status::Fail).map(|r| r.rule.name.as_str()).collect();
    // The demo's documented violations (fixtures/README.md).
    for expected in ["guava optional", "deprecated"] {
        assert!(failed.iter().any(|f| f.contains(expected)), "{expected} not in {failed:?}");
    }
    insta::assert_snapshot!(summary);
}
