use super::*;
use crate::findings::{Priority, RuleInfo, Violation};
use std::collections::HashMap;

fn violation(class: &str, message: &str, suppressed: bool) -> Violation {
    Violation { origin_class: class.into(), suppressed, ..Violation::of_rule(message.into()) }
}

fn result(violations: Vec<Violation>) -> RuleResult {
    RuleResult {
        rule: RuleInfo {
            pack: "archrules.guava".into(),
            name: "guava optional".into(),
            description: String::new(),
            priority: Priority::Medium,
            pack_origin: "bundled".into(),
            security_severity: None,
            fixes: Vec::new(),
        },
        status: if violations.is_empty() { Status::Pass } else { Status::Fail },
        violations,
    }
}

fn setup(dir: &Path) -> PackTest {
    let tests = dir.join("tests/guava");
    std::fs::create_dir_all(&tests).unwrap();
    std::fs::write(
        tests.join("test.toml"),
        "targets = [\"../../../fixtures/apiusage/classes\"]\npackages = [\"fixtures.api.guava..\"]\nrelease = 17\n",
    )
    .unwrap();
    PackTest::for_pack(&dir.join("guava.arch")).unwrap()
}

#[test]
fn the_test_setup_is_read_beside_the_pack() {
    let dir = tempfile::tempdir().unwrap();
    let t = setup(dir.path());
    assert_eq!(t.dir, dir.path().join("tests/guava"));
    assert_eq!(t.targets, vec![dir.path().join("tests/guava/../../../fixtures/apiusage/classes")]);
    assert_eq!(t.release, Some(17));
    assert_eq!(t.expected_path("guava optional"), dir.path().join("tests/guava/expected/guava_optional.txt"));
}

#[test]
fn violations_outside_the_test_packages_do_not_count() {
    let dir = tempfile::tempdir().unwrap();
    let t = setup(dir.path());
    let scoped = t.scoped(result(vec![violation("fixtures.api.joda.X", "joda", false)]));
    assert_eq!(scoped.status, Status::Pass);
    assert!(scoped.violations.is_empty());
}

#[test]
fn bless_then_check_then_detect_a_change() {
    let dir = tempfile::tempdir().unwrap();
    let t = setup(dir.path());
    let r = t.scoped(result(vec![
        violation("fixtures.api.guava.B", "second", false),
        violation("fixtures.api.guava.A", "first", true),
    ]));
    assert_eq!(t.check(&r, false).unwrap(), Outcome::Missing);
    assert_eq!(t.check(&r, true).unwrap(), Outcome::Blessed);
    let written = std::fs::read_to_string(t.expected_path("guava optional")).unwrap();
    assert_eq!(written, "# guava optional: FAIL\n[suppressed] first\nsecond\n");
    assert_eq!(t.check(&r, false).unwrap(), Outcome::Pass);

    let changed = t.scoped(result(vec![violation("fixtures.api.guava.B", "second", false)]));
    let outcome = t.check(&changed, false).unwrap();
    assert_eq!(outcome, Outcome::Mismatch { diff: "- [suppressed] first\n".to_owned() });
    let (text, ok) = summarize("archrules.guava", &[("guava optional".to_owned(), outcome)]);
    assert!(!ok);
    insta::assert_snapshot!(text, @r"
    FAILED   guava optional
        - [suppressed] first
    archrules.guava: 1 rules, 0 passed, 1 failed
    ");
}

#[test]
fn rule_names_become_safe_file_names() {
    assert_eq!(file_name("public classes should be @NullMarked"), "public_classes_should_be__NullMarked");
    assert_eq!(file_name("CVE-2018-10237"), "CVE-2018-10237");
    assert_eq!(file_name("../x"), ".._x");
}

fn one_rule_pack(_: &str, _: &str, _: &HashMap<String, String>) -> Result<ir::Pack, miette::Report> {
    let mut rule = crate::packs::select::tests::rule("archrules.deprecation", "deprecated", Priority::Low);
    rule.source = None;
    Ok(ir::Pack {
        id: "archrules.deprecation".into(),
        description: None,
        origin: String::new(),
        params: Default::default(),
        fixes: Vec::new(),
        rules: vec![rule],
    })
}

#[test]
fn run_parses_builds_evaluates_suppresses_and_blesses() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    std::fs::create_dir_all(dir.path().join("tests/deprecation")).unwrap();
    std::fs::write(dir.path().join("deprecation.arch"), "pack").unwrap();
    std::fs::write(
        dir.path().join("tests/deprecation/test.toml"),
        format!(
            "targets = [{:?}]\nclasspath = [{:?}]\npackages = [\"fixtures.api.suppression..\"]\n",
            fixtures.join("apiusage/classes/fixtures/api/suppression"),
            fixtures.join("java/classes")
        ),
    )
    .unwrap();
    let graph_of = |t: &PackTest| {
        let mut opened = crate::inputs::Opened::default();
        let opts = crate::inputs::OpenOptions::default();
        opened.add(&t.targets, crate::inputs::Role::Target, &opts);
        opened.add(&t.classpath, crate::inputs::Role::Classpath, &opts);
        crate::graph::build(opened, &crate::graph::BuildOptions::default())
    };
    // Stands in for the engine: one violation in a class that suppresses `deprecated`, one outside the packages.
    let evaluate = |_: &crate::graph::Graph, _: &ir::Rule| {
        let mut v = violation("fixtures.api.suppression.SuppressedDeprecatedUse", "boxes an Integer", false);
        v.origin_member = Some("box()".into());
        let mut r = result(vec![v, violation("elsewhere.X", "not counted", false)]);
        r.rule.name = "deprecated".into();
        r
    };
    let pack = dir.path().join("deprecation.arch");
    let (text, ok) = run(&pack, one_rule_pack, &graph_of, &evaluate, true).unwrap();
    assert!(ok, "{text}");
    let expected = std::fs::read_to_string(dir.path().join("tests/deprecation/expected/deprecated.txt")).unwrap();
    assert_eq!(expected, "# deprecated: FAIL\n[suppressed] boxes an Integer\n");
    let (text, ok) = run(&pack, one_rule_pack, &graph_of, &evaluate, false).unwrap();
    assert!(ok);
    assert_eq!(text, "ok       deprecated\narchrules.deprecation: 1 rules, 1 passed, 0 failed\n");
}
