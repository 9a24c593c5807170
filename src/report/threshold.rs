//! The failure threshold (`--fail-on`), the counts every report's summary shows, and the verdict that decides the
//! exit code. Suppressed and baselined violations are counted and shown but never fail; NO_MATCH rules are reported
//! but never fail either, as in Nebula's `EnforceArchRulesTask` (it fails on `FAIL` results only).

use super::ParseError;
use crate::findings::{Findings, Priority, RuleResult, Status, Violation};
use std::fmt;
use std::str::FromStr;

/// `--fail-on`: the lowest priority whose violations fail the run, or `Never`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Threshold {
    Low,
    Medium,
    /// "High priority failures fail the build."
    #[default]
    High,
    Never,
}

impl Threshold {
    /// Whether a violation of priority `p` fails the run under this threshold.
    pub fn includes(self, p: Priority) -> bool {
        match self {
            Threshold::Low => true,
            Threshold::Medium => p >= Priority::Medium,
            Threshold::High => p == Priority::High,
            Threshold::Never => false,
        }
    }

    /// The flag value, as `--fail-on` spells it.
    pub fn name(self) -> &'static str {
        match self {
            Threshold::Low => "low",
            Threshold::Medium => "medium",
            Threshold::High => "high",
            Threshold::Never => "never",
        }
    }
}

impl fmt::Display for Threshold {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Threshold {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "low" => Ok(Threshold::Low),
            "medium" => Ok(Threshold::Medium),
            "high" => Ok(Threshold::High),
            "never" => Ok(Threshold::Never),
            _ => Err(ParseError { what: "threshold", given: s.to_owned(), expected: "low, medium, high, never" }),
        }
    }
}

/// `--details low|medium|high`.
impl FromStr for Priority {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "low" => Ok(Priority::Low),
            "medium" => Ok(Priority::Medium),
            "high" => Ok(Priority::High),
            _ => Err(ParseError { what: "priority", given: s.to_owned(), expected: "low, medium, high" }),
        }
    }
}

impl Priority {
    /// ArchUnit's `Priority.asString()`: `HIGH`, `MEDIUM`, `LOW`.
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Low => "LOW",
            Priority::Medium => "MEDIUM",
            Priority::High => "HIGH",
        }
    }
}

/// A violation that counts against the threshold: its rule failed and nothing exempts it.
pub fn is_active(result: &RuleResult, v: &Violation) -> bool {
    result.status == Status::Fail && !v.suppressed && !v.baselined
}

/// What the final line and every summary report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub rules: usize,
    /// Rules with no active violation (passing, or all violations suppressed or baselined).
    pub passed: usize,
    /// Rules with at least one active violation.
    pub failed: usize,
    pub no_match: usize,
    /// Active violations by priority: `[LOW, MEDIUM, HIGH]`.
    pub by_priority: [usize; 3],
    pub suppressed: usize,
    pub baselined: usize,
}

impl Counts {
    pub fn of(findings: &Findings) -> Counts {
        let mut c = Counts { rules: findings.results.len(), ..Counts::default() };
        for r in &findings.results {
            let active = r.violations.iter().filter(|v| is_active(r, v)).count();
            c.by_priority[r.rule.priority as usize] += active;
            c.suppressed += r.violations.iter().filter(|v| v.suppressed).count();
            c.baselined += r.violations.iter().filter(|v| v.baselined && !v.suppressed).count();
            match r.status {
                Status::NoMatch => c.no_match += 1,
                _ if active > 0 => c.failed += 1,
                _ => c.passed += 1,
            }
        }
        c
    }

    pub fn active(&self, p: Priority) -> usize {
        self.by_priority[p as usize]
    }

    pub fn total_active(&self) -> usize {
        self.by_priority.iter().sum()
    }

    /// Active violations that fail the run under `fail_on`.
    pub fn failing(&self, fail_on: Threshold) -> usize {
        [Priority::Low, Priority::Medium, Priority::High]
            .into_iter()
            .filter(|&p| fail_on.includes(p))
            .map(|p| self.active(p))
            .sum()
    }
}

/// Whether the run passed, and why, in words the console and summaries print (`FAILED: 2 violations at or above
/// HIGH priority (--fail-on high)`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub failed: bool,
    /// Why, without the PASSED/FAILED word.
    pub reason: String,
    pub counts: Counts,
}

impl Verdict {
    pub fn of(findings: &Findings, fail_on: Threshold) -> Verdict {
        Verdict::judged(findings, fail_on, &TargetThresholds::default())
    }

    /// The verdict as a run's options give it: `fail_on`, or each target's own threshold.
    pub fn for_run(findings: &Findings, opts: &super::RenderOptions) -> Verdict {
        Verdict::judged(findings, opts.fail_on, &opts.target_fail_on)
    }

    /// Each active violation judged by its target's threshold (`fail_on` for those of no listed target).
    pub fn judged(findings: &Findings, fail_on: Threshold, targets: &TargetThresholds) -> Verdict {
        let counts = Counts::of(findings);
        let total = counts.total_active();
        if !targets.is_empty() {
            let failing = findings
                .results
                .iter()
                .flat_map(|r| r.violations.iter().map(move |v| (r, v)))
                .filter(|(r, v)| is_active(r, v) && targets.for_violation(v, fail_on).includes(r.rule.priority))
                .count();
            let why =
                format!("their target's failure threshold ([[target]] in archrules.toml, else --fail-on {fail_on})");
            let reason = match failing {
                0 if total == 0 => "no violations".to_owned(),
                0 => format!("{}, all below {why}", plural(total, "violation")),
                n => format!("{} at or above {why}", plural(n, "violation")),
            };
            return Verdict { failed: failing > 0, reason, counts };
        }
        let failing = counts.failing(fail_on);
        let reason = match fail_on {
            Threshold::Never if total > 0 => {
                format!("{}, but --fail-on never", plural(total, "violation"))
            }
            _ if failing > 0 => format!(
                "{} at or above {} priority (--fail-on {fail_on})",
                plural(failing, "violation"),
                lowest(fail_on)
            ),
            _ if total > 0 => {
                format!("{}, all below {} priority (--fail-on {fail_on})", plural(total, "violation"), lowest(fail_on))
            }
            _ => "no violations".to_owned(),
        };
        Verdict { failed: failing > 0, reason, counts }
    }

    /// 1 when a violation is at or above the threshold, else 0 (2 and 3 are the CLI's).
    pub fn exit_code(&self) -> i32 {
        i32::from(self.failed)
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let word = if self.failed { "FAILED" } else { "PASSED" };
        write!(f, "{word}: {}", self.reason)
    }
}

/// Per-target failure thresholds (`[[target]]` in archrules.toml) when the targets of one run differ: a violation
/// is judged by the threshold of the input its class came from (its `location` starts with that input's path).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TargetThresholds(Vec<(String, Threshold)>);

impl TargetThresholds {
    /// `(input path as the inputs spell it, threshold)`; the longest path wins when inputs nest.
    pub fn new(mut targets: Vec<(String, Threshold)>) -> TargetThresholds {
        for (path, _) in &mut targets {
            while path.len() > 1 && path.ends_with(['/', std::path::MAIN_SEPARATOR]) {
                path.pop();
            }
        }
        targets.sort_by_key(|(path, _)| std::cmp::Reverse(path.len()));
        TargetThresholds(targets)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The threshold judging `v`: its target's, else `default`.
    pub fn for_violation(&self, v: &Violation, default: Threshold) -> Threshold {
        let Some(location) = v.location.as_deref() else { return default };
        self.0.iter().find(|(path, _)| within(location, path)).map_or(default, |(_, t)| *t)
    }
}

/// Whether `location` (`dir/a/B.class`, `app.jar!/a/B.class`, `app.jar`) lies in the input at `path`.
fn within(location: &str, path: &str) -> bool {
    location
        .strip_prefix(path)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '!', std::path::MAIN_SEPARATOR]))
}

/// The process exit code for `findings` under `fail_on`.
pub fn exit_code(findings: &Findings, fail_on: Threshold) -> i32 {
    Verdict::of(findings, fail_on).exit_code()
}

fn lowest(t: Threshold) -> &'static str {
    match t {
        Threshold::Low => "LOW",
        Threshold::Medium => "MEDIUM",
        Threshold::High | Threshold::Never => "HIGH",
    }
}

/// `1 violation`, `2 violations`.
pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}
