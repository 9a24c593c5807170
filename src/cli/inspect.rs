//! `archrules inspect`: what the graph holds, as a summary, one class's facts, or the full dependency dump.

use rayon::prelude::*;
use serde_json::{json, Value as Json};
use std::collections::BTreeMap;
use std::io::Write;

use super::InputArgs;
use crate::graph::{self, ClassId, Graph, MemberKind, Role};

#[derive(Debug, clap::Args)]
pub struct InspectArgs {
    #[command(flatten)]
    pub inputs: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Show one class's facts (binary name, e.g. `com.acme.Foo$Bar`).
    #[arg(long, value_name = "FQN", conflicts_with = "dependencies")]
    pub class: Option<String>,
    /// Print every dependency of every target class in ArchUnit's wording, sorted.
    #[arg(long)]
    pub dependencies: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

pub fn run(args: &InspectArgs) -> miette::Result<i32> {
    let graph = super::load::load(&args.inputs, false, false)?;
    let mut out = super::buffered_stdout();
    let result = if let Some(name) = &args.class {
        match graph.class_by_name(name).filter(|&c| graph.class(c).role != Role::Stub) {
            Some(id) => print_class(&graph, id, args.format, &mut out),
            None => {
                return Err(miette::miette!(
                    code = "archrules::unknown_class",
                    help = "give the binary name with `$` for nested classes, e.g. `com.acme.Outer$Inner`",
                    "class `{name}` is not among the classes read"
                ))
            }
        }
    } else if args.dependencies {
        print_dependencies(&graph, args.format, &mut out)
    } else {
        print_summary(&graph, args.format, &mut out)
    };
    let result = result.and_then(|()| out.flush());
    // The process ends here: freeing the graph's millions of small allocations would only delay the exit.
    std::mem::forget(graph);
    // A closed pipe (`| head`) is not an error worth reporting.
    match result {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(miette::miette!("cannot write output: {e}")),
        _ => Ok(0),
    }
}

fn summary(graph: &Graph) -> Json {
    let (mut classes, mut module_infos, mut package_infos) = (0, 0, 0);
    for (_, c) in graph.targets() {
        match c.kind {
            graph::ClassKind::ModuleInfo => module_infos += 1,
            graph::ClassKind::PackageInfo => package_infos += 1,
            _ => classes += 1,
        }
    }
    // Counted while the build put the edges in place: reading the millions of edges again was a noticeable part of
    // `inspect` on large inputs, even in parallel.
    let per_kind = graph.stats.dependencies_by_kind;
    let dependencies: usize = per_kind.iter().sum();
    let by_kind: BTreeMap<&str, usize> =
        graph::DepKind::ALL.iter().zip(per_kind).filter(|&(_, n)| n > 0).map(|(k, n)| (k.name(), n)).collect();
    let s = &graph.stats;
    json!({
        "inputs": graph.inputs.iter().filter(|i| i.role == crate::inputs::Role::Target).count(),
        "classes": classes,
        "module_infos": module_infos,
        "package_infos": package_infos,
        "classpath_classes": s.classpath_classes,
        "dependencies": dependencies,
        "by_kind": by_kind,
        "unresolved": s.unresolved,
        "duplicates": s.duplicates,
        "warnings": s.warnings,
    })
}

fn print_summary(graph: &Graph, format: Format, out: &mut impl Write) -> std::io::Result<()> {
    let s = summary(graph);
    match format {
        Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&s).unwrap_or_default()),
        Format::Text => {
            for key in [
                "inputs",
                "classes",
                "module_infos",
                "package_infos",
                "classpath_classes",
                "dependencies",
                "unresolved",
                "duplicates",
            ] {
                writeln!(out, "{:<18} {}", format!("{key}:"), s[key])?;
            }
            writeln!(out, "by kind:")?;
            if let Some(kinds) = s["by_kind"].as_object() {
                for (k, v) in kinds {
                    writeln!(out, "  {:<24} {v}", k)?;
                }
            }
            if let Some(w) = s["warnings"].as_array().filter(|w| !w.is_empty()) {
                writeln!(out, "warnings:")?;
                for w in w {
                    writeln!(out, "  {}", w.as_str().unwrap_or_default())?;
                }
            }
            Ok(())
        }
    }
}

fn dependency_json(graph: &Graph, d: &graph::Dependency) -> Json {
    let target = match d.target_member() {
        Some(_) => graph.target_member_name(d),
        None => graph.str(d.target).to_string(),
    };
    json!({
        "origin": graph.origin_description(d),
        "kind": d.kind.name(),
        "target": target,
        "line": d.line,
        "description": graph.describe(d),
    })
}

/// Described and sorted on every core (the lines of a large corpus share long prefixes: comparing them was most of
/// the time), each class's lines written into one buffer rather than a string apiece (a quarter less memory).
fn print_dependencies(graph: &Graph, format: Format, out: &mut impl Write) -> std::io::Result<()> {
    let targets: Vec<ClassId> = graph.targets().map(|(id, _)| id).collect();
    let described: Vec<(String, Vec<usize>)> = targets
        .par_iter()
        .map(|&id| {
            let (mut text, mut ends) = (String::new(), Vec::new());
            for d in graph.dependencies(id) {
                match format {
                    Format::Text => graph.write_description(&mut text, d),
                    Format::Json => text.push_str(&dependency_json(graph, d).to_string()),
                }
                ends.push(text.len());
            }
            // Grown by doubling: up to half of it would be slack until the end.
            text.shrink_to_fit();
            (text, ends)
        })
        .collect();
    let mut lines: Vec<&str> = described
        .par_iter()
        .flat_map_iter(|(text, ends)| {
            let starts = std::iter::once(0).chain(ends.iter().copied());
            starts.zip(ends).map(|(start, &end)| text.get(start..end).unwrap_or_default())
        })
        .collect();
    lines.par_sort_unstable();
    for l in lines {
        out.write_all(l.as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

fn class_json(graph: &Graph, id: ClassId) -> Json {
    let c = graph.class(id);
    let annotations: Vec<&str> = c.annotations.iter().map(|a| graph.str(a.type_name)).collect();
    let members: Vec<Json> = c
        .members
        .iter()
        .map(|m| {
            json!({
                "kind": match m.kind { MemberKind::Field => "field", MemberKind::Method => "method", MemberKind::Constructor => "constructor", MemberKind::StaticInitializer => "static_initializer" },
                "name": graph.member_full_name(id, m),
                "descriptor": graph.str(m.descriptor),
                "access": m.access,
                "annotations": m.annotations.iter().map(|a| graph.str(a.type_name)).collect::<Vec<_>>(),
            })
        })
        .collect();
    let mut deps: Vec<Json> = graph.dependencies(id).map(|d| dependency_json(graph, d)).collect();
    deps.sort_by(|a, b| a["description"].as_str().cmp(&b["description"].as_str()));
    json!({
        "name": graph.str(c.name),
        "kind": format!("{:?}", c.kind).to_lowercase(),
        "nesting": format!("{:?}", c.nesting).to_lowercase(),
        "access": c.access,
        "super_class": c.super_class.map(|s| graph.str(s)),
        "interfaces": c.interfaces.iter().map(|&i| graph.str(i)).collect::<Vec<_>>(),
        "annotations": annotations,
        "source_file": c.source_file.map(|s| graph.str(s)),
        "kotlin": c.kotlin,
        "origin": graph.location(id),
        "members": members,
        "dependencies": deps,
    })
}

fn print_class(graph: &Graph, id: ClassId, format: Format, out: &mut impl Write) -> std::io::Result<()> {
    let j = class_json(graph, id);
    match format {
        Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&j).unwrap_or_default()),
        Format::Text => {
            writeln!(out, "{} {}", j["kind"].as_str().unwrap_or_default(), j["name"].as_str().unwrap_or_default())?;
            for key in ["nesting", "super_class", "interfaces", "annotations", "source_file", "kotlin", "origin"] {
                writeln!(out, "  {key}: {}", j[key])?;
            }
            writeln!(out, "  members:")?;
            for m in j["members"].as_array().into_iter().flatten() {
                writeln!(
                    out,
                    "    {} {}",
                    m["kind"].as_str().unwrap_or_default(),
                    m["name"].as_str().unwrap_or_default()
                )?;
            }
            writeln!(out, "  dependencies:")?;
            for d in j["dependencies"].as_array().into_iter().flatten() {
                writeln!(out, "    {}", d["description"].as_str().unwrap_or_default())?;
            }
            Ok(())
        }
    }
}
