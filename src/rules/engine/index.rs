//! Index-driven evaluation: instead of walking every dependency of every subject, find the target symbols a
//! predicate can match (by name, by package, or by one pass over the known classes) and walk the reverse index
//! onto them. A "necessary target set" is a superset of the targets for which an edge predicate can hold, so the
//! full predicate is still tested on each edge found; `None` means nothing narrows and the caller scans.

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::compile::{CAccess, CClass, CDependency, CMember, Declared, Str};
use super::{memo, Ctx};
use crate::graph::{ClassId, DepKind, Dependency, MemberRef, Role, Sym, SymSet};

fn intersect(a: Option<Vec<Sym>>, b: Option<Vec<Sym>>) -> Option<Vec<Sym>> {
    match (a, b) {
        (Some(x), Some(y)) => {
            let y: FxHashSet<Sym> = y.into_iter().collect();
            Some(x.into_iter().filter(|s| y.contains(s)).collect())
        }
        (Some(x), None) | (None, Some(x)) => Some(x),
        (None, None) => None,
    }
}

fn union(a: Option<Vec<Sym>>, b: Option<Vec<Sym>>) -> Option<Vec<Sym>> {
    let mut x = a?;
    x.extend(b?);
    x.sort_unstable();
    x.dedup();
    Some(x)
}

/// Member predicates that only a declaration can satisfy: an access matches them through the member it resolves to.
/// `and`/`or` of such predicates are too (one scan of the declarations answers the whole); `not` is not (an
/// access whose target resolves to nothing satisfies `not(deprecated())`).
fn declaration_only(m: &CMember) -> bool {
    match m {
        CMember::And(a, b) | CMember::Or(a, b) => declaration_only(a) && declaration_only(b),
        CMember::Visibility(_)
        | CMember::Modifier(_)
        | CMember::AnnotatedWith(_)
        | CMember::MetaAnnotatedWith(..)
        | CMember::Deprecated
        | CMember::DeprecatedForRemoval
        | CMember::KotlinInternal
        | CMember::DeclareThrowableOfType(_) => true,
        _ => false,
    }
}

/// A necessary condition on an access edge, quick to test: it never rejects an edge its predicate accepts.
pub enum EdgeFilter {
    Any,
    /// The accessed member's name is one of these.
    Names(SymSet),
    /// The target class is one of these.
    Targets(SymSet),
    Both(Box<EdgeFilter>, Box<EdgeFilter>),
    Either(Box<EdgeFilter>, Box<EdgeFilter>),
}

impl EdgeFilter {
    pub fn admits(&self, d: &Dependency) -> bool {
        match self {
            EdgeFilter::Any => true,
            EdgeFilter::Names(n) => d.target_member().is_some_and(|m| n.contains(m.name)),
            EdgeFilter::Targets(t) => t.contains(d.target),
            EdgeFilter::Both(a, b) => a.admits(d) && b.admits(d),
            EdgeFilter::Either(a, b) => a.admits(d) || b.admits(d),
        }
    }
}

impl Ctx<'_> {
    /// Array types some edge targets; they are not classes of the graph, so class scans miss them.
    fn array_targets(&self) -> &[Sym] {
        memo::<Vec<Sym>>(&self.array_targets, || {
            // Most targets are classes of the graph: a bit set rules them out without reading their text (a cache
            // miss each, for some 10^5 targets).
            let classes = self.sym_set(self.class_names().iter().copied());
            self.g.dependency_targets().filter(|&s| !classes.contains(s) && self.g.str(s).starts_with('[')).collect()
        })
    }

    /// Exactly the symbols, among classes of the graph and array targets, that satisfy `p`; computed once per
    /// shared predicate (a scan of the graph for most predicates).
    pub fn target_syms(&self, p: &CClass) -> Vec<Sym> {
        let cell = self.compiled.target_syms_cell(p);
        memo(&cell, || self.scan_target_syms(p)).clone()
    }

    fn scan_target_syms(&self, p: &CClass) -> Vec<Sym> {
        let test = |id: ClassId| self.class_matches(p, &self.class_ref_id(id));
        let mut out: Vec<Sym> = match self.candidates(p) {
            Some(ids) => ids.into_iter().filter(|&id| test(id)).map(|id| self.g.class(id).name).collect(),
            None => (0..self.g.classes().len() as u32)
                .into_par_iter()
                .map(ClassId)
                .filter(|&id| test(id))
                .map(|id| self.g.class(id).name)
                .collect(),
        };
        out.extend(self.array_targets().iter().copied().filter(|&s| self.class_matches(p, &self.class_ref(s))));
        out
    }

    /// Owners through which an access target can satisfy `m` (the instruction's owner, before resolution).
    fn member_owner_syms(&self, m: &CMember) -> Option<Vec<Sym>> {
        match m {
            m if declaration_only(m) => Some(self.declared(m, |d| d.owners.clone())),
            CMember::And(a, b) => intersect(self.member_owner_syms(a), self.member_owner_syms(b)),
            CMember::Or(a, b) => union(self.member_owner_syms(a), self.member_owner_syms(b)),
            CMember::DeclaredIn(c) => Some(self.target_syms(c)),
            _ => None,
        }
    }

    /// Names an access target must have to satisfy `m` (`None`: any name may).
    fn member_names(&self, m: &CMember) -> Option<FxHashSet<Sym>> {
        match m {
            m if declaration_only(m) => Some(self.declared(m, |d| d.names.clone())),
            CMember::And(a, b) => match (self.member_names(a), self.member_names(b)) {
                (Some(x), Some(y)) => Some(x.intersection(&y).copied().collect()),
                (x, y) => x.or(y),
            },
            CMember::Or(a, b) => {
                let mut x = self.member_names(a)?;
                x.extend(self.member_names(b)?);
                Some(x)
            }
            CMember::Name(Str::Equals(name), _) => Some(self.g.sym(name).into_iter().collect()),
            _ => None,
        }
    }

    /// The declarations satisfying a declaration-only predicate `m`, by one pass over the members of the classes
    /// read, once per shared predicate.
    fn declared<R>(&self, m: &CMember, f: impl FnOnce(&Declared) -> R) -> R {
        let cell = self.compiled.declared_cell(m);
        f(memo(&cell, || self.scan_declared(m)))
    }

    fn scan_declared(&self, m: &CMember) -> Declared {
        let matching: Vec<(ClassId, Vec<Sym>)> = (0..self.g.classes().len() as u32)
            .into_par_iter()
            .map(ClassId)
            .filter_map(|id| {
                let c = self.g.class(id);
                if c.role == Role::Stub || !super::members::may_declare(m, c) {
                    return None;
                }
                let names: Vec<Sym> = c
                    .members
                    .iter()
                    .filter(|mem| self.member_matches(m, &self.member_view(id, mem)))
                    .map(|mem| mem.name)
                    .collect();
                (!names.is_empty()).then_some((id, names))
            })
            .collect();
        let names = matching.iter().flat_map(|(_, n)| n.iter().copied()).collect();
        // Subtypes resolve accesses to the members they inherit.
        let subtypes = self.subtypes();
        let mut seen: FxHashSet<ClassId> = matching.iter().map(|(id, _)| *id).collect();
        let mut queue: Vec<ClassId> = matching.iter().map(|(id, _)| *id).collect();
        while let Some(id) = queue.pop() {
            for &sub in subtypes.of(self.g.class(id).name) {
                if seen.insert(sub) {
                    queue.push(sub);
                }
            }
        }
        Declared { owners: seen.into_iter().map(|id| self.g.class(id).name).collect(), names }
    }

    /// Filters test millions of edges: a bit each beats a hash lookup.
    fn sym_set(&self, syms: impl IntoIterator<Item = Sym>) -> SymSet {
        let mut set = SymSet::new(self.g.symbol_capacity());
        for s in syms {
            set.insert(s);
        }
        set
    }

    /// A cheap test that an access edge cannot satisfy `p`, made once per predicate before testing many edges.
    pub fn access_filter(&self, p: &CAccess) -> EdgeFilter {
        match p {
            CAccess::And(a, b) => match (self.access_filter(a), self.access_filter(b)) {
                (EdgeFilter::Any, f) | (f, EdgeFilter::Any) => f,
                (x, y) => EdgeFilter::Both(Box::new(x), Box::new(y)),
            },
            CAccess::Or(a, b) => match (self.access_filter(a), self.access_filter(b)) {
                (EdgeFilter::Any, _) | (_, EdgeFilter::Any) => EdgeFilter::Any,
                (x, y) => EdgeFilter::Either(Box::new(x), Box::new(y)),
            },
            CAccess::TargetOwner(c) => EdgeFilter::Targets(self.sym_set(self.target_syms(c))),
            CAccess::Target(m) => self.member_names(m).map_or(EdgeFilter::Any, |n| EdgeFilter::Names(self.sym_set(n))),
            _ => EdgeFilter::Any,
        }
    }

    /// Target symbols through which an access can satisfy `p`.
    pub fn access_target_syms(&self, p: &CAccess) -> Option<Vec<Sym>> {
        match p {
            CAccess::And(a, b) => intersect(self.access_target_syms(a), self.access_target_syms(b)),
            CAccess::Or(a, b) => union(self.access_target_syms(a), self.access_target_syms(b)),
            CAccess::TargetOwner(c) => Some(self.target_syms(c)),
            CAccess::TargetIs { owner, .. } => Some(self.g.sym(owner).into_iter().collect()),
            CAccess::Target(m) => self.member_owner_syms(m),
            _ => None,
        }
    }

    /// Target symbols through which a dependency can satisfy `p`.
    pub fn dependency_target_syms(&self, p: &CDependency) -> Option<Vec<Sym>> {
        match p {
            CDependency::And(a, b) => intersect(self.dependency_target_syms(a), self.dependency_target_syms(b)),
            CDependency::Or(a, b) => union(self.dependency_target_syms(a), self.dependency_target_syms(b)),
            CDependency::Target(c) => Some(self.target_syms(c)),
            _ => None,
        }
    }
}

/// The answers of an access predicate that reads only the accessed member and its owner, by edge kind, owner and
/// member (one task's: each task keeps its own).
#[derive(Default)]
pub struct AccessMemo(FxHashMap<(DepKind, Sym, Option<MemberRef>), bool>);

impl AccessMemo {
    pub fn get(&mut self, d: &Dependency, test: impl FnOnce() -> bool) -> bool {
        *self.0.entry((d.kind, d.target, d.target_member())).or_insert_with(test)
    }
}

impl CAccess {
    /// Whether the predicate's answer depends only on an edge's kind, target and accessed member.
    pub fn reads_target_only(&self) -> bool {
        match self {
            CAccess::And(a, b) | CAccess::Or(a, b) => a.reads_target_only() && b.reads_target_only(),
            CAccess::Not(a) => a.reads_target_only(),
            CAccess::Target(_) | CAccess::TargetOwner(_) | CAccess::Kind(_) | CAccess::TargetIs { .. } => true,
            CAccess::Origin(_) | CAccess::OriginOwner(_) | CAccess::InTheSamePackage => false,
        }
    }
}
