//! Replacement hints for deprecated targets: what to use instead, from `@Deprecated(since=…)`, Error Prone's
//! `@InlineMe(replacement=…)` and Kotlin's `@Deprecated(replaceWith = ReplaceWith("…"))`. A step after evaluation:
//! the hint goes into the violation's own `hint` field, never into its message (which stays ArchUnit's words).

use crate::graph::{Annotation, ClassId, Graph, Value};

const INLINE_ME: &str = "com.google.errorprone.annotations.InlineMe";
const JAVA_DEPRECATED: &str = "java.lang.Deprecated";
const KOTLIN_DEPRECATED: &str = "kotlin.Deprecated";

/// A hint for a use of `class` (or of its member `member`, an index into `Class::members`): the member's own
/// annotations first, then the class's. `None` when nothing says what to use instead or since when.
///
/// Forms: `use instead: Foo.bar(x)` (InlineMe, Kotlin ReplaceWith), `deprecated since 9` (Java `since`), or both
/// joined by `; `.
pub fn replacement_hint(graph: &Graph, class: ClassId, member: Option<usize>) -> Option<String> {
    let c = graph.class(class);
    let member_annotations = member.and_then(|m| c.members.get(m)).map(|m| &*m.annotations);
    member_annotations.and_then(|a| hint_from(graph, a)).or_else(|| hint_from(graph, &c.annotations))
}

fn hint_from(graph: &Graph, annotations: &[Annotation]) -> Option<String> {
    let mut replacement = None;
    let mut since = None;
    for a in annotations {
        match graph.str(a.type_name) {
            INLINE_ME => replacement = replacement.or_else(|| string_element(graph, a, "replacement")),
            KOTLIN_DEPRECATED => {
                replacement = replacement.or_else(|| {
                    let Some(Value::Annotation(with)) = element(graph, a, "replaceWith") else { return None };
                    string_element(graph, with, "expression").filter(|e| !e.is_empty())
                });
            }
            JAVA_DEPRECATED => since = string_element(graph, a, "since").filter(|s| !s.is_empty()),
            _ => {}
        }
    }
    match (replacement, since) {
        (Some(r), Some(s)) => Some(format!("use instead: {r}; deprecated since {s}")),
        (Some(r), None) => Some(format!("use instead: {r}")),
        (None, Some(s)) => Some(format!("deprecated since {s}")),
        (None, None) => None,
    }
}

fn element<'a>(graph: &Graph, a: &'a Annotation, name: &str) -> Option<&'a Value> {
    a.elements.iter().find(|(n, _)| graph.str(*n) == name).map(|(_, v)| v)
}

fn string_element(graph: &Graph, a: &Annotation, name: &str) -> Option<String> {
    match element(graph, a, name)? {
        Value::String(s) => Some(graph.str(*s).to_owned()),
        _ => None,
    }
}

/// Sets the replacement hint of each violation's target, found on the member the violation names (searched
/// through the target's supertypes, where inherited members are declared) or else on the target class
/// (`use instead: B.c(); deprecated since 9`). The message is left as it is: ArchUnit's words, nothing appended.
pub fn annotate(graph: &Graph, results: &mut [crate::findings::RuleResult]) {
    for violation in results.iter_mut().flat_map(|r| r.violations.iter_mut()) {
        let Some(owner) = violation.target_class.as_deref().and_then(|t| graph.class_by_name(t)) else { continue };
        let declared = violation.target_member.as_deref().and_then(|wanted| {
            let candidates =
                std::iter::once(owner).chain(graph.supertypes(owner).into_iter().filter_map(|s| graph.class_by_sym(s)));
            candidates.into_iter().find_map(|class| {
                let count = graph.class(class).members.len() as u32;
                (0..count)
                    .find(|&i| super::suppress::member_name(graph, class, i).as_deref() == Some(wanted))
                    .map(|i| (class, Some(i as usize)))
            })
        });
        let (class, member) = declared.unwrap_or((owner, None));
        if let Some(hint) = replacement_hint(graph, class, member) {
            violation.hint = Some(hint);
        }
    }
}
