//! Markdown for `$GITHUB_STEP_SUMMARY` and merge-request comments, after Nebula's `MarkdownReportPrinter`
//! (`# ArchRule Summary`, `### RuleClass: <pack>` with a `| Rule Name | Priority | Failures |` table,
//! `# ArchRule Violation Details`), with the verdict on top and each rule's details collapsed in `<details>`.
//! Messages are code spans: ArchUnit's `<com.acme.Foo>` would otherwise be swallowed as HTML.

use super::console::{elapsed, NO_MATCH_MESSAGE};
use super::threshold::{is_active, plural, Verdict};
use super::view::{by_pack, exemption, sorted, Tally};
use super::{RenderOptions, Report};
use crate::findings::{Findings, Priority, Status};
use std::io::{self, Write};

/// Violations listed per rule; GitHub caps a step summary at 1 MiB, and nobody reads the 5001st line.
const MAX_LISTED: usize = 200;

pub struct MarkdownReport;

impl Report for MarkdownReport {
    fn render(&self, findings: &Findings, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        let results = sorted(findings);
        let verdict = Verdict::for_run(findings, opts);
        let c = &verdict.counts;
        writeln!(out, "# ArchRule Summary\n")?;
        writeln!(out, "**{}**\n", text(&verdict.to_string()))?;
        writeln!(
            out,
            "{} HIGH, {} MEDIUM, {} LOW violations; {} suppressed, {} baselined; {} rules on {} classes in {}.\n",
            c.active(Priority::High),
            c.active(Priority::Medium),
            c.active(Priority::Low),
            c.suppressed,
            c.baselined,
            c.rules,
            findings.classes_analysed,
            elapsed(findings.elapsed)
        )?;
        for (pack, rules) in by_pack(&results) {
            let shown: Vec<_> = rules
                .iter()
                .filter(|r| opts.show_passing || r.status == Status::NoMatch || Tally::of(r).active > 0)
                .collect();
            if shown.is_empty() {
                continue;
            }
            writeln!(out, "### RuleClass: {}\n", cell(pack))?;
            writeln!(out, "| Rule Name | Priority | Failures |\n| --- | --- | --- |")?;
            for r in shown {
                let t = Tally::of(r);
                let failures = match r.status {
                    Status::NoMatch => "no classes matched".to_owned(),
                    _ => format!("{}{}", t.active, t.exempt_suffix()),
                };
                writeln!(out, "| {} | {} | {} |", cell(&r.rule.name), r.rule.priority.as_str(), failures)?;
            }
            writeln!(out)?;
        }
        writeln!(out, "# ArchRule Violation Details\n")?;
        let mut hidden = 0;
        for r in &results {
            let t = Tally::of(r);
            let has_something = r.status == Status::NoMatch || (r.status == Status::Fail && !r.violations.is_empty());
            if !has_something {
                continue;
            }
            if r.rule.priority < opts.details {
                hidden += usize::from(t.active > 0);
                continue;
            }
            let outcome = match r.status {
                Status::NoMatch => "no classes matched".to_owned(),
                _ => format!("{} failures{}", t.active, t.exempt_suffix()),
            };
            writeln!(out, "<details>")?;
            writeln!(
                out,
                "<summary><b>{}</b> ({}): {}</summary>\n",
                text(&r.rule.name),
                r.rule.priority.as_str(),
                outcome
            )?;
            writeln!(out, "{}\n", text(&r.rule.description))?;
            if r.status == Status::NoMatch {
                writeln!(out, "- {}", code(NO_MATCH_MESSAGE))?;
            }
            let listed: Vec<_> =
                r.violations.iter().filter(|v| (is_active(r, v) || v.suppressed) && !v.baselined).collect();
            for v in listed.iter().take(MAX_LISTED) {
                match exemption(v) {
                    Some(word) => writeln!(out, "- {} *({word})*", code(&v.message))?,
                    None => writeln!(out, "- {}", code(&v.message))?,
                }
            }
            if listed.len() > MAX_LISTED {
                writeln!(out, "- … and {} more", listed.len() - MAX_LISTED)?;
            }
            if t.baselined > 0 {
                writeln!(out, "- *{} baselined, not listed*", t.baselined)?;
            }
            writeln!(out, "\n</details>\n")?;
        }
        if hidden > 0 {
            writeln!(
                out,
                "*Details of {} with priority less than {} are not shown (`--details low` shows them).*\n",
                plural(hidden, "failing rule"),
                opts.details.as_str()
            )?;
        }
        if !findings.warnings.is_empty() || !findings.unused_suppressions.is_empty() {
            writeln!(out, "### Warnings\n")?;
            for w in &findings.warnings {
                writeln!(out, "- {}", text(w))?;
            }
            for (target, rule) in &findings.unused_suppressions {
                writeln!(out, "- suppression of rule '{}' on {} suppresses nothing", text(rule), code(target))?;
            }
            writeln!(out)?;
        }
        Ok(())
    }
}

/// Escapes text for HTML/markdown contexts: `<`, `>`, `&`, and `|` (table cells).
pub(crate) fn text(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('|', "\\|")
}

/// Text in a table cell.
pub(crate) fn cell(s: &str) -> String {
    text(s).replace('\n', " ")
}

/// A code span in a table cell, where `|` must be escaped even inside code.
pub(crate) fn code_cell(s: &str) -> String {
    code(&s.replace('|', "\\|"))
}

/// A code span that survives backticks in the text.
pub(crate) fn code(s: &str) -> String {
    let s = s.replace('\n', " ");
    let longest_run = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{s}{pad}{fence}")
}
