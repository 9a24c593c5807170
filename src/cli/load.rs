//! Turning command-line inputs into a graph. The paths the user names are facts: a missing target or classpath
//! entry, a glob that matches nothing, or a `--jdk` that is not a JDK stop the run (exit 2) before anything is read;
//! damaged entries inside readable inputs are warnings, which `--strict-inputs` turns into an error.

use miette::miette;
use std::path::{Path, PathBuf};

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

/// `--release N` as `javac --release` takes it: a release number some JDK's ct.sym can describe.
pub fn parse_release(s: &str) -> Result<u32, String> {
    let range = inputs::SUPPORTED_RELEASES;
    let expected = format!("a Java release from {} to {}, as for javac --release", range.start(), range.end());
    match s.trim().parse::<u32>() {
        Ok(n) if range.contains(&n) => Ok(n),
        Ok(n) => Err(format!("release {n} is not supported: expected {expected}")),
        Err(_) => Err(format!("expected {expected}")),
    }
}

/// The paths with their globs expanded, or an error naming every one that is missing or matches nothing.
fn expand(paths: &[PathBuf], what: &str) -> miette::Result<Vec<PathBuf>> {
    inputs::expand_all(paths).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(|e| format!("{what} {e}")).collect();
        let globs = errors.iter().any(|e| e.kind == inputs::InputErrorKind::NoGlobMatch);
        let help = if globs {
            "a glob is expanded in the last path component only (`libs/*.jar`, or the JVM's `libs/*` for every jar in `libs`)"
        } else {
            "check the path (relative paths start from the current directory, or from archrules.toml's directory for its entries)"
        };
        miette!(code = "archrules::input", help = help, "{}", lines.join("\n"))
    })
}

/// An explicit JDK (`--jdk`, or `jdk` in archrules.toml) must be one: without it, the JDK's deprecations and
/// annotations silently vanish from the results.
fn check_explicit_jdk(home: &Path) -> miette::Result<()> {
    if !home.is_dir() {
        return Err(miette!(
            code = "archrules::input",
            help = "give a JDK home (the directory holding `bin/java` and `jmods/` or `lib/modules`), or --no-jdk",
            "JDK {}: no such directory",
            home.display()
        ));
    }
    // A home with only `lib/ct.sym` is a JDK too (it serves `--release N`); whether it can serve this run is
    // `add_jdk`'s to say, as a warning.
    if !inputs::is_jdk_home(home) && !home.join("lib").join("ct.sym").is_file() {
        return Err(miette!(
            code = "archrules::input",
            help = "give a JDK home (the directory holding `bin/java` and `jmods/` or `lib/modules`), or --no-jdk",
            "JDK {}: not a JDK home (it has no jmods/, lib/modules or lib/ct.sym)",
            home.display()
        ));
    }
    Ok(())
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
    let targets = expand(&args.paths, "target")?;
    let classpath = expand(&classpath(&args.classpath), "classpath entry")?;
    let explicit_jdk = if args.no_jdk { None } else { args.jdk.as_deref() };
    if let Some(home) = explicit_jdk {
        check_explicit_jdk(home)?;
    }
    let started = std::time::Instant::now();
    let opts = OpenOptions { release: args.release, ..OpenOptions::default() };
    let mut opened = Opened::default();
    opened.add(&targets, Role::Target, &opts);
    opened.add(&classpath, Role::Classpath, &opts);
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
    if args.strict_inputs && g.stats.input_warnings > 0 {
        for w in &g.stats.warnings {
            eprintln!("warning: {w}");
        }
        return Err(miette!(
            code = "archrules::input",
            help = "fix or remove the damaged inputs, or run without --strict-inputs to go on with a warning",
            "{} input problems (--strict-inputs)",
            g.stats.input_warnings
        ));
    }
    if let Some(hint) = super::shell_glob::hint(&g) {
        eprintln!("{hint}");
    }
    Ok(g)
}
