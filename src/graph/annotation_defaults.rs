//! Annotation members left at their default, as dependencies (issue 20, item 11).
//!
//! ArchUnit's `JavaAnnotation.getProperties()` merges the defaults of the annotation type's methods into the values a
//! use of it writes, when the type is imported (it has methods then), and its annotation-member dependencies visit
//! those properties, nested annotations included: `Method <org.springframework.core.annotation.AliasFor.value()> has
//! annotation member of type <java.lang.annotation.Annotation>` comes from `annotation() default Annotation.class`,
//! which no class file writes at the use. A default is known only once every target is read, so the builder adds
//! these edges after extraction, to the classes of each chunk.

use rustc_hash::{FxHashMap, FxHashSet};

use super::model::*;

/// The defaults of the target annotation types, by type: element name and value.
pub(super) struct Defaults(FxHashMap<Sym, Vec<(Sym, Value)>>);

impl Defaults {
    pub(super) fn of<'c>(classes: impl Iterator<Item = &'c Class>) -> Defaults {
        let mut map: FxHashMap<Sym, Vec<(Sym, Value)>> = FxHashMap::default();
        for c in classes.filter(|c| c.kind == ClassKind::Annotation && c.role == Role::Target) {
            for m in c.members.iter() {
                if let Some(v) = m.annotation_default() {
                    map.entry(c.name).or_default().push((m.name, v.clone()));
                }
            }
        }
        Defaults(map)
    }

    pub(super) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Adds the edges the defaults give to the classes of one chunk (each class's edges stay contiguous, so the
    /// chunk's edges are copied once when any class gains one); returns how many were added. `first` is the id of
    /// the chunk's first class.
    pub(super) fn add_edges(
        &self,
        classes: &mut [Class],
        deps: &mut Vec<Dependency>,
        first: u32,
        primitives: &SymSet,
    ) -> usize {
        let mut extra: Vec<(usize, Vec<Dependency>)> = Vec::new();
        for (k, c) in classes.iter().enumerate() {
            let origin = ClassId(first + k as u32);
            let own = deps.get(c.deps.start as usize..c.deps.end as usize).unwrap_or_default();
            // Keyed by member, parameter (see `Extractor::annotation_members`) and type, as the edges the class
            // file's own values gave.
            let mut have: FxHashSet<(u32, Option<Sym>, Sym)> = FxHashSet::default();
            let mut added = Vec::new();
            let mut add = |member: u32, parameter: Option<Sym>, target: Sym, have: &mut FxHashSet<_>| {
                if target != c.name && !primitives.contains(target) && have.insert((member, parameter, target)) {
                    let d = Dependency::new(origin, member, DepKind::AnnotationMember, 0, target, None, parameter);
                    added.push(d);
                }
            };
            let annotated = c.annotations.iter().map(|a| (CLASS_LEVEL, None, a)).chain(
                c.members.iter().enumerate().flat_map(|(i, m)| {
                    let own = m.annotations.iter().map(move |a| (i as u32, None, a));
                    // A parameter annotation ArchUnit pairs with no parameter is no dependency (see `extract`).
                    let params =
                        m.parameter_annotations().iter().zip(m.parameter_names()).filter_map(move |(list, n)| {
                            n.map(move |n| list.iter().map(move |a| (i as u32, Some(n), a)))
                        });
                    own.chain(params.flatten())
                }),
            );
            let mut targets = Vec::new();
            for (member, parameter, a) in annotated {
                targets.clear();
                self.defaulted_types(a, &mut targets, 0);
                if targets.is_empty() {
                    continue;
                }
                if have.is_empty() {
                    own.iter().filter(|d| d.kind == DepKind::AnnotationMember).for_each(|d| {
                        have.insert((d.origin_member, d.detail(), d.target));
                    });
                }
                targets.iter().for_each(|&t| add(member, parameter, t, &mut have));
            }
            if !added.is_empty() {
                extra.push((k, added));
            }
        }
        if extra.is_empty() {
            return 0;
        }
        let count = extra.iter().map(|(_, e)| e.len()).sum();
        let mut rebuilt = Vec::with_capacity(deps.len() + count);
        let mut extra = extra.into_iter().peekable();
        for (k, c) in classes.iter_mut().enumerate() {
            let start = rebuilt.len() as u32;
            rebuilt.extend_from_slice(deps.get(c.deps.start as usize..c.deps.end as usize).unwrap_or_default());
            if let Some((_, added)) = extra.next_if(|(at, _)| *at == k) {
                rebuilt.extend(added);
            }
            c.deps = start..rebuilt.len() as u32;
        }
        *deps = rebuilt;
        count
    }

    /// The member types of an annotation that only its type's defaults give: the values of defaulted elements, and
    /// of the defaulted elements of every nested annotation (written or defaulted).
    fn defaulted_types(&self, a: &Annotation, out: &mut Vec<Sym>, depth: u32) {
        if depth > 16 {
            return; // annotation values cannot nest without end in a valid class file; a crafted one could
        }
        for (_, v) in a.elements.iter() {
            self.nested(v, out, depth);
        }
        let Some(defaults) = self.0.get(&a.type_name) else { return };
        for (name, v) in defaults {
            if a.elements.iter().all(|(n, _)| n != name) {
                value_types(v, out);
                self.nested(v, out, depth);
            }
        }
    }

    /// The defaults inside the nested annotations of a value.
    fn nested(&self, v: &Value, out: &mut Vec<Sym>, depth: u32) {
        match v {
            Value::Annotation(a) => self.defaulted_types(a, out, depth + 1),
            Value::Array(items) => items.iter().for_each(|i| self.nested(i, out, depth)),
            _ => {}
        }
    }
}

/// The classes a value names, as ArchUnit's annotation-member dependencies visit them (nested annotations by their
/// type and their own written values).
fn value_types(v: &Value, out: &mut Vec<Sym>) {
    match v {
        Value::Enum { type_name, .. } => out.push(*type_name),
        Value::Class(c) => out.push(*c),
        Value::Annotation(a) => {
            out.push(a.type_name);
            a.elements.iter().for_each(|(_, v)| value_types(v, out));
        }
        Value::Array(items) => items.iter().for_each(|i| value_types(i, out)),
        _ => {}
    }
}
