//! `layeredArchitecture()`: classes belong to every layer whose packages they reside in; each constraint is
//! checked on the dependencies of (or onto) its layer, and each offending dependency is a violation worded as
//! ArchUnit words dependencies.

use std::borrow::Cow;

use rayon::prelude::*;

use super::{Ctx, EngineError};
use crate::findings::Violation;
use crate::graph::{ClassId, Dependency, Sym};
use crate::rules::ir::{self, LayerAccess, LayerDependencies, LayeredArchitecture};
use crate::rules::package_pattern::PackagePattern;

struct Layer<'a> {
    spec: &'a ir::Layer,
    patterns: Vec<PackagePattern>,
}

pub fn check(
    ctx: &Ctx<'_>,
    rule: &ir::Rule,
    arch: &LayeredArchitecture,
    scope: &[ClassId],
) -> Result<Option<Vec<Violation>>, EngineError> {
    let layers = arch
        .layers
        .iter()
        .map(|spec| Ok(Layer { spec, patterns: ctx_patterns(&spec.packages)? }))
        .collect::<Result<Vec<_>, EngineError>>()?;
    let considered = match &arch.considering {
        LayerDependencies::OnlyDependenciesInAnyPackage(ps) => Some(ctx_patterns(ps)?),
        _ => None,
    };
    let index = |name: &str| {
        layers.iter().position(|l| l.spec.name == name).ok_or_else(|| EngineError::Malformed {
            rule: rule.name.clone(),
            problem: format!("no layer named '{name}'"),
        })
    };
    let mut scoped = vec![false; ctx.g.classes().len()];
    for &id in scope {
        if let Some(x) = scoped.get_mut(id.0 as usize) {
            *x = true;
        }
    }
    let kinds = Kinds::new(ctx, &layers, considered.as_deref());
    let mut out = Vec::new();
    let mut members: Vec<Vec<ClassId>> = vec![Vec::new(); layers.len()];
    for &id in scope {
        for &i in kinds.of_class(id).layers.iter() {
            if let Some(m) = members.get_mut(i) {
                m.push(id);
            }
        }
    }
    for (l, ids) in layers.iter().zip(&members) {
        if ids.is_empty() && !l.spec.optional {
            out.push(empty_layer(&l.spec.name));
        }
    }
    // Whether the other end of a dependency is considered, given what its package is to the layers.
    let consider = |other: &Kind| match &arch.considering {
        LayerDependencies::AllDependencies => true,
        LayerDependencies::OnlyDependenciesInLayers => !other.layers.is_empty(),
        LayerDependencies::OnlyDependenciesInAnyPackage(_) => other.considered,
    };
    for c in &arch.constraints {
        let layer = index(&c.layer)?;
        let allowed: Vec<usize> = match &c.access {
            LayerAccess::MayOnlyBeAccessedByLayers(ls) | LayerAccess::MayOnlyAccessLayers(ls) => {
                ls.iter().map(|n| index(n)).collect::<Result<_, _>>()?
            }
            LayerAccess::MayNotBeAccessedByAnyLayer | LayerAccess::MayNotAccessAnyLayer => Vec::new(),
        };
        let ok = |others: &[usize]| others.contains(&layer) || others.iter().any(|o| allowed.contains(o));
        let offends = |other: &Kind| consider(other) && !ok(&other.layers);
        let incoming =
            matches!(c.access, LayerAccess::MayOnlyBeAccessedByLayers(_) | LayerAccess::MayNotBeAccessedByAnyLayer);
        let in_scope = |id: ClassId| scoped.get(id.0 as usize).copied().unwrap_or(false);
        // A layer can hold most of the graph: its classes in parallel, their offending edges kept in order.
        let per_task: Vec<Vec<&Dependency>> = members[layer]
            .par_chunks(64)
            .map(|ids| {
                let mut offending = Vec::new();
                for &id in ids {
                    if incoming {
                        let name = ctx.g.class(id).name;
                        offending.extend(ctx.g.dependents_from(name, |origin| {
                            origin != id && in_scope(origin) && offends(kinds.of_class(origin))
                        }));
                    } else {
                        offending.extend(ctx.g.dependencies(id).filter(|d| offends(&kinds.of_target(ctx, d.target))));
                    }
                }
                offending
            })
            .collect();
        let offending: Vec<&Dependency> = per_task.into_iter().flatten().collect();
        out.extend(ctx.dependency_violations(&offending));
    }
    Ok(Some(out))
}

/// What a package is to the layered architecture: the layers it is in, and whether it is among the packages
/// considered (`consideringOnlyDependenciesInAnyPackage`).
#[derive(Clone)]
struct Kind {
    layers: Vec<usize>,
    considered: bool,
}

/// What every class's package is to the architecture, worked out once per package and kept by class and by class
/// name: a dependency's other end is then a table read, where hashing its package's text was most of the work.
struct Kinds<'k> {
    kinds: Vec<Kind>,
    /// Per class id, and per symbol naming a class, the index of its kind.
    of_class: Vec<u32>,
    of_name: Vec<u32>,
    layers: &'k [Layer<'k>],
    considered: Option<&'k [PackagePattern]>,
}

impl<'k> Kinds<'k> {
    const UNKNOWN: u32 = u32::MAX;

    fn new(ctx: &Ctx<'_>, layers: &'k [Layer<'k>], considered: Option<&'k [PackagePattern]>) -> Kinds<'k> {
        let mut k = Kinds {
            kinds: Vec::new(),
            of_class: Vec::with_capacity(ctx.g.classes().len()),
            of_name: vec![Self::UNKNOWN; ctx.g.symbol_capacity()],
            layers,
            considered,
        };
        let mut by_kind: rustc_hash::FxHashMap<(Vec<usize>, bool), u32> = Default::default();
        let mut by_package: rustc_hash::FxHashMap<Sym, u32> = Default::default();
        for (_, class) in ctx.g.classes() {
            let kind = *by_package.entry(class.package).or_insert_with(|| {
                let kind = k.of_package(ctx.g.str(class.package));
                *by_kind.entry((kind.layers.clone(), kind.considered)).or_insert_with(|| {
                    k.kinds.push(kind);
                    k.kinds.len() as u32 - 1
                })
            });
            k.of_class.push(kind);
            if let Some(cell) = k.of_name.get_mut(class.name.index()) {
                *cell = kind;
            }
        }
        k
    }

    fn of_package(&self, package: &str) -> Kind {
        Kind {
            layers: (self.layers.iter().enumerate())
                .filter(|(_, l)| l.patterns.iter().any(|p| p.is_match(package)))
                .map(|(i, _)| i)
                .collect(),
            considered: self.considered.is_some_and(|ps| ps.iter().any(|p| p.is_match(package))),
        }
    }

    fn of_class(&self, id: ClassId) -> &Kind {
        const NOWHERE: &Kind = &Kind { layers: Vec::new(), considered: false };
        let kind = self.of_class.get(id.0 as usize).copied().unwrap_or(Self::UNKNOWN);
        self.kinds.get(kind as usize).unwrap_or(NOWHERE)
    }

    /// The kind of a dependency's target: a class of the graph's, or an array (its component's package).
    fn of_target(&self, ctx: &Ctx<'_>, target: Sym) -> Cow<'_, Kind> {
        let kind = self.of_name.get(target.index()).copied().unwrap_or(Self::UNKNOWN);
        match self.kinds.get(kind as usize) {
            Some(kind) => Cow::Borrowed(kind),
            None => Cow::Owned(self.of_package(ctx.package_of(&ctx.class_ref(target)))),
        }
    }
}

fn ctx_patterns(ps: &[String]) -> Result<Vec<PackagePattern>, EngineError> {
    ps.iter().map(|p| PackagePattern::new(p).map_err(EngineError::from)).collect()
}

fn empty_layer(name: &str) -> Violation {
    Violation::of_rule(format!("Layer '{name}' is empty"))
}
