//! Index-driven evaluation: instead of walking every dependency of every subject, find the target symbols a
//! predicate can match (by name, by package, or by one pass over the known classes) and walk the reverse index
//! onto them. A "necessary target set" is a superset of the targets for which an edge predicate can hold, so the
//! full predicate is still tested on each edge found; `None` means nothing narrows and the caller scans.

use rayon::prelude::*;
use rustc_hash::FxHashSet;

use super::compile::{CAccess, CClass, CDependency, CMember};
use super::{memo, Ctx};
use crate::graph::{ClassId, Role, Sym};

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

impl Ctx<'_> {
    /// Array types some edge targets; they are not classes of the graph, so class scans miss them.
    fn array_targets(&self) -> &[Sym] {
        self.array_targets
            .get_or_init(|| self.g.dependency_targets().filter(|&s| self.g.str(s).starts_with('[')).collect())
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
            CMember::And(a, b) => intersect(self.member_owner_syms(a), self.member_owner_syms(b)),
            CMember::Or(a, b) => union(self.member_owner_syms(a), self.member_owner_syms(b)),
            CMember::DeclaredIn(c) => Some(self.target_syms(c)),
            CMember::Visibility(_)
            | CMember::Modifier(_)
            | CMember::AnnotatedWith(_)
            | CMember::MetaAnnotatedWith(_)
            | CMember::Deprecated
            | CMember::DeprecatedForRemoval
            | CMember::DeclareThrowableOfType(_) => Some(self.declaring_hierarchy(m)),
            _ => None,
        }
    }

    /// Classes declaring a member that satisfies `m`, and all their subtypes (which resolve to those members).
    fn declaring_hierarchy(&self, m: &CMember) -> Vec<Sym> {
        let declaring: Vec<ClassId> = (0..self.g.classes().len() as u32)
            .into_par_iter()
            .map(ClassId)
            .filter(|&id| {
                let c = self.g.class(id);
                c.role != Role::Stub && c.members.iter().any(|mem| self.member_matches(m, &self.member_view(id, mem)))
            })
            .collect();
        let subtypes = self.subtypes();
        let mut seen: FxHashSet<ClassId> = declaring.iter().copied().collect();
        let mut queue = declaring;
        while let Some(id) = queue.pop() {
            for &sub in subtypes.get(&self.g.class(id).name).map_or(&[][..], Vec::as_slice) {
                if seen.insert(sub) {
                    queue.push(sub);
                }
            }
        }
        seen.into_iter().map(|id| self.g.class(id).name).collect()
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
