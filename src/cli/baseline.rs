//! `archrules baseline`: record the current violations so that `check --baseline` fails only on new ones.

use miette::miette;
use std::path::PathBuf;

use super::check;
use super::pack_args::{ExcludeArgs, PackArgs};
use super::InputArgs;
use crate::report::baseline::Baseline;

#[derive(Debug, clap::Args)]
pub struct BaselineArgs {
    #[command(flatten)]
    pub inputs: InputArgs,
    #[command(flatten)]
    pub packs: PackArgs,
    #[command(flatten)]
    pub exclude: ExcludeArgs,
    /// Where to write the baseline (default: archrules.toml's `baseline`, else archrules-baseline.json).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(args: &BaselineArgs) -> miette::Result<i32> {
    // No verdict flags here: a baseline records every violation, whatever `--fail-on` or an old baseline say.
    let packs = args.packs.with_exclude(&args.exclude);
    let evaluated = check::evaluate(&args.inputs, &packs)?;
    let output = args
        .output
        .clone()
        .or_else(|| evaluated.layers.file.baseline.clone())
        .unwrap_or_else(|| PathBuf::from("archrules-baseline.json"));
    // No report is written here, so stderr is the only place the input warnings can be said.
    for w in &evaluated.findings.warnings {
        eprintln!("warning: {w}");
    }
    let baseline = Baseline::from_findings(&evaluated.findings);
    baseline.save(&output).map_err(|e| miette!("cannot write {}: {e}", output.display()))?;
    eprintln!("archrules: recorded {} violations in {}", baseline.len(), output.display());
    Ok(0)
}
