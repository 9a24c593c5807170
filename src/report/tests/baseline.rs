use super::fixture::{call, findings};
use crate::findings::{Findings, Priority, RuleResult, Status};
use crate::report::baseline::{Baseline, BaselineError};
use crate::report::normalize::normalize_message;
use crate::report::{exit_code, Threshold};

fn save_and_load(b: &Baseline) -> (Baseline, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("archrules-baseline.json");
    b.save(&path).expect("save");
    let text = std::fs::read_to_string(&path).expect("read back");
    (Baseline::load(&path).expect("load"), text)
}

#[test]
fn normalisation_drops_lines_and_synthetic_numbers() {
    assert_eq!(
        normalize_message(
            "Method <com.acme.Foo$1.lambda$run$0()> calls method <com.acme.Foo.access$000(com.acme.Foo)> in (Foo.java:42)"
        ),
        "Method <com.acme.Foo$N.lambda$run$N()> calls method <com.acme.Foo.access$N(com.acme.Foo)> in (Foo.java)"
    );
    // Only a `(File:line)` location loses its number; numbers in names and parameters stay.
    assert_eq!(
        normalize_message("Class <a.V2> has field <a.V2.x3> in (V2.java:0)"),
        "Class <a.V2> has field <a.V2.x3> in (V2.java)"
    );
}

#[test]
fn baseline_file_is_sorted_one_entry_per_line() {
    let (loaded, text) = save_and_load(&Baseline::from_findings(&findings()));
    assert_eq!(loaded, Baseline::from_findings(&findings()), "round trip");
    assert_eq!(loaded.len(), 8, "every non-suppressed violation of a failing rule");
    insta::assert_snapshot!(text);
}

#[test]
fn unchanged_code_is_fully_baselined() {
    let baseline = Baseline::from_findings(&findings());
    let mut f = findings();
    let diff = baseline.apply(&mut f);
    assert_eq!((diff.matched, diff.new.len(), diff.fixed.len()), (8, 0, 0));
    assert_eq!(exit_code(&f, Threshold::Low), 0);
}

#[test]
fn moved_lines_and_renumbered_classes_still_match() {
    let baseline = Baseline::from_findings(&findings());
    let mut f = findings();
    for r in &mut f.results {
        for v in &mut r.violations {
            v.line += 7;
            v.message =
                v.message.replace(":42)", ":49)").replace(":57)", ":64)").replace("OrderService$1", "OrderService$2");
            v.origin_class = v.origin_class.replace("$1", "$2").into();
        }
    }
    let diff = baseline.apply(&mut f);
    assert_eq!((diff.matched, diff.new.len(), diff.fixed.len()), (8, 0, 0), "{diff:?}");
}

#[test]
fn a_new_violation_fails_and_a_fixed_one_is_reported() {
    let mut baseline = Baseline::from_findings(&findings());
    let mut f = findings();
    let joda = f.results.iter_mut().find(|r| r.rule.name == "no joda time").expect("joda rule");
    // Fixed: the constructor call in OrderService.place is gone. New: a call in InvoiceService.
    joda.violations.retain(|v| !v.message.contains("calls constructor"));
    joda.violations.push(call(
        "com.acme.shop.service.InvoiceService",
        "issue()",
        "calls method",
        "org.joda.time.DateTime",
        "now()",
        "InvoiceService.java",
        12,
    ));
    let diff = baseline.apply(&mut f);
    assert_eq!(diff.matched, 7);
    assert_eq!(diff.new.len(), 1);
    assert!(diff.new[0].message.contains("InvoiceService.issue()"), "{diff:?}");
    assert_eq!(diff.fixed.len(), 1);
    assert!(diff.fixed[0]
        .message
        .contains("calls constructor <org.joda.time.DateTime.<init>()> in (OrderService.java)"));
    assert_eq!(exit_code(&f, Threshold::High), 1, "the new HIGH violation fails the run");

    let mut summary = Vec::new();
    diff.write_summary(&mut summary).expect("write to memory");
    insta::assert_snapshot!(String::from_utf8(summary).expect("UTF-8"));

    // --update-baseline drops the fixed entry and does not add the new one.
    baseline.prune(&diff.fixed);
    assert_eq!(baseline.len(), 7);
    let again = baseline.apply(&mut f);
    assert_eq!((again.matched, again.new.len(), again.fixed.len()), (7, 1, 0));
}

fn repeated(lines: &[u32]) -> Findings {
    let violations = lines
        .iter()
        .map(|&l| call("a.Foo", "m()", "calls method", "org.joda.time.DateTime", "now()", "Foo.java", l))
        .collect();
    Findings {
        results: vec![RuleResult {
            rule: super::fixture::rule("archrules.joda", "no joda time", Priority::High, "no Joda-Time"),
            status: Status::Fail,
            violations,
        }],
        ..Findings::default()
    }
}

#[test]
fn multiplicity_counts() {
    let baseline = Baseline::from_findings(&repeated(&[10, 11]));
    assert_eq!(baseline.entries().len(), 1);
    assert_eq!(baseline.entries()[0].count, 2);

    let mut three = repeated(&[10, 11, 12]);
    let diff = baseline.apply(&mut three);
    assert_eq!((diff.matched, diff.new.len(), diff.fixed.len()), (2, 1, 0));
    assert_eq!(diff.new[0].count, 1);
    // The last one in report order is the new one.
    assert_eq!(three.results[0].violations.iter().map(|v| v.baselined).collect::<Vec<_>>(), [true, true, false]);
    assert_eq!(exit_code(&three, Threshold::High), 1);

    let mut one = repeated(&[30]);
    let diff = baseline.apply(&mut one);
    assert_eq!((diff.matched, diff.new.len()), (1, 0));
    assert_eq!(diff.fixed.len(), 1);
    assert_eq!(diff.fixed[0].count, 1);
    assert_eq!(exit_code(&one, Threshold::Low), 0);
}

#[test]
fn missing_baseline_is_an_error_only_on_ci() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("nope.json");
    let err = Baseline::load_for_check(&path, true).expect_err("missing on CI");
    assert!(matches!(err, BaselineError::Missing { .. }));
    assert!(err.to_string().contains("archrules baseline --output"), "{err}");
    assert!(Baseline::load_for_check(&path, false).expect("allowed locally").is_none());
}

#[test]
fn bad_baseline_files_are_errors_not_panics() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("b.json");
    for (text, want_version) in [
        ("not json", false),
        (r#"{"schemaVersion": 1, "violations": [{"pack": 3}]}"#, false),
        (r#"{"schemaVersion": 99, "violations": []}"#, true),
    ] {
        std::fs::write(&path, text).expect("write");
        let err = Baseline::load(&path).expect_err(text);
        assert_eq!(matches!(err, BaselineError::Version { found: 99, .. }), want_version, "{err}");
        assert!(!matches!(err, BaselineError::Missing { .. }));
    }
}

#[test]
fn hand_merged_duplicates_are_summed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("b.json");
    let entry = r#"{"pack":"p","rule":"r","message":"m"}"#;
    std::fs::write(&path, format!(r#"{{"schemaVersion":1,"violations":[{entry},{entry}]}}"#)).expect("write");
    let b = Baseline::load(&path).expect("load");
    assert_eq!(b.len(), 2);
    assert_eq!(b.entries().len(), 1);
}

#[test]
fn check_flow_creates_prunes_and_skips() {
    use crate::report::baseline::check;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("archrules-baseline.json");

    // Missing, local, no update: nothing happens.
    assert_eq!(check(&path, &mut findings(), false, false).expect("allowed"), None);
    assert!(!path.exists());

    // Missing with --update-baseline on CI: an error (it would record every violation and pass).
    assert!(matches!(check(&path, &mut findings(), true, true), Err(BaselineError::Missing { .. })));
    assert!(!path.exists());

    // Missing with --update-baseline, locally: created from today's violations, which are then all baselined.
    let mut f = findings();
    let run = check(&path, &mut f, true, false).expect("created").expect("a run");
    assert!(run.written && path.exists());
    assert_eq!((run.diff.matched, run.diff.new.len()), (8, 0));
    assert_eq!(exit_code(&f, Threshold::Low), 0);

    // One violation fixed, no update: reported, file untouched.
    let before = std::fs::read_to_string(&path).expect("read");
    let mut fixed = findings();
    fixed.results.retain(|r| r.rule.name != "services do not use controllers");
    let run = check(&path, &mut fixed, false, true).expect("loads").expect("a run");
    assert_eq!((run.diff.fixed.len(), run.written), (1, false));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), before);

    // With update: the fixed entry is dropped from the file.
    let run = check(&path, &mut fixed, true, true).expect("loads").expect("a run");
    assert!(run.written);
    assert_eq!(Baseline::load(&path).expect("load").len(), 7);
}
