use super::fixture::{call, findings, opts, render, rule};
use crate::findings::{Findings, Priority, RuleResult, Status};
use crate::report::{Format, GithubReport, RenderOptions, ANNOTATIONS_PER_LEVEL};

#[test]
fn github_annotations_snapshot() {
    insta::assert_snapshot!(render(Format::Github, &findings(), &opts()));
}

#[test]
fn annotations_map_priorities_and_skip_exempt_violations() {
    let out = render(Format::Github, &findings(), &opts());
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 7, "one line per active violation:\n{out}");
    assert_eq!(lines.iter().filter(|l| l.starts_with("::error ")).count(), 5);
    assert_eq!(lines.iter().filter(|l| l.starts_with("::warning ")).count(), 1);
    assert_eq!(lines.iter().filter(|l| l.starts_with("::notice ")).count(), 1);
    assert!(!out.contains("LegacyExport"), "suppressed violations are not annotated");
    assert!(!out.contains("Optional.absent"), "baselined violations are not annotated");
    assert!(out.contains(
        "::error file=fixtures/report/src/main/java/com/acme/shop/service/OrderService.java,line=42,title=no joda time (HIGH)::"
    ));
    // No source file found: no file property rather than a path GitHub cannot resolve.
    let vendor = lines.iter().find(|l| l.contains("com.vendor.legacy.Blob")).expect("vendor annotation");
    assert!(vendor.starts_with("::error title=no java deserialization (HIGH)::"), "{vendor}");
}

#[test]
fn annotation_escaping_follows_githubs_toolkit() {
    let mut r = rule("pack", "a, b: c%", Priority::High, "line one\nline two, 100%");
    r.pack = "pack".into();
    let f = Findings {
        results: vec![RuleResult {
            rule: r,
            status: Status::Fail,
            violations: vec![call("a.B", "m()", "calls method", "c.D", "n()", "B.java", 3)],
        }],
        ..Findings::default()
    };
    let out = render(Format::Github, &f, &opts());
    assert_eq!(
        out.trim_end(),
        "::error title=a%2C b%3A c%25 (HIGH)::Method <a.B.m()> calls method <c.D.n()> in (B.java:3)%0Aline one%0Aline two, 100%25"
    );
}

/// 25 HIGH violations under GitHub Actions: 10 annotated, 15 in the step summary.
fn many() -> Findings {
    let violations =
        (1..=25).map(|i| call("a.B", &format!("m{i:02}()"), "calls method", "c.D", "n()", "B.java", i)).collect();
    Findings {
        results: vec![RuleResult {
            rule: rule("pack", "no d", Priority::High, "no classes should call D"),
            status: Status::Fail,
            violations,
        }],
        ..Findings::default()
    }
}

#[test]
fn cap_sends_the_rest_to_the_step_summary() {
    let o = RenderOptions { github_actions: true, ..opts() };
    let (mut out, mut summary) = (Vec::new(), Vec::new());
    GithubReport::render_split(&many(), &o, &mut out, Some(&mut summary)).expect("render to memory");
    let out = String::from_utf8(out).expect("UTF-8");
    let summary = String::from_utf8(summary).expect("UTF-8");
    assert_eq!(out.lines().filter(|l| l.starts_with("::error ")).count(), ANNOTATIONS_PER_LEVEL);
    assert!(out.ends_with("archrules: 15 more violations are listed in the step summary\n"), "{out}");
    assert_eq!(summary.lines().filter(|l| l.starts_with("| HIGH |")).count(), 15);
    assert!(summary.contains("`a.B` | `Method <a.B.m11()> calls method <c.D.n()> in (B.java:11)`"), "{summary}");
    insta::assert_snapshot!(summary);
}

#[test]
fn step_summary_file_is_appended() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("summary.md");
    std::fs::write(&path, "# earlier step\n").expect("seed the summary");
    let o = RenderOptions { github_actions: true, step_summary: Some(path.clone()), ..opts() };
    let out = render(Format::Github, &many(), &o);
    assert_eq!(out.lines().count(), ANNOTATIONS_PER_LEVEL + 1);
    let summary = std::fs::read_to_string(&path).expect("summary written");
    assert!(summary.starts_with("# earlier step\n### archrules: violations not annotated"), "{summary}");
}

#[test]
fn no_cap_outside_github_actions() {
    let out = render(Format::Github, &many(), &opts());
    assert_eq!(out.lines().count(), 25);
    let o = RenderOptions { github_actions: true, ..opts() };
    let capped = render(Format::Github, &many(), &o);
    assert!(capped.ends_with("archrules: 15 more violations were not annotated (GitHub shows 10 per level per step)\n"));
}
