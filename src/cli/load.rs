//! Turning command-line inputs into a graph.

use miette::miette;
use std::path::PathBuf;

use super::InputArgs;
use crate::graph::{self, Graph};
use crate::inputs::{self, OpenOptions, Opened, Role};

/// Splits `--classpath` values on the platform separator, so `a.jar:b.jar` and repeated flags both work.
pub fn classpath(values: &[String]) -> Vec<PathBuf> {
    values
        .iter()
        .flat_map(|v| std::env::split_paths(v).collect::<Vec<_>>())
        .filter(|p| !p.as_os_str().is_empty())
        .collect()
}

/// With `index_dependents`, the graph is ready for rule evaluation; with `lifecycle_context`, for the fleet record
/// (see [`graph::BuildOptions`]).
pub fn load(args: &InputArgs, index_dependents: bool, lifecycle_context: bool) -> miette::Result<Graph> {
    if args.paths.is_empty() {
        return Err(miette!(
            code = "archrules::usage",
            help = "give class directories or jars to analyse",
            "no targets given"
        ));
    }
    let started = std::time::Instant::now();
    let opts = OpenOptions { release: args.release, ..OpenOptions::default() };
    let mut opened = Opened::default();
    opened.add(&args.paths, Role::Target, &opts);
    opened.add(&classpath(&args.classpath), Role::Classpath, &opts);
    let mut notes = Vec::new();
    if !args.no_jdk {
        match inputs::find_jdk(args.jdk.as_deref()) {
            Some(home) => {
                if let Err(e) = opened.add_jdk(&home, &opts) {
                    notes.push(format!("JDK not loaded, JDK classes are unresolved stubs: {e}"));
                }
            }
            None => notes.push("no JDK found (--jdk, JAVA_HOME): JDK classes are unresolved stubs".to_string()),
        }
    }
    let listed = started.elapsed();
    let mut g = graph::build(opened, &graph::BuildOptions { index_dependents, lifecycle_context });
    if std::env::var_os("ARCHRULES_TIMING").is_some() {
        eprintln!("timing: {:>8.3}s open+list inputs", listed.as_secs_f64());
        for (phase, t, rss) in &g.stats.phases {
            let rss = rss.map(|mb| format!(" (resident {mb} MB)")).unwrap_or_default();
            eprintln!("timing: {:>8.3}s {phase}{rss}", t.as_secs_f64());
        }
        eprintln!("graph: {}", g.size_report());
    }
    g.stats.warnings.extend(notes);
    if g.stats.target_classes == 0 {
        for w in &g.stats.warnings {
            eprintln!("warning: {w}");
        }
        return Err(miette!(code = "archrules::no_classes", "no class could be read from the targets"));
    }
    Ok(g)
}
