use super::fixture::{findings, opts, render, rule};
use crate::findings::{Findings, Priority, RuleResult, Status, Violation};
use crate::report::{Format, RenderOptions};

#[test]
fn markdown_snapshot() {
    insta::assert_snapshot!(render(Format::Markdown, &findings(), &opts()));
}

#[test]
fn markdown_details_follow_the_details_threshold() {
    let medium = render(Format::Markdown, &findings(), &opts());
    assert!(!medium.contains("<b>services do not use controllers</b>"));
    assert!(medium.contains("Details of 1 failing rule with priority less than MEDIUM are not shown"));
    let low = render(Format::Markdown, &findings(), &RenderOptions { details: Priority::Low, ..opts() });
    assert!(low.contains("<summary><b>services do not use controllers</b> (LOW): 1 failures</summary>"));
    assert!(!low.contains("are not shown"));
}

#[test]
fn markdown_escapes_what_github_would_eat() {
    let f = Findings {
        results: vec![RuleResult {
            rule: rule("p", "pipes | and <tags>", Priority::High, "uses `Foo` & <Bar>"),
            status: Status::Fail,
            violations: vec![Violation {
                message: "Method <a.B.m()> calls method <c.`D`.n(|)> in (B.java:1)".into(),
                origin_class: "a.B".into(),
                origin_member: Some("m()".into()),
                target_class: None,
                target_member: None,
                source_file: None,
                line: 1,
                location: None,
                suppressed: false,
                baselined: false,
                hint: None,
            }],
        }],
        ..Findings::default()
    };
    let out = render(Format::Markdown, &f, &opts());
    assert!(out.contains("| pipes \\| and &lt;tags&gt; | HIGH | 1 |"), "{out}");
    assert!(out.contains("- ``Method <a.B.m()> calls method <c.`D`.n(|)> in (B.java:1)``"), "{out}");
    assert!(out.contains("uses `Foo` &amp; &lt;Bar&gt;"), "{out}");
}
