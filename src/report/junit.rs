//! JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure): one test suite per pack, one test case
//! per rule. A rule fails (`<failure>`, listing its violations) exactly when it has active violations at or above
//! `--fail-on`, so the test report agrees with the exit code; violations below the threshold, suppressed or baselined
//! are listed in `<system-out>` of a passing case. NO_MATCH rules are `<skipped>`: the rule did not run on anything,
//! which is neither a pass nor a failure of the code.

use super::console::NO_MATCH_MESSAGE;
use super::threshold::plural;
use super::view::{by_pack, exemption, sorted, Tally};
use super::{RenderOptions, Report};
use crate::findings::{Findings, RuleResult, Status};
use std::io::{self, Write};

pub struct JunitReport;

#[derive(Default)]
struct SuiteCounts {
    tests: usize,
    failures: usize,
    skipped: usize,
}

/// A rule fails when one of its active violations is at or above its target's threshold (`--fail-on` by default).
fn fails(r: &RuleResult, opts: &RenderOptions) -> bool {
    if opts.target_fail_on.is_empty() {
        return Tally::of(r).active > 0 && opts.fail_on.includes(r.rule.priority);
    }
    r.violations.iter().any(|v| {
        super::threshold::is_active(r, v)
            && opts.target_fail_on.for_violation(v, opts.fail_on).includes(r.rule.priority)
    })
}

impl Report for JunitReport {
    fn render(&self, findings: &Findings, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        let results = sorted(findings);
        let packs = by_pack(&results);
        let count = |rules: &[RuleResult]| {
            let mut c = SuiteCounts::default();
            for r in rules {
                c.tests += 1;
                c.failures += usize::from(fails(r, opts));
                c.skipped += usize::from(r.status == Status::NoMatch);
            }
            c
        };
        let total = count(&results);
        let seconds = findings.elapsed.as_secs_f64();
        writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(
            out,
            r#"<testsuites name="archrules" tests="{}" failures="{}" errors="0" skipped="{}" time="{seconds:.3}">"#,
            total.tests, total.failures, total.skipped
        )?;
        for (pack, rules) in packs {
            let c = count(rules);
            writeln!(
                out,
                r#"  <testsuite name="{}" tests="{}" failures="{}" errors="0" skipped="{}" time="0">"#,
                xml(pack),
                c.tests,
                c.failures,
                c.skipped
            )?;
            for r in rules {
                testcase(out, r, opts)?;
            }
            writeln!(out, "  </testsuite>")?;
        }
        writeln!(out, "</testsuites>")
    }
}

fn testcase(out: &mut dyn Write, r: &RuleResult, opts: &RenderOptions) -> io::Result<()> {
    // The name is the rule's alone, so CI test history survives a priority change; the priority is the failure type.
    writeln!(out, r#"    <testcase classname="{}" name="{}" time="0">"#, xml(&r.rule.pack), xml(&r.rule.name))?;
    let t = Tally::of(r);
    if r.status == Status::NoMatch {
        writeln!(out, r#"      <skipped message="{}"/>"#, xml(NO_MATCH_MESSAGE))?;
    } else if fails(r, opts) {
        let active: Vec<&str> =
            r.violations.iter().filter(|v| exemption(v).is_none()).map(|v| v.message.as_str()).collect();
        let message = format!("{} of: {}", plural(t.active, "violation"), r.rule.description);
        writeln!(out, r#"      <failure message="{}" type="{}">"#, xml(&message), r.rule.priority.as_str())?;
        for m in active {
            writeln!(out, "{}", xml(m))?;
        }
        writeln!(out, "      </failure>")?;
    }
    let listed_elsewhere = fails(r, opts);
    let notes: Vec<String> = r
        .violations
        .iter()
        .filter(|v| r.status == Status::Fail && !(listed_elsewhere && exemption(v).is_none()))
        .map(|v| match exemption(v) {
            Some(word) => format!("[{word}] {}", v.message),
            None => format!("[below --fail-on {}] {}", opts.fail_on, v.message),
        })
        .collect();
    if !notes.is_empty() {
        writeln!(out, "      <system-out>")?;
        for n in notes {
            writeln!(out, "{}", xml(&n))?;
        }
        writeln!(out, "      </system-out>")?;
    }
    writeln!(out, "    </testcase>")
}

/// XML text and attribute escaping; characters XML 1.0 cannot carry are replaced.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}
