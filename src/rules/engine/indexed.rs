//! Conditions answered from the reverse dependency index (see [`super::index`]): the events of "any" conditions
//! are the edges onto the target symbols their predicates can match, coming from a subject.

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::conditions::{fold_events, item_key, CCond, CExpr, Item, Mode};
use super::index::AccessMemo;
use super::relations::access_kind_matches;
use super::{wording, Ctx};
use crate::findings::Violation;
use crate::graph::{ClassId, Dependency, Sym, SymSet};

/// Which edges come from a subject: their origin class, and for member subjects their origin member.
struct Subjects {
    classes: Vec<bool>,
    /// The subject classes (or the classes of the subject members), in graph order.
    ids: Vec<ClassId>,
    members: Option<FxHashSet<(ClassId, u32)>>,
}

impl Subjects {
    fn new(classes: usize, items: &[Item]) -> Self {
        let mut s = Subjects { classes: vec![false; classes], ids: Vec::new(), members: None };
        for &item in items {
            let (id, member) = match item {
                Item::Class(id) => (id, None),
                Item::Member(id, i) => (id, Some(i as u32)),
            };
            if let Some(slot) = s.classes.get_mut(id.0 as usize) {
                *slot = true;
            }
            if let Some(i) = member {
                s.members.get_or_insert_with(FxHashSet::default).insert((id, i));
            }
        }
        s.ids = (0..s.classes.len() as u32).map(ClassId).filter(|id| s.classes[id.0 as usize]).collect();
        s
    }

    fn ids(&self) -> &[ClassId] {
        &self.ids
    }

    fn contains(&self, d: &Dependency) -> bool {
        self.classes.get(d.origin.0 as usize).copied().unwrap_or(false)
            && self.members.as_ref().is_none_or(|m| m.contains(&(d.origin, d.origin_member)))
    }

    /// The subject an edge comes from.
    fn key(&self, d: &Dependency) -> (ClassId, Option<usize>) {
        match self.members {
            Some(_) => (d.origin, Some(d.origin_member as usize)),
            None => (d.origin, None),
        }
    }
}

/// Whether [`Ctx::indexed`] may answer `e`: for a negated rule any `and`/`or` of "any" conditions, for a plain rule
/// a single one.
pub(super) fn may_index(e: &CExpr<'_>, mode: Mode) -> bool {
    match (mode, e) {
        (Mode::For, _) | (Mode::Against, CExpr::Cond(..)) => all_any_leaves(e),
        (Mode::Against, _) => false,
    }
}

/// Whether every condition of `e` is an "any" condition that [`Ctx::leaf_hits`] may answer from the index.
fn all_any_leaves(e: &CExpr<'_>) -> bool {
    match e {
        CExpr::Cond(c, _) => {
            matches!(c, CCond::DependOn(_) | CCond::AccessClasses(_) | CCond::AccessWhere(..) | CCond::AnyDependency(_))
        }
        CExpr::And(a, b) | CExpr::Or(a, b) => all_any_leaves(a) && all_any_leaves(b),
    }
}

/// Hits sorted by dependency index.
type Hits<'g> = Vec<(u32, &'g Dependency)>;

impl<'g> Ctx<'g> {
    /// Conditions through the reverse index, when their predicates narrow the targets. For a negated rule any
    /// `andShould`/`orShould` of "any" conditions qualifies (events are edges, combined per subject); for a plain
    /// rule a single "any" condition (a violation per subject without events). `None`: the caller scans.
    pub(super) fn indexed(&self, e: &CExpr<'_>, items: &[Item], mode: Mode) -> Option<Vec<Violation>> {
        // Marking the subjects costs a hash insert per member subject: first rule out what the index cannot answer.
        if !may_index(e, mode) {
            return None;
        }
        let subjects = Subjects::new(self.g.classes().len(), items);
        match (mode, e) {
            (Mode::For, CExpr::Cond(c, _)) => {
                let hits = self.leaf_hits(c, &subjects)?;
                Some(self.dependency_violations(&hits.iter().map(|(_, d)| *d).collect::<Vec<_>>()))
            }
            (Mode::For, _) => self.indexed_joined(e, &subjects),
            (Mode::Against, CExpr::Cond(c, ir)) => {
                let hits = self.leaf_hits(c, &subjects)?;
                let with: FxHashSet<(ClassId, Option<usize>)> = hits.iter().map(|(_, d)| subjects.key(d)).collect();
                let event = format!("does not {}", wording::condition(ir));
                Some(
                    items
                        .iter()
                        .filter(|item| !with.contains(&item_key(**item)))
                        .map(|&item| self.subject_violation(item, &event))
                        .collect(),
                )
            }
            (Mode::Against, _) => None,
        }
    }

    /// The violations of a negated rule whose condition joins "any" conditions: each condition's events (edges)
    /// from the index, then joined per subject as the scan joins them ([`super::conditions::combine`]).
    fn indexed_joined(&self, e: &CExpr<'_>, subjects: &Subjects) -> Option<Vec<Violation>> {
        let mut leaves = Vec::new();
        self.leaves_hits(e, subjects, &mut leaves)?;
        let n = leaves.len();
        let mut per_subject: FxHashMap<(ClassId, Option<usize>), Vec<Vec<Violation>>> = FxHashMap::default();
        for (i, hits) in leaves.iter().enumerate() {
            let deps: Vec<&Dependency> = hits.iter().map(|(_, d)| *d).collect();
            for (d, v) in deps.iter().zip(self.dependency_violations(&deps)) {
                per_subject.entry(subjects.key(d)).or_insert_with(|| vec![Vec::new(); n])[i].push(v);
            }
        }
        let mut keys: Vec<_> = per_subject.keys().copied().collect();
        keys.sort_unstable();
        let mut out = Vec::new();
        for key in keys {
            let events = per_subject.remove(&key).unwrap_or_default();
            out.extend(fold_events(e, Mode::For, &mut events.into_iter()));
        }
        Some(out)
    }

    /// The hits of each condition of `e`, in tree order (left to right).
    fn leaves_hits(&self, e: &CExpr<'_>, subjects: &Subjects, out: &mut Vec<Hits<'g>>) -> Option<()> {
        match e {
            CExpr::Cond(c, _) => out.push(self.leaf_hits(c, subjects)?),
            CExpr::And(a, b) | CExpr::Or(a, b) => {
                self.leaves_hits(a, subjects, out)?;
                self.leaves_hits(b, subjects, out)?;
            }
        }
        Some(())
    }

    /// The edges from subjects that are events of one "any" condition, sorted by dependency index.
    fn leaf_hits(&self, c: &CCond, subjects: &Subjects) -> Option<Hits<'g>> {
        let syms = match c {
            CCond::DependOn(p) | CCond::AccessClasses(p) => self.target_syms(p),
            CCond::AccessWhere(_, p) => self.access_target_syms(p)?,
            CCond::AnyDependency(p) => self.dependency_target_syms(p)?,
            _ => return None,
        };
        let filter = match c {
            CCond::AccessWhere(_, p) => self.access_filter(p),
            _ => super::index::EdgeFilter::Any,
        };
        let names = self.class_names();
        let from_self = |d: &Dependency| names.get(d.origin.0 as usize) == Some(&d.target);
        // An access predicate that reads only the accessed member and its owner has one answer per target: the
        // edges onto a target repeat it, and finding the declaration through the hierarchy is the dear part.
        let memoized = matches!(c, CCond::AccessWhere(_, p) if p.reads_target_only());
        let keep = |d: &Dependency, memo: &mut AccessMemo| -> bool {
            match c {
                // Dependencies from self: no self-references (the symbols hold no primitives).
                CCond::DependOn(_) => !from_self(d),
                CCond::AnyDependency(p) => !from_self(d) && self.dependency_matches(p, d),
                CCond::AccessClasses(_) => d.kind.is_access(),
                CCond::AccessWhere(kind, p) => {
                    access_kind_matches(*kind, d.kind)
                        && filter.admits(d)
                        && match memoized {
                            true => memo.get(d, || self.access_matches(p, d)),
                            false => self.access_matches(p, d),
                        }
                }
                _ => false,
            }
        };
        let g: &'g crate::graph::Graph = self.g;
        // Per task (a run of subjects, or a target), then in one exact allocation: hits can run to hundreds of
        // thousands.
        let per_task: Vec<Hits<'g>> =
            match self.scan_instead(&syms, subjects) {
                Some(targets) => subjects
                    .ids()
                    .par_chunks(256)
                    .map(|ids| {
                        let mut memo = AccessMemo::default();
                        let mut hits = Vec::new();
                        for &id in ids {
                            let start = g.class(id).deps.start;
                            let edges = (start..).zip(g.edges(id));
                            hits.extend(edges.filter(|(_, d)| {
                                targets.contains(d.target) && subjects.contains(d) && keep(d, &mut memo)
                            }));
                        }
                        hits
                    })
                    .collect(),
                None => syms
                    .par_iter()
                    .map(|&s| {
                        let mut memo = AccessMemo::default();
                        g.dependents_indexed(s).filter(|(_, d)| subjects.contains(d) && keep(d, &mut memo)).collect()
                    })
                    .collect(),
            };
        let mut hits = Vec::with_capacity(per_task.iter().map(Vec::len).sum());
        hits.extend(per_task.into_iter().flatten());
        hits.par_sort_unstable_by_key(|(i, _)| *i);
        Some(hits)
    }

    /// The target symbols as a set, when reading the subjects' edges in order is cheaper than reading the edges
    /// onto the targets through the reverse index: each of those is a cache miss, scattered over the whole graph,
    /// and a broad predicate (`deprecated()`, with every subtype of a class declaring a deprecated member) has
    /// millions. `None`: walk the index.
    fn scan_instead(&self, syms: &[Sym], subjects: &Subjects) -> Option<SymSet> {
        let g = self.g;
        let onto: usize = syms.iter().map(|&s| g.dependents_len(s)).sum();
        let from: usize = subjects.ids().iter().map(|&id| g.class(id).deps.len()).sum();
        if onto.saturating_mul(SCATTERED_COST) < from {
            return None;
        }
        let mut set = SymSet::new(g.symbol_capacity());
        // A symbol listed twice is walked twice through the index, and its edges reported twice: keep that.
        syms.iter().all(|&s| set.insert(s)).then_some(set)
    }
}

/// What reading an edge through the reverse index costs, in edges read in order: a cache miss against a sequential
/// read and a bit test. A round figure, not tuned: on the Spark corpus it sends `deprecated()` accesses (2.1M edges
/// onto the targets, 14.7M from the subjects; ~15% faster scanning) to the scan and `..internal..` (0.5M) to the index.
const SCATTERED_COST: usize = 16;
