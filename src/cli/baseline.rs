//! `archrules baseline`: record the current violations so that `check --baseline` fails only on new ones.

use miette::miette;
use std::path::PathBuf;

use super::check;
use super::pack_args::PackArgs;
use super::InputArgs;
use crate::report::baseline::Baseline;

#[derive(Debug, clap::Args)]
pub struct BaselineArgs {
    #[command(flatten)]
    pub inputs: InputArgs,
    #[command(flatten)]
    pub packs: PackArgs,
    /// Where to write the baseline (default: archrules.toml's `baseline`, else archrules-baseline.json).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(args: &BaselineArgs) -> miette::Result<i32> {
    let mut packs = args.packs.clone();
    packs.baseline = None;
    let evaluated = check::evaluate(&args.inputs, &packs)?;
    let output = args
        .output
        .clone()
        .or_else(|| evaluated.layers.file.baseline.clone())
        .unwrap_or_else(|| PathBuf::from("archrules-baseline.json"));
    let baseline = Baseline::from_findings(&evaluated.findings);
    baseline.save(&output).map_err(|e| miette!("cannot write {}: {e}", output.display()))?;
    eprintln!("archrules: recorded {} violations in {}", baseline.len(), output.display());
    Ok(0)
}
