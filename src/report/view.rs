//! The deterministic order every renderer uses: rules by (pack, name), violations by (class, member, line, message).

use super::threshold::is_active;
use crate::findings::{Findings, RuleResult, Violation};
use std::cmp::Ordering;

/// A sorted copy of the results. Cloning keeps renderers free of `&mut`; reports are small next to the graph.
pub(crate) fn sorted(findings: &Findings) -> Vec<RuleResult> {
    let mut results = findings.results.clone();
    for r in &mut results {
        r.violations.sort_by(cmp_violation);
    }
    results.sort_by(|a, b| (&a.rule.pack, &a.rule.name).cmp(&(&b.rule.pack, &b.rule.name)));
    results
}

pub(crate) fn cmp_violation(a: &Violation, b: &Violation) -> Ordering {
    (&a.origin_class, &a.origin_member, a.line, &a.message).cmp(&(
        &b.origin_class,
        &b.origin_member,
        b.line,
        &b.message,
    ))
}

/// Results grouped by pack, in sorted order: `(pack, rules of that pack)`.
pub(crate) fn by_pack(results: &[RuleResult]) -> Vec<(&str, &[RuleResult])> {
    let mut out: Vec<(&str, &[RuleResult])> = Vec::new();
    let mut start = 0;
    for i in 1..=results.len() {
        let boundary = match (results.get(i - 1), results.get(i)) {
            (Some(a), Some(b)) => a.rule.pack != b.rule.pack,
            _ => true,
        };
        if boundary {
            if let (Some(first), Some(group)) = (results.get(start), results.get(start..i)) {
                out.push((first.rule.pack.as_str(), group));
            }
            start = i;
        }
    }
    out
}

/// Per-rule tallies shown in summaries.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Tally {
    pub active: usize,
    pub suppressed: usize,
    pub baselined: usize,
}

impl Tally {
    pub fn of(r: &RuleResult) -> Tally {
        let mut t = Tally::default();
        for v in &r.violations {
            if v.suppressed {
                t.suppressed += 1;
            } else if v.baselined {
                t.baselined += 1;
            } else if is_active(r, v) {
                t.active += 1;
            }
        }
        t
    }

    /// `, 1 suppressed, 2 baselined`, or nothing.
    pub fn exempt_suffix(&self) -> String {
        let mut s = String::new();
        if self.suppressed > 0 {
            s.push_str(&format!(", {} suppressed", self.suppressed));
        }
        if self.baselined > 0 {
            s.push_str(&format!(", {} baselined", self.baselined));
        }
        s
    }
}

/// The word a report shows for a violation's exemption, if any.
pub(crate) fn exemption(v: &Violation) -> Option<&'static str> {
    if v.suppressed {
        Some("suppressed")
    } else if v.baselined {
        Some("baselined")
    } else {
        None
    }
}
