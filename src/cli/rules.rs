//! `archrules rules`, `explain`, `docs` and `test`: what the packs hold, and the pack author's test loop.

use miette::{miette, IntoDiagnostic};
use std::path::PathBuf;

use super::pack_args::PackArgs;
use super::session::{self, Layers};
use super::InputArgs;
use crate::graph::{self, Graph};
use crate::inputs::{OpenOptions, Opened, Role};
use crate::packs::{commands, load::RunPack, testing};
use crate::rules::engine::{self, EvalOptions};

#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    /// Targets, to find packs shipped in their libraries and the release they are built for (optional).
    #[command(flatten)]
    pub inputs: InputArgs,
    #[command(flatten)]
    pub packs: PackArgs,
    /// Also list packs and rules that would not run, and why.
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The rule's name (e.g. "guava optional").
    pub rule: String,
    #[command(flatten)]
    pub packs: PackArgs,
}

#[derive(Debug, clap::Args)]
pub struct DocsArgs {
    #[command(flatten)]
    pub packs: PackArgs,
    /// Write the markdown here instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct TestArgs {
    /// The `.arch` pack to test; its fixtures and expected violations live in `tests/<pack name>/` beside it.
    pub pack: PathBuf,
    /// Rewrite the expected-violation files from what the rules find now.
    #[arg(long)]
    pub bless: bool,
    /// Write a `test.toml` to fill in (what to analyse), then stop.
    #[arg(long, conflicts_with = "bless")]
    pub init: bool,
    /// The pack's test directory (`test.toml`, `expected/`) [default: `tests/<pack name>/` beside the pack].
    #[arg(long, value_name = "DIR")]
    pub tests: Option<PathBuf>,
}

fn describe(rule: &crate::rules::ir::Rule) -> String {
    crate::rules::describe(rule)
}

/// Packs as they would run; over the targets' graph when targets are given (library packs, release gates).
fn packs_for(inputs: &InputArgs, packs: &PackArgs) -> miette::Result<Vec<RunPack>> {
    let layers = Layers::read(packs)?;
    let wants_graph = !inputs.paths.is_empty() || !layers.file.targets.is_empty();
    if wants_graph {
        let resolved = session::resolve_inputs(inputs, &layers)?;
        let graph = super::load::load(&resolved, false, false)?;
        session::packs(packs, &layers, Some(&graph), resolved.release)
    } else {
        session::packs(packs, &layers, None, inputs.release)
    }
}

pub fn rules(args: &RulesArgs) -> miette::Result<i32> {
    let packs = packs_for(&args.inputs, &args.packs)?;
    print!("{}", commands::rules_listing(&packs, args.all, &describe));
    Ok(0)
}

pub fn explain(args: &ExplainArgs) -> miette::Result<i32> {
    let packs = packs_for(&InputArgs::default(), &args.packs)?;
    match commands::explain(&packs, &args.rule, &describe) {
        Ok(text) => {
            print!("{text}");
            Ok(0)
        }
        Err(unknown) => Err(miette::Report::new(unknown)),
    }
}

pub fn docs(args: &DocsArgs) -> miette::Result<i32> {
    let packs = packs_for(&InputArgs::default(), &args.packs)?;
    let text = commands::docs_markdown(&packs, &describe);
    match &args.output {
        Some(path) => std::fs::write(path, text).map_err(|e| miette!("cannot write {}: {e}", path.display()))?,
        None => print!("{text}"),
    }
    Ok(0)
}

fn test_graph(test: &testing::PackTest) -> Graph {
    let opts = OpenOptions { release: test.release, ..OpenOptions::default() };
    let mut opened = Opened::default();
    opened.add(&test.targets, Role::Target, &opts);
    opened.add(&test.classpath, Role::Classpath, &opts);
    graph::build(opened, &graph::BuildOptions::default())
}

pub fn test(args: &TestArgs) -> miette::Result<i32> {
    let evaluate = |g: &Graph, rule: &crate::rules::ir::Rule| engine::evaluate_rule(g, rule, &EvalOptions::default());
    let dir = args.tests.clone().unwrap_or_else(|| testing::test_dir(&args.pack));
    if args.init {
        let file = testing::init(&args.pack, &dir).map_err(miette::Report::new)?;
        let pack = args.pack.display();
        let tests = args.tests.as_ref().map(|d| format!(" --tests {}", d.display())).unwrap_or_default();
        println!("wrote {}: fill in `targets`, then run `archrules test {pack}{tests} --bless`", file.display());
        return Ok(0);
    }
    let (summary, passed) =
        testing::run_in(&args.pack, &dir, crate::packs::dsl_parse, &test_graph, &evaluate, args.bless)
            .map_err(miette::Report::new)?;
    std::io::Write::write_all(&mut std::io::stdout(), summary.as_bytes()).into_diagnostic()?;
    Ok(if passed { 0 } else { 1 })
}
