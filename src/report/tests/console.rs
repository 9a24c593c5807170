use super::fixture::{clean, findings, opts, render, rule};
use crate::findings::{Findings, Priority, RuleResult, Status};
use crate::report::{Format, RenderOptions, Threshold};

#[test]
fn console_default_thresholds() {
    insta::assert_snapshot!(render(Format::Console, &findings(), &opts()));
}

#[test]
fn console_details_low_shows_every_rule_and_no_note() {
    let out = render(Format::Console, &findings(), &RenderOptions { details: Priority::Low, ..opts() });
    assert!(!out.contains("Note: "), "{out}");
    assert!(out.contains("Rule: services do not use controllers Priority: LOW"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn console_details_high_hides_medium_and_notes_it() {
    let out = render(Format::Console, &findings(), &RenderOptions { details: Priority::High, ..opts() });
    assert!(out.contains("Note: In order to see details of rules with priority less than HIGH, run with --details low"));
    assert!(!out.contains("Rule: guava optional"), "{out}");
    assert!(out.contains("Rule: no joda time Priority: HIGH"), "{out}");
}

#[test]
fn console_colour_is_a_parameter() {
    let plain = render(Format::Console, &findings(), &opts());
    assert!(!plain.contains('\x1b'), "NO_COLOR output must have no escape codes");
    let coloured = render(Format::Console, &findings(), &RenderOptions { color: true, ..opts() });
    assert!(coloured.contains("\x1b[31m    no joda time"), "HIGH failures are red");
    assert!(coloured.contains("\x1b[33m    guava optional"), "MEDIUM failures are yellow");
    assert!(coloured.contains("\x1b[32m    guava preconditions"), "passing rules are green");
    // Stripping the codes gives the plain report back: colour changes nothing else.
    let stripped = regex::Regex::new("\x1b\\[[0-9;]*m").expect("valid regex").replace_all(&coloured, "");
    assert_eq!(stripped, plain);
    insta::assert_snapshot!(coloured.replace('\x1b', "␛"));
}

#[test]
fn console_aligns_like_nebula() {
    // Nebula's RichConsoleReportPrinterTest expects exactly this line for a passing MEDIUM rule named RuleName.
    let f = Findings {
        results: vec![RuleResult {
            rule: rule("RuleClass", "RuleName", Priority::Medium, "description"),
            status: Status::Pass,
            violations: vec![],
        }],
        ..Findings::default()
    };
    let out = render(Format::Console, &f, &opts());
    assert!(out.contains("\nRuleClass\n    RuleName  MEDIUM     (No failures)\n"), "{out}");
}

#[test]
fn console_hides_passing_rules_when_asked() {
    let out = render(Format::Console, &findings(), &RenderOptions { show_passing: false, ..opts() });
    assert!(!out.contains("guava preconditions"), "{out}");
    assert!(out.contains("guava optional"), "{out}");
}

#[test]
fn console_clean_run_passes() {
    let out = render(Format::Console, &clean(), &opts());
    insta::assert_snapshot!(out);
}

#[test]
fn console_final_line_reflects_fail_on() {
    let out = render(Format::Console, &findings(), &RenderOptions { fail_on: Threshold::Never, ..opts() });
    let last = out.lines().last().unwrap_or_default();
    assert!(last.ends_with("PASSED: 7 violations, but --fail-on never"), "{last}");
    assert!(last.contains("1234 classes analysed in 0.42s"), "{last}");
}

#[test]
fn no_color_and_color_flag_resolve_to_the_parameter() {
    use crate::report::ColorChoice;
    use std::ffi::OsStr;
    let set = Some(OsStr::new("1"));
    assert!(ColorChoice::Auto.resolve(None, true));
    assert!(!ColorChoice::Auto.resolve(set, true), "NO_COLOR turns auto colour off");
    assert!(ColorChoice::Auto.resolve(Some(OsStr::new("")), true), "an empty NO_COLOR is ignored");
    assert!(!ColorChoice::Auto.resolve(None, false), "no colour when piped");
    assert!(ColorChoice::Always.resolve(set, false), "--color always overrides NO_COLOR");
    assert!(!ColorChoice::Never.resolve(None, true));
    assert_eq!("ALWAYS".parse::<ColorChoice>(), Ok(ColorChoice::Always));
    assert!("sometimes".parse::<ColorChoice>().is_err());
}
