//! Property tests: arbitrary findings (odd names, messages with `|`, `<`, `%`, newlines, any statuses and flags)
//! render in every format without error, the JSON and SARIF validate against their schemas, the verdict agrees
//! everywhere, and a baseline recorded from findings excuses all of them.

use crate::findings::{Findings, Priority, RuleInfo, RuleResult, Status, Violation};
use crate::report::baseline::Baseline;
use crate::report::{exit_code, Format, RenderOptions, Threshold};
use proptest::prelude::*;
use serde_json::Value;
use std::sync::OnceLock;
use std::time::Duration;

fn validator(path: &str, cell: &'static OnceLock<jsonschema::Validator>) -> &'static jsonschema::Validator {
    cell.get_or_init(|| {
        let text = std::fs::read_to_string(path).expect("schema file");
        jsonschema::validator_for(&serde_json::from_str(&text).expect("schema JSON")).expect("valid schema")
    })
}

fn report_schema() -> &'static jsonschema::Validator {
    static CELL: OnceLock<jsonschema::Validator> = OnceLock::new();
    validator("docs/report.schema.json", &CELL)
}

fn sarif_schema() -> &'static jsonschema::Validator {
    static CELL: OnceLock<jsonschema::Validator> = OnceLock::new();
    validator("fixtures/report/sarif-schema-2.1.0.json", &CELL)
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{1,8}( [a-z]{1,8}){0,3}",
        "[a-zA-Z0-9 |<>%,:`&\"'\n$.()-]{0,24}",
        Just(String::new()),
        Just("ünïcödé ✓".to_owned()),
    ]
}

fn message() -> impl Strategy<Value = String> {
    prop_oneof![
        (text(), "[A-Z][a-z]{0,6}(\\$[0-9])?", 0u32..500)
            .prop_map(|(t, c, l)| format!("Method <com.acme.{c}.lambda$run$0()> calls method <{t}> in ({c}.java:{l})")),
        text(),
    ]
}

prop_compose! {
    fn violation()(
        message in message(),
        class in "[a-z]{1,4}(\\.[a-z]{1,4}){0,2}\\.[A-Z][a-z]{0,5}(\\$[0-9])?",
        member in proptest::option::of("[a-z]{1,5}(\\(int\\))?"),
        target in proptest::option::of("[a-z.]{1,10}"),
        source in proptest::option::of(prop_oneof![Just("Foo.java".to_owned()), Just("Bar.kt".to_owned()), text()]),
        line in prop_oneof![Just(0u32), 1u32..100_000, Just(u32::MAX)],
        location in proptest::option::of(text()),
        suppressed in any::<bool>(),
        baselined in any::<bool>(),
    ) -> Violation {
        Violation {
            message,
            origin_class: class.into(),
            origin_member: member.map(Into::into),
            target_class: target.clone().map(Into::into),
            target_member: target.map(Into::into),
            source_file: source.map(Into::into),
            line,
            location: location.map(Into::into),
            suppressed,
            baselined,
            hint: None,
        }
    }
}

prop_compose! {
    fn result()(
        pack in prop_oneof![Just("archrules.joda".to_owned()), Just("shop layers".to_owned()), text()],
        name in text(),
        description in text(),
        priority in prop_oneof![Just(Priority::Low), Just(Priority::Medium), Just(Priority::High)],
        status in prop_oneof![Just(Status::Pass), Just(Status::Fail), Just(Status::NoMatch)],
        security in proptest::option::of(0.0f32..=10.0),
        violations in proptest::collection::vec(violation(), 0..5),
    ) -> RuleResult {
        let rule = RuleInfo { pack, name, description, priority, pack_origin: "bundled".into(), security_severity: security };
        RuleResult { rule, status, violations }
    }
}

prop_compose! {
    fn arbitrary_findings()(
        results in proptest::collection::vec(result(), 0..6),
        warnings in proptest::collection::vec(text(), 0..2),
        millis in 0u64..100_000,
    ) -> Findings {
        Findings {
            results,
            classes_analysed: 7,
            elapsed: Duration::from_millis(millis),
            warnings,
            unused_suppressions: vec![("a.B".into(), "r".into())],
            ..Findings::default()
        }
    }
}

fn render(format: Format, f: &Findings, o: &RenderOptions) -> String {
    let mut out = Vec::new();
    format.reporter().render(f, o, &mut out).expect("rendering to memory succeeds");
    String::from_utf8(out).expect("UTF-8")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn every_format_renders_and_validates(f in arbitrary_findings(), fail_on in prop_oneof![
        Just(Threshold::Low), Just(Threshold::Medium), Just(Threshold::High), Just(Threshold::Never)
    ]) {
        let o = RenderOptions { fail_on, github_actions: true, ..super::fixture::opts() };
        let json: Value = serde_json::from_str(&render(Format::Json, &f, &o)).expect("JSON parses");
        let errors: Vec<String> = report_schema().iter_errors(&json).map(|e| format!("{e} at {}", e.instance_path())).collect();
        prop_assert!(errors.is_empty(), "{}", errors.join("\n"));
        let failed = exit_code(&f, fail_on) == 1;
        prop_assert_eq!(json["summary"]["verdict"] == "FAIL", failed);

        let sarif: Value = serde_json::from_str(&render(Format::Sarif, &f, &o)).expect("SARIF parses");
        let errors: Vec<String> = sarif_schema().iter_errors(&sarif).map(|e| format!("{e} at {}", e.instance_path())).collect();
        prop_assert!(errors.is_empty(), "{}", errors.join("\n"));

        let console = render(Format::Console, &f, &o);
        let verdict = if failed { "FAILED: " } else { "PASSED: " };
        prop_assert!(console.lines().last().is_some_and(|l| l.contains(verdict)), "{}", console);

        for line in render(Format::Github, &f, &o).lines() {
            prop_assert!(line.starts_with("::") || line.starts_with("archrules: "), "stray line {:?}", line);
        }
        let junit = render(Format::Junit, &f, &o);
        prop_assert_eq!(junit.matches("<testcase ").count(), f.results.len());
        prop_assert_eq!(junit.contains("<failure"), failed);
        render(Format::Markdown, &f, &o);
    }

    #[test]
    fn a_fresh_baseline_excuses_everything(mut f in arbitrary_findings()) {
        let baseline = Baseline::from_findings(&f);
        let mut text = Vec::new();
        baseline.write(&mut text).expect("write to memory");
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("b.json");
        std::fs::write(&path, &text).expect("write");
        prop_assert_eq!(&Baseline::load(&path).expect("reloads"), &baseline);
        let diff = baseline.apply(&mut f);
        prop_assert!(diff.new.is_empty() && diff.fixed.is_empty(), "{:?}", diff);
        prop_assert_eq!(exit_code(&f, Threshold::Low), 0);
    }
}
