//! What `check`, `baseline`, `rules`, `explain` and `docs` share: the configuration layers, the inputs they resolve
//! to (flags, else `archrules.toml`, else the usual build output folders), the graph and the packs that run.

use miette::{miette, IntoDiagnostic};
use std::path::PathBuf;

use super::pack_args::PackArgs;
use super::InputArgs;
use crate::graph::Graph;
use crate::packs::config::Config;
use crate::packs::load::{self, RunPack};
use crate::packs::select::PackStatus;
use crate::rules::ir;
use crate::rules::package_pattern::PackagePattern;

pub struct Layers {
    pub file: Config,
    pub command_line: Config,
}

impl Layers {
    pub fn read(packs: &PackArgs) -> miette::Result<Layers> {
        let cwd = std::env::current_dir().into_diagnostic()?;
        let file = packs.config_file(&cwd).map_err(miette::Report::new)?;
        let command_line = packs.command_line().map_err(miette::Report::new)?;
        Ok(Layers { file, command_line })
    }

    /// Configuration file first, command line last (it wins).
    pub fn all(&self) -> [&Config; 2] {
        [&self.file, &self.command_line]
    }
}

/// Build output folders looked for when neither flags nor configuration name targets (Gradle, Maven, sbt, plain javac).
const CONVENTIONAL_OUTPUTS: &[&str] = &[
    "build/classes/java/main",
    "build/classes/kotlin/main",
    "build/classes/scala/main",
    "target/classes",
    "out/production",
    "classes",
];

/// The inputs to analyse: the flags' paths, else the configuration's targets, else the conventional build outputs
/// found in the current directory (and says so on stderr, as a hint of what was picked).
pub fn resolve_inputs(args: &InputArgs, layers: &Layers) -> miette::Result<InputArgs> {
    let mut resolved = args.clone();
    let file = &layers.file;
    if resolved.paths.is_empty() {
        // A path in both `targets` and a `[[target]]` entry is one target.
        let mut seen = std::collections::HashSet::new();
        resolved.paths = file
            .targets
            .iter()
            .filter(|t| seen.insert(crate::packs::config::canonical(&t.path)))
            .map(|t| t.path.clone())
            .collect();
    }
    if resolved.paths.is_empty() {
        resolved.paths = CONVENTIONAL_OUTPUTS.iter().map(PathBuf::from).filter(|p| p.is_dir()).collect();
        if resolved.paths.is_empty() {
            return Err(miette!(
                code = "archrules::usage",
                help = "give class directories or jars, e.g. `archrules check build/classes/java/main`, or list `targets` in archrules.toml",
                "no targets: no paths given, no archrules.toml targets, and no build output folder found here"
            ));
        }
        let names: Vec<String> = resolved.paths.iter().map(|p| p.display().to_string()).collect();
        eprintln!("archrules: analysing {} (found in the current directory)", names.join(", "));
    }
    resolved.classpath.extend(file.classpath.iter().map(|p| p.display().to_string()));
    if resolved.jdk.is_none() {
        resolved.jdk.clone_from(&file.jdk);
    }
    if resolved.release.is_none() {
        if let Some(release) = file.release {
            // Checked as `--release` is: a file's value is no less a fact than a flag's.
            super::load::parse_release(&release.to_string()).map_err(|e| {
                let file = file.path.as_deref().map_or_else(|| "archrules.toml".into(), |p| p.display().to_string());
                miette!(code = "archrules::config", "{file}: invalid value for `release`: {e}")
            })?;
        }
        resolved.release = file.release;
    }
    Ok(resolved)
}

/// The packs that would run over `graph` (all of them, with their status, for listings).
pub fn packs(
    packs: &PackArgs,
    layers: &Layers,
    graph: Option<&Graph>,
    release: Option<u32>,
) -> miette::Result<Vec<RunPack>> {
    let opts = packs.load_options(crate::packs::dsl_parse, &layers.file, release);
    load::prepare(graph, &layers.all(), &opts).map_err(crate::packs::PackError::into_report)
}

/// The IR of the packs that run.
pub fn running(packs: &[RunPack]) -> Vec<ir::Pack> {
    packs.iter().filter(|p| p.selected.status == PackStatus::Runs).map(|p| p.selected.loaded.pack.clone()).collect()
}

/// `exclude` patterns: ArchUnit package patterns, matched by the engine against each class's package.
pub fn exclusions(layers: &Layers) -> miette::Result<Vec<PackagePattern>> {
    layers
        .all()
        .iter()
        .flat_map(|c| c.exclude.iter())
        .map(|p| {
            PackagePattern::new(p).map_err(|e| miette!(code = "archrules::config", "bad exclude pattern '{p}': {e}"))
        })
        .collect()
}
