//! `fleet ingest`: record files into the store, one transaction per file. A file is read and checked whole before
//! the store is touched, so a bad row refuses its file and nothing of it enters; the other files still ingest.

use super::error::FleetError;
use super::row::{status_code, Kind, Row};
use super::store::Store;
use rusqlite::{params, Connection, OptionalExtension, ToSql};
use rustc_hash::FxHashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

/// What became of one file.
#[derive(Debug)]
pub enum FileOutcome {
    /// Ingested: `added` new snapshots with `rows` rows; `present` snapshots were in the store already (unchanged).
    Ingested { added: usize, present: usize, rows: usize },
    /// Refused whole; nothing from it entered the store.
    Refused(FleetError),
}

#[derive(Debug, Default)]
pub struct IngestSummary {
    pub files: Vec<(PathBuf, FileOutcome)>,
}

impl IngestSummary {
    pub fn refused(&self) -> impl Iterator<Item = (&Path, &FleetError)> {
        self.files.iter().filter_map(|(path, outcome)| match outcome {
            FileOutcome::Refused(e) => Some((path.as_path(), e)),
            FileOutcome::Ingested { .. } => None,
        })
    }

    pub fn rows(&self) -> usize {
        self.files.iter().map(|(_, o)| if let FileOutcome::Ingested { rows, .. } = o { *rows } else { 0 }).sum()
    }
}

/// The files to ingest: each path given, and for a directory every `*.jsonl` / `*.jsonl.gz` below it, sorted.
pub fn record_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, FleetError> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut files)?;
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), FleetError> {
    let io = |source| FleetError::Io { path: dir.to_path_buf(), source };
    let mut entries: Vec<_> =
        std::fs::read_dir(dir).map_err(io)?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>().map_err(io)?;
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if path.is_dir() {
            walk(&path, files)?;
        } else if name.ends_with(".jsonl") || name.ends_with(".jsonl.gz") {
            files.push(path);
        }
    }
    Ok(())
}

/// A transaction is committed once it holds this many rows or has been open this long (or at the last file). Files
/// are still atomic each (a savepoint per file), but committing every file made SQLite write the index pages it
/// dirtied once per file: on a 500-file ingest, 329k page writes for 16 MB of store. The time bound keeps what a
/// killed ingest loses, and how long a second ingest waits for the lock, to about a second.
const COMMIT_ROWS: usize = 100_000;
const COMMIT_AFTER: std::time::Duration = std::time::Duration::from_secs(1);

/// How many parsed files the reader thread may be ahead of the writer (bounds memory to a few files).
const READ_AHEAD: usize = 4;

impl Store {
    /// Ingests every file; a refused file is reported in the summary, not as an error. Errors are the store's own
    /// (it cannot be written). A reader thread reads, gunzips and parses the next files while this one writes.
    pub fn ingest(&mut self, files: &[PathBuf]) -> Result<IngestSummary, FleetError> {
        std::thread::scope(|scope| {
            let (send, receive) = std::sync::mpsc::sync_channel(READ_AHEAD);
            scope.spawn(move || {
                for path in files {
                    let parsed = read_record(path).and_then(|text| parse_file(path, &text));
                    if send.send((path, parsed)).is_err() {
                        break; // the writer stopped on a store error
                    }
                }
            });
            // Written files are freed on a third thread: their millions of small strings were allocated by the
            // reader, and freeing them took a tenth of the writer's time.
            let (spent, to_free) = std::sync::mpsc::sync_channel::<Vec<Snapshot>>(READ_AHEAD);
            scope.spawn(move || to_free.into_iter().for_each(drop));
            self.write_files(receive, spent)
        })
    }

    fn write_files(
        &mut self,
        files: std::sync::mpsc::Receiver<(&PathBuf, Result<Vec<Snapshot>, FleetError>)>,
        spent: std::sync::mpsc::SyncSender<Vec<Snapshot>>,
    ) -> Result<IngestSummary, FleetError> {
        let conn = &self.conn;
        let mut summary = IngestSummary::default();
        let mut names = Names::default();
        let (mut open, mut pending) = (false, 0);
        let mut opened = std::time::Instant::now();
        for (path, parsed) in files {
            let snapshots = match parsed {
                Ok(snapshots) => snapshots,
                Err(e) => {
                    summary.files.push((path.clone(), FileOutcome::Refused(e)));
                    continue;
                }
            };
            if !open {
                // IMMEDIATE takes the write lock now, so two ingests queue (busy timeout) instead of failing mid-way.
                conn.execute_batch("BEGIN IMMEDIATE")?;
                (open, opened) = (true, std::time::Instant::now());
            }
            match write_file(conn, path, &snapshots, &mut names) {
                Ok(outcome) => {
                    if let FileOutcome::Ingested { rows, .. } = outcome {
                        pending += rows;
                    }
                    summary.files.push((path.clone(), outcome));
                    let _ = spent.send(snapshots); // freed elsewhere; if that thread is gone, dropped here
                }
                Err(e) => {
                    // The file's savepoint rolled back; the files before it in this transaction are whole.
                    conn.execute_batch("COMMIT")?;
                    return Err(e);
                }
            }
            if pending >= COMMIT_ROWS || opened.elapsed() >= COMMIT_AFTER {
                conn.execute_batch("COMMIT")?;
                (open, pending) = (false, 0);
            }
        }
        if open {
            conn.execute_batch("COMMIT")?;
        }
        Ok(summary)
    }
}

/// Reads and checks every file as `ingest` would, without a store: what a CI step runs on its record before
/// uploading it. A file that would be refused is refused here with the same message; `added` counts its builds.
pub fn check_records(files: &[PathBuf]) -> IngestSummary {
    let files = files
        .iter()
        .map(|path| {
            let outcome = match read_record(path).and_then(|text| parse_file(path, &text)) {
                Ok(snapshots) => FileOutcome::Ingested {
                    added: snapshots.len(),
                    present: 0,
                    rows: snapshots.iter().map(|s| s.uses.len() + s.declared.len() + s.violations.len()).sum(),
                },
                Err(e) => FileOutcome::Refused(e),
            };
            (path.clone(), outcome)
        })
        .collect();
    IngestSummary { files }
}

/// One file's snapshots under a savepoint: all of them enter, or (on a store error) none.
fn write_file(
    conn: &Connection,
    path: &Path,
    snapshots: &[Snapshot],
    names: &mut Names,
) -> Result<FileOutcome, FleetError> {
    conn.execute_batch("SAVEPOINT file")?;
    let (mut added, mut present, mut rows) = (0, 0, 0);
    for snapshot in snapshots {
        match insert_snapshot(conn, path, snapshot, names) {
            Ok(Some(n)) => {
                added += 1;
                rows += n;
            }
            Ok(None) => present += 1,
            Err(e) => {
                // Ids cached during the savepoint may not exist after it rolls back.
                names.clear();
                conn.execute_batch("ROLLBACK TO file; RELEASE file")?;
                return Err(e);
            }
        }
    }
    conn.execute_batch("RELEASE file")?;
    Ok(FileOutcome::Ingested { added, present, rows })
}

/// The whole file, gunzipped when its name ends in `.gz`. A truncated or corrupt gzip names the line it broke in.
fn read_record(path: &Path) -> Result<String, FleetError> {
    let file = std::fs::File::open(path).map_err(|source| FleetError::Io { path: path.to_path_buf(), source })?;
    let mut bytes = Vec::new();
    let gz = path.extension().is_some_and(|e| e == "gz");
    let read = if gz {
        flate2::read::MultiGzDecoder::new(std::io::BufReader::new(file)).read_to_end(&mut bytes)
    } else {
        std::io::BufReader::new(file).read_to_end(&mut bytes)
    };
    if let Err(e) = read {
        // `read_to_end` keeps what it read before the error: the break is in the line after the last full one.
        let line = memchr::memchr_iter(b'\n', &bytes).count() as u64 + 1;
        let what = if gz { "the gzip stream is truncated or corrupt" } else { "cannot read the file" };
        return Err(FleetError::BadRow { path: path.to_path_buf(), line, message: format!("{what}: {e}") });
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let line = memchr::memchr_iter(b'\n', e.as_bytes().get(..valid).unwrap_or_default()).count() as u64 + 1;
        FleetError::BadRow { path: path.to_path_buf(), line, message: "not UTF-8".into() }
    })
}

/// One build's rows in a file: a file normally holds one build (one `check`), but concatenated files hold many.
struct Snapshot {
    repository: String,
    branch: String,
    commit: Option<String>,
    build_time: String,
    build: Option<Row>,
    uses: Vec<Row>,
    declared: Vec<Row>,
    violations: Vec<Row>,
}

impl Snapshot {
    /// The commit, or for a build that did not know its commit the build time, so that distinct builds stay distinct.
    fn commit_key(&self) -> String {
        match &self.commit {
            Some(commit) => commit.clone(),
            None => format!("@{}", self.build_time),
        }
    }
}

fn parse_file(path: &Path, text: &str) -> Result<Vec<Snapshot>, FleetError> {
    let mut snapshots: Vec<Snapshot> = Vec::new();
    // Rows of a build without a commit belong together by their build time.
    type Key = (String, String, Option<String>, Option<String>);
    let mut index: FxHashMap<Key, usize> = FxHashMap::default();
    let mut last: Option<(Key, usize)> = None;
    // A row whose recordId came before in the file is the same record again (the contract's ids exist so that any
    // engine can de-duplicate; the Spark job drops them too): counted once.
    let mut seen: rustc_hash::FxHashSet<String> = Default::default();
    for (number, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = |message| FleetError::BadRow { path: path.to_path_buf(), line: number as u64 + 1, message };
        let (mut row, kind) = Row::parse(line).map_err(bad)?;
        if let Some(id) = row.record_id.take() {
            if !seen.insert(id) {
                continue;
            }
        }
        let build_time = row.build_time.clone().unwrap_or_default();
        let time_key = if row.commit.is_none() { Some(build_time.clone()) } else { None };
        let key = (
            row.repository.clone().unwrap_or_default(),
            row.branch.clone().unwrap_or_default(),
            row.commit.clone(),
            time_key,
        );
        // Consecutive rows nearly always share their build: skip the map then.
        let at = match &last {
            Some((previous, at)) if *previous == key => *at,
            _ => {
                let at = *index.entry(key.clone()).or_insert_with(|| {
                    snapshots.push(Snapshot {
                        repository: key.0.clone(),
                        branch: key.1.clone(),
                        commit: key.2.clone(),
                        build_time: build_time.clone(),
                        build: None,
                        uses: Vec::new(),
                        declared: Vec::new(),
                        violations: Vec::new(),
                    });
                    snapshots.len() - 1
                });
                last = Some((key, at));
                at
            }
        };
        let Some(snapshot) = snapshots.get_mut(at) else { continue };
        // The build row's time is the build's; other rows carry the same one.
        match kind {
            Kind::Build => {
                if snapshot.build.is_some() {
                    return Err(bad("a second build row for the same repository, branch and commit".into()));
                }
                snapshot.build_time = build_time;
                snapshot.build = Some(row);
            }
            Kind::Use => snapshot.uses.push(row),
            Kind::Declared => snapshot.declared.push(row),
            Kind::Violation => snapshot.violations.push(row),
        }
    }
    Ok(snapshots)
}

/// Borrows an optional string field.
fn str_of(field: &Option<String>) -> Option<&str> {
    field.as_deref()
}

/// Inserts one snapshot unless the store has it; returns how many rows it added, `None` when it was there.
fn insert_snapshot(
    tx: &Connection,
    path: &Path,
    snapshot: &Snapshot,
    names: &mut Names,
) -> Result<Option<usize>, FleetError> {
    let repository = intern_repository(tx, &snapshot.repository)?;
    let commit_key = snapshot.commit_key();
    let exists: Option<i64> = tx
        .prepare_cached("SELECT id FROM snapshot WHERE repository = ?1 AND branch = ?2 AND commit_key = ?3")?
        .query_row(params![repository, snapshot.branch.as_str(), commit_key], |row| row.get(0))
        .optional()?;
    if exists.is_some() {
        return Ok(None);
    }
    let build = snapshot.build.as_ref();
    tx.prepare_cached(
        "INSERT INTO snapshot (repository, branch, commit_key, build_time, tool_version, classpath_complete,
             unresolved_classes, fleet_uses, uses, declared, violations, source, ingested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
    )?
    .execute(params![
        repository,
        snapshot.branch.as_str(),
        commit_key,
        snapshot.build_time.as_str(),
        build.and_then(|b| str_of(&b.tool_version)),
        build.and_then(|b| b.classpath_complete),
        build.and_then(|b| b.unresolved_classes),
        build.and_then(|b| str_of(&b.fleet_uses)),
        snapshot.uses.len(),
        snapshot.declared.len(),
        snapshot.violations.len(),
        path.display().to_string(),
    ])?;
    let id = tx.last_insert_rowid();
    let uses = insert_uses(tx, id, &snapshot.uses, names)?;
    let declared = insert_declared(tx, id, &snapshot.declared, names)?;
    let violations = insert_violations(tx, id, &snapshot.violations, names)?;
    tx.prepare_cached(
        "UPDATE snapshot SET uses_from = ?2, uses_to = ?3, declared_from = ?4, declared_to = ?5,
             violations_from = ?6, violations_to = ?7 WHERE id = ?1",
    )?
    .execute(params![id, uses.0, uses.1, declared.0, declared.1, violations.0, violations.1])?;
    // The newest build of the repository+branch is its current snapshot (the later ingested on a tie).
    tx.prepare_cached(
        "UPDATE snapshot SET is_current = (id = (SELECT id FROM snapshot WHERE repository = ?1 AND branch = ?2
             ORDER BY build_time DESC, id DESC LIMIT 1))
         WHERE repository = ?1 AND branch = ?2",
    )?
    .execute(params![repository, snapshot.branch.as_str()])?;
    Ok(Some(snapshot.uses.len() + snapshot.declared.len() + snapshot.violations.len()))
}

type RowidRange = (Option<i64>, Option<i64>);

fn range(conn: &Connection, first: Option<i64>) -> RowidRange {
    (first, first.map(|_| conn.last_insert_rowid()))
}

/// Inserts `rows` through the statement `sql`, each bound by `bind`; the rowid range they took.
fn insert_rows<'r>(
    tx: &Connection,
    sql: &str,
    rows: &'r [Row],
    mut bind: impl FnMut(&mut rusqlite::CachedStatement<'_>, &'r Row) -> Result<(), FleetError>,
) -> Result<RowidRange, FleetError> {
    let mut stmt = tx.prepare_cached(sql)?;
    let mut first = None;
    for row in rows {
        bind(&mut stmt, row)?;
        first.get_or_insert_with(|| tx.last_insert_rowid());
    }
    Ok(range(tx, first))
}

fn insert_uses(tx: &Connection, snapshot: i64, rows: &[Row], names: &mut Names) -> Result<RowidRange, FleetError> {
    let sql = "INSERT INTO api_use (snapshot, module, consumer_class, consumer_member, source_path, line, count,
             dependency_kind, api_class, api_member, api_descriptor, status, status_annotation, status_site, since,
             for_removal, replacement, replacement_imports, artifact)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)";
    insert_rows(tx, sql, rows, |stmt, row| {
        let mark = Mark::of(tx, row, names)?;
        let own: [&dyn ToSql; 8] = [
            &snapshot,
            &names.opt(tx, &row.module)?,
            &names.opt(tx, &row.consumer_class)?,
            &names.opt(tx, &row.consumer_member)?,
            &names.opt(tx, &row.source_path)?,
            &row.line.unwrap_or(0),
            &row.count.unwrap_or(1),
            &names.opt(tx, &row.dependency_kind)?,
        ];
        stmt.execute(rusqlite::params_from_iter(own.iter().chain(&mark.columns())))?;
        Ok(())
    })
}

fn insert_declared(tx: &Connection, snapshot: i64, rows: &[Row], names: &mut Names) -> Result<RowidRange, FleetError> {
    let sql =
        "INSERT INTO declared (snapshot, module, api_class, api_member, api_descriptor, status, status_annotation,
             status_site, since, for_removal, replacement, replacement_imports, artifact)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
    insert_rows(tx, sql, rows, |stmt, row| {
        let mark = Mark::of(tx, row, names)?;
        let own: [&dyn ToSql; 2] = [&snapshot, &names.opt(tx, &row.module)?];
        stmt.execute(rusqlite::params_from_iter(own.iter().chain(&mark.columns())))?;
        Ok(())
    })
}

fn insert_violations(
    tx: &Connection,
    snapshot: i64,
    rows: &[Row],
    names: &mut Names,
) -> Result<RowidRange, FleetError> {
    let sql = "INSERT INTO violation (snapshot, module, rule_pack, rule_name, priority, message, origin_class,
             origin_member, target_class, target_member, source_path, line, suppressed, baselined)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";
    insert_rows(tx, sql, rows, |stmt, row| {
        stmt.execute(params![
            snapshot,
            names.opt(tx, &row.module)?,
            names.opt(tx, &row.rule_pack)?,
            names.opt(tx, &row.rule_name)?,
            str_of(&row.priority).unwrap_or(""),
            str_of(&row.message).unwrap_or(""),
            names.opt(tx, &row.origin_class)?,
            names.opt(tx, &row.origin_member)?,
            names.opt(tx, &row.target_class)?,
            names.opt(tx, &row.target_member)?,
            names.opt(tx, &row.source_path)?,
            row.line,
            row.suppressed.unwrap_or(false),
            row.baselined.unwrap_or(false),
        ])?;
        Ok(())
    })
}

/// The API element and its lifecycle mark, as `use` and `declared` rows share them, interned.
struct Mark {
    api_class: Option<i64>,
    api_member: Option<i64>,
    api_descriptor: Option<i64>,
    status: i64,
    annotation: Option<i64>,
    site: Option<i64>,
    since: Option<i64>,
    for_removal: Option<bool>,
    replacement: Option<i64>,
    imports: Option<String>,
    artifact: i64,
}

impl Mark {
    fn of(tx: &Connection, row: &Row, names: &mut Names) -> Result<Mark, FleetError> {
        let imports =
            row.replacement_imports.as_ref().filter(|i| !i.is_empty()).map(|i| serde_json::json!(i).to_string());
        Ok(Mark {
            api_class: names.opt(tx, &row.api_class)?,
            api_member: names.opt(tx, &row.api_member)?,
            api_descriptor: names.opt(tx, &row.api_descriptor)?,
            // Checked by Row::parse.
            status: row.status.as_deref().and_then(status_code).unwrap_or(5),
            annotation: names.opt(tx, &row.status_annotation)?,
            site: names.opt(tx, &row.status_site)?,
            since: names.opt(tx, &row.since)?,
            for_removal: row.for_removal,
            replacement: names.opt(tx, &row.replacement)?,
            imports,
            artifact: names.artifact(tx, row)?,
        })
    }

    /// The mark's columns, in the order both tables end with (`api_class` .. `artifact`).
    fn columns(&self) -> [&dyn ToSql; 11] {
        [
            &self.api_class,
            &self.api_member,
            &self.api_descriptor,
            &self.status,
            &self.annotation,
            &self.site,
            &self.since,
            &self.for_removal,
            &self.replacement,
            &self.imports,
            &self.artifact,
        ]
    }
}

fn intern_repository(tx: &Connection, name: &str) -> Result<i64, FleetError> {
    tx.prepare_cached("INSERT INTO repository (name) VALUES (?1) ON CONFLICT (name) DO NOTHING")?.execute([name])?;
    Ok(tx.prepare_cached("SELECT id FROM repository WHERE name = ?1")?.query_row([name], |row| row.get(0))?)
}

/// The ids of names and artifacts met so far in this run: most rows repeat the names of the rows before them.
#[derive(Default)]
struct Names {
    names: FxHashMap<String, i64>,
    artifacts: FxHashMap<(String, String, String), i64>,
}

impl Names {
    fn clear(&mut self) {
        self.names.clear();
        self.artifacts.clear();
    }

    fn opt(&mut self, tx: &Connection, text: &Option<String>) -> Result<Option<i64>, FleetError> {
        match text.as_deref() {
            Some(text) => self.id(tx, text).map(Some),
            None => Ok(None),
        }
    }

    fn id(&mut self, tx: &Connection, text: &str) -> Result<i64, FleetError> {
        if let Some(&id) = self.names.get(text) {
            return Ok(id);
        }
        let found: Option<i64> =
            tx.prepare_cached("SELECT id FROM name WHERE text = ?1")?.query_row([text], |row| row.get(0)).optional()?;
        let id = match found {
            Some(id) => id,
            None => {
                tx.prepare_cached("INSERT INTO name (text) VALUES (?1)")?.execute([text])?;
                tx.last_insert_rowid()
            }
        };
        self.names.insert(text.to_string(), id);
        Ok(id)
    }

    fn artifact(&mut self, tx: &Connection, row: &Row) -> Result<i64, FleetError> {
        let group = str_of(&row.library_group).unwrap_or("");
        let name = str_of(&row.library_artifact).unwrap_or("");
        let version = str_of(&row.library_version).unwrap_or("");
        let key = (group.to_string(), name.to_string(), version.to_string());
        if let Some(&id) = self.artifacts.get(&key) {
            return Ok(id);
        }
        tx.prepare_cached(
            "INSERT INTO artifact (grp, name, version, purl, coordinates_from) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (grp, name, version) DO NOTHING",
        )?
        .execute(params![
            group,
            name,
            version,
            str_of(&row.library_purl),
            str_of(&row.coordinates_from).unwrap_or("")
        ])?;
        let id = tx
            .prepare_cached("SELECT id FROM artifact WHERE grp = ?1 AND name = ?2 AND version = ?3")?
            .query_row(params![group, name, version], |row| row.get(0))?;
        self.artifacts.insert(key, id);
        Ok(id)
    }
}
