//! Queries the rule engine needs beyond the graph's own accessors: the reverse index walked by target symbol,
//! with each dependency's position so results can be put back in graph order.

use super::model::*;
use super::Graph;

impl Graph {
    /// The reverse index, `(start, indexes)` (see the field's comment), built at its first use.
    pub(super) fn reverse_index(&self) -> &(Vec<u32>, Vec<u32>) {
        self.dependents.get_or_init(|| super::build::reverse_index(&self.dependencies, self.strings.capacity()))
    }

    /// Every symbol that at least one recorded edge targets (classes, stubs and array types), in symbol order.
    pub fn dependency_targets(&self) -> impl Iterator<Item = Sym> + '_ {
        self.reverse_index()
            .0
            .windows(2)
            .enumerate()
            .filter(|(_, w)| w.get(1) > w.first())
            .filter_map(|(i, _)| Sym::from_index(i))
    }

    /// How many edges are onto `target`, without reading them.
    pub fn dependents_len(&self, target: Sym) -> usize {
        self.dependent_indexes(target).len()
    }

    /// The indexes in [`Graph::all_dependencies`] of the edges onto `target`, in graph order, without reading the
    /// edges (each a cache miss): a class's edges have consecutive indexes (its `deps`), so a walk that needs only
    /// the origins can skip the rest of an origin's edges once it has read one.
    pub fn dependent_indexes(&self, target: Sym) -> &[u32] {
        let t = target.index();
        let (starts, indexes) = self.reverse_index();
        let start = starts.get(t).copied().unwrap_or(0) as usize;
        let end = starts.get(t + 1).copied().unwrap_or(0) as usize;
        indexes.get(start..end.max(start)).unwrap_or(&[])
    }

    /// The edges onto `target` whose origin class `keep` accepts, in graph order. Once an origin is turned down, its
    /// other edges onto `target` are skipped unread (see [`Graph::dependent_indexes`]).
    pub fn dependents_from(
        &self,
        target: Sym,
        mut keep: impl FnMut(ClassId) -> bool,
    ) -> impl Iterator<Item = &Dependency> {
        let mut skip_below = 0;
        self.dependent_indexes(target).iter().filter_map(move |&i| {
            if i < skip_below {
                return None;
            }
            let d = self.dependencies.get(i)?;
            if keep(d.origin) {
                Some(d)
            } else {
                skip_below = self.class(d.origin).deps.end;
                None
            }
        })
    }

    /// Edges onto `target`, each with its index in [`Graph::all_dependencies`] (graph order).
    pub fn dependents_indexed(&self, target: Sym) -> impl Iterator<Item = (u32, &Dependency)> {
        self.dependent_indexes(target).iter().filter_map(|&i| self.dependencies.get(i).map(|d| (i, d)))
    }
}

impl Graph {
    /// An upper bound of [`Sym::index`], for tables indexed by symbol (the engine's per-symbol memos).
    pub fn symbol_capacity(&self) -> usize {
        self.strings.capacity()
    }

    /// [`Graph::resolve_member`], without allocating when the owner itself declares the member (the usual case).
    pub fn resolve_member_fast(&self, owner: Sym, member: MemberRef) -> Option<(ClassId, usize)> {
        let id = self.class_by_sym(owner)?;
        match self.class(id).members.iter().position(|m| m.name == member.name && m.descriptor == member.descriptor) {
            Some(i) => Some((id, i)),
            None => self.resolve_member(owner, member),
        }
    }
}

impl Class {
    /// The access flags modifier predicates read, as ArchUnit does: a member class's come from its own
    /// `InnerClasses` entry (the declared `private`, `protected`, `static`), every other class's from the class
    /// file. Local and anonymous classes keep the class file's flags, as in ArchUnit.
    pub fn modifiers(&self) -> u16 {
        match (self.nesting, self.inner_access) {
            (Nesting::Nested | Nesting::Inner, Some(flags)) => flags,
            _ => self.access,
        }
    }
}
