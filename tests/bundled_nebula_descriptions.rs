//! The bundled ports of Nebula ArchRules' rules describe themselves and rank as Nebula's own rules do: name,
//! priority and `ArchRule.getDescription()` recorded from Nebula's rule classes run on ArchUnit
//! (tests/data/nebula-rule-descriptions.tsv). The CVE rules are the one kept departure: they stay quiet on
//! known-fixed versions, and their descriptions say so (docs/packs.md).

use archrules::packs::{bundled::BUNDLED, dsl_parse};
use archrules::rules::describe::describe;
use std::collections::HashMap;

#[test]
fn bundled_ports_describe_and_rank_their_rules_as_nebula() {
    let mut ours = HashMap::new();
    for b in BUNDLED {
        let pack = dsl_parse(b.file, b.text, &HashMap::new()).unwrap_or_else(|e| panic!("{e:?}"));
        for rule in &pack.rules {
            ours.insert(rule.name.clone(), (format!("{:?}", rule.priority).to_uppercase(), describe(rule)));
        }
    }
    let mut differences = Vec::new();
    let mut compared = 0;
    for line in include_str!("data/nebula-rule-descriptions.tsv").lines().filter(|l| !l.starts_with('#')) {
        let [name, priority, description] = line.splitn(3, '\t').collect::<Vec<_>>()[..] else {
            panic!("bad line {line:?}")
        };
        let Some((our_priority, our_description)) = ours.get(name) else {
            differences.push(format!("{name}: no bundled rule of that name"));
            continue;
        };
        if our_priority != priority {
            differences.push(format!("{name}: priority {our_priority}, Nebula's {priority}"));
        }
        if name.starts_with("CVE-") {
            continue;
        }
        compared += 1;
        if our_description != description {
            differences.push(format!("{name}:\n  ours:    {our_description}\n  Nebula's: {description}"));
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
    assert_eq!(compared, 41);
}
