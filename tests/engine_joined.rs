//! Issue 20, item 12: `orShould`/`andShould` join their conditions' events per subject as ArchUnit's
//! `AndCondition`/`OrCondition` do. On `fixtures/joined` (a class failing both branches, one failing each branch
//! alone, one failing neither), every rule's description and messages are snapshotted; each snapshot equals, line
//! for line, what ArchUnit 1.4 prints for the same rule (`EvaluationResult.getFailureReport().getDetails()`, sorted)
//! on the same classes.

mod common;

use archrules::dsl::parse_pack;
use archrules::rules::describe::describe;
use archrules::rules::engine::{evaluate_rule, EvalOptions};
use std::collections::HashMap;

const RULES: &str = r#"
pack "joined" {}

// Plain `or`: only a class failing both branches violates, as one line joining both sides' lines.
rule "or" = classes().that().resideInAPackage("fixtures.joined")
    .should().haveModifier(FINAL).orShould().onlyDependOnClassesThat().resideInAPackage("java.lang..");

// The joined line's parts are sorted, not in branch order.
rule "or-reversed" = classes().that().resideInAPackage("fixtures.joined")
    .should().onlyDependOnClassesThat().resideInAPackage("java.lang..").orShould().haveModifier(FINAL);

// Plain `and`: every line of either branch, each distinct line once.
rule "and" = classes().that().resideInAPackage("fixtures.joined")
    .should().haveModifier(FINAL).andShould().onlyDependOnClassesThat().resideInAPackage("java.lang..");

// Negated `or` is `and` of the negations: every event of either branch.
rule "no-or" = noClasses().that().resideInAPackage("fixtures.joined")
    .should().haveModifier(FINAL).orShould().dependOnClassesThat().resideInAPackage("java.util..");

// Negated `and` is `or` of the negations: a class with events on both sides, as one line.
rule "no-and" = noClasses().that().resideInAPackage("fixtures.joined")
    .should().haveModifier(FINAL).andShould().dependOnClassesThat().resideInAPackage("java.util..");

// Left-associative: (final or named Final*) and only java.lang; the joined `or` line is one line of the `and`.
rule "or-and" = classes().that().resideInAPackage("fixtures.joined")
    .should().haveModifier(FINAL).orShould().haveSimpleNameStartingWith("Final")
    .andShould().onlyDependOnClassesThat().resideInAPackage("java.lang..");

// Negated joins of "any" conditions, answered from the reverse index.
rule "no-depend-and-access" = noClasses().that().resideInAPackage("fixtures.joined")
    .should().dependOnClassesThat().resideInAPackage("java.util..")
    .andShould().accessClassesThat().resideInAPackage("java.util..");
rule "no-depend-or-access" = noClasses().that().resideInAPackage("fixtures.joined")
    .should().dependOnClassesThat().resideInAPackage("java.util..")
    .orShould().accessClassesThat().resideInAPackage("java.util..");

// One condition alone: the two identical `add` calls on one line are two lines.
rule "single" = classes().that().resideInAPackage("fixtures.joined")
    .should().onlyDependOnClassesThat().resideInAPackage("java.lang..");
"#;

/// `rule DESC description` then `rule MSG message` for each violation, messages sorted: the form of the ArchUnit
/// harness's output.
fn report(rules: &str) -> String {
    let pack =
        parse_pack("joined.arch", rules, &HashMap::new()).unwrap_or_else(|e| panic!("{:?}", miette::Report::new(e)));
    let g = common::graph(&["joined/classes"], &[]);
    let mut out = String::new();
    for rule in &pack.rules {
        out.push_str(&format!("{}\tDESC\t{}\n", rule.name, describe(rule)));
        let mut messages: Vec<String> =
            evaluate_rule(&g, rule, &EvalOptions::default()).violations.into_iter().map(|v| v.message).collect();
        messages.sort();
        for m in messages {
            out.push_str(&format!("{}\tMSG\t{m}\n", rule.name));
        }
    }
    out
}

#[test]
fn joined_conditions_are_archunits() {
    insta::assert_snapshot!(report(RULES));
}

/// The reverse index answers negated joins of "any" conditions; its joins must be the scan's. A third condition
/// that never holds (no class is named `Nobody`) sends the rule to the scan without changing its events.
#[test]
fn indexed_joins_are_the_scans() {
    let messages = |text: &str, rule: &str| -> Vec<String> {
        let prefix = format!("{rule}\tMSG\t");
        text.lines().filter_map(|l| l.strip_prefix(&prefix)).map(str::to_owned).collect()
    };
    let indexed = report(RULES);
    let scanned = report(&RULES.replace(
        r#".resideInAPackage("java.util..");"#,
        r#".resideInAPackage("java.util..").orShould().haveSimpleName("Nobody");"#,
    ));
    for rule in ["no-depend-and-access", "no-depend-or-access"] {
        assert!(!messages(&indexed, rule).is_empty(), "{rule}");
        assert_eq!(messages(&indexed, rule), messages(&scanned, rule), "{rule}");
    }
    // The `and` of the negations joins each class's lines into one; the `or` lists each distinct line once.
    assert_eq!(messages(&indexed, "no-depend-and-access").len(), 2);
    assert_eq!(messages(&indexed, "no-depend-or-access").len(), 5);
}
