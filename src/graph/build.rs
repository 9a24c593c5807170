//! Building the graph: targets are read, inflated, parsed in full and extracted in parallel; the classpath and JDK are
//! indexed by entry name and only the classes that targets reach (and their supertypes and annotation types) are
//! parsed, header only, in parallel rounds until nothing new is reached.

use super::intern::{Interner, LocalStrings};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::borrow::Borrow;

use super::annotation_defaults::Defaults;
use super::classpath::load_classpath;
use super::extract::{extract, Extracted, Scratch};
use super::first_on_path::{finish_all, set_aside_shadowed, Finished, FirstOnPath};
use super::model::*;
use super::republish::Republish;
use super::{Edges, Graph};
use crate::bytecode::{self, Depth};
use crate::inputs::{self, ClassEntry, Opened};

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Index the dependencies by target (who depends on X) while building, rather than at the first query that
    /// needs it: rule evaluation does, a summary of the graph does not, and on a large corpus it takes a tenth of a
    /// second. Eager, its time counts as the build's, not the first rule's.
    pub index_dependents: bool,
    /// Also load, for each library class loaded, its enclosing classes and its package's `package-info` when the
    /// classpath has them (never stubs when it does not): where a library declares lifecycle marks that cover the
    /// class (the fleet record). Off, the classpath phase loads only what the targets refer to.
    pub lifecycle_context: bool,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct BuildStats {
    pub target_classes: usize,
    pub classpath_classes: usize,
    /// Distinct classes referenced by targets and found nowhere.
    pub unresolved: usize,
    /// Class entries skipped because an earlier entry on the path had the same class name.
    pub duplicates: usize,
    /// Bytes of class files read (inflated).
    pub class_bytes: u64,
    /// The targets' dependencies by kind ([`DepKind`] as index), as [`Graph::dependencies`] gives them (no
    /// self-references, no primitives), counted as they were put in place.
    pub dependencies_by_kind: [usize; DepKind::COUNT],
    pub warnings: Vec<String>,
    /// How many of `warnings` are about the inputs themselves: files or entries that could not be read or parsed
    /// (what `--strict-inputs` fails on), as opposed to notes such as classes skipped as duplicates.
    pub input_warnings: usize,
    /// Wall time of each phase, for `ARCHRULES_TIMING=1` and the bench.
    #[serde(skip)]
    pub phases: Vec<(&'static str, std::time::Duration, Option<u64>)>,
}

/// The primitive type names, which edges target as the components of primitive arrays.
const PRIMITIVES: [&str; 9] = ["byte", "char", "double", "float", "int", "long", "short", "boolean", "void"];

pub fn build(opened: Opened, opts: &BuildOptions) -> Graph {
    let Opened { inputs, entries, resources, warnings } = opened;
    let mut stats = BuildStats {
        warnings: warnings.iter().map(ToString::to_string).collect(),
        input_warnings: warnings.len(),
        ..BuildStats::default()
    };
    let strings = Interner::default();
    let mut clock = std::time::Instant::now();
    let mut lap = |stats: &mut BuildStats, phase: &'static str| {
        stats.phases.push((phase, clock.elapsed(), resident_mb()));
        clock = std::time::Instant::now();
    };

    // Libraries nested in a fat jar or war are dependencies of the application around them, not part of it.
    let is_target = |e: &ClassEntry| {
        !e.origin.is_nested() && inputs.get(e.origin.input.0 as usize).is_some_and(|i| i.role == inputs::Role::Target)
    };
    // Targets are listed first: moving them out of the front leaves the classpath where it is, where a partition
    // into two new vectors wrote every entry again into fresh pages (a large classpath lists 160k entries).
    let mut classpath = entries;
    let leading = classpath.iter().position(|e| !is_target(e)).unwrap_or(classpath.len());
    let mut targets: Vec<ClassEntry> = if leading == classpath.len() {
        std::mem::take(&mut classpath) // no classpath: the list itself, not a copy beside an emptied one
    } else {
        classpath.drain(..leading).collect()
    };
    if classpath.iter().any(is_target) {
        let (more, rest): (Vec<ClassEntry>, Vec<ClassEntry>) = classpath.into_iter().partition(is_target);
        targets.extend(more);
        classpath = rest;
    }

    // A name an earlier target entry already holds (a shaded copy, a jar listed twice) is set aside unread, as a
    // class loader would never look at it: reading and parsing such entries only to drop them was ~4% of the Spark
    // corpus's class bytes.
    let (targets, shadowed) = set_aside_shadowed(targets);
    let mut parsed = parse_all(targets, Depth::Full, Role::Target, &strings, &inputs);
    lap(&mut stats, "read+parse+extract targets");
    let mut first = FirstOnPath::with_capacity(parsed.iter().map(|c| c.items.len()).sum());
    first.pick(&mut parsed, &mut stats);
    let retry = first.shadowed(shadowed, &strings, &mut stats);
    if !retry.is_empty() {
        let mut more = parse_all(chunks_of(retry), Depth::Full, Role::Target, &strings, &inputs);
        first.pick(&mut more, &mut stats);
        parsed.extend(more);
    }
    let FirstOnPath { mut by_name, dup_per_input, accessors, kept, first_ids, previous_line: _ } = first;
    // Every string a target edge names is interned by now, and no edge is added later: a primitive name not yet seen
    // is in no edge, so this set serves the graph's queries too.
    let mut primitives = SymSet::default();
    PRIMITIVES.iter().filter_map(|p| strings.get(p)).for_each(|p| {
        primitives.insert(p);
    });
    let finished = finish_all(parsed, first_ids, &accessors, &primitives);
    let defaults = Defaults::of(finished.iter().flat_map(|f| f.classes.iter()));
    let mut classes: Vec<Class> = Vec::with_capacity(kept);
    let mut dependencies = Edges::default();
    let mut target_wants = Vec::with_capacity(finished.len());
    let mut previous_line = 0;
    for Finished { classes: mut chunk_classes, failed, mut deps, wants, by_kind } in finished {
        for (total, n) in stats.dependencies_by_kind.iter_mut().zip(by_kind) {
            *total += n;
        }
        target_wants.push(wants);
        previous_line = carry_lines_between_classes(&chunk_classes, &mut deps, previous_line);
        if !defaults.is_empty() {
            let first = classes.len() as u32;
            let added = defaults.add_edges(&mut chunk_classes, &mut deps, first, &primitives);
            if let Some(n) = stats.dependencies_by_kind.get_mut(DepKind::AnnotationMember as usize) {
                *n += added;
            }
        }
        let base = dependencies.push_segment(deps);
        classes.extend(chunk_classes.into_iter().map(|mut class| {
            class.deps = base + class.deps.start..base + class.deps.end;
            class
        }));
        stats.input_warnings += failed.len();
        stats.warnings.extend(failed);
    }
    stats.target_classes = classes.len();
    lap(&mut stats, "first on the path, accessor calls, edges in place");

    load_classpath(
        &classpath.iter().collect::<Vec<_>>(),
        target_wants,
        &strings,
        &inputs,
        &mut classes,
        &mut by_name,
        &mut stats,
        opts.lifecycle_context,
    );
    lap(&mut stats, "classpath");

    for (input, n) in dup_per_input {
        if let Some(i) = inputs.get(input as usize) {
            stats
                .warnings
                .push(format!("{}: {n} classes skipped, already defined earlier on the path", i.path.display()));
        }
    }

    let mut by_package: FxHashMap<Sym, Vec<ClassId>> = FxHashMap::default();
    for (i, c) in classes.iter().enumerate() {
        by_package.entry(c.package).or_default().push(ClassId(i as u32));
    }
    let strings = strings.freeze();
    let mut graph = Graph {
        primitives,
        strings,
        classes,
        dependencies,
        by_name,
        by_package,
        dependents: std::sync::OnceLock::new(),
        inputs,
        resources,
        stats,
    };
    if opts.index_dependents {
        graph.reverse_index();
        lap(&mut graph.stats, "index");
    }
    graph
}

/// Places the accesses each class makes before its first line-number entry at the last line of the class before it,
/// in reading order (a jar's entry order), as ArchUnit's one access recorder for a whole import does (see
/// `Extractor::code`); returns the line the last of these classes ends on.
fn carry_lines_between_classes(classes: &[Class], deps: &mut [Dependency], mut previous: u16) -> u16 {
    for c in classes {
        let range = c.deps.start as usize..c.deps.end as usize;
        for d in deps.get_mut(range).unwrap_or_default() {
            if d.line_from_previous_class {
                d.line = previous;
                d.line_from_previous_class = false;
            }
        }
        previous = c.last_line.unwrap_or(previous);
    }
    previous
}

/// What one run of consecutive entries produced, parsed in order on one thread.
pub(super) struct Chunk {
    pub(super) items: Vec<Parsed>,
    /// The dependencies of every class in `items`; each class's `deps` is its range here.
    pub(super) deps: Vec<Dependency>,
}

pub(super) enum Parsed {
    Class {
        x: Box<Extracted>,
        head: Head,
    },
    Failed(String),
    /// A duplicate class name, dropped.
    Skipped,
}

thread_local! {
    /// How many dependencies the last chunk this thread extracted had.
    static LAST_CHUNK_DEPS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// What the pass that picks the first class of each name reads, kept beside the class's box.
pub(super) struct Head {
    pub(super) name: Sym,
    pub(super) module_info: bool,
    /// Whether the class has synthetic accessors to hand over.
    pub(super) accessors: bool,
    /// The class's last line-number entry ([`Class`]'s `last_line`): the pass places its accessors' accesses made
    /// before any entry of their class.
    pub(super) last_line: Option<u16>,
    /// Bytes of the class file.
    pub(super) bytes: u64,
}

/// Consecutive entries in runs small enough to balance two threads over one big jar, large enough to amortise a
/// chunk's buffers.
pub(super) fn chunks_of<E>(entries: impl IntoIterator<Item = E>) -> Vec<Vec<E>> {
    const CHUNK: usize = 256;
    let entries = entries.into_iter();
    let mut chunks: Vec<Vec<E>> = Vec::with_capacity(entries.size_hint().0 / CHUNK + 1);
    for e in entries {
        match chunks.last_mut() {
            Some(last) if last.len() < CHUNK => last.push(e),
            _ => {
                let mut chunk = Vec::with_capacity(CHUNK);
                chunk.push(e);
                chunks.push(chunk);
            }
        }
    }
    chunks
}

/// Reads, parses and extracts entries in parallel chunks. Entries are consumed as they are read, so a jar is
/// unmapped as soon as its last entry has been parsed rather than at the end of the run.
pub(super) fn parse_all<E: Borrow<ClassEntry> + Send>(
    chunks: Vec<Vec<E>>,
    depth: Depth,
    role: Role,
    strings: &Interner,
    inputs: &[inputs::Input],
) -> Vec<Chunk> {
    chunks
        .into_par_iter()
        .map(|chunk| {
            // Sized like this thread's previous chunk, usually more of the same jar: grown from empty, the buffer
            // was copied several times over.
            let mut deps = Vec::with_capacity(LAST_CHUNK_DEPS.get() + LAST_CHUNK_DEPS.get() / 4);
            let mut scratch = Scratch::default();
            let strings = LocalStrings::new(strings);
            let mut buf = Vec::new();
            let mut items: Vec<Parsed> = chunk
                .into_iter()
                .map(|e| {
                    let e = e.borrow();
                    let bytes = match e.read_in(&mut buf) {
                        Ok(b) => b,
                        Err(err) => return Parsed::Failed(err.to_string()),
                    };
                    match bytecode::parse(bytes, depth) {
                        Ok(cf) => {
                            let x =
                                extract(&cf, bytes, &strings, role, Some(e.origin.clone()), &mut deps, &mut scratch);
                            let head = Head {
                                name: x.class.name, // local until published
                                module_info: x.class.kind == ClassKind::ModuleInfo,
                                accessors: !x.accessors.is_empty(),
                                last_line: x.class.last_line,
                                bytes: bytes.len() as u64,
                            };
                            Parsed::Class { x: Box::new(x), head }
                        }
                        Err(err) => Parsed::Failed(format!("{}: {err}", e.origin.display(inputs))),
                    }
                })
                .collect();
            let shared = Republish(&strings.publish());
            for item in items.iter_mut() {
                if let Parsed::Class { x, head } = item {
                    shared.extracted(x);
                    head.name = x.class.name;
                }
            }
            shared.dependencies(&mut deps);
            LAST_CHUNK_DEPS.set(deps.len());
            // Give the unused tail back before the chunk waits for the others.
            deps.shrink_to_fit();
            Chunk { items, deps }
        })
        .collect()
}

/// Counting sort of dependency indexes by target symbol: `start[sym]..start[sym + 1]` in the returned list.
pub(super) fn reverse_index(deps: &Edges, symbols: usize) -> (Vec<u32>, Vec<u32>) {
    let mut start = vec![0u32; symbols + 2];
    for d in deps.iter() {
        start[d.target.index() + 2] += 1;
    }
    for i in 2..start.len() {
        start[i] += start[i - 1];
    }
    let mut out = vec![0u32; deps.len()];
    for (i, d) in deps.iter().enumerate() {
        let slot = &mut start[d.target.index() + 1];
        out[*slot as usize] = i as u32;
        *slot += 1;
    }
    start.pop();
    (start, out)
}

/// Resident memory now and at its peak (MB), from `/proc/self/status` where there is one, for the timing output.
fn resident_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse::<u64>()
        .ok()?;
    Some(kb / 1024)
}
