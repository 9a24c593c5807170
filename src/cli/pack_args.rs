//! Command-line flags for rule packs and their configuration, shared by `check`, `rules`, `explain` and `docs`.
//! The flags become a configuration layer of their own (a [`Config`] read from generated TOML named "command line"),
//! checked and reported like `archrules.toml` and winning over it.

// Configuration errors carry the file's text for miette and happen once per run: their size costs nothing.
#![allow(clippy::result_large_err)]

use crate::packs::config::{self, Config, ConfigError};
use crate::packs::load::LoadOptions;
use crate::packs::ParseFn;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args, Clone, Default)]
pub struct PackArgs {
    /// Configuration file (default: archrules.toml in the current directory or its nearest parent).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Do not read any archrules.toml.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
    /// Extra rule packs: a .arch file, a directory of them, or a rule jar (META-INF/archrules/*.arch). Repeatable.
    #[arg(long = "rules", value_name = "PATH")]
    pub rules: Vec<PathBuf>,
    /// A native plugin (shared library exporting archrules_plugin_v1). Trusted code. Repeatable.
    #[arg(long = "plugin", value_name = "PATH")]
    pub plugins: Vec<PathBuf>,
    /// Leave out the bundled packs.
    #[arg(long)]
    pub no_bundled: bool,
    /// Run an opt-in pack (or a parent id: archrules.guava covers archrules.guava.jdk9). Repeatable.
    #[arg(long, value_name = "PACK")]
    pub enable: Vec<String>,
    /// Do not run a pack (or its sub-packs). Repeatable.
    #[arg(long, value_name = "PACK")]
    pub disable: Vec<String>,
    /// Do not run a rule, by name. Repeatable.
    #[arg(long, value_name = "RULE")]
    pub skip: Vec<String>,
    /// Override a priority: RULE=LEVEL or PACK=LEVEL (LOW, MEDIUM, HIGH). Repeatable.
    #[arg(long, value_name = "NAME=LEVEL", value_parser = parse_priority_override)]
    pub priority: Vec<(String, String)>,
    /// Set a pack parameter: PACK:NAME=VALUE. Repeatable.
    #[arg(long, value_name = "PACK:NAME=VALUE", value_parser = parse_param)]
    pub param: Vec<(String, (String, String))>,
    /// A rule pack inside a classpath jar that does not load is an error (exit 2), not a warning that skips it.
    #[arg(long)]
    pub strict_packs: bool,
    // What the verdict flags say, for the commands that take them ([`VerdictArgs`], [`ExcludeArgs`], set by
    // [`PackArgs::with_verdict`] / [`PackArgs::with_exclude`]): they become part of the command-line layer, but a
    // command that has no verdict (`rules`, `explain`, `docs`) must reject them rather than ignore them.
    #[arg(skip)]
    pub fail_on: Option<String>,
    #[arg(skip)]
    pub details: Option<String>,
    #[arg(skip)]
    pub exclude: Vec<String>,
    #[arg(skip)]
    pub baseline: Option<PathBuf>,
}

/// The flags that decide and show the verdict: `check` only.
#[derive(Debug, clap::Args, Clone, Default)]
pub struct VerdictArgs {
    /// Fail on violations of this priority or higher [possible values: low, medium, high, never] [default:
    /// archrules.toml's `failure-threshold`, else high].
    #[arg(long, value_name = "LEVEL", value_parser = parse_fail_on)]
    pub fail_on: Option<String>,
    /// Show violations of this priority or higher in detail [possible values: low, medium, high] [default:
    /// archrules.toml's `details-threshold`, else medium].
    #[arg(long, value_name = "LEVEL", value_parser = parse_details)]
    pub details: Option<String>,
    #[command(flatten)]
    pub exclude: ExcludeArgs,
    /// Baseline file: violations recorded there are shown as baselined and do not fail.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
}

/// `--exclude`: for the commands that evaluate rules (`check`, `baseline`).
#[derive(Debug, clap::Args, Clone, Default)]
pub struct ExcludeArgs {
    /// Never analyse classes in these packages (ArchUnit package patterns). Repeatable.
    #[arg(long, value_name = "PATTERN")]
    pub exclude: Vec<String>,
}

fn parse_assignment(s: &str) -> Result<(String, String), String> {
    s.rsplit_once('=')
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .filter(|(k, _)| !k.is_empty())
        .ok_or_else(|| format!("expected NAME=VALUE, got '{s}'"))
}

/// A level among `expected` (any case), else clap's "invalid value" with the list and the closest one.
fn level(s: &str, expected: &[&str]) -> Result<String, String> {
    if expected.iter().any(|e| e.eq_ignore_ascii_case(s)) {
        return Ok(s.to_owned());
    }
    let (last, rest) = expected.split_last().unwrap_or((&"", &[]));
    let list = format!("{} or {last}", rest.join(", "));
    match crate::dsl::suggest::closest(s, expected.iter().copied()) {
        Some(best) => Err(format!("expected {list}; did you mean '{best}'?")),
        None => Err(format!("expected {list}")),
    }
}

fn parse_fail_on(s: &str) -> Result<String, String> {
    level(s, &["low", "medium", "high", "never"])
}

fn parse_details(s: &str) -> Result<String, String> {
    level(s, &["low", "medium", "high"])
}

fn parse_priority_override(s: &str) -> Result<(String, String), String> {
    let (name, value) = parse_assignment(s)?;
    level(&value, &["low", "medium", "high"]).map_err(|e| format!("'{value}' is not a priority: {e}"))?;
    Ok((name, value))
}

fn parse_param(s: &str) -> Result<(String, (String, String)), String> {
    let (pack, rest) = s.split_once(':').ok_or_else(|| format!("expected PACK:NAME=VALUE, got '{s}'"))?;
    let (name, value) = rest.split_once('=').ok_or_else(|| format!("expected PACK:NAME=VALUE, got '{s}'"))?;
    Ok((pack.trim().to_owned(), (name.trim().to_owned(), value.to_owned())))
}

impl PackArgs {
    /// These pack flags with `check`'s verdict flags.
    pub fn with_verdict(&self, verdict: &VerdictArgs) -> PackArgs {
        PackArgs {
            fail_on: verdict.fail_on.clone(),
            details: verdict.details.clone(),
            baseline: verdict.baseline.clone(),
            ..self.with_exclude(&verdict.exclude)
        }
    }

    /// These pack flags with `--exclude`.
    pub fn with_exclude(&self, exclude: &ExcludeArgs) -> PackArgs {
        PackArgs { exclude: exclude.exclude.clone(), ..self.clone() }
    }

    /// The configuration file layer: `--config`, else the nearest archrules.toml from `cwd`, else empty.
    pub fn config_file(&self, cwd: &Path) -> Result<Config, ConfigError> {
        if self.no_config {
            return Ok(Config::default());
        }
        match self.config.clone().or_else(|| config::find(cwd)) {
            Some(path) => config::load(&path),
            None => Ok(Config::default()),
        }
    }

    /// The command-line layer, checked like a configuration file.
    pub fn command_line(&self) -> Result<Config, ConfigError> {
        config::parse(Path::new(config::COMMAND_LINE), self.to_toml())
    }

    /// The flags as `archrules.toml` text.
    fn to_toml(&self) -> String {
        use toml::{Table, Value};
        let strings = |v: &[String]| Value::Array(v.iter().cloned().map(Value::String).collect());
        let mut root = Table::new();
        if !self.skip.is_empty() {
            root.insert("skip".into(), strings(&self.skip));
        }
        if !self.exclude.is_empty() {
            root.insert("exclude".into(), strings(&self.exclude));
        }
        // `never` is no priority: `check` takes it out before this layer is made.
        if let Some(level) = self.fail_on.as_ref().filter(|l| !l.eq_ignore_ascii_case("never")) {
            root.insert("failure-threshold".into(), Value::String(level.clone()));
        }
        if let Some(level) = &self.details {
            root.insert("details-threshold".into(), Value::String(level.clone()));
        }
        if let Some(b) = &self.baseline {
            root.insert("baseline".into(), Value::String(b.display().to_string()));
        }
        let mut packs = Table::new();
        if !self.enable.is_empty() {
            packs.insert("enable".into(), strings(&self.enable));
        }
        if !self.disable.is_empty() {
            packs.insert("disable".into(), strings(&self.disable));
        }
        if !packs.is_empty() {
            root.insert("packs".into(), Value::Table(packs));
        }
        let mut params = Table::new();
        for (pack, (name, value)) in &self.param {
            let entry = params.entry(pack.clone()).or_insert_with(|| Value::Table(Table::new()));
            if let Value::Table(t) = entry {
                t.insert(name.clone(), Value::String(value.clone()));
            }
        }
        if !params.is_empty() {
            root.insert("params".into(), Value::Table(params));
        }
        let priority: Table = self.priority.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect();
        if !priority.is_empty() {
            root.insert("priority".into(), Value::Table(priority));
        }
        toml::to_string(&root).unwrap_or_default()
    }

    /// What to load: the flags' packs and plugins first, then the configuration file's.
    pub fn load_options(&self, parse: ParseFn, file: &Config, release: Option<u32>) -> LoadOptions {
        LoadOptions {
            parse,
            rules: self.rules.iter().chain(&file.rules).cloned().collect(),
            plugins: self.plugins.iter().chain(&file.plugins).cloned().collect(),
            no_bundled: self.no_bundled,
            release,
            strict_packs: self.strict_packs || file.strict_packs,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::Priority;
    use clap::Parser;

    #[derive(Debug, Parser)]
    struct Cli {
        #[command(flatten)]
        packs: PackArgs,
    }

    #[derive(Debug, Parser)]
    struct CheckCli {
        #[command(flatten)]
        packs: PackArgs,
        #[command(flatten)]
        verdict: VerdictArgs,
    }

    #[test]
    fn verdict_flags_are_not_pack_flags() {
        // `rules`, `explain` and `docs` take only the pack flags: a verdict flag there is a mistake to report.
        for flag in [["--fail-on", "low"], ["--details", "low"], ["--exclude", "a.."], ["--baseline", "b.json"]] {
            assert!(Cli::try_parse_from(["archrules", flag[0], flag[1]]).is_err(), "{flag:?}");
            assert!(CheckCli::try_parse_from(["archrules", flag[0], flag[1]]).is_ok(), "{flag:?}");
        }
    }

    #[test]
    fn flags_become_a_checked_configuration_layer() {
        let cli = CheckCli::parse_from([
            "archrules",
            "--enable",
            "archrules.spring",
            "--skip",
            "guava collections",
            "--priority",
            "archrules.guava=high",
            "--param",
            "archrules.lifecycle:publicApiPackages=org.x..",
            "--fail-on",
            "MEDIUM",
        ]);
        let layer = cli.packs.with_verdict(&cli.verdict).command_line().unwrap();
        assert_eq!(layer.enable[0].get_ref(), "archrules.spring");
        assert_eq!(layer.skip[0].get_ref(), "guava collections");
        assert_eq!(layer.priorities[0].0.get_ref(), "archrules.guava");
        assert_eq!(layer.priorities[0].1, Priority::High);
        assert_eq!(layer.params["archrules.lifecycle"]["publicApiPackages"], "org.x..");
        assert_eq!(layer.failure_threshold, Some(Priority::Medium));
    }

    #[test]
    fn a_bad_level_on_the_command_line_is_a_clap_error_naming_the_flag() {
        let render = |args: &[&str]| CheckCli::try_parse_from(args).unwrap_err().render().to_string();
        let err = render(&["archrules", "--fail-on", "bogus"]);
        assert!(
            err.contains("invalid value 'bogus' for '--fail-on <LEVEL>': expected low, medium, high or never"),
            "{err}"
        );
        let err = render(&["archrules", "--fail-on", "HGIH"]);
        assert!(err.contains("expected low, medium, high or never; did you mean 'high'?"), "{err}");
        let err = render(&["archrules", "--details", "never"]);
        assert!(err.contains("invalid value 'never' for '--details <LEVEL>': expected low, medium or high"), "{err}");
        let err = render(&["archrules", "--priority", "guava=HIHG"]);
        assert!(
            err.contains("invalid value 'guava=HIHG' for '--priority <NAME=LEVEL>': 'HIHG' is not a priority"),
            "{err}"
        );
        assert!(CheckCli::try_parse_from(["archrules", "--fail-on", "NEVER", "--details", "Low"]).is_ok());
    }

    #[test]
    fn malformed_assignments_are_rejected_by_clap() {
        assert!(Cli::try_parse_from(["archrules", "--priority", "nolevel"]).is_err());
        assert!(Cli::try_parse_from(["archrules", "--param", "pack=1"]).is_err());
    }

    #[test]
    fn the_config_file_is_found_or_skipped() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("archrules.toml"), "skip = [\"x\"]\n").unwrap();
        let found = PackArgs::default().config_file(dir.path()).unwrap();
        assert_eq!(found.skip.len(), 1);
        let none = PackArgs { no_config: true, ..PackArgs::default() }.config_file(dir.path()).unwrap();
        assert!(none.skip.is_empty());
    }
}
