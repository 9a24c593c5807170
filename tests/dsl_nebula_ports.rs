//! Nebula ArchRules' rules, pasted into `.arch` packs, parse; their descriptions are snapshotted.

use archrules::dsl::parse_pack;
use archrules::rules::describe::describe;
use std::collections::HashMap;

fn describe_pack(name: &str, source: &str) -> String {
    let pack = match parse_pack(name, source, &HashMap::new()) {
        Ok(pack) => pack,
        Err(errors) => panic!("{:?}", miette::Report::new(errors)),
    };
    let mut out = format!("pack {} ({} rules)\n", pack.id, pack.rules.len());
    for rule in &pack.rules {
        out.push_str(&format!("- [{:?}] {}: {}\n", rule.priority, rule.name, describe(rule)));
    }
    out
}

macro_rules! port {
    ($test:ident, $file:literal) => {
        #[test]
        fn $test() {
            insta::assert_snapshot!(describe_pack($file, include_str!(concat!("dsl/nebula/", $file))));
        }
    };
}

port!(deprecation, "deprecation.arch");
port!(nullability, "nullability.arch");
port!(security, "security.arch");
port!(spring_junit, "spring_junit.arch");
port!(gradle, "gradle.arch");
