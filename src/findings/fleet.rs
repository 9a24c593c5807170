//! What the fleet record says beyond the violations, read from the graph after evaluation: the library API elements
//! each target module uses (with their lifecycle status and artifact), and the lifecycle marks the targets declare.
//! The report stage turns these into rows (`report::fleet`); nothing here knows the row format.

use regex::Regex;
use rustc_hash::FxHashMap;

use super::artifact::{Artifact, Artifacts, CoordinatesFrom};
use super::lifecycle::{ApiStatus, Classifier, Lifecycle, LifecycleSets};
use crate::graph::{ClassId, ClassKind, DepKind, Graph, MemberKind, MemberRef, Role, Sym, CLASS_LEVEL};
use crate::inputs::{InputKind, Role as InputRole};

const ACC_SYNTHETIC: u16 = 0x1000;

/// `--fleet-uses`: which library uses become rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FleetUses {
    /// Only uses of elements whose status is neither `public` nor `unmarked`.
    #[default]
    Marked,
    All,
}

impl FleetUses {
    pub fn as_str(self) -> &'static str {
        match self {
            FleetUses::Marked => "marked",
            FleetUses::All => "all",
        }
    }
}

/// What the facts are collected with.
pub struct FleetOptions<'a> {
    pub uses: FleetUses,
    pub sets: &'a LifecycleSets,
    /// Libraries (regex over `group:artifact`, or the artifact alone) whose unmarked elements are public (Kafka's
    /// convention); by default, an unmarked element of a library that marks public API anywhere is internal.
    pub unmarked_public: Option<&'a Regex>,
    /// `--artifact GROUP:ARTIFACT[:VERSION]`: the coordinates of targets that declare none themselves.
    pub artifact: Option<(String, String, Option<String>)>,
}

/// One distinct (consumer member, used element, dependency kind) of a target module onto a library.
#[derive(Debug, Clone, PartialEq)]
pub struct UseFact {
    pub module: String,
    pub consumer_class: String,
    pub consumer_member: Option<String>,
    /// The consumer's `SourceFile` (or ArchUnit's guess); the report locates it under `--source-root`.
    pub source_file: String,
    pub line: u32,
    pub count: u32,
    pub dependency_kind: String,
    pub api_class: String,
    pub api_member: Option<String>,
    pub api_descriptor: Option<String>,
    pub lifecycle: Lifecycle,
    pub library: Artifact,
}

/// One API element of a target carrying a lifecycle mark.
#[derive(Debug, Clone, PartialEq)]
pub struct DeclaredFact {
    pub module: String,
    pub api_class: String,
    pub api_member: Option<String>,
    pub api_descriptor: Option<String>,
    pub lifecycle: Lifecycle,
    pub library: Artifact,
}

#[derive(Debug, Clone, Default)]
pub struct FleetFacts {
    /// Every target input, as the user gave it.
    pub modules: Vec<String>,
    /// Classes the targets refer to that were found nowhere: the uses undercount when this is not 0.
    pub unresolved: usize,
    pub uses_mode: FleetUses,
    pub uses: Vec<UseFact>,
    pub declared: Vec<DeclaredFact>,
}

/// Aggregation key of a use: origin class and member, target, accessed member, kind.
type UseKey = (ClassId, u32, Sym, Option<MemberRef>, DepKind);

struct Pending {
    count: u32,
    line: u32,
    /// The dependency to word the kind and names from (the first seen).
    first: crate::graph::Dependency,
    /// Index into the statuses decided so far, and the status after the unmarked convention.
    lifecycle: usize,
    status: ApiStatus,
}

/// Which library (input and nested-jar chain) each class of the graph comes from, as small numbers: the use scan
/// compares these for each of the targets' dependencies (millions on a large build), never strings.
struct Libraries {
    /// Per class: index into `inputs`, or `NONE` for stubs.
    of_class: Vec<u32>,
    /// Per library: its input.
    inputs: Vec<u32>,
    jdk: Vec<bool>,
}

const NONE: u32 = u32::MAX;

impl Libraries {
    fn index(graph: &Graph) -> Libraries {
        let mut ids: FxHashMap<(u32, &str), u32> = FxHashMap::default();
        let (mut inputs, mut jdk) = (Vec::new(), Vec::new());
        let of_class = graph
            .classes()
            .map(|(_, c)| {
                let Some(o) = c.origin.as_ref() else { return NONE };
                *ids.entry((o.input.0, super::artifact::chain(o))).or_insert_with(|| {
                    inputs.push(o.input.0);
                    jdk.push(graph.inputs.get(o.input.0 as usize).is_some_and(|i| i.role == InputRole::Jdk));
                    (inputs.len() - 1) as u32
                })
            })
            .collect();
        Libraries { of_class, inputs, jdk }
    }

    fn of(&self, class: ClassId) -> u32 {
        self.of_class.get(class.0 as usize).copied().unwrap_or(NONE)
    }
}

pub fn collect(graph: &Graph, opts: &FleetOptions) -> FleetFacts {
    let classifier = Classifier::new(graph, opts.sets);
    let mut artifacts = Artifacts::read(graph);
    let libraries = Libraries::index(graph);
    let input_path = |input: u32| graph.inputs.get(input as usize).map(|i| i.path.display().to_string());
    let marks_public = public_marking_libraries(graph, opts.sets, &libraries);
    // Per library, what its unmarked elements are: decided once, at its first unmarked use.
    let mut unmarked_as: Vec<Option<ApiStatus>> = vec![None; libraries.inputs.len()];

    let mut statuses: Vec<Lifecycle> = Vec::new();
    let mut status_index: FxHashMap<(ClassId, Option<usize>), usize> = FxHashMap::default();
    let mut decided: FxHashMap<(Sym, Option<MemberRef>), (usize, ApiStatus)> = FxHashMap::default();
    let mut pending: FxHashMap<UseKey, Pending> = FxHashMap::default();
    for (id, _) in graph.targets() {
        let own = libraries.of(id);
        if own == NONE {
            continue;
        }
        for d in graph.dependencies(id) {
            let Some(target) = graph.class_by_sym(d.target) else { continue };
            let library = libraries.of(target);
            if library == NONE || library == own || libraries.jdk.get(library as usize).copied().unwrap_or(true) {
                continue;
            }
            // Decided once per used element (class, or member as the instruction names it): resolving an inherited
            // member walks the hierarchy, and most uses are of elements used many times.
            let (index, status) = *decided.entry((d.target, d.target_member())).or_insert_with(|| {
                let element = match d.target_member() {
                    Some(m) => graph.resolve_member_fast(d.target, m).map_or((target, None), |(c, i)| (c, Some(i))),
                    None => (target, None),
                };
                let index = *status_index.entry(element).or_insert_with(|| {
                    statuses.push(classifier.of(element.0, element.1));
                    statuses.len() - 1
                });
                let mut status = statuses.get(index).map_or(ApiStatus::Unmarked, |l| l.status);
                if status == ApiStatus::Unmarked {
                    let slot = &mut unmarked_as[library as usize];
                    status = *slot.get_or_insert_with(|| {
                        unmarked_status(graph, &mut artifacts, target, marks_public[library as usize], opts)
                    });
                }
                (index, status)
            });
            if opts.uses == FleetUses::Marked && !status.is_marked() {
                continue;
            }
            let key: UseKey = (id, d.origin_member, d.target, d.target_member(), d.kind);
            if let Some(p) = pending.get_mut(&key) {
                p.count += 1;
                p.line = first_line(p.line, u32::from(d.line));
                continue;
            }
            pending.insert(key, Pending { count: 1, line: u32::from(d.line), first: *d, lifecycle: index, status });
        }
    }

    let mut uses = Vec::with_capacity(pending.len());
    let mut buf = String::new();
    for ((origin, origin_member, _, member, _), p) in pending {
        let d = &p.first;
        let Some(library_class) = graph.class_by_sym(d.target) else { continue };
        let Some(mut library) = artifacts.of(graph, graph.class(library_class)).cloned() else { continue };
        if graph.class(library_class).role == Role::Target && library.from == CoordinatesFrom::FileName {
            let input = libraries.inputs.get(libraries.of(library_class) as usize).copied().unwrap_or(NONE);
            library.artifact = input_path(input).unwrap_or_default();
            library.version = None;
            library.from = CoordinatesFrom::Module;
        }
        let c = graph.class(origin);
        let consumer_member = (origin_member != CLASS_LEVEL).then(|| c.members.get(origin_member as usize)).flatten();
        buf.clear();
        graph.write_description_middle(&mut buf, d, None);
        let mut lifecycle = statuses.get(p.lifecycle).cloned().unwrap_or_else(Lifecycle::unmarked);
        lifecycle.status = p.status;
        uses.push(UseFact {
            module: c.origin.as_ref().and_then(|o| input_path(o.input.0)).unwrap_or_default(),
            consumer_class: graph.str(c.name).to_owned(),
            consumer_member: consumer_member.map(|m| graph.member_full_name(origin, m)),
            source_file: graph.source_file_name(origin),
            line: p.line,
            count: p.count,
            dependency_kind: verb(&buf).to_owned(),
            api_class: graph.str(d.target).to_owned(),
            api_member: member.map(|_| graph.target_member_name(d)),
            api_descriptor: member.map(|m| descriptor(graph, m)),
            lifecycle,
            library,
        });
    }
    uses.sort_by(|a, b| {
        (&a.module, &a.consumer_class, &a.consumer_member, &a.api_class, &a.api_member, &a.dependency_kind).cmp(&(
            &b.module,
            &b.consumer_class,
            &b.consumer_member,
            &b.api_class,
            &b.api_member,
            &b.dependency_kind,
        ))
    });

    let mut declared = declared(graph, &classifier, &mut artifacts, opts);
    declared.sort_by(|a, b| (&a.module, &a.api_class, &a.api_member).cmp(&(&b.module, &b.api_class, &b.api_member)));
    let modules = graph
        .inputs
        .iter()
        .filter(|i| i.role == InputRole::Target && i.kind != InputKind::JarDirectory)
        .map(|i| i.path.display().to_string())
        .collect();
    FleetFacts { modules, unresolved: graph.stats.unresolved, uses_mode: opts.uses, uses, declared }
}

/// The targets' own marked elements: a class with any status (its own mark, an enclosing class's or its
/// package's), a member only with a mark of its own.
fn declared(
    graph: &Graph,
    classifier: &Classifier,
    artifacts: &mut Artifacts,
    opts: &FleetOptions,
) -> Vec<DeclaredFact> {
    let mut out = Vec::new();
    for (id, class) in graph.targets() {
        if matches!(class.kind, ClassKind::PackageInfo | ClassKind::ModuleInfo) || class.access & ACC_SYNTHETIC != 0 {
            continue;
        }
        let Some(mut library) = artifacts.of(graph, class).cloned() else { continue };
        if let (Some((g, a, v)), CoordinatesFrom::FileName) = (&opts.artifact, library.from) {
            library.group = Some(g.clone());
            library.artifact = a.clone();
            library.version = v.clone();
            library.from = CoordinatesFrom::Option;
        }
        let module = class
            .origin
            .as_ref()
            .and_then(|o| graph.inputs.get(o.input.0 as usize))
            .map(|i| i.path.display().to_string())
            .unwrap_or_default();
        let api_class = graph.str(class.name).to_owned();
        let lifecycle = classifier.of(id, None);
        if lifecycle.status != ApiStatus::Unmarked {
            out.push(DeclaredFact {
                module: module.clone(),
                api_class: api_class.clone(),
                api_member: None,
                api_descriptor: None,
                lifecycle,
                library: library.clone(),
            });
        }
        for (i, m) in class.members.iter().enumerate() {
            // Bridges and other compiler-made members are synthetic: no one declared them.
            if m.access & ACC_SYNTHETIC != 0 || m.kind == MemberKind::StaticInitializer || !classifier.marks_member(m) {
                continue;
            }
            out.push(DeclaredFact {
                module: module.clone(),
                api_class: api_class.clone(),
                api_member: Some(graph.member_full_name(id, m)),
                api_descriptor: Some(descriptor(graph, MemberRef { name: m.name, descriptor: m.descriptor })),
                lifecycle: classifier.of(id, Some(i)),
                library: library.clone(),
            });
        }
    }
    out
}

/// What an unmarked element of a library is: `internal` when the library marks its public API anywhere (Netflix's
/// and Hadoop's convention), unless `unmarkedPublicLibraries` names it (Kafka's: `public`); else `unmarked`.
fn unmarked_status(
    graph: &Graph,
    artifacts: &mut Artifacts,
    class: ClassId,
    marks_public: bool,
    opts: &FleetOptions,
) -> ApiStatus {
    if !marks_public {
        return ApiStatus::Unmarked;
    }
    let public_by_setting = opts.unmarked_public.is_some_and(|re| {
        artifacts.of(graph, graph.class(class)).is_some_and(|a| {
            let ga = a.group.as_ref().map(|g| format!("{g}:{}", a.artifact));
            re.is_match(&a.artifact) || ga.is_some_and(|ga| re.is_match(&ga))
        })
    });
    if public_by_setting {
        ApiStatus::Public
    } else {
        ApiStatus::Internal
    }
}

/// Per library, whether any class of it loaded here, a member of one, or a `package-info` carries a mark of the
/// public set: such a library marks its public API.
fn public_marking_libraries(graph: &Graph, sets: &LifecycleSets, libraries: &Libraries) -> Vec<bool> {
    let mut by_type: FxHashMap<Sym, bool> = FxHashMap::default();
    let mut out = vec![false; libraries.inputs.len()];
    for (id, c) in graph.classes() {
        let Some(marked) = out.get_mut(libraries.of(id) as usize) else { continue };
        if *marked {
            continue;
        }
        let mut is_public = |a: &crate::graph::Annotation| {
            *by_type.entry(a.type_name).or_insert_with(|| sets.is_public(graph.str(a.type_name)))
        };
        let members: &[crate::graph::Member] = if c.members_annotated { &c.members } else { &[] };
        *marked = c.annotations.iter().any(&mut is_public)
            || members.iter().flat_map(|m| m.annotations.iter()).any(is_public);
    }
    out
}

/// The smallest non-zero line: the first line of a use (0 only when no occurrence has one).
fn first_line(current: u32, line: u32) -> u32 {
    match (current, line) {
        (0, l) | (l, 0) => l,
        (a, b) => a.min(b),
    }
}

/// The verb phrase of a dependency description's middle: ` calls method <c.D.n()` → `calls method`,
/// ` has type parameter 'T' depending on <X` → `has type parameter`.
fn verb(middle: &str) -> &str {
    let text = middle.trim_start();
    let end = [" <", " '"].iter().filter_map(|p| text.find(p)).min().unwrap_or(text.len());
    text.get(..end).unwrap_or(text)
}

/// `resize(I)V` for methods and constructors, `size:I` for fields.
fn descriptor(graph: &Graph, m: MemberRef) -> String {
    let (name, desc) = (graph.str(m.name), graph.str(m.descriptor));
    if desc.starts_with('(') {
        format!("{name}{desc}")
    } else {
        format!("{name}:{desc}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs_are_the_words_before_the_target() {
        assert_eq!(verb(" calls method <a.B.c()"), "calls method");
        assert_eq!(verb(" extends class <a.B"), "extends class");
        assert_eq!(verb(" has type parameter 'T' depending on <a.B"), "has type parameter");
        assert_eq!(
            verb(" has generic superclass <a.B<c.D>> with type argument depending on <c.D"),
            "has generic superclass"
        );
    }

    #[test]
    fn the_first_line_is_the_smallest_known_one() {
        assert_eq!(first_line(0, 12), 12);
        assert_eq!(first_line(12, 0), 12);
        assert_eq!(first_line(12, 7), 7);
    }
}
