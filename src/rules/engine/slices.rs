//! `slices().matching(pattern)`: analysed classes grouped by the pattern's captures; `beFreeOfCycles()` reports
//! each elementary cycle between slices in ArchUnit's words, `notDependOnEachOther()` each dependency between
//! two slices.

use std::collections::BTreeMap;

use super::{Ctx, EngineError};
use crate::findings::Violation;
use crate::graph::{ClassId, Dependency};
use crate::rules::ir::{self, CondExpr, Condition};
use crate::rules::package_pattern::PackagePattern;

/// ArchUnit's defaults (`cycles.maxNumberToDetect`, `cycles.maxNumberOfDependenciesPerEdge`).
const MAX_CYCLES: usize = 100;
const MAX_DEPENDENCIES_PER_EDGE: usize = 20;

/// Slices by name (sorted), each with its classes; and which slice each class is in.
struct Slices {
    names: Vec<String>,
    of_class: rustc_hash::FxHashMap<ClassId, usize>,
}

fn slices(ctx: &Ctx<'_>, pattern: &PackagePattern, scope: &[ClassId]) -> Slices {
    let mut by_name: BTreeMap<String, Vec<ClassId>> = BTreeMap::new();
    // Classes share packages: match each package once.
    let mut slice_of_package: rustc_hash::FxHashMap<crate::graph::Sym, Option<String>> = Default::default();
    for &id in scope {
        let package = ctx.g.class(id).package;
        let name = slice_of_package
            .entry(package)
            .or_insert_with(|| pattern.captures(ctx.g.str(package)).map(|caps| caps.join(".")));
        if let Some(name) = name {
            by_name.entry(name.clone()).or_default().push(id);
        }
    }
    let mut of_class = rustc_hash::FxHashMap::default();
    let mut names = Vec::new();
    for (i, (name, ids)) in by_name.into_iter().enumerate() {
        of_class.extend(ids.into_iter().map(|id| (id, i)));
        names.push(name);
    }
    Slices { names, of_class }
}

pub fn check(
    ctx: &Ctx<'_>,
    rule: &ir::Rule,
    matching: &str,
    scope: &[ClassId],
) -> Result<Option<Vec<Violation>>, EngineError> {
    let pattern = PackagePattern::new(matching)?;
    let s = slices(ctx, &pattern, scope);
    if s.names.is_empty() && !rule.allow_empty_should {
        return Ok(None);
    }
    // Dependencies between different slices, found through the reverse index onto slice classes (far fewer
    // than all dependencies of slice classes), put back in graph order, and grouped per (from, to) edge.
    let mut slice_of: Vec<Option<usize>> = vec![None; ctx.g.classes().len()];
    for (&id, &slice) in &s.of_class {
        if let Some(x) = slice_of.get_mut(id.0 as usize) {
            *x = Some(slice);
        }
    }
    let slice = |id: ClassId| slice_of.get(id.0 as usize).copied().flatten();
    let mut indexed: Vec<(u32, &Dependency, usize, usize)> = s
        .of_class
        .iter()
        .flat_map(|(&target, &to)| {
            ctx.g
                .dependents_indexed(ctx.g.class(target).name)
                .filter_map(move |(i, d)| slice(d.origin).filter(|&from| from != to).map(|from| (i, d, from, to)))
        })
        .collect();
    indexed.sort_unstable_by_key(|x| x.0);
    let crossing: Vec<&Dependency> = indexed.iter().map(|x| x.1).collect();
    let mut edges: BTreeMap<(usize, usize), Vec<&Dependency>> = BTreeMap::new();
    for &(_, d, from, to) in &indexed {
        edges.entry((from, to)).or_default().push(d);
    }
    let mut out = Vec::new();
    for c in conditions(&rule.conditions) {
        match c {
            Condition::BeFreeOfCycles => out.extend(cycles(ctx, &s, &edges)),
            Condition::NotDependOnEachOther => out.extend(ctx.dependency_violations(&crossing)),
            other => {
                return Err(EngineError::Malformed {
                    rule: rule.name.clone(),
                    problem: format!("slices cannot '{}'", super::wording::condition(other)),
                })
            }
        }
    }
    Ok(Some(out))
}

fn conditions(e: &CondExpr) -> Vec<&Condition> {
    match e {
        CondExpr::Cond(c) => vec![c],
        CondExpr::And(a, b) | CondExpr::Or(a, b) => {
            let mut v = conditions(a);
            v.extend(conditions(b));
            v
        }
    }
}

/// Dependencies with their descriptions, sorted and deduplicated by description (ArchUnit's `TreeSet`).
fn sorted<'d>(ctx: &Ctx<'_>, deps: &[&'d Dependency]) -> Vec<(String, &'d Dependency)> {
    let mut v: Vec<(String, &Dependency)> = deps.iter().map(|d| (ctx.g.describe(d), *d)).collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v.dedup_by(|a, b| a.0 == b.0);
    v
}

/// Every elementary cycle (up to [`MAX_CYCLES`]), each starting at its smallest slice, as one violation:
///
/// ```text
/// Cycle detected: Slice a ->
///                 Slice b ->
///                 Slice a
///   1. Dependencies of Slice a
///     - Method <...> calls method <...> in (A.java:3)
/// ```
fn cycles(ctx: &Ctx<'_>, s: &Slices, edges: &BTreeMap<(usize, usize), Vec<&Dependency>>) -> Vec<Violation> {
    let n = s.names.len();
    let mut succ = vec![Vec::new(); n];
    for &(from, to) in edges.keys() {
        succ[from].push(to);
    }
    let mut found: Vec<Vec<usize>> = Vec::new();
    // Each cycle is found once, from its smallest node, visiting only larger nodes.
    for start in 0..n {
        let mut path = vec![start];
        let mut on_path = vec![false; n];
        on_path[start] = true;
        elementary(start, start, &succ, &mut path, &mut on_path, &mut found);
        if found.len() >= MAX_CYCLES {
            break;
        }
    }
    found.truncate(MAX_CYCLES);
    let mut shown: rustc_hash::FxHashMap<(usize, usize), Vec<(String, &Dependency)>> = Default::default();
    found
        .into_iter()
        .filter_map(|cycle| {
            let desc = |i: usize| format!("Slice {}", s.names.get(i).map_or("", String::as_str));
            let mut names: Vec<String> = cycle.iter().map(|&i| desc(i)).collect();
            names.push(desc(cycle.first().copied().unwrap_or(0)));
            let mut message = format!("Cycle detected: {}", names.join(" -> \n                "));
            let mut first: Option<&Dependency> = None;
            for (k, &from) in cycle.iter().enumerate() {
                let to = cycle.get((k + 1) % cycle.len()).copied().unwrap_or(from);
                message.push_str(&format!("\n  {}. Dependencies of {}", k + 1, desc(from)));
                // Edges recur across cycles: describe and sort each edge's dependencies once.
                let deps = shown.entry((from, to)).or_insert_with(|| {
                    let mut d = sorted(ctx, edges.get(&(from, to)).map_or(&[][..], Vec::as_slice));
                    d.truncate(MAX_DEPENDENCIES_PER_EDGE);
                    d
                });
                first = first.or(deps.first().map(|(_, d)| *d));
                for (text, _) in deps.iter() {
                    message.push_str(&format!("\n    - {text}"));
                }
            }
            first.map(|d| ctx.dependency_violation_with(d, message))
        })
        .collect()
}

fn elementary(
    start: usize,
    node: usize,
    succ: &[Vec<usize>],
    path: &mut Vec<usize>,
    on_path: &mut [bool],
    found: &mut Vec<Vec<usize>>,
) {
    for &next in &succ[node] {
        if found.len() >= MAX_CYCLES {
            return;
        }
        if next == start {
            found.push(path.clone());
        } else if next > start && !on_path[next] {
            on_path[next] = true;
            path.push(next);
            elementary(start, next, succ, path, on_path, found);
            path.pop();
            on_path[next] = false;
        }
    }
}
