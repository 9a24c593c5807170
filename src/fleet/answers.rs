//! Every answer of the store at once, as the files the portal reads (`who_uses.jsonl`, `library.jsonl`,
//! `rules.jsonl`, `repos.jsonl`, `history.jsonl`; docs/fleet.md "Answers") and the Spark job
//! (`fleet/spark/archrules_fleet.py`) writes: one portal serves both, and a test compares the two row for row.

use serde::Serialize;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use super::error::FleetError;
use super::query::{named_uses, none_if_empty, read_use, Element, RuleCount, Use, WHO_USES_SELECT};
use super::row::status_name;
use super::store::Store;

/// The current snapshot of a repository+branch, as the portal's repository list shows it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RepoSnapshot {
    pub repository: Option<String>,
    pub branch: Option<String>,
    pub commit: Option<String>,
    pub build_time: String,
    /// The modules the snapshot has rows for (the store keeps no build row's module list).
    pub modules: Vec<String>,
    pub classpath_complete: bool,
    pub uses: i64,
    pub violations: i64,
}

/// Uses of one library's elements of one status, summed over every snapshot built on one day.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryPoint {
    pub day: String,
    pub library: String,
    pub status: &'static str,
    pub uses: i64,
}

/// The five answer sets.
#[derive(Debug, Default)]
pub struct AllAnswers {
    pub who_uses: Vec<Use>,
    pub library: Vec<Element>,
    pub rules: Vec<RuleCount>,
    pub repos: Vec<RepoSnapshot>,
    pub history: Vec<HistoryPoint>,
}

const LIBRARIES_SQL: &str = "
SELECT DISTINCT a.grp, a.name FROM artifact a
WHERE EXISTS (SELECT 1 FROM declared d JOIN snapshot s ON s.id = d.snapshot AND s.is_current = 1
              WHERE d.artifact = a.id)
   OR EXISTS (SELECT 1 FROM api_use u JOIN snapshot s ON s.id = u.snapshot AND s.is_current = 1
              WHERE u.artifact = a.id)
ORDER BY a.grp, a.name";

// A snapshot's rows are one rowid range in each table (`uses_from`..`uses_to` and so on): the big tables have no
// index on `snapshot`, so `WHERE snapshot = s.id` would scan all of them once per repository.
const REPO_SNAPSHOTS_SQL: &str = "
SELECT r.name, s.branch, CASE WHEN s.commit_key LIKE '@%' THEN NULL ELSE s.commit_key END, s.build_time,
       (SELECT group_concat(text, char(31)) FROM (
            SELECT DISTINCT n.text FROM name n WHERE n.id IN (
                SELECT module FROM api_use WHERE rowid BETWEEN s.uses_from AND s.uses_to
                UNION SELECT module FROM declared WHERE rowid BETWEEN s.declared_from AND s.declared_to
                UNION SELECT module FROM violation WHERE rowid BETWEEN s.violations_from AND s.violations_to)
            ORDER BY n.text)),
       coalesce(s.classpath_complete, 0),
       (SELECT coalesce(sum(count), 0) FROM api_use WHERE rowid BETWEEN s.uses_from AND s.uses_to),
       (SELECT count(*) FROM violation WHERE rowid BETWEEN s.violations_from AND s.violations_to AND suppressed = 0)
FROM snapshot s JOIN repository r ON r.id = s.repository
WHERE s.is_current = 1
ORDER BY r.name, s.branch";

const HISTORY_SQL: &str = "
SELECT substr(s.build_time, 1, 10), CASE a.grp WHEN '' THEN a.name ELSE a.grp || ':' || a.name END, u.status,
       sum(u.count)
FROM api_use u JOIN snapshot s ON s.id = u.snapshot JOIN artifact a ON a.id = u.artifact
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3";

impl Store {
    /// Every use in the current snapshots, as `who-uses` lists them.
    pub fn all_uses(&self) -> Result<Vec<Use>, FleetError> {
        // A snapshot's uses are one rowid range: with nothing else to narrow the search, SQLite would otherwise loop
        // over current snapshots and scan all of `api_use` for each (no index on `snapshot`): 512 CPU-s for 5,000
        // repositories, against a few seconds reading each snapshot's range.
        let sql = format!("{WHO_USES_SELECT}u.rowid BETWEEN s.uses_from AND s.uses_to");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], read_use)?;
        named_uses(&self.conn, rows)
    }

    /// Every library's page, one after the other (libraries with declared or used elements in current snapshots).
    pub fn all_libraries(&self) -> Result<Vec<Element>, FleetError> {
        let mut stmt = self.conn.prepare_cached(LIBRARIES_SQL)?;
        let libraries: Vec<(String, String)> =
            stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?.collect::<Result<_, _>>()?;
        let mut out = Vec::new();
        for (group, artifact) in libraries {
            out.extend(self.library(&group, &artifact)?);
        }
        Ok(out)
    }

    pub fn repo_snapshots(&self) -> Result<Vec<RepoSnapshot>, FleetError> {
        let mut stmt = self.conn.prepare_cached(REPO_SNAPSHOTS_SQL)?;
        let rows = stmt.query_map([], |row| {
            let modules: Option<String> = row.get(4)?;
            Ok(RepoSnapshot {
                repository: none_if_empty(row.get(0)?),
                branch: none_if_empty(row.get(1)?),
                commit: row.get(2)?,
                build_time: row.get(3)?,
                modules: modules.map(|m| m.split('\u{1f}').map(str::to_string).collect()).unwrap_or_default(),
                classpath_complete: row.get::<_, i64>(5)? != 0,
                uses: row.get(6)?,
                violations: row.get(7)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn history(&self) -> Result<Vec<HistoryPoint>, FleetError> {
        let mut stmt = self.conn.prepare_cached(HISTORY_SQL)?;
        let rows = stmt.query_map([], |row| {
            Ok(HistoryPoint {
                day: row.get(0)?,
                library: row.get(1)?,
                status: status_name(row.get(2)?),
                uses: row.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn answers(&self) -> Result<AllAnswers, FleetError> {
        Ok(AllAnswers {
            who_uses: self.all_uses()?,
            library: self.all_libraries()?,
            rules: self.rules()?,
            repos: self.repo_snapshots()?,
            history: self.history()?,
        })
    }
}

impl AllAnswers {
    /// Writes the five files into `dir` (created when missing), one JSON object a line.
    pub fn write_dir(&self, dir: &Path) -> Result<(), FleetError> {
        std::fs::create_dir_all(dir).map_err(|e| FleetError::Io { path: dir.to_path_buf(), source: e })?;
        write_jsonl(&dir.join("who_uses.jsonl"), &self.who_uses)?;
        write_jsonl(&dir.join("library.jsonl"), &self.library)?;
        write_jsonl(&dir.join("rules.jsonl"), &self.rules)?;
        write_jsonl(&dir.join("repos.jsonl"), &self.repos)?;
        write_jsonl(&dir.join("history.jsonl"), &self.history)
    }
}

fn write_jsonl<T: Serialize>(path: &Path, rows: &[T]) -> Result<(), FleetError> {
    let io = |e: std::io::Error| FleetError::Io { path: path.to_path_buf(), source: e };
    let mut out = BufWriter::new(File::create(path).map_err(io)?);
    for row in rows {
        serde_json::to_writer(&mut out, row).map_err(|e| io(e.into()))?;
        out.write_all(b"\n").map_err(io)?;
    }
    out.flush().map_err(io)
}
