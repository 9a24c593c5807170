//! An example archrules plugin. Build it with `cargo build -p archrules-example-plugin` and load it with
//! `archrules check --plugin target/debug/libarchrules_example_plugin.so ...`.
//!
//! The rules are built from the IR's struct literals; once `archrules::rules::builder` exists, the fluent builder
//! writes the same IR more briefly.

use archrules::findings::Priority;
use archrules::rules::ir::{ClassPred, CondExpr, Condition, Pack, Rule, Subject};

archrules::export_plugin!(packs);

/// The plugin's packs: one pack with one rule, in the same shape a `.arch` file lowers to.
fn packs() -> Vec<Pack> {
    vec![Pack {
        id: "example.plugin".to_owned(),
        description: Some("Rules from the example native plugin".to_owned()),
        origin: String::new(),
        params: Default::default(),
        fixes: Vec::new(),
        rules: vec![Rule {
            pack: "example.plugin".to_owned(),
            name: "no sun.misc".to_owned(),
            priority: Priority::High,
            subject: Subject::Classes,
            negated: true,
            that: None,
            conditions: CondExpr::Cond(Condition::DependOnClassesThat(ClassPred::ResideInAnyPackage(vec![
                "sun.misc..".to_owned(),
            ]))),
            because: Some("sun.misc is JDK-internal and may disappear in any release".to_owned()),
            description_override: None,
            allow_empty_should: true,
            source: None,
            fixes: Vec::new(),
            messages: Vec::new(),
        }],
    }]
}
