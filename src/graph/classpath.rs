//! The classpath phase: what the targets want is looked up by entry name, parsed header only, in parallel rounds
//! until nothing new is wanted; names found nowhere become stubs.

use rustc_hash::FxHashMap;

use super::build::{chunks_of, parse_all, BuildStats, Parsed};
use super::first_on_path::Wants;
use super::intern::{Intern, Interner};
use super::model::*;
use crate::bytecode::Depth;
use crate::inputs::{self, ClassEntry};

fn is_jdk(class: &Class, inputs: &[inputs::Input]) -> bool {
    class.origin.as_ref().and_then(|o| inputs.get(o.input.0 as usize)).is_some_and(|i| i.role == inputs::Role::Jdk)
}

/// Loads what the targets want (`target_wants`: per chunk, in path order) from the classpath, and what that wants in
/// turn; names found nowhere become stubs. With `lifecycle_context`, also the enclosing classes and `package-info`
/// of every library class loaded, when present (see [`super::BuildOptions::lifecycle_context`]).
#[allow(clippy::too_many_arguments)]
pub(super) fn load_classpath(
    classpath: &[&ClassEntry],
    target_wants: Vec<Vec<Sym>>,
    strings: &Interner,
    inputs: &[inputs::Input],
    classes: &mut Vec<Class>,
    by_name: &mut FxHashMap<Sym, ClassId>,
    stats: &mut BuildStats,
    lifecycle_context: bool,
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
    // Names asked for only as lifecycle context: not found, they are no stubs (nothing referred to them).
    let mut optional = SymSet::default();
    let mut packages_seen = SymSet::default();
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
                    if lifecycle_context && !is_jdk(&x.class, inputs) {
                        let outer = x.class.outer.filter(|&o| !by_name.contains_key(&o));
                        let package = x.class.package;
                        let info = packages_seen.insert(package).then(|| {
                            let p = strings.resolve(package);
                            let name =
                                if p.is_empty() { "package-info".to_owned() } else { format!("{p}.package-info") };
                            strings.get_or_intern(&name)
                        });
                        // Only names nothing else asked for are optional: a missing class a target refers to stays a stub.
                        for s in outer.into_iter().chain(info) {
                            if !frontier.seen.contains(s) {
                                optional.insert(s);
                                frontier.want(s);
                            }
                        }
                    }
                    by_name.insert(x.class.name, ClassId(classes.len() as u32));
                    classes.push(x.class);
                    stats.classpath_classes += 1;
                }
                Parsed::Failed(w) => {
                    stats.input_warnings += 1;
                    stats.warnings.push(w);
                }
                Parsed::Skipped => {}
            }
        }
    }
    for name in missing {
        if by_name.contains_key(&name) || optional.contains(name) {
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
        scala: false,
        permitted_subclasses: Box::new([]),
        members: Box::new([]),
        members_annotated: false,
        role: Role::Stub,
        origin: None,
        major_version: 0,
        last_line: None,
        deps: 0..0,
    }
}
