//! `transitivelyDependOnClassesThat`: a reverse walk from the matching targets bounds the forward search from
//! each subject, whose path to each match is rebuilt from parent links.

use rustc_hash::{FxHashMap, FxHashSet};

use super::compile::CClass;
use super::conditions::{Item, Mode};
use super::{wording, Ctx};
use crate::findings::Violation;
use crate::graph::{ClassId, Dependency, Role, Sym};
use crate::rules::ir::Condition;

/// What the searches of one rule share.
pub struct Reach {
    /// Per class: whether some chain of dependencies from it reaches a class matching the predicate.
    reaching: Vec<bool>,
    /// The names of the graph's classes that match the predicate: edge targets are tested against this set
    /// instead of reading each target's name.
    matching: FxHashSet<Sym>,
    /// How many distinct targets can match: classes and array types (edges target nothing else but primitives,
    /// see `graph::build`). A search that has met them all can find nothing more.
    possible: usize,
}

impl Ctx<'_> {
    /// The classes from which some chain of dependencies reaches a class matching `p`: a reverse breadth-first
    /// walk from the matching targets, so the forward search below only enters useful classes.
    pub(super) fn reaching(&self, p: &CClass) -> Reach {
        let targets = self.target_syms(p);
        let mut reaching = vec![false; self.g.classes().len()];
        let names = self.class_names();
        let mut queue: Vec<Sym> = targets.clone();
        while let Some(sym) = queue.pop() {
            // Only origins matter: each is turned down once seen, which skips its other edges onto `sym` unread.
            let mut reach = |origin: ClassId| {
                let (Some(seen), Some(&name)) = (reaching.get_mut(origin.0 as usize), names.get(origin.0 as usize))
                else {
                    return false;
                };
                if !*seen && name != sym {
                    *seen = true;
                    queue.push(name);
                }
                false
            };
            self.g.dependents_from(sym, &mut reach).for_each(drop);
        }
        // `target_syms` tests each class by id; a name resolves to one class, so keep the names whose class
        // matches as the name's (they differ only for names shared by several classes, like `module-info`).
        let possible = targets.iter().collect::<FxHashSet<_>>().len();
        let matching = targets.into_iter().filter(|&s| self.class_matches(p, &self.class_ref(s))).collect();
        Reach { reaching, matching, possible }
    }

    fn reaches(reach: &Reach, id: ClassId) -> bool {
        reach.reaching.get(id.0 as usize).copied().unwrap_or(false)
    }

    /// Breadth-first through the analysed classes; one event per matching class reached, with the path to it.
    pub(super) fn transitively(
        &self,
        p: &CClass,
        reach: &Reach,
        ir: &Condition,
        item: Item,
        mode: Mode,
    ) -> Vec<Violation> {
        let start = self.item_class(item);
        let mut hits = Vec::new();
        if Self::reaches(reach, start) {
            let start_name = self.g.class(start).name;
            // Each reached name and the class it was reached from.
            let mut parent: FxHashMap<Sym, Sym> = FxHashMap::default();
            parent.insert(start_name, start_name);
            let mut queue = std::collections::VecDeque::from([start]);
            while let Some(id) = queue.pop_front() {
                // Each hit is a distinct target: once all that can match are met, the rest of the walk adds none.
                if hits.len() >= reach.possible {
                    break;
                }
                let from_start = id == start;
                let from = self.g.class(id).name;
                let mut visit = |d: &Dependency| {
                    if parent.contains_key(&d.target) {
                        return;
                    }
                    parent.insert(d.target, from);
                    let target_id = self.g.class_by_sym(d.target);
                    // Names of graph classes are decided by the set; others (array types) by the predicate.
                    let matches = match target_id {
                        Some(_) => reach.matching.contains(&d.target),
                        None => self.class_matches(p, &self.class_ref(d.target)),
                    };
                    if matches {
                        hits.push(self.transitive_hit(item, d, from_start, from, start_name, &parent));
                    } else if let Some(next) = target_id.filter(|&t| Self::reaches(reach, t)) {
                        if self.g.class(next).role == Role::Target {
                            queue.push_back(next);
                        }
                    }
                };
                if from_start {
                    self.item_dependencies(item).for_each(&mut visit);
                } else {
                    self.g.dependencies(id).for_each(&mut visit);
                }
            }
        }
        match mode {
            Mode::For => hits,
            Mode::Against if hits.is_empty() => {
                vec![self.subject_violation(item, &format!("does not {}", wording::condition(ir)))]
            }
            Mode::Against => Vec::new(),
        }
    }

    /// A match reached through `d`: the dependency itself from the subject, else the path to it.
    fn transitive_hit(
        &self,
        item: Item,
        d: &Dependency,
        from_start: bool,
        from: Sym,
        start_name: Sym,
        parent: &FxHashMap<Sym, Sym>,
    ) -> Violation {
        if from_start {
            return self.dependency_violation(d);
        }
        let mut path = vec![d.target];
        let mut at = from;
        while at != start_name {
            path.push(at);
            at = parent.get(&at).copied().unwrap_or(start_name);
        }
        path.push(start_name);
        let names: Vec<&str> = path.iter().rev().map(|&s| self.g.str(s)).collect();
        let text = format!(
            "{} transitively depends on <{}> by [{}]",
            self.item_description(item),
            self.g.str(d.target),
            names.join("->")
        );
        let mut v = self.item_violation(item, text);
        v.target_class = Some(self.g.str(d.target).into());
        v
    }
}
