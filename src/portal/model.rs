//! The answers joined into what the pages show: libraries, their elements with every consumer, repositories.
//! Pure data, no HTML; the pages only read it.

use rustc_hash::{FxHashMap, FxHashSet};

use super::answers::{Answers, HistoryPoint, Name, RepoSnapshot, RuleTotal, Status, Verdict, WhoUses};
use super::names::{days, slug};

/// One API element of a library: from its `library` row, its `who-uses` rows, or both.
pub struct Element {
    pub library: Name,
    pub api_class: Name,
    pub api_member: Option<Name>,
    pub status: Status,
    /// Distinct repositories using it (the `library` row's count when there is one).
    pub consumers: u64,
    pub uses: u64,
    pub verdict: Option<Verdict>,
    /// Indices into `Answers::who_uses`, sorted by repository, branch, module, consumer, line.
    pub rows: Vec<usize>,
    pub slug: String,
}

impl Element {
    /// ArchUnit's full name: the member, else the class.
    pub fn name(&self) -> &str {
        self.api_member.as_deref().unwrap_or(&self.api_class)
    }
}

pub struct Library {
    pub name: Name,
    /// Indices into `Site::elements`, by status then name.
    pub elements: Vec<usize>,
    /// Distinct repositories using any element.
    pub consumers: u64,
    pub uses_by_status: [u64; 6],
    pub slug: String,
}

/// A repository+branch: its current snapshot (from `repos.jsonl`, or what its `who-uses` rows say).
pub struct Repo {
    pub repository: Option<Name>,
    pub branch: Option<Name>,
    pub snapshot: Option<RepoSnapshot>,
    /// Commit as the who-uses rows give it, when there is no snapshot row.
    pub commit: Option<Name>,
    /// Days its build is older than the newest build of the fleet; `None` without a snapshot time.
    pub behind_days: Option<i64>,
    /// Indices into `Answers::who_uses`.
    pub rows: Vec<usize>,
    pub slug: String,
}

impl Repo {
    pub fn display(&self) -> &str {
        self.repository.as_deref().unwrap_or("(unknown repository)")
    }
}

pub struct Site<'a> {
    pub answers: &'a Answers,
    pub libraries: Vec<Library>,
    pub elements: Vec<Element>,
    pub repos: Vec<Repo>,
    /// Rules, HIGH first, then most violations.
    pub rules: Vec<&'a RuleTotal>,
    /// The newest build time of the fleet, from which freshness is counted.
    pub newest_build: Option<Name>,
}

type ElementKey = (Name, Name, Option<Name>);
type RepoKey = (Option<Name>, Option<Name>);

pub fn library_slug(name: &str) -> String {
    slug(name, &[name])
}

pub fn element_slug(library: &str, class: &str, member: Option<&str>) -> String {
    // The member's full name starts with its class: it is the readable part; the hash covers all three.
    slug(member.unwrap_or(class), &[library, class, member.unwrap_or("")])
}

pub fn repo_slug(repository: Option<&str>, branch: Option<&str>) -> String {
    let readable = format!("{}@{}", repository.unwrap_or("unknown"), branch.unwrap_or(""));
    slug(&readable, &[repository.unwrap_or(""), branch.unwrap_or("")])
}

fn priority_rank(p: &str) -> u8 {
    match p {
        "HIGH" => 0,
        "MEDIUM" => 1,
        _ => 2,
    }
}

impl<'a> Site<'a> {
    pub fn build(answers: &'a Answers) -> Site<'a> {
        let mut elements: Vec<Element> = Vec::new();
        let mut by_key: FxHashMap<ElementKey, usize> = FxHashMap::default();
        for row in &answers.library {
            let key = (row.library.clone(), row.api_class.clone(), row.api_member.clone());
            let slug = element_slug(&row.library, &row.api_class, row.api_member.as_deref());
            by_key.entry(key).or_insert_with(|| {
                elements.push(Element {
                    library: row.library.clone(),
                    api_class: row.api_class.clone(),
                    api_member: row.api_member.clone(),
                    status: row.status,
                    consumers: row.consumers,
                    uses: row.uses,
                    verdict: row.verdict,
                    rows: Vec::new(),
                    slug,
                });
                elements.len() - 1
            });
        }
        let from_library_rows = elements.len();
        let mut repo_index: FxHashMap<RepoKey, usize> = FxHashMap::default();
        let mut repos: Vec<Repo> = Vec::new();
        if let Some(snapshots) = &answers.repos {
            for s in snapshots {
                repo_index.entry((s.repository.clone(), s.branch.clone())).or_insert_with(|| {
                    repos.push(Repo {
                        repository: s.repository.clone(),
                        branch: s.branch.clone(),
                        snapshot: Some(s.clone()),
                        commit: s.commit.clone(),
                        behind_days: None,
                        rows: Vec::new(),
                        slug: repo_slug(s.repository.as_deref(), s.branch.as_deref()),
                    });
                    repos.len() - 1
                });
            }
        }
        for (i, row) in answers.who_uses.iter().enumerate() {
            let key = (row.library.clone(), row.api_class.clone(), row.api_member.clone());
            let e = *by_key.entry(key).or_insert_with(|| {
                elements.push(Element {
                    library: row.library.clone(),
                    api_class: row.api_class.clone(),
                    api_member: row.api_member.clone(),
                    status: row.status,
                    consumers: 0,
                    uses: 0,
                    verdict: None,
                    rows: Vec::new(),
                    slug: element_slug(&row.library, &row.api_class, row.api_member.as_deref()),
                });
                elements.len() - 1
            });
            elements[e].rows.push(i);
            let r = *repo_index.entry((row.repository.clone(), row.branch.clone())).or_insert_with(|| {
                repos.push(Repo {
                    repository: row.repository.clone(),
                    branch: row.branch.clone(),
                    snapshot: None,
                    commit: row.commit.clone(),
                    behind_days: None,
                    rows: Vec::new(),
                    slug: repo_slug(row.repository.as_deref(), row.branch.as_deref()),
                });
                repos.len() - 1
            });
            repos[r].rows.push(i);
        }
        let rows = &answers.who_uses;
        let distinct_repos = |idx: &[usize]| -> u64 {
            idx.iter().map(|&i| (&rows[i].repository, &rows[i].branch)).collect::<FxHashSet<_>>().len() as u64
        };
        let consumer_order = |a: &usize, b: &usize| {
            let (x, y) = (&rows[*a], &rows[*b]);
            (&x.repository, &x.branch, &x.module, &x.consumer_class, &x.consumer_member, x.line, &x.dependency_kind)
                .cmp(&(
                    &y.repository,
                    &y.branch,
                    &y.module,
                    &y.consumer_class,
                    &y.consumer_member,
                    y.line,
                    &y.dependency_kind,
                ))
        };
        for (i, e) in elements.iter_mut().enumerate() {
            e.rows.sort_by(consumer_order);
            if i >= from_library_rows {
                // Known only from who-uses rows: count them, and a removal the uses block is blocking.
                e.consumers = distinct_repos(&e.rows);
                e.uses = e.rows.iter().map(|&r| rows[r].count).sum();
                if e.status == Status::DeprecatedForRemoval && e.uses > 0 {
                    e.verdict = Some(Verdict::BlockingRemoval);
                }
            }
        }
        let mut libraries: Vec<Library> = Vec::new();
        let mut lib_index: FxHashMap<Name, usize> = FxHashMap::default();
        for (i, e) in elements.iter().enumerate() {
            let l = *lib_index.entry(e.library.clone()).or_insert_with(|| {
                libraries.push(Library {
                    name: e.library.clone(),
                    elements: Vec::new(),
                    consumers: 0,
                    uses_by_status: [0; 6],
                    slug: library_slug(&e.library),
                });
                libraries.len() - 1
            });
            libraries[l].elements.push(i);
            libraries[l].uses_by_status[e.status.index()] += e.uses;
        }
        for lib in &mut libraries {
            let all: Vec<usize> = lib.elements.iter().flat_map(|&e| elements[e].rows.iter().copied()).collect();
            lib.consumers = distinct_repos(&all);
            lib.elements.sort_by(|&a, &b| {
                (elements[a].status, elements[a].name()).cmp(&(elements[b].status, elements[b].name()))
            });
        }
        libraries.sort_by(|a, b| a.name.cmp(&b.name));
        let newest_build =
            repos.iter().filter_map(|r| r.snapshot.as_ref().map(|s| s.build_time.clone())).max_by_key(|t| days(t));
        let newest_day = newest_build.as_deref().and_then(days);
        for r in &mut repos {
            r.behind_days = r.snapshot.as_ref().and_then(|s| Some(newest_day? - days(&s.build_time)?));
            r.rows.sort_by(|&a, &b| {
                let (x, y) = (&rows[a], &rows[b]);
                (&x.library, &x.api_class, &x.api_member, &x.module, &x.consumer_class, &x.consumer_member, x.line).cmp(
                    &(
                        &y.library,
                        &y.api_class,
                        &y.api_member,
                        &y.module,
                        &y.consumer_class,
                        &y.consumer_member,
                        y.line,
                    ),
                )
            });
        }
        repos.sort_by(|a, b| (&a.repository, &a.branch).cmp(&(&b.repository, &b.branch)));
        let mut rules: Vec<&RuleTotal> = answers.rules.iter().collect();
        rules.sort_by(|a, b| {
            (priority_rank(&a.priority), std::cmp::Reverse(a.violations), &a.rule_pack, &a.rule_name).cmp(&(
                priority_rank(&b.priority),
                std::cmp::Reverse(b.violations),
                &b.rule_pack,
                &b.rule_name,
            ))
        });
        Site { answers, libraries, elements, repos, rules, newest_build }
    }

    pub fn row(&self, i: usize) -> &'a WhoUses {
        &self.answers.who_uses[i]
    }

    /// History rows of one library (all libraries when `None`), summed per (day, status), days in order.
    pub fn history(&self, library: Option<&str>) -> Option<Vec<(Name, [u64; 6])>> {
        let history: &Vec<HistoryPoint> = self.answers.history.as_ref()?;
        let mut by_day: std::collections::BTreeMap<Name, [u64; 6]> = Default::default();
        for p in history.iter().filter(|p| library.is_none_or(|l| *p.library == *l)) {
            by_day.entry(p.day.clone()).or_default()[p.status.index()] += p.uses;
        }
        Some(by_day.into_iter().collect())
    }

    pub fn library_of(&self, element: &Element) -> Option<&Library> {
        self.libraries.binary_search_by(|l| l.name.cmp(&element.library)).ok().map(|i| &self.libraries[i])
    }

    pub fn repo_of(&self, row: &WhoUses) -> Option<&Repo> {
        self.repos
            .binary_search_by(|r| (&r.repository, &r.branch).cmp(&(&row.repository, &row.branch)))
            .ok()
            .map(|i| &self.repos[i])
    }
}
