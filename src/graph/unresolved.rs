//! The classes referred to and found nowhere (the graph's stubs), each with who refers to it: so a user can tell a
//! missing `--classpath` entry (targets refer to it) from a library's optional dependency (only the classpath does).

use super::{ClassId, Graph, Role};

/// One class found nowhere, and the classes that refer to it, by binary name, sorted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolved {
    pub name: String,
    /// Target classes with a dependency on it.
    pub targets: Vec<String>,
    /// Classpath (or JDK) classes that name it as a supertype or an annotation: what the classpath phase follows.
    pub classpath: Vec<String>,
}

impl Graph {
    /// Every class found nowhere, sorted by name. Reads every target edge once, so call it only when
    /// [`BuildStats::unresolved`](super::BuildStats::unresolved) is not zero.
    pub fn unresolved(&self) -> Vec<Unresolved> {
        let stubs: Vec<ClassId> = self.classes().filter(|(_, c)| c.role == Role::Stub).map(|(id, _)| id).collect();
        let mut out: Vec<Unresolved> = stubs
            .iter()
            .map(|&id| {
                let name = self.class(id).name;
                let mut targets: Vec<String> = self
                    .dependents(name)
                    .map(|d| d.origin)
                    .filter(|&o| o != id && self.class(o).role == Role::Target)
                    .map(|o| self.str(self.class(o).name).to_owned())
                    .collect();
                targets.sort();
                targets.dedup();
                Unresolved { name: self.str(name).to_owned(), targets, classpath: Vec::new() }
            })
            .collect();
        // The classpath has no edges: its references are the headers the classpath phase followed.
        let index: rustc_hash::FxHashMap<_, usize> =
            stubs.iter().enumerate().map(|(i, &id)| (self.class(id).name, i)).collect();
        for (_, c) in self.classes().filter(|(_, c)| c.role == Role::Classpath) {
            let annotations = c.annotations.iter().chain(c.members.iter().flat_map(|m| m.annotations.iter()));
            let named =
                c.super_class.iter().chain(c.interfaces.iter()).copied().chain(annotations.map(|a| a.type_name));
            for sym in named {
                if let Some(&i) = index.get(&sym) {
                    out[i].classpath.push(self.str(c.name).to_owned());
                }
            }
        }
        for u in &mut out {
            u.classpath.sort();
            u.classpath.dedup();
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        out
    }
}
