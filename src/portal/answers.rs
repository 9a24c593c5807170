//! The portal's input: the rows of the fleet query answers (FLEET-CONTRACT.md, "Query answers"), read from JSON Lines
//! files in one directory (`archrules fleet site --from DIR`) or produced in memory by the store.
//!
//! Every text is interned: a 5,000-repository fleet repeats the same libraries, classes, members and dates across
//! hundreds of thousands of rows, and one shared copy of each keeps the whole set in memory at a fraction of the size.

use rustc_hash::FxHashMap;
use serde::Deserialize;
use std::borrow::Cow;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::error::PortalError;

/// An interned text.
pub type Name = Arc<str>;

/// Lifecycle status of an API element, in the order the portal lists them (most urgent first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    DeprecatedForRemoval,
    Deprecated,
    Experimental,
    Internal,
    Public,
    Unmarked,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::DeprecatedForRemoval,
        Status::Deprecated,
        Status::Experimental,
        Status::Internal,
        Status::Public,
        Status::Unmarked,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::DeprecatedForRemoval => "deprecated-for-removal",
            Status::Deprecated => "deprecated",
            Status::Experimental => "experimental",
            Status::Internal => "internal",
            Status::Public => "public",
            Status::Unmarked => "unmarked",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s)
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// `verdict` of a `library` answer row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    SafeToRemove,
    BlockingRemoval,
}

/// One `who-uses` answer: a consumer member's use of an API element in a repository's current snapshot.
#[derive(Debug, Clone)]
pub struct WhoUses {
    pub repository: Option<Name>,
    pub branch: Option<Name>,
    pub module: Option<Name>,
    pub consumer_class: Name,
    pub consumer_member: Option<Name>,
    pub source_path: Option<Name>,
    pub line: u64,
    pub count: u64,
    pub api_class: Name,
    pub api_member: Option<Name>,
    pub dependency_kind: Name,
    pub status: Status,
    pub library: Name,
    pub commit: Option<Name>,
    pub first_seen: Option<Name>,
}

/// One `library` answer: a marked element of a library with its consumers.
#[derive(Debug, Clone)]
pub struct LibraryElement {
    pub library: Name,
    pub api_class: Name,
    pub api_member: Option<Name>,
    pub status: Status,
    pub consumers: u64,
    pub uses: u64,
    pub verdict: Option<Verdict>,
}

/// One `rules` answer: a rule's violations across repositories.
#[derive(Debug, Clone)]
pub struct RuleTotal {
    pub rule_pack: Name,
    pub rule_name: Name,
    pub priority: Name,
    pub repositories: u64,
    pub violations: u64,
}

/// One `repos.jsonl` row: a repository+branch's current snapshot.
#[derive(Debug, Clone)]
pub struct RepoSnapshot {
    pub repository: Option<Name>,
    pub branch: Option<Name>,
    pub commit: Option<Name>,
    pub build_time: Name,
    pub modules: Vec<Name>,
    pub classpath_complete: bool,
    pub uses: u64,
    pub violations: u64,
}

/// One `history.jsonl` row: uses of a library's elements with one status over the snapshots built that day.
#[derive(Debug, Clone)]
pub struct HistoryPoint {
    pub day: Name,
    pub library: Name,
    pub status: Status,
    pub uses: u64,
}

/// Everything the site is generated from. `repos` and `history` are optional: the Spark job writes only the first
/// three files, and the site then says what it cannot show.
#[derive(Debug, Clone, Default)]
pub struct Answers {
    pub who_uses: Vec<WhoUses>,
    pub library: Vec<LibraryElement>,
    pub rules: Vec<RuleTotal>,
    pub repos: Option<Vec<RepoSnapshot>>,
    pub history: Option<Vec<HistoryPoint>>,
}

/// Shares one copy of each distinct text.
#[derive(Default)]
pub struct Interner(FxHashMap<Name, ()>);

impl Interner {
    pub fn name(&mut self, s: &str) -> Name {
        if let Some((k, ())) = self.0.get_key_value(s) {
            return k.clone();
        }
        let k: Name = Arc::from(s);
        self.0.insert(k.clone(), ());
        k
    }

    fn opt(&mut self, s: Option<Cow<'_, str>>) -> Option<Name> {
        s.map(|s| self.name(&s))
    }
}

// The rows as they sit in the files (camelCase, contract field names); `Cow` borrows from the line when it can.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WhoUsesLine<'a> {
    #[serde(borrow)]
    repository: Option<Cow<'a, str>>,
    #[serde(borrow)]
    branch: Option<Cow<'a, str>>,
    #[serde(borrow)]
    module: Option<Cow<'a, str>>,
    #[serde(borrow)]
    consumer_class: Cow<'a, str>,
    #[serde(borrow)]
    consumer_member: Option<Cow<'a, str>>,
    #[serde(borrow)]
    source_path: Option<Cow<'a, str>>,
    line: Option<u64>,
    count: u64,
    #[serde(borrow)]
    api_class: Cow<'a, str>,
    #[serde(borrow)]
    api_member: Option<Cow<'a, str>>,
    #[serde(borrow)]
    dependency_kind: Cow<'a, str>,
    #[serde(borrow)]
    status: Cow<'a, str>,
    #[serde(borrow)]
    library: Cow<'a, str>,
    #[serde(borrow)]
    commit: Option<Cow<'a, str>>,
    #[serde(borrow)]
    first_seen: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct LibraryLine<'a> {
    #[serde(borrow)]
    library: Cow<'a, str>,
    #[serde(borrow)]
    api_class: Cow<'a, str>,
    #[serde(borrow)]
    api_member: Option<Cow<'a, str>>,
    #[serde(borrow)]
    status: Cow<'a, str>,
    consumers: u64,
    uses: u64,
    #[serde(borrow)]
    verdict: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RuleLine<'a> {
    #[serde(borrow)]
    rule_pack: Cow<'a, str>,
    #[serde(borrow)]
    rule_name: Cow<'a, str>,
    #[serde(borrow)]
    priority: Cow<'a, str>,
    repositories: u64,
    violations: u64,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RepoLine<'a> {
    #[serde(borrow)]
    repository: Option<Cow<'a, str>>,
    #[serde(borrow)]
    branch: Option<Cow<'a, str>>,
    #[serde(borrow)]
    commit: Option<Cow<'a, str>>,
    #[serde(borrow)]
    build_time: Cow<'a, str>,
    #[serde(default)]
    modules: Vec<String>,
    classpath_complete: bool,
    uses: u64,
    violations: u64,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct HistoryLine<'a> {
    #[serde(borrow)]
    day: Cow<'a, str>,
    #[serde(borrow)]
    library: Cow<'a, str>,
    #[serde(borrow)]
    status: Cow<'a, str>,
    uses: u64,
}

fn status(s: &str) -> Result<Status, String> {
    Status::parse(s)
        .ok_or_else(|| format!("unknown status `{s}` (expected one of {})", Status::ALL.map(Status::as_str).join(", ")))
}

/// Reads the answers directory: `who_uses.jsonl`, `library.jsonl`, `rules.jsonl` (required), `repos.jsonl`,
/// `history.jsonl` (optional). Each may also be a directory of part files, as Spark writes them.
pub fn read_dir(dir: &Path) -> Result<Answers, PortalError> {
    if !dir.is_dir() {
        return Err(PortalError::NoAnswers(dir.to_path_buf()));
    }
    let mut names = Interner::default();
    let n = &mut names;
    let who_uses = read_rows(&dir.join("who_uses.jsonl"), true, n, |n, text| {
        let l: WhoUsesLine = serde_json::from_str(text).map_err(|e| e.to_string())?;
        Ok(WhoUses {
            repository: n.opt(l.repository),
            branch: n.opt(l.branch),
            module: n.opt(l.module),
            consumer_class: n.name(&l.consumer_class),
            consumer_member: n.opt(l.consumer_member),
            source_path: n.opt(l.source_path),
            line: l.line.unwrap_or(0),
            count: l.count,
            api_class: n.name(&l.api_class),
            api_member: n.opt(l.api_member),
            dependency_kind: n.name(&l.dependency_kind),
            status: status(&l.status)?,
            library: n.name(&l.library),
            commit: n.opt(l.commit),
            first_seen: n.opt(l.first_seen),
        })
    })?
    .unwrap_or_default();
    let library = read_rows(&dir.join("library.jsonl"), true, n, |n, text| {
        let l: LibraryLine = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let verdict = match l.verdict.as_deref() {
            None => None,
            Some("safe-to-remove") => Some(Verdict::SafeToRemove),
            Some("blocking-removal") => Some(Verdict::BlockingRemoval),
            Some(v) => {
                return Err(format!("unknown verdict `{v}` (expected safe-to-remove, blocking-removal or null)"))
            }
        };
        Ok(LibraryElement {
            library: n.name(&l.library),
            api_class: n.name(&l.api_class),
            api_member: n.opt(l.api_member),
            status: status(&l.status)?,
            consumers: l.consumers,
            uses: l.uses,
            verdict,
        })
    })?
    .unwrap_or_default();
    let rules = read_rows(&dir.join("rules.jsonl"), true, n, |n, text| {
        let l: RuleLine = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if !matches!(&*l.priority, "LOW" | "MEDIUM" | "HIGH") {
            return Err(format!("unknown priority `{}` (expected LOW, MEDIUM or HIGH)", l.priority));
        }
        Ok(RuleTotal {
            rule_pack: n.name(&l.rule_pack),
            rule_name: n.name(&l.rule_name),
            priority: n.name(&l.priority),
            repositories: l.repositories,
            violations: l.violations,
        })
    })?
    .unwrap_or_default();
    let repos = read_rows(&dir.join("repos.jsonl"), false, n, |n, text| {
        let l: RepoLine = serde_json::from_str(text).map_err(|e| e.to_string())?;
        Ok(RepoSnapshot {
            repository: n.opt(l.repository),
            branch: n.opt(l.branch),
            commit: n.opt(l.commit),
            build_time: n.name(&l.build_time),
            modules: l.modules.iter().map(|m| n.name(m)).collect(),
            classpath_complete: l.classpath_complete,
            uses: l.uses,
            violations: l.violations,
        })
    })?;
    let history = read_rows(&dir.join("history.jsonl"), false, n, |n, text| {
        let l: HistoryLine = serde_json::from_str(text).map_err(|e| e.to_string())?;
        Ok(HistoryPoint { day: n.name(&l.day), library: n.name(&l.library), status: status(&l.status)?, uses: l.uses })
    })?;
    Ok(Answers { who_uses, library, rules, repos, history })
}

/// The files holding one answer: the file itself, or a directory's part files (sorted, hidden files and `_SUCCESS`
/// skipped). `None` when absent.
fn parts(path: &Path) -> Result<Option<Vec<PathBuf>>, PortalError> {
    if path.is_file() {
        return Ok(Some(vec![path.to_path_buf()]));
    }
    if !path.is_dir() {
        return Ok(None);
    }
    let read = |source| PortalError::Read { path: path.to_path_buf(), source };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(path).map_err(read)? {
        let p = entry.map_err(read)?.path();
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if p.is_file() && !name.starts_with('.') && !name.starts_with('_') {
            files.push(p);
        }
    }
    files.sort();
    Ok(Some(files))
}

/// Reads one answer's rows; `convert` parses a line (a JSON object) into a row, or says what is wrong with it.
fn read_rows<T, F>(path: &Path, required: bool, names: &mut Interner, convert: F) -> Result<Option<Vec<T>>, PortalError>
where
    F: Fn(&mut Interner, &str) -> Result<T, String>,
{
    let Some(files) = parts(path)? else {
        return if required { Err(PortalError::MissingFile(path.to_path_buf())) } else { Ok(None) };
    };
    let mut rows = Vec::new();
    for file in files {
        let read = |source| PortalError::Read { path: file.clone(), source };
        let mut reader = std::io::BufReader::with_capacity(1 << 16, std::fs::File::open(&file).map_err(read)?);
        let mut text = String::new();
        let mut line = 0;
        loop {
            text.clear();
            if reader.read_line(&mut text).map_err(read)? == 0 {
                break;
            }
            line += 1;
            let trimmed = text.trim();
            if trimmed.is_empty() {
                continue;
            }
            let row =
                convert(names, trimmed).map_err(|message| PortalError::Row { path: file.clone(), line, message })?;
            rows.push(row);
        }
    }
    Ok(Some(rows))
}
