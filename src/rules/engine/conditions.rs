//! Checking `should` conditions on class and member subjects.
//!
//! Each condition yields the events that matter for the rule's polarity: for a plain rule the events that make it
//! fail ([`Mode::Against`]), for a `no...()` rule the events that make it hold ([`Mode::For`]), each one a violation,
//! as ArchUnit's `never(..)` inverts every event. `andShould`/`orShould` join those lists per subject ([`combine`]).

use std::borrow::Cow;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use super::compile::{CAccess, CClass, CDependency, CMember, Compiler};
use super::members::{kind_matches, may_declare};
use super::relations::access_kind_matches;
use super::{wording, Ctx, EngineError};
use crate::findings::Violation;
use crate::graph::{ClassId, DepKind, Dependency};
use crate::rules::ir::{self, AccessKind, CondExpr, Condition, MemberKind, Pred, Subject};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Report what makes the condition fail.
    Against,
    /// Report what makes the condition hold (negated rules).
    For,
}

/// One subject: a class, or a member of a class (index into its members).
#[derive(Debug, Clone, Copy)]
pub enum Item {
    Class(ClassId),
    Member(ClassId, usize),
}

pub(super) enum CCond {
    /// The predicate, and its event texts (not satisfied, satisfied), worded once.
    Class(Arc<CClass>, [String; 2]),
    Member(Arc<CMember>, [String; 2]),
    DependOn(Arc<CClass>),
    OnlyDependOn(Arc<CClass>),
    AnyDependency(CDependency),
    OnlyDependents(Arc<CClass>),
    /// The predicate, and the classes that can reach a match (computed on first use).
    Transitively(Arc<CClass>, OnceLock<super::transitive::Reach>),
    AccessClasses(Arc<CClass>),
    OnlyAccessClasses(Arc<CClass>),
    AccessWhere(AccessKind, CAccess),
    OnlyBeAccessedBy(Arc<CClass>),
    OnlyBeCalledBy(Arc<CClass>),
}

pub(super) enum CExpr<'r> {
    Cond(CCond, &'r Condition),
    And(Box<CExpr<'r>>, Box<CExpr<'r>>),
    Or(Box<CExpr<'r>>, Box<CExpr<'r>>),
}

fn compile<'r>(c: &Compiler<'_>, e: &'r CondExpr, rule: &ir::Rule) -> Result<CExpr<'r>, EngineError> {
    Ok(match e {
        CondExpr::And(a, b) => CExpr::And(Box::new(compile(c, a, rule)?), Box::new(compile(c, b, rule)?)),
        CondExpr::Or(a, b) => CExpr::Or(Box::new(compile(c, a, rule)?), Box::new(compile(c, b, rule)?)),
        CondExpr::Cond(cond) => {
            let compiled = match cond {
                Condition::ClassMatches(p) => {
                    CCond::Class(c.class(p)?, [wording::class_event(p, false), wording::class_event(p, true)])
                }
                Condition::MemberMatches(p) => {
                    CCond::Member(c.member(p)?, [wording::member_event(p, false), wording::member_event(p, true)])
                }
                Condition::Satisfies(p) => {
                    let d = crate::rules::describe::describe_pred(p, crate::rules::describe::Mode::Bare);
                    let texts = [format!("does not satisfy {d}"), format!("satisfies {d}")];
                    match p {
                        Pred::Class(p) => CCond::Class(c.class(p)?, texts),
                        Pred::Member(p) => CCond::Member(c.member(p)?, texts),
                        _ => {
                            return Err(EngineError::Malformed {
                                rule: rule.name.clone(),
                                problem: "from(..) takes a class or member predicate".to_owned(),
                            })
                        }
                    }
                }
                Condition::DependOnClassesThat(p) => CCond::DependOn(c.class(p)?),
                Condition::OnlyDependOnClassesThat(p) => CCond::OnlyDependOn(c.class(p)?),
                Condition::HaveAnyDependenciesThat(p) => CCond::AnyDependency(c.dependency(p)?),
                Condition::OnlyHaveDependentClassesThat(p) => CCond::OnlyDependents(c.class(p)?),
                Condition::TransitivelyDependOnClassesThat(p) => CCond::Transitively(c.class(p)?, OnceLock::new()),
                Condition::AccessClassesThat(p) => CCond::AccessClasses(c.class(p)?),
                Condition::OnlyAccessClassesThat(p) => CCond::OnlyAccessClasses(c.class(p)?),
                Condition::AccessWhere { kind, pred } => CCond::AccessWhere(*kind, c.access(pred)?),
                Condition::OnlyBeAccessedByClassesThat(p) => CCond::OnlyBeAccessedBy(c.class(p)?),
                Condition::OnlyBeCalledByClassesThat(p) => CCond::OnlyBeCalledBy(c.class(p)?),
                Condition::BeFreeOfCycles | Condition::NotDependOnEachOther | Condition::RespectLayers => {
                    return Err(EngineError::Malformed {
                        rule: rule.name.clone(),
                        problem: format!("'{}' applies to slices or layers only", wording::condition(cond)),
                    })
                }
            };
            CExpr::Cond(compiled, cond)
        }
    })
}

/// Evaluates a class or member rule over the analysed classes in `scope`.
pub fn check(ctx: &Ctx<'_>, rule: &ir::Rule, scope: &[ClassId]) -> Result<Option<Vec<Violation>>, EngineError> {
    let compiler = Compiler { graph: ctx.g, compiled: &ctx.compiled };
    let expr = compile(&compiler, &rule.conditions, rule)?;
    let mode = if rule.negated { Mode::For } else { Mode::Against };
    let malformed = |what: &str| EngineError::Malformed { rule: rule.name.clone(), problem: what.to_owned() };
    let items: Vec<Item> = match &rule.subject {
        Subject::Classes => {
            let that = match &rule.that {
                None => None,
                Some(Pred::Class(p)) => Some(compiler.class(p)?),
                Some(_) => return Err(malformed("a class rule's `that` must be a class predicate")),
            };
            ctx.select_classes(that.as_deref(), scope).into_iter().map(Item::Class).collect()
        }
        subject => {
            let kind = match subject {
                Subject::Members => MemberKind::Member,
                Subject::Fields => MemberKind::Field,
                Subject::Methods => MemberKind::Method,
                Subject::Constructors => MemberKind::Constructor,
                _ => MemberKind::CodeUnit,
            };
            let that = match &rule.that {
                None => None,
                Some(Pred::Member(p)) => Some(compiler.member(p)?),
                Some(_) => return Err(malformed("a member rule's `that` must be a member predicate")),
            };
            // A `declaredIn(..)` conjunct is tested once per class, not once per member.
            let owners: Cow<'_, [ClassId]> = match that.as_deref().and_then(declared_in) {
                Some(owner) => Cow::Owned(ctx.select_classes(Some(owner), scope)),
                None => Cow::Borrowed(scope),
            };
            // Members selected by their annotations are only in classes with annotated members (and so on).
            let owners = match that.as_deref() {
                Some(p) => Cow::Owned(owners.iter().copied().filter(|&id| may_declare(p, ctx.g.class(id))).collect()),
                None => owners,
            };
            let subjects = |id: ClassId| {
                let that = that.as_deref();
                ctx.g.class(id).members.iter().enumerate().filter_map(move |(i, m)| {
                    (kind_matches(kind, m.kind) && that.is_none_or(|p| ctx.member_matches(p, &ctx.member_view(id, m))))
                        .then_some(Item::Member(id, i))
                })
            };
            if !super::indexed::may_index(&expr, mode) {
                // A `should` that is one member predicate cheaper than `that` is tested first: `that` is then needed
                // for the members that violate it, and for the others only until some subject is known to exist.
                let should_first = match (&expr, that.as_deref()) {
                    (CExpr::Cond(CCond::Member(p, _), _), Some(t)) if p.cost() < t.cost() => Some((&**p, t)),
                    _ => None,
                };
                let seen = AtomicBool::new(false);
                // Each member is checked as it is selected: rules over every method of the graph would otherwise
                // list a million subjects first.
                let per_class: Vec<(bool, Vec<Violation>)> = owners
                    .par_iter()
                    .map(|&id| {
                        let (mut any, mut out) = (false, Vec::new());
                        if let Some((should, that)) = should_first {
                            for (i, m) in ctx.g.class(id).members.iter().enumerate() {
                                if !kind_matches(kind, m.kind) {
                                    continue;
                                }
                                let view = ctx.member_view(id, m);
                                let violates = ctx.member_matches(should, &view) == (mode == Mode::For);
                                if (violates || !seen.load(Ordering::Relaxed)) && ctx.member_matches(that, &view) {
                                    any = true;
                                    seen.store(true, Ordering::Relaxed);
                                    if violates {
                                        ctx.eval_into(&expr, Item::Member(id, i), mode, &mut out);
                                    }
                                }
                            }
                            return (any, out);
                        }
                        for item in subjects(id) {
                            any = true;
                            ctx.eval_into(&expr, item, mode, &mut out);
                        }
                        (any, out)
                    })
                    .collect();
                if !per_class.iter().any(|(any, _)| *any) {
                    return Ok(rule.allow_empty_should.then(Vec::new));
                }
                let mut violations = Vec::with_capacity(per_class.iter().map(|(_, v)| v.len()).sum());
                violations.extend(per_class.into_iter().flat_map(|(_, v)| v));
                return Ok(Some(violations));
            }
            owners.par_iter().flat_map_iter(|&id| subjects(id)).collect()
        }
    };
    if items.is_empty() {
        // No subject, no event: skip the condition's own work (target sets, index walks), often a scan of the graph.
        return Ok(if rule.allow_empty_should { Some(Vec::new()) } else { None });
    }
    if let Some(v) = ctx.indexed(&expr, &items, mode) {
        return Ok(Some(v));
    }
    // Most conditions take little per subject; a transitive search can take milliseconds, so each is a task.
    let per_task = if prepare_searches(ctx, &expr) { 1 } else { 64 };
    let per_chunk: Vec<Vec<Violation>> = items
        .par_chunks(per_task)
        .map(|chunk| {
            let mut out = Vec::new();
            for &item in chunk {
                ctx.eval_into(&expr, item, mode, &mut out);
            }
            out
        })
        .collect();
    let mut violations = Vec::with_capacity(per_chunk.iter().map(Vec::len).sum());
    violations.extend(per_chunk.into_iter().flatten());
    Ok(Some(violations))
}

impl<'g> Ctx<'g> {
    fn eval(&self, e: &CExpr<'_>, item: Item, mode: Mode) -> Vec<Violation> {
        match e {
            CExpr::Cond(c, ir) => self.leaf(c, ir, item, mode),
            CExpr::And(a, b) => combine(self.eval(a, item, mode), self.eval(b, item, mode), mode == Mode::Against),
            CExpr::Or(a, b) => combine(self.eval(a, item, mode), self.eval(b, item, mode), mode == Mode::For),
        }
    }

    pub(super) fn item_class(&self, item: Item) -> ClassId {
        match item {
            Item::Class(id) | Item::Member(id, _) => id,
        }
    }

    /// Edges from the item (all of a class's, or those whose origin is the member).
    pub(super) fn item_edges(&self, item: Item) -> impl Iterator<Item = &Dependency> {
        let (id, member) = match item {
            Item::Class(id) => (id, None),
            Item::Member(id, i) => (id, Some(i as u32)),
        };
        self.g.edges(id).iter().filter(move |d| member.is_none_or(|m| d.origin_member == m))
    }

    /// ArchUnit's dependencies from self: no self-references, no primitives.
    pub(super) fn item_dependencies(&self, item: Item) -> impl Iterator<Item = &Dependency> {
        let name = self.g.class(self.item_class(item)).name;
        self.item_edges(item).filter(move |d| d.target != name && !super::classes::is_primitive(self.g.str(d.target)))
    }

    /// Accesses onto the item (to any member of the class, or to the member) from the classes `origin` accepts.
    fn item_accesses_to(&self, item: Item, origin: impl Fn(ClassId) -> bool) -> Vec<&Dependency> {
        let id = self.item_class(item);
        let c = self.g.class(id);
        let member = match item {
            Item::Member(_, i) => c.members.get(i),
            Item::Class(_) => None,
        };
        let named_here =
            |t: &crate::graph::MemberRef| member.is_none_or(|m| t.name == m.name && t.descriptor == m.descriptor);
        let mut out: Vec<&Dependency> = self
            .g
            .dependents_from(c.name, &origin)
            .filter(|d| d.kind.is_access() && d.target_member().is_some_and(|t| named_here(&t)))
            .collect();
        // Accesses that name a subclass but resolve to a member declared here (`sub.inherited()`), as ArchUnit
        // resolves access targets to the declaring class.
        let mut seen = rustc_hash::FxHashSet::default();
        let mut stack: Vec<ClassId> = self.subtypes().of(c.name).to_vec();
        while let Some(sub) = stack.pop() {
            if !seen.insert(sub) {
                continue;
            }
            let sub_name = self.g.class(sub).name;
            out.extend(self.g.dependents_from(sub_name, &origin).filter(|d| {
                d.kind.is_access()
                    && d.target_member().is_some_and(|t| {
                        named_here(&t)
                            && self.g.resolve_member(sub_name, t).is_some_and(|(declaring, _)| declaring == id)
                    })
            }));
            stack.extend(self.subtypes().of(sub_name).iter().copied());
        }
        out
    }

    /// [`Ctx::eval`], appended to `out`: a class or member condition's single event needs no vector of its own.
    fn eval_into(&self, e: &CExpr<'_>, item: Item, mode: Mode, out: &mut Vec<Violation>) {
        match e {
            CExpr::Cond(c @ (CCond::Class(..) | CCond::Member(..)), _) => out.extend(self.subject_event(c, item, mode)),
            _ => out.extend(self.eval(e, item, mode)),
        }
    }

    /// The event of a class or member condition on one subject, if it counts for the rule's polarity.
    fn subject_event(&self, c: &CCond, item: Item, mode: Mode) -> Option<Violation> {
        match c {
            CCond::Class(p, texts) => {
                let id = self.item_class(item);
                let satisfied = self.class_matches(p, &self.class_ref_id(id));
                (satisfied == (mode == Mode::For))
                    .then(|| self.subject_violation(Item::Class(id), &texts[usize::from(satisfied)]))
            }
            CCond::Member(p, texts) => {
                let Item::Member(id, i) = item else { return None };
                let m = self.g.class(id).members.get(i)?;
                let satisfied = self.member_matches(p, &self.member_view(id, m));
                (satisfied == (mode == Mode::For)).then(|| self.subject_violation(item, &texts[usize::from(satisfied)]))
            }
            _ => None,
        }
    }

    fn leaf(&self, c: &CCond, ir: &Condition, item: Item, mode: Mode) -> Vec<Violation> {
        let deps = |p: &dyn Fn(&Dependency) -> bool| -> Vec<&Dependency> {
            self.item_dependencies(item).filter(|d| p(d)).collect()
        };
        match c {
            CCond::Class(..) | CCond::Member(..) => self.subject_event(c, item, mode).into_iter().collect(),
            CCond::DependOn(p) => {
                let hits = deps(&|d| self.class_matches(p, &self.class_ref(d.target)));
                self.any(item, ir, mode, hits)
            }
            CCond::AnyDependency(p) => {
                let hits = deps(&|d| self.dependency_matches(p, d));
                self.any(item, ir, mode, hits)
            }
            CCond::OnlyDependOn(p) => {
                let want = mode == Mode::For;
                let hits = deps(&|d| self.class_matches(p, &self.class_ref(d.target)) == want);
                self.dependency_violations(&hits)
            }
            CCond::OnlyDependents(p) => {
                let id = self.item_class(item);
                let want = mode == Mode::For;
                let deps: Vec<&Dependency> = self
                    .g
                    .dependents_from(self.g.class(id).name, |origin| {
                        origin != id && self.class_matches(p, &self.class_ref_id(origin)) == want
                    })
                    .collect();
                self.dependency_violations(&deps)
            }
            CCond::Transitively(p, reach) => {
                let reach = super::memo(reach, || self.reaching(p));
                self.transitively(p, reach, ir, item, mode)
            }
            CCond::AccessClasses(p) => {
                let hits: Vec<&Dependency> = self
                    .item_edges(item)
                    .filter(|d| d.kind.is_access() && self.class_matches(p, &self.class_ref(d.target)))
                    .collect();
                self.any(item, ir, mode, hits)
            }
            CCond::OnlyAccessClasses(p) => {
                let want = mode == Mode::For;
                let deps: Vec<&Dependency> = self
                    .item_edges(item)
                    .filter(|d| d.kind.is_access() && self.class_matches(p, &self.class_ref(d.target)) == want)
                    .collect();
                self.dependency_violations(&deps)
            }
            CCond::AccessWhere(kind, p) => {
                let hits: Vec<&Dependency> = self
                    .item_edges(item)
                    .filter(|d| access_kind_matches(*kind, d.kind) && self.access_matches(p, d))
                    .collect();
                self.any(item, ir, mode, hits)
            }
            CCond::OnlyBeAccessedBy(p) | CCond::OnlyBeCalledBy(p) => {
                let calls_only = matches!(c, CCond::OnlyBeCalledBy(_));
                let want = mode == Mode::For;
                let offends = |origin: ClassId| self.class_matches(p, &self.class_ref_id(origin)) == want;
                let deps: Vec<&Dependency> = self
                    .item_accesses_to(item, offends)
                    .into_iter()
                    .filter(|d| !calls_only || matches!(d.kind, DepKind::MethodCall | DepKind::ConstructorCall))
                    .collect();
                self.dependency_violations(&deps)
            }
        }
    }

    /// An "any" condition: it holds when some event matches. Negated, each match is a violation; otherwise one
    /// violation when nothing matched.
    fn any(&self, item: Item, ir: &Condition, mode: Mode, hits: Vec<&Dependency>) -> Vec<Violation> {
        match mode {
            Mode::For => self.dependency_violations(&hits),
            Mode::Against if hits.is_empty() => {
                vec![self.subject_violation(item, &format!("does not {}", wording::condition(ir)))]
            }
            Mode::Against => Vec::new(),
        }
    }
}

/// Whether `e` has a transitive search, costly per subject; if so, what its searches share is found here, once:
/// left to the first subjects' tasks, each thread that started one found it too (a reverse walk over much of the
/// graph, ~0.1 s on the Spark corpus).
fn prepare_searches(ctx: &Ctx<'_>, e: &CExpr<'_>) -> bool {
    match e {
        CExpr::Cond(CCond::Transitively(p, reach), _) => {
            super::memo(reach, || ctx.reaching(p));
            true
        }
        CExpr::Cond(..) => false,
        // Both sides prepared, not stopping at the first search.
        CExpr::And(a, b) | CExpr::Or(a, b) => prepare_searches(ctx, a) | prepare_searches(ctx, b),
    }
}

/// The class predicate of a `declaredIn(..)` that a member predicate requires (a conjunct of its `And` chain).
fn declared_in(p: &CMember) -> Option<&CClass> {
    match p {
        CMember::DeclaredIn(c) => Some(c),
        CMember::And(a, b) => declared_in(a).or_else(|| declared_in(b)),
        _ => None,
    }
}

/// A hashable identity of an item.
pub(super) fn item_key(item: Item) -> (ClassId, Option<usize>) {
    match item {
        Item::Class(id) => (id, None),
        Item::Member(id, i) => (id, Some(i)),
    }
}

/// Joins the events of two conditions on one subject, as ArchUnit's `AndCondition`/`OrCondition` events do.
/// `union` is an effective `and` (`andShould` in a plain rule, `orShould` in a negated one, as `never(..)` turns
/// ArchUnit's `OrConditionEvent` into an `AndConditionEvent`): the subject violates when either side has events,
/// with the two sides' lines sorted and each distinct line once (`JoinConditionEvent.getUniqueLinesOfViolations`, a
/// `TreeSet`: two identical calls on one line, reported twice by a single condition, are one line here). Otherwise
/// (an effective `or`) the subject violates only when both sides have events, and then as one line: those same
/// sorted distinct lines joined with " and " (`OrConditionEvent.createMessage`), e.g.
/// `Class <fixtures.joined.OpenUsesUtil> does not have modifier FINAL in (OpenUsesUtil.java:0) and Method
/// <fixtures.joined.OpenUsesUtil.names()> calls constructor <java.util.ArrayList.<init>()> in (OpenUsesUtil.java:9)`
/// for `haveModifier(FINAL).orShould().onlyDependOnClassesThat()..`, the same text when the branches are swapped.
pub(super) fn combine(mut a: Vec<Violation>, b: Vec<Violation>, union: bool) -> Vec<Violation> {
    if a.is_empty() && b.is_empty() || !union && (a.is_empty() || b.is_empty()) {
        return Vec::new();
    }
    a.extend(b);
    // Stable: of equal lines the first (left side first) keeps its fields.
    a.sort_by(|x, y| x.message.cmp(&y.message));
    a.dedup_by(|x, y| x.message == y.message);
    if union || a.len() == 1 {
        return a;
    }
    let mut lines = a.into_iter();
    let Some(mut joined) = lines.next() else { return Vec::new() };
    for v in lines {
        joined.message.push_str(" and ");
        joined.message.push_str(&v.message);
        // One line about several targets names none of them.
        if joined.target_class != v.target_class || joined.target_member != v.target_member {
            joined.target_class = None;
            joined.target_member = None;
        }
        if joined.hint != v.hint {
            joined.hint = None;
        }
    }
    vec![joined]
}

/// [`combine`] over a condition tree whose conditions' events on one subject are given in tree order (left to
/// right), for callers that found them otherwise (the reverse index).
pub(super) fn fold_events(
    e: &CExpr<'_>,
    mode: Mode,
    leaves: &mut impl Iterator<Item = Vec<Violation>>,
) -> Vec<Violation> {
    match e {
        CExpr::Cond(..) => leaves.next().unwrap_or_default(),
        CExpr::And(a, b) => {
            let a = fold_events(a, mode, leaves);
            combine(a, fold_events(b, mode, leaves), mode == Mode::Against)
        }
        CExpr::Or(a, b) => {
            let a = fold_events(a, mode, leaves);
            combine(a, fold_events(b, mode, leaves), mode == Mode::For)
        }
    }
}
