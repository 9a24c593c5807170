//! In-code suppression: a class or member annotated with an annotation whose simple name is `SuppressArchRules`
//! (any package, CLASS or RUNTIME retention) listing rule names is exempt from those rules. Suppressed violations are
//! marked, counted and shown, never dropped; a suppression that suppresses nothing is reported (ruff's unused-noqa).
//! A class-level suppression also covers the classes nested in it.

use crate::findings::RuleResult;
use crate::graph::{names, Annotation, ClassId, Graph, MemberKind, Value};
use rustc_hash::{FxHashMap, FxHashSet};

pub const ANNOTATION_SIMPLE_NAME: &str = "SuppressArchRules";

/// Where a suppression sits: a class, or one of its members (index into `Class::members`).
pub type SuppressionKey = (ClassId, Option<u32>);

/// Rule names suppressed per class or member, in annotation order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SuppressionTable {
    pub entries: FxHashMap<SuppressionKey, Vec<String>>,
}

/// Reads every `@SuppressArchRules` on the analysed classes and their members.
pub fn suppression_table(graph: &Graph) -> SuppressionTable {
    let mut entries = FxHashMap::default();
    for (id, class) in graph.targets() {
        let names = suppressed_names(graph, &class.annotations);
        if !names.is_empty() {
            entries.insert((id, None), names);
        }
        for (i, member) in class.members.iter().enumerate() {
            let names = suppressed_names(graph, &member.annotations);
            if !names.is_empty() {
                entries.insert((id, Some(i as u32)), names);
            }
        }
    }
    SuppressionTable { entries }
}

fn suppressed_names(graph: &Graph, annotations: &[Annotation]) -> Vec<String> {
    let mut out = Vec::new();
    for a in annotations.iter().filter(|a| simple_name(graph.str(a.type_name)) == ANNOTATION_SIMPLE_NAME) {
        for (name, value) in a.elements.iter() {
            if graph.str(*name) == "value" {
                collect_strings(graph, value, &mut out);
            }
        }
    }
    out
}

fn collect_strings(graph: &Graph, value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(graph.str(*s).to_owned()),
        Value::Array(values) => values.iter().for_each(|v| collect_strings(graph, v, out)),
        _ => {}
    }
}

/// `SuppressArchRules` for `a.b.SuppressArchRules` and `a.B$SuppressArchRules`.
fn simple_name(binary: &str) -> &str {
    binary.rsplit(['.', '$']).next().unwrap_or(binary)
}

/// ArchUnit's member name as violations carry it: `m(int, java.lang.String)`, `<init>()`, `f`.
pub fn member_name(graph: &Graph, class: ClassId, index: u32) -> Option<String> {
    let member = graph.class(class).members.get(index as usize)?;
    let name = graph.str(member.name);
    Some(match member.kind {
        MemberKind::Field => name.to_owned(),
        _ => format!("{name}({})", names::parameter_list(graph.str(member.descriptor))),
    })
}

/// How a suppression is shown: `a.B` or `a.B.m(int)`.
pub fn describe_key(graph: &Graph, (class, member): SuppressionKey) -> String {
    let owner = graph.str(graph.class(class).name);
    match member.and_then(|m| member_name(graph, class, m)) {
        Some(m) => format!("{owner}.{m}"),
        None => owner.to_owned(),
    }
}

/// Marks `Violation::suppressed` on every violation whose origin member, origin class or an enclosing class
/// suppresses its rule. Returns the suppressions that suppressed nothing among the rules that ran, as
/// `(class or member, rule name)`, sorted.
pub fn apply(table: &SuppressionTable, graph: &Graph, results: &mut [RuleResult]) -> Vec<(String, String)> {
    let mut used: FxHashSet<(SuppressionKey, &str)> = FxHashSet::default();
    // Suppressed members by class, with their ArchUnit names, to match `Violation::origin_member`.
    let mut members: FxHashMap<ClassId, Vec<(String, u32)>> = FxHashMap::default();
    for &(class, member) in table.entries.keys() {
        if let Some(name) = member.and_then(|m| member_name(graph, class, m).map(|n| (n, m))) {
            members.entry(class).or_default().push(name);
        }
    }
    let ran: FxHashSet<String> = results.iter().map(|r| r.rule.name.clone()).collect();
    for result in results.iter_mut() {
        let rule = result.rule.name.as_str();
        for v in &mut result.violations {
            let Some(class) = graph.class_by_name(&v.origin_class) else { continue };
            let member_key = v
                .origin_member
                .as_deref()
                .and_then(|origin| members.get(&class)?.iter().find(|(name, _)| name == origin))
                .map(|&(_, m)| (class, Some(m)));
            let candidates = member_key.into_iter().chain(enclosing(graph, class).map(|c| (c, None)));
            for key in candidates {
                if let Some((k, r)) = table
                    .entries
                    .get_key_value(&key)
                    .and_then(|(k, names)| names.iter().find(|n| n.as_str() == rule).map(|n| (*k, n.as_str())))
                {
                    v.suppressed = true;
                    used.insert((k, r));
                    break;
                }
            }
        }
    }
    let mut unused: Vec<(String, String)> = table
        .entries
        .iter()
        .flat_map(|(k, names)| names.iter().map(move |n| (*k, n.as_str())))
        .filter(|(k, n)| ran.contains(*n) && !used.contains(&(*k, *n)))
        .map(|(k, n)| (describe_key(graph, k), n.to_owned()))
        .collect();
    unused.sort();
    unused
}

/// Suppressions naming no rule of any loaded pack (a typo, or a rule since renamed), worded for users with the
/// closest rule name: `@SuppressArchRules on a.B names 'guava optionl', which is no rule; did you mean 'guava
/// optional'?`. Names of rules that did not run (an opt-in pack) are known, so they are not reported here.
pub fn unknown_names<'a>(
    table: &SuppressionTable,
    graph: &Graph,
    rules: impl IntoIterator<Item = &'a str> + Clone,
) -> Vec<String> {
    let known: FxHashSet<&str> = rules.clone().into_iter().collect();
    let mut unknown: Vec<(String, &str)> = table
        .entries
        .iter()
        .flat_map(|(k, names)| names.iter().map(move |n| (*k, n.as_str())))
        .filter(|(_, n)| !known.contains(n))
        .map(|(k, n)| (describe_key(graph, k), n))
        .collect();
    unknown.sort_unstable();
    unknown
        .into_iter()
        .map(|(origin, name)| {
            let hint = crate::dsl::suggest::closest(name, rules.clone())
                .map_or_else(String::new, |s| format!("; did you mean '{s}'?"));
            format!("@SuppressArchRules on {origin} names '{name}', which is no rule{hint}")
        })
        .collect()
}

/// The class itself, then each enclosing class outwards.
fn enclosing(graph: &Graph, class: ClassId) -> impl Iterator<Item = ClassId> + '_ {
    std::iter::successors(Some(class), move |&c| graph.class(c).outer.and_then(|o| graph.class_by_sym(o)))
}
