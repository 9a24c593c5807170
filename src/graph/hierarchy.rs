//! Walking the type hierarchy: supertypes, assignability and resolution of accessed members to their declaring class.

use rustc_hash::FxHashSet;

use super::model::*;
use super::Graph;

impl Graph {
    /// All supertypes (classes and interfaces, transitively) that the graph knows by name, nearest first; includes
    /// names of classes found nowhere, so `assignableTo("java.io.Serializable")` works without the JDK.
    pub fn supertypes(&self, id: ClassId) -> Vec<Sym> {
        let mut out = Vec::new();
        let mut seen = FxHashSet::default();
        let mut queue = vec![self.class(id).name];
        while let Some(name) = queue.pop() {
            let Some(c) = self.class_by_sym(name).map(|c| self.class(c)) else { continue };
            for s in c.super_class.iter().chain(c.interfaces.iter()) {
                if seen.insert(*s) {
                    out.push(*s);
                    queue.push(*s);
                }
            }
        }
        out
    }

    /// ArchUnit's `isAssignableTo`: the class itself or any of its supertypes has that name.
    pub fn is_assignable_to(&self, id: ClassId, name: Sym) -> bool {
        self.class(id).name == name || self.supertypes(id).contains(&name)
    }

    /// Resolves an accessed member to the class that declares it, walking superclasses first, then interfaces,
    /// like the JVM's resolution (JVMS 5.4.3.3). Fields and methods match by name and descriptor.
    pub fn resolve_member(&self, owner: Sym, member: MemberRef) -> Option<(ClassId, usize)> {
        let mut seen = FxHashSet::default();
        let mut queue = std::collections::VecDeque::from([owner]);
        while let Some(name) = queue.pop_front() {
            if !seen.insert(name) {
                continue;
            }
            let Some(id) = self.class_by_sym(name) else { continue };
            let c = self.class(id);
            if let Some(i) = c.members.iter().position(|m| m.name == member.name && m.descriptor == member.descriptor) {
                return Some((id, i));
            }
            if let Some(s) = c.super_class {
                queue.push_front(s);
            }
            queue.extend(c.interfaces.iter().copied());
        }
        None
    }
}
