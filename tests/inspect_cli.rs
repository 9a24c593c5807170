//! `archrules inspect` run as a user would: the real binary on committed fixtures, output snapshotted.

mod common;

use common::run;

#[test]
fn summary_of_the_java_fixtures() {
    let (out, err, code) = run(&["inspect", "fixtures/java/classes", "--no-jdk", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    for key in ["inputs", "classes", "classpath_classes", "dependencies", "by_kind", "unresolved", "warnings"] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    insta::assert_snapshot!("java_summary", out);
}

#[test]
fn one_class_as_json() {
    let (out, err, code) = run(&[
        "inspect",
        "fixtures/java/classes",
        "--no-jdk",
        "--format",
        "json",
        "--class",
        "fixtures.deps.MethodCallOrigin",
    ]);
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("method_call_origin_json", out);
}

#[test]
fn nested_class_as_text() {
    let (out, _, code) =
        run(&["inspect", "fixtures/java/classes", "--no-jdk", "--class", "fixtures.nesting.Outer$Inner"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("outer_inner_text", out);
}

#[test]
fn unknown_class_is_a_usage_error() {
    let (_, err, code) = run(&["inspect", "fixtures/java/classes", "--no-jdk", "--class", "no.such.Class"]);
    assert_eq!(code, 2);
    assert!(err.contains("no.such.Class"), "{err}");
}

#[test]
fn dependency_dump_is_sorted_archunit_lines() {
    let (out, _, code) = run(&["inspect", "fixtures/java/classes", "--no-jdk", "--dependencies"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.len() > 100);
    assert!(lines.windows(2).all(|w| w[0] <= w[1]), "sorted");
    assert!(lines.iter().all(|l| l.contains(" in (") && l.ends_with(')')), "ArchUnit's `in (File.java:N)` form");
    assert!(lines.contains(
        &"Method <fixtures.deps.MethodCallOrigin.callStatic()> calls method <fixtures.deps.targets.MethodCallTarget.compute(int)> in (MethodCallOrigin.java:9)"
    ));
    let (json, _, _) = run(&["inspect", "fixtures/java/classes", "--no-jdk", "--dependencies", "--format", "json"]);
    let first: serde_json::Value = serde_json::from_str(json.lines().next().unwrap()).unwrap();
    for key in ["origin", "kind", "target", "line", "description"] {
        assert!(first.get(key).is_some(), "missing {key}");
    }
}

#[test]
fn broken_inputs_warn_and_the_run_goes_on() {
    let (out, err, code) = run(&[
        "inspect",
        "fixtures/broken/classes",
        "fixtures/broken/jars",
        "fixtures/broken/dir.jar",
        "fixtures/java/classes",
        "--no-jdk",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let warnings: Vec<String> =
        v["warnings"].as_array().unwrap().iter().map(|w| w.as_str().unwrap().to_string()).collect();
    assert!(warnings.iter().any(|w| w.contains("fixtures/broken")), "{warnings:#?}");
    assert!(v["classes"].as_u64().unwrap() > 50);
    insta::assert_snapshot!("broken_warnings", warnings.join("\n"));
}

#[test]
fn nothing_readable_exits_2() {
    let (_, err, code) = run(&["inspect", "fixtures/broken/truncated.jar", "--no-jdk"]);
    assert_eq!(code, 2, "{err}");
    let (_, _, code) = run(&["inspect", "--no-jdk"]);
    assert_eq!(code, 2);
}

#[test]
fn fat_jar_libraries_are_classpath_not_targets() {
    let (out, _, code) = run(&["inspect", "fixtures/jars/boot.jar", "--no-jdk", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["classpath_classes"].as_u64().unwrap() >= 1, "{out}");
}

/// The fat jar's nested libraries are listed between its own classes and the next target's: the next target's
/// classes are still targets, and the libraries still only the classpath.
#[test]
fn a_target_after_a_fat_jar_is_still_a_target() {
    let count = |args: &[&str]| {
        let (out, err, code) = run(args);
        assert_eq!(code, 0, "{err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        (v["classes"].as_u64().unwrap(), v["classpath_classes"].as_u64().unwrap())
    };
    let (fat, fat_libraries) = count(&["inspect", "fixtures/jars/boot.jar", "--no-jdk", "--format", "json"]);
    let (demo, _) = count(&["inspect", "fixtures/demo/classes", "--no-jdk", "--format", "json"]);
    let both = count(&["inspect", "fixtures/jars/boot.jar", "fixtures/demo/classes", "--no-jdk", "--format", "json"]);
    assert!(fat_libraries >= 1);
    assert_eq!(both, (fat + demo, fat_libraries));
}

#[test]
fn multi_release_view_follows_release() {
    let calls = |release: &str| {
        let (out, _, _) = run(&["inspect", "fixtures/jars/mr.jar", "--no-jdk", "--dependencies", "--release", release]);
        out
    };
    assert!(calls("8").contains("java.util.Vector"));
    assert!(calls("11").contains("java.util.ArrayList"));
    assert!(calls("17").contains("java.util.LinkedList"));
}
