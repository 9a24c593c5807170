//! Packs bundled in library jars: a library author ships `META-INF/archrules/*.arch` inside the library's own jar.
//! When that jar is on the classpath its packs run, but only against targets that use the library (Nebula's
//! "bundled rule libraries"). Classpath classes enter the graph only when a target references them, so "the library
//! is used" is: the graph holds a classpath class that came from that jar.

use super::discover::is_pack_entry;
use super::{LoadedPack, PackError, PackOrigin, PackSource};
use crate::graph::{ClassId, Graph, Role};
use crate::inputs::{self, InputId, Origin};
use crate::rules::ir;
use rustc_hash::FxHashSet;
use std::path::PathBuf;

/// One library: an input, plus the nested jar inside it (`BOOT-INF/lib/dep.jar`) when the library is nested in a
/// fat jar on the classpath.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Library {
    pub input: InputId,
    pub nested: Option<String>,
}

impl Library {
    /// The library an entry belongs to: its input and the jar path before the entry's last `!/`.
    pub fn of(origin: &Origin) -> Library {
        let nested = origin.entry.as_deref().and_then(|e| e.rfind("!/").map(|i| e[..i].to_owned()));
        Library { input: origin.input, nested }
    }
}

/// A pack found in a classpath jar, with the library it belongs to.
#[derive(Debug, Clone)]
pub struct LibraryPack {
    pub library: Library,
    pub source: PackSource,
}

/// Every `META-INF/archrules/*.arch` of a classpath input, in resource order.
pub fn library_packs(graph: &Graph) -> Vec<LibraryPack> {
    graph
        .resources
        .iter()
        .filter(|r| is_pack_entry(&r.path) && input_role(graph, r.origin.input) == Some(inputs::Role::Classpath))
        .map(|r| {
            let location = r.origin.display(&graph.inputs);
            let library = Library::of(&r.origin);
            let text = String::from_utf8_lossy(&r.bytes).into_owned();
            let origin = PackOrigin::Library { location: location.clone() };
            LibraryPack { library, source: PackSource { name: location, text, origin } }
        })
        .collect()
}

/// Whether the pack is one of `entries` (canonical jar path, entry name): a jar also given to `--rules`.
pub fn entry_in(graph: &Graph, lp: &LibraryPack, entries: &[(PathBuf, String)]) -> bool {
    if lp.library.nested.is_some() || entries.is_empty() {
        return false;
    }
    let Some(input) = graph.inputs.get(lp.library.input.0 as usize) else { return false };
    let jar = super::config::canonical(&input.path);
    let entry = lp.source.name.rsplit_once("!/").map_or("", |(_, entry)| entry);
    entries.iter().any(|(j, e)| *j == jar && e == entry)
}

/// The id a pack's header declares (`pack "com.acme.lib" { ... }`), read without parsing the rest: a pack that does
/// not load can still be named, disabled and reported by its id. Comments and blank lines before it are skipped.
pub fn header_id(text: &str) -> Option<&str> {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with("//"))?;
    let rest = line.strip_prefix("pack")?.trim_start().strip_prefix('"')?;
    rest.split_once('"').map(|(id, _)| id).filter(|id| !id.is_empty())
}

/// What stands in the pack list for a library pack that does not load: its header's id (else its location), no
/// rules, so that `--disable` and `rules --all` know it.
pub fn placeholder(source: &PackSource) -> LoadedPack {
    let id = header_id(&source.text).unwrap_or(&source.name).to_owned();
    let pack = ir::Pack {
        id,
        description: None,
        origin: source.origin.to_string(),
        params: Default::default(),
        rules: Vec::new(),
    };
    LoadedPack { pack, origin: source.origin.clone(), source: Some(source.text.clone()) }
}

/// A load error on one line: each DSL error with its line (`line 2: unknown condition 'x' (did you mean 'y'?)`).
pub fn failure_text(error: &PackError) -> String {
    let PackError::Dsl { report, .. } = error else { return error.to_string() };
    let source = report.source_code();
    let line_of = |d: &dyn miette::Diagnostic| {
        let offset = d.labels()?.next()?.offset();
        let source = source?;
        let contents = source.read_span(&(offset, 0).into(), 0, 0).ok()?;
        Some(contents.line() + 1)
    };
    let mut parts: Vec<String> = Vec::new();
    for d in report.related().into_iter().flatten() {
        let mut text = d.to_string();
        if let Some(line) = line_of(d) {
            text = format!("line {line}: {text}");
        }
        if let Some(help) = d.help() {
            text = format!("{text} ({help})");
        }
        parts.push(text);
    }
    if parts.is_empty() {
        parts.push(report.to_string());
    }
    parts.join("; ")
}

fn input_role(graph: &Graph, input: InputId) -> Option<inputs::Role> {
    graph.inputs.get(input.0 as usize).map(|i| i.role)
}

/// The classpath classes in the graph that came from the library.
pub fn library_classes<'g>(graph: &'g Graph, library: &'g Library) -> impl Iterator<Item = ClassId> + 'g {
    graph
        .classes()
        .filter(move |(_, c)| {
            c.role == Role::Classpath && c.origin.as_ref().is_some_and(|o| Library::of(o) == *library)
        })
        .map(|(id, _)| id)
}

/// Is the library used: does a target reference one of its classes?
pub fn library_used(graph: &Graph, library: &Library) -> bool {
    library_classes(graph, library).next().is_some()
}

/// The target classes with a direct dependency on one of the library's classes: where its packs apply.
pub fn library_users(graph: &Graph, library: &Library) -> FxHashSet<ClassId> {
    let mut users = FxHashSet::default();
    for lib_class in library_classes(graph, library) {
        for dep in graph.dependents(graph.class(lib_class).name) {
            if graph.class(dep.origin).role == Role::Target {
                users.insert(dep.origin);
            }
        }
    }
    users
}

/// The target inputs (class directories, jars) that use the library.
pub fn library_user_inputs(graph: &Graph, library: &Library) -> Vec<InputId> {
    let mut inputs: Vec<InputId> = library_users(graph, library)
        .into_iter()
        .filter_map(|c| graph.class(c).origin.as_ref().map(|o| o.input))
        .collect();
    inputs.sort();
    inputs.dedup();
    inputs
}

/// The library's own package root as an ArchUnit pattern (`com.example.lib..`): the longest package prefix shared by
/// its classes in the graph. Offered to its packs as the `libraryPackages` parameter.
pub fn library_packages(graph: &Graph, library: &Library) -> Option<String> {
    let mut common: Option<Vec<&str>> = None;
    for id in library_classes(graph, library) {
        let package: Vec<&str> = graph.str(graph.class(id).package).split('.').collect();
        common = Some(match common {
            None => package,
            Some(c) => c.iter().zip(&package).take_while(|(a, b)| a == b).map(|(a, _)| *a).collect(),
        });
    }
    common.filter(|c| c.iter().any(|s| !s.is_empty())).map(|c| format!("{}..", c.join(".")))
}

/// The analysed code's own classes as one regex over full class names: the lifecycle pack's `ownClasses`, standing
/// in for "the target class comes from another input" until the IR can say that. For each target package, the
/// shortest prefix of at least two segments under which the graph holds no classpath class (`com[.]acme[.].*`);
/// when every prefix is shared with the classpath, the package itself (`com[.]acme[.]app[.][^.]+`).
pub fn own_classes_regex(graph: &Graph) -> Option<String> {
    let classpath_packages: FxHashSet<&str> =
        graph.classes().filter(|(_, c)| c.role == Role::Classpath).map(|(_, c)| graph.str(c.package)).collect();
    let shared = |prefix: &str| {
        classpath_packages
            .iter()
            .any(|p| p.strip_prefix(prefix).is_some_and(|rest| rest.is_empty() || rest.starts_with('.')))
    };
    let mut target_packages: Vec<&str> =
        graph.targets().map(|(_, c)| graph.str(c.package)).filter(|p| !p.is_empty()).collect();
    target_packages.sort_unstable();
    target_packages.dedup();
    let mut patterns: Vec<String> = target_packages
        .iter()
        .map(|package| {
            let segments: Vec<&str> = package.split('.').collect();
            let escaped = |n: usize| segments[..n].iter().map(|s| regex::escape(s)).collect::<Vec<_>>().join("[.]");
            (2..=segments.len())
                .find(|&n| !shared(&segments[..n].join(".")))
                .map_or_else(|| format!("{}[.][^.]+", escaped(segments.len())), |n| format!("{}[.].*", escaped(n)))
        })
        .collect();
    patterns.sort();
    patterns.dedup();
    // A root pattern makes the longer ones under it redundant.
    let roots: Vec<String> =
        patterns.iter().filter(|p| p.ends_with("[.].*")).map(|p| p.trim_end_matches(".*").to_owned()).collect();
    patterns.retain(|p| !roots.iter().any(|r| p.starts_with(r.as_str()) && p.len() > r.len() + 2));
    if patterns.is_empty() {
        None
    } else {
        Some(patterns.join("|"))
    }
}

/// Packages of libraries that mark their public API with `@Public`: the packages of classpath classes carrying an
/// annotation whose simple name is `Public` or `PublicEvolving` (Flink's convention), as one ArchUnit pattern
/// (`com.lib..`, or `[com.lib|org.other]..`). Offered to the lifecycle pack as `publicApiPackages`. Only classes a
/// target references are in the graph, so a library is recognised when the targets use at least one marked class.
pub fn public_api_packages(graph: &Graph) -> Option<String> {
    let marked = |c: &crate::graph::Class| {
        c.annotations.iter().any(|a| {
            let name = graph.str(a.type_name);
            matches!(name.rsplit(['.', '$']).next(), Some("Public" | "PublicEvolving"))
        })
    };
    let mut packages: Vec<&str> = graph
        .classes()
        .filter(|(_, c)| c.role == Role::Classpath && marked(c))
        .map(|(_, c)| graph.str(c.package))
        .filter(|p| !p.is_empty())
        .collect();
    packages.sort_unstable();
    packages.dedup();
    match packages.as_slice() {
        [] => None,
        [one] => Some(format!("{one}..")),
        many => Some(format!("[{}]..", many.join("|"))),
    }
}
