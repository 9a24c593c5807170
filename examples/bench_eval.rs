//! Evaluation speed: loads a graph from the given inputs (as targets, with the JDK as classpath when one is found),
//! then evaluates 50 varied rules, printing load and evaluation times separately.
//!
//! Usage: `cargo run --release --example bench_eval -- [--no-jdk] [--per-rule] [--only NAME-PART] [--repeat N] [--packs DIR] [--dump FILE] [PATH...]`
//! (`--packs rules` evaluates the bundled packs instead of the built-in 50 rules; `--per-rule` times each rule in turn,
//! slowest first; `--dump FILE` writes every result, violations in order, one JSON line each, to diff across changes)
//! (default path: `bench/corpus/jars`, fetched by `bench/fetch-corpus.sh`).

use std::path::PathBuf;
use std::time::Instant;

use archrules::findings::{Priority, Status};
use archrules::graph;
use archrules::inputs::{self, OpenOptions, Opened, Role};
use archrules::rules::engine::{evaluate, evaluate_timed, EvalOptions};
use archrules::rules::ir::*;

/// User + system CPU seconds of this process so far (Linux `/proc/self/stat`, clock ticks of 1/100 s): wall time
/// on a shared machine says little, CPU time says what the work costs.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or("");
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

fn name(n: &str) -> ClassPred {
    ClassPred::FullName(StringMatch::Equals(n.into()))
}

fn pkg(p: &str) -> ClassPred {
    ClassPred::ResideInAnyPackage(vec![p.into()])
}

fn b<T>(t: T) -> Box<T> {
    Box::new(t)
}

fn rule(name: &str, subject: Subject, negated: bool, that: Option<Pred>, cond: CondExpr) -> Rule {
    Rule {
        pack: "bench".into(),
        name: name.into(),
        priority: Priority::Medium,
        subject,
        negated,
        that,
        conditions: cond,
        because: None,
        description_override: None,
        allow_empty_should: true,
        source: None,
        fixes: Vec::new(),
        messages: Vec::new(),
    }
}

fn no_classes(n: &str, that: Option<ClassPred>, c: Condition) -> Rule {
    rule(n, Subject::Classes, true, that.map(Pred::Class), CondExpr::Cond(c))
}

fn classes(n: &str, that: Option<ClassPred>, c: Condition) -> Rule {
    rule(n, Subject::Classes, false, that.map(Pred::Class), CondExpr::Cond(c))
}

fn call(owner: &str, method: &str, params: Option<Vec<&str>>) -> Condition {
    Condition::AccessWhere {
        kind: AccessKind::CodeUnitCall,
        pred: AccessPred::TargetIs {
            owner: owner.into(),
            name: method.into(),
            parameter_types: params.map(|p| p.into_iter().map(String::from).collect()),
        },
    }
}

fn rules() -> Vec<Rule> {
    let mut r = Vec::new();
    for (i, n) in [
        "com.google.common.base.Optional",
        "org.joda.time.DateTime",
        "java.util.Vector",
        "java.util.Hashtable",
        "java.util.Stack",
        "sun.misc.Unsafe",
        "java.lang.StringBuffer",
        "org.apache.commons.logging.Log",
    ]
    .iter()
    .enumerate()
    {
        r.push(no_classes(&format!("no {i} {n}"), None, Condition::DependOnClassesThat(name(n))));
    }
    for p in ["sun..", "..internal..", "org.apache.log4j..", "com.sun..", "javax.xml.bind.."] {
        r.push(no_classes(&format!("no {p}"), None, Condition::DependOnClassesThat(pkg(p))));
    }
    r.push(no_classes("zoneless", None, call("org.joda.time.DateTime", "<init>", Some(vec![]))));
    r.push(no_classes("exit", None, call("java.lang.System", "exit", Some(vec!["int"]))));
    r.push(no_classes("gc", None, call("java.lang.System", "gc", None)));
    r.push(no_classes("printStackTrace", None, call("java.lang.Throwable", "printStackTrace", Some(vec![]))));
    r.push(no_classes("thread stop", None, call("java.lang.Thread", "stop", None)));
    let deprecated = AccessPred::Or(
        b(AccessPred::Target(MemberPred::Deprecated)),
        b(AccessPred::TargetOwner(ClassPred::Deprecated)),
    );
    r.push(no_classes("deprecated api", None, Condition::AccessWhere { kind: AccessKind::Any, pred: deprecated }));
    let removal = AccessPred::Target(MemberPred::DeprecatedForRemoval);
    r.push(no_classes("for removal", None, Condition::AccessWhere { kind: AccessKind::Any, pred: removal }));
    let sysout = AccessPred::And(
        b(AccessPred::TargetOwner(name("java.lang.System"))),
        b(AccessPred::Target(MemberPred::Name(StringMatch::Equals("out".into())))),
    );
    r.push(no_classes("system out", None, Condition::AccessWhere { kind: AccessKind::FieldGet, pred: sysout }));
    r.push(classes(
        "impl names",
        Some(ClassPred::SimpleName(StringMatch::EndsWith("Impl".into()))),
        Condition::ClassMatches(ClassPred::Not(b(ClassPred::Kind(ClassKind::Interface)))),
    ));
    r.push(classes(
        "interfaces not I",
        Some(ClassPred::Kind(ClassKind::Interface)),
        Condition::ClassMatches(ClassPred::Not(b(ClassPred::SimpleName(StringMatch::Matches("I[A-Z].*".into()))))),
    ));
    r.push(classes(
        "null marked",
        Some(ClassPred::Visibility(Visibility::Public)),
        Condition::ClassMatches(ClassPred::NullMarked),
    ));
    r.push(no_classes("deprecated classes", None, Condition::ClassMatches(ClassPred::Deprecated)));
    r.push(classes(
        "exceptions",
        Some(ClassPred::AssignableTo(b(name("java.lang.Throwable")))),
        Condition::ClassMatches(ClassPred::SimpleName(StringMatch::EndsWith("Exception".into()))),
    ));
    r.push(classes(
        "serializable",
        Some(ClassPred::Implement(b(name("java.io.Serializable")))),
        Condition::ClassMatches(ClassPred::ContainAny(
            MemberKind::Field,
            b(MemberPred::Name(StringMatch::Equals("serialVersionUID".into()))),
        )),
    ));
    r.push(classes(
        "runtime annotated",
        Some(ClassPred::MetaAnnotatedWith(AnnotationPred::Type(b(name("java.lang.annotation.Documented"))))),
        Condition::ClassMatches(ClassPred::Kind(ClassKind::Annotation)),
    ));
    r.push(classes(
        "spark names",
        Some(ClassPred::FullName(StringMatch::Matches("org\\.apache\\.spark\\..*Suite".into()))),
        Condition::ClassMatches(ClassPred::Kotlin),
    ));
    r.push(classes(
        "scala pkgs",
        Some(pkg("scala.collection..")),
        Condition::OnlyDependOnClassesThat(ClassPred::ResideInAnyPackage(vec!["scala..".into(), "java..".into()])),
    ));
    r.push(classes(
        "util deps",
        Some(pkg("org.apache.spark.util")),
        Condition::OnlyHaveDependentClassesThat(pkg("org.apache.spark..")),
    ));
    r.push(classes(
        "accessed by",
        Some(pkg("org.apache.spark.internal..")),
        Condition::OnlyBeAccessedByClassesThat(pkg("org.apache.spark..")),
    ));
    r.push(no_classes(
        "transitive",
        Some(pkg("org.apache.spark.api.java")),
        Condition::TransitivelyDependOnClassesThat(name("sun.misc.Unsafe")),
    ));
    r.push(no_classes(
        "field types",
        None,
        Condition::HaveAnyDependenciesThat(DependencyPred::And(
            b(DependencyPred::Kind(vec![DependencyKind::FieldType])),
            b(DependencyPred::Target(name("java.util.Date"))),
        )),
    ));
    r.push(no_classes(
        "catch throwable",
        None,
        Condition::HaveAnyDependenciesThat(DependencyPred::And(
            b(DependencyPred::Kind(vec![DependencyKind::CatchesType])),
            b(DependencyPred::Target(name("java.lang.Throwable"))),
        )),
    ));
    r.push(classes(
        "access java only",
        Some(pkg("com.google.common.base")),
        Condition::OnlyAccessClassesThat(ClassPred::ResideInAnyPackage(vec!["java..".into(), "com.google..".into()])),
    ));
    let member_rule = |n: &str, s: Subject, that: MemberPred, c: MemberPred| {
        rule(n, s, false, Some(Pred::Member(that)), CondExpr::Cond(Condition::MemberMatches(c)))
    };
    r.push(member_rule(
        "public static final",
        Subject::Fields,
        MemberPred::And(b(MemberPred::Visibility(Visibility::Public)), b(MemberPred::Modifier(Modifier::Static))),
        MemberPred::Modifier(Modifier::Final),
    ));
    r.push(member_rule(
        "no Optional fields",
        Subject::Fields,
        MemberPred::RawType(b(name("java.util.Optional"))),
        MemberPred::Visibility(Visibility::Private),
    ));
    r.push(member_rule(
        "deprecated methods",
        Subject::Methods,
        MemberPred::Deprecated,
        MemberPred::Modifier(Modifier::Final),
    ));
    r.push(member_rule(
        "throws",
        Subject::CodeUnits,
        MemberPred::DeclareThrowableOfType(b(name("java.lang.Exception"))),
        MemberPred::Visibility(Visibility::Public),
    ));
    r.push(member_rule(
        "getters",
        Subject::Methods,
        MemberPred::Name(StringMatch::StartsWith("get".into())),
        MemberPred::Not(b(MemberPred::RawReturnType(b(name("void"))))),
    ));
    r.push(member_rule(
        "string params",
        Subject::Methods,
        MemberPred::AnyRawParameterType(b(name("java.lang.String"))),
        MemberPred::Not(b(MemberPred::Modifier(Modifier::Native))),
    ));
    // ArchUnit's `GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION`, with the injection annotations the corpus
    // uses.
    let injected = |n: &str| MemberPred::AnnotatedWith(AnnotationPred::Type(b(name(n))));
    let injection = MemberPred::Or(b(injected("javax.inject.Inject")), b(injected("jakarta.inject.Inject")));
    r.push(rule("field injection", Subject::Fields, true, None, CondExpr::Cond(Condition::MemberMatches(injection))));
    r.push(rule(
        "ctor calls",
        Subject::Constructors,
        true,
        None,
        CondExpr::Cond(call("java.lang.Thread", "<init>", None)),
    ));
    let slices = |n: &str, m: &str, c: Condition| {
        rule(n, Subject::Slices { matching: m.into() }, false, None, CondExpr::Cond(c))
    };
    r.push(slices("spark cycles", "org.apache.spark.(*)..", Condition::BeFreeOfCycles));
    r.push(slices("guava cycles", "com.google.common.(*)..", Condition::BeFreeOfCycles));
    r.push(slices("hadoop independent", "org.apache.hadoop.(*)..", Condition::NotDependOnEachOther));
    let layer = |n: &str, p: &str| Layer { name: n.into(), packages: vec![p.into()], optional: true };
    let arch = LayeredArchitecture {
        considering: LayerDependencies::OnlyDependenciesInLayers,
        layers: vec![
            layer("SQL", "org.apache.spark.sql.."),
            layer("Core", "org.apache.spark.rdd.."),
            layer("Util", "org.apache.spark.util.."),
        ],
        constraints: vec![
            LayerConstraint { layer: "SQL".into(), access: LayerAccess::MayNotBeAccessedByAnyLayer },
            LayerConstraint { layer: "Util".into(), access: LayerAccess::MayOnlyAccessLayers(vec![]) },
        ],
    };
    r.push(rule("layers", Subject::Layered(arch), false, None, CondExpr::Cond(Condition::RespectLayers)));
    let or = CondExpr::Or(
        b(CondExpr::Cond(Condition::ClassMatches(ClassPred::Modifier(Modifier::Final)))),
        b(CondExpr::Cond(Condition::ClassMatches(ClassPred::Modifier(Modifier::Abstract)))),
    );
    r.push(rule(
        "final or abstract",
        Subject::Classes,
        false,
        Some(Pred::Class(pkg("org.apache.spark.sql.catalyst.expressions"))),
        or,
    ));
    r.push(no_classes(
        "artifact",
        None,
        Condition::DependOnClassesThat(ClassPred::FromArtifact {
            group: "com.google.guava".into(),
            artifact: "guava".into(),
            version: VersionReq::parse("<32").ok(),
        }),
    ));
    r
}

/// Every rule of the `.arch` files in `dir` (e.g. the bundled `rules/`), with their packs' default parameters.
fn pack_rules(dir: &std::path::Path) -> Vec<Rule> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(dir).map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect()).unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "arch"));
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let source = std::fs::read_to_string(&f).unwrap_or_default();
        match archrules::dsl::parse_pack(&f.display().to_string(), &source, &Default::default()) {
            Ok(pack) => out.extend(pack.rules),
            Err(e) => eprintln!("{}: {e}", f.display()),
        }
    }
    out
}

fn main() {
    // Measured as the binary runs: with its allocator settings.
    archrules::cli::tune_allocator();
    let mut paths = Vec::new();
    let (mut jdk, mut per_rule, mut only, mut repeat, mut packs_dir, mut dump) = (true, false, None, 1, None, None);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--no-jdk" => jdk = false,
            "--per-rule" => per_rule = true,
            "--only" => only = args.next(),
            "--packs" => packs_dir = args.next().map(PathBuf::from),
            "--dump" => dump = args.next().map(PathBuf::from),
            "--repeat" => repeat = args.next().and_then(|n| n.parse().ok()).unwrap_or(1),
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    if paths.is_empty() {
        paths.push(PathBuf::from("bench/corpus/jars"));
    }
    let start = Instant::now();
    let opts = OpenOptions::default();
    let mut opened = Opened::default();
    opened.add(&paths, Role::Target, &opts);
    if let Some(home) = inputs::find_jdk(None).filter(|_| jdk) {
        if let Err(e) = opened.add_jdk(&home, &opts) {
            eprintln!("JDK not loaded: {e}");
        }
    }
    let g = graph::build(opened, &graph::BuildOptions { index_dependents: true, ..Default::default() });
    let load = start.elapsed();
    println!(
        "load: {:.3} s ({} target classes, {} classpath, {} dependencies)",
        load.as_secs_f64(),
        g.stats.target_classes,
        g.stats.classpath_classes,
        g.all_dependencies().len()
    );
    let mut rules = match &packs_dir {
        Some(dir) => pack_rules(dir),
        None => rules(),
    };
    if let Some(only) = &only {
        rules.retain(|r| r.name.contains(only.as_str()));
    }
    let pack = Pack {
        id: "bench".into(),
        description: None,
        origin: "bench".into(),
        params: Default::default(),
        fixes: Vec::new(),
        rules,
    };
    let eval_opts = EvalOptions::default();
    let start = Instant::now();
    let cpu = cpu_seconds();
    // Every repetition's results are kept until the timing ends: a single run does not free its results either,
    // and freeing hundreds of thousands of violations would otherwise be charged to the next repetition.
    let mut all = Vec::with_capacity(repeat as usize);
    for _ in 0..repeat.max(1) {
        all.push(evaluate(&g, std::slice::from_ref(&pack), &eval_opts));
    }
    let eval = start.elapsed() / repeat.max(1);
    let eval_cpu = (cpu_seconds() - cpu) / f64::from(repeat.max(1));
    let results = all.pop().unwrap_or_default();
    drop(all);
    let failed = results.iter().filter(|r| r.status == Status::Fail).count();
    let violations: usize = results.iter().map(|r| r.violations.len()).sum();
    println!(
        "evaluate: {:.3} s wall, {eval_cpu:.2} s CPU on {} threads ({} rules, {failed} failed, {violations} violations)",
        eval.as_secs_f64(),
        rayon::current_num_threads(),
        results.len()
    );
    if let Some(path) = &dump {
        let mut out = String::new();
        for r in &results {
            out.push_str(&serde_json::to_string(&(&r.rule, r.status)).unwrap_or_default());
            out.push('\n');
            for v in &r.violations {
                out.push_str(&serde_json::to_string(v).unwrap_or_default());
                out.push('\n');
            }
        }
        if let Err(e) = std::fs::write(path, out) {
            eprintln!("{}: {e}", path.display());
        }
    }
    if per_rule {
        // One after another on one shared context (what rules share is charged to the first that needs it), each
        // still parallel inside, slowest first: which rules dominate.
        // With `--repeat N`, each rule's best of N passes: on a shared machine the minimum is the steadiest figure.
        let cpu = cpu_seconds();
        let mut times: Vec<(f64, usize, &str)> = Vec::new();
        for _ in 0..repeat.max(1) {
            let pass = evaluate_timed(&g, std::slice::from_ref(&pack), &eval_opts);
            let pass = pass
                .iter()
                .zip(&pack.rules)
                .map(|((res, t), r)| (t.as_secs_f64() * 1e3, res.violations.len(), r.name.as_str()));
            if times.is_empty() {
                times = pass.collect();
            } else {
                for (best, t) in times.iter_mut().zip(pass) {
                    best.0 = best.0.min(t.0);
                }
            }
        }
        let cpu = (cpu_seconds() - cpu) / f64::from(repeat.max(1));
        times.sort_by(|a, b| b.0.total_cmp(&a.0));
        let total: f64 = times.iter().map(|t| t.0).sum();
        println!("per rule, one after another: {total:.0} ms wall, {cpu:.2} s CPU in all");
        for (wall, violations, name) in times {
            println!("  {wall:>8.1} ms  {violations:>7} violations  {name}");
        }
    }
}
