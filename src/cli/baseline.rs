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
    /// Where to write the baseline.
    #[arg(long, short = 'o', value_name = "FILE", default_value = "archrules-baseline.json")]
    pub output: PathBuf,
}

pub fn run(args: &BaselineArgs) -> miette::Result<i32> {
    let mut packs = args.packs.clone();
    packs.baseline = None;
    let evaluated = check::evaluate(&args.inputs, &packs)?;
    let baseline = Baseline::from_findings(&evaluated.findings);
    baseline.save(&args.output).map_err(|e| miette!("cannot write {}: {e}", args.output.display()))?;
    eprintln!("archrules: recorded {} violations in {}", baseline.len(), args.output.display());
    Ok(0)
}
