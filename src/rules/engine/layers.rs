//! `layeredArchitecture()`: classes belong to every layer whose packages they reside in; each constraint is
//! checked on the dependencies of (or onto) its layer, and each offending dependency is a violation worded as
//! ArchUnit words dependencies.

use rustc_hash::FxHashSet;

use super::{Ctx, EngineError};
use crate::findings::Violation;
use crate::graph::{ClassId, Dependency};
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
    let scoped: FxHashSet<ClassId> = scope.iter().copied().collect();
    let in_layer = |l: &Layer<'_>, package: &str| l.patterns.iter().any(|p| p.is_match(package));
    let layers_of = |package: &str| -> Vec<usize> {
        layers.iter().enumerate().filter(|(_, l)| in_layer(l, package)).map(|(i, _)| i).collect()
    };

    let mut out = Vec::new();
    let mut members: Vec<Vec<ClassId>> = vec![Vec::new(); layers.len()];
    let mut cache: rustc_hash::FxHashMap<String, Vec<usize>> = rustc_hash::FxHashMap::default();
    for &id in scope {
        let package = ctx.g.str(ctx.g.class(id).package);
        if !cache.contains_key(package) {
            cache.insert(package.to_owned(), layers_of(package));
        }
        for &i in cache.get(package).map_or(&[][..], Vec::as_slice) {
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
    // Whether the other end of a dependency is considered, given the layers it is in and its package.
    let consider = |other_layers: &[usize], package: &str| match &arch.considering {
        LayerDependencies::AllDependencies => true,
        LayerDependencies::OnlyDependenciesInLayers => !other_layers.is_empty(),
        LayerDependencies::OnlyDependenciesInAnyPackage(_) => {
            considered.as_ref().is_some_and(|ps| ps.iter().any(|p| p.is_match(package)))
        }
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
        let incoming =
            matches!(c.access, LayerAccess::MayOnlyBeAccessedByLayers(_) | LayerAccess::MayNotBeAccessedByAnyLayer);
        let mut offending: Vec<&Dependency> = Vec::new();
        for &id in &members[layer] {
            let deps: Vec<&Dependency> = if incoming {
                let name = ctx.g.class(id).name;
                ctx.g.dependents(name).filter(|d| d.origin != id && scoped.contains(&d.origin)).collect()
            } else {
                ctx.g.dependencies(id).collect()
            };
            for d in deps {
                let other = if incoming { ctx.class_ref_id(d.origin) } else { ctx.class_ref(d.target) };
                let package = ctx.package_of(&other);
                // Packages repeat across dependencies: match the layers' patterns once per package.
                if !cache.contains_key(package) {
                    cache.insert(package.to_owned(), layers_of(package));
                }
                let others = cache.get(package).map_or(&[][..], Vec::as_slice);
                if consider(others, package) && !ok(others) {
                    offending.push(d);
                }
            }
        }
        out.extend(ctx.dependency_violations(&offending));
    }
    Ok(Some(out))
}

fn ctx_patterns(ps: &[String]) -> Result<Vec<PackagePattern>, EngineError> {
    ps.iter().map(|p| PackagePattern::new(p).map_err(EngineError::from)).collect()
}

fn empty_layer(name: &str) -> Violation {
    Violation::of_rule(format!("Layer '{name}' is empty"))
}
