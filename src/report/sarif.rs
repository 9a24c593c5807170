//! SARIF 2.1.0 for code scanning. One `reportingDescriptor` per archrules rule (priority → level: HIGH error,
//! MEDIUM warning, LOW note; CVE rules carry `properties.security-severity` and the `security` tag so GitHub ranks
//! them), one result per violation of a failing rule, located in its source file under `--source-roots` when found,
//! else at the class (a logical location plus the class-file path). Suppressed and baselined violations stay in the
//! log with a `suppressions` entry, so code scanning closes rather than loses them. NO_MATCH rules and input warnings
//! become tool notifications: they have no location to attach a result to.
//!
//! `partialFingerprints.archrules/v1` is line-insensitive: a hash of the rule and the normalised message (no line,
//! synthetic numbering as `$N`), plus an occurrence number among identical hashes, so moving code keeps an alert.

use super::locate::{class_file_path, guessed_source_file, to_uri, SourceLocator};
use super::normalize::{fingerprint, normalize_message};
use super::view::sorted;
use super::{RenderOptions, Report};
use crate::findings::{Findings, Priority, RuleInfo, Status, Violation};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};
use std::sync::Arc;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const FINGERPRINT_KEY: &str = "archrules/v1";

pub struct SarifReport;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    invocations: [Invocation; 1],
    results: Vec<SarifResult>,
    column_kind: &'static str,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    /// The crate's `repository`, once Cargo.toml has one (the multitool's SARIF2005 asks for it).
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    version: &'a str,
    semantic_version: &'a str,
    rules: Vec<Descriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    id: String,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Text,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleProperties {
    priority: Priority,
    pack: String,
    pack_origin: String,
    tags: Vec<String>,
    #[serde(rename = "security-severity", skip_serializing_if = "Option::is_none")]
    security_severity: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: String,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: [Location; 1],
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression>,
    properties: ResultProperties,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
    logical_locations: [LogicalLocation; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    /// SARIF lines start at 1; ArchUnit's line 0 (declarations) is shown on line 1, as Nebula's annotations do.
    start_line: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation {
    fully_qualified_name: String,
    kind: &'static str,
}

#[derive(Serialize)]
struct Suppression {
    kind: &'static str,
    justification: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultProperties {
    origin_class: Arc<str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    origin_member: Option<Arc<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    target_class: Option<Arc<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    target_member: Option<Arc<str>>,
    /// Whether `physicalLocation` is the source file (true) or the class file (false).
    source_found: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    input: Option<Arc<str>>,
    /// What to use instead of a deprecated target; kept out of `message.text`, which is ArchUnit's.
    #[serde(skip_serializing_if = "Option::is_none")]
    hint: Option<String>,
}

/// SARIF's level for a priority.
pub(crate) fn level(p: Priority) -> &'static str {
    match p {
        Priority::High => "error",
        Priority::Medium => "warning",
        Priority::Low => "note",
    }
}

/// A stable rule id: `pack/rule-name`, lower case, runs of anything but letters and digits as one `-`.
pub(crate) fn rule_id(rule: &RuleInfo) -> String {
    let mut slug = String::with_capacity(rule.name.len());
    for c in rule.name.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    format!("{}/{slug}", rule.pack)
}

/// Rule ids for the sorted results, made unique: two rules whose names slug alike get `-2`, `-3` suffixes, since
/// SARIF consumers key rules by id.
fn unique_ids(rules: &[&RuleInfo]) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    rules
        .iter()
        .map(|r| {
            let id = rule_id(r);
            let n = seen.entry(id.clone()).or_insert(0);
            *n += 1;
            if *n == 1 {
                id
            } else {
                format!("{id}-{n}")
            }
        })
        .collect()
}

fn descriptor(rule: &RuleInfo, id: String) -> Descriptor {
    let mut tags = vec!["architecture".to_owned(), rule.pack.clone()];
    if rule.security_severity.is_some() {
        tags.push("security".to_owned());
    }
    Descriptor {
        id,
        name: rule.name.clone(),
        short_description: Text { text: rule.name.clone() },
        full_description: Text { text: rule.description.clone() },
        help: Text {
            text: format!(
                "{}\n\nPriority {} in pack {} ({}).",
                rule.description,
                rule.priority.as_str(),
                rule.pack,
                rule.pack_origin
            ),
        },
        default_configuration: Configuration { level: level(rule.priority) },
        properties: RuleProperties {
            priority: rule.priority,
            pack: rule.pack.clone(),
            pack_origin: rule.pack_origin.clone(),
            tags,
            security_severity: rule
                .security_severity
                .filter(|s| s.is_finite())
                .map(|s| format!("{:.1}", s.clamp(0.0, 10.0))),
        },
    }
}

impl Report for SarifReport {
    fn render(&self, findings: &Findings, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        let results = sorted(findings);
        let mut locator = SourceLocator::new(&opts.source_roots);
        let mut occurrences: HashMap<String, usize> = HashMap::new();
        let mut sarif_results = Vec::new();
        let mut notifications: Vec<Notification> = findings
            .warnings
            .iter()
            .map(|w| Notification { level: "warning", message: Text { text: w.clone() } })
            .collect();
        let ids = unique_ids(&results.iter().map(|r| &r.rule).collect::<Vec<_>>());
        for ((index, r), id) in results.iter().enumerate().zip(&ids) {
            if r.status == Status::NoMatch {
                notifications.push(Notification {
                    level: "warning",
                    message: Text { text: format!("Rule '{}' ({id}) matched no classes", r.rule.name) },
                });
            }
            if r.status != Status::Fail {
                continue;
            }
            for v in &r.violations {
                let hash = fingerprint(&[id, &normalize_message(&v.message)]);
                let n = occurrences.entry(hash.clone()).or_insert(0);
                *n += 1;
                let (location, source_found) = location(&mut locator, v);
                sarif_results.push(SarifResult {
                    rule_id: id.clone(),
                    rule_index: index,
                    level: level(r.rule.priority),
                    message: Text { text: v.message.clone() },
                    locations: [location],
                    partial_fingerprints: BTreeMap::from([(FINGERPRINT_KEY, format!("{hash}:{n}"))]),
                    suppressions: suppressions(v),
                    properties: ResultProperties {
                        origin_class: v.origin_class.clone(),
                        origin_member: v.origin_member.clone(),
                        target_class: v.target_class.clone(),
                        target_member: v.target_member.clone(),
                        source_found,
                        input: v.location.clone(),
                        hint: v.hint.clone(),
                    },
                });
            }
        }
        let log = Log {
            schema: SCHEMA,
            version: "2.1.0",
            runs: [Run {
                tool: Tool {
                    driver: Driver {
                        name: "archrules",
                        information_uri: Some(env!("CARGO_PKG_REPOSITORY")).filter(|u| !u.is_empty()),
                        version: opts.tool_version,
                        semantic_version: opts.tool_version,
                        rules: results.iter().zip(ids).map(|(r, id)| descriptor(&r.rule, id)).collect(),
                    },
                },
                invocations: [Invocation { execution_successful: true, tool_execution_notifications: notifications }],
                results: sarif_results,
                column_kind: "utf16CodeUnits",
            }],
        };
        serde_json::to_writer_pretty(&mut *out, &log).map_err(io::Error::from)?;
        writeln!(out)
    }
}

/// The violation's location, and whether it is the source file (else the class file).
fn location(locator: &mut SourceLocator, v: &Violation) -> (Location, bool) {
    let source_file = v.source_file.clone().unwrap_or_else(|| guessed_source_file(&v.origin_class).into());
    let found = locator.find(&v.origin_class, &source_file);
    let source_found = found.is_some();
    let uri = found.map_or_else(|| class_file_path(&v.origin_class), |path| to_uri(&path));
    let (fully_qualified_name, kind) = match &v.origin_member {
        Some(m) if m.contains('(') => (format!("{}.{m}", v.origin_class), "function"),
        Some(m) => (format!("{}.{m}", v.origin_class), "member"),
        None => (v.origin_class.to_string(), "type"),
    };
    let location = Location {
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation { uri },
            region: Region { start_line: v.line.max(1) },
        },
        logical_locations: [LogicalLocation { fully_qualified_name, kind }],
    };
    (location, source_found)
}

fn suppressions(v: &Violation) -> Vec<Suppression> {
    if v.suppressed {
        vec![Suppression { kind: "inSource", justification: "@SuppressArchRules" }]
    } else if v.baselined {
        vec![Suppression { kind: "external", justification: "recorded in the archrules baseline" }]
    } else {
        Vec::new()
    }
}
