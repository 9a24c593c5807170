//! The evaluation engine: rule IR × class graph → per-rule results with ArchUnit-worded, structured violations.
//!
//! Each rule's predicates are compiled ([`compile`]: regexes, package patterns, symbols) into forms shared by every
//! rule of the evaluation that states the same predicate, so that what a predicate computes once (the classes it
//! selects, the symbols it matches, per-symbol memos of name and descriptor tests, [`memo`]) serves them all. A
//! rule's subjects are selected (through the name, simple-name and package indexes when the `that` predicate
//! allows, [`subjects`]) and its condition checked. "Any" conditions (`dependOnClassesThat`, `accessTargetWhere`,
//! `callMethod`...) and, for `no...()` rules, their `orShould`/`andShould` combinations are answered from the
//! reverse dependency index: the target symbols a predicate can match are found first ([`index`]), then only the
//! edges onto them are examined ([`indexed`]). Everything else is checked subject by subject ([`conditions`],
//! [`transitive`]; member subjects as they are selected). Slices and layered architectures have their own files.
//! Violations are written into reused buffers ([`violations`]): on large inputs they are most of the work. Rules
//! run in parallel, and so does the work inside each; what they share (artifact coordinates, the subtype map,
//! per-symbol answers of predicates) is built lazily, once per evaluation.

pub(crate) mod artifacts;
mod classes;
mod compile;
mod conditions;
mod index;
mod indexed;
mod layers;
mod members;
mod memo;
mod messages;
mod relations;
mod slices;
mod subjects;
mod transitive;
mod violations;
pub mod wording;

use std::collections::HashMap;
use std::sync::OnceLock;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::findings::{RuleInfo, RuleResult, Status, Violation};
use crate::graph::{ClassId, Graph, Role, Sym};
use crate::rules::ir;
use crate::rules::package_pattern::{PackagePattern, PackagePatternError};
pub(crate) use memo::memo;

/// What to evaluate beyond the rules themselves.
#[derive(Debug, Clone, Default)]
pub struct EvalOptions {
    /// Classes whose package matches one of these ArchUnit package patterns (`com.acme..`: `com.acme` and every
    /// package below it, as `resideInAPackage` reads it) are never subjects.
    pub exclude: Vec<PackagePattern>,
    /// Per pack id, the only analysed classes its rules check (packs shipped inside a library run only
    /// against the targets that depend on that library). Packs not listed check every analysed class.
    pub scopes: HashMap<String, FxHashSet<ClassId>>,
}

/// A rule that cannot be evaluated: reported as a failed rule whose single violation says why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EngineError {
    #[error("invalid regular expression '{regex}': {message}")]
    Regex { regex: String, message: String },
    #[error(transparent)]
    PackagePattern(#[from] PackagePatternError),
    #[error("rule '{rule}': {problem}")]
    Malformed { rule: String, problem: String },
}

/// Evaluates every rule of every pack, rules in parallel. Results keep the packs' and rules' order.
pub fn evaluate(graph: &Graph, packs: &[ir::Pack], opts: &EvalOptions) -> Vec<RuleResult> {
    let ctx = Ctx::new(graph, opts);
    let rules: Vec<(&ir::Pack, &ir::Rule)> = packs.iter().flat_map(|p| p.rules.iter().map(move |r| (p, r))).collect();
    // Whole-graph rules (slices, layers, transitive searches) have stretches only one thread can work on: started
    // first, other rules fill the other threads meanwhile; left to their place in the list, such a stretch could be
    // the last work of the evaluation, with the other threads idle.
    let mut order: Vec<(usize, &(&ir::Pack, &ir::Rule))> = rules.iter().enumerate().collect();
    order.sort_by_key(|(_, (_, r))| !whole_graph(r));
    let mut results: Vec<(usize, RuleResult)> =
        order.par_iter().map(|&(i, (p, r))| (i, ctx.run(r, &p.origin))).collect();
    results.sort_by_key(|&(i, _)| i);
    results.into_iter().map(|(_, r)| r).collect()
}

/// The target classes rules may take as subjects: not excluded, not `module-info`.
fn subjects<'g>(g: &'g Graph, opts: &'g EvalOptions) -> impl Iterator<Item = (ClassId, &'g crate::graph::Class)> + 'g {
    g.targets()
        .filter(|(_, c)| c.kind != crate::graph::ClassKind::ModuleInfo)
        .filter(|(_, c)| !opts.exclude.iter().any(|p| p.is_match(g.str(c.package))))
}

/// How many classes a run analysed, as its reports say: the subjects less `package-info` (a package's annotations,
/// read for `@NullMarked`, but no class a reader counts).
pub fn analysed_classes(g: &Graph, opts: &EvalOptions) -> usize {
    subjects(g, opts).filter(|(_, c)| c.kind != crate::graph::ClassKind::PackageInfo).count()
}

/// Whether a rule analyses the graph as a whole rather than subject by subject.
fn whole_graph(rule: &ir::Rule) -> bool {
    fn transitive(e: &ir::CondExpr) -> bool {
        match e {
            ir::CondExpr::Cond(c) => matches!(c, ir::Condition::TransitivelyDependOnClassesThat(_)),
            ir::CondExpr::And(a, b) | ir::CondExpr::Or(a, b) => transitive(a) || transitive(b),
        }
    }
    matches!(rule.subject, ir::Subject::Slices { .. } | ir::Subject::Layered(_)) || transitive(&rule.conditions)
}

/// Evaluates the rules one after another on one shared context, timing each (wall time; what rules share is
/// charged to the first rule that needs it). For benchmarks: which rules dominate an evaluation.
pub fn evaluate_timed(graph: &Graph, packs: &[ir::Pack], opts: &EvalOptions) -> Vec<(RuleResult, std::time::Duration)> {
    let ctx = Ctx::new(graph, opts);
    let rules = packs.iter().flat_map(|p| p.rules.iter().map(move |r| (p, r)));
    rules
        .map(|(p, r)| {
            let start = std::time::Instant::now();
            let result = ctx.run(r, &p.origin);
            (result, start.elapsed())
        })
        .collect()
}

/// Evaluates one rule (its pack origin is left empty in the result).
pub fn evaluate_rule(graph: &Graph, rule: &ir::Rule, opts: &EvalOptions) -> RuleResult {
    Ctx::new(graph, opts).run(rule, "")
}

/// Well-known annotation names, looked up once.
pub(crate) struct Known {
    /// `java.lang.Deprecated`, `kotlin.Deprecated`, `kotlin.DeprecatedSinceKotlin`.
    pub deprecated: [Option<Sym>; 3],
    pub for_removal: Option<Sym>,
    pub null_marked: Option<Sym>,
    pub init: Option<Sym>,
    pub clinit: Option<Sym>,
    /// Whether a descriptor is a method's (starts with `(`), per descriptor symbol.
    pub method_descriptor: memo::SymMemo,
}

/// Direct subtypes by supertype name, in one vector (a map of small vectors cost a growing allocation per name).
pub(crate) struct Subtypes {
    ranges: FxHashMap<Sym, (u32, u32)>,
    ids: Vec<ClassId>,
}

impl Subtypes {
    /// The classes whose superclass or an interface is `name`, in graph order.
    pub fn of(&self, name: Sym) -> &[ClassId] {
        self.ranges.get(&name).and_then(|&(a, b)| self.ids.get(a as usize..b as usize)).unwrap_or(&[])
    }
}

/// What every rule of one evaluation shares.
pub(crate) struct Ctx<'g> {
    pub g: &'g Graph,
    pub known: Known,
    opts: &'g EvalOptions,
    /// Analysed classes that may be subjects (not excluded, not `module-info`), in graph order.
    targets: Vec<ClassId>,
    artifacts: OnceLock<artifacts::Artifacts>,
    subtypes: OnceLock<Subtypes>,
    array_targets: OnceLock<Vec<Sym>>,
    by_simple_name: OnceLock<FxHashMap<Sym, Vec<ClassId>>>,
    kotlin_visibilities: OnceLock<FxHashMap<ClassId, crate::graph::KotlinVisibility>>,
    /// The methods and constructors declared Kotlin `internal`, by the address of their graph record.
    kotlin_internal_members: OnceLock<FxHashSet<usize>>,
    null_marked_packages: OnceLock<Option<FxHashSet<Sym>>>,
    class_names: OnceLock<Vec<Sym>>,
    /// Each input's path as text, for locations.
    input_paths: OnceLock<Vec<String>>,
    /// Per class, what its violations share (made on first use).
    origins: OnceLock<Vec<OnceLock<violations::Origin>>>,
    /// Predicates compiled by the rules so far, shared by the rules that state them.
    compiled: compile::Compiled,
}

impl<'g> Ctx<'g> {
    fn new(g: &'g Graph, opts: &'g EvalOptions) -> Self {
        let known = Known {
            deprecated: [
                g.sym("java.lang.Deprecated"),
                g.sym("kotlin.Deprecated"),
                g.sym("kotlin.DeprecatedSinceKotlin"),
            ],
            for_removal: g.sym("forRemoval"),
            null_marked: g.sym("org.jspecify.annotations.NullMarked"),
            init: g.sym("<init>"),
            clinit: g.sym("<clinit>"),
            method_descriptor: memo::SymMemo::default(),
        };
        let targets = subjects(g, opts).map(|(id, _)| id).collect();
        Ctx {
            g,
            known,
            opts,
            targets,
            artifacts: OnceLock::new(),
            subtypes: OnceLock::new(),
            array_targets: OnceLock::new(),
            by_simple_name: OnceLock::new(),
            kotlin_visibilities: OnceLock::new(),
            kotlin_internal_members: OnceLock::new(),
            null_marked_packages: OnceLock::new(),
            class_names: OnceLock::new(),
            input_paths: OnceLock::new(),
            origins: OnceLock::new(),
            compiled: compile::Compiled::default(),
        }
    }

    pub fn artifacts(&self) -> &artifacts::Artifacts {
        self.artifacts.get_or_init(|| artifacts::Artifacts::read(self.g))
    }

    /// The declared visibility of a Kotlin class (see [`crate::graph::kotlin`]); the metadata of every Kotlin class is
    /// decoded once, on first use.
    pub fn kotlin_visibility(&self, id: ClassId) -> Option<crate::graph::KotlinVisibility> {
        self.kotlin_visibilities
            .get_or_init(|| {
                self.g
                    .classes()
                    .filter(|(_, c)| c.kotlin && c.role != Role::Stub)
                    .filter_map(|(id, c)| self.g.kotlin_visibility(c).map(|v| (id, v)))
                    .collect()
            })
            .get(&id)
            .copied()
    }

    /// Whether a member was declared Kotlin `internal` (see [`crate::graph::kotlin`]). The metadata of every Kotlin
    /// class is decoded once, on first use; members are keyed by their record's address, as an access reaches the
    /// declaration it resolves to (perhaps in a supertype) without its class.
    pub fn kotlin_internal_member(&self, m: &crate::graph::Member) -> bool {
        let key = |m: &crate::graph::Member| std::ptr::from_ref(m) as usize;
        self.kotlin_internal_members
            .get_or_init(|| {
                let mut out = FxHashSet::default();
                for (_, c) in self.g.classes().filter(|(_, c)| c.kotlin && c.role != Role::Stub) {
                    let Some(methods) = self.g.kotlin_methods(c) else { continue };
                    for m in c.members.iter().filter(|m| m.kind != crate::graph::MemberKind::Field) {
                        if crate::graph::kotlin::is_internal_method(
                            &methods,
                            self.g.str(m.name),
                            self.g.str(m.descriptor),
                        ) {
                            out.insert(key(m));
                        }
                    }
                }
                out
            })
            .contains(&key(m))
    }

    /// Every class's name, by id: tests of many edges read this small table rather than each origin's record.
    pub fn class_names(&self) -> &[Sym] {
        memo::<Vec<Sym>>(&self.class_names, || self.g.classes().map(|(_, c)| c.name).collect())
    }

    /// Direct subclasses and implementations of each class name, among the classes the graph read.
    pub fn subtypes(&self) -> &Subtypes {
        memo(&self.subtypes, || {
            let mut pairs: Vec<(Sym, ClassId)> = Vec::new();
            for (id, c) in self.g.classes().filter(|(_, c)| c.role != Role::Stub) {
                pairs.extend(c.super_class.iter().chain(c.interfaces.iter()).map(|&s| (s, id)));
            }
            // Stable: each name's subtypes stay in graph order.
            pairs.sort_by_key(|&(s, _)| s);
            let (mut ranges, mut start) = (FxHashMap::default(), 0);
            for run in pairs.chunk_by(|a, b| a.0 == b.0) {
                if let Some(&(s, _)) = run.first() {
                    ranges.insert(s, (start as u32, (start + run.len()) as u32));
                }
                start += run.len();
            }
            Subtypes { ranges, ids: pairs.into_iter().map(|(_, id)| id).collect() }
        })
    }

    /// The analysed classes a rule of `pack` may check.
    fn scoped_targets(&self, pack: &str) -> std::borrow::Cow<'_, [ClassId]> {
        match self.opts.scopes.get(pack) {
            Some(scope) => self.targets.iter().copied().filter(|id| scope.contains(id)).collect(),
            None => std::borrow::Cow::Borrowed(&self.targets),
        }
    }

    fn run(&self, rule: &ir::Rule, pack_origin: &str) -> RuleResult {
        let info = RuleInfo {
            pack: rule.pack.clone(),
            name: rule.name.clone(),
            description: wording::rule_description(rule),
            priority: rule.priority,
            pack_origin: pack_origin.to_owned(),
            security_severity: None,
            fixes: rule.fixes.clone(),
        };
        let (status, violations) = match self.check(rule) {
            Ok(Some(v)) if v.is_empty() => (Status::Pass, v),
            Ok(Some(v)) => (Status::Fail, v),
            Ok(None) => (Status::NoMatch, Vec::new()),
            Err(e) => (Status::Fail, vec![violations::rule_error(rule, &e)]),
        };
        RuleResult { rule: info, status, violations }
    }

    /// The violations, or `None` when `that` selected nothing and the rule does not allow it.
    fn check(&self, rule: &ir::Rule) -> Result<Option<Vec<Violation>>, EngineError> {
        let scope = self.scoped_targets(&rule.pack);
        match &rule.subject {
            ir::Subject::Slices { matching } => slices::check(self, rule, matching, &scope),
            ir::Subject::Layered(arch) => layers::check(self, rule, arch, &scope),
            _ => conditions::check(self, rule, &scope)?.map(|v| messages::apply(self, rule, v)).transpose(),
        }
    }
}
