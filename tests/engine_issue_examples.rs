//! The issue's three example rules (`tests/dsl/issue_examples.arch`), parsed by the DSL and evaluated on the
//! API-usage fixtures with guava, joda-time and the stubs on the classpath (no JDK), as ArchUnit would judge them.

use std::collections::HashMap;
use std::path::PathBuf;

use archrules::findings::{RuleResult, Status};
use archrules::graph::{self, Graph};
use archrules::inputs::{OpenOptions, Opened, Role};
use archrules::rules::engine::{evaluate, EvalOptions};

fn root(p: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(p)
}

fn graph() -> Graph {
    let opts = OpenOptions::default();
    let mut opened = Opened::default();
    opened.add(&[root("fixtures/apiusage/classes")], Role::Target, &opts);
    let lib = ["guava.jar", "joda-time.jar", "stubs.jar"].map(|j| root("fixtures/lib").join(j));
    opened.add(&lib, Role::Classpath, &opts);
    graph::build(opened, &graph::BuildOptions::default())
}

fn results() -> Vec<RuleResult> {
    let source = std::fs::read_to_string(root("tests/dsl/issue_examples.arch")).unwrap();
    // The example's library is `com.example.lib`; the fixtures' deprecated library lives here.
    let source = source.replace("com.example.lib", "fixtures.api.deprecation.lib");
    let pack = archrules::dsl::parse_pack("issue_examples.arch", &source, &HashMap::new()).unwrap();
    evaluate(&graph(), &[pack], &EvalOptions::default())
}

fn render(r: &RuleResult) -> String {
    let mut out = format!("{:?}: {}\n", r.status, r.rule.description);
    for v in &r.violations {
        out.push_str(&format!(
            "{}\n    [{} {:?} -> {:?} {:?} line {}]\n",
            v.message, v.origin_class, v.origin_member, v.target_class, v.target_member, v.line
        ));
    }
    out
}

#[test]
fn issue_examples_behave_as_in_archunit() {
    let results = results();
    let by_name = |n: &str| results.iter().find(|r| r.rule.name == n).unwrap();

    let optional = by_name("guava optional");
    assert_eq!(optional.status, Status::Fail);
    assert!(optional.violations.iter().all(|v| &*v.origin_class == "fixtures.api.guava.UsesGuavaOptional"));

    let joda = by_name("joda datetime without zone");
    let origins: Vec<&str> = joda.violations.iter().map(|v| &*v.origin_class).collect();
    assert!(!origins.is_empty());
    assert!(origins.iter().all(|o| *o == "fixtures.api.joda.ZonelessDateTime"), "{origins:?}");

    let deprecated = by_name("deprecated api");
    let mut origins: Vec<&str> = deprecated.violations.iter().map(|v| &*v.origin_class).collect();
    origins.dedup();
    assert_eq!(
        origins,
        vec![
            "fixtures.api.deprecation.app.UsesDeprecatedClass",
            "fixtures.api.deprecation.app.UsesDeprecatedMember",
            "fixtures.api.deprecation.app.UsesForRemoval",
        ]
    );
    let text: String = results.iter().map(render).collect::<Vec<_>>().join("\n");
    insta::assert_snapshot!(text);
}
