//! GitHub Actions workflow commands: one annotation per active violation (`::error file=…,line=…,title=…::…`;
//! HIGH error, MEDIUM warning, LOW notice), escaped as GitHub's toolkit escapes them. Under GitHub Actions a step
//! shows at most 10 annotations of each level, so the rest go to the step summary as a markdown table instead of
//! vanishing.

use super::locate::{guessed_source_file, SourceLocator};
use super::markdown::{cell, code_cell};
use super::threshold::is_active;
use super::view::sorted;
use super::{RenderOptions, Report};
use crate::findings::{Findings, Priority, RuleResult, Violation};
use std::io::{self, Write};

/// GitHub's per-step cap, per annotation level.
pub const ANNOTATIONS_PER_LEVEL: usize = 10;

pub struct GithubReport;

struct Annotation<'a> {
    rule: &'a RuleResult,
    violation: &'a Violation,
    file: Option<String>,
}

impl Report for GithubReport {
    fn render(&self, findings: &Findings, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        let Some(path) = opts.step_summary.as_ref().filter(|_| opts.github_actions) else {
            return GithubReport::render_split(findings, opts, out, None);
        };
        match std::fs::OpenOptions::new().append(true).create(true).open(path) {
            Ok(mut file) => GithubReport::render_split(findings, opts, out, Some(&mut file)),
            Err(e) => {
                writeln!(out, "archrules: cannot append to the step summary {}: {e}", path.display())?;
                GithubReport::render_split(findings, opts, out, None)
            }
        }
    }
}

impl GithubReport {
    /// Annotations to `out`; under GitHub Actions, those over the per-level cap to `summary` as markdown (or, with
    /// no summary, counted in a log line).
    pub fn render_split(
        findings: &Findings,
        opts: &RenderOptions,
        out: &mut dyn Write,
        summary: Option<&mut dyn Write>,
    ) -> io::Result<()> {
        let results = sorted(findings);
        let mut locator = SourceLocator::new(&opts.source_roots);
        let mut shown = [0usize; 3];
        let mut overflow = Vec::new();
        for r in &results {
            for v in r.violations.iter().filter(|v| is_active(r, v)) {
                let source = v.source_file.clone().unwrap_or_else(|| guessed_source_file(&v.origin_class).into());
                let file = locator.find(&v.origin_class, &source).map(|p| p.to_string_lossy().replace('\\', "/"));
                let a = Annotation { rule: r, violation: v, file };
                let count = &mut shown[r.rule.priority as usize];
                if opts.github_actions && *count >= ANNOTATIONS_PER_LEVEL {
                    overflow.push(a);
                } else {
                    *count += 1;
                    write_annotation(out, &a)?;
                }
            }
        }
        if overflow.is_empty() {
            return Ok(());
        }
        match summary {
            Some(summary) => {
                write_overflow(summary, &overflow)?;
                writeln!(out, "archrules: {} more violations are listed in the step summary", overflow.len())
            }
            None => writeln!(
                out,
                "archrules: {} more violations were not annotated (GitHub shows {ANNOTATIONS_PER_LEVEL} per level per step)",
                overflow.len()
            ),
        }
    }
}

fn command(p: Priority) -> &'static str {
    match p {
        Priority::High => "error",
        Priority::Medium => "warning",
        Priority::Low => "notice",
    }
}

fn write_annotation(out: &mut dyn Write, a: &Annotation) -> io::Result<()> {
    let rule = &a.rule.rule;
    let mut props = Vec::new();
    if let Some(file) = &a.file {
        props.push(format!("file={}", escape_property(file)));
        props.push(format!("line={}", a.violation.line.max(1)));
    }
    props.push(format!("title={}", escape_property(&format!("{} ({})", rule.name, rule.priority.as_str()))));
    let message = format!("{}\n{}", a.violation.message, rule.description);
    writeln!(out, "::{} {}::{}", command(rule.priority), props.join(","), escape_data(&message))
}

fn write_overflow(out: &mut dyn Write, overflow: &[Annotation]) -> io::Result<()> {
    writeln!(out, "### archrules: violations not annotated\n")?;
    writeln!(
        out,
        "GitHub shows at most {ANNOTATIONS_PER_LEVEL} annotations of each level per step; these {} are the rest.\n",
        overflow.len()
    )?;
    writeln!(out, "| Priority | Rule | Location | Violation |\n| --- | --- | --- | --- |")?;
    for a in overflow {
        let location = match &a.file {
            Some(f) => code_cell(&format!("{f}:{}", a.violation.line)),
            None => code_cell(&a.violation.origin_class),
        };
        writeln!(
            out,
            "| {} | {} | {} | {} |",
            a.rule.rule.priority.as_str(),
            cell(&a.rule.rule.name),
            location,
            code_cell(&a.violation.message)
        )?;
    }
    writeln!(out)
}

/// A run warning (an unreadable input, classes found nowhere) as a `::warning::` workflow command, which the
/// runner turns into an annotation whether it reads it on stdout or stderr.
pub fn warning_command(text: &str) -> String {
    format!("::warning title={}::{}", escape_property("archrules"), escape_data(text))
}

/// GitHub toolkit's `escapeData`.
pub(crate) fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// GitHub toolkit's `escapeProperty`: data escaping plus `:` and `,`.
pub(crate) fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}
