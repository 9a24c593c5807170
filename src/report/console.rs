//! The console report, laid out like Nebula ArchRules' `RichConsoleReportPrinter` so it reads the same:
//! `ArchRule Summary:`, one block per pack (Nebula's rule class) with aligned `name  PRIORITY  (N failures)` lines,
//! the note about hidden lower-priority details, `ArchRule Violation Details:` per rule, then warnings and one final
//! line with the counts and the verdict.
//!
//! Differences from Nebula, on purpose: NO_MATCH rules say `(no classes matched)` instead of counting as one failure;
//! suppressed and baselined counts follow the failures; baselined violations are counted, not listed, in the details
//! (a legacy code base can have thousands).

use super::threshold::{is_active, plural, Verdict};
use super::view::{by_pack, exemption, sorted, Tally};
use super::{RenderOptions, Report};
use crate::findings::{Findings, Priority, RuleResult, Status};
use std::io::{self, Write};
use std::time::Duration;

/// Nebula's indent of summary and violation lines.
const INDENT: &str = "    ";
/// Nebula's text of a NO_MATCH result (`NoClassesMatchedEvent.NO_MATCH_MESSAGE`).
pub(crate) const NO_MATCH_MESSAGE: &str = "no classes matched the required condition";

pub struct ConsoleReport;

/// Gradle's `StyledTextOutput` styles that Nebula uses, as ANSI codes.
#[derive(Clone, Copy)]
enum Style {
    Header,
    Success,
    Failure,
    Info,
    Dim,
    Normal,
}

impl Style {
    fn code(self) -> &'static str {
        match self {
            Style::Header => "\x1b[1m",
            Style::Success => "\x1b[32m",
            Style::Failure => "\x1b[31m",
            Style::Info => "\x1b[33m",
            Style::Dim => "\x1b[2m",
            Style::Normal => "",
        }
    }

    /// Nebula colours a failing rule by its priority: LOW normal, MEDIUM info, HIGH failure.
    fn of(p: Priority) -> Style {
        match p {
            Priority::Low => Style::Normal,
            Priority::Medium => Style::Info,
            Priority::High => Style::Failure,
        }
    }
}

struct Painter<'w> {
    out: &'w mut dyn Write,
    color: bool,
}

impl Painter<'_> {
    fn line(&mut self, style: Style, text: &str) -> io::Result<()> {
        self.text(style, text)?;
        writeln!(self.out)
    }

    fn text(&mut self, style: Style, text: &str) -> io::Result<()> {
        let code = style.code();
        if self.color && !code.is_empty() {
            write!(self.out, "{code}{text}\x1b[0m")
        } else {
            write!(self.out, "{text}")
        }
    }
}

impl Report for ConsoleReport {
    fn render(&self, findings: &Findings, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        let results = sorted(findings);
        let mut p = Painter { out, color: opts.color };
        summary(&mut p, &results, opts)?;
        let hidden = results.iter().any(|r| r.rule.priority < opts.details && Tally::of(r).active > 0);
        if hidden {
            p.text(Style::Header, "Note: ")?;
            p.line(
                Style::Normal,
                &format!(
                    "In order to see details of rules with priority less than {}, run with --details low",
                    opts.details.as_str()
                ),
            )?;
        }
        details(&mut p, &results, opts)?;
        for w in &findings.warnings {
            p.line(Style::Info, &format!("warning: {w}"))?;
        }
        for (target, rule) in &findings.unused_suppressions {
            p.line(Style::Info, &format!("warning: suppression of rule '{rule}' on {target} suppresses nothing"))?;
        }
        final_line(&mut p, findings, opts)
    }
}

fn summary(p: &mut Painter, results: &[RuleResult], opts: &RenderOptions) -> io::Result<()> {
    p.line(Style::Header, "ArchRule Summary:")?;
    let width = results.iter().map(|r| r.rule.name.chars().count()).max().unwrap_or(1);
    for (pack, rules) in by_pack(results) {
        let shown: Vec<&RuleResult> = rules
            .iter()
            .filter(|r| opts.show_passing || r.status == Status::NoMatch || Tally::of(r).active > 0)
            .collect();
        if shown.is_empty() {
            continue;
        }
        p.line(Style::Header, pack)?;
        for r in shown {
            let tally = Tally::of(r);
            let (style, outcome) = match r.status {
                Status::NoMatch => (Style::Info, "no classes matched".to_owned()),
                _ if tally.active == 0 => (Style::Success, format!("No failures{}", tally.exempt_suffix())),
                // Nebula writes "(1 failures)"; the count reads right here.
                _ => (
                    Style::of(r.rule.priority),
                    format!("{}{}", plural(tally.active, "failure"), tally.exempt_suffix()),
                ),
            };
            let name = pad(&r.rule.name, width + 1);
            let priority = pad(r.rule.priority.as_str(), 10);
            p.line(style, &format!("{INDENT}{name} {priority} ({outcome})"))?;
        }
    }
    Ok(())
}

fn details(p: &mut Painter, results: &[RuleResult], opts: &RenderOptions) -> io::Result<()> {
    let detailed: Vec<&RuleResult> = results
        .iter()
        .filter(|r| r.rule.priority >= opts.details)
        .filter(|r| r.status == Status::NoMatch || (r.status == Status::Fail && !r.violations.is_empty()))
        .collect();
    // A heading with nothing under it reads as if something were missing.
    if detailed.is_empty() {
        return Ok(());
    }
    p.line(Style::Header, "ArchRule Violation Details:")?;
    for r in detailed {
        let style = Style::of(r.rule.priority);
        p.text(Style::Header, &format!("Rule: {} Priority: ", r.rule.name))?;
        p.line(style, r.rule.priority.as_str())?;
        match opts.wrap {
            Some(width) => {
                for line in wrap(&r.rule.description, width) {
                    p.line(style, &line)?;
                }
            }
            None => p.line(style, &r.rule.description)?,
        }
        if r.status == Status::NoMatch {
            p.line(style, &format!("{INDENT}{NO_MATCH_MESSAGE}"))?;
        }
        let mut baselined = 0;
        for v in &r.violations {
            let shown = match exemption(v) {
                None if is_active(r, v) => p.line(style, &format!("{INDENT}{}", v.message)).map(|()| true)?,
                Some("baselined") => {
                    baselined += 1;
                    false
                }
                Some(word) => p.line(Style::Dim, &format!("{INDENT}{} [{word}]", v.message)).map(|()| true)?,
                None => false,
            };
            // The hint has its own line: the message above stays ArchUnit's text, as baselines compare it.
            if let (true, Some(hint)) = (shown, &v.hint) {
                p.line(Style::Dim, &format!("{INDENT}{INDENT}hint: {hint}"))?;
            }
        }
        if baselined > 0 {
            let text = if baselined == 1 { "violation" } else { "violations" };
            p.line(Style::Dim, &format!("{INDENT}(and {baselined} baselined {text}, not shown)"))?;
        }
        writeln!(p.out)?;
    }
    Ok(())
}

fn final_line(p: &mut Painter, findings: &Findings, opts: &RenderOptions) -> io::Result<()> {
    let verdict = Verdict::for_run(findings, opts);
    let c = &verdict.counts;
    let mut text = format!(
        "{} HIGH, {} MEDIUM, {} LOW violations",
        c.active(Priority::High),
        c.active(Priority::Medium),
        c.active(Priority::Low)
    );
    let mut extra = Vec::new();
    if c.suppressed > 0 {
        extra.push(format!("{} suppressed", c.suppressed));
    }
    if c.baselined > 0 {
        extra.push(format!("{} baselined", c.baselined));
    }
    if findings.input_warnings > 0 {
        extra.push(plural(findings.input_warnings, "input warning"));
    }
    if c.no_match > 0 {
        let rules = if c.no_match == 1 { "rule" } else { "rules" };
        extra.push(format!("{} {rules} matched no classes", c.no_match));
    }
    if !extra.is_empty() {
        text.push_str(&format!(" ({})", extra.join(", ")));
    }
    text.push_str(&format!(
        ", {}, {} classes analysed in {}. ",
        plural(c.rules, "rule"),
        findings.classes_analysed,
        elapsed(findings.elapsed)
    ));
    p.text(Style::Normal, &text)?;
    p.line(if verdict.failed { Style::Failure } else { Style::Success }, &verdict.to_string())
}

/// The console's final line (counts and `PASSED`/`FAILED`), uncoloured: what `--format github` prints on stderr,
/// where the annotations alone would not say how the run ended.
pub fn verdict_line(findings: &Findings, opts: &RenderOptions) -> String {
    let mut out = Vec::new();
    let written = final_line(&mut Painter { out: &mut out, color: false }, findings, opts);
    debug_assert!(written.is_ok(), "writing to a Vec cannot fail");
    String::from_utf8_lossy(&out).trim_end().to_owned()
}

/// Wall time as the final line shows it: `0.42s`, `12.30s`.
pub(crate) fn elapsed(d: Duration) -> String {
    format!("{:.2}s", d.as_secs_f64())
}

/// `text` cut at spaces into lines of at most `width` characters (a longer word stays whole); continuation lines
/// are indented so they read as one description. ArchUnit's descriptions of rules with long lists of packages or
/// alternatives run past a thousand characters on one line.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut empty = true;
    for word in text.split(' ') {
        if !empty && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::replace(&mut line, INDENT.to_owned()));
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    lines.push(line);
    lines
}

/// Kotlin's `padEnd`: pads with spaces to `width` characters, never truncates.
fn pad(s: &str, width: usize) -> String {
    format!("{s:<width$}")
}
