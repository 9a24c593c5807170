//! The class graph: interned, immutable once built, indexed by class name, by package and in reverse.

mod annotation_defaults;
mod annotations;
mod build;
mod classpath;
mod describe;
mod edges;
mod extract;
mod first_on_path;
mod generics;
mod hierarchy;
mod intern;
pub mod kotlin;
pub mod model;
pub mod names;
mod query;
mod republish;
mod unresolved;

pub use build::{build, BuildOptions, BuildStats};
pub use describe::{line_order_key, push_line};
pub use edges::Edges;
pub use kotlin::KotlinVisibility;
pub use model::*;
pub use unresolved::Unresolved;

use rustc_hash::FxHashMap;

pub struct Graph {
    strings: intern::Strings,
    classes: Vec<Class>,
    dependencies: Edges,
    by_name: FxHashMap<Sym, ClassId>,
    by_package: FxHashMap<Sym, Vec<ClassId>>,
    /// Dependencies grouped by target class, `(start, indexes)`: `indexes[start[t]..start[t + 1]]` index
    /// `dependencies` for the target symbol `t`. Built at the first query unless the build was asked for it.
    dependents: std::sync::OnceLock<(Vec<u32>, Vec<u32>)>,
    /// The symbols of primitive type names that edges target (components of primitive arrays), so that filtering
    /// them compares symbols instead of reading text.
    primitives: SymSet,
    /// Inputs in path order, for locating where classes came from.
    pub inputs: Vec<crate::inputs::Input>,
    pub resources: Vec<crate::inputs::Resource>,
    pub stats: BuildStats,
}

/// Whether an edge of the class `origin` is one of ArchUnit's dependencies from self (rule 11): not onto the class
/// itself, nor onto a primitive (`primitives`: the symbols of the primitive names).
fn from_self(d: &Dependency, origin: Sym, primitives: &SymSet) -> bool {
    d.target != origin && !primitives.contains(d.target)
}

impl Graph {
    /// What the graph holds, for `ARCHRULES_TIMING=1`: counts and the approximate bytes of the big tables.
    pub fn size_report(&self) -> String {
        let members: usize = self.classes.iter().map(|c| c.members.len()).sum();
        let annotations: usize = self.classes.iter().map(|c| c.annotations.len()).sum::<usize>()
            + self.classes.iter().flat_map(|c| c.members.iter()).map(|m| m.annotations.len()).sum::<usize>();
        let mb = |b: usize| b / (1 << 20);
        format!(
            "{} classes ({} MB), {} members ({} MB), {} annotations, {} dependencies ({} MB), {} strings ({} MB text)",
            self.classes.len(),
            mb(self.classes.len() * std::mem::size_of::<Class>()),
            members,
            mb(members * std::mem::size_of::<Member>()),
            annotations,
            self.dependencies.len(),
            mb(self.dependencies.bytes()),
            self.strings.len(),
            mb(self.strings.text_bytes()),
        )
    }

    pub fn str(&self, s: Sym) -> &str {
        self.strings.resolve(s)
    }

    /// The symbol of a string, if any class or member ever mentioned it.
    pub fn sym(&self, s: &str) -> Option<Sym> {
        self.strings.get(s)
    }

    pub fn class(&self, id: ClassId) -> &Class {
        &self.classes[id.0 as usize]
    }

    pub fn classes(&self) -> impl ExactSizeIterator<Item = (ClassId, &Class)> {
        self.classes.iter().enumerate().map(|(i, c)| (ClassId(i as u32), c))
    }

    /// Classes under analysis.
    pub fn targets(&self) -> impl Iterator<Item = (ClassId, &Class)> {
        self.classes().filter(|(_, c)| c.role == Role::Target)
    }

    pub fn class_by_sym(&self, name: Sym) -> Option<ClassId> {
        self.by_name.get(&name).copied()
    }

    /// A class by binary name (`a.b.C$D`).
    pub fn class_by_name(&self, name: &str) -> Option<ClassId> {
        self.sym(name).and_then(|s| self.class_by_sym(s))
    }

    pub fn package_classes(&self, package: &str) -> &[ClassId] {
        self.sym(package).and_then(|p| self.by_package.get(&p)).map_or(&[], Vec::as_slice)
    }

    pub fn packages(&self) -> impl Iterator<Item = &str> {
        self.by_package.keys().map(|&p| self.str(p))
    }

    /// Every recorded edge of a class, including accesses to itself (ArchUnit's accesses from self).
    pub fn edges(&self, id: ClassId) -> &[Dependency] {
        self.dependencies.slice(self.class(id).deps.clone())
    }

    /// ArchUnit's `getDirectDependenciesFromSelf()`: edges without self-references and primitives (rule 11).
    pub fn dependencies(&self, id: ClassId) -> impl Iterator<Item = &Dependency> {
        let name = self.class(id).name;
        self.edges(id).iter().filter(move |d| from_self(d, name, &self.primitives))
    }

    pub fn all_dependencies(&self) -> &Edges {
        &self.dependencies
    }

    /// Edges from targets to the named class (ArchUnit's `getDirectDependenciesToSelf()`, plus self-accesses).
    pub fn dependents(&self, target: Sym) -> impl Iterator<Item = &Dependency> {
        self.dependent_indexes(target).iter().filter_map(|&i| self.dependencies.get(i))
    }

    /// The member an origin index names, if it is not class-level.
    pub fn origin_member(&self, d: &Dependency) -> Option<&Member> {
        if d.origin_member == CLASS_LEVEL {
            None
        } else {
            self.class(d.origin).members.get(d.origin_member as usize)
        }
    }

    /// A human-readable location of a class: `input path[!entry]`.
    pub fn location(&self, id: ClassId) -> Option<String> {
        self.class(id).origin.as_ref().map(|o| o.display(&self.inputs))
    }
}
