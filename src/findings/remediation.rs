//! What an OpenRewrite recipe needs beyond the rules' `fix` clauses: for each violated method or constructor whose
//! library declares its replacement in bytecode (Error Prone's `@InlineMe`, Kotlin's `@Deprecated(replaceWith =
//! ReplaceWith(..))`, read by [`super::lifecycle`]), an `org.openrewrite.java.InlineMethodCalls` entry. A step after
//! evaluation, like the hints: it reads the graph, the reports only the result.

use std::collections::BTreeMap;

use super::lifecycle::{Classifier, LifecycleSets};
use super::RuleResult;
use crate::bytecode::descriptor::MethodDesc;
use crate::graph::{ClassId, Graph, MemberKind};

/// One declared replacement of a used member, with how often the violations name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inlining {
    /// ArchUnit's name of the member, `com.acme.Widget.oldName(int)`: the comment above the recipe entry.
    pub member: String,
    /// OpenRewrite's method pattern, `com.acme.Widget oldName(int)` (`<constructor>` for constructors).
    pub method_pattern: String,
    /// The replacement expression as the annotation writes it.
    pub replacement: String,
    pub imports: Vec<String>,
    pub static_imports: Vec<String>,
    /// From Kotlin's `ReplaceWith`: a Kotlin expression, its imports Kotlin names (top-level functions included).
    pub kotlin: bool,
    /// Violations (not suppressed) whose target is this member.
    pub violations: usize,
    /// The rules of those violations, `pack / rule`, sorted.
    pub rules: Vec<String>,
}

/// The inlinings for the violations' target members, sorted by member. Members found nowhere in the graph, fields,
/// and members without a declared replacement give none.
pub fn inlinings(graph: &Graph, results: &[RuleResult]) -> Vec<Inlining> {
    // Only the replacement is read here; the configurable annotation sets play no part in it.
    let Ok(sets) = LifecycleSets::from_params(&BTreeMap::new()) else { return Vec::new() };
    let classifier = Classifier::new(graph, &sets);
    let mut found: BTreeMap<(ClassId, usize), Inlining> = BTreeMap::new();
    for result in results {
        let rule = format!("{} / {}", result.rule.pack, result.rule.name);
        for v in result.violations.iter().filter(|v| !v.suppressed) {
            let (Some(target), Some(member)) = (v.target_class.as_deref(), v.target_member.as_deref()) else {
                continue;
            };
            let Some((class, index)) = declaring_member(graph, target, member) else { continue };
            if let Some(entry) = found.get_mut(&(class, index)) {
                entry.violations += 1;
                if !entry.rules.contains(&rule) {
                    entry.rules.push(rule.clone());
                    entry.rules.sort();
                }
                continue;
            }
            let lifecycle = classifier.of(class, Some(index));
            let Some(replacement) = lifecycle.replacement else { continue };
            let Some(method_pattern) = method_pattern(graph, class, index) else { continue };
            let kotlin = is_kotlin_replacement(graph, class, index);
            let imports = lifecycle
                .replacement_imports
                .into_iter()
                .filter(|i| !lifecycle.replacement_static_imports.contains(i))
                .collect();
            found.insert(
                (class, index),
                Inlining {
                    member: format!("{}.{member}", graph.str(graph.class(class).name)),
                    method_pattern,
                    replacement,
                    imports,
                    static_imports: lifecycle.replacement_static_imports,
                    kotlin,
                    violations: 1,
                    rules: vec![rule.clone()],
                },
            );
        }
    }
    let mut inlinings: Vec<Inlining> = found.into_values().collect();
    inlinings.sort_by(|a, b| a.member.cmp(&b.member));
    inlinings
}

/// The class declaring `member` (ArchUnit's `name(params)`) as seen from `target`: the target or a supertype.
fn declaring_member(graph: &Graph, target: &str, member: &str) -> Option<(ClassId, usize)> {
    let owner = graph.class_by_name(target)?;
    let candidates =
        std::iter::once(owner).chain(graph.supertypes(owner).into_iter().filter_map(|s| graph.class_by_sym(s)));
    candidates.into_iter().find_map(|class| {
        let count = graph.class(class).members.len() as u32;
        (0..count)
            .find(|&i| super::suppress::member_name(graph, class, i).as_deref() == Some(member))
            .map(|i| (class, i as usize))
    })
}

/// Whether the replacement comes from Kotlin's `@Deprecated(replaceWith = ..)` rather than `@InlineMe`.
fn is_kotlin_replacement(graph: &Graph, class: ClassId, index: usize) -> bool {
    let Some(m) = graph.class(class).members.get(index) else { return false };
    let has = |name: &str| m.annotations.iter().any(|a| graph.str(a.type_name) == name);
    !has("com.google.errorprone.annotations.InlineMe") && has(super::lifecycle::KOTLIN_DEPRECATED)
}

/// OpenRewrite's method pattern for a method or constructor: `a.B$C name(int, java.lang.String[])`.
fn method_pattern(graph: &Graph, class: ClassId, index: usize) -> Option<String> {
    let c = graph.class(class);
    let m = c.members.get(index)?;
    let name = match m.kind {
        MemberKind::Method => graph.str(m.name),
        MemberKind::Constructor => "<constructor>",
        MemberKind::Field | MemberKind::StaticInitializer => return None,
    };
    let desc = MethodDesc::parse(graph.str(m.descriptor)).ok()?;
    let params: Vec<String> = desc.parameters.iter().map(|p| source_type(p.raw())).collect();
    Some(format!("{} {name}({})", graph.str(c.name), params.join(", ")))
}

/// A field descriptor as OpenRewrite writes types: `I` → `int`, `[Ljava/lang/String;` → `java.lang.String[]`.
fn source_type(descriptor: &str) -> String {
    let dims = descriptor.bytes().take_while(|&b| b == b'[').count();
    let element = &descriptor[dims..];
    let base = match element.as_bytes().first() {
        Some(b'L') => element.trim_start_matches('L').trim_end_matches(';').replace('/', "."),
        Some(&c) => crate::graph::names::primitive_name(char::from(c)).to_owned(),
        None => String::new(),
    };
    format!("{base}{}", "[]".repeat(dims))
}

#[cfg(test)]
mod tests {
    use super::source_type;

    #[test]
    fn descriptors_become_openrewrite_type_names() {
        assert_eq!(source_type("I"), "int");
        assert_eq!(source_type("Ljava/lang/String;"), "java.lang.String");
        assert_eq!(source_type("[[Ljava/util/Map$Entry;"), "java.util.Map$Entry[][]");
        assert_eq!(source_type("[J"), "long[]");
    }
}
