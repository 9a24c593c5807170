use super::*;
use crate::findings::{Priority, RuleInfo, Violation};

fn violation(class: &str, message: &str, suppressed: bool) -> Violation {
    Violation {
        message: message.to_owned(),
        origin_class: class.to_owned(),
        origin_member: None,
        target_class: None,
        target_member: None,
        source_file: None,
        line: 0,
        location: None,
        suppressed,
        baselined: false,
    }
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
