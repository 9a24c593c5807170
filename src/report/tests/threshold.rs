use super::fixture::{clean, findings};
use crate::findings::{Findings, Priority, Status};
use crate::report::{exit_code, Counts, Format, Threshold, Verdict};

#[test]
fn counts_skip_suppressed_baselined_and_no_match() {
    let c = Counts::of(&findings());
    // HIGH: joda 4 active (one suppressed) + security 1; MEDIUM: guava optional 1 (one baselined); LOW: layers 1.
    assert_eq!(c.by_priority, [1, 1, 5]);
    assert_eq!((c.suppressed, c.baselined, c.no_match), (1, 1, 1));
    assert_eq!((c.rules, c.passed, c.failed), (6, 1, 4));
}

#[test]
fn exit_code_for_each_threshold() {
    let f = findings();
    assert_eq!(exit_code(&f, Threshold::High), 1);
    assert_eq!(exit_code(&f, Threshold::Medium), 1);
    assert_eq!(exit_code(&f, Threshold::Low), 1);
    assert_eq!(exit_code(&f, Threshold::Never), 0);
    assert_eq!(exit_code(&clean(), Threshold::Low), 0);
}

/// Only LOW and MEDIUM violations left: `high` passes, `medium` and `low` fail.
#[test]
fn exit_code_respects_priority_below_threshold() {
    let mut f = findings();
    f.results.retain(|r| r.rule.priority != Priority::High);
    assert_eq!(exit_code(&f, Threshold::High), 0);
    assert_eq!(exit_code(&f, Threshold::Medium), 1);
    f.results.retain(|r| r.rule.priority != Priority::Medium);
    assert_eq!(exit_code(&f, Threshold::Medium), 0);
    assert_eq!(exit_code(&f, Threshold::Low), 1);
}

#[test]
fn suppressed_and_baselined_never_fail() {
    let mut f = findings();
    for r in &mut f.results {
        for (i, v) in r.violations.iter_mut().enumerate() {
            if i % 2 == 0 {
                v.suppressed = true;
            } else {
                v.baselined = true;
            }
        }
    }
    assert_eq!(exit_code(&f, Threshold::Low), 0);
    let v = Verdict::of(&f, Threshold::Low);
    assert_eq!(v.to_string(), "PASSED: no violations");
}

#[test]
fn no_match_never_fails() {
    let mut f = clean();
    f.results[0].status = Status::NoMatch;
    assert_eq!(exit_code(&f, Threshold::Low), 0);
}

#[test]
fn verdict_reasons() {
    let f = findings();
    let reason = |t| Verdict::of(&f, t).to_string();
    assert_eq!(reason(Threshold::High), "FAILED: 5 violations at or above HIGH priority (--fail-on high)");
    assert_eq!(reason(Threshold::Medium), "FAILED: 6 violations at or above MEDIUM priority (--fail-on medium)");
    assert_eq!(reason(Threshold::Never), "PASSED: 7 violations, but --fail-on never");
    let mut low_only = f.clone();
    low_only.results.retain(|r| r.rule.priority == Priority::Low);
    assert_eq!(
        Verdict::of(&low_only, Threshold::High).to_string(),
        "PASSED: 1 violation, all below HIGH priority (--fail-on high)"
    );
    assert_eq!(Verdict::of(&Findings::default(), Threshold::High).to_string(), "PASSED: no violations");
}

#[test]
fn parse_flags() {
    assert_eq!("HIGH".parse::<Threshold>(), Ok(Threshold::High));
    assert_eq!("never".parse::<Threshold>(), Ok(Threshold::Never));
    assert_eq!("low".parse::<Priority>(), Ok(Priority::Low));
    assert!("critical".parse::<Threshold>().is_err_and(|e| e.to_string().contains("low, medium, high, never")));
    assert!("never".parse::<Priority>().is_err());
    for f in Format::ALL {
        assert_eq!(f.name().parse::<Format>(), Ok(f));
    }
    assert_eq!("md".parse::<Format>(), Ok(Format::Markdown));
    assert!("html".parse::<Format>().is_err());
}

/// One MEDIUM violation in `main/` and one in `test.jar`, judged by per-target thresholds.
#[test]
fn each_target_is_judged_by_its_own_threshold() {
    use crate::findings::{RuleResult, Violation};
    use crate::report::TargetThresholds;
    let at = |location: &str| Violation {
        location: Some(location.into()),
        ..Violation::of_rule(format!("Class <a.B> is in {location}"))
    };
    let f = Findings {
        results: vec![RuleResult {
            rule: super::fixture::rule("p", "r", Priority::Medium, "d"),
            status: Status::Fail,
            violations: vec![at("build/main/a/B.class"), at("libs/test.jar!/a/B.class")],
        }],
        ..Findings::default()
    };
    let judged = |main: Threshold, test: Threshold| {
        let targets = TargetThresholds::new(vec![("build/main/".into(), main), ("libs/test.jar".into(), test)]);
        Verdict::judged(&f, Threshold::Low, &targets)
    };
    assert!(!judged(Threshold::High, Threshold::High).failed);
    let v = judged(Threshold::Medium, Threshold::High);
    assert!(v.failed);
    assert!(v.reason.starts_with("1 violation at or above their target's failure threshold"), "{}", v.reason);
    assert!(judged(Threshold::High, Threshold::Low).failed);
    // A location outside every listed target (or a path that merely starts alike) is judged by the default.
    let other = TargetThresholds::new(vec![("build/mai".into(), Threshold::Never), ("libs".into(), Threshold::Never)]);
    let v = Verdict::judged(&f, Threshold::High, &other);
    assert!(!v.failed);
    assert!(Verdict::judged(&f, Threshold::Medium, &other).failed, "build/main is not inside build/mai");
}
