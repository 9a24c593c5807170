//! `archrules.toml`: found in the current directory or its parents (or given with `--config`). Every mistake is an
//! error naming the file and line with a suggestion: unknown keys and bad priorities here, unknown rule names and
//! pack ids in [`super::select`] once the packs are loaded (the keys keep their spans for that).
//!
//! ```toml
//! targets = ["build/classes/java/main"]
//! classpath = ["build/libs/*"]
//! rules = ["archrules/"]                 # extra .arch files, directories, rule jars
//! plugins = ["target/release/libmy_rules.so"]
//! baseline = "archrules-baseline.json"
//! reports = ["sarif=archrules.sarif", "fleet=archrules-fleet.jsonl.gz"]   # as --report FORMAT=FILE
//! exclude = ["com.acme.generated.."]     # classes never analysed (ArchUnit package patterns)
//! failure-threshold = "MEDIUM"           # fail on violations of this priority or higher
//! details-threshold = "LOW"              # show violations of this priority or higher in detail
//! skip = ["guava collections"]           # rule names
//! strict-packs = true                    # a library jar's pack that does not load is an error, not a warning
//!
//! [[target]]                             # per-target thresholds: tests may allow what main code may not
//! path = "build/classes/java/test"
//! failure-threshold = "HIGH"
//!
//! [packs]
//! enable = ["archrules.spring"]          # opt-in bundled packs
//! disable = ["archrules.joda"]
//!
//! [params."archrules.lifecycle"]
//! publicApiPackages = "org.apache.flink.."
//!
//! [priority]                             # rule name (exact) or pack id (longest prefix); a rule name wins
//! "archrules.guava" = "LOW"
//! "deprecatedForRemoval" = "HIGH"
//! ```

use super::PackParams;
use crate::dsl::suggest::closest as did_you_mean;
use crate::findings::Priority;
use miette::{NamedSource, SourceSpan};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use toml::Spanned;

pub const FILE_NAME: &str = "archrules.toml";

/// The name of the configuration layer the command-line flags become.
pub const COMMAND_LINE: &str = "command line";

/// A configuration mistake, shown with the file, the offending span and a suggestion.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{message}")]
#[diagnostic(code(archrules::config))]
pub struct ConfigError {
    pub message: String,
    #[source_code]
    pub src: NamedSource<String>,
    #[label("{label}")]
    pub span: Option<SourceSpan>,
    pub label: String,
    #[help]
    pub help: Option<String>,
}

/// One `[[target]]`: a path with its own thresholds.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetConfig {
    pub path: PathBuf,
    pub failure_threshold: Option<Priority>,
    pub details_threshold: Option<Priority>,
}

/// The configuration, paths resolved against the file's directory.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file it was read from; `None` for the empty default.
    pub path: Option<PathBuf>,
    pub source: String,
    pub targets: Vec<TargetConfig>,
    pub classpath: Vec<PathBuf>,
    pub jdk: Option<PathBuf>,
    pub release: Option<u32>,
    pub rules: Vec<PathBuf>,
    pub plugins: Vec<PathBuf>,
    pub baseline: Option<PathBuf>,
    /// Extra reports, as `--report FORMAT=FILE`: the format's name (checked by the CLI) and the file.
    pub reports: Vec<(String, PathBuf)>,
    pub exclude: Vec<String>,
    pub failure_threshold: Option<Priority>,
    pub details_threshold: Option<Priority>,
    pub enable: Vec<Spanned<String>>,
    pub disable: Vec<Spanned<String>>,
    pub params: PackParams,
    /// Priority overrides keyed by rule name or pack id, checked against the loaded packs by [`super::select`].
    pub priorities: Vec<(Spanned<String>, Priority)>,
    pub skip: Vec<Spanned<String>>,
    /// A library pack that does not load is an error (exit 2) instead of a warning.
    pub strict_packs: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    #[serde(default)]
    targets: Vec<String>,
    #[serde(default)]
    target: Vec<RawTarget>,
    #[serde(default)]
    classpath: Vec<String>,
    jdk: Option<String>,
    release: Option<u32>,
    #[serde(default)]
    rules: Vec<String>,
    #[serde(default)]
    plugins: Vec<String>,
    baseline: Option<String>,
    #[serde(default)]
    reports: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<String>,
    failure_threshold: Option<Spanned<String>>,
    details_threshold: Option<Spanned<String>>,
    #[serde(default)]
    skip: Vec<Spanned<String>>,
    #[serde(default)]
    strict_packs: bool,
    #[serde(default)]
    packs: RawPacks,
    #[serde(default)]
    params: BTreeMap<String, BTreeMap<String, String>>,
    #[serde(default)]
    priority: BTreeMap<Spanned<String>, Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawTarget {
    path: String,
    failure_threshold: Option<Spanned<String>>,
    details_threshold: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPacks {
    #[serde(default)]
    enable: Vec<Spanned<String>>,
    #[serde(default)]
    disable: Vec<Spanned<String>>,
}

/// `archrules.toml` in `start` or the nearest parent that has one.
pub fn find(start: &Path) -> Option<PathBuf> {
    start.ancestors().map(|dir| dir.join(FILE_NAME)).find(|p| p.is_file())
}

/// Reads and checks a configuration file.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let source = std::fs::read_to_string(path).map_err(|e| ConfigError {
        message: format!("cannot read {}: {e}", path.display()),
        src: NamedSource::new(path.display().to_string(), String::new()),
        span: None,
        label: String::new(),
        help: None,
    })?;
    parse(path, source)
}

/// Parses configuration text; `path` names it in errors and anchors its relative paths.
pub fn parse(path: &Path, source: String) -> Result<Config, ConfigError> {
    let raw: RawConfig = toml::from_str(&source).map_err(|e| syntax_error(path, &source, &e))?;
    let base = path.parent().unwrap_or(Path::new("."));
    let resolve = |p: &String| base.join(p);
    let err = |message: String, span: std::ops::Range<usize>, label: &str, help: Option<String>| ConfigError {
        message,
        src: NamedSource::new(path.display().to_string(), source.clone()),
        span: Some(span.into()),
        label: label.to_owned(),
        help,
    };
    let priority = |s: &Spanned<String>| -> Result<Priority, ConfigError> {
        parse_priority(s.get_ref()).ok_or_else(|| {
            let help = did_you_mean(s.get_ref(), ["LOW", "MEDIUM", "HIGH"])
                .map_or_else(|| "priorities are LOW, MEDIUM and HIGH".to_owned(), |p| format!("did you mean \"{p}\"?"));
            err(format!("'{}' is not a priority", s.get_ref()), s.span(), "not LOW, MEDIUM or HIGH", Some(help))
        })
    };
    let optional = |s: &Option<Spanned<String>>| s.as_ref().map(priority).transpose();

    let mut targets: Vec<TargetConfig> = raw
        .targets
        .iter()
        .map(|t| TargetConfig { path: resolve(t), failure_threshold: None, details_threshold: None })
        .collect();
    for t in &raw.target {
        targets.push(TargetConfig {
            path: resolve(&t.path),
            failure_threshold: optional(&t.failure_threshold)?,
            details_threshold: optional(&t.details_threshold)?,
        });
    }
    let mut priorities = Vec::with_capacity(raw.priority.len());
    for (key, value) in &raw.priority {
        priorities.push((key.clone(), priority(value)?));
    }
    let mut reports = Vec::with_capacity(raw.reports.len());
    for r in &raw.reports {
        let (format, file) = r.get_ref().split_once('=').ok_or_else(|| {
            let help = Some("e.g. reports = [\"fleet=archrules-fleet.jsonl\"]".to_owned());
            err(format!("'{}' is not FORMAT=FILE", r.get_ref()), r.span(), "expected FORMAT=FILE", help)
        })?;
        reports.push((format.to_owned(), resolve(&file.to_owned())));
    }
    let params: PackParams =
        raw.params.into_iter().map(|(pack, values)| (pack, values.into_iter().collect::<HashMap<_, _>>())).collect();
    Ok(Config {
        path: Some(path.to_owned()),
        targets,
        classpath: raw.classpath.iter().map(resolve).collect(),
        jdk: raw.jdk.as_ref().map(resolve),
        release: raw.release,
        rules: raw.rules.iter().map(resolve).collect(),
        plugins: raw.plugins.iter().map(resolve).collect(),
        baseline: raw.baseline.as_ref().map(resolve),
        reports,
        exclude: raw.exclude,
        failure_threshold: optional(&raw.failure_threshold)?,
        details_threshold: optional(&raw.details_threshold)?,
        enable: raw.packs.enable,
        disable: raw.packs.disable,
        params,
        priorities,
        skip: raw.skip,
        strict_packs: raw.strict_packs,
        source,
    })
}

/// `path` as one spelling: the file system's canonical path, else the absolute path without `.` components.
pub fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        absolute.components().filter(|c| !matches!(c, std::path::Component::CurDir)).collect()
    })
}

/// `LOW`, `MEDIUM`, `HIGH`, any case.
pub fn parse_priority(s: &str) -> Option<Priority> {
    match s.to_ascii_uppercase().as_str() {
        "LOW" => Some(Priority::Low),
        "MEDIUM" => Some(Priority::Medium),
        "HIGH" => Some(Priority::High),
        _ => None,
    }
}

/// toml's own message and span; for an unknown key, a "did you mean" from the keys serde expected.
fn syntax_error(path: &Path, source: &str, e: &toml::de::Error) -> ConfigError {
    let message = e.message().trim().to_owned();
    let (message, label, help) = match unknown_field(&message) {
        Some((field, expected)) => {
            let help = did_you_mean(field, expected.iter().map(String::as_str)).map_or_else(
                || format!("known keys here: {}", expected.join(", ")),
                |s| format!("did you mean `{s}`?"),
            );
            (format!("unknown key `{field}` in {}", path.display()), "unknown key", Some(help))
        }
        None => (format!("invalid {}: {message}", path.display()), "here", None),
    };
    ConfigError {
        message,
        src: NamedSource::new(path.display().to_string(), source.to_owned()),
        span: e.span().map(Into::into),
        label: label.to_owned(),
        help,
    }
}

/// serde's "unknown field `x`, expected one of `a`, `b`" (or "expected `a`"), split into `x` and `[a, b]`.
fn unknown_field(message: &str) -> Option<(&str, Vec<String>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, rest) = rest.split_once('`')?;
    let expected = rest.split('`').skip(1).step_by(2).map(str::to_owned).collect();
    Some((field, expected))
}

impl Config {
    /// Whether this is the layer the command-line flags make (errors then name flags, not TOML lines).
    pub fn is_command_line(&self) -> bool {
        self.path.as_deref() == Some(Path::new(COMMAND_LINE))
    }

    /// The failure and details thresholds for a target path: the `[[target]]` entry's, else the global ones.
    /// A target matches an entry whatever its spelling (`./`, relative to the working directory, absolute): their
    /// canonical paths are compared (for a path that does not exist, its absolute form without `.` components).
    pub fn thresholds_for(&self, target: &Path) -> (Option<Priority>, Option<Priority>) {
        let wanted = canonical(target);
        // `targets = [...]` entries match too, without thresholds: the first entry giving one wins.
        let specific: Vec<&TargetConfig> = self.targets.iter().filter(|t| canonical(&t.path) == wanted).collect();
        (
            specific.iter().find_map(|t| t.failure_threshold).or(self.failure_threshold),
            specific.iter().find_map(|t| t.details_threshold).or(self.details_threshold),
        )
    }

    /// An error pointing at a span of this file (used for unknown rule names and pack ids).
    pub fn error_at(
        &self,
        span: std::ops::Range<usize>,
        message: String,
        label: &str,
        help: Option<String>,
    ) -> ConfigError {
        if self.is_command_line() {
            return self.flag_error(span, &message, help);
        }
        let name = self.path.as_ref().map_or_else(|| "<config>".to_owned(), |p| p.display().to_string());
        ConfigError {
            message,
            src: NamedSource::new(name, self.source.clone()),
            span: Some(span.into()),
            label: label.to_owned(),
            help,
        }
    }
}

impl Config {
    /// A mistake in a flag's value, worded as clap words its own (`invalid value 'x' for '--enable': ...`): the
    /// flag is found from the generated TOML around `span` (its key, and the table it sits in).
    fn flag_error(&self, span: std::ops::Range<usize>, message: &str, help: Option<String>) -> ConfigError {
        let text = &self.source;
        let value = text.get(span.clone()).unwrap_or_default().trim_matches('"');
        let before = text.get(..span.start).unwrap_or_default();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let key = text[line_start..].split('=').next().unwrap_or_default().trim().trim_matches('"');
        let table = before.lines().rev().find(|l| l.starts_with('[')).unwrap_or_default();
        let flag = match (table, key) {
            ("[packs]", "enable") => "--enable",
            ("[packs]", "disable") => "--disable",
            ("[priority]", _) => "--priority",
            (t, _) if t.starts_with("[params") => "--param",
            (_, "skip") => "--skip",
            (_, "exclude") => "--exclude",
            (_, "failure-threshold") => "--fail-on",
            (_, "details-threshold") => "--details",
            (_, "baseline") => "--baseline",
            _ => "the command line",
        };
        ConfigError {
            message: format!("invalid value '{value}' for '{flag}': {message}"),
            src: NamedSource::new(COMMAND_LINE, String::new()),
            span: None,
            label: String::new(),
            help,
        }
    }
}

#[cfg(test)]
#[path = "config_tests.rs"]
pub(crate) mod tests;
