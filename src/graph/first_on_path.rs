//! The pass between the targets' extraction and the classpath: the first class of each name on the path is kept
//! (later entries of a name already taken were set aside unread), calls to synthetic accessors are spliced, and each
//! chunk's edges get their origins.

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::build::{chunks_of, BuildStats, Chunk, Parsed};
use super::intern::Interner;
use super::model::*;
use crate::inputs::ClassEntry;

/// Entries in path order → the first entry of each name hint in chunks, and the later ones (`module-info`s aside:
/// every modular jar has one). The mask is made first and the entries moved once, into their chunks.
pub(super) fn set_aside_shadowed(entries: Vec<ClassEntry>) -> (Vec<Vec<ClassEntry>>, Vec<ClassEntry>) {
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
pub(super) struct FirstOnPath {
    pub(super) by_name: FxHashMap<Sym, ClassId>,
    pub(super) dup_per_input: FxHashMap<u32, usize>,
    pub(super) accessors: Accessors,
    /// Classes kept so far.
    pub(super) kept: usize,
    /// Per chunk picked, the id of its first class.
    pub(super) first_ids: Vec<usize>,
    /// The last line of the classes kept so far, in reading order (see `build::carry_lines_between_classes`).
    pub(super) previous_line: u16,
}

impl FirstOnPath {
    pub(super) fn with_capacity(items: usize) -> Self {
        FirstOnPath {
            by_name: FxHashMap::with_capacity_and_hasher(items, Default::default()),
            dup_per_input: FxHashMap::default(),
            accessors: Accessors::default(),
            kept: 0,
            first_ids: Vec::new(),
            previous_line: 0,
        }
    }

    /// Counts the entries set aside whose name is taken as duplicates, and returns the others: the earlier entry of
    /// their name could not be read or held another class, so they are read after all, and the class files decide,
    /// as for every other entry.
    pub(super) fn shadowed(
        &mut self,
        entries: Vec<ClassEntry>,
        strings: &Interner,
        stats: &mut BuildStats,
    ) -> Vec<ClassEntry> {
        let mut unread = Vec::new();
        for e in entries {
            if self.by_name.contains_key(&super::names::class_name(strings, e.name_hint())) {
                self.duplicate(e.origin.input.0, stats);
            } else {
                unread.push(e);
            }
        }
        unread
    }

    fn duplicate(&mut self, input: u32, stats: &mut BuildStats) {
        stats.duplicates += 1;
        *self.dup_per_input.entry(input).or_default() += 1;
    }

    /// One pass reading what each item keeps beside its box: the boxes, made on other threads, are a cache miss
    /// apiece, and this pass runs on one thread.
    pub(super) fn pick(&mut self, chunks: &mut [Chunk], stats: &mut BuildStats) {
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
                    for (name, desc, mut deps) in std::mem::take(&mut x.accessors) {
                        // An access before any line-number entry of the accessor's class takes the line the class
                        // read before *that* class ended on, as ArchUnit's one access recorder visits the
                        // accessor's body there; spliced into its caller (another class of the nest), it would take
                        // the line before the caller: `Constructor <org.apache.hadoop.yarn.proto.YarnProtos$
                        // ContainerRetryContextProto$Builder.<init>()> calls method <...YarnProtos$
                        // ContainerRetryContextProto.emptyIntList()> in (YarnProtos.java:24518)`, through
                        // `access$6900()` of the outer class, in hadoop-client-api's classes without line tables.
                        for d in deps.iter_mut().filter(|d| d.line_from_previous_class) {
                            d.line = self.previous_line;
                            d.line_from_previous_class = false;
                        }
                        self.accessors.insert(head.name, name, desc, deps);
                    }
                }
                self.previous_line = head.last_line.unwrap_or(self.previous_line);
            }
        }
    }
}

/// The bodies of synthetic accessors, by class, name and descriptor.
#[derive(Default)]
pub(super) struct Accessors {
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
    wants.take(); // the pass in place may have met some names: start again
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
pub(super) struct Finished {
    pub(super) classes: Vec<Class>,
    pub(super) failed: Vec<String>,
    pub(super) deps: Vec<Dependency>,
    /// What its classes want from the classpath, in the order met.
    pub(super) wants: Vec<Sym>,
    /// Its edges by kind, as [`super::Graph::dependencies`] gives them.
    pub(super) by_kind: [usize; DepKind::COUNT],
}

/// Gives each chunk's edges their origins and splices calls to synthetic accessors (every edge written once more),
/// and its classes leave their boxes, in parallel: one thread freeing every box took a third of this phase. The pass
/// also lists what each chunk's classes want from the classpath (each name once per chunk, in the order met) and
/// counts their edges by kind, while the edges are in the cache: read afterwards on one thread, all the edges were a
/// tenth of a second on the Spark corpus.
pub(super) fn finish_all(
    parsed: Vec<Chunk>,
    first_ids: Vec<usize>,
    accessors: &Accessors,
    primitives: &SymSet,
) -> Vec<Finished> {
    parsed
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
                let deps = finish_chunk(deps, &mut chunk_classes, first, accessors, &mut wants);
                (deps, wants.take())
            });
            let mut by_kind = [0; DepKind::COUNT];
            for c in &chunk_classes {
                let own = deps.get(c.deps.start as usize..c.deps.end as usize).unwrap_or_default();
                for d in own.iter().filter(|d| super::from_self(d, c.name, primitives)) {
                    if let Some(n) = by_kind.get_mut(d.kind as usize) {
                        *n += 1;
                    }
                }
            }
            Finished { classes: chunk_classes, failed, deps, wants, by_kind }
        })
        .collect()
}

/// The names classes make the graph want to know about, each once, in the order met: what they depend on, their
/// supertypes, their annotation types.
pub(super) struct Wants<'s> {
    /// The names already met.
    pub(super) seen: &'s mut SymSet,
    pub(super) out: Vec<Sym>,
}

impl Wants<'_> {
    pub(super) fn want(&mut self, s: Sym) {
        if self.seen.insert(s) {
            self.out.push(s);
        }
    }

    /// The names met, forgotten by `seen`, which is ready for other names.
    fn take(&mut self) -> Vec<Sym> {
        let out = std::mem::take(&mut self.out);
        out.iter().for_each(|&s| self.seen.remove(s));
        out
    }

    /// What a class wants besides its dependencies' targets.
    pub(super) fn declared(&mut self, c: &Class) {
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
