//! `transitivelyDependOnClassesThat`: a reverse walk from the matching targets bounds the forward search from
//! each subject, whose path to each match is rebuilt from parent links.

use rustc_hash::FxHashSet;

use super::compile::CClass;
use super::conditions::{Item, Mode};
use super::{wording, Ctx};
use crate::findings::Violation;
use crate::graph::{ClassId, Dependency, Role};
use crate::rules::ir::Condition;

impl Ctx<'_> {
    /// The analysed classes from which some chain of dependencies reaches a class matching `p`: a reverse
    /// breadth-first walk from the matching targets, so the forward search below only enters useful classes.
    pub(super) fn reaching(&self, p: &CClass) -> FxHashSet<ClassId> {
        let mut reach: FxHashSet<ClassId> = FxHashSet::default();
        let mut queue: Vec<crate::graph::Sym> = self.target_syms(p);
        while let Some(sym) = queue.pop() {
            for d in self.g.dependents(sym) {
                if d.target != self.g.class(d.origin).name && reach.insert(d.origin) {
                    queue.push(self.g.class(d.origin).name);
                }
            }
        }
        reach
    }

    /// Breadth-first through the analysed classes; one event per matching class reached, with the path to it.
    pub(super) fn transitively(
        &self,
        p: &CClass,
        reach: &FxHashSet<ClassId>,
        ir: &Condition,
        item: Item,
        mode: Mode,
    ) -> Vec<Violation> {
        let start = self.item_class(item);
        let mut hits = Vec::new();
        if reach.contains(&start) {
            let start_name = self.g.class(start).name;
            // Each reached name and the class it was reached from.
            let mut parent: rustc_hash::FxHashMap<crate::graph::Sym, crate::graph::Sym> = Default::default();
            parent.insert(start_name, start_name);
            let mut queue = std::collections::VecDeque::from([start]);
            while let Some(id) = queue.pop_front() {
                let from_start = id == start;
                let edges: Vec<&Dependency> =
                    if from_start { self.item_dependencies(item).collect() } else { self.g.dependencies(id).collect() };
                let from = self.g.class(id).name;
                for d in edges {
                    if parent.contains_key(&d.target) {
                        continue;
                    }
                    parent.insert(d.target, from);
                    let target = self.class_ref(d.target);
                    if self.class_matches(p, &target) {
                        if from_start {
                            hits.push(self.dependency_violation(d));
                            continue;
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
                        v.target_class = Some(self.g.str(d.target).to_owned());
                        hits.push(v);
                    } else if let Some(next) = self.id_of(&target).filter(|t| reach.contains(t)) {
                        if self.g.class(next).role == Role::Target {
                            queue.push_back(next);
                        }
                    }
                }
            }
        }
        match mode {
            Mode::For => hits,
            Mode::Against if hits.is_empty() => {
                let text = format!("{} does not {}", self.item_description(item), wording::condition(ir));
                vec![self.item_violation(item, text)]
            }
            Mode::Against => Vec::new(),
        }
    }
}
