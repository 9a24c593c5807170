//! `archrules test PACK`, for pack authors: each rule of a pack runs against compiled fixture classes and its
//! violations are compared with an expected file per rule, re-blessed with `--bless`.
//!
//! Layout, next to the pack (the bundled packs use it for their own tests):
//!
//! ```text
//! rules/guava.arch
//! rules/tests/guava/test.toml              what to analyse (paths relative to this file)
//! rules/tests/guava/expected/<rule>.txt    one file per rule; the name with anything but [A-Za-z0-9.-] as `_`
//! ```
//!
//! `test.toml`:
//!
//! ```toml
//! targets = ["../../../fixtures/apiusage/classes"]
//! classpath = ["../../../fixtures/lib"]
//! packages = ["fixtures.api.guava.."]      # only violations from these packages count (ArchUnit patterns)
//! release = 17                              # optional, for release-gated packs
//! [params]                                  # optional pack parameters
//! ```
//!
//! An expected file holds the rule's status and its violations' messages, sorted, one per line; suppressed ones are
//! prefixed with `[suppressed] `:
//!
//! ```text
//! # guava optional: FAIL
//! Method <fixtures.api.guava.UsesGuavaOptional.get()> calls method <com.google.common.base.Optional.absent()> in (UsesGuavaOptional.java:9)
//! ```

use crate::findings::suppress;
use crate::findings::{RuleResult, Status};
use crate::graph::Graph;
use crate::packs::ParseFn;
use crate::rules::ir;
use crate::rules::package_pattern::PackagePattern;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A pack's test setup, read from `tests/<pack stem>/test.toml` beside the pack.
#[derive(Debug, Clone)]
pub struct PackTest {
    /// `tests/<stem>/`.
    pub dir: PathBuf,
    pub targets: Vec<PathBuf>,
    pub classpath: Vec<PathBuf>,
    pub packages: Vec<String>,
    pub release: Option<u32>,
    pub params: HashMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTest {
    targets: Vec<String>,
    #[serde(default)]
    classpath: Vec<String>,
    #[serde(default)]
    packages: Vec<String>,
    release: Option<u32>,
    #[serde(default)]
    params: HashMap<String, String>,
}

#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[diagnostic(code(archrules::packs::test))]
pub enum TestError {
    #[error("{path}: {message}")]
    Setup { path: PathBuf, message: String },
    #[error("no such pack: {}", path.display())]
    NoPack { path: PathBuf },
    #[error("pack {} has no tests: {} does not exist", pack.display(), file.display())]
    #[diagnostic(help("write a test.toml to fill in with `archrules test PACK --init` (add `--tests DIR` to keep the tests elsewhere)"))]
    NoSetup { pack: PathBuf, file: PathBuf },
    #[error("{} already exists", file.display())]
    Exists { file: PathBuf },
    #[error("rule pack {name} does not parse")]
    Dsl { name: String, report: miette::Report },
}

/// `archrules test PACK [--bless]`: parses the pack with the test's parameters, builds the graph of the test's
/// inputs (`graph_of`, the CLI's loader), evaluates every rule (`evaluate`, the engine), applies in-code
/// suppressions, and checks or blesses each rule's expected file. Returns the report text and whether all passed.
pub fn run(
    pack: &Path,
    parse: ParseFn,
    graph_of: &dyn Fn(&PackTest) -> Graph,
    evaluate: &dyn Fn(&Graph, &ir::Rule) -> RuleResult,
    bless: bool,
) -> Result<(String, bool), TestError> {
    run_in(pack, &test_dir(pack), parse, graph_of, evaluate, bless)
}

/// [`run`] with the tests in `dir` (holding `test.toml` and `expected/`) instead of beside the pack: `--tests DIR`,
/// for a pack that ships inside a jar (`src/main/resources/META-INF/archrules/`) whose fixtures must not.
pub fn run_in(
    pack: &Path,
    dir: &Path,
    parse: ParseFn,
    graph_of: &dyn Fn(&PackTest) -> Graph,
    evaluate: &dyn Fn(&Graph, &ir::Rule) -> RuleResult,
    bless: bool,
) -> Result<(String, bool), TestError> {
    if !pack.is_file() {
        return Err(TestError::NoPack { path: pack.to_owned() });
    }
    let test = PackTest::read(pack, dir)?;
    let name = pack.display().to_string();
    let text = std::fs::read_to_string(pack)
        .map_err(|e| TestError::Setup { path: pack.to_owned(), message: e.to_string() })?;
    let parsed = parse(&name, &text, &test.params).map_err(|report| TestError::Dsl { name, report })?;
    let graph = graph_of(&test);
    let mut results: Vec<RuleResult> = parsed.rules.iter().map(|r| evaluate(&graph, r)).collect();
    suppress::apply(&suppress::suppression_table(&graph), &graph, &mut results);
    let mut outcomes = Vec::with_capacity(results.len());
    for result in results {
        let scoped = test.scoped(result);
        outcomes.push((scoped.rule.name.clone(), test.check(&scoped, bless)?));
    }
    Ok(summarize(&parsed.id, &outcomes))
}

/// Where a pack's tests live: `<pack dir>/tests/<pack file stem>/`.
pub fn test_dir(pack: &Path) -> PathBuf {
    let stem = pack.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    pack.parent().unwrap_or(Path::new(".")).join("tests").join(stem)
}

/// What `archrules test PACK --init` writes: every key, commented, for the author to fill in.
const SCAFFOLD: &str = r#"# Tests of a rule pack, for `archrules test`. Paths are relative to this file.
# Fill in `targets`, then `archrules test PACK --bless` writes expected/<rule>.txt from what each rule finds now:
# read those files (they are the test), commit them, and `archrules test PACK` compares every later run with them.

# Compiled fixture classes (class directories or jars): code that should break the rules, and code that should not.
targets = []
# Their dependencies, to resolve what the fixtures refer to.
classpath = []
# Only violations from classes in these packages count (ArchUnit package patterns, e.g. "com.acme.fixtures..").
packages = []
# The Java release to check against, for packs gated on it.
# release = 17

# Pack parameters, NAME = "VALUE".
[params]
"#;

/// `archrules test PACK --init`: writes a `test.toml` to fill in, in `dir` (the pack's test directory). Returns
/// the file written; an existing one is never overwritten.
pub fn init(pack: &Path, dir: &Path) -> Result<PathBuf, TestError> {
    if !pack.is_file() {
        return Err(TestError::NoPack { path: pack.to_owned() });
    }
    let file = dir.join("test.toml");
    if file.exists() {
        return Err(TestError::Exists { file });
    }
    let io = |e: std::io::Error| TestError::Setup { path: file.clone(), message: e.to_string() };
    std::fs::create_dir_all(dir).map_err(io)?;
    std::fs::write(&file, SCAFFOLD).map_err(io)?;
    Ok(file)
}

impl PackTest {
    /// Reads `tests/<stem>/test.toml` for the pack at `pack`.
    pub fn for_pack(pack: &Path) -> Result<PackTest, TestError> {
        Self::read(pack, &test_dir(pack))
    }

    /// Reads `dir/test.toml`, the tests of the pack at `pack`.
    pub fn read(pack: &Path, dir: &Path) -> Result<PackTest, TestError> {
        let dir = dir.to_owned();
        let file = dir.join("test.toml");
        let setup = |message: String| TestError::Setup { path: file.clone(), message };
        let text = match std::fs::read_to_string(&file) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(TestError::NoSetup { pack: pack.to_owned(), file })
            }
            Err(e) => return Err(setup(format!("cannot read: {e}"))),
        };
        let raw: RawTest = toml::from_str(&text).map_err(|e| setup(e.message().to_owned()))?;
        for p in &raw.packages {
            PackagePattern::new(p).map_err(|e| setup(format!("bad package pattern '{p}': {e}")))?;
        }
        let resolve = |p: &String| dir.join(p);
        Ok(PackTest {
            targets: raw.targets.iter().map(resolve).collect(),
            classpath: raw.classpath.iter().map(resolve).collect(),
            packages: raw.packages,
            release: raw.release,
            params: raw.params,
            dir,
        })
    }

    /// The expected file of a rule.
    pub fn expected_path(&self, rule: &str) -> PathBuf {
        self.dir.join("expected").join(format!("{}.txt", file_name(rule)))
    }

    /// Keeps only violations from the test's packages; the status follows (FAIL with violations left, else PASS,
    /// NO_MATCH unchanged).
    pub fn scoped(&self, mut result: RuleResult) -> RuleResult {
        let patterns: Vec<PackagePattern> = self.packages.iter().filter_map(|p| PackagePattern::new(p).ok()).collect();
        if !patterns.is_empty() {
            result.violations.retain(|v| {
                let package = v.origin_class.rsplit_once('.').map_or("", |(p, _)| p);
                patterns.iter().any(|p| p.is_match(package))
            });
            if result.status != Status::NoMatch {
                result.status = if result.violations.is_empty() { Status::Pass } else { Status::Fail };
            }
        }
        result
    }

    /// Compares a rule's (scoped) result with its expected file, or writes the file when blessing.
    pub fn check(&self, result: &RuleResult, bless: bool) -> Result<Outcome, TestError> {
        let path = self.expected_path(&result.rule.name);
        let actual = render_expected(result);
        let io = |e: std::io::Error| TestError::Setup { path: path.clone(), message: e.to_string() };
        if bless {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(io)?;
            }
            std::fs::write(&path, &actual).map_err(io)?;
            return Ok(Outcome::Blessed);
        }
        match std::fs::read_to_string(&path) {
            Ok(expected) if expected == actual => Ok(Outcome::Pass),
            Ok(expected) => Ok(Outcome::Mismatch { diff: line_diff(&expected, &actual) }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Outcome::Missing),
            Err(e) => Err(io(e)),
        }
    }
}

/// One rule's test result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Pass,
    /// `-` lines are expected but not found, `+` lines found but not expected.
    Mismatch {
        diff: String,
    },
    /// No expected file yet: run with `--bless`.
    Missing,
    Blessed,
}

/// A rule name as a file name: anything but ASCII letters, digits, `.` and `-` becomes `_`.
pub fn file_name(rule: &str) -> String {
    rule.chars().map(|c| if c.is_ascii_alphanumeric() || c == '.' || c == '-' { c } else { '_' }).collect()
}

/// The expected-file text of a result.
pub fn render_expected(result: &RuleResult) -> String {
    let status = match result.status {
        Status::Pass => "PASS",
        Status::Fail => "FAIL",
        Status::NoMatch => "NO_MATCH",
    };
    let mut lines: Vec<String> = result
        .violations
        .iter()
        .map(|v| if v.suppressed { format!("[suppressed] {}", v.message) } else { v.message.clone() })
        .collect();
    lines.sort();
    let mut out = format!("# {}: {status}\n", result.rule.name);
    for l in lines {
        out.push_str(&l);
        out.push('\n');
    }
    out
}

/// Lines only in `expected` (`-`) and only in `actual` (`+`), in order.
fn line_diff(expected: &str, actual: &str) -> String {
    let exp: Vec<&str> = expected.lines().collect();
    let act: Vec<&str> = actual.lines().collect();
    let mut out = String::new();
    for l in exp.iter().filter(|l| !act.contains(l)) {
        out.push_str(&format!("- {l}\n"));
    }
    for l in act.iter().filter(|l| !exp.contains(l)) {
        out.push_str(&format!("+ {l}\n"));
    }
    out
}

/// `archrules test` output: one line per rule, the diffs, and a summary; `true` when every rule passed.
pub fn summarize(pack: &str, outcomes: &[(String, Outcome)]) -> (String, bool) {
    let mut out = String::new();
    let mut failed = 0;
    for (rule, outcome) in outcomes {
        match outcome {
            Outcome::Pass => out.push_str(&format!("ok       {rule}\n")),
            Outcome::Blessed => out.push_str(&format!("blessed  {rule}\n")),
            Outcome::Missing => {
                failed += 1;
                out.push_str(&format!("MISSING  {rule} (no expected file; run with --bless)\n"));
            }
            Outcome::Mismatch { diff } => {
                failed += 1;
                out.push_str(&format!("FAILED   {rule}\n"));
                for l in diff.lines() {
                    out.push_str(&format!("    {l}\n"));
                }
            }
        }
    }
    out.push_str(&format!("{pack}: {} rules, {} passed, {failed} failed\n", outcomes.len(), outcomes.len() - failed));
    (out, failed == 0)
}

#[cfg(test)]
#[path = "testing_tests.rs"]
mod tests;
