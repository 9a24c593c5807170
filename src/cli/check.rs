//! `archrules check`: evaluate the packs over the targets, write the reports, and exit by the failure threshold.

use miette::{miette, IntoDiagnostic};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Instant;

use super::pack_args::PackArgs;
use super::session::{self, Layers};
use super::InputArgs;
use crate::findings::{Findings, Priority};
use crate::graph::Graph;
use crate::packs::{load::engine_scopes, suppress};
use crate::report::{self, baseline, ColorChoice, Format, RenderOptions, Threshold};
use crate::rules::engine::{self, EvalOptions};

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub inputs: InputArgs,
    #[command(flatten)]
    pub packs: PackArgs,
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
    /// Drop fixed violations from the baseline (and create it when missing).
    #[arg(long)]
    pub update_baseline: bool,
    /// Exit 3 when targets refer to classes found nowhere (results may miss violations).
    #[arg(long)]
    pub require_complete_classpath: bool,
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
    let started = Instant::now();
    let progress = super::progress::Progress::start("reading classes");
    let layers = Layers::read(packs)?;
    let inputs = session::resolve_inputs(inputs, &layers)?;
    let graph = super::load::load(&inputs, true)?;
    progress.phase("loading rule packs");
    let run_packs = session::packs(packs, &layers, Some(&graph), inputs.release)?;
    progress.phase("evaluating rules");
    let opts = EvalOptions { exclude: session::exclusions(&layers)?, scopes: engine_scopes(&graph, &run_packs) };
    let mut results = engine::evaluate(&graph, &session::running(&run_packs), &opts);
    for r in &mut results {
        r.rule.security_severity = crate::packs::bundled::security_severity(&r.rule.pack, &r.rule.name);
    }
    drop(progress);
    crate::packs::hint::annotate(&graph, &mut results);
    let unused_suppressions = suppress::apply(&suppress::suppression_table(&graph), &graph, &mut results);
    let mut warnings = graph.stats.warnings.clone();
    if graph.stats.unresolved > 0 {
        warnings.push(format!(
            "{} classes referenced by the targets were found nowhere (give them with --classpath or --jdk)",
            graph.stats.unresolved
        ));
    }
    let findings = Findings {
        results,
        classes_analysed: engine::analysed_classes(&graph, &opts),
        elapsed: started.elapsed(),
        warnings,
        unused_suppressions,
    };
    Ok(Evaluated { graph, findings, layers, inputs })
}

pub fn run(args: &CheckArgs) -> miette::Result<i32> {
    // `--fail-on never` is no priority, so the configuration layer cannot hold it: it is taken out here.
    let never = args.packs.fail_on.as_deref().is_some_and(|f| f.eq_ignore_ascii_case("never"));
    let mut packs = args.packs.clone();
    if never {
        packs.fail_on = None;
    }
    let Evaluated { graph, mut findings, layers, inputs } = evaluate(&args.inputs, &packs)?;
    // Flags win; then the file's `[[target]]` entry for the first target; then the file's global thresholds.
    let (target_fail, target_details) =
        session::first_target(&inputs).map(|t| layers.file.thresholds_for(t)).unwrap_or_default();
    let fail_on = if never {
        Threshold::Never
    } else {
        layers.command_line.failure_threshold.or(target_fail).map_or_else(Threshold::default, threshold)
    };
    let details = layers.command_line.details_threshold.or(target_details).unwrap_or(Priority::Medium);

    let baseline_path = layers.command_line.baseline.clone().or_else(|| layers.file.baseline.clone());
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
        source_roots: args.source_roots.clone(),
        tool_version: env!("CARGO_PKG_VERSION"),
        show_passing: args.summary == SummaryArg::All,
        wrap: (args.summary == SummaryArg::Failed).then_some(COMPACT_WIDTH),
        github_actions: std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true"),
        step_summary: std::env::var_os("GITHUB_STEP_SUMMARY").map(PathBuf::from),
    };
    write_report(args.format, &findings, &opts, args.output.as_ref())?;
    for (format, file) in &args.reports {
        let file_opts = RenderOptions { color: false, ..opts.clone() };
        write_report(*format, &findings, &file_opts, Some(file))?;
    }
    if let Some(run) = &baseline_run {
        run.diff.write_summary(&mut std::io::stderr()).into_diagnostic()?;
    }
    for (origin, rule) in &findings.unused_suppressions {
        eprintln!("warning: @SuppressArchRules on {origin} names '{rule}', which suppressed nothing");
    }
    let code = report::exit_code(&findings, fail_on);
    let unresolved = graph.stats.unresolved;
    // The process ends here: freeing the graph's and the findings' millions of small allocations would only delay
    // the exit (~0.2 s for the Spark corpus).
    std::mem::forget(graph);
    std::mem::forget(findings);
    if args.require_complete_classpath && unresolved > 0 && code == 0 {
        eprintln!("archrules: {unresolved} referenced classes were found nowhere (--require-complete-classpath)");
        return Ok(3);
    }
    Ok(code)
}

fn write_report(
    format: Format,
    findings: &Findings,
    opts: &RenderOptions<'_>,
    file: Option<&PathBuf>,
) -> miette::Result<()> {
    let reporter = format.reporter();
    let result = match file {
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
