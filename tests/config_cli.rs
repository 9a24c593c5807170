//! Configuration means what it says (issue 17): `--exclude` and `exclude` as ArchUnit package patterns, per-target
//! thresholds whatever the target's spelling, where `baseline` reads and writes, suppressions naming no rule, and
//! command-line value errors worded like clap's. Run as a user would, on the committed fixtures.

mod common;

use common::run;
use std::path::Path;

const DEMO: &[&str] = &[
    "fixtures/demo/classes",
    "--classpath",
    "fixtures/demo/lib",
    "--no-jdk",
    "--classpath",
    "fixtures/jdk/jdk17-subset.jar",
];

/// A pack with one rule of `priority` every class violates: its violations are the classes analysed.
fn every_class(dir: &Path, priority: &str) -> String {
    let file = dir.join(format!("every-{priority}.arch"));
    let text = format!(
        "pack \"test.every\" {{ description \"every class\"; }}\nrule \"every class\" = priority({priority}).noClasses().should().haveNameMatching(\".*\");\n"
    );
    std::fs::write(&file, text).unwrap();
    file.display().to_string()
}

fn every_class_pack(dir: &Path) -> String {
    every_class(dir, "HIGH")
}

/// Runs the binary in `dir`, returning (stdout, stderr, exit code).
fn run_in(dir: &Path, args: &[&str]) -> (String, String, i32) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_archrules"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("JAVA_HOME")
        .env_remove("CI")
        .output()
        .expect("run archrules");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), dest).unwrap();
        }
    }
}

/// A Gradle-like project: `build/classes/java/main` (the demo) and `build/classes/java/test` (the rules-app
/// classes), a MEDIUM rule every class violates, and `archrules.toml` with `config` plus the rule pack.
fn project(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    copy_dir(&fixtures.join("demo/classes"), &dir.path().join("build/classes/java/main"));
    copy_dir(&fixtures.join("rules-app/classes"), &dir.path().join("build/classes/java/test"));
    std::fs::create_dir_all(dir.path().join("sub")).unwrap();
    every_class(dir.path(), "MEDIUM");
    let text = format!("rules = [\"every-MEDIUM.arch\"]\n{config}");
    std::fs::write(dir.path().join("archrules.toml"), text).unwrap();
    dir
}

fn check_in(dir: &Path, targets: &[&str]) -> i32 {
    let mut args = vec!["check", "--no-jdk", "--no-bundled"];
    args.extend_from_slice(targets);
    let (_, err, code) = run_in(dir, &args);
    assert!(code == 0 || code == 1, "{targets:?}: {err}");
    code
}

/// The origin classes of a JSON report's failing violations.
fn origins(json: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    let mut out: Vec<String> = v["violations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["status"] == "FAIL")
        .filter_map(|x| x["originClass"].as_str().map(str::to_owned))
        .collect();
    out.sort();
    out.dedup();
    out
}

fn analysed(target: &str, excludes: &[&str]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let pack = every_class_pack(dir.path());
    let mut args = vec!["check", target, "--no-jdk", "--no-config", "--no-bundled", "--rules", &pack];
    args.extend_from_slice(&["--format", "json", "--fail-on", "never"]);
    for e in excludes {
        args.extend_from_slice(&["--exclude", e]);
    }
    let (out, err, code) = run(&args);
    assert_eq!(code, 0, "{err}");
    origins(&out)
}

#[test]
fn exclude_leaves_out_the_package_and_every_package_below_it() {
    let all = analysed("fixtures/demo/classes", &[]);
    assert_eq!(all.len(), 12, "{all:?}");
    // `com.acme..` is `com.acme` and everything below, as `resideInAPackage("com.acme..")` reads it.
    assert_eq!(analysed("fixtures/demo/classes", &["com.acme.."]), Vec::<String>::new());
    assert_eq!(analysed("fixtures/demo/classes", &[".."]), Vec::<String>::new());
    let without_web = analysed("fixtures/demo/classes", &["com.acme.shop.web.."]);
    assert_eq!(without_web.len(), 9, "{without_web:?}");
    assert!(without_web.iter().all(|c| !c.starts_with("com.acme.shop.web.")), "{without_web:?}");
    // A pattern without `..` is that package only.
    let without_shop = analysed("fixtures/demo/classes", &["com.acme.shop"]);
    assert_eq!(without_shop.len(), 11, "only ShopApplication sits in com.acme.shop itself: {without_shop:?}");
}

#[test]
fn exclude_reaches_nested_packages() {
    let all = analysed("fixtures/java/classes", &[]);
    assert!(all.iter().any(|c| c.starts_with("fixtures.deps.targets.")), "{all:?}");
    let left = analysed("fixtures/java/classes", &["fixtures.deps.."]);
    assert!(left.iter().all(|c| !c.starts_with("fixtures.deps.")), "{left:?}");
    assert!(left.iter().any(|c| c.starts_with("fixtures.annotations.")), "{left:?}");
    let left = analysed("fixtures/java/classes", &["..targets.."]);
    assert!(left.iter().all(|c| !c.starts_with("fixtures.deps.targets.")), "{left:?}");
    assert!(left.iter().any(|c| c.starts_with("fixtures.deps.")), "{left:?}");
}

#[test]
fn exclude_in_archrules_toml_is_a_package_pattern_too() {
    let dir = tempfile::tempdir().unwrap();
    let pack = every_class_pack(dir.path());
    let config = dir.path().join("archrules.toml");
    std::fs::write(&config, "exclude = [\"com.acme.shop.service..\"]\n").unwrap();
    let (out, err, code) = run(&[
        "check",
        "fixtures/demo/classes",
        "--no-jdk",
        "--config",
        config.to_str().unwrap(),
        "--no-bundled",
        "--rules",
        &pack,
        "--format",
        "json",
        "--fail-on",
        "never",
    ]);
    assert_eq!(code, 0, "{err}");
    let left = origins(&out);
    assert_eq!(left.len(), 9, "{left:?}");
    assert!(left.iter().all(|c| !c.contains(".service.")), "{left:?}");
}

#[test]
fn a_target_is_judged_by_its_own_threshold_whatever_its_spelling() {
    let proj = project(
        "failure-threshold = \"MEDIUM\"\n[[target]]\npath = \"build/classes/java/test\"\nfailure-threshold = \"HIGH\"\n",
    );
    let root = proj.path();
    let test_abs = root.join("build/classes/java/test");
    let test_abs = test_abs.to_str().unwrap();
    for spelling in ["build/classes/java/test", "./build/classes/java/test", "build/classes/java/test/", test_abs] {
        assert_eq!(check_in(root, &[spelling]), 0, "{spelling}: tests may allow what main code may not");
    }
    assert_eq!(check_in(&root.join("sub"), &["../build/classes/java/test"]), 0, "from a subdirectory");
    assert_eq!(check_in(root, &["build/classes/java/main"]), 1, "main code at MEDIUM fails");
}

#[test]
fn each_target_is_judged_by_its_threshold_in_one_run_in_either_order() {
    let proj = project(
        "failure-threshold = \"HIGH\"\n[[target]]\npath = \"build/classes/java/test\"\nfailure-threshold = \"LOW\"\n",
    );
    let root = proj.path();
    let (main, test) = ("build/classes/java/main", "./build/classes/java/test");
    assert_eq!(check_in(root, &[main]), 0, "main at the global HIGH");
    assert_eq!(check_in(root, &[test]), 1, "test at LOW");
    assert_eq!(check_in(root, &[main, test]), 1, "the test target's MEDIUM violations fail it");
    assert_eq!(check_in(root, &[test, main]), 1, "whatever the order");

    let proj = project(
        "failure-threshold = \"MEDIUM\"\n[[target]]\npath = \"build/classes/java/test\"\nfailure-threshold = \"HIGH\"\n",
    );
    let root = proj.path();
    assert_eq!(check_in(root, &[main, test]), 1, "main's violations fail at MEDIUM");
    assert_eq!(check_in(root, &[test, main]), 1, "whatever the order");
    let (out, _, _) = run_in(root, &["check", "--no-jdk", "--no-bundled", test, main, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["summary"]["verdict"], "FAIL", "{out}");
    let reason = v["summary"]["reason"].as_str().unwrap();
    assert!(reason.starts_with("12 violations at or above their target's failure threshold"), "{reason}");
}

#[test]
fn configured_targets_get_their_thresholds() {
    let proj = project(
        "targets = [\"build/classes/java/test\"]\nfailure-threshold = \"MEDIUM\"\n[[target]]\npath = \"./build/classes/java/test/\"\nfailure-threshold = \"HIGH\"\n",
    );
    assert_eq!(check_in(proj.path(), &[]), 0);
    assert_eq!(check_in(&proj.path().join("sub"), &[]), 0, "the configuration found in a parent");
    let (_, _, code) = run_in(proj.path(), &["check", "--no-jdk", "--no-bundled", "--fail-on", "medium"]);
    assert_eq!(code, 1, "a flag wins over the file");
}

fn baseline_check(extra: &[&str], ci: bool) -> (String, i32) {
    let mut args = vec!["check"];
    args.extend_from_slice(DEMO);
    args.extend_from_slice(extra);
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_archrules"));
    cmd.args(&args).current_dir(env!("CARGO_MANIFEST_DIR")).env("NO_COLOR", "1").env_remove("JAVA_HOME");
    if ci {
        cmd.env("CI", "true");
    } else {
        cmd.env_remove("CI");
    }
    let out = cmd.output().unwrap();
    (String::from_utf8_lossy(&out.stderr).into_owned(), out.status.code().unwrap_or(-1))
}

#[test]
fn baseline_writes_where_archrules_toml_says() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("archrules.toml");
    std::fs::write(&config, "baseline = \"config/archrules-baseline.json\"\n").unwrap();
    std::fs::create_dir(dir.path().join("config")).unwrap();
    let mut args = vec!["baseline"];
    args.extend_from_slice(DEMO);
    args.extend_from_slice(&["--config", config.to_str().unwrap()]);
    let (_, err, code) = run(&args);
    assert_eq!(code, 0, "{err}");
    let written = dir.path().join("config/archrules-baseline.json");
    assert!(written.is_file(), "{err}");
    assert!(err.contains("config/archrules-baseline.json"), "{err}");
    // And `check` with the same configuration reads it: everything is baselined.
    let (_, code) = baseline_check(&["--config", config.to_str().unwrap(), "--fail-on", "low"], true);
    assert_eq!(code, 0);
    // -o still wins.
    let other = dir.path().join("other.json");
    args.extend_from_slice(&["-o", other.to_str().unwrap()]);
    assert_eq!(run(&args).2, 0);
    assert!(other.is_file());
}

#[test]
fn update_baseline_never_records_everything_on_ci_and_needs_a_baseline() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("new.json");
    let m = missing.to_str().unwrap();
    let (err, code) = baseline_check(&["--no-config", "--baseline", m, "--update-baseline", "--fail-on", "low"], true);
    assert_eq!(code, 2, "a missing baseline on CI is an error, even with --update-baseline: {err}");
    assert!(err.contains("not found"), "{err}");
    assert!(!missing.exists());
    // Locally, --update-baseline creates it (documented).
    let (err, code) = baseline_check(&["--no-config", "--baseline", m, "--update-baseline", "--fail-on", "low"], false);
    assert_eq!(code, 0, "{err}");
    assert!(missing.is_file());
    // Without any baseline it is an error, not a no-op.
    let (err, code) = baseline_check(&["--no-config", "--update-baseline"], false);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--update-baseline needs a baseline file"), "{err}");
}

#[test]
fn a_suppression_naming_no_rule_is_reported_once_with_a_suggestion() {
    let args = ["check", "fixtures/config/classes", "--classpath", "fixtures/java/classes", "--no-jdk", "--no-config"];
    let (out, err, code) = run(&args);
    assert_eq!(code, 0, "{err}");
    let typo = "@SuppressArchRules on fixtures.config.TypoSuppression names 'guava optionl', which is no rule; \
                did you mean 'guava optional'?";
    let unused = "suppression of rule 'deprecated' on fixtures.config.TypoSuppression suppresses nothing";
    // Once in the report, and (stdout is no terminal here) once more on stderr, in the same words; never in a
    // second wording.
    for (stream, text) in [("stdout", &out), ("stderr", &err)] {
        assert_eq!(text.matches(typo).count(), 1, "{stream}: {text}");
        assert_eq!(text.matches(unused).count(), 1, "{stream}: {text}");
        assert_eq!(text.matches("'deprecated'").count(), 1, "{stream}: {text}");
    }
    let mut json = args.to_vec();
    json.extend_from_slice(&["--format", "json"]);
    let (out, _, _) = run(&json);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["warnings"].as_array().unwrap().iter().any(|w| w == typo), "{out}");
    assert_eq!(v["unusedSuppressions"][0]["rule"], "deprecated");
}

/// rules-app uses rules-lib (whose HIGH rule it breaks); bad-lib.jar's two packs do not load.
fn with_bad_library(extra: &[&str]) -> (String, String, i32) {
    let mut args = vec![
        "check",
        "fixtures/rules-app/classes",
        "--classpath",
        "fixtures/lib/rules-lib.jar",
        "--classpath",
        "fixtures/config/bad-lib.jar",
        "--no-jdk",
        "--no-config",
        "--no-bundled",
    ];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn a_library_pack_that_does_not_load_is_a_warning_and_the_rest_of_the_run_decides() {
    let (out, err, code) = with_bad_library(&[]);
    assert_eq!(code, 1, "rules-lib's HIGH violation still fails the run: {err}");
    assert!(out.contains("no internal") && out.contains("UsesInternal"), "{out}");
    let all = format!("{out}{err}");
    assert!(
        all.contains(
            "rule pack 'com.example.badlib' in fixtures/config/bad-lib.jar!/META-INF/archrules/bad.arch (library) does \
             not load and is skipped: line 2: unknown condition 'dependOnClassThat' (did you mean 'dependOnClassesThat'?)"
        ),
        "names the jar, the entry and the error: {all}"
    );
    assert!(all.contains("'com.example.badlib.future' in fixtures/config/bad-lib.jar!/META-INF/archrules/future.arch"));
    // Without rules-lib's violation, the run passes: a third party's broken pack does not turn it red.
    let (_, err, code) = run(&[
        "check",
        "fixtures/demo/classes",
        "--classpath",
        "fixtures/config/bad-lib.jar",
        "--no-jdk",
        "--no-config",
        "--no-bundled",
    ]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn strict_packs_makes_it_an_error_and_disable_skips_it_before_it_loads() {
    let (_, err, code) = with_bad_library(&["--strict-packs"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("bad-lib.jar!/META-INF/archrules/bad.arch") && err.contains("dependOnClassThat"), "{err}");
    // The archrules.toml key does the same.
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("archrules.toml");
    std::fs::write(&config, "strict-packs = true\n").unwrap();
    let mut args = vec![
        "check",
        "fixtures/rules-app/classes",
        "--classpath",
        "fixtures/lib/rules-lib.jar",
        "--classpath",
        "fixtures/config/bad-lib.jar",
        "--no-jdk",
        "--no-bundled",
        "--config",
        config.to_str().unwrap(),
    ];
    assert_eq!(run(&args).2, 2);
    // `--disable` by the id in the pack's header (and its sub-packs) skips it quietly, even under strict-packs.
    args.extend_from_slice(&["--disable", "com.example.badlib"]);
    let (out, err, code) = run(&args);
    assert_eq!(code, 1, "{err}");
    assert!(!format!("{out}{err}").contains("does not load"), "{out}{err}");
    // `rules --all` says why the packs do not run.
    let (out, _, code) = run(&[
        "rules",
        "--all",
        "fixtures/rules-app/classes",
        "--classpath",
        "fixtures/config/bad-lib.jar",
        "--no-jdk",
        "--no-config",
        "--no-bundled",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("com.example.badlib  (fixtures/config/bad-lib.jar!/META-INF/archrules/bad.arch (library))  [does not load, skipped: line 2: unknown condition"), "{out}");
}

#[test]
fn a_jar_given_to_rules_and_classpath_loads_once() {
    let (out, err, code) = run(&[
        "check",
        "fixtures/rules-app/classes",
        "--rules",
        "fixtures/lib/rules-lib.jar",
        "--classpath",
        "./fixtures/lib/rules-lib.jar",
        "--no-jdk",
        "--no-config",
        "--no-bundled",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1, "the pack runs once and finds its violation: {err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let failing: Vec<_> = v["violations"].as_array().unwrap().iter().filter(|x| x["status"] == "FAIL").collect();
    assert_eq!(failing.len(), 1, "{out}");
    assert_eq!(failing[0]["rule"]["packOrigin"], "fixtures/lib/rules-lib.jar!/META-INF/archrules/example.arch");
}

/// `check` on the demo with `extra` flags: its stderr, on one line (miette wraps long messages), and exit code.
fn demo_error(extra: &[&str]) -> (String, i32) {
    let mut args = vec!["check"];
    args.extend_from_slice(DEMO);
    args.push("--no-config");
    args.extend_from_slice(extra);
    let (_, err, code) = run(&args);
    let flat = err.replace('│', " ").split_whitespace().collect::<Vec<_>>().join(" ");
    (flat, code)
}

#[test]
fn command_line_value_errors_name_the_flag_not_a_made_up_file() {
    let (err, code) = demo_error(&["--fail-on", "bogus"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("invalid value 'bogus' for '--fail-on <LEVEL>': expected low, medium, high or never"),
        "{err}"
    );
    for (flag, value, says) in [
        ("--enable", "archrules.sprng", "invalid value 'archrules.sprng' for '--enable': unknown pack id"),
        ("--disable", "archrules.gauva", "invalid value 'archrules.gauva' for '--disable': unknown pack id"),
        ("--skip", "guava optionl", "invalid value 'guava optionl' for '--skip': unknown rule name"),
        ("--priority", "guava optionl=HIGH", "invalid value 'guava optionl' for '--priority': unknown rule name"),
    ] {
        let (err, code) = demo_error(&[flag, value]);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains(says), "{flag}: {err}");
        assert!(err.contains("did you mean"), "{flag}: {err}");
        assert!(!err.contains("command line:"), "no made-up TOML file: {err}");
    }
}

#[test]
fn a_param_error_points_at_the_flag_not_at_a_bundled_pack() {
    let (err, code) = demo_error(&["--param", "archrules.lifecycle:publicApiPackage=org.x.."]);
    assert_eq!(code, 2);
    assert!(
        err.contains(
            "invalid value 'archrules.lifecycle:publicApiPackage=org.x..' for '--param': unknown parameter \
             'publicApiPackage' of pack archrules.lifecycle"
        ),
        "{err}"
    );
    assert!(err.contains("did you mean 'publicApiPackages'?"), "{err}");
    assert!(!err.contains("rules/lifecycle.arch"), "the user does not have the bundled source: {err}");
}
