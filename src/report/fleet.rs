//! The fleet record (`--report fleet=FILE`): JSON Lines, one flat row per line, as `docs/fleet.schema.json` and
//! `docs/fleet.md` define them. One `build` row, then `declared`, `use` and `violation` rows. Every row carries the
//! build's identity and a `recordId`, the SHA-256 of the row's identity fields joined by U+001F (null as ""), so
//! any engine can de-duplicate.
//!
//! The build's identity (repository, commit, branch, time) arrives in [`RenderOptions::build`]: the CLI reads flags,
//! CI variables and git; this renderer reads nothing but its inputs.

use serde::Serialize;
use sha2::{Digest, Sha256};
use std::io::{self, Write};

use super::locate::{to_uri, SourceLocator};
use super::threshold::is_active;
use super::view::sorted;
use super::{RenderOptions, Report};
use crate::findings::artifact::Artifact;
use crate::findings::fleet::FleetFacts;
use crate::findings::lifecycle::Lifecycle;
use crate::findings::{Findings, Priority};

const HEX: &[u8; 16] = b"0123456789abcdef";

/// `schemaVersion` of every row.
pub const FLEET_SCHEMA_VERSION: u32 = 1;

/// Who built what, when: the same on every row of one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildIdentity {
    pub repository: Option<String>,
    pub commit: Option<String>,
    pub branch: Option<String>,
    /// RFC 3339 UTC, seconds precision.
    pub build_time: String,
}

impl Default for BuildIdentity {
    fn default() -> Self {
        BuildIdentity { repository: None, commit: None, branch: None, build_time: "1970-01-01T00:00:00Z".to_owned() }
    }
}

pub struct FleetReport;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Common<'a> {
    schema_version: u32,
    kind: &'static str,
    record_id: String,
    repository: Option<&'a str>,
    commit: Option<&'a str>,
    branch: Option<&'a str>,
    build_time: &'a str,
    module: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct BuildRow<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    tool_version: &'a str,
    modules: &'a [String],
    classpath_complete: bool,
    unresolved_classes: usize,
    fleet_uses: &'static str,
    rules: usize,
    violations: usize,
}

/// The lifecycle and library fields `use` and `declared` rows share.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Element<'a> {
    api_class: &'a str,
    api_member: Option<&'a str>,
    api_descriptor: Option<&'a str>,
    status: &'static str,
    status_annotation: Option<&'a str>,
    status_site: Option<&'static str>,
    since: Option<&'a str>,
    for_removal: Option<bool>,
    replacement: Option<&'a str>,
    replacement_imports: &'a [String],
    library_group: Option<&'a str>,
    library_artifact: &'a str,
    library_version: Option<&'a str>,
    library_purl: Option<String>,
    coordinates_from: &'static str,
    library_input: &'a str,
}

impl<'a> Element<'a> {
    fn new(
        api_class: &'a str,
        api_member: Option<&'a str>,
        api_descriptor: Option<&'a str>,
        l: &'a Lifecycle,
        a: &'a Artifact,
    ) -> Self {
        Element {
            api_class,
            api_member,
            api_descriptor,
            status: l.status.as_str(),
            status_annotation: l.annotation.as_deref(),
            status_site: l.site.map(|s| s.as_str()),
            since: l.since.as_deref(),
            for_removal: l.for_removal,
            replacement: l.replacement.as_deref(),
            replacement_imports: &l.replacement_imports,
            library_group: a.group.as_deref(),
            library_artifact: &a.artifact,
            library_version: a.version.as_deref(),
            library_purl: a.purl(),
            coordinates_from: a.from.as_str(),
            library_input: &a.input,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct UseRow<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    consumer_class: &'a str,
    consumer_member: Option<&'a str>,
    source_path: Option<String>,
    line: u32,
    count: u32,
    dependency_kind: &'a str,
    #[serde(flatten)]
    element: Element<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DeclaredRow<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    #[serde(flatten)]
    element: Element<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ViolationRow<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    rule_pack: &'a str,
    rule_name: &'a str,
    priority: Priority,
    message: &'a str,
    origin_class: &'a str,
    origin_member: Option<&'a str>,
    target_class: Option<&'a str>,
    target_member: Option<&'a str>,
    source_path: Option<String>,
    line: u32,
    suppressed: bool,
    baselined: bool,
}

/// Writes rows, each with the build's identity and its record id.
struct Writer<'a, 'o> {
    build: &'a BuildIdentity,
    out: &'o mut dyn Write,
    locator: SourceLocator<'a>,
    /// The record ids written so far: a row whose identity is already written is the same record. ArchUnit reports
    /// the same call twice on one line as two equal messages (`guava collections` on Hive's
    /// `HiveProjectFilterPullUpConstantsRule.rewriteProjects`), and a Scala bridge method shares its name and
    /// parameters with the method it bridges; 923 such repeats in the Spark corpus's record. Engines de-duplicate on
    /// the id, so writing them twice only made the store's counts and Spark's disagree.
    written: rustc_hash::FxHashSet<[u8; 32]>,
}

impl<'a> Writer<'a, '_> {
    /// The common fields of a row, or `None` when a row with the same identity was written already.
    fn common(&mut self, kind: &'static str, module: Option<&'a str>, key: &[Option<&str>]) -> Option<Common<'a>> {
        let b = self.build;
        let mut hasher = Sha256::new();
        let identity = [Some(kind), b.repository.as_deref(), b.branch.as_deref(), b.commit.as_deref(), module];
        for (i, field) in identity.iter().chain(key).enumerate() {
            if i > 0 {
                hasher.update("\u{1f}".as_bytes());
            }
            hasher.update(field.unwrap_or("").as_bytes());
        }
        let digest: [u8; 32] = hasher.finalize().into();
        if !self.written.insert(digest) {
            return None;
        }
        let mut record_id = String::with_capacity(64);
        for b in digest {
            record_id.push(char::from(HEX[usize::from(b >> 4)]));
            record_id.push(char::from(HEX[usize::from(b & 0xf)]));
        }
        Some(Common {
            schema_version: FLEET_SCHEMA_VERSION,
            kind,
            record_id,
            repository: b.repository.as_deref(),
            commit: b.commit.as_deref(),
            branch: b.branch.as_deref(),
            build_time: &b.build_time,
            module,
        })
    }

    fn row(&mut self, row: &impl Serialize) -> io::Result<()> {
        serde_json::to_writer(&mut *self.out, row)?;
        self.out.write_all(b"\n")
    }

    /// The source under `--source-root` (as SARIF shows it), else the `SourceFile` name.
    fn source_path(&mut self, class: &str, source_file: Option<&str>) -> Option<String> {
        let file = source_file?;
        Some(self.locator.find(class, file).map_or_else(|| file.to_owned(), |p| to_uri(&p)))
    }
}

impl Report for FleetReport {
    fn render(&self, findings: &Findings, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        let default_build = BuildIdentity::default();
        let build = opts.build.as_ref().unwrap_or(&default_build);
        let empty = FleetFacts::default();
        let facts = findings.fleet.as_ref().unwrap_or(&empty);
        let mut w = Writer { build, out, locator: SourceLocator::new(&opts.source_roots), written: Default::default() };
        let results = sorted(findings);
        let active = results.iter().map(|r| r.violations.iter().filter(|v| is_active(r, v)).count()).sum();
        // The first row: never a repeat.
        let Some(common) = w.common("build", None, &[]) else { return Ok(()) };
        let build_row = BuildRow {
            common,
            tool_version: opts.tool_version,
            modules: &facts.modules,
            classpath_complete: facts.unresolved == 0,
            unresolved_classes: facts.unresolved,
            fleet_uses: facts.uses_mode.as_str(),
            rules: results.len(),
            violations: active,
        };
        w.row(&build_row)?;
        for d in &facts.declared {
            let (member, descriptor) = (d.api_member.as_deref(), d.api_descriptor.as_deref());
            let Some(common) = w.common("declared", Some(&d.module), &[Some(&d.api_class), member]) else { continue };
            let row = DeclaredRow {
                common,
                element: Element::new(&d.api_class, member, descriptor, &d.lifecycle, &d.library),
            };
            w.row(&row)?;
        }
        for u in &facts.uses {
            let (member, descriptor) = (u.api_member.as_deref(), u.api_descriptor.as_deref());
            let key = [
                Some(u.consumer_class.as_str()),
                u.consumer_member.as_deref(),
                Some(u.api_class.as_str()),
                member,
                Some(u.dependency_kind.as_str()),
            ];
            let Some(common) = w.common("use", Some(&u.module), &key) else { continue };
            let row = UseRow {
                common,
                consumer_class: &u.consumer_class,
                consumer_member: u.consumer_member.as_deref(),
                source_path: w.source_path(&u.consumer_class, Some(&u.source_file)),
                line: u.line,
                count: u.count,
                dependency_kind: &u.dependency_kind,
                element: Element::new(&u.api_class, member, descriptor, &u.lifecycle, &u.library),
            };
            w.row(&row)?;
        }
        for r in &results {
            for v in &r.violations {
                let module = module_of(&facts.modules, v.location.as_deref());
                let key = [Some(r.rule.pack.as_str()), Some(r.rule.name.as_str()), Some(v.message.as_str())];
                let Some(common) = w.common("violation", module, &key) else { continue };
                let row = ViolationRow {
                    common,
                    rule_pack: &r.rule.pack,
                    rule_name: &r.rule.name,
                    priority: r.rule.priority,
                    message: &v.message,
                    origin_class: &v.origin_class,
                    origin_member: v.origin_member.as_deref(),
                    target_class: v.target_class.as_deref(),
                    target_member: v.target_member.as_deref(),
                    source_path: w.source_path(&v.origin_class, v.source_file.as_deref()),
                    line: v.line,
                    suppressed: v.suppressed,
                    baselined: v.baselined,
                };
                w.row(&row)?;
            }
        }
        Ok(())
    }
}

/// The target a violation's class came from: the longest module path its location (`path`, `path/entry`,
/// `path!/entry`) starts with.
fn module_of<'m>(modules: &'m [String], location: Option<&str>) -> Option<&'m str> {
    let location = location?;
    modules
        .iter()
        .filter(|m| {
            location.strip_prefix(m.as_str()).is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '!', '\\']))
        })
        .max_by_key(|m| m.len())
        .map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::{module_of, BuildIdentity, SourceLocator, Writer};

    #[test]
    fn a_record_identity_is_written_once() {
        let build = BuildIdentity::default();
        let mut out = Vec::new();
        let mut w =
            Writer { build: &build, out: &mut out, locator: SourceLocator::new(&[]), written: Default::default() };
        let key = [Some("pack"), Some("rule"), Some("Method <a.B.m()> calls method <c.D.n()> in (B.java:3)")];
        let first = w.common("violation", Some("app"), &key).map(|c| c.record_id);
        assert!(first.as_ref().is_some_and(|id| id.len() == 64), "{first:?}");
        assert!(w.common("violation", Some("app"), &key).is_none(), "the same identity again");
        assert!(w.common("violation", Some("other"), &key).is_some(), "another module is another record");
    }

    #[test]
    fn violations_belong_to_the_longest_module_their_location_starts_with() {
        let modules = ["app".to_owned(), "app/sub".to_owned(), "lib.jar".to_owned()];
        assert_eq!(module_of(&modules, Some("app/sub/a/B.class")), Some("app/sub"));
        assert_eq!(module_of(&modules, Some("app/a/B.class")), Some("app"));
        assert_eq!(module_of(&modules, Some("lib.jar!/a/B.class")), Some("lib.jar"));
        assert_eq!(module_of(&modules, Some("application/a/B.class")), None);
        assert_eq!(module_of(&modules, None), None);
    }
}
