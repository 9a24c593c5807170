//! One row of a fleet record (docs/fleet.schema.json, FLEET-CONTRACT.md), as the store reads it. Rows own their
//! strings: `ingest` parses on a reader thread and hands whole files to the writer. Checking a row is here; what the
//! store does with it is in `ingest`.

use serde::Deserialize;

/// The record schema this store reads.
pub const RECORD_SCHEMA_VERSION: i64 = 1;

type Text = Option<String>;

/// Every field of every kind of row: each kind's own fields are checked by [`Row::check`].
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Row {
    pub schema_version: Option<i64>,
    pub kind: Text,
    pub record_id: Text,
    pub repository: Text,
    pub commit: Text,
    pub branch: Text,
    pub build_time: Text,
    pub module: Text,
    // build
    pub tool_version: Text,
    pub classpath_complete: Option<bool>,
    pub unresolved_classes: Option<i64>,
    pub fleet_uses: Text,
    // use, declared
    pub consumer_class: Text,
    pub consumer_member: Text,
    pub source_path: Text,
    pub line: Option<i64>,
    pub count: Option<i64>,
    pub dependency_kind: Text,
    pub api_class: Text,
    pub api_member: Text,
    pub api_descriptor: Text,
    pub status: Text,
    pub status_annotation: Text,
    pub status_site: Text,
    pub since: Text,
    pub for_removal: Option<bool>,
    pub replacement: Text,
    #[serde(default)]
    pub replacement_imports: Option<Vec<String>>,
    pub library_group: Text,
    pub library_artifact: Text,
    pub library_version: Text,
    pub library_purl: Text,
    pub coordinates_from: Text,
    // violation
    pub rule_pack: Text,
    pub rule_name: Text,
    pub priority: Text,
    pub message: Text,
    pub origin_class: Text,
    pub origin_member: Text,
    pub target_class: Text,
    pub target_member: Text,
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

impl Row {
    /// Parses one line and checks the fields its kind needs; the message names what is wrong, the caller adds
    /// file and line.
    pub fn parse(line: &str) -> Result<(Row, Kind), String> {
        let row: Row = serde_json::from_str(line).map_err(|e| format!("not a fleet record row: {e}"))?;
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
