//! `archrules fleet site`: the portal, a static site generated from the fleet query answers in a directory.
//! The `site` variant of `super::fleet::FleetCommand` holds its arguments.

use std::path::PathBuf;

use crate::portal::{self, SiteOptions, SourceUrl};

#[derive(Debug, clap::Args)]
pub struct SiteArgs {
    /// Directory of query answers (JSON Lines) to read instead of the store.
    #[arg(long, value_name = "DIR")]
    pub from: Option<PathBuf>,
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

/// `fleet site` (a subcommand of `fleet`, see `super::fleet`): the site from the answer files in `from` (`--from`,
/// or the store's answers, written there by the caller).
pub fn generate(args: &SiteArgs, from: &std::path::Path) -> miette::Result<i32> {
    let started = std::time::Instant::now();
    let answers =
        portal::answers::read_dir(from).map_err(|e| miette::miette!(code = "archrules::fleet_site", "{e}"))?;
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
