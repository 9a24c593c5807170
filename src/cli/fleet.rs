//! `archrules fleet`: the fleet store's commands. The store lives in `crate::fleet`; `impact` joins the API
//! difference of two jars (`crate::apidiff`) with the store's uses here, so neither stage knows the other.

use miette::miette;
use serde::Serialize;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use crate::apidiff;
use crate::fleet::output::{self, Answer, Format};
use crate::fleet::query::{parse_statuses, split_library, status_names};
use crate::fleet::{self, FileOutcome, FleetError, Pattern, Prune, Store};

#[derive(Debug, clap::Args)]
pub struct FleetArgs {
    /// The store: one SQLite file, created when absent.
    #[arg(long, global = true, value_name = "PATH", default_value = "archrules-fleet.db")]
    pub db: PathBuf,
    #[command(subcommand)]
    pub command: FleetCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum FleetCommand {
    /// Add fleet records (JSON Lines, gzipped when the name ends in .gz; a directory is walked for *.jsonl[.gz]).
    ///
    /// Each file is atomic: a file with a bad row is refused whole and the rest still ingest (exit 2).
    /// The same repository+branch+commit ingested twice changes nothing; the newest build of a repository+branch
    /// is its current snapshot.
    Ingest {
        #[arg(required = true, value_name = "FILE|DIR")]
        paths: Vec<PathBuf>,
        /// Only read and check the files, as ingest would, without a store (a CI step checks its record before
        /// uploading it); exit 2 when one would be refused.
        #[arg(long)]
        check: bool,
    },
    /// Drop old snapshots (never a repository+branch's current one).
    Prune {
        /// Keep the newest N snapshots of each repository+branch.
        #[arg(long, value_name = "N", required_unless_present = "older_than", conflicts_with = "older_than")]
        keep: Option<u32>,
        /// Drop snapshots built longer ago than this: 45s, 30m, 12h, 90d, 4w.
        #[arg(long, value_name = "DURATION")]
        older_than: Option<String>,
    },
    /// Who uses an API, from current snapshots.
    ///
    /// PATTERN: an artifact `group:artifact`, a package `com.acme..` (and subpackages), a class `com.acme.Foo`
    /// (and its members), a member `com.acme.Foo.bar(int)` or field `com.acme.Foo.size`.
    WhoUses {
        pattern: String,
        #[command(flatten)]
        query: QueryArgs,
        /// Only uses of elements with these statuses, comma-separated (`deprecated` includes
        /// deprecated-for-removal).
        #[arg(long, value_name = "STATUSES")]
        status: Option<String>,
        /// Only this branch's snapshots.
        #[arg(long)]
        branch: Option<String>,
    },
    /// A library's page: each marked element with its status and consumers; what is safe to remove and what
    /// blocks removal.
    Library {
        /// `group:artifact` (or the artifact alone when the records know no group).
        coordinates: String,
        #[command(flatten)]
        query: QueryArgs,
    },
    /// What a release would break: the API difference of two jars joined with the current uses in the store.
    Impact {
        #[arg(long, value_name = "JAR")]
        old: PathBuf,
        #[arg(long, value_name = "JAR")]
        new: PathBuf,
        #[command(flatten)]
        query: QueryArgs,
    },
    /// What the store holds: each repository+branch's current snapshot and how fresh it is.
    Repos {
        #[command(flatten)]
        query: QueryArgs,
    },
    /// Violations by rule across the current snapshots.
    Rules {
        #[command(flatten)]
        query: QueryArgs,
    },
    /// Write every answer of the store as JSON Lines into DIR: who_uses, library, rules, repos, history
    /// (.jsonl), the files the portal reads and the Spark job (fleet/spark/archrules_fleet.py) writes.
    Answers {
        #[arg(long, short = 'o', value_name = "DIR")]
        output: PathBuf,
    },
    /// Generate the portal: a static site of libraries, API elements, consumers, repositories and rules.
    ///
    /// From the store (--db), or with --from DIR from answer files: who_uses.jsonl, library.jsonl, rules.jsonl,
    /// and optionally repos.jsonl and history.jsonl (each may be a directory of part files, as Spark writes them).
    ///
    /// Examples:
    ///   archrules fleet site --db archrules-fleet.db -o site/
    ///   archrules fleet site --from answers/ -o site/ --source-url 'https://git.example/{repository}/blob/{commit}/{path}#L{line}'
    Site(super::fleet_site::SiteArgs),
}

#[derive(Debug, clap::Args)]
pub struct QueryArgs {
    /// Output format (default: table on a terminal, JSON Lines otherwise).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
}

impl QueryArgs {
    fn format(&self) -> Format {
        self.format.unwrap_or(if std::io::stdout().is_terminal() { Format::Table } else { Format::Json })
    }
}

fn fleet_error(e: FleetError) -> miette::Report {
    miette!(code = "archrules::fleet", "{e}")
}

pub fn run(args: &FleetArgs) -> miette::Result<i32> {
    // A site from answer files opens no store (and creates none).
    if let FleetCommand::Site(site) = &args.command {
        if let Some(from) = &site.from {
            return super::fleet_site::generate(site, from);
        }
        if !args.db.exists() {
            return Err(miette!("no fleet store at {}: give --db PATH, or --from DIR of answers", args.db.display()));
        }
    }
    if let FleetCommand::Ingest { paths, check: true } = &args.command {
        return check(paths);
    }
    let mut store = Store::open(&args.db).map_err(fleet_error)?;
    match &args.command {
        FleetCommand::Ingest { paths, .. } => ingest(&mut store, paths),
        FleetCommand::Prune { keep, older_than } => {
            let how = match (keep, older_than) {
                (Some(n), _) => Prune::Keep(*n),
                (None, Some(age)) => Prune::OlderThan(fleet::parse_duration(age).map_err(fleet_error)?),
                (None, None) => return Err(miette!("give --keep N or --older-than DURATION")),
            };
            let dropped = store.prune(how).map_err(fleet_error)?;
            eprintln!("archrules: dropped {dropped} snapshots from {}", args.db.display());
            Ok(0)
        }
        FleetCommand::WhoUses { pattern, query, status, branch } => {
            let pattern = Pattern::parse(pattern).map_err(fleet_error)?;
            let statuses = match status {
                Some(list) => {
                    parse_statuses(list).map_err(|e| miette!(help = format!("statuses: {}", status_names()), "{e}"))?
                }
                None => Vec::new(),
            };
            let uses = store.who_uses(&pattern, &statuses, branch.as_deref()).map_err(fleet_error)?;
            print(query.format(), &uses)
        }
        FleetCommand::Library { coordinates, query } => {
            let (group, artifact) = split_library(coordinates).map_err(fleet_error)?;
            let elements = store.library(&group, &artifact).map_err(fleet_error)?;
            warn_incomplete(&store)?;
            if elements.is_empty() {
                eprintln!("archrules: the store knows no marked element of {coordinates}");
            }
            print(query.format(), &elements)
        }
        FleetCommand::Impact { old, new, query } => impact(&store, old, new, query.format()),
        FleetCommand::Repos { query } => print(query.format(), &store.repos().map_err(fleet_error)?),
        FleetCommand::Rules { query } => print(query.format(), &store.rules().map_err(fleet_error)?),
        FleetCommand::Answers { output } => {
            store.answers().and_then(|a| a.write_dir(output)).map_err(fleet_error)?;
            eprintln!("archrules: wrote the store's answers to {}", output.display());
            Ok(0)
        }
        FleetCommand::Site(site) => {
            // The site carries the answers it was made from (OUT/answers/): downloadable, and read back by the
            // same reader as Spark's, so both sources go through one path.
            let dir = site.output.join("answers");
            store.answers().and_then(|a| a.write_dir(&dir)).map_err(fleet_error)?;
            super::fleet_site::generate(site, &dir)
        }
    }
}

fn ingest(store: &mut Store, paths: &[PathBuf]) -> miette::Result<i32> {
    let files = fleet::record_files(paths).map_err(fleet_error)?;
    let started = std::time::Instant::now();
    let summary = store.ingest(&files).map_err(fleet_error)?;
    let (mut added, mut present, mut ingested) = (0, 0, 0);
    for (_, outcome) in &summary.files {
        if let FileOutcome::Ingested { added: a, present: p, .. } = outcome {
            added += a;
            present += p;
            ingested += 1;
        }
    }
    print_errors(&summary);
    eprintln!(
        "archrules: ingested {ingested} of {} files in {:.2} s: {added} new snapshots ({} rows), {present} already in the store",
        files.len(),
        started.elapsed().as_secs_f64(),
        summary.rows(),
    );
    Ok(print_refused(&summary, "nothing from them entered the store"))
}

fn check(paths: &[PathBuf]) -> miette::Result<i32> {
    let files = fleet::record_files(paths).map_err(fleet_error)?;
    let started = std::time::Instant::now();
    let summary = fleet::check_records(&files);
    let (mut builds, mut good) = (0, 0);
    for (_, outcome) in &summary.files {
        if let FileOutcome::Ingested { added, .. } = outcome {
            builds += added;
            good += 1;
        }
    }
    print_errors(&summary);
    eprintln!(
        "archrules: checked {} files in {:.2} s: {good} would ingest, {builds} builds ({} rows)",
        files.len(),
        started.elapsed().as_secs_f64(),
        summary.rows(),
    );
    Ok(print_refused(&summary, "ingest would refuse them whole"))
}

fn print_errors(summary: &fleet::IngestSummary) {
    for (_, error) in summary.refused() {
        eprintln!("error: {error}");
    }
}

/// Lists the refused files; the exit code: 2 when any was refused.
fn print_refused(summary: &fleet::IngestSummary, what: &str) -> i32 {
    let refused: Vec<_> = summary.refused().collect();
    if refused.is_empty() {
        return 0;
    }
    eprintln!("archrules: refused {} files ({what}):", refused.len());
    for (path, _) in &refused {
        eprintln!("  {}", path.display());
    }
    2
}

/// An incomplete classpath undercounts uses: the store says so next to counts.
fn warn_incomplete(store: &Store) -> miette::Result<()> {
    let incomplete = store.incomplete_snapshots().map_err(fleet_error)?;
    if !incomplete.is_empty() {
        eprintln!(
            "warning: {} current snapshots were built with an incomplete classpath, so their uses may be undercounted: {}",
            incomplete.len(),
            incomplete.join(", ")
        );
    }
    Ok(())
}

fn print<A: Answer + Default>(format: Format, answers: &[A]) -> miette::Result<i32> {
    let mut out = super::buffered_stdout();
    match output::write(&mut out, format, answers).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(miette!("cannot write output: {e}")),
        _ => Ok(0),
    }
}

/// One consumer a release would break, and where.
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
struct Break {
    change: &'static str,
    api_class: String,
    api_member: Option<String>,
    detail: String,
    repository: Option<String>,
    branch: Option<String>,
    module: Option<String>,
    consumer_class: String,
    consumer_member: Option<String>,
    source_path: Option<String>,
    line: i64,
    dependency_kind: String,
    commit: Option<String>,
}

impl Answer for Break {
    fn fields(&self) -> Vec<(&'static str, String)> {
        crate::answer_fields!(self, "change" => change, "apiClass" => api_class, "apiMember" => api_member,
            "detail" => detail, "repository" => repository, "branch" => branch, "module" => module,
            "consumerClass" => consumer_class, "consumerMember" => consumer_member, "sourcePath" => source_path,
            "line" => line, "dependencyKind" => dependency_kind, "commit" => commit)
    }
    const COLUMNS: &'static [&'static str] =
        &["CHANGE", "ELEMENT", "NOW", "REPOSITORY", "BRANCH", "MODULE", "CONSUMER", "AT", "KIND"];
    fn cells(&self) -> Vec<String> {
        vec![
            self.change.to_string(),
            self.api_member.clone().unwrap_or_else(|| self.api_class.clone()),
            self.detail.clone(),
            self.repository.clone().unwrap_or_else(|| "-".into()),
            self.branch.clone().unwrap_or_else(|| "-".into()),
            self.module.clone().unwrap_or_else(|| "-".into()),
            self.consumer_member.clone().unwrap_or_else(|| self.consumer_class.clone()),
            format!("{}:{}", self.source_path.as_deref().unwrap_or("?"), self.line),
            self.dependency_kind.clone(),
        ]
    }
}

fn impact(store: &Store, old: &std::path::Path, new: &std::path::Path, format: Format) -> miette::Result<i32> {
    let read = |path| apidiff::read_api(path).map_err(|e| miette!(code = "archrules::impact", "{e}"));
    let (old_api, new_api) = (read(old)?, read(new)?);
    let changes = apidiff::diff(&old_api, &new_api);
    let mut breaks = Vec::new();
    for change in &changes {
        // A class change breaks every use of the class and its members; a member change, that member's uses.
        let pattern = match (&change.member, change.kind) {
            (None, _) => Pattern::ClassOrField(change.class.clone()),
            (Some(member), _) if member.ends_with(')') => Pattern::Member(member.clone()),
            (Some(field), _) => Pattern::ClassOrField(field.clone()),
        };
        for used in store.who_uses(&pattern, &[], None).map_err(fleet_error)? {
            // A field's pattern also matches a class of that name; keep only the field's own uses.
            if change.member.is_some() && used.api_member != change.member {
                continue;
            }
            breaks.push(Break {
                change: change.kind.name(),
                api_class: change.class.clone(),
                api_member: used.api_member.clone(),
                detail: change.detail.clone(),
                repository: used.repository,
                branch: used.branch,
                module: used.module,
                consumer_class: used.consumer_class,
                consumer_member: used.consumer_member,
                source_path: used.source_path,
                line: used.line,
                dependency_kind: used.dependency_kind,
                commit: used.commit,
            });
        }
    }
    let repositories: std::collections::BTreeSet<_> = breaks.iter().map(|b| b.repository.clone()).collect();
    eprintln!(
        "archrules: {} breaking API changes from {} to {}; {} uses in {} repositories would break",
        changes.len(),
        old.display(),
        new.display(),
        breaks.len(),
        repositories.len()
    );
    warn_incomplete(store)?;
    print(format, &breaks)
}
