//! `archrules fleet site`: the portal, a static site generated from the fleet query answers in a directory.

use std::path::PathBuf;

use crate::portal::{self, SiteOptions, SourceUrl};

#[derive(Debug, clap::Args)]
pub struct FleetArgs {
    #[command(subcommand)]
    pub command: FleetCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum FleetCommand {
    /// Generate the portal: a static site of libraries, API elements, consumers, repositories and rules.
    ///
    /// DIR holds the query answers as JSON Lines: who_uses.jsonl, library.jsonl, rules.jsonl, and optionally
    /// repos.jsonl and history.jsonl (each may be a directory of part files, as Spark writes them).
    ///
    /// Example:
    ///   archrules fleet site --from answers/ -o site/ --source-url 'https://git.example/{repository}/blob/{commit}/{path}#L{line}'
    Site(SiteArgs),
}

#[derive(Debug, clap::Args)]
pub struct SiteArgs {
    /// Directory of query answers (JSON Lines).
    #[arg(long, value_name = "DIR")]
    pub from: PathBuf,
    /// Directory to write the site into (created when missing).
    #[arg(long, short = 'o', value_name = "DIR")]
    pub output: PathBuf,
    /// Link each consumer's file:line: a URL with {repository}, {commit}, {branch}, {module}, {path}, {line}.
    #[arg(long, value_name = "TEMPLATE")]
    pub source_url: Option<String>,
    /// Title shown on every page.
    #[arg(long, default_value = "archrules fleet")]
    pub title: String,
}

pub fn run(args: &FleetArgs) -> miette::Result<i32> {
    match &args.command {
        FleetCommand::Site(site) => generate(site),
    }
}

fn generate(args: &SiteArgs) -> miette::Result<i32> {
    let started = std::time::Instant::now();
    let answers =
        portal::answers::read_dir(&args.from).map_err(|e| miette::miette!(code = "archrules::fleet_site", "{e}"))?;
    let opts = SiteOptions { title: args.title.clone(), source_url: args.source_url.as_deref().map(SourceUrl::new) };
    let summary = portal::generate(&answers, &opts, &args.output)
        .map_err(|e| miette::miette!(code = "archrules::fleet_site", "{e}"))?;
    eprintln!(
        "wrote {} files ({:.1} MB) to {} in {:.2} s; largest {} ({} KB)",
        summary.files,
        summary.bytes as f64 / 1e6,
        args.output.display(),
        started.elapsed().as_secs_f64(),
        summary.largest.0.display(),
        summary.largest.1 / 1024
    );
    Ok(0)
}
