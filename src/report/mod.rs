//! Renders [`Findings`] for people and tools: one file per format behind the [`Report`] trait, plus the failure
//! threshold and exit code ([`threshold`]) and the adoption baseline ([`baseline`]).
//!
//! Renderers never read the environment: colour, GitHub Actions mode and the step-summary path arrive in
//! [`RenderOptions`], so output is a pure function of its inputs and tests are deterministic. Every renderer sorts
//! the findings first (`view::sorted`), so output is stable run to run.
//!
//! How `archrules check` uses it (the CLI maps flags and the environment to parameters):
//!
//! ```ignore
//! use archrules::report::{baseline, exit_code, ColorChoice, Format, RenderOptions};
//! let ci = std::env::var_os("CI").is_some_and(|v| v == "true");
//! if let Some(path) = &args.baseline {
//!     if let Some(run) = baseline::check(path, &mut findings, args.update_baseline, ci)? {
//!         run.diff.write_summary(&mut std::io::stderr())?;
//!     }
//! }
//! let opts = RenderOptions {
//!     color: args.color.resolve(std::env::var_os("NO_COLOR").as_deref(), std::io::stdout().is_terminal()),
//!     details: args.details,
//!     fail_on: args.fail_on,
//!     source_roots: args.source_roots.clone(),
//!     tool_version: env!("CARGO_PKG_VERSION"),
//!     github_actions: std::env::var_os("GITHUB_ACTIONS").is_some_and(|v| v == "true"),
//!     step_summary: std::env::var_os("GITHUB_STEP_SUMMARY").map(Into::into),
//!     ..RenderOptions::default()
//! };
//! args.format.reporter().render(&findings, &opts, &mut std::io::stdout().lock())?;
//! Ok(exit_code(&findings, opts.fail_on))
//! ```

pub mod baseline;
mod color;
mod console;
pub mod fleet;
mod github;
mod json;
mod junit;
mod locate;
mod markdown;
pub mod normalize;
mod rewrite;
mod sarif;
pub mod threshold;
mod view;

#[cfg(test)]
mod tests;

use crate::findings::{Findings, Priority};
use std::fmt;
use std::io;
use std::path::PathBuf;
use std::str::FromStr;

pub use color::ColorChoice;
pub use console::verdict_line;
pub use console::ConsoleReport;
pub use fleet::{BuildIdentity, FleetReport, FLEET_SCHEMA_VERSION};
pub use github::{warning_command, GithubReport, ANNOTATIONS_PER_LEVEL};
pub use json::{JsonReport, JSON_SCHEMA_VERSION};
pub use junit::JunitReport;
pub use markdown::MarkdownReport;
pub use rewrite::{RewriteReport, RECIPE_NAME};
pub use sarif::SarifReport;
pub use threshold::{exit_code, Counts, TargetThresholds, Threshold, Verdict};

/// One output format. Implementations write the whole report to `out` and nothing else.
pub trait Report {
    fn render(&self, findings: &Findings, opts: &RenderOptions, out: &mut dyn io::Write) -> io::Result<()>;
}

/// What the CLI decides once (from flags and the environment) and every renderer obeys.
#[derive(Debug, Clone)]
pub struct RenderOptions<'a> {
    /// ANSI colour in the console report; the CLI maps `--color` and `NO_COLOR` to this.
    pub color: bool,
    /// Rules below this priority are summarised without details (`--details`).
    pub details: Priority,
    /// Violations at or above this fail the run (`--fail-on`).
    pub fail_on: Threshold,
    /// When the run's targets have different thresholds (`[[target]]`), each target's: they judge its violations.
    pub target_fail_on: TargetThresholds,
    /// Directories searched for the source file of a violation (SARIF, GitHub annotations).
    pub source_roots: Vec<PathBuf>,
    pub tool_version: &'a str,
    /// Print summary lines for passing rules (Nebula's `summaryForPassingDisabled`, inverted).
    pub show_passing: bool,
    /// Wrap long rule descriptions in the console details to this many characters (`--summary failed`).
    pub wrap: Option<usize>,
    /// Running under GitHub Actions (`GITHUB_ACTIONS=true`): annotations respect GitHub's per-step cap.
    pub github_actions: bool,
    /// `$GITHUB_STEP_SUMMARY`: where annotations over the cap are appended, as markdown.
    pub step_summary: Option<PathBuf>,
    /// The build's identity for the fleet record (repository, commit, branch, time); `None` writes nulls.
    pub build: Option<BuildIdentity>,
}

impl Default for RenderOptions<'_> {
    fn default() -> Self {
        RenderOptions {
            color: false,
            details: Priority::Medium,
            fail_on: Threshold::default(),
            target_fail_on: TargetThresholds::default(),
            source_roots: Vec::new(),
            tool_version: env!("CARGO_PKG_VERSION"),
            show_passing: true,
            wrap: None,
            github_actions: false,
            step_summary: None,
            build: None,
        }
    }
}

/// The formats `--format` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Console,
    Json,
    Sarif,
    Github,
    Markdown,
    Junit,
    /// The fleet record: JSON Lines rows for a central store (`docs/fleet.md`).
    Fleet,
    /// An OpenRewrite recipe fixing what was found (`docs/remediation.md`).
    Rewrite,
}

impl Format {
    pub const ALL: [Format; 8] = [
        Format::Console,
        Format::Json,
        Format::Sarif,
        Format::Github,
        Format::Markdown,
        Format::Junit,
        Format::Fleet,
        Format::Rewrite,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::Console => "console",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Github => "github",
            Format::Markdown => "markdown",
            Format::Junit => "junit",
            Format::Fleet => "fleet",
            Format::Rewrite => "rewrite",
        }
    }

    /// The renderer for this format.
    pub fn reporter(self) -> Box<dyn Report> {
        match self {
            Format::Console => Box::new(ConsoleReport),
            Format::Json => Box::new(JsonReport),
            Format::Sarif => Box::new(SarifReport),
            Format::Github => Box::new(GithubReport),
            Format::Markdown => Box::new(MarkdownReport),
            Format::Junit => Box::new(JunitReport),
            Format::Fleet => Box::new(FleetReport),
            Format::Rewrite => Box::new(RewriteReport),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A word that names no format, priority or threshold; the message lists the accepted words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} `{given}`, expected one of: {expected}")]
pub struct ParseError {
    pub what: &'static str,
    pub given: String,
    pub expected: &'static str,
}

impl FromStr for Format {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "console" | "text" => Ok(Format::Console),
            "json" => Ok(Format::Json),
            "sarif" => Ok(Format::Sarif),
            "github" => Ok(Format::Github),
            "markdown" | "md" => Ok(Format::Markdown),
            "junit" => Ok(Format::Junit),
            "fleet" => Ok(Format::Fleet),
            "rewrite" | "openrewrite" => Ok(Format::Rewrite),
            _ => Err(ParseError {
                what: "format",
                given: s.to_owned(),
                expected: "console, json, sarif, github, markdown, junit, fleet, rewrite",
            }),
        }
    }
}
