//! What rule evaluation produces and every report consumes. Structured: text is rendered from these, never parsed back.
//!
//! Also the steps a finding goes through after evaluation, which read the graph but never feed the engine or the packs:
//! in-code suppression ([`suppress`]), replacement hints ([`hint`]), and for the fleet record the lifecycle status of
//! the API elements a build uses ([`lifecycle`]), the library artifact they come from ([`artifact`]) and the
//! use/declared facts themselves ([`fleet`]).

pub mod artifact;
pub mod fleet;
pub mod hint;
pub mod lifecycle;
pub mod suppress;

use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::time::Duration;

/// Nebula's three priorities; ordering LOW < MEDIUM < HIGH drives thresholds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "UPPERCASE")]
pub enum Priority {
    Low,
    #[default]
    Medium,
    High,
}

/// Per-rule outcome, as in Nebula's report: PASS, FAIL, or NO_MATCH (`that` selected nothing and
/// `allowEmptyShould` was false).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Status {
    Pass,
    Fail,
    NoMatch,
}

/// The identity and texts of one rule, as reports show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleInfo {
    /// Pack id, Nebula's `ruleClass` (e.g. `archrules.guava`).
    pub pack: String,
    /// Rule name, Nebula's `ruleName` (e.g. `guava optional`).
    pub name: String,
    /// ArchUnit-worded description, including `, because ...` when there is one.
    pub description: String,
    pub priority: Priority,
    /// Where the pack came from: `bundled`, a file path, `jar.jar!/META-INF/archrules/x.arch`, a plugin path.
    pub pack_origin: String,
    /// GitHub code scanning's `security-severity` (0.0–10.0) for security rules.
    pub security_severity: Option<f32>,
}

/// One offending dependency, access or class.
///
/// A rule can have hundreds of thousands of violations, most repeating their class's name, source file and
/// location and a few target names: those fields are shared (`Arc<str>`, serialized as plain strings).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Violation {
    /// ArchUnit's wording, e.g. `Method <a.B.m()> calls method <c.D.n(int)> in (B.java:42)`.
    pub message: String,
    /// Binary name of the class the violation is in (`a.B$1`).
    pub origin_class: Arc<str>,
    /// Member of the origin, ArchUnit-style (`m(int)`), when the violation comes from a member.
    pub origin_member: Option<Arc<str>>,
    pub target_class: Option<Arc<str>>,
    pub target_member: Option<Arc<str>>,
    /// `SourceFile` of the origin class (`B.java`), or ArchUnit's guess when absent.
    pub source_file: Option<Arc<str>>,
    /// Source line; 0 for declarations.
    pub line: u32,
    /// The input the origin class came from: a path, plus `!entry` inside a jar.
    pub location: Option<Arc<str>>,
    /// Exempted by a `@SuppressArchRules` annotation: counted and shown, never failing.
    pub suppressed: bool,
    /// Present in the baseline: shown as such, never failing.
    pub baselined: bool,
    /// What to use instead of a deprecated target, or since when it is deprecated (`use instead: B.c()`,
    /// `deprecated since 9`): its own field, so the message stays ArchUnit's text.
    #[serde(default)]
    pub hint: Option<String>,
}

impl Violation {
    /// A violation of the rule as a whole, tied to no class: an empty layer, a rule that cannot be evaluated.
    pub fn of_rule(message: String) -> Violation {
        Violation {
            message,
            origin_class: Arc::from(""),
            origin_member: None,
            target_class: None,
            target_member: None,
            source_file: None,
            line: 0,
            location: None,
            suppressed: false,
            baselined: false,
            hint: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleResult {
    pub rule: RuleInfo,
    pub status: Status,
    pub violations: Vec<Violation>,
}

/// Everything one `check` run found.
#[derive(Debug, Clone, Default)]
pub struct Findings {
    pub results: Vec<RuleResult>,
    pub classes_analysed: usize,
    pub elapsed: Duration,
    /// Input and pack warnings (bad jars, unresolved classes summary...), already worded for users.
    pub warnings: Vec<String>,
    /// Suppressions that suppressed nothing: `(class or member, rule name)`.
    pub unused_suppressions: Vec<(String, String)>,
    /// What the fleet record needs beyond the violations; `None` unless a fleet report was asked for.
    pub fleet: Option<fleet::FleetFacts>,
    /// How many of `warnings` are about damaged or unreadable inputs (what `--strict-inputs` fails on).
    pub input_warnings: usize,
    /// Classes referred to and found nowhere, sorted by name: rules could not see into them.
    pub unresolved: Vec<UnresolvedClass>,
}

/// A class found nowhere, with the classes that refer to it (binary names, sorted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UnresolvedClass {
    pub name: String,
    /// Target classes that depend on it: a `--classpath` entry is likely missing.
    pub referenced_by_targets: Vec<String>,
    /// Classpath or JDK classes that name it (supertype, annotation): often a library's optional dependency.
    pub referenced_by_classpath: Vec<String>,
}
