//! Building the graph: targets are read, inflated, parsed in full and extracted in parallel; the classpath and JDK are
//! indexed by entry name and only the classes that targets reach (and their supertypes and annotation types) are
//! parsed, header only, in parallel rounds until nothing new is reached.

use super::intern::{CachedInterner, Interner};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use std::borrow::Borrow;

use super::extract::{extract, Extracted, Scratch};
use super::model::*;
use super::{Edges, Graph};
use crate::bytecode::{self, Depth};
use crate::inputs::{self, ClassEntry, Opened};

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Index the dependencies by target (who depends on X) while building, rather than at the first query that
    /// needs it: rule evaluation does, a summary of the graph does not, and on a large corpus it takes a tenth of a
    /// second. Eager, its time counts as the build's, not the first rule's.
    pub index_dependents: bool,
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
    /// Wall time of each phase, for `ARCHRULES_TIMING=1` and the bench.
    #[serde(skip)]
    pub phases: Vec<(&'static str, std::time::Duration, Option<u64>)>,
}

const PRIMITIVES: [&str; 9] = ["byte", "char", "double", "float", "int", "long", "short", "boolean", "void"];

pub fn build(opened: Opened, opts: &BuildOptions) -> Graph {
    let Opened { inputs, entries, resources, warnings } = opened;
    let mut stats =
        BuildStats { warnings: warnings.iter().map(ToString::to_string).collect(), ..BuildStats::default() };
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
    // An entry set aside is a duplicate when its name is taken. When it is not (the earlier entry could not be read
    // or held another class), it is read now and the class files decide, as for every other entry.
    let mut retry = Vec::new();
    {
        let front = CachedInterner::new(&strings);
        for e in shadowed {
            if first.by_name.contains_key(&super::names::class_name(&front, e.name_hint())) {
                first.duplicate(e.origin.input.0, &mut stats);
            } else {
                retry.push(e);
            }
        }
    }
    if !retry.is_empty() {
        let mut more = parse_all(chunks_of(retry), Depth::Full, Role::Target, &strings, &inputs);
        first.pick(&mut more, &mut stats);
        parsed.extend(more);
    }
    let FirstOnPath { mut by_name, dup_per_input, accessors, kept, first_ids } = first;
    // Each chunk's edges get their origins (every edge written once more), and its classes leave their boxes, in
    // parallel: one thread freeing every box took a third of this phase.
    // The pass also lists what each chunk's classes want from the classpath (each name once per chunk, in the
    // order met), while their edges are in the cache: read afterwards on one thread, all the edges were a tenth of
    // a second on the Spark corpus.
    // Every string a target edge names is interned by now: primitive names not yet seen are in no edge.
    let mut primitives = SymSet::default();
    PRIMITIVES.iter().filter_map(|p| strings.get(p)).for_each(|p| {
        primitives.insert(p);
    });
    let finished: Vec<Finished> = parsed
        .into_par_iter()
        .zip(first_ids)
        .map(|(Chunk { items, deps }, first)| {
            let mut chunk_classes = Vec::with_capacity(items.len());
            let mut failed = Vec::new();
            for item in items {
                match item {
                    Parsed::Class { x, .. } => chunk_classes.push(x.class),
                    Parsed::Failed(w) => failed.push(w),
                    Parsed::Skipped => {}
                }
            }
            let (deps, wants) = CHUNK_WANTS.with_borrow_mut(|seen| {
                let mut wants = Wants { seen, out: Vec::new() };
                let deps = finish_chunk(deps, &mut chunk_classes, first, &accessors, &mut wants);
                let out = std::mem::take(&mut wants.out);
                out.iter().for_each(|&s| wants.seen.remove(s));
                (deps, out)
            });
            let mut by_kind = [0; DepKind::COUNT];
            for c in &chunk_classes {
                let own = deps.get(c.deps.start as usize..c.deps.end as usize).unwrap_or_default();
                for d in own.iter().filter(|d| d.target != c.name && !primitives.contains(d.target)) {
                    if let Some(n) = by_kind.get_mut(d.kind as usize) {
                        *n += 1;
                    }
                }
            }
            Finished { classes: chunk_classes, failed, deps, wants, by_kind }
        })
        .collect();
    let mut classes: Vec<Class> = Vec::with_capacity(kept);
    let mut dependencies = Edges::default();
    let mut target_wants = Vec::with_capacity(finished.len());
    for Finished { classes: chunk_classes, failed, deps, wants, by_kind } in finished {
        for (total, n) in stats.dependencies_by_kind.iter_mut().zip(by_kind) {
            *total += n;
        }
        target_wants.push(wants);
        let base = dependencies.push_segment(deps);
        classes.extend(chunk_classes.into_iter().map(|mut class| {
            class.deps = base + class.deps.start..base + class.deps.end;
            class
        }));
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
    let primitives = PRIMITIVES.iter().filter_map(|p| strings.get(p)).collect();
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

/// Entries in path order → the first entry of each name hint in chunks, and the later ones (`module-info`s aside:
/// every modular jar has one). The mask is made first and the entries moved once, into their chunks.
fn set_aside_shadowed(entries: Vec<ClassEntry>) -> (Vec<Vec<ClassEntry>>, Vec<ClassEntry>) {
    let mut seen: FxHashSet<&str> = FxHashSet::with_capacity_and_hasher(entries.len(), Default::default());
    let shadowed: Vec<bool> = entries
        .iter()
        .map(|e| {
            let hint = e.name_hint();
            hint != "module-info" && !seen.insert(hint)
        })
        .collect();
    drop(seen);
    let mut later = Vec::new();
    let firsts = entries.into_iter().zip(shadowed).filter_map(|(e, shadowed)| {
        if shadowed {
            // Kept until every first entry is read; its copy lets its jar go meanwhile.
            later.push(e.detached());
            None
        } else {
            Some(e)
        }
    });
    (chunks_of(firsts), later)
}

/// The pass that keeps the first class of each name, in path order, and gathers the synthetic accessors (collected
/// before any chunk is finished, so that calls to them can be spliced: ArchUnit rule 7; the accessor may sit in
/// another class of the nest).
struct FirstOnPath {
    by_name: FxHashMap<Sym, ClassId>,
    dup_per_input: FxHashMap<u32, usize>,
    accessors: Accessors,
    /// Classes kept so far.
    kept: usize,
    /// Per chunk picked, the id of its first class.
    first_ids: Vec<usize>,
}

impl FirstOnPath {
    fn with_capacity(items: usize) -> Self {
        FirstOnPath {
            by_name: FxHashMap::with_capacity_and_hasher(items, Default::default()),
            dup_per_input: FxHashMap::default(),
            accessors: Accessors::default(),
            kept: 0,
            first_ids: Vec::new(),
        }
    }

    fn duplicate(&mut self, input: u32, stats: &mut BuildStats) {
        stats.duplicates += 1;
        *self.dup_per_input.entry(input).or_default() += 1;
    }

    /// One pass reading what each item keeps beside its box: the boxes, made on other threads, are a cache miss
    /// apiece, and this pass runs on one thread.
    fn pick(&mut self, chunks: &mut [Chunk], stats: &mut BuildStats) {
        for chunk in chunks.iter_mut() {
            self.first_ids.push(self.kept);
            for item in chunk.items.iter_mut() {
                let Parsed::Class { x, head } = item else { continue };
                stats.class_bytes += head.bytes;
                // Every modular jar has a `module-info`: those are not duplicates of each other.
                if !head.module_info && self.by_name.contains_key(&head.name) {
                    if let Some(o) = &x.class.origin {
                        self.duplicate(o.input.0, stats);
                    }
                    *item = Parsed::Skipped;
                    continue;
                }
                self.by_name.insert(head.name, ClassId(self.kept as u32));
                self.kept += 1;
                if head.accessors {
                    for (name, desc, deps) in std::mem::take(&mut x.accessors) {
                        self.accessors.insert(head.name, name, desc, deps);
                    }
                }
            }
        }
    }
}

/// The bodies of synthetic accessors, by class, name and descriptor.
#[derive(Default)]
struct Accessors {
    bodies: FxHashMap<(Sym, Sym, Sym), Vec<Dependency>>,
    /// Their names (`access$000`, ...): a bit per name answers for nearly every call, which calls no accessor,
    /// without hashing it (4M calls on the Spark corpus).
    names: SymSet,
}

impl Accessors {
    fn insert(&mut self, class: Sym, name: Sym, descriptor: Sym, body: Vec<Dependency>) {
        self.names.insert(name);
        self.bodies.insert((class, name, descriptor), body);
    }

    /// The body of the accessor `d` calls, if it calls one.
    fn called_by(&self, d: &Dependency) -> Option<&[Dependency]> {
        let m = d.target_member().filter(|m| d.kind == DepKind::MethodCall && self.names.contains(m.name))?;
        self.bodies.get(&(d.target, m.name, m.descriptor)).map(Vec::as_slice)
    }
}

/// Gives a chunk's edges their origin ids and splices calls to synthetic accessors; leaves each class's `deps` as
/// its range in the returned buffer. The buffer is reused unless a duplicate class left edges behind or an accessor
/// call must be replaced.
fn finish_chunk(
    mut deps: Vec<Dependency>,
    classes: &mut [Class],
    first_id: usize,
    accessors: &Accessors,
    wants: &mut Wants<'_>,
) -> Vec<Dependency> {
    let range = |c: &Class| c.deps.start as usize..c.deps.end as usize;
    let owned: usize = classes.iter().map(|c| c.deps.len()).sum();
    // In place, in one pass, unless a call to an accessor of more or fewer than one access turns up (in few chunks),
    // when the chunk starts over.
    if owned == deps.len() && in_place(&mut deps, classes, first_id, accessors, wants) {
        return deps;
    }
    wants.forget();
    let mut out = Vec::with_capacity(owned);
    for (i, c) in classes.iter_mut().enumerate() {
        let id = ClassId((first_id + i) as u32);
        let start = out.len() as u32;
        for d in deps.get(range(c)).unwrap_or(&[]) {
            match accessors.called_by(d) {
                Some(inner) => {
                    out.extend(inner.iter().map(|a| Dependency { origin: id, origin_member: d.origin_member, ..*a }))
                }
                None => out.push(Dependency { origin: id, ..*d }),
            }
        }
        c.deps = start..out.len() as u32;
        out.get(start as usize..).unwrap_or_default().iter().for_each(|d| wants.want(d.target));
        wants.declared(c);
    }
    out
}

/// [`finish_chunk`]'s common case: origins written (and calls to accessors of one access spliced) in place, or
/// `false`, with a part written, when an edge calls an accessor of more or fewer accesses.
fn in_place(
    deps: &mut [Dependency],
    classes: &[Class],
    first_id: usize,
    accessors: &Accessors,
    wants: &mut Wants<'_>,
) -> bool {
    for (i, c) in classes.iter().enumerate() {
        let id = ClassId((first_id + i) as u32);
        for d in deps.get_mut(c.deps.start as usize..c.deps.end as usize).unwrap_or_default() {
            match accessors.called_by(d) {
                None => d.origin = id,
                // Most accessors make one access (a field read or write, a call): it takes the call's place.
                Some([access]) => *d = Dependency { origin: id, origin_member: d.origin_member, ..*access },
                Some(_) => return false,
            }
            wants.want(d.target);
        }
        wants.declared(c);
    }
    true
}

/// A chunk after the pass that gives its edges their origins.
struct Finished {
    classes: Vec<Class>,
    failed: Vec<String>,
    deps: Vec<Dependency>,
    /// What its classes want from the classpath, in the order met.
    wants: Vec<Sym>,
    /// Its edges by kind.
    by_kind: [usize; DepKind::COUNT],
}

/// What one run of consecutive entries produced, parsed in order on one thread.
struct Chunk {
    items: Vec<Parsed>,
    /// The dependencies of every class in `items`; each class's `deps` is its range here.
    deps: Vec<Dependency>,
}

enum Parsed {
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
struct Head {
    name: Sym,
    module_info: bool,
    /// Whether the class has synthetic accessors to hand over.
    accessors: bool,
    /// Bytes of the class file.
    bytes: u64,
}

/// Consecutive entries in runs small enough to balance two threads over one big jar, large enough to amortise a
/// chunk's buffers.
fn chunks_of<E>(entries: impl IntoIterator<Item = E>) -> Vec<Vec<E>> {
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
fn parse_all<E: Borrow<ClassEntry> + Send>(
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
            let strings = CachedInterner::new(strings);
            let mut buf = Vec::new();
            let items = chunk
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
                                name: x.class.name,
                                module_info: x.class.kind == ClassKind::ModuleInfo,
                                accessors: !x.accessors.is_empty(),
                                bytes: bytes.len() as u64,
                            };
                            Parsed::Class { x: Box::new(x), head }
                        }
                        Err(err) => Parsed::Failed(format!("{}: {err}", e.origin.display(inputs))),
                    }
                })
                .collect();
            LAST_CHUNK_DEPS.set(deps.len());
            // Give the unused tail back before the chunk waits for the others.
            deps.shrink_to_fit();
            Chunk { items, deps }
        })
        .collect()
}

/// The names classes make the graph want to know about, each once, in the order met: what they depend on, their
/// supertypes, their annotation types.
struct Wants<'s> {
    /// The names already met.
    seen: &'s mut SymSet,
    out: Vec<Sym>,
}

impl Wants<'_> {
    fn want(&mut self, s: Sym) {
        if self.seen.insert(s) {
            self.out.push(s);
        }
    }

    /// Forgets every name met.
    fn forget(&mut self) {
        self.out.iter().for_each(|&s| self.seen.remove(s));
        self.out.clear();
    }

    /// What a class wants besides its dependencies' targets.
    fn declared(&mut self, c: &Class) {
        c.super_class.iter().chain(c.interfaces.iter()).for_each(|&s| self.want(s));
        c.annotations.iter().for_each(|a| self.want(a.type_name));
        for m in c.members.iter() {
            m.annotations.iter().for_each(|a| self.want(a.type_name));
        }
    }
}

thread_local! {
    /// The names a chunk wants so far: cleared, name by name, after each chunk.
    static CHUNK_WANTS: std::cell::RefCell<SymSet> = std::cell::RefCell::default();
}

/// Loads what the targets want (`target_wants`: per chunk, in path order) from the classpath, and what that wants in
/// turn; names found nowhere become stubs.
fn load_classpath(
    classpath: &[&ClassEntry],
    target_wants: Vec<Vec<Sym>>,
    strings: &Interner,
    inputs: &[inputs::Input],
    classes: &mut Vec<Class>,
    by_name: &mut FxHashMap<Sym, ClassId>,
    stats: &mut BuildStats,
) {
    // First on the path wins, by the internal name the entry path implies. Sized up front: growing it rehashed every
    // name several times, each a cache miss into its entry, and took most of this phase on a large classpath.
    let mut index: FxHashMap<&str, &ClassEntry> =
        FxHashMap::with_capacity_and_hasher(classpath.len(), Default::default());
    for e in classpath {
        index.entry(e.name_hint()).or_insert(e);
    }
    // Classes already in the graph are never asked for.
    let mut asked = SymSet::default();
    for &name in by_name.keys() {
        asked.insert(name);
    }
    let mut frontier = Wants { seen: &mut asked, out: Vec::new() };
    target_wants.into_iter().flatten().for_each(|s| frontier.want(s));
    let mut missing: Vec<Sym> = Vec::new();
    while !frontier.out.is_empty() {
        let mut round: Vec<&ClassEntry> = Vec::new();
        for name in std::mem::take(&mut frontier.out) {
            if by_name.contains_key(&name) {
                continue;
            }
            let binary = strings.resolve(name);
            if binary.starts_with('[') || super::extract::is_primitive_name(&binary) {
                continue;
            }
            match index.get(binary.replace('.', "/").as_str()) {
                Some(e) => round.push(e),
                None => missing.push(name),
            }
        }
        for outcome in parse_all(chunks_of(round.drain(..)), Depth::Header, Role::Classpath, strings, inputs)
            .into_iter()
            .flat_map(|c| c.items)
        {
            match outcome {
                Parsed::Class { x, head } => {
                    stats.class_bytes += head.bytes;
                    if by_name.contains_key(&x.class.name) {
                        continue;
                    }
                    frontier.declared(&x.class);
                    by_name.insert(x.class.name, ClassId(classes.len() as u32));
                    classes.push(x.class);
                    stats.classpath_classes += 1;
                }
                Parsed::Failed(w) => stats.warnings.push(w),
                Parsed::Skipped => {}
            }
        }
    }
    for name in missing {
        if by_name.contains_key(&name) {
            continue;
        }
        stats.unresolved += 1;
        by_name.insert(name, ClassId(classes.len() as u32));
        classes.push(stub(strings, name));
    }
}

fn stub(strings: &Interner, name: Sym) -> Class {
    let binary = strings.resolve(name);
    let package = binary.rfind('.').map_or("", |i| &binary[..i]);
    let simple = binary.rsplit(['.', '$']).next().unwrap_or(&binary);
    Class {
        name,
        package: strings.get_or_intern(package),
        simple_name: strings.get_or_intern(simple),
        kind: ClassKind::Class,
        access: 0,
        inner_access: None,
        nesting: if binary.contains('$') { Nesting::Nested } else { Nesting::TopLevel },
        outer: None,
        super_class: None,
        interfaces: Box::new([]),
        annotations: Box::new([]),
        source_file: None,
        deprecated_attribute: false,
        kotlin: false,
        permitted_subclasses: Box::new([]),
        members: Box::new([]),
        members_annotated: false,
        role: Role::Stub,
        origin: None,
        major_version: 0,
        deps: 0..0,
    }
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
