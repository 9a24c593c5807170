//! `slices().matching(pattern)`: analysed classes grouped by the pattern's captures; `beFreeOfCycles()` reports
//! each elementary cycle between slices in ArchUnit's words, `notDependOnEachOther()` each pair of slices with a
//! dependency between them (ArchUnit's `SliceDependency`), listing those dependencies.

use std::collections::BTreeMap;
use std::ops::Range;

use rayon::prelude::*;

use super::violations::text_ranks;
use super::{Ctx, EngineError};
use crate::findings::Violation;
use crate::graph::{ClassId, Dependency};
use crate::rules::ir::{self, CondExpr, Condition};
use crate::rules::package_pattern::PackagePattern;

/// ArchUnit's defaults (`cycles.maxNumberToDetect`, `cycles.maxNumberOfDependenciesPerEdge`).
const MAX_CYCLES: usize = 100;
const MAX_DEPENDENCIES_PER_EDGE: usize = 20;

/// Slices by name (sorted), and the classes in them with their slice's index, in graph order.
struct Slices {
    names: Vec<String>,
    members: Vec<(ClassId, usize)>,
}

fn slices(ctx: &Ctx<'_>, pattern: &PackagePattern, scope: &[ClassId]) -> Slices {
    let mut by_name: BTreeMap<String, Vec<ClassId>> = BTreeMap::new();
    // Classes share packages: match each package once.
    let mut slice_of_package: rustc_hash::FxHashMap<crate::graph::Sym, Option<String>> = Default::default();
    for &id in scope {
        let package = ctx.g.class(id).package;
        let name = slice_of_package
            .entry(package)
            .or_insert_with(|| pattern.captures(ctx.g.str(package)).map(|caps| slice_name(&caps)));
        if let Some(name) = name {
            by_name.entry(name.clone()).or_default().push(id);
        }
    }
    let mut members = Vec::new();
    let mut names = Vec::new();
    for (i, (name, ids)) in by_name.into_iter().enumerate() {
        members.extend(ids.into_iter().map(|id| (id, i)));
        names.push(name);
    }
    members.sort_unstable();
    Slices { names, members }
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
    let mut out = Vec::new();
    for c in conditions(&rule.conditions) {
        match c {
            Condition::BeFreeOfCycles => out.extend(cycles(ctx, &s, &edges_between_slices(ctx, &s))),
            Condition::NotDependOnEachOther => out.extend(slice_dependencies(ctx, &pattern, &s)),
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

/// Dependencies between different slices of analysed classes, grouped per (from, to) edge in graph order. Read
/// forward from the slice classes, in parallel: their edges lie together, where walking the reverse index onto
/// them was a cache miss per edge and, on the Spark corpus, most of a cycle rule's time.
fn edges_between_slices<'g>(ctx: &Ctx<'g>, s: &Slices) -> BTreeMap<(usize, usize), Vec<&'g Dependency>> {
    const NONE: u32 = u32::MAX;
    // A slice class's name, the target of edges onto it, gives its slice.
    let mut slice_of_target = vec![NONE; ctx.g.symbol_capacity()];
    for &(id, slice) in &s.members {
        if let Some(cell) = slice_of_target.get_mut(ctx.g.class(id).name.index()) {
            *cell = slice as u32;
        }
    }
    // Classes in id order, each class's edges in order: graph order.
    let per_task: Vec<Vec<(usize, usize, &'g Dependency)>> = s
        .members
        .par_chunks(256)
        .map(|chunk| {
            let mut out = Vec::new();
            for &(id, from) in chunk {
                // Edges onto the class itself or a primitive have no other slice: all edges, unfiltered.
                for d in ctx.g.edges(id) {
                    let to = slice_of_target.get(d.target.index()).copied().unwrap_or(NONE);
                    if to != NONE && to as usize != from {
                        out.push((from, to as usize, d));
                    }
                }
            }
            out
        })
        .collect();
    let mut edges: BTreeMap<(usize, usize), Vec<&Dependency>> = BTreeMap::new();
    for (from, to, d) in per_task.into_iter().flatten() {
        edges.entry((from, to)).or_default().push(d);
    }
    edges
}

/// ArchUnit's `notDependOnEachOther()`: one violation per pair of slices with dependencies from the first onto the
/// second, worded as its `SliceDependency`:
///
/// ```text
/// Slice repo depends on Slice web:
/// Method <...> calls method <...> in (Repo.java:8)
/// ```
///
/// As in ArchUnit (`Slices.Transformer.transform(dependencies)`), a target belongs to the slice its package's
/// captures name whether it is analysed or not (a library class in `com.acme.lib` is in slice `lib` of
/// `com.acme.(*)..`); arrays belong to their component type's package; a target with the origin's own captures is
/// in the origin's slice. Pairs come in order of slice names; the violation's origin, target and line are those of
/// the first dependency listed.
fn slice_dependencies(ctx: &Ctx<'_>, pattern: &PackagePattern, s: &Slices) -> Vec<Violation> {
    let mut names = s.names.clone();
    let mut index: rustc_hash::FxHashMap<String, usize> =
        names.iter().enumerate().map(|(i, n)| (n.clone(), i)).collect();
    // By package symbol for classes of the graph, by text for the rest (array types).
    let mut slice_of_package: rustc_hash::FxHashMap<crate::graph::Sym, Option<usize>> = Default::default();
    let mut slice_of_package_text: rustc_hash::FxHashMap<String, Option<usize>> = Default::default();
    // Per target symbol: `UNKNOWN` until its slice is worked out, `NONE` outside every slice. Slice rules read every
    // dependency of every slice class (over a million on the Spark corpus): a table, not a hash map.
    const UNKNOWN: u32 = u32::MAX;
    const NONE: u32 = u32::MAX - 1;
    let mut slice_of_target = vec![UNKNOWN; ctx.g.symbol_capacity()];
    // Each dependency between two slices with its pair's number; grouped by pair below, graph order kept within.
    let mut pair_ids: rustc_hash::FxHashMap<(usize, usize), u32> = Default::default();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut between: Vec<(u32, &Dependency)> = Vec::new();
    // The slice classes are the scope's classes in slices, in the scope's (graph) order.
    for &(id, from) in &s.members {
        let mut last: Option<(usize, u32)> = None;
        for d in ctx.g.dependencies(id) {
            let known = slice_of_target.get(d.target.index()).copied().unwrap_or(UNKNOWN);
            let to = if known != UNKNOWN {
                known
            } else {
                let mut slice_of = |package: &str| {
                    pattern.captures(package).map(|caps| {
                        let name = slice_name(&caps);
                        *index.entry(name.clone()).or_insert_with(|| {
                            names.push(name);
                            names.len() - 1
                        })
                    })
                };
                let slice = match ctx.g.class_by_sym(d.target) {
                    Some(target) => {
                        let package = ctx.g.class(target).package;
                        *slice_of_package.entry(package).or_insert_with(|| slice_of(ctx.g.str(package)))
                    }
                    None => {
                        let target = ctx.class_ref(d.target);
                        let package = ctx.package_of(&target);
                        match slice_of_package_text.get(package) {
                            Some(&slice) => slice,
                            None => {
                                let slice = slice_of(package);
                                slice_of_package_text.insert(package.to_owned(), slice);
                                slice
                            }
                        }
                    }
                };
                let slot = slice.map_or(NONE, |x| x as u32);
                if let Some(cell) = slice_of_target.get_mut(d.target.index()) {
                    *cell = slot;
                }
                slot
            };
            if to == NONE || to as usize == from {
                continue;
            }
            let pair = match last {
                Some((t, pair)) if t == to as usize => pair,
                _ => *pair_ids.entry((from, to as usize)).or_insert_with(|| {
                    pairs.push((from, to as usize));
                    pairs.len() as u32 - 1
                }),
            };
            last = Some((to as usize, pair));
            between.push((pair, d));
        }
    }
    between.sort_by_key(|&(pair, _)| pair);
    let mut edges: Vec<((usize, usize), Vec<&Dependency>)> = between
        .chunk_by(|a, b| a.0 == b.0)
        .map(|group| {
            let pair = group.first().and_then(|&(p, _)| pairs.get(p as usize)).copied().unwrap_or_default();
            (pair, group.iter().map(|&(_, d)| d).collect())
        })
        .collect();
    edges.sort_by(|a, b| (&names[a.0 .0], &names[a.0 .1]).cmp(&(&names[b.0 .0], &names[b.0 .1])));
    // Pairs can list hundreds of thousands of dependencies between them: worded and sorted in parallel.
    edges
        .into_par_iter()
        .filter_map(|((from, to), deps)| {
            let deps = sorted(ctx, &deps);
            let mut message =
                format!("{} depends on {}:", slice_description(&names, from), slice_description(&names, to));
            message.reserve(deps.iter().map(|(text, _)| text.len() + 1).sum());
            for (text, _) in deps.iter() {
                message.push('\n');
                message.push_str(text);
            }
            let first = deps.deps.first().map(|(_, d)| *d);
            first.map(|d| ctx.dependency_violation_with(d, message))
        })
        .collect()
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

/// Dependencies with their descriptions, sorted and deduplicated by description (ArchUnit's `TreeSet`). The
/// descriptions share one buffer: a pair of slices can have hundreds of thousands of dependencies between them.
struct Sorted<'d> {
    text: String,
    deps: Vec<(Range<usize>, &'d Dependency)>,
}

impl<'d> Sorted<'d> {
    fn iter(&self) -> impl Iterator<Item = (&str, &'d Dependency)> + '_ {
        self.deps.iter().map(|(r, d)| (self.text.get(r.clone()).unwrap_or(""), *d))
    }
}

fn sorted<'d>(ctx: &Ctx<'_>, deps: &[&'d Dependency]) -> Sorted<'d> {
    // Most descriptions are a little over a hundred bytes: growing the text from empty copied it a dozen times.
    let mut text = String::with_capacity(deps.len() * 128);
    let (described, middle_ranks) = ctx.descriptions(deps, &mut text);
    let at = |r: &Range<usize>| text.get(r.clone()).unwrap_or("");
    let mut v: Vec<Entry<'d>> = described
        .into_iter()
        .zip(deps.iter().copied())
        .map(|(x, d)| Entry { rank: 0, middle: x.middle, suffix: x.origin_end..x.full.end, full: x.full, d })
        .collect();
    // Stable: of equal descriptions the first dependency is kept.
    match (origin_ranks(&text, &mut v), middle_ranks) {
        // A description is its origin's, its middle (kind and target), then the origin class's source file and the
        // line. Ranked origins and middles leave, for one origin, only the line's digits to compare: no text at all.
        // Equal keys are equal texts.
        (true, Some(ranks)) => {
            let mut keys: Vec<(u64, u32, usize)> = (v.iter().enumerate())
                .map(|(i, e)| {
                    let middle = ranks.get(e.middle as usize).copied().unwrap_or(0);
                    (u64::from(e.rank) << 32 | u64::from(middle), crate::graph::line_order_key(e.d.line), i)
                })
                .collect();
            keys.sort_unstable();
            keys.dedup_by_key(|k| (k.0, k.1));
            let mut entries: Vec<Option<Entry<'d>>> = v.into_iter().map(Some).collect();
            v = keys.iter().filter_map(|k| entries.get_mut(k.2).and_then(Option::take)).collect();
        }
        // Descriptions of one origin share a long prefix: comparing ranks first leaves only their suffixes to compare.
        (true, None) => {
            v.sort_by(|a, b| a.rank.cmp(&b.rank).then_with(|| at(&a.suffix).cmp(at(&b.suffix))));
            v.dedup_by(|a, b| at(&a.full) == at(&b.full));
        }
        (false, _) => {
            v.sort_by(|a, b| at(&a.full).cmp(at(&b.full)));
            v.dedup_by(|a, b| at(&a.full) == at(&b.full));
        }
    }
    Sorted { deps: v.into_iter().map(|e| (e.full, e.d)).collect(), text }
}

/// A description in [`Sorted`]'s text: all of it, what follows its origin's description, that description's
/// rank among the origins', and its middle's number (see [`Ctx::descriptions`]).
struct Entry<'d> {
    rank: u32,
    middle: u32,
    full: Range<usize>,
    suffix: Range<usize>,
    d: &'d Dependency,
}

/// Ranks each entry's origin description among the distinct ones, in text order ([`text_ranks`]), so that ordering by
/// rank, then by suffix, is ordering by the whole text. False, ranks left unset, when one origin's description is a
/// proper prefix of another's (then the text after the shorter one decides).
fn origin_ranks(text: &str, v: &mut [Entry<'_>]) -> bool {
    let origin = |e: &Entry<'_>| text.get(e.full.start..e.suffix.start).unwrap_or("");
    let mut ids: rustc_hash::FxHashMap<&str, u32> = Default::default();
    let mut previous: Option<(&str, u32)> = None;
    for e in v.iter_mut() {
        let o = origin(e);
        // Dependencies come grouped by origin: most have the previous one's.
        e.rank = match previous {
            Some((p, id)) if p == o => id,
            _ => {
                let next = ids.len() as u32;
                *ids.entry(o).or_insert(next)
            }
        };
        previous = Some((o, e.rank));
    }
    let Some(rank) = text_ranks(ids.into_iter().collect()) else { return false };
    for e in v.iter_mut() {
        e.rank = rank.get(e.rank as usize).copied().unwrap_or(0);
    }
    true
}

/// A slice's name: its captures, joined as ArchUnit's default slice description joins them (`Slice a - b`).
fn slice_name(captures: &[String]) -> String {
    captures.join(" - ")
}

/// `Slice a`, as ArchUnit describes a slice named by its captures.
fn slice_description(names: &[String], i: usize) -> String {
    format!("Slice {}", names.get(i).map_or("", String::as_str))
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
            let desc = |i: usize| slice_description(&s.names, i);
            let mut names: Vec<String> = cycle.iter().map(|&i| desc(i)).collect();
            names.push(desc(cycle.first().copied().unwrap_or(0)));
            let mut message = format!("Cycle detected: {}", names.join(" -> \n                "));
            let mut first: Option<&Dependency> = None;
            for (k, &from) in cycle.iter().enumerate() {
                let to = cycle.get((k + 1) % cycle.len()).copied().unwrap_or(from);
                message.push_str(&format!("\n  {}. Dependencies of {}", k + 1, desc(from)));
                // Edges recur across cycles: describe and sort each edge's dependencies once.
                let deps = shown.entry((from, to)).or_insert_with(|| {
                    let d = sorted(ctx, edges.get(&(from, to)).map_or(&[][..], Vec::as_slice));
                    d.iter().take(MAX_DEPENDENCIES_PER_EDGE).map(|(text, d)| (text.to_owned(), d)).collect()
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
