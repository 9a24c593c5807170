//! A hint for the unquoted shell glob: `--classpath libs/*.jar` leaves only the first jar on the classpath and makes
//! the others targets, so the run checks the libraries and misses what the classpath should have resolved. A target
//! jar that is a published library (it carries `META-INF/maven/**/pom.properties`) and that the user's own targets
//! (no Maven coordinates) depend on is most likely such a jar.

use rustc_hash::FxHashSet;
use std::path::PathBuf;

use crate::graph::{Graph, Role};
use crate::inputs::{self, InputId};

/// The target jars that look like dependencies, in path order; empty when none does.
pub fn misplaced_dependencies(graph: &Graph) -> Vec<PathBuf> {
    let is_target = |id: InputId| graph.inputs.get(id.0 as usize).is_some_and(|i| i.role == inputs::Role::Target);
    let published: FxHashSet<InputId> = graph
        .resources
        .iter()
        .filter(|r| !r.origin.is_nested() && is_target(r.origin.input))
        .filter(|r| r.path.starts_with("META-INF/maven/") && r.path.ends_with("/pom.properties"))
        .map(|r| r.origin.input)
        .collect();
    if published.is_empty() {
        return Vec::new();
    }
    let mut used = FxHashSet::default();
    for (id, class) in graph.targets() {
        let Some(from) = class.origin.as_ref().map(|o| o.input) else { continue };
        if published.contains(&from) {
            continue;
        }
        for d in graph.dependencies(id) {
            let Some(to) = graph.class_by_sym(d.target).map(|t| graph.class(t)) else { continue };
            if to.role != Role::Target {
                continue;
            }
            if let Some(input) = to.origin.as_ref().map(|o| o.input).filter(|i| published.contains(i)) {
                used.insert(input);
            }
        }
    }
    let mut found: Vec<InputId> = used.into_iter().collect();
    found.sort();
    found.iter().filter_map(|i| graph.inputs.get(i.0 as usize)).map(|i| i.path.clone()).collect()
}

/// The one hint line, or `None`.
pub fn hint(graph: &Graph) -> Option<String> {
    let jars = misplaced_dependencies(graph);
    let first = jars.first()?;
    let others = match jars.len() {
        1 => String::new(),
        2 => " and 1 other jar".to_owned(),
        n => format!(" and {} other jars", n - 1),
    };
    let (verb, noun) = if jars.len() == 1 { ("looks", "a dependency") } else { ("look", "dependencies") };
    Some(format!(
        "hint: {}{others} {verb} like {noun} (published libraries your classes use), not code to check: \
         did you mean --classpath? (quote a glob: --classpath 'libs/*.jar')",
        first.display()
    ))
}
