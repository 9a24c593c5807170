//! The JSON report: a superset of Nebula ArchRules' `report.json`
//! (`{"violations":[{"rule":{"ruleClass","ruleName","description","priority"},"message","status"}]}`, one entry per
//! violation; a PASS rule appears once with an empty message and a NO_MATCH rule once with Nebula's
//! `no classes matched the required condition`), so tools that read Nebula's reports keep working. On top of it:
//! `schemaVersion`, `tool`, a `summary`, structured fields per violation, warnings and unused suppressions.
//! The shape is published as `docs/report.schema.json`; tests validate every rendered report against it.

use super::console::NO_MATCH_MESSAGE;
use super::threshold::Verdict;
use super::view::sorted;
use super::{RenderOptions, Report};
use crate::findings::{Findings, Priority, RuleInfo, Status, UnresolvedClass, Violation};
use serde::Serialize;
use std::io::{self, Write};

/// Bumped when a field changes meaning or disappears; new fields do not bump it.
pub const JSON_SCHEMA_VERSION: u32 = 1;

pub struct JsonReport;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Root<'a> {
    schema_version: u32,
    tool: Tool<'a>,
    summary: Summary,
    violations: Vec<Entry<'a>>,
    warnings: &'a [String],
    unused_suppressions: Vec<UnusedSuppression<'a>>,
    unresolved_classes: &'a [UnresolvedClass],
}

#[derive(Serialize)]
struct Tool<'a> {
    name: &'static str,
    version: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Summary {
    /// `PASS` or `FAIL`: what the exit code says.
    verdict: &'static str,
    reason: String,
    fail_on: &'static str,
    rules: usize,
    passed_rules: usize,
    failed_rules: usize,
    no_match_rules: usize,
    /// Active (failing-eligible) violations by priority.
    violations: ByPriority,
    suppressed: usize,
    baselined: usize,
    classes_analysed: usize,
    elapsed_ms: u64,
    /// How many of the warnings are about unreadable inputs.
    input_warnings: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "UPPERCASE")]
struct ByPriority {
    high: usize,
    medium: usize,
    low: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule<'a> {
    // Nebula's four fields first, in Nebula's order.
    rule_class: &'a str,
    rule_name: &'a str,
    description: &'a str,
    priority: Priority,
    pack_origin: &'a str,
    security_severity: Option<f32>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Entry<'a> {
    rule: Rule<'a>,
    message: &'a str,
    status: Status,
    origin_class: Option<&'a str>,
    origin_member: Option<&'a str>,
    target_class: Option<&'a str>,
    target_member: Option<&'a str>,
    source_file: Option<&'a str>,
    line: Option<u32>,
    /// The input (directory, jar, `jar!entry`) the origin class came from.
    input: Option<&'a str>,
    suppressed: bool,
    baselined: bool,
    /// What to use instead of a deprecated target, or since when it is deprecated; never part of `message`.
    hint: Option<&'a str>,
}

#[derive(Serialize)]
struct UnusedSuppression<'a> {
    target: &'a str,
    rule: &'a str,
}

impl Report for JsonReport {
    fn render(&self, findings: &Findings, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        let results = sorted(findings);
        let verdict = Verdict::for_run(findings, opts);
        let c = verdict.counts;
        let summary = Summary {
            verdict: if verdict.failed { "FAIL" } else { "PASS" },
            reason: verdict.reason,
            fail_on: opts.fail_on.name(),
            rules: c.rules,
            passed_rules: c.passed,
            failed_rules: c.failed,
            no_match_rules: c.no_match,
            violations: ByPriority {
                high: c.active(Priority::High),
                medium: c.active(Priority::Medium),
                low: c.active(Priority::Low),
            },
            suppressed: c.suppressed,
            baselined: c.baselined,
            classes_analysed: findings.classes_analysed,
            elapsed_ms: u64::try_from(findings.elapsed.as_millis()).unwrap_or(u64::MAX),
            input_warnings: findings.input_warnings,
        };
        let mut violations = Vec::new();
        for r in &results {
            let rule = || rule(&r.rule);
            match (r.status, r.violations.as_slice()) {
                (Status::NoMatch, _) => violations.push(bare(rule(), NO_MATCH_MESSAGE, r.status)),
                (_, []) => violations.push(bare(rule(), "", r.status)),
                (_, vs) => violations.extend(vs.iter().map(|v| entry(rule(), v, r.status))),
            }
        }
        let root = Root {
            schema_version: JSON_SCHEMA_VERSION,
            tool: Tool { name: "archrules", version: opts.tool_version },
            summary,
            violations,
            warnings: &findings.warnings,
            unused_suppressions: findings
                .unused_suppressions
                .iter()
                .map(|(target, rule)| UnusedSuppression { target, rule })
                .collect(),
            unresolved_classes: &findings.unresolved,
        };
        serde_json::to_writer_pretty(&mut *out, &root).map_err(io::Error::from)?;
        writeln!(out)
    }
}

fn rule(r: &RuleInfo) -> Rule<'_> {
    Rule {
        rule_class: &r.pack,
        rule_name: &r.name,
        description: &r.description,
        priority: r.priority,
        pack_origin: &r.pack_origin,
        security_severity: r.security_severity,
    }
}

/// A rule's single entry when it has no violations (PASS, NO_MATCH), as Nebula writes it.
fn bare<'a>(rule: Rule<'a>, message: &'a str, status: Status) -> Entry<'a> {
    Entry {
        rule,
        message,
        status,
        origin_class: None,
        origin_member: None,
        target_class: None,
        target_member: None,
        source_file: None,
        line: None,
        input: None,
        suppressed: false,
        baselined: false,
        hint: None,
    }
}

fn entry<'a>(rule: Rule<'a>, v: &'a Violation, status: Status) -> Entry<'a> {
    Entry {
        rule,
        message: &v.message,
        status,
        origin_class: Some(&v.origin_class),
        origin_member: v.origin_member.as_deref(),
        target_class: v.target_class.as_deref(),
        target_member: v.target_member.as_deref(),
        source_file: v.source_file.as_deref(),
        line: Some(v.line),
        input: v.location.as_deref(),
        suppressed: v.suppressed,
        baselined: v.baselined,
        hint: v.hint.as_deref(),
    }
}
