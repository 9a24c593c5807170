//! Issue 17, "inputs are facts, not hints": what the user names must exist (exit 2 otherwise), classpath globs
//! expand, damaged inputs are counted and reach stderr, classes found nowhere are named, flags that mean nothing
//! are refused. The real binary on committed fixtures.

mod common;

use common::run;
use std::path::Path;

fn json(out: &str) -> serde_json::Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

/// The `deprecatedForRemoval` hit on `LegacyPricing.discountCents` needs `acme-legacy.jar` on the classpath: the
/// violation the README's `--classpath 'libs/*.jar'` lost when the glob was not expanded.
fn finds_the_legacy_removal(out: &str) -> bool {
    json(out)["violations"].as_array().unwrap().iter().any(|v| {
        v["rule"]["ruleName"] == "deprecatedForRemoval" && v["message"].as_str().unwrap().contains("discountCents")
    })
}

fn demo(extra: &[&str]) -> (String, String, i32) {
    let mut args = vec!["check", "fixtures/demo/classes", "--no-config", "--no-jdk"];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn a_missing_target_is_an_error_naming_it() {
    let (_, err, code) = demo(&["/nonexistent/classes", "--format", "sarif"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("target /nonexistent/classes: no such file or directory"), "{err}");
}

#[test]
fn a_missing_classpath_entry_is_an_error_naming_it() {
    let (_, err, code) = demo(&["--classpath", "fixtures/demo/lib/guava.jar:fixtures/demo/lib/nope.jar"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("classpath entry fixtures/demo/lib/nope.jar: no such file or directory"), "{err}");
}

#[test]
fn an_explicit_jdk_must_be_a_jdk() {
    let args = ["check", "fixtures/demo/classes", "--no-config", "--jdk"];
    let (_, err, code) = run(&[&args[..], &["/nonexistent"]].concat());
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("JDK /nonexistent: no such directory"), "{err}");
    let (_, err, code) = run(&[&args[..], &["fixtures/demo"]].concat());
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("JDK fixtures/demo: not a JDK home"), "{err}");
}

#[test]
fn classpath_globs_expand_like_the_shell_and_the_jvm() {
    for glob in ["fixtures/demo/lib/*.jar", "fixtures/demo/lib/*", "fixtures/demo/lib/acme-*.jar"] {
        let (out, err, code) = demo(&["--classpath", glob, "--format", "json"]);
        assert_eq!(code, 0, "{glob}: {err}");
        assert!(finds_the_legacy_removal(&out), "{glob}: {err}");
        assert!(!err.contains("no such file"), "{glob}: {err}");
    }
    let (_, err, code) = demo(&["--classpath", "fixtures/demo/lib/*.war"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("classpath entry fixtures/demo/lib/*.war: matches no file"), "{err}");
}

#[test]
fn configuration_classpath_globs_are_relative_to_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo/lib");
    std::os::unix::fs::symlink(&lib, tmp.path().join("deps")).unwrap();
    let config = tmp.path().join("archrules.toml");
    std::fs::write(&config, "classpath = [\"deps/*.jar\"]\n").unwrap();
    let config = config.to_str().unwrap();
    let (out, err, code) = run(&["check", "fixtures/demo/classes", "--no-jdk", "--config", config, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    assert!(finds_the_legacy_removal(&out), "{err}");
    std::fs::write(tmp.path().join("archrules.toml"), "classpath = [\"deps/*.war\"]\n").unwrap();
    let (_, err, code) = run(&["check", "fixtures/demo/classes", "--no-jdk", "--config", config]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("deps/*.war: matches no file"), "{err}");
}

#[test]
fn damaged_entries_are_counted_on_stderr_and_fail_with_strict_inputs() {
    let bad = "fixtures/broken/jars/badcrc.jar";
    let (out, err, code) = demo(&["--classpath", "fixtures/demo/lib", bad, "--format", "json"]);
    assert_eq!(code, 0, "a damaged entry inside a readable jar stays a warning: {err}");
    let report = json(&out);
    assert_eq!(report["summary"]["inputWarnings"], 1, "{out}");
    assert!(err.contains("warning: fixtures/broken/jars/badcrc.jar!/"), "reaches stderr under --format json: {err}");
    let (out, _, _) = demo(&["--classpath", "fixtures/demo/lib", bad]);
    assert!(out.contains("(1 input warning)"), "the console's final line counts it: {out}");
    let (_, err, code) = demo(&["--classpath", "fixtures/demo/lib", bad, "--strict-inputs"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("1 input problems (--strict-inputs)") && err.contains("badcrc.jar!/"), "{err}");
}

#[test]
fn input_warnings_reach_stderr_when_the_report_goes_to_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("report.sarif");
    let bad = "fixtures/broken/jars/badcrc.jar";
    let (out, err, code) = demo(&[bad, "--format", "sarif", "-o", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("warning: fixtures/broken/jars/badcrc.jar!/"), "{err}");
    assert!(std::fs::read_to_string(&file).unwrap().contains("badcrc.jar"), "still in the report");
    // `baseline` writes no report: stderr is where they are said.
    let baseline = tmp.path().join("baseline.json");
    let (_, err, code) =
        run(&["baseline", "fixtures/demo/classes", bad, "--no-jdk", "--no-config", "-o", baseline.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("warning: fixtures/broken/jars/badcrc.jar!/"), "{err}");
}

#[test]
fn github_format_turns_warnings_into_commands_and_prints_the_verdict() {
    let (out, err, code) = demo(&["fixtures/broken/jars/badcrc.jar", "--format", "github", "--fail-on", "medium"]);
    assert_eq!(code, 1, "{err}");
    assert!(out.starts_with("::"), "{out}");
    assert!(err.contains("::warning title=archrules::fixtures/broken/jars/badcrc.jar!/"), "{err}");
    let last = err.lines().last().unwrap_or_default();
    assert!(last.contains("MEDIUM") && last.contains("FAILED: "), "the verdict line ends stderr: {err}");
}

#[test]
fn an_unquoted_shell_glob_gets_one_hint() {
    // `--classpath fixtures/demo/lib/*.jar` unquoted: the shell leaves guava and joda-time as targets.
    let libs = ["fixtures/demo/lib/guava.jar", "fixtures/demo/lib/joda-time.jar", "fixtures/demo/lib/jsr305.jar"];
    let (_, err, _) = demo(&[&["--classpath", "fixtures/demo/lib/acme-legacy.jar"][..], &libs].concat());
    let hints: Vec<&str> = err.lines().filter(|l| l.starts_with("hint:")).collect();
    assert_eq!(hints.len(), 1, "{err}");
    assert!(hints[0].contains("fixtures/demo/lib/guava.jar and 1 other jar look like dependencies"), "{err}");
    assert!(hints[0].contains("did you mean --classpath?"), "{err}");
    let (_, err, _) = demo(&["--classpath", "fixtures/demo/lib"]);
    assert!(!err.contains("hint:"), "{err}");
}

#[test]
fn directories_of_jars_are_walked_recursively() {
    let tmp = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    std::fs::create_dir(tmp.path().join("connect-repl")).unwrap();
    std::fs::copy(fixtures.join("lib/jsr305.jar"), tmp.path().join("jsr305.jar")).unwrap();
    std::fs::copy(fixtures.join("lib/lifecycle-lib.jar"), tmp.path().join("connect-repl/lifecycle-lib.jar")).unwrap();
    let dir = tmp.path().to_str().unwrap();
    let (out, err, code) = run(&["inspect", dir, "--no-jdk", "--class", "fixtures.lifecycle.lib.PublicApi"]);
    assert_eq!(code, 0, "a jar in a subfolder is read: {err}");
    assert!(out.contains("fixtures.lifecycle.lib.PublicApi"), "{out}");
}

#[test]
fn a_jmods_folder_and_a_jdk_home_are_targets() {
    let tmp = tempfile::tempdir().unwrap();
    let jmod = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/jars/fixtures.mod.jmod");
    let home = tmp.path().join("jdk");
    std::fs::create_dir_all(home.join("jmods")).unwrap();
    std::fs::copy(&jmod, home.join("jmods/fixtures.mod.jmod")).unwrap();
    for target in [home.join("jmods"), home.clone()] {
        let (out, err, code) = run(&["inspect", target.to_str().unwrap(), "--no-jdk", "--format", "json"]);
        assert_eq!(code, 0, "{}: {err}", target.display());
        assert!(json(&out)["classes"].as_u64().unwrap() > 0, "{out}");
    }
}

#[test]
fn classes_found_nowhere_are_named_with_who_refers() {
    let (out, err, code) = demo(&["--format", "json", "--fail-on", "never"]);
    assert_eq!(code, 0, "{err}");
    let report = json(&out);
    let unresolved = report["unresolvedClasses"].as_array().unwrap();
    let optional = unresolved.iter().find(|u| u["name"] == "com.google.common.base.Optional").expect("listed");
    assert!(optional["referencedByTargets"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c.as_str().unwrap().starts_with("com.acme")));
    assert!(err.contains("23 classes were found nowhere: the targets refer to them"), "{err}");
    assert!(err.contains("  com.google.common.base.Optional, referred to by target com.acme."), "{err}");
    // With the classpath (and no JDK), the targets still miss `java.*`, and guava's optional annotations are
    // referred to by the classpath only: listed after what the targets miss.
    let (_, err, _) = demo(&["--classpath", "fixtures/demo/lib", "--format", "json"]);
    assert!(
        err.contains("16 referred to by the targets (give them with --classpath or --jdk), 15 only by the classpath"),
        "{err}"
    );
    assert!(err.contains("com.google.errorprone.annotations.DoNotMock, referred to by classpath"), "{err}");
    // Exit 3 names them; a failing verdict (1) wins over it.
    let (_, err, code) = demo(&["--require-complete-classpath", "--fail-on", "never"]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains(
            "referenced classes were found nowhere: com.acme.legacy.LegacyPricing, com.google.common.base.Optional"
        ),
        "{err}"
    );
    let (_, err, code) = demo(&["--require-complete-classpath", "--fail-on", "low"]);
    assert_eq!(code, 1, "{err}");
}

#[test]
fn release_is_checked_like_javac() {
    for bad in ["0", "1000", "x"] {
        let (_, err, code) = demo(&["--release", bad]);
        assert_eq!(code, 2, "{bad}: {err}");
        assert!(err.contains("a Java release from 6 to 35"), "{bad}: {err}");
    }
    let (_, err, code) = demo(&["--release", "11"]);
    assert_eq!(code, 0, "{err}");
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("archrules.toml");
    std::fs::write(&config, "release = 1000\n").unwrap();
    let (_, err, code) = run(&["check", "fixtures/demo/classes", "--no-jdk", "--config", config.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("invalid value for `release`"), "{err}");
}

#[test]
fn contradictory_flags_are_rejected() {
    let (_, err, code) = run(&["check", "fixtures/demo/classes", "--no-jdk", "--jdk", "/usr"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("'--no-jdk' cannot be used with '--jdk <DIR>'"), "{err}");
    let tmp = tempfile::tempdir().unwrap();
    let same = tmp.path().join("r.json");
    let same = same.to_str().unwrap();
    let (_, err, code) = demo(&["--format", "json", "-o", same, "--report", &format!("json={same}")]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is named by two reports"), "{err}");
    let dir = tmp.path().to_str().unwrap();
    let (_, err, code) =
        demo(&["--report", &format!("sarif={dir}/./r.sarif"), "--report", &format!("json={dir}/r.sarif")]);
    assert_eq!(code, 2, "the same file spelt two ways: {err}");
}

#[test]
fn flags_a_subcommand_does_not_use_are_rejected() {
    let cases: [&[&str]; 6] = [
        &["rules", "--fail-on", "low"],
        &["rules", "--baseline", "b.json"],
        &["baseline", "fixtures/demo/classes", "--baseline", "b.json"],
        &["explain", "guava optional", "--exclude", "com.acme.."],
        &["docs", "--details", "low"],
        &["explain", "guava optional", "--fail-on", "high"],
    ];
    for args in cases {
        let (_, err, code) = run(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("unexpected argument"), "{args:?}: {err}");
    }
}
