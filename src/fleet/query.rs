//! The store's questions, each one SQL statement here and a typed answer: who uses an API, a library's page, what
//! the store holds, violations by rule. Answers come from current snapshots only. `docs/fleet.md` shows each
//! statement's `EXPLAIN QUERY PLAN`; `SQL` below lists them for that.

use super::error::FleetError;
use super::pattern::Pattern;
use super::row::{status_code, status_name, STATUSES};
use super::store::Store;
use rusqlite::types::Value;
use serde::Serialize;

/// Which statuses a query keeps: `deprecated` also keeps `deprecated-for-removal`.
pub fn parse_statuses(list: &str) -> Result<Vec<i64>, FleetError> {
    let mut codes = Vec::new();
    for status in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let code = status_code(status).ok_or_else(|| FleetError::BadStatus(status.to_string()))?;
        if status == "deprecated" {
            codes.push(0);
        }
        codes.push(code);
    }
    Ok(codes)
}

/// One line of `fleet who-uses`.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Use {
    pub repository: Option<String>,
    pub branch: Option<String>,
    pub module: Option<String>,
    pub consumer_class: String,
    pub consumer_member: Option<String>,
    pub source_path: Option<String>,
    pub line: i64,
    pub count: i64,
    pub api_class: String,
    pub api_member: Option<String>,
    pub dependency_kind: String,
    pub status: &'static str,
    pub library: String,
    pub commit: Option<String>,
    pub first_seen: String,
}

/// One element of `fleet library`.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Element {
    pub library: String,
    pub api_class: String,
    pub api_member: Option<String>,
    pub status: &'static str,
    pub consumers: i64,
    pub uses: i64,
    pub verdict: Option<&'static str>,
    /// The repositories whose current snapshots still use a deprecated-for-removal element (beyond the contract's
    /// fields: "blocking removal, with who").
    pub blocked_by: Vec<String>,
}

/// One line of `fleet repos`.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Repo {
    pub repository: Option<String>,
    pub branch: Option<String>,
    pub commit: Option<String>,
    pub build_time: String,
    pub snapshots: i64,
    pub uses: i64,
    pub declared: i64,
    pub violations: i64,
    pub classpath_complete: Option<bool>,
    pub ingested_at: String,
}

/// One line of `fleet rules`.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleCount {
    pub rule_pack: String,
    pub rule_name: String,
    pub priority: String,
    pub repositories: i64,
    pub violations: i64,
}

/// The uses of current snapshots with their names as ids: `NameCache` resolves each distinct id once (an answer
/// of 7,645 lines names ~665 distinct strings; looking each column up per line was most of the query's time), and
/// [`sort_uses`] orders them as `ORDER BY` on the texts would.
pub(super) const WHO_USES_SELECT: &str = "
SELECT r.name, s.branch, u.module, u.consumer_class, u.consumer_member, u.source_path,
       u.line, u.count, u.api_class, u.api_member, u.dependency_kind, u.status,
       CASE a.grp WHEN '' THEN a.name ELSE a.grp || ':' || a.name END,
       CASE WHEN s.commit_key LIKE '@%' THEN NULL ELSE s.commit_key END,
       CASE WHEN (SELECT count(*) FROM snapshot h WHERE h.repository = s.repository AND h.branch = s.branch) = 1
            THEN s.build_time
            ELSE (SELECT min(h.build_time) FROM api_use p JOIN snapshot h ON h.id = p.snapshot
                  WHERE p.api_class = u.api_class AND p.consumer_class = u.consumer_class
                    AND p.api_member IS u.api_member AND p.consumer_member IS u.consumer_member
                    AND p.dependency_kind = u.dependency_kind
                    AND h.repository = s.repository AND h.branch = s.branch) END
FROM api_use u
JOIN snapshot s ON s.id = u.snapshot AND s.is_current = 1
JOIN repository r ON r.id = s.repository
JOIN artifact a ON a.id = u.artifact
WHERE ";

/// `who-uses` order: repository, branch, module, consumer class and member, line, used class, member and kind (byte
/// order, `None` first, as SQLite's `ORDER BY` on the texts).
pub(super) fn sort_uses(uses: &mut [Use]) {
    fn key(u: &Use) -> impl Ord + '_ {
        (
            (u.repository.as_deref(), u.branch.as_deref(), u.module.as_deref()),
            (u.consumer_class.as_str(), u.consumer_member.as_deref(), u.line),
            (u.api_class.as_str(), u.api_member.as_deref(), u.dependency_kind.as_str()),
        )
    }
    uses.sort_by(|a, b| key(a).cmp(&key(b)));
}

/// The `WHERE` condition that picks a pattern's uses (before the status and branch filters), with its parameters.
fn pattern_condition(pattern: &Pattern) -> (&'static str, Vec<Value>) {
    match pattern {
        Pattern::Artifact { group, artifact } => (
            "u.artifact IN (SELECT id FROM artifact WHERE grp = ?1 AND name = ?2)",
            vec![Value::Text(group.clone()), Value::Text(artifact.clone())],
        ),
        Pattern::Package(prefix) => {
            // Every name starting with `prefix`: `com.acme.` .. `com.acme/` ('/' follows '.').
            let mut end = prefix.clone();
            end.pop();
            end.push('/');
            (
                "u.api_class IN (SELECT id FROM name WHERE text >= ?1 AND text < ?2)",
                vec![Value::Text(prefix.clone()), Value::Text(end)],
            )
        }
        Pattern::Member(member) => {
            ("u.api_member = (SELECT id FROM name WHERE text = ?1)", vec![Value::Text(member.clone())])
        }
        Pattern::ClassOrField(name) => (
            "(u.api_class = (SELECT id FROM name WHERE text = ?1) OR u.api_member = (SELECT id FROM name WHERE text = ?1))",
            vec![Value::Text(name.clone())],
        ),
    }
}

/// The full `who-uses` statement for a pattern and filters, with its parameters.
pub fn who_uses_sql(pattern: &Pattern, statuses: &[i64], branch: Option<&str>) -> (String, Vec<Value>) {
    let (condition, mut params) = pattern_condition(pattern);
    let mut sql = format!("{WHO_USES_SELECT}{condition}");
    if !statuses.is_empty() {
        // Status codes are small integers this module made, not user text.
        let list: Vec<String> = statuses.iter().map(i64::to_string).collect();
        sql.push_str(&format!(" AND u.status IN ({})", list.join(", ")));
    }
    if let Some(branch) = branch {
        params.push(Value::Text(branch.to_string()));
        sql.push_str(&format!(" AND s.branch = ?{}", params.len()));
    }
    (sql, params)
}

pub const LIBRARY_SQL: &str = "
WITH lib AS (SELECT id FROM artifact WHERE grp = ?1 AND name = ?2),
declared_here AS (
    SELECT d.api_class, d.api_member, min(d.status) AS status
    FROM declared d JOIN snapshot s ON s.id = d.snapshot AND s.is_current = 1
    WHERE d.artifact IN lib GROUP BY d.api_class, d.api_member),
used_marked AS (
    SELECT u.api_class, u.api_member, min(u.status) AS status
    FROM api_use u JOIN snapshot s ON s.id = u.snapshot AND s.is_current = 1
    WHERE u.artifact IN lib AND u.status < 5 GROUP BY u.api_class, u.api_member),
elements AS (
    SELECT * FROM declared_here
    UNION ALL
    SELECT * FROM used_marked m WHERE NOT EXISTS
        (SELECT 1 FROM declared_here d WHERE d.api_class = m.api_class AND d.api_member IS m.api_member))
SELECT c.text, (SELECT text FROM name WHERE id = e.api_member), e.status,
       -- A class element counts the uses of its members too: removing the class breaks them.
       (SELECT count(DISTINCT s.repository) FROM api_use u JOIN snapshot s ON s.id = u.snapshot AND s.is_current = 1
         WHERE u.artifact IN lib AND u.api_class = e.api_class AND (e.api_member IS NULL OR u.api_member = e.api_member)),
       (SELECT coalesce(sum(u.count), 0) FROM api_use u JOIN snapshot s ON s.id = u.snapshot AND s.is_current = 1
         WHERE u.artifact IN lib AND u.api_class = e.api_class AND (e.api_member IS NULL OR u.api_member = e.api_member)),
       CASE WHEN e.status = 0 THEN
         (SELECT group_concat(name, char(31)) FROM (SELECT DISTINCT r.name FROM api_use u
            JOIN snapshot s ON s.id = u.snapshot AND s.is_current = 1 JOIN repository r ON r.id = s.repository
           WHERE u.artifact IN lib AND u.api_class = e.api_class
             AND (e.api_member IS NULL OR u.api_member = e.api_member) ORDER BY r.name)) END
FROM elements e JOIN name c ON c.id = e.api_class
ORDER BY e.status, c.text, 2";

pub const REPOS_SQL: &str = "
SELECT r.name, s.branch, CASE WHEN s.commit_key LIKE '@%' THEN NULL ELSE s.commit_key END, s.build_time,
       (SELECT count(*) FROM snapshot h WHERE h.repository = s.repository AND h.branch = s.branch),
       s.uses, s.declared, s.violations, s.classpath_complete, s.ingested_at
FROM snapshot s JOIN repository r ON r.id = s.repository
WHERE s.is_current = 1
ORDER BY r.name, s.branch";

pub const RULES_SQL: &str = "
SELECT p.text, n.text, v.priority, count(DISTINCT s.repository), count(*)
FROM violation v
JOIN snapshot s ON s.id = v.snapshot AND s.is_current = 1
JOIN name p ON p.id = v.rule_pack
JOIN name n ON n.id = v.rule_name
WHERE v.suppressed = 0
GROUP BY p.text, n.text, v.priority
ORDER BY count(DISTINCT s.repository) DESC, count(*) DESC, p.text, n.text";

/// `''` in the store is "the record had none".
pub(super) fn none_if_empty(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

/// `group:artifact` as the library query takes it; a bare artifact has no group.
pub fn split_library(coordinates: &str) -> Result<(String, String), FleetError> {
    if !coordinates.contains(':') && !coordinates.is_empty() {
        return Ok((String::new(), coordinates.to_string()));
    }
    match Pattern::parse(coordinates)? {
        Pattern::Artifact { group, artifact } => Ok((group, artifact)),
        _ => Err(FleetError::BadPattern(format!("{coordinates} (expected GROUP:ARTIFACT)"))),
    }
}

/// The names of a query's ids, each looked up once.
pub(super) struct NameCache<'c> {
    stmt: rusqlite::CachedStatement<'c>,
    texts: rustc_hash::FxHashMap<i64, String>,
}

impl<'c> NameCache<'c> {
    pub(super) fn new(conn: &'c rusqlite::Connection) -> rusqlite::Result<Self> {
        Ok(NameCache { stmt: conn.prepare_cached("SELECT text FROM name WHERE id = ?1")?, texts: Default::default() })
    }

    fn get(&mut self, id: Option<i64>) -> rusqlite::Result<Option<String>> {
        let Some(id) = id else { return Ok(None) };
        if let Some(text) = self.texts.get(&id) {
            return Ok(Some(text.clone()));
        }
        let text: String = self.stmt.query_row([id], |row| row.get(0))?;
        self.texts.insert(id, text.clone());
        Ok(Some(text))
    }
}

/// The ids of one row of [`WHO_USES_SELECT`], before their names are known.
pub(super) struct UseIds {
    use_: Use,
    module: Option<i64>,
    consumer_class: Option<i64>,
    consumer_member: Option<i64>,
    source_path: Option<i64>,
    api_class: Option<i64>,
    api_member: Option<i64>,
    dependency_kind: Option<i64>,
}

/// One row of [`WHO_USES_SELECT`].
pub(super) fn read_use(row: &rusqlite::Row<'_>) -> rusqlite::Result<UseIds> {
    Ok(UseIds {
        use_: Use {
            repository: none_if_empty(row.get(0)?),
            branch: none_if_empty(row.get(1)?),
            line: row.get(6)?,
            count: row.get(7)?,
            status: status_name(row.get(11)?),
            library: row.get(12)?,
            commit: row.get(13)?,
            first_seen: row.get(14)?,
            ..Use::default()
        },
        module: row.get(2)?,
        consumer_class: row.get(3)?,
        consumer_member: row.get(4)?,
        source_path: row.get(5)?,
        api_class: row.get(8)?,
        api_member: row.get(9)?,
        dependency_kind: row.get(10)?,
    })
}

/// The rows of a [`WHO_USES_SELECT`] statement, named and in `who-uses` order.
pub(super) fn named_uses(
    conn: &rusqlite::Connection,
    rows: impl Iterator<Item = rusqlite::Result<UseIds>>,
) -> Result<Vec<Use>, FleetError> {
    let mut names = NameCache::new(conn)?;
    let mut uses = Vec::new();
    for row in rows {
        let ids = row?;
        let mut u = ids.use_;
        u.module = names.get(ids.module)?;
        u.consumer_class = names.get(ids.consumer_class)?.unwrap_or_default();
        u.consumer_member = names.get(ids.consumer_member)?;
        u.source_path = names.get(ids.source_path)?;
        u.api_class = names.get(ids.api_class)?.unwrap_or_default();
        u.api_member = names.get(ids.api_member)?;
        u.dependency_kind = names.get(ids.dependency_kind)?.unwrap_or_default();
        uses.push(u);
    }
    sort_uses(&mut uses);
    Ok(uses)
}

impl Store {
    pub fn who_uses(&self, pattern: &Pattern, statuses: &[i64], branch: Option<&str>) -> Result<Vec<Use>, FleetError> {
        let (sql, params) = who_uses_sql(pattern, statuses, branch);
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params), read_use)?;
        named_uses(&self.conn, rows)
    }

    /// The library's page: its marked elements with their consumers.
    pub fn library(&self, group: &str, artifact: &str) -> Result<Vec<Element>, FleetError> {
        let library = if group.is_empty() { artifact.to_string() } else { format!("{group}:{artifact}") };
        let mut stmt = self.conn.prepare_cached(LIBRARY_SQL)?;
        let rows = stmt.query_map([group, artifact], |row| {
            let status: i64 = row.get(2)?;
            let consumers: i64 = row.get(3)?;
            let verdict = match status {
                0 | 1 if consumers == 0 => Some("safe-to-remove"),
                0 => Some("blocking-removal"),
                _ => None,
            };
            let who: Option<String> = row.get(5)?;
            Ok(Element {
                library: library.clone(),
                api_class: row.get(0)?,
                api_member: row.get(1)?,
                status: status_name(status),
                consumers,
                uses: row.get(4)?,
                verdict,
                blocked_by: who.map(|w| w.split('\u{1f}').map(|r| r.to_string()).collect()).unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The current snapshots whose classpath was incomplete: their uses may be undercounted.
    pub fn incomplete_snapshots(&self) -> Result<Vec<String>, FleetError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.name || CASE s.branch WHEN '' THEN '' ELSE ' (' || s.branch || ')' END
             FROM snapshot s JOIN repository r ON r.id = s.repository
             WHERE s.is_current = 1 AND s.classpath_complete = 0 ORDER BY 1",
        )?;
        let rows = stmt.query_map([], |row| row.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn repos(&self) -> Result<Vec<Repo>, FleetError> {
        let mut stmt = self.conn.prepare_cached(REPOS_SQL)?;
        let rows = stmt.query_map([], |row| {
            Ok(Repo {
                repository: none_if_empty(row.get(0)?),
                branch: none_if_empty(row.get(1)?),
                commit: row.get(2)?,
                build_time: row.get(3)?,
                snapshots: row.get(4)?,
                uses: row.get(5)?,
                declared: row.get(6)?,
                violations: row.get(7)?,
                classpath_complete: row.get(8)?,
                ingested_at: row.get(9)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn rules(&self) -> Result<Vec<RuleCount>, FleetError> {
        let mut stmt = self.conn.prepare_cached(RULES_SQL)?;
        let rows = stmt.query_map([], |row| {
            Ok(RuleCount {
                rule_pack: row.get(0)?,
                rule_name: row.get(1)?,
                priority: row.get(2)?,
                repositories: row.get(3)?,
                violations: row.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// Every status name, for help texts.
pub fn status_names() -> String {
    STATUSES.join(", ")
}
