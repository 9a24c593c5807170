//! Version requirements for `fromArtifact(coordinates, requirement)`: parsing and Maven-style comparison.
//!
//! Syntax: comma-separated clauses, each an optional operator (`<`, `<=`, `>`, `>=`, `=`) and a
//! version; no operator means `=`. `"<24.1.1"`, `">=2.0, <2.12.7"`.

use super::ir::{VersionOp, VersionReq};
use std::cmp::Ordering;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("bad version requirement '{0}': expected clauses like '<24.1.1' or '>=2.0, <3' separated by commas")]
pub struct VersionReqError(pub String);

impl VersionReq {
    pub fn parse(text: &str) -> Result<Self, VersionReqError> {
        let bad = || VersionReqError(text.to_owned());
        let mut clauses = Vec::new();
        for clause in text.split(',') {
            let clause = clause.trim();
            let (op, rest) = [
                ("<=", VersionOp::Le),
                (">=", VersionOp::Ge),
                ("<", VersionOp::Lt),
                (">", VersionOp::Gt),
                ("=", VersionOp::Eq),
            ]
            .iter()
            .find_map(|(prefix, op)| clause.strip_prefix(prefix).map(|rest| (*op, rest)))
            .unwrap_or((VersionOp::Eq, clause));
            let version = rest.trim();
            if version.is_empty() || !version.chars().all(|c| c.is_ascii_alphanumeric() || "._-+".contains(c)) {
                return Err(bad());
            }
            clauses.push((op, version.to_owned()));
        }
        Ok(VersionReq { clauses })
    }

    /// Whether `version` satisfies every clause.
    pub fn matches(&self, version: &str) -> bool {
        self.clauses.iter().all(|(op, wanted)| {
            let ord = compare_versions(version, wanted);
            match op {
                VersionOp::Lt => ord == Ordering::Less,
                VersionOp::Le => ord != Ordering::Greater,
                VersionOp::Gt => ord == Ordering::Greater,
                VersionOp::Ge => ord != Ordering::Less,
                VersionOp::Eq => ord == Ordering::Equal,
            }
        })
    }
}

impl std::fmt::Display for VersionReq {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, (op, version)) in self.clauses.iter().enumerate() {
            let op = match op {
                VersionOp::Lt => "<",
                VersionOp::Le => "<=",
                VersionOp::Gt => ">",
                VersionOp::Ge => ">=",
                VersionOp::Eq => "",
            };
            write!(f, "{}{op}{version}", if i == 0 { "" } else { ", " })?;
        }
        Ok(())
    }
}

/// Maven-ish ordering: parts split on `.`/`-`/`+`; numbers numerically and above text; a missing part
/// is below any present one, except that a textual qualifier (`-SNAPSHOT`, `-rc1`) ranks below release.
pub fn compare_versions(a: &str, b: &str) -> Ordering {
    let parts = |v: &str| -> Vec<String> { v.split(['.', '-', '+']).map(str::to_ascii_lowercase).collect() };
    let (pa, pb) = (parts(a), parts(b));
    for i in 0..pa.len().max(pb.len()) {
        let ord = match (pa.get(i), pb.get(i)) {
            (Some(x), Some(y)) => match (x.parse::<u64>(), y.parse::<u64>()) {
                (Ok(x), Ok(y)) => x.cmp(&y),
                (Ok(_), Err(_)) => Ordering::Greater,
                (Err(_), Ok(_)) => Ordering::Less,
                (Err(_), Err(_)) => x.cmp(y),
            },
            (Some(x), None) => {
                if x.parse::<u64>().is_ok() {
                    Ordering::Greater
                } else {
                    Ordering::Less
                }
            }
            (None, Some(y)) => {
                if y.parse::<u64>().is_ok() {
                    Ordering::Less
                } else {
                    Ordering::Greater
                }
            }
            (None, None) => Ordering::Equal,
        };
        if ord != Ordering::Equal {
            return ord;
        }
    }
    Ordering::Equal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_matches_requirements() {
        let req = VersionReq::parse("<24.1.1").unwrap();
        assert!(req.matches("24.1"));
        assert!(req.matches("20.0"));
        assert!(req.matches("24.1.1-rc1"));
        assert!(!req.matches("24.1.1"));
        assert!(!req.matches("33.0.0-jre"));
        let range = VersionReq::parse(">=2.0, <2.12.7").unwrap();
        assert!(range.matches("2.9.10"));
        assert!(!range.matches("2.12.7"));
        assert!(!range.matches("1.9"));
        assert!(VersionReq::parse("1.2.3").unwrap().matches("1.2.3"));
        assert_eq!(range.to_string(), ">=2.0, <2.12.7");
    }

    #[test]
    fn rejects_malformed_requirements() {
        assert!(VersionReq::parse("").is_err());
        assert!(VersionReq::parse("<").is_err());
        assert!(VersionReq::parse("<1.0,").is_err());
        assert!(VersionReq::parse("~> 1.0").is_err());
    }
}
