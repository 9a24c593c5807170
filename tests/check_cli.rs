//! `archrules check` and friends run as a user would, on the demo and the API-usage fixtures. The JDK comes from the
//! committed `fixtures/jdk` subset so results do not depend on the machine's JDK.

mod common;

use common::run;

const DEMO: &[&str] = &[
    "fixtures/demo/classes",
    "--classpath",
    "fixtures/demo/lib",
    "--no-jdk",
    "--classpath",
    "fixtures/jdk/jdk17-subset.jar",
];

fn check(extra: &[&str]) -> (String, String, i32) {
    let mut args = vec!["check"];
    args.extend_from_slice(DEMO);
    args.extend_from_slice(&["--no-config"]);
    args.extend_from_slice(extra);
    run(&args)
}

/// Wall time varies run to run; everything else in the console report is stable.
fn stable(out: &str) -> String {
    let re = regex::Regex::new(r"analysed in [0-9.]+s").unwrap();
    re.replace_all(out, "analysed in <time>").into_owned()
}

#[test]
fn demo_console_report() {
    let (out, err, code) = check(&["--details", "low"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("ArchRule Summary:") && out.contains("ArchRule Violation Details:"));
    insta::assert_snapshot!("demo_console", stable(&out));
}

#[test]
fn thresholds_decide_the_exit_code() {
    assert_eq!(check(&["--fail-on", "high"]).2, 0);
    assert_eq!(check(&["--fail-on", "medium"]).2, 1);
    assert_eq!(check(&["--fail-on", "low"]).2, 1);
    assert_eq!(check(&["--fail-on", "never"]).2, 0);
    let (_, err, code) = check(&["--fail-on", "hihg"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("did you mean 'high'?"), "suggests the right word: {err}");
}

/// `archrules check ... | head`: a reader that stops early is not an error, whatever the format. The read end is
/// closed before the report is written (building the graph takes far longer than closing it).
#[test]
fn a_closed_pipe_is_not_an_error() {
    for format in ["console", "json", "sarif", "junit"] {
        let mut args = vec!["check"];
        args.extend_from_slice(DEMO);
        args.extend_from_slice(&["--no-config", "--format", format]);
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_archrules"))
            .args(&args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env_remove("JAVA_HOME")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{format}: {err}");
        assert!(!err.contains("cannot write"), "{format}: {err}");
    }
}

#[test]
fn json_report_keeps_nebulas_shape() {
    let (out, _, _) = check(&["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let violations = v["violations"].as_array().unwrap();
    assert!(violations.iter().any(|x| x["rule"]["ruleName"] == "guava optional" && x["status"] == "FAIL"));
    for x in violations {
        for key in ["ruleClass", "ruleName", "description", "priority"] {
            assert!(x["rule"].get(key).is_some(), "{key}");
        }
    }
}

#[test]
fn several_reports_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let sarif = dir.path().join("out.sarif");
    let junit = dir.path().join("out.xml");
    let (_, err, code) = check(&[
        "--report",
        &format!("sarif={}", sarif.display()),
        "--report",
        &format!("junit={}", junit.display()),
        "--source-root",
        "fixtures/demo/src",
    ]);
    assert_eq!(code, 0, "{err}");
    let s: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    assert_eq!(s["version"], "2.1.0");
    let uris: Vec<String> = s["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().map(str::to_string))
        .collect();
    assert!(uris.iter().any(|u| u.ends_with("com/acme/shop/repo/ProductRepository.java")), "{uris:?}");
    assert!(std::fs::read_to_string(&junit).unwrap().contains("<testsuite"));
}

#[test]
fn baseline_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("baseline.json");
    let f = file.to_str().unwrap();
    let mut args = vec!["baseline"];
    args.extend_from_slice(DEMO);
    args.extend_from_slice(&["--no-config", "-o", f]);
    let (_, err, code) = run(&args);
    assert_eq!(code, 0, "{err}");
    let (out, err, code) = check(&["--baseline", f, "--fail-on", "low", "--format", "json"]);
    assert_eq!(code, 0, "all violations are baselined: {err}");
    assert!(out.contains("\"baselined\":true") || out.contains("\"baselined\": true"));
    // Missing baseline on CI is an error unless --update-baseline is given.
    let missing = dir.path().join("missing.json");
    let mut ci = vec!["check"];
    ci.extend_from_slice(DEMO);
    ci.extend_from_slice(&["--no-config", "--baseline", missing.to_str().unwrap()]);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_archrules")).args(&ci).env("CI", "true").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn rules_and_explain_list_the_bundled_packs() {
    let (out, _, code) = run(&["rules", "--no-config"]);
    assert_eq!(code, 0);
    for pack in
        ["archrules.deprecation", "archrules.guava", "archrules.joda", "archrules.nullability", "archrules.security"]
    {
        assert!(out.contains(pack), "{pack} in {out}");
    }
    let (out, _, code) = run(&["explain", "guava optional", "--no-config"]);
    assert_eq!(code, 0);
    assert!(out.contains("com.google.common.base.Optional"), "{out}");
    let (_, err, code) = run(&["explain", "guava optinal", "--no-config"]);
    assert_ne!(code, 0);
    assert!(err.contains("guava optional"), "suggestion: {err}");
}

#[test]
fn a_rule_file_with_a_typo_is_a_rule_pack_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.arch");
    std::fs::write(
        &file,
        "pack \"x\" { description \"d\"; }\nrule \"r\" = priority(HIGH).noClasses().should().dependOnClassThat().haveSimpleName(\"X\");\n",
    )
    .unwrap();
    let (_, err, code) = check(&["--rules", file.to_str().unwrap(), "--no-bundled"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("dependOnClassesThat"), "did you mean: {err}");
}

#[test]
fn a_library_jar_brings_its_own_rules() {
    let (out, err, code) = run(&[
        "check",
        "fixtures/rules-app/classes",
        "--classpath",
        "fixtures/lib/rules-lib.jar",
        "--no-jdk",
        "--no-config",
        "--no-bundled",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1, "the library's HIGH rule fails the build: {err}");
    assert!(out.contains("no internal") && out.contains("UsesInternal"), "{out}");
    // Only in the violations: the report's `unresolvedClasses` names every class that refers to a missing one.
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let violations = report["violations"].to_string();
    assert!(!violations.contains("UsesPublicApi\""), "{out}");
}

/// Every format on the demo, with timings and the tool version masked.
#[test]
fn demo_in_every_format() {
    let masks = [
        (regex::Regex::new(r#""elapsedMs": \d+"#).unwrap(), r#""elapsedMs": 0"#),
        (regex::Regex::new(r#"time="[0-9.]+""#).unwrap(), r#"time="0""#),
        (
            regex::Regex::new(&format!(r#""(semanticVersion|version)": "{}""#, env!("CARGO_PKG_VERSION"))).unwrap(),
            r#""$1": "<version>""#,
        ),
        (regex::Regex::new(r"analysed in [0-9.]+s").unwrap(), "analysed in <time>"),
        (regex::Regex::new(r"classes in [0-9.]+s").unwrap(), "classes in <time>"),
    ];
    for format in ["json", "sarif", "github", "markdown", "junit"] {
        let (out, err, code) = check(&["--format", format, "--source-root", "fixtures/demo/src"]);
        assert_eq!(code, 0, "{format}: {err}");
        let masked = masks.iter().fold(out, |text, (re, with)| re.replace_all(&text, *with).into_owned());
        insta::assert_snapshot!(format!("demo_{format}"), masked);
    }
}

#[test]
fn deprecation_violations_say_what_the_library_says() {
    let (out, err, _) = run(&[
        "check",
        "fixtures/apiusage/classes",
        "--classpath",
        "fixtures/lib",
        "--classpath",
        "fixtures/jdk/jdk17-subset.jar",
        "--no-jdk",
        "--no-config",
        "--details",
        "low",
    ]);
    // The message is ArchUnit's, nothing appended; the hint follows on its own line.
    assert!(
        out.contains(
            "calls method <fixtures.api.deprecation.lib.Api.doomed()> in (UsesForRemoval.java:10)\n        hint: deprecated since 2\n"
        ),
        "{out}\n{err}"
    );
    assert!(
        out.contains("calls constructor <java.lang.Integer.<init>(int)> in (UsesDeprecatedJdkCtor.java:7)"),
        "{out}"
    );
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    // `run` sets NO_COLOR and stdout is a pipe: no escape codes unless asked for.
    let (plain, _, _) = check(&[]);
    assert!(!plain.contains('\u{1b}'));
    let (coloured, _, _) = check(&["--color", "always"]);
    assert!(coloured.contains("\u{1b}["), "--color always colours even under NO_COLOR");
    let (never, _, _) = check(&["--color", "never"]);
    assert!(!never.contains('\u{1b}'));
}

#[test]
fn annotation_values_fall_back_to_the_types_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("defaults.arch");
    std::fs::write(
        &file,
        r#"pack "test.defaults" { description "annotation defaults"; }
let all = annotationType(fullyQualifiedName("fixtures.annotations.AllElementTypes"));
rule "default i" = priority(HIGH).noClasses().should().beAnnotatedWith(all.and(annotationValue("i", 3)));
rule "other i" = priority(HIGH).noClasses().should().beAnnotatedWith(all.and(annotationValue("i", 7)));
"#,
    )
    .unwrap();
    let (out, err, code) = run(&[
        "check",
        "fixtures/java/classes",
        "--no-jdk",
        "--no-config",
        "--no-bundled",
        "--rules",
        file.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(code, 1, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let status = |rule: &str| {
        v["violations"].as_array().unwrap().iter().find(|x| x["rule"]["ruleName"] == rule).unwrap()["status"].clone()
    };
    // `@AllElementTypes` on UsesAllElementTypes writes no `i`: the type's `default 3` applies, as in ArchUnit.
    assert_eq!(status("default i"), "FAIL");
    assert_eq!(status("other i"), "PASS");
    assert!(out.contains("Class <fixtures.annotations.UsesAllElementTypes> is annotated with"), "{out}");
}
