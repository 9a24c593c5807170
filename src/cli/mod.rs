//! Command-line definitions and one file per command. Only this layer turns errors into miette reports and exit codes.

mod baseline;
mod check;
mod fleet;
mod fleet_args;
mod fleet_site;
mod inspect;
mod load;
pub mod pack_args;
mod progress;
mod rules;
mod session;
mod shell_glob;
mod unresolved;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Architecture and API-usage rules for JVM bytecode.
#[derive(Debug, Parser)]
#[command(name = "archrules", version = env!("ARCHRULES_VERSION"), about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

// One value per process, parsed once: its size costs nothing, and boxing `check`'s arguments would only add noise.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Evaluate the rule packs over compiled classes and report violations.
    ///
    /// Exit codes: 0 clean or below the failure threshold, 1 violations at or above it, 2 usage, configuration,
    /// rule-pack or input errors, 3 with --require-complete-classpath when classes are missing (1 wins over 3).
    ///
    /// Examples:
    ///   archrules check build/classes/java/main --classpath 'libs/guava.jar:libs/joda-time.jar'
    ///   archrules check app.jar --fail-on medium --report sarif=archrules.sarif
    ///   archrules check --baseline archrules-baseline.json
    ///   archrules check target/classes --rules my-rules.arch --enable archrules.spring --format json -o report.json
    #[command(verbatim_doc_comment, display_name = "archrules")]
    Check(check::CheckArgs),
    /// Record the current violations in a baseline file, so `check --baseline` fails only on new ones.
    ///
    /// Example:
    ///   archrules baseline build/classes/java/main -o archrules-baseline.json
    #[command(verbatim_doc_comment, display_name = "archrules")]
    Baseline(baseline::BaselineArgs),
    /// List every pack and rule that would run: id, name, priority after overrides, origin, description.
    ///
    /// Examples:
    ///   archrules rules
    ///   archrules rules app.jar --classpath libs/ --all
    #[command(verbatim_doc_comment, display_name = "archrules")]
    Rules(rules::RulesArgs),
    /// Print one rule: description, because, and its DSL source.
    ///
    /// Example:
    ///   archrules explain "guava optional"
    #[command(verbatim_doc_comment, display_name = "archrules")]
    Explain(rules::ExplainArgs),
    /// Write markdown documentation of the packs.
    ///
    /// Example:
    ///   archrules docs -o docs/packs-reference.md
    #[command(verbatim_doc_comment, display_name = "archrules")]
    Docs(rules::DocsArgs),
    /// Test a rule pack against its fixture classes and expected violations (for pack authors).
    ///
    /// Examples:
    ///   archrules test rules/guava.arch
    ///   archrules test my-pack.arch --init
    ///   archrules test my-pack.arch --bless
    ///   archrules test src/main/resources/META-INF/archrules/acme.arch --tests src/test/archrules/acme
    #[command(verbatim_doc_comment, display_name = "archrules")]
    Test(rules::TestArgs),
    /// Show what archrules reads from bytecode: a summary, one class's facts, or every dependency.
    ///
    /// Examples:
    ///   archrules inspect build/classes/java/main --classpath 'libs/*'
    ///   archrules inspect app.jar --class com.acme.Foo --format json
    ///   archrules inspect app.jar --dependencies | grep 'org.joda'
    #[command(verbatim_doc_comment, display_name = "archrules")]
    Inspect(inspect::InspectArgs),
    /// The fleet store: gather fleet records from many builds and ask who uses which library API.
    ///
    /// Examples:
    ///   archrules fleet ingest records/
    ///   archrules fleet who-uses 'com.acme.Widget.resize(int)' --status deprecated
    ///   archrules fleet library com.acme:widgets
    ///   archrules fleet impact --old widgets-2.3.jar --new widgets-3.0.jar
    ///   archrules fleet site --from answers/ -o site/
    #[command(verbatim_doc_comment, display_name = "archrules")]
    Fleet(fleet::FleetArgs),
    /// Print a shell completion script.
    ///
    /// Examples:
    ///   archrules completions bash > ~/.local/share/bash-completion/completions/archrules
    ///   archrules completions zsh > ~/.zfunc/_archrules
    ///   archrules completions fish > ~/.config/fish/completions/archrules.fish
    #[command(verbatim_doc_comment, display_name = "archrules")]
    Completions(CompletionsArgs),
}

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Inputs shared by every command that reads bytecode.
#[derive(Debug, clap::Args, Clone, Default)]
pub struct InputArgs {
    /// Classes to analyse: class directories, jars, fat jars, jmods, directories of jars, `.class` files.
    pub paths: Vec<PathBuf>,
    /// Dependencies used only to resolve what the targets refer to (repeatable; `:`-separated lists accepted; quoted
    /// globs in the last component expand: 'libs/*.jar', the JVM's 'libs/*').
    #[arg(long = "classpath", short = 'c', value_name = "PATHS")]
    pub classpath: Vec<String>,
    /// JDK home whose classes resolve `java.*` references [default: archrules.toml's `jdk`, else `$JAVA_HOME`, else
    /// /usr/lib/jvm/default-java, else the JDK of the `java` on PATH].
    #[arg(long, value_name = "DIR", conflicts_with = "no_jdk")]
    pub jdk: Option<PathBuf>,
    /// Do not load the JDK's classes.
    #[arg(long)]
    pub no_jdk: bool,
    /// Java release to check against, as `javac --release N`: the view of multi-release jars, and, when older than
    /// the JDK, the JDK classes of that release from its `lib/ct.sym`; default: the newest present, the JDK as it is.
    #[arg(long, value_name = "N", value_parser = load::parse_release)]
    pub release: Option<u32>,
    /// Fail (exit 2) when a file or an entry inside a jar cannot be read, instead of warning and going on.
    #[arg(long)]
    pub strict_inputs: bool,
}

/// Standard output through a 64 KiB buffer, for reports and dumps: stdout alone flushes at every newline, a write
/// call per line (millions for `inspect --dependencies`). The caller flushes it, to see the error.
fn buffered_stdout() -> std::io::BufWriter<std::io::StdoutLock<'static>> {
    std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock())
}

pub fn run(cli: Cli) -> miette::Result<i32> {
    if let Command::Check(args) = &cli.command {
        check::color_diagnostics(args.color);
    }
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Baseline(args) => baseline::run(&args),
        Command::Rules(args) => rules::rules(&args),
        Command::Explain(args) => rules::explain(&args),
        Command::Docs(args) => rules::docs(&args),
        Command::Test(args) => rules::test(&args),
        Command::Inspect(args) => inspect::run(&args),
        Command::Fleet(args) => fleet::run(&args),
        Command::Completions(args) => {
            let mut out = std::io::stdout().lock();
            clap_complete::generate(args.shell, &mut <Cli as clap::CommandFactory>::command(), "archrules", &mut out);
            Ok(0)
        }
    }
}

/// Process-wide allocator settings, set before any thread starts (the binary and the benchmarks call this).
///
/// glibc grows each thread's heap only as far as the request plus `M_TOP_PAD` (128 KiB), one `mprotect` call and a
/// run of page faults at a time, and gives the top back as soon as it is freed. The parsing threads grow theirs
/// thousands of times: 6,173 `mprotect` calls for one target jar with a 325-jar classpath. With 64 MiB of padding
/// (address space only; pages count once touched) that is 11: on the Spark corpus the one-target run takes ~32k ->
/// ~28.5k page faults and 5-10% less time; all jars as targets, same time, peak RSS no higher (959-970 MiB).
///
/// Setting the padding also fixes the threshold above which a block is mapped on its own at 128 KiB, and such a
/// block is unmapped when freed: evaluation's large buffers (violation lists, texts of tens of MB) were each
/// fresh pages, zeroed by the kernel a fault at a time. Mapping only blocks above 32 MiB (glibc's maximum) and
/// keeping freed memory up to 1 GiB lets the heap serve them again: 49 rules on the Spark corpus, evaluation
/// median 1.00 -> 0.94 s (six alternating runs); `inspect` times and peak RSS unchanged.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn tune_allocator() {
    // SAFETY: mallopt only sets an allocator parameter, under glibc's own lock.
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, 64 << 20);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 1 << 30);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn tune_allocator() {}
