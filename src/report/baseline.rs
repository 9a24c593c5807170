//! Baselines, for adopting rules on a legacy code base: `archrules baseline` records today's violations, and
//! `check --baseline F` fails only on violations that are not in it. Matching ignores line numbers and synthetic
//! numbering ([`normalize_message`]) and counts multiplicity, like ArchUnit's frozen rules: two identical violations in
//! the baseline excuse two today, not three. Baselined entries that no longer occur are reported as fixed and dropped
//! by `--update-baseline` ([`Baseline::prune`]); new violations are never added by an update (that is what
//! re-running `archrules baseline` is for).
//!
//! The file is stable, sorted (pack, rule, message), diff-friendly JSON with one entry per line.

use super::normalize::normalize_message;
use super::view::cmp_violation;
use crate::findings::{Findings, Status};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Bumped when the matching or the file's meaning changes.
pub const BASELINE_SCHEMA_VERSION: u32 = 1;

/// One recorded violation, normalised, with how many times it occurred.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct BaselineEntry {
    pub pack: String,
    pub rule: String,
    /// [`normalize_message`] of the violation's message.
    pub message: String,
    #[serde(default = "one")]
    pub count: usize,
}

fn one() -> usize {
    1
}

type Key = (String, String, String);

/// Recorded violations, keyed by (pack, rule, normalised message).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    counts: BTreeMap<Key, usize>,
}

/// What [`Baseline::apply`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BaselineDiff {
    /// Violations not in the baseline: these can fail the run.
    pub new: Vec<BaselineEntry>,
    /// Baseline entries that no longer occur (count = how many fewer).
    pub fixed: Vec<BaselineEntry>,
    /// Violations excused by the baseline (now marked `baselined`).
    pub matched: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("baseline {} not found: record one with `archrules baseline --output {}` and commit it", path.display(), path.display())]
    Missing { path: PathBuf },
    #[error("cannot read baseline {}: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("cannot write baseline {}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error("baseline {} is not a valid archrules baseline: {source}", path.display())]
    Parse { path: PathBuf, source: serde_json::Error },
    #[error("baseline {} has schemaVersion {found}; this archrules reads version {BASELINE_SCHEMA_VERSION}", path.display())]
    Version { path: PathBuf, found: u32 },
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct FileHeader {
    schema_version: u32,
    #[serde(default)]
    violations: Vec<BaselineEntry>,
}

impl Baseline {
    /// Every current violation of a failing rule, except suppressed ones (a suppression already exempts them).
    pub fn from_findings(findings: &Findings) -> Baseline {
        let mut counts = BTreeMap::new();
        for r in findings.results.iter().filter(|r| r.status == Status::Fail) {
            for v in r.violations.iter().filter(|v| !v.suppressed) {
                let key = (r.rule.pack.clone(), r.rule.name.clone(), normalize_message(&v.message));
                *counts.entry(key).or_insert(0) += 1;
            }
        }
        Baseline { counts }
    }

    /// Reads a baseline; a missing file is [`BaselineError::Missing`].
    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        let text = std::fs::read_to_string(path).map_err(|source| match source.kind() {
            io::ErrorKind::NotFound => BaselineError::Missing { path: path.to_owned() },
            _ => BaselineError::Read { path: path.to_owned(), source },
        })?;
        Baseline::parse(&text).map_err(|e| e.at(path))
    }

    /// What `check --baseline F` should use: the baseline, or `None` when the file is missing and that is allowed
    /// (off CI: `--update-baseline` will create it). Missing on CI is an error, with or without `--update-baseline`,
    /// so a forgotten commit of the baseline cannot silently turn the check off (nor record every violation).
    pub fn load_for_check(path: &Path, on_ci: bool) -> Result<Option<Baseline>, BaselineError> {
        match Baseline::load(path) {
            Ok(b) => Ok(Some(b)),
            Err(BaselineError::Missing { .. }) if !on_ci => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn parse(text: &str) -> Result<Baseline, ParseFailure> {
        let header: FileHeader = serde_json::from_str(text).map_err(ParseFailure::Json)?;
        if header.schema_version != BASELINE_SCHEMA_VERSION {
            return Err(ParseFailure::Version(header.schema_version));
        }
        let mut counts = BTreeMap::new();
        for e in header.violations {
            *counts.entry((e.pack, e.rule, e.message)).or_insert(0) += e.count;
        }
        Ok(Baseline { counts })
    }

    /// Writes the file atomically (temporary file, then rename), so an interrupted run never leaves half a baseline.
    pub fn save(&self, path: &Path) -> Result<(), BaselineError> {
        let write_err = |source| BaselineError::Write { path: path.to_owned(), source };
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(".tmp");
        let tmp = PathBuf::from(tmp);
        let mut file = std::fs::File::create(&tmp).map_err(write_err)?;
        self.write(&mut file).and_then(|()| file.sync_all()).map_err(write_err)?;
        drop(file);
        std::fs::rename(&tmp, path).map_err(write_err)
    }

    /// The file's text: pretty at the top, one compact entry per line, sorted.
    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{{\n  \"schemaVersion\": {BASELINE_SCHEMA_VERSION},\n  \"violations\": [")?;
        let entries = self.entries();
        for (i, e) in entries.iter().enumerate() {
            let line = serde_json::to_string(e).map_err(io::Error::other)?;
            let comma = if i + 1 < entries.len() { "," } else { "" };
            writeln!(out, "    {line}{comma}")?;
        }
        writeln!(out, "  ]\n}}")
    }

    /// Entries in file order.
    pub fn entries(&self) -> Vec<BaselineEntry> {
        self.counts
            .iter()
            .map(|((pack, rule, message), &count)| BaselineEntry {
                pack: pack.clone(),
                rule: rule.clone(),
                message: message.clone(),
                count,
            })
            .collect()
    }

    /// Number of recorded violations, multiplicity included.
    pub fn len(&self) -> usize {
        self.counts.values().sum()
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// Marks violations found in the baseline as `baselined` (they then never fail) and reports the rest as new and
    /// the unused entries as fixed. Within one key, violations are matched in report order (class, member, line), so
    /// with two recorded and three present the last one is the new one.
    pub fn apply(&self, findings: &mut Findings) -> BaselineDiff {
        let mut budget = self.counts.clone();
        let mut new: BTreeMap<Key, usize> = BTreeMap::new();
        let mut matched = 0;
        for r in findings.results.iter_mut() {
            r.violations.sort_by(cmp_violation);
            for v in r.violations.iter_mut() {
                v.baselined = false;
                if r.status != Status::Fail || v.suppressed {
                    continue;
                }
                let key = (r.rule.pack.clone(), r.rule.name.clone(), normalize_message(&v.message));
                match budget.get_mut(&key) {
                    Some(left) if *left > 0 => {
                        *left -= 1;
                        v.baselined = true;
                        matched += 1;
                    }
                    _ => *new.entry(key).or_insert(0) += 1,
                }
            }
        }
        budget.retain(|_, left| *left > 0);
        BaselineDiff { new: to_entries(new), fixed: to_entries(budget), matched }
    }

    /// `--update-baseline`: drop the entries a diff found fixed. New violations are not added.
    pub fn prune(&mut self, fixed: &[BaselineEntry]) {
        for e in fixed {
            let key = (e.pack.clone(), e.rule.clone(), e.message.clone());
            if let Some(count) = self.counts.get_mut(&key) {
                *count = count.saturating_sub(e.count);
                if *count == 0 {
                    self.counts.remove(&key);
                }
            }
        }
    }
}

/// What [`check`] did to the findings and the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaselineRun {
    pub diff: BaselineDiff,
    /// The file was created (missing, with `--update-baseline`) or rewritten without its fixed entries.
    pub written: bool,
}

/// The whole `check --baseline F [--update-baseline]` flow for the CLI. Marks baselined violations in `findings`;
/// with `update`, drops fixed entries from the file, or creates it from today's violations when it is missing.
/// `Ok(None)`: no file and no update, off CI, so nothing is baselined. Missing on CI is an error.
pub fn check(
    path: &Path,
    findings: &mut Findings,
    update: bool,
    on_ci: bool,
) -> Result<Option<BaselineRun>, BaselineError> {
    match Baseline::load_for_check(path, on_ci)? {
        Some(mut baseline) => {
            let diff = baseline.apply(findings);
            let written = update && !diff.fixed.is_empty();
            if written {
                baseline.prune(&diff.fixed);
                baseline.save(path)?;
            }
            Ok(Some(BaselineRun { diff, written }))
        }
        None if update => {
            let baseline = Baseline::from_findings(findings);
            baseline.save(path)?;
            Ok(Some(BaselineRun { diff: baseline.apply(findings), written: true }))
        }
        None => Ok(None),
    }
}

impl BaselineDiff {
    /// A few lines for the console: counts, then each fixed entry, then the hint to update.
    pub fn write_summary(&self, out: &mut dyn Write) -> io::Result<()> {
        let new: usize = self.new.iter().map(|e| e.count).sum();
        let fixed: usize = self.fixed.iter().map(|e| e.count).sum();
        writeln!(out, "Baseline: {} matched, {new} new, {fixed} fixed", self.matched)?;
        for e in &self.fixed {
            let times = if e.count > 1 { format!(" (x{})", e.count) } else { String::new() };
            writeln!(out, "    fixed: [{}] {}{times}", e.rule, e.message)?;
        }
        if fixed > 0 {
            writeln!(out, "Run with --update-baseline to drop fixed violations from the baseline.")?;
        }
        Ok(())
    }
}

fn to_entries(map: BTreeMap<Key, usize>) -> Vec<BaselineEntry> {
    map.into_iter().map(|((pack, rule, message), count)| BaselineEntry { pack, rule, message, count }).collect()
}

enum ParseFailure {
    Json(serde_json::Error),
    Version(u32),
}

impl ParseFailure {
    fn at(self, path: &Path) -> BaselineError {
        match self {
            ParseFailure::Json(source) => BaselineError::Parse { path: path.to_owned(), source },
            ParseFailure::Version(found) => BaselineError::Version { path: path.to_owned(), found },
        }
    }
}
