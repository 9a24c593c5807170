//! Writing query answers: an aligned table for people, JSON Lines (the fields of FLEET-CONTRACT.md "Query
//! answers") and CSV for programs.

use super::query::{Element, Repo, RuleCount, Use};
use serde::Serialize;
use std::io::{self, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}

/// An answer's row as a table shows it (`COLUMNS`, `cells`: what a person reads) and as CSV writes it (`fields`:
/// every JSON field, by its JSON name, in order). JSON is the row's own serde fields.
pub trait Answer: Serialize {
    const COLUMNS: &'static [&'static str];
    fn cells(&self) -> Vec<String>;
    fn fields(&self) -> Vec<(&'static str, String)>;
}

/// A field's CSV text: empty for null, `a;b` for lists.
pub trait Cell {
    fn cell(&self) -> String;
}

impl Cell for String {
    fn cell(&self) -> String {
        self.clone()
    }
}
impl Cell for &str {
    fn cell(&self) -> String {
        self.to_string()
    }
}
impl Cell for i64 {
    fn cell(&self) -> String {
        self.to_string()
    }
}
impl Cell for bool {
    fn cell(&self) -> String {
        self.to_string()
    }
}
impl<T: Cell> Cell for Option<T> {
    fn cell(&self) -> String {
        self.as_ref().map(Cell::cell).unwrap_or_default()
    }
}
impl Cell for Vec<String> {
    fn cell(&self) -> String {
        self.join(";")
    }
}

/// `fields!(self, "jsonName" => field, ...)`: the (name, text) pairs of [`Answer::fields`].
#[macro_export]
macro_rules! answer_fields {
    ($self:ident, $($name:literal => $field:ident),* $(,)?) => {
        vec![$(($name, $crate::fleet::output::Cell::cell(&$self.$field))),*]
    };
}

pub fn write<A: Answer + Default>(out: &mut impl Write, format: Format, answers: &[A]) -> io::Result<()> {
    match format {
        Format::Json => {
            for answer in answers {
                serde_json::to_writer(&mut *out, answer)?;
                out.write_all(b"\n")?;
            }
        }
        Format::Csv => {
            // The header comes from the field names, also when there are no rows.
            let names = A::default().fields();
            writeln!(out, "{}", names.iter().map(|(name, _)| csv_cell(name)).collect::<Vec<_>>().join(","))?;
            for answer in answers {
                let fields = answer.fields();
                writeln!(out, "{}", fields.iter().map(|(_, text)| csv_cell(text)).collect::<Vec<_>>().join(","))?;
            }
        }
        Format::Table => {
            let rows: Vec<Vec<String>> = answers.iter().map(Answer::cells).collect();
            let mut widths: Vec<usize> = A::COLUMNS.iter().map(|c| c.chars().count()).collect();
            for row in &rows {
                for (width, cell) in widths.iter_mut().zip(row) {
                    *width = (*width).max(cell.chars().count());
                }
            }
            let header: Vec<String> = A::COLUMNS.iter().map(|c| c.to_string()).collect();
            for row in std::iter::once(&header).chain(&rows) {
                let mut line = String::new();
                for (i, (cell, width)) in row.iter().zip(&widths).enumerate() {
                    if i + 1 == row.len() {
                        line.push_str(cell);
                    } else {
                        line.push_str(&format!("{cell:<width$}  "));
                    }
                }
                writeln!(out, "{}", line.trim_end())?;
            }
        }
    }
    Ok(())
}

/// RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled.
fn csv_cell(cell: &str) -> String {
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_string()
    }
}

fn or_dash(text: &Option<String>) -> String {
    text.clone().unwrap_or_else(|| "-".into())
}

impl Answer for Use {
    fn fields(&self) -> Vec<(&'static str, String)> {
        crate::answer_fields!(self, "repository" => repository, "branch" => branch, "module" => module,
            "consumerClass" => consumer_class, "consumerMember" => consumer_member, "sourcePath" => source_path,
            "line" => line, "count" => count, "apiClass" => api_class, "apiMember" => api_member,
            "dependencyKind" => dependency_kind, "status" => status, "library" => library, "commit" => commit,
            "firstSeen" => first_seen)
    }
    const COLUMNS: &'static [&'static str] =
        &["REPOSITORY", "BRANCH", "MODULE", "CONSUMER", "AT", "USES", "KIND", "STATUS", "LIBRARY", "FIRST SEEN"];
    fn cells(&self) -> Vec<String> {
        let at = format!("{}:{}", self.source_path.as_deref().unwrap_or("?"), self.line);
        vec![
            or_dash(&self.repository),
            or_dash(&self.branch),
            or_dash(&self.module),
            self.consumer_member.clone().unwrap_or_else(|| self.consumer_class.clone()),
            at,
            self.api_member.clone().unwrap_or_else(|| self.api_class.clone()),
            if self.count > 1 {
                format!("{} (x{})", self.dependency_kind, self.count)
            } else {
                self.dependency_kind.clone()
            },
            self.status.to_string(),
            self.library.clone(),
            self.first_seen.clone(),
        ]
    }
}

impl Answer for Element {
    fn fields(&self) -> Vec<(&'static str, String)> {
        crate::answer_fields!(self, "library" => library, "apiClass" => api_class, "apiMember" => api_member,
            "status" => status, "consumers" => consumers, "uses" => uses, "verdict" => verdict,
            "blockedBy" => blocked_by)
    }
    const COLUMNS: &'static [&'static str] = &["ELEMENT", "STATUS", "CONSUMERS", "USES", "VERDICT", "BLOCKED BY"];
    fn cells(&self) -> Vec<String> {
        vec![
            self.api_member.clone().unwrap_or_else(|| self.api_class.clone()),
            self.status.to_string(),
            self.consumers.to_string(),
            self.uses.to_string(),
            self.verdict.unwrap_or("-").to_string(),
            if self.blocked_by.is_empty() { "-".into() } else { self.blocked_by.join(" ") },
        ]
    }
}

impl Answer for Repo {
    fn fields(&self) -> Vec<(&'static str, String)> {
        crate::answer_fields!(self, "repository" => repository, "branch" => branch, "commit" => commit,
            "buildTime" => build_time, "snapshots" => snapshots, "uses" => uses, "declared" => declared,
            "violations" => violations, "classpathComplete" => classpath_complete, "ingestedAt" => ingested_at)
    }
    const COLUMNS: &'static [&'static str] = &[
        "REPOSITORY",
        "BRANCH",
        "COMMIT",
        "BUILT",
        "SNAPSHOTS",
        "USES",
        "DECLARED",
        "VIOLATIONS",
        "CLASSPATH",
        "INGESTED",
    ];
    fn cells(&self) -> Vec<String> {
        vec![
            or_dash(&self.repository),
            or_dash(&self.branch),
            or_dash(&self.commit),
            self.build_time.clone(),
            self.snapshots.to_string(),
            self.uses.to_string(),
            self.declared.to_string(),
            self.violations.to_string(),
            match self.classpath_complete {
                Some(true) => "complete".into(),
                Some(false) => "INCOMPLETE".into(),
                None => "unknown".into(),
            },
            self.ingested_at.clone(),
        ]
    }
}

impl Answer for RuleCount {
    fn fields(&self) -> Vec<(&'static str, String)> {
        crate::answer_fields!(self, "rulePack" => rule_pack, "ruleName" => rule_name, "priority" => priority,
            "repositories" => repositories, "violations" => violations)
    }
    const COLUMNS: &'static [&'static str] = &["PACK", "RULE", "PRIORITY", "REPOSITORIES", "VIOLATIONS"];
    fn cells(&self) -> Vec<String> {
        vec![
            self.rule_pack.clone(),
            self.rule_name.clone(),
            self.priority.clone(),
            self.repositories.to_string(),
            self.violations.to_string(),
        ]
    }
}
