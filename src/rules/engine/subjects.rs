//! Selecting a rule's subjects: by the class-name and package indexes when the `that` predicate allows it,
//! by a scan of the analysed classes otherwise.

use rayon::prelude::*;
use rustc_hash::FxHashSet;

use super::compile::{CClass, Str};
use super::Ctx;
use crate::graph::ClassId;

impl Ctx<'_> {
    /// The classes of `scope` that may satisfy `p`, from indexes; `None` when only a scan can tell.
    /// Never misses a match: callers still test `p` on each candidate.
    pub fn candidates(&self, p: &CClass) -> Option<FxHashSet<ClassId>> {
        match p {
            CClass::FullName(Str::Equals(name)) => Some(self.g.class_by_name(name).into_iter().collect()),
            CClass::InPackages(patterns) => {
                let mut out = FxHashSet::default();
                for p in patterns {
                    // Only a plain package name (no `*`, `..`, groups) names exactly one package.
                    let s = p.as_str();
                    if s.is_empty() || !s.split('.').all(|w| !w.is_empty() && w.chars().all(is_ident_char)) {
                        return None;
                    }
                    out.extend(self.g.package_classes(s).iter().copied());
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

    /// The classes of `scope` matching `p` (all of `scope` when there is no predicate), in graph order.
    pub fn select_classes(&self, p: Option<&CClass>, scope: &[ClassId]) -> Vec<ClassId> {
        let Some(p) = p else { return scope.to_vec() };
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
