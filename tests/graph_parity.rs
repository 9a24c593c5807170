//! Issue 20: the dependency descriptions of `fixtures/parity` (Java, Kotlin and Scala) are ArchUnit's, line for line.
//! Every expected line below, and each snapshot as a set, was checked against ArchUnit 1.4's
//! `JavaClass.getDirectDependenciesFromSelf()` on the same classes packed in a jar in path order (the order
//! `fixtures/tools/mkjar.py` writes and archrules reads a directory in), with missing classes left unresolved.

mod common;

use archrules::findings::Priority;
use archrules::graph::Graph;
use archrules::rules::engine::{evaluate_rule, EvalOptions};
use archrules::rules::ir::*;

fn descriptions(g: &Graph) -> Vec<String> {
    let mut lines: Vec<String> = g.targets().flat_map(|(id, _)| g.dependencies(id).map(|d| g.describe(d))).collect();
    lines.sort();
    lines
}

fn assert_has(all: &[String], expected: &[&str]) {
    for e in expected {
        assert!(all.iter().any(|l| l == e), "missing {e}\n{all:#?}");
    }
}

fn assert_lacks(all: &[String], unexpected: &[&str]) {
    for u in unexpected {
        assert!(!all.iter().any(|l| l.contains(u)), "unexpected {u}\n{all:#?}");
    }
}

#[test]
fn java_dependencies_are_archunits() {
    let all = descriptions(&common::graph(&["parity/java-classes"], &[]));
    // Item 3: inner class types. Declarations name `Outer$Inner` with the inner arguments only; a type argument
    // names the outer class with every argument.
    assert_has(&all, &[
        "Class <fixtures.parity.Generics$Sub> has generic superclass <fixtures.parity.Generics$Inner<java.lang.Integer>> with type argument depending on <java.lang.Integer> in (Generics.java:0)",
        "Field <fixtures.parity.Generics.field> has generic type <fixtures.parity.Generics$Inner<java.lang.Long>> with type argument depending on <java.lang.Long> in (Generics.java:0)",
        "Field <fixtures.parity.Generics.list> has generic type <java.util.List<fixtures.parity.Generics<java.lang.String, java.lang.Long>>> with type argument depending on <java.lang.String> in (Generics.java:0)",
    ]);
    assert_lacks(&all, &[
        "Class <fixtures.parity.Generics$Sub> has generic superclass <fixtures.parity.Generics$Inner<java.lang.Integer>> with type argument depending on <java.lang.String>",
        "Generics$Inner<java.lang.String, ",
    ]);
    // Items 2 and 10: parameters named by the signature's types (type variables by name, plain arrays by JVM
    // name), paired with the signature's parameters when the constructor of an inner class has one.
    assert_has(&all, &[
        "Parameter <B> of constructor <fixtures.parity.Generics$Inner.<init>(fixtures.parity.Generics, java.lang.Object, java.util.List)> is annotated with <fixtures.parity.Marker> in (Generics.java:0)",
        "Parameter <T> of method <fixtures.parity.Generics.put(java.lang.Object, [I, java.util.List)> is annotated with <fixtures.parity.Marker> in (Generics.java:0)",
        "Parameter <[I> of method <fixtures.parity.Generics.put(java.lang.Object, [I, java.util.List)> is annotated with <fixtures.parity.Marker> in (Generics.java:0)",
        "Parameter <[I> of method <fixtures.parity.Generics.sum([I)> is annotated with <fixtures.parity.Marker> in (Generics.java:0)",
    ]);
    assert_lacks(&all, &["Parameter <int[]>", "Parameter <fixtures.parity.Generics> of constructor"]);
    // Item 7: `$deserializeLambda$` is an ordinary method.
    assert_has(&all, &[
        "Method <fixtures.parity.Serial.$deserializeLambda$(java.lang.invoke.SerializedLambda)> calls method <java.lang.invoke.SerializedLambda.getImplMethodName()> in (Serial.java:7)",
    ]);
    // Item 5: the switch map's `NoSuchFieldError` handlers start mid-line: ArchUnit records none.
    assert_lacks(&all, &["catches type <java.lang.NoSuchFieldError>"]);
    assert_has(
        &all,
        &["Method <fixtures.parity.Catches.read()> catches type <java.io.IOException> in (Catches.java:12)"],
    );
    // Item 11: members left at their default count where the annotation type is read, nested defaults too.
    assert_has(&all, &[
        "Class <fixtures.parity.UsesDefaults> has annotation member of type <java.lang.Thread$State> in (UsesDefaults.java:0)",
        "Class <fixtures.parity.UsesDefaults> has annotation member of type <fixtures.parity.Marker> in (UsesDefaults.java:0)",
        "Method <fixtures.parity.UsesDefaults.run()> has annotation member of type <java.lang.Runnable> in (UsesDefaults.java:0)",
    ]);
    // The member types of a parameter's annotation, written or defaulted, depend from the parameter (Spark's
    // Scala case classes with `@JsonDeserialize(contentAs = classOf[java.lang.Long])` fields).
    assert_has(&all, &[
        "Parameter <java.lang.String> of method <fixtures.parity.TaggedParameters.take(java.lang.String, java.lang.Object)> has annotation member of type <java.lang.Long> in (TaggedParameters.java:0)",
        "Parameter <java.lang.String> of method <fixtures.parity.TaggedParameters.take(java.lang.String, java.lang.Object)> has annotation member of type <java.lang.Thread$State> in (TaggedParameters.java:0)",
        "Parameter <java.lang.Object> of method <fixtures.parity.TaggedParameters.take(java.lang.String, java.lang.Object)> has annotation member of type <java.lang.Runnable> in (TaggedParameters.java:0)",
        "Parameter <java.lang.Object> of method <fixtures.parity.TaggedParameters.take(java.lang.String, java.lang.Object)> has annotation member of type <fixtures.parity.Marker> in (TaggedParameters.java:0)",
    ]);
    assert_lacks(
        &all,
        &["Method <fixtures.parity.TaggedParameters.take(java.lang.String, java.lang.Object)> has annotation member"],
    );
    // Item 12: the bridge `Object get()` carries the method's annotation; one description, one line.
    let annotated =
        "Method <fixtures.parity.Covariant.get()> is annotated with <fixtures.parity.Marker> in (Covariant.java:0)";
    assert_eq!(all.iter().filter(|l| *l == annotated).count(), 1, "{all:#?}");
    insta::assert_snapshot!("parity_java", all.join("\n"));
}

#[test]
fn kotlin_dependencies_are_archunits() {
    let all = descriptions(&common::graph(&["parity/kotlin-classes"], &[]));
    assert_has(&all, &[
        // Item 1: the parameter null check runs before the method's first line entry: it takes the last line
        // seen before it (the constructor's, here), or 0 when nothing was seen yet.
        "Method <fixtures.parity.kt.ParityKt.describe(fixtures.parity.kt.Mode)> calls method <kotlin.jvm.internal.Intrinsics.checkParameterIsNotNull(java.lang.Object, java.lang.String)> in (Parity.kt:3)",
        "Method <fixtures.parity.kt.Greeter.greet(java.lang.String)> calls method <kotlin.jvm.internal.Intrinsics.checkParameterIsNotNull(java.lang.Object, java.lang.String)> in (Parity.kt:0)",
        "Constructor <fixtures.parity.kt.Greeter.<init>(java.lang.String)> calls method <kotlin.jvm.internal.Intrinsics.checkParameterIsNotNull(java.lang.Object, java.lang.String)> in (Parity.kt:6)",
        // Item 4: `$WhenMappings` is an ordinary class with no source file and no `InnerClasses` entry; its
        // initialiser has no line table, so it takes the last line of the class read before it (`Mode`).
        "Static Initializer <fixtures.parity.kt.ParityKt$WhenMappings.<clinit>()> calls method <fixtures.parity.kt.Mode.values()> in (WhenMappings.java:3)",
        // Item 8: an array bound counts as its element class.
        "Method <fixtures.parity.kt.ParityKt.firstOr([Ljava.lang.Object;, [Ljava.lang.Object;)> has type parameter 'C' depending on <java.lang.Object> in (Parity.kt:0)",
        "Parameter <C> of method <fixtures.parity.kt.ParityKt.firstOr([Ljava.lang.Object;, [Ljava.lang.Object;)> is annotated with <org.jetbrains.annotations.NotNull> in (Parity.kt:0)",
        // Item 6: the nested annotation in an annotation member.
        "Method <fixtures.parity.kt.ParityKt.hello(java.lang.String)> has annotation member of type <kotlin.ReplaceWith> in (Parity.kt:0)",
    ]);
    assert_lacks(&all, &["ParityKt.java"]);
    insta::assert_snapshot!("parity_kotlin", all.join("\n"));
}

#[test]
fn scala_dependencies_are_archunits() {
    let all = descriptions(&common::graph(&["parity/scala-classes"], &[]));
    // Item 1: the static forwarders of `Counter` have no line table at all; ArchUnit's one access recorder for
    // the whole import gives them the last line of the class read before (`Counter$`, line 11).
    assert_has(&all, &[
        "Method <fixtures.parity.sc.Counter.zero()> calls method <fixtures.parity.sc.Counter$.zero()> in (Parity.scala:11)",
        "Method <fixtures.parity.sc.Counter.zero()> gets field <fixtures.parity.sc.Counter$.MODULE$> in (Parity.scala:11)",
    ]);
    // A supertype's own unbounded wildcards (`Ops<TK;*Lscala/collection/immutable/List<TK;>;>`, a type lambda) are
    // dropped by ArchUnit's superclass and interface visitors: Scala 2.13's `MapView` in the Spark corpus.
    assert_has(&all, &[
        "Class <fixtures.parity.sc.WildBase> has generic interface <fixtures.parity.sc.Ops<K, scala.collection.immutable.List<K>>> with type argument depending on <scala.collection.immutable.List> in (Wild.scala:0)",
        "Class <fixtures.parity.sc.WildOps> has generic interface <fixtures.parity.sc.Ops<K, scala.collection.immutable.List<K>>> with type argument depending on <scala.collection.immutable.List> in (Wild.scala:0)",
    ]);
    assert_lacks(&all, &["Ops<K, ?"]);
    insta::assert_snapshot!("parity_scala", all.join("\n"));
}

/// Accesses before any line-number entry of their class, in a jar whose entry order is chosen (`fixtures/parity/
/// lines.jar`: LongLines, A, Outer$Inner, B, Outer); each line checked against ArchUnit 1.4 on that jar.
#[test]
fn lines_carried_into_code_without_line_tables_are_archunits() {
    let all = descriptions(&common::graph(&["parity/lines.jar"], &[]));
    assert_has(&all, &[
        // 65535 is a line like any other (javac numbers no line past it): `late()` has no table and takes the
        // line `early()` ended on, as Spark's `StoreTypes$StageData.equals` takes `StoreTypes.java:65535`.
        "Method <fixtures.lines.LongLines.late()> calls method <java.lang.Thread.dumpStack()> in (LongLines.java:65535)",
        // The read in `Outer$Inner.access$000()` (no line tables anywhere) takes the line of the class read before
        // the accessor's class (A's 6), not the line before its caller `Outer` (B's 8).
        "Method <fixtures.lines.Outer.read()> gets field <fixtures.lines.Outer$Inner.secret> in (Outer.java:6)",
    ]);
}

/// Item 9: a violation about a method or constructor is placed at its first line, one about a field at line 0.
#[test]
fn member_violations_are_placed_at_the_members_first_line() {
    let g = common::graph(&["parity/java-classes"], &[]);
    let never = MemberPred::Name(StringMatch::Equals("#".into()));
    let declared_in_holder = ClassPred::FullName(StringMatch::Equals("fixtures.parity.OptionalHolder".into()));
    let rule = Rule {
        pack: "test".into(),
        name: "test rule".into(),
        priority: Priority::Medium,
        subject: Subject::Members,
        negated: false,
        that: Some(Pred::Member(MemberPred::DeclaredIn(Box::new(declared_in_holder)))),
        conditions: CondExpr::Cond(Condition::MemberMatches(never)),
        because: None,
        description_override: None,
        allow_empty_should: false,
        source: None,
        fixes: Vec::new(),
        messages: Vec::new(),
    };
    let result = evaluate_rule(&g, &rule, &EvalOptions::default());
    let mut messages: Vec<&str> = result.violations.iter().map(|v| v.message.as_str()).collect();
    messages.sort();
    insta::assert_snapshot!("parity_member_locations", messages.join("\n"));
    let rename = result.violations.iter().find(|v| v.message.contains(".rename("));
    assert_eq!(rename.map(|v| v.line), Some(10), "{messages:#?}");
}

/// Item 7: a serializable lambda's body is created by its method and by `$deserializeLambda$`: ArchUnit credits its
/// accesses to both.
#[test]
fn serializable_lambda_bodies_are_credited_to_deserialize_lambda_too() {
    let all = descriptions(&common::graph(&["java/classes"], &[]));
    assert_has(&all, &[
        "Method <fixtures.lambdas.Lambdas.$deserializeLambda$(java.lang.invoke.SerializedLambda)> gets field <java.lang.System.out> in (Lambdas.java:28)",
        "Method <fixtures.lambdas.Lambdas.$deserializeLambda$(java.lang.invoke.SerializedLambda)> calls method <java.io.PrintStream.println(java.lang.String)> in (Lambdas.java:28)",
    ]);
}
