//! `archrules check`: evaluate the packs over the targets, write the reports, and exit by the failure threshold.

use miette::{miette, IntoDiagnostic};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Instant;

use super::fleet_args::FleetArgs;
use super::pack_args::{PackArgs, VerdictArgs};
use super::session::{self, Layers};
use super::InputArgs;
use crate::findings::fleet::{self, FleetFacts, FleetOptions};
use crate::findings::suppress;
use crate::findings::{Findings, Priority, UnresolvedClass};
use crate::graph::Graph;
use crate::packs::load::{engine_scopes, RunPack};
use crate::packs::select::PackStatus;
use crate::report::{self, baseline, ColorChoice, Format, RenderOptions, TargetThresholds, Threshold};
use crate::rules::engine::{self, EvalOptions};

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub inputs: InputArgs,
    #[command(flatten)]
    pub packs: PackArgs,
    #[command(flatten)]
    pub verdict: VerdictArgs,
    /// Report format written to stdout (or --output).
    #[arg(long, default_value = "console", value_parser = format_parser(), ignore_case = true)]
    pub format: Format,
    /// Write the --format report to this file instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also write a report in another format: FORMAT=FILE (e.g. sarif=archrules.sarif). Repeatable.
    #[arg(long = "report", value_name = "FORMAT=FILE", value_parser = parse_report)]
    pub reports: Vec<(Format, PathBuf)>,
    /// Directory where sources live, to locate violations in SARIF and GitHub annotations. Repeatable.
    #[arg(long = "source-root", value_name = "DIR")]
    pub source_roots: Vec<PathBuf>,
    /// Colour the console report and error messages (`auto`: on a terminal, unless NO_COLOR is set).
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorArg,
    /// Which rules the console and markdown reports list: all of them, or only those that failed, with their
    /// violations (the console wraps long rule descriptions: compact, for hooks and terminals).
    #[arg(long, value_enum, default_value = "all", value_name = "RULES")]
    pub summary: SummaryArg,
    /// Drop fixed violations from the baseline (and create it when missing, except on CI).
    #[arg(long)]
    pub update_baseline: bool,
    /// Exit 3 when targets refer to classes found nowhere (results may miss violations).
    #[arg(long)]
    pub require_complete_classpath: bool,
    #[command(flatten)]
    pub fleet: FleetArgs,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SummaryArg {
    All,
    Failed,
}

/// Where `--summary failed` wraps rule descriptions: a terminal's usual width.
const COMPACT_WIDTH: usize = 100;

/// `--format`'s values, listed in `--help` and in clap's error for a wrong one (`text` and `md` are hidden aliases).
fn format_parser() -> impl clap::builder::TypedValueParser<Value = Format> {
    use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
    let values = Format::ALL.map(|f| match f {
        Format::Console => PossibleValue::new(f.name()).alias("text"),
        Format::Markdown => PossibleValue::new(f.name()).alias("md"),
        _ => PossibleValue::new(f.name()),
    });
    PossibleValuesParser::new(values).try_map(|s| s.parse::<Format>())
}

/// `--color` for the error diagnostics too: miette decides colour by itself when a report is made, so the choice is
/// installed as its handler before anything can fail. `auto` keeps miette's own detection (terminal, NO_COLOR).
pub fn color_diagnostics(color: ColorArg) {
    let colored = match color {
        ColorArg::Auto => return,
        ColorArg::Always => true,
        ColorArg::Never => false,
    };
    // Fails only when a hook is already set (a second call in one process): the first choice stands.
    let _ = miette::set_hook(Box::new(move |_| Box::new(miette::MietteHandlerOpts::new().color(colored).build())));
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse::<Format>().map_err(|e| e.to_string())
}

fn parse_report(s: &str) -> Result<(Format, PathBuf), String> {
    let (format, file) = s.split_once('=').ok_or_else(|| format!("expected FORMAT=FILE, got '{s}'"))?;
    Ok((parse_format(format)?, PathBuf::from(file)))
}

fn threshold(p: Priority) -> Threshold {
    match p {
        Priority::Low => Threshold::Low,
        Priority::Medium => Threshold::Medium,
        Priority::High => Threshold::High,
    }
}

/// Everything a check run produced, before rendering.
pub struct Evaluated {
    pub graph: Graph,
    pub findings: Findings,
    pub layers: Layers,
    pub inputs: InputArgs,
}

/// Loads, evaluates and applies suppressions: what `check` and `baseline` share.
pub fn evaluate(inputs: &InputArgs, packs: &PackArgs) -> miette::Result<Evaluated> {
    evaluate_for(inputs, packs, None)
}

/// [`evaluate`], and with `fleet` the facts the fleet record needs beyond the violations.
pub fn evaluate_for(inputs: &InputArgs, packs: &PackArgs, fleet: Option<&FleetArgs>) -> miette::Result<Evaluated> {
    let started = Instant::now();
    let progress = super::progress::Progress::start("reading classes");
    let layers = Layers::read(packs)?;
    let inputs = session::resolve_inputs(inputs, &layers)?;
    let graph = super::load::load(&inputs, true, fleet.is_some())?;
    progress.phase("loading rule packs");
    let run_packs = session::packs(packs, &layers, Some(&graph), inputs.release)?;
    progress.phase("evaluating rules");
    let opts = EvalOptions { exclude: session::exclusions(&layers)?, scopes: engine_scopes(&graph, &run_packs) };
    // The fleet facts (one pass over the targets' dependencies) need only the graph and the packs' params: they are
    // gathered on their own thread while the rules evaluate, so the record adds less to the run's wall time.
    let (mut results, fleet) = std::thread::scope(|scope| {
        let facts = fleet.map(|f| {
            let (graph, run_packs) = (&graph, &run_packs);
            scope.spawn(move || {
                let started = Instant::now();
                let facts = fleet_facts(graph, run_packs, f);
                if std::env::var_os("ARCHRULES_TIMING").is_some() {
                    eprintln!("timing: {:>8.3}s fleet facts (uses, declared)", started.elapsed().as_secs_f64());
                }
                facts
            })
        });
        let results = engine::evaluate(&graph, &session::running(&run_packs), &opts);
        let facts = facts.map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        (results, facts)
    });
    let fleet = fleet.transpose()?;
    for r in &mut results {
        r.rule.security_severity = crate::packs::bundled::security_severity(&r.rule.pack, &r.rule.name);
    }
    drop(progress);
    crate::findings::hint::annotate(&graph, &mut results);
    let suppressions = suppress::suppression_table(&graph);
    let unused_suppressions = suppress::apply(&suppressions, &graph, &mut results);
    let inlinings = crate::findings::remediation::inlinings(&graph, &results);
    let mut warnings = graph.stats.warnings.clone();
    for p in &run_packs {
        if let PackStatus::LoadFailed(error) = &p.selected.status {
            let pack = &p.selected.loaded.pack;
            warnings.push(format!(
                "rule pack '{}' in {} does not load and is skipped: {error} (--disable {} skips it quietly, \
                 --strict-packs makes this an error)",
                pack.id, pack.origin, pack.id
            ));
        }
    }
    let rule_names = run_packs.iter().flat_map(|p| p.selected.loaded.pack.rules.iter().map(|r| r.name.as_str()));
    warnings.extend(suppress::unknown_names(&suppressions, &graph, rule_names));
    let unresolved = unresolved_classes(&graph);
    if !unresolved.is_empty() {
        warnings.push(super::unresolved::warning(&unresolved));
    }
    let findings = Findings {
        results,
        classes_analysed: engine::analysed_classes(&graph, &opts),
        elapsed: started.elapsed(),
        warnings,
        unused_suppressions,
        input_warnings: graph.stats.input_warnings,
        unresolved,
        fleet,
        inlinings,
    };
    Ok(Evaluated { graph, findings, layers, inputs })
}

/// The lifecycle sets are the `archrules.lifecycle` pack's params as loaded for this run (configuration applied),
/// whether the pack runs or not; with `--no-bundled`, the bundled file's defaults.
fn fleet_facts(graph: &Graph, run_packs: &[RunPack], args: &FleetArgs) -> miette::Result<FleetFacts> {
    use crate::findings::lifecycle::{LifecycleSets, PACK};
    let params = match run_packs.iter().find(|p| p.selected.loaded.pack.id == PACK) {
        Some(p) => p.selected.loaded.pack.params.clone(),
        None => {
            let bundled = crate::packs::bundled::Bundled::by_id(PACK)
                .ok_or_else(|| miette!("the bundled {PACK} pack is missing"))?;
            crate::packs::dsl_parse(bundled.file, bundled.text, &Default::default())?.params
        }
    };
    let sets = LifecycleSets::from_params(&params).map_err(|e| miette!(code = "archrules::config", "{e}"))?;
    let unmarked_public = params
        .get("unmarkedPublicLibraries")
        .filter(|p| !p.is_empty())
        .map(|p| regex::Regex::new(&format!("^(?:{p})$")))
        .transpose()
        .map_err(|e| miette!(code = "archrules::config", "the {PACK} param `unmarkedPublicLibraries`: {e}"))?;
    let artifact = match &args.artifact {
        Some(text) => Some(crate::findings::artifact::parse_coordinates(text).ok_or_else(|| {
            miette!(code = "archrules::usage", "--artifact '{text}': expected GROUP:ARTIFACT[:VERSION]")
        })?),
        None => None,
    };
    let opts =
        FleetOptions { uses: args.fleet_uses.into(), sets: &sets, unmarked_public: unmarked_public.as_ref(), artifact };
    Ok(fleet::collect(graph, &opts))
}

/// The graph's classes found nowhere, as the reports carry them.
fn unresolved_classes(graph: &Graph) -> Vec<UnresolvedClass> {
    if graph.stats.unresolved == 0 {
        return Vec::new();
    }
    graph
        .unresolved()
        .into_iter()
        .map(|u| UnresolvedClass {
            name: u.name,
            referenced_by_targets: u.targets,
            referenced_by_classpath: u.classpath,
        })
        .collect()
}

/// `-o FILE` and `--report FORMAT=FILE` naming one file twice would have the second report overwrite the first.
fn check_report_files(args: &CheckArgs) -> miette::Result<()> {
    // Compared as absolute paths (`./x.json` is `x.json`), through links when the file exists already.
    let key = |f: &PathBuf| std::fs::canonicalize(f).or_else(|_| std::path::absolute(f)).unwrap_or_else(|_| f.clone());
    let mut seen: Vec<PathBuf> = args.output.iter().map(key).collect();
    for (_, file) in &args.reports {
        let file_key = key(file);
        if seen.contains(&file_key) {
            return Err(miette!(
                code = "archrules::usage",
                help = "give each report its own file",
                "{} is named by two reports (-o and --report, or two --report flags)",
                file.display()
            ));
        }
        seen.push(file_key);
    }
    Ok(())
}

pub fn run(args: &CheckArgs) -> miette::Result<i32> {
    check_report_files(args)?;
    // `--fail-on never` is no priority, so the configuration layer cannot hold it: it is taken out here.
    let mut packs = args.packs.with_verdict(&args.verdict);
    let never = packs.fail_on.as_deref().is_some_and(|f| f.eq_ignore_ascii_case("never"));
    if never {
        packs.fail_on = None;
    }
    // Reports named in archrules.toml come after the flags' (read before evaluation: the fleet record needs more).
    let mut reports = args.reports.clone();
    let config = Layers::read(&packs)?.file;
    for (format, file) in &config.reports {
        let format = format.parse::<Format>().map_err(|e| {
            let at = config.path.as_ref().map_or_else(String::new, |p| format!("{}: ", p.display()));
            miette!(code = "archrules::config", "{at}reports: {e}")
        })?;
        reports.push((format, file.clone()));
    }
    let wants_fleet = args.format == Format::Fleet || reports.iter().any(|(f, _)| *f == Format::Fleet);
    let Evaluated { graph, mut findings, layers, inputs } =
        evaluate_for(&args.inputs, &packs, wants_fleet.then_some(&args.fleet))?;
    let mut identity_warnings = Vec::new();
    let build = if wants_fleet {
        Some(args.fleet.identity(&mut identity_warnings).map_err(|e| miette!(code = "archrules::usage", "{e}"))?)
    } else {
        None
    };
    for w in &identity_warnings {
        eprintln!("warning: {w}");
    }
    let (fail_on, target_fail_on, details) = thresholds(&inputs, &layers, never);

    let baseline_path = layers.command_line.baseline.clone().or_else(|| layers.file.baseline.clone());
    if args.update_baseline && baseline_path.is_none() {
        return Err(miette!(
            code = "archrules::usage",
            help = "name the baseline: `--baseline archrules-baseline.json`, or `baseline = ...` in archrules.toml",
            "--update-baseline needs a baseline file, and none is given"
        ));
    }
    let mut baseline_run = None;
    if let Some(path) = &baseline_path {
        let on_ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
        baseline_run = baseline::check(path, &mut findings, args.update_baseline, on_ci)
            .map_err(|e| miette!(code = "archrules::baseline", "{e}"))?;
    }

    let color = match args.color {
        ColorArg::Auto => ColorChoice::Auto,
        ColorArg::Always => ColorChoice::Always,
        ColorArg::Never => ColorChoice::Never,
    };
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let opts = RenderOptions {
        color: color.resolve(std::env::var_os("NO_COLOR").as_deref(), to_terminal),
        details,
        fail_on,
        target_fail_on,
        source_roots: args.source_roots.clone(),
        tool_version: env!("CARGO_PKG_VERSION"),
        show_passing: args.summary == SummaryArg::All,
        wrap: (args.summary == SummaryArg::Failed).then_some(COMPACT_WIDTH),
        github_actions: std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true"),
        step_summary: std::env::var_os("GITHUB_STEP_SUMMARY").map(PathBuf::from),
        build,
    };
    // The `--report` files are written each on its own thread beside the main report: they only read the findings,
    // and a large JSON report and fleet record (~1 s each on the Spark corpus) need not wait for one another.
    let file_opts = RenderOptions { color: false, ..opts.clone() };
    std::thread::scope(|scope| {
        let files: Vec<_> = reports
            .iter()
            .map(|(format, file)| {
                let (findings, file_opts) = (&findings, &file_opts);
                scope.spawn(move || {
                    let started = Instant::now();
                    write_report(*format, findings, file_opts, Some(file))?;
                    if std::env::var_os("ARCHRULES_TIMING").is_some() {
                        let took = started.elapsed().as_secs_f64();
                        eprintln!("timing: {took:>8.3}s {format} report {}", file.display());
                    }
                    Ok::<_, miette::Report>(())
                })
            })
            .collect();
        let main = write_report(args.format, &findings, &opts, args.output.as_ref());
        for handle in files {
            handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        }
        main
    })?;
    // Input warnings always reach the terminal: a report written to a file or a pipe must not be the only place
    // they are said. The console report on a terminal has already shown them.
    let console_on_terminal = matches!(args.format, Format::Console) && to_terminal;
    if !console_on_terminal {
        let mut err = std::io::stderr().lock();
        for w in &findings.warnings {
            let line = match args.format {
                Format::Github => report::warning_command(w),
                _ => format!("warning: {w}"),
            };
            // A closed stderr leaves nowhere to say it; the report and the exit code still stand.
            let _ = writeln!(err, "{line}");
        }
    }
    if let Some(run) = &baseline_run {
        run.diff.write_summary(&mut std::io::stderr()).into_diagnostic()?;
    }
    if matches!(args.format, Format::Github) {
        eprintln!("{}", report::verdict_line(&findings, &opts));
    }
    // Said once where the user looks, in the console report's wording: the console report on a terminal has them.
    if !console_on_terminal {
        for (origin, rule) in &findings.unused_suppressions {
            eprintln!("warning: suppression of rule '{rule}' on {origin} suppresses nothing");
        }
    }
    let code = report::Verdict::for_run(&findings, &opts).exit_code();
    let unresolved = std::mem::take(&mut findings.unresolved);
    // The process ends here: freeing the graph's and the findings' millions of small allocations would only delay
    // the exit (~0.2 s for the Spark corpus).
    std::mem::forget(graph);
    std::mem::forget(findings);
    // A failing verdict (1) wins over an incomplete classpath (3): the violations found are real either way.
    if args.require_complete_classpath && !unresolved.is_empty() && code == 0 {
        eprintln!("archrules: {} (--require-complete-classpath)", super::unresolved::names(&unresolved));
        return Ok(3);
    }
    Ok(code)
}

/// The failure threshold, per-target ones when the targets differ, and the details threshold. Flags win; then each
/// target's `[[target]]` entry in archrules.toml; then the file's global thresholds. When the targets' failure
/// thresholds differ, each target's violations are judged by its own, and the details shown are the most any asks.
fn thresholds(inputs: &InputArgs, layers: &Layers, never: bool) -> (Threshold, TargetThresholds, Priority) {
    let flags = &layers.command_line;
    let global = flags.failure_threshold.or(layers.file.failure_threshold).map_or_else(Threshold::default, threshold);
    let per_target: Vec<(String, Threshold, Option<Priority>)> = inputs
        .paths
        .iter()
        .map(|path| {
            let (fail, details) = layers.file.thresholds_for(path);
            let fail = flags.failure_threshold.or(fail).map_or_else(Threshold::default, threshold);
            (path.display().to_string(), fail, flags.details_threshold.or(details))
        })
        .collect();
    let details = flags
        .details_threshold
        .or_else(|| per_target.iter().filter_map(|(_, _, d)| *d).min())
        .or(layers.file.details_threshold)
        .unwrap_or(Priority::Medium);
    if never {
        return (Threshold::Never, TargetThresholds::default(), details);
    }
    match per_target.first() {
        Some((_, first, _)) if per_target.iter().all(|(_, t, _)| t == first) => {
            (*first, TargetThresholds::default(), details)
        }
        Some(_) => {
            let targets = per_target.into_iter().map(|(path, t, _)| (path, t)).collect();
            (global, TargetThresholds::new(targets), details)
        }
        None => (global, TargetThresholds::default(), details),
    }
}

fn write_report(
    format: Format,
    findings: &Findings,
    opts: &RenderOptions<'_>,
    file: Option<&PathBuf>,
) -> miette::Result<()> {
    let reporter = format.reporter();
    let result = match file {
        // A report file named `*.gz` is written gzip-compressed (the fleet record's usual upload form).
        Some(path) if path.extension().is_some_and(|e| e == "gz") => {
            let file = std::fs::File::create(path).map_err(|e| miette!("cannot write {}: {e}", path.display()))?;
            let mut out = std::io::BufWriter::new(flate2::write::GzEncoder::new(file, flate2::Compression::default()));
            reporter.render(findings, opts, &mut out).and_then(|()| out.flush()).and_then(|()| {
                out.into_inner().map_err(|e| e.into_error())?.finish()?;
                Ok(())
            })
        }
        Some(path) => {
            let mut out = std::io::BufWriter::new(
                std::fs::File::create(path).map_err(|e| miette!("cannot write {}: {e}", path.display()))?,
            );
            reporter.render(findings, opts, &mut out).and_then(|()| out.flush())
        }
        None => {
            let mut out = super::buffered_stdout();
            reporter.render(findings, opts, &mut out).and_then(|()| out.flush())
        }
    };
    match result {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(miette!("cannot write the {format} report: {e}")),
        _ => Ok(()),
    }
}
