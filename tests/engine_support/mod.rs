//! Shared by the `engine_*` tests: the graph of `tests/data/engine` (app analysed, lib on the classpath, no JDK)
//! and small constructors for IR rules.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::OnceLock;

use archrules::findings::{Priority, RuleResult};
use archrules::graph::{self, Graph};
use archrules::inputs::{OpenOptions, Opened, Role};
use archrules::rules::engine::{evaluate_rule, EvalOptions};
use archrules::rules::ir::*;

pub fn data(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/engine").join(path)
}

pub fn graph() -> &'static Graph {
    static G: OnceLock<Graph> = OnceLock::new();
    G.get_or_init(|| {
        let opts = OpenOptions::default();
        let mut opened = Opened::default();
        opened.add(&[data("app")], Role::Target, &opts);
        opened.add(&[data("lib")], Role::Classpath, &opts);
        graph::build(opened, &graph::BuildOptions::default())
    })
}

pub fn rule(subject: Subject, negated: bool, that: Option<Pred>, conditions: CondExpr) -> Rule {
    Rule {
        pack: "test".into(),
        name: "test rule".into(),
        priority: Priority::Medium,
        subject,
        negated,
        that,
        conditions,
        because: None,
        description_override: None,
        allow_empty_should: false,
        source: None,
        fixes: Vec::new(),
        messages: Vec::new(),
    }
}

pub fn classes(that: Option<ClassPred>, cond: Condition) -> Rule {
    rule(Subject::Classes, false, that.map(Pred::Class), CondExpr::Cond(cond))
}

pub fn no_classes(that: Option<ClassPred>, cond: Condition) -> Rule {
    rule(Subject::Classes, true, that.map(Pred::Class), CondExpr::Cond(cond))
}

pub fn eval(r: &Rule) -> RuleResult {
    evaluate_rule(graph(), r, &EvalOptions::default())
}

/// Status and messages, one per line, for snapshots.
pub fn render(r: &RuleResult) -> String {
    let mut out = format!("{:?}: {}\n", r.status, r.rule.description);
    for v in &r.violations {
        out.push_str(&v.message);
        out.push('\n');
    }
    out
}

/// The origin classes of the violations, deduplicated, in order.
pub fn origins(r: &RuleResult) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in &r.violations {
        if !out.iter().any(|o| **o == *v.origin_class) {
            out.push(v.origin_class.to_string());
        }
    }
    out
}

pub fn name(n: &str) -> ClassPred {
    ClassPred::FullName(StringMatch::Equals(n.into()))
}

pub fn in_package(p: &str) -> ClassPred {
    ClassPred::ResideInAnyPackage(vec![p.into()])
}

pub fn annotation(n: &str) -> AnnotationPred {
    AnnotationPred::Type(Box::new(name(n)))
}

/// The analysed classes a class predicate selects, sorted: `classes().that(p).should().haveSimpleName("#")`
/// fails once per selected class.
pub fn selected(p: ClassPred) -> Vec<String> {
    let r = classes(Some(p), Condition::ClassMatches(ClassPred::SimpleName(StringMatch::Equals("#".into()))));
    let mut v = origins(&eval(&r));
    v.sort();
    v
}
