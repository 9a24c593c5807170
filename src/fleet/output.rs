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

/// An answer's row as a table and CSV show it. JSON is the row's own fields (serde), all of them.
pub trait Answer: Serialize {
    const COLUMNS: &'static [&'static str];
    fn cells(&self) -> Vec<String>;
}

pub fn write<A: Answer>(out: &mut impl Write, format: Format, answers: &[A]) -> io::Result<()> {
    match format {
        Format::Json => {
            for answer in answers {
                serde_json::to_writer(&mut *out, answer)?;
                out.write_all(b"\n")?;
            }
        }
        Format::Csv => {
            writeln!(out, "{}", A::COLUMNS.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(","))?;
            for answer in answers {
                writeln!(out, "{}", answer.cells().iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(","))?;
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
            if self.count > 1 { format!("{} (x{})", self.dependency_kind, self.count) } else { self.dependency_kind.clone() },
            self.status.to_string(),
            self.library.clone(),
            self.first_seen.clone(),
        ]
    }
}

impl Answer for Element {
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
