//! One row of a fleet record (docs/fleet.schema.json, FLEET-CONTRACT.md), as the store reads it. Strings borrow from
//! the line when they can. Checking a row is here; what the store does with it is in `ingest`.

use serde::Deserialize;
use std::borrow::Cow;

/// The record schema this store reads.
pub const RECORD_SCHEMA_VERSION: i64 = 1;

type Text<'a> = Option<Cow<'a, str>>;

/// Every field of every kind of row: each kind's own fields are checked by [`Row::check`].
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Row<'a> {
    pub schema_version: Option<i64>,
    #[serde(borrow)]
    pub kind: Text<'a>,
    #[serde(borrow)]
    pub repository: Text<'a>,
    #[serde(borrow)]
    pub commit: Text<'a>,
    #[serde(borrow)]
    pub branch: Text<'a>,
    #[serde(borrow)]
    pub build_time: Text<'a>,
    #[serde(borrow)]
    pub module: Text<'a>,
    // build
    #[serde(borrow)]
    pub tool_version: Text<'a>,
    pub classpath_complete: Option<bool>,
    pub unresolved_classes: Option<i64>,
    #[serde(borrow)]
    pub fleet_uses: Text<'a>,
    // use, declared
    #[serde(borrow)]
    pub consumer_class: Text<'a>,
    #[serde(borrow)]
    pub consumer_member: Text<'a>,
    #[serde(borrow)]
    pub source_path: Text<'a>,
    pub line: Option<i64>,
    pub count: Option<i64>,
    #[serde(borrow)]
    pub dependency_kind: Text<'a>,
    #[serde(borrow)]
    pub api_class: Text<'a>,
    #[serde(borrow)]
    pub api_member: Text<'a>,
    #[serde(borrow)]
    pub api_descriptor: Text<'a>,
    #[serde(borrow)]
    pub status: Text<'a>,
    #[serde(borrow)]
    pub status_annotation: Text<'a>,
    #[serde(borrow)]
    pub status_site: Text<'a>,
    #[serde(borrow)]
    pub since: Text<'a>,
    pub for_removal: Option<bool>,
    #[serde(borrow)]
    pub replacement: Text<'a>,
    #[serde(borrow, default)]
    pub replacement_imports: Option<Vec<Cow<'a, str>>>,
    #[serde(borrow)]
    pub library_group: Text<'a>,
    #[serde(borrow)]
    pub library_artifact: Text<'a>,
    #[serde(borrow)]
    pub library_version: Text<'a>,
    #[serde(borrow)]
    pub library_purl: Text<'a>,
    #[serde(borrow)]
    pub coordinates_from: Text<'a>,
    // violation
    #[serde(borrow)]
    pub rule_pack: Text<'a>,
    #[serde(borrow)]
    pub rule_name: Text<'a>,
    #[serde(borrow)]
    pub priority: Text<'a>,
    #[serde(borrow)]
    pub message: Text<'a>,
    #[serde(borrow)]
    pub origin_class: Text<'a>,
    #[serde(borrow)]
    pub origin_member: Text<'a>,
    #[serde(borrow)]
    pub target_class: Text<'a>,
    #[serde(borrow)]
    pub target_member: Text<'a>,
    pub suppressed: Option<bool>,
    pub baselined: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Build,
    Use,
    Declared,
    Violation,
}

/// Lifecycle statuses, in the order of their codes in the store (most urgent first).
pub const STATUSES: [&str; 6] =
    ["deprecated-for-removal", "deprecated", "experimental", "internal", "public", "unmarked"];

pub fn status_code(status: &str) -> Option<i64> {
    STATUSES.iter().position(|s| *s == status).and_then(|i| i64::try_from(i).ok())
}

pub fn status_name(code: i64) -> &'static str {
    usize::try_from(code).ok().and_then(|i| STATUSES.get(i)).copied().unwrap_or("unmarked")
}

impl<'a> Row<'a> {
    /// Parses one line and checks the fields its kind needs; the message names what is wrong, the caller adds
    /// file and line.
    pub fn parse(line: &'a str) -> Result<(Row<'a>, Kind), String> {
        let row: Row<'a> = serde_json::from_str(line).map_err(|e| format!("not a fleet record row: {e}"))?;
        match row.schema_version {
            Some(RECORD_SCHEMA_VERSION) => {}
            Some(other) => {
                return Err(format!(
                    "unknown schemaVersion {other} (this archrules reads version {RECORD_SCHEMA_VERSION})"
                ))
            }
            None => return Err("the row has no schemaVersion".into()),
        }
        let kind = match row.kind.as_deref() {
            Some("build") => Kind::Build,
            Some("use") => Kind::Use,
            Some("declared") => Kind::Declared,
            Some("violation") => Kind::Violation,
            Some(other) => return Err(format!("unknown kind {other:?} (expected build, use, declared or violation)")),
            None => return Err("the row has no kind".into()),
        };
        row.check(kind)?;
        Ok((row, kind))
    }

    fn check(&self, kind: Kind) -> Result<(), String> {
        let missing = |field: &str| Err(format!("a {} row needs {field}", kind_name(kind)));
        if self.build_time.is_none() {
            return missing("buildTime");
        }
        match kind {
            Kind::Build => {}
            Kind::Use | Kind::Declared => {
                if kind == Kind::Use {
                    if self.consumer_class.is_none() {
                        return missing("consumerClass");
                    }
                    if self.dependency_kind.is_none() {
                        return missing("dependencyKind");
                    }
                }
                if self.api_class.is_none() {
                    return missing("apiClass");
                }
                if self.library_artifact.is_none() {
                    return missing("libraryArtifact");
                }
                match self.status.as_deref() {
                    Some(status) if status_code(status).is_some() => {}
                    Some(other) => return Err(format!("unknown status {other:?}")),
                    None => return missing("status"),
                }
            }
            Kind::Violation => {
                if self.rule_pack.is_none() {
                    return missing("rulePack");
                }
                if self.rule_name.is_none() {
                    return missing("ruleName");
                }
                if self.message.is_none() {
                    return missing("message");
                }
            }
        }
        Ok(())
    }
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Build => "build",
        Kind::Use => "use",
        Kind::Declared => "declared",
        Kind::Violation => "violation",
    }
}
