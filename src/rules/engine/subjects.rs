//! Selecting a rule's subjects: by the class-name and package indexes when the `that` predicate allows it,
//! by a scan of the analysed classes otherwise.

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::compile::{CClass, Str};
use super::{memo, Ctx};
use crate::graph::{ClassId, Sym};

impl Ctx<'_> {
    /// Classes of the graph by simple name, built on first use.
    fn by_simple_name(&self) -> &FxHashMap<Sym, Vec<ClassId>> {
        memo(&self.by_simple_name, || {
            let mut m: FxHashMap<Sym, Vec<ClassId>> = FxHashMap::default();
            for (id, c) in self.g.classes() {
                m.entry(c.simple_name).or_default().push(id);
            }
            m
        })
    }

    /// The classes of `scope` that may satisfy `p`, from indexes; `None` when only a scan can tell.
    /// Never misses a match: callers still test `p` on each candidate.
    pub fn candidates(&self, p: &CClass) -> Option<FxHashSet<ClassId>> {
        match p {
            CClass::FullName(Str::Equals(name)) => Some(self.g.class_by_name(name).into_iter().collect()),
            CClass::SimpleName(Str::Equals(name)) => Some(
                self.g.sym(name).and_then(|s| self.by_simple_name().get(&s)).into_iter().flatten().copied().collect(),
            ),
            CClass::InPackages(patterns) => {
                let mut out = FxHashSet::default();
                for p in patterns {
                    // A plain package name (no `*`, `..`, groups) names one package; others are matched against
                    // each package of the graph, far fewer than its classes.
                    let s = p.as_str();
                    if !s.is_empty() && s.split('.').all(|w| !w.is_empty() && w.chars().all(is_ident_char)) {
                        out.extend(self.g.package_classes(s).iter().copied());
                    } else {
                        for package in self.g.packages().filter(|package| p.is_match(package)) {
                            out.extend(self.g.package_classes(package).iter().copied());
                        }
                    }
                }
                Some(out)
            }
            CClass::And(a, b) => match (self.candidates(a), self.candidates(b)) {
                (Some(x), Some(y)) => Some(x.intersection(&y).copied().collect()),
                (Some(x), None) | (None, Some(x)) => Some(x),
                (None, None) => None,
            },
            CClass::Or(a, b) => {
                let mut x = self.candidates(a)?;
                x.extend(self.candidates(b)?);
                Some(x)
            }
            _ => None,
        }
    }

    /// The classes of `scope` matching `p` (all of `scope` when there is no predicate), in graph order. Over all
    /// the analysed classes, what a shared predicate selects is found once per evaluation (rules repeat their
    /// `that` and `declaredIn` predicates).
    pub fn select_classes(&self, p: Option<&CClass>, scope: &[ClassId]) -> Vec<ClassId> {
        let Some(p) = p else { return scope.to_vec() };
        // A scope is the analysed classes or a part of them, in the same order: as long, it is all of them.
        if scope.len() == self.targets.len() {
            let cell = self.compiled.selection_cell(p);
            return memo(&cell, || self.scan_classes(p, scope)).clone();
        }
        self.scan_classes(p, scope)
    }

    fn scan_classes(&self, p: &CClass, scope: &[ClassId]) -> Vec<ClassId> {
        match self.candidates(p) {
            Some(c) if c.len() < scope.len() => {
                let mut ids: Vec<ClassId> = scope.iter().copied().filter(|id| c.contains(id)).collect();
                ids.retain(|&id| self.class_matches(p, &self.class_ref_id(id)));
                ids
            }
            _ => scope.par_iter().copied().filter(|&id| self.class_matches(p, &self.class_ref_id(id))).collect(),
        }
    }
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$'
}
