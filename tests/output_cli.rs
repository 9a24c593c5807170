//! What people read from `archrules`: `--help`, `--version`, completions, the compact console report, the counts on
//! the final line, and colour in error messages (issue 17, "Output for people").

mod common;

use common::run;
use std::process::Command;

const DEMO: &[&str] = &[
    "check",
    "fixtures/demo/classes",
    "--classpath",
    "fixtures/demo/lib",
    "--no-jdk",
    "--classpath",
    "fixtures/jdk/jdk17-subset.jar",
    "--no-config",
];

fn demo(extra: &[&str]) -> (String, String, i32) {
    let mut args = DEMO.to_vec();
    args.extend_from_slice(extra);
    run(&args)
}

fn help(command: &str) -> String {
    let (out, err, code) = run(&[command, "--help"]);
    assert_eq!(code, 0, "{err}");
    out
}

/// Help text with clap's wrapping undone (it wraps to the terminal's width).
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn help_shows_each_example_on_its_own_line() {
    let check = help("check");
    for example in [
        "\n  archrules check app.jar --fail-on medium --report sarif=archrules.sarif\n",
        "\n  archrules check --baseline archrules-baseline.json\n",
    ] {
        assert!(check.contains(example), "{example:?} not on a line of its own:\n{check}");
    }
    let inspect = help("inspect");
    assert!(inspect.contains("\n  archrules inspect app.jar --dependencies | grep 'org.joda'\n"), "{inspect}");
    let rules = help("rules");
    assert!(rules.contains("\n  archrules rules\n"), "{rules}");
}

#[test]
fn help_lists_values_and_defaults() {
    let check = flat(&help("check"));
    assert!(
        check.contains("[possible values: console, json, sarif, github, markdown, junit"),
        "--format values:\n{check}"
    );
    assert!(check.contains("[default: console]"), "{check}");
    assert!(check.contains("low, medium, high, never]"), "--fail-on values with never:\n{check}");
    assert!(check.contains("else high]"), "--fail-on default:\n{check}");
    assert!(check.contains("else medium]"), "--details default:\n{check}");
    // --jdk says where the JDK comes from when it is not given, the last resort included.
    assert!(check.contains("JAVA_HOME") && check.contains("`java` on PATH"), "{check}");
    assert!(check.contains("[possible values: all, failed]"), "--summary:\n{check}");
}

#[test]
fn format_aliases_and_case_still_parse() {
    for format in ["text", "md", "JSON"] {
        let (_, err, code) = demo(&["--format", format]);
        assert_eq!(code, 0, "--format {format}: {err}");
    }
    let (_, err, code) = demo(&["--format", "pdf"]);
    assert_eq!(code, 2);
    assert!(err.contains("possible values: console, json"), "{err}");
}

#[test]
fn version_names_the_commit() {
    let (out, _, code) = run(&["--version"]);
    assert_eq!(code, 0);
    let in_git = Command::new("git")
        .args(["rev-parse", "--git-dir"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .is_ok_and(|o| o.status.success());
    let version = env!("CARGO_PKG_VERSION");
    if in_git {
        // The commit the binary was built from: HEAD then, an ancestor of HEAD or HEAD itself now.
        let re = regex::Regex::new(&format!(r"^archrules {} \(([0-9a-f]{{7,}})\)$", regex::escape(version))).unwrap();
        let commit = re.captures(out.trim()).unwrap_or_else(|| panic!("no commit in {out:?}"))[1].to_owned();
        let known = Command::new("git")
            .args(["cat-file", "-e", &format!("{commit}^{{commit}}")])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .unwrap();
        assert!(known.success(), "{commit} is no commit of this repository");
    } else {
        // Built outside git (a source archive): the bare version.
        assert_eq!(out.trim(), format!("archrules {version}"));
    }
    // A subcommand's --version names the program, not `archrules-check`.
    assert_eq!(run(&["check", "--version"]).0, out);
}

#[test]
fn completions_for_each_shell() {
    for (shell, marker, flag) in [
        ("bash", "complete -F", "--summary"),
        ("zsh", "#compdef archrules", "--summary"),
        ("fish", "complete -c archrules", "-l summary"),
    ] {
        let (out, err, code) = run(&["completions", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        assert!(out.contains(marker), "{shell}: {out}");
        assert!(out.contains(flag), "{shell} completes check's flags");
    }
    assert_eq!(run(&["completions", "tcsh"]).2, 2);
}

#[test]
fn summary_failed_lists_only_failing_rules_and_wraps_descriptions() {
    let (full, _, _) = demo(&["--details", "low"]);
    let (out, err, code) = demo(&["--details", "low", "--summary", "failed"]);
    assert_eq!(code, 0, "{err}");
    assert!(full.contains("(No failures)"));
    assert!(!out.contains("(No failures)"), "{out}");
    assert!(out.contains("guava optional") && out.contains("(4 failures)"), "{out}");
    assert!(!out.contains("archrules.guava.jdk8"), "a pack with no failure has no heading:\n{out}");
    // The rule descriptions (the line after each `Rule:` heading, and its continuations) fit in 100 columns.
    let description = "no classes should call method Lists.newArrayList() or should call method";
    assert!(full.contains(description), "{full}");
    let lines: Vec<&str> = out.lines().collect();
    let at = lines.iter().position(|l| l.starts_with(description)).expect("description shown");
    assert!(lines[at].len() <= 100 && lines[at + 1].starts_with("    ") && lines[at + 1].len() <= 100, "{out}");
    let summary_lines = |text: &str| text.lines().take_while(|l| !l.starts_with("ArchRule Violation Details")).count();
    assert_eq!(summary_lines(&out), 1 + 5 + 11, "the heading, 5 packs and their 11 failing rules:\n{out}");
}

#[test]
fn one_failure_is_singular() {
    let (out, _, _) = demo(&["--details", "low"]);
    assert!(out.contains("guava collection factories                     LOW        (1 failure)\n"), "{out}");
    assert!(!out.contains("(1 failures)"), "{out}");
}

#[test]
fn no_details_heading_without_details() {
    // The demo has no HIGH violation: with --details high, no rule has details to show.
    let (out, _, _) = demo(&["--details", "high"]);
    assert!(out.contains("ArchRule Summary:"), "{out}");
    assert!(!out.contains("ArchRule Violation Details:"), "{out}");
    let (out, _, _) = demo(&["--details", "medium"]);
    assert!(out.contains("ArchRule Violation Details:\nRule: "), "{out}");
}

/// The final line's count from a console report.
fn analysed(out: &str) -> usize {
    let re = regex::Regex::new(r"(\d+) classes analysed").unwrap();
    re.captures(out).and_then(|c| c[1].parse().ok()).unwrap_or_else(|| panic!("no count in {out}"))
}

#[test]
fn classes_analysed_counts_neither_package_info_nor_excluded_classes() {
    let base = ["check", "fixtures/java/classes", "--no-jdk", "--no-config", "--fail-on", "never"];
    let (out, err, _) = run(&base);
    let files = walk(&common::fixture("java/classes"));
    let infos = files.iter().filter(|f| f.ends_with("package-info.class")).count();
    assert_eq!(infos, 1, "the fixture keeps its package-info");
    assert_eq!(analysed(&out), files.len() - infos, "{err}");
    // `fixtures.pkg` holds InPackage and PackageMarker besides its package-info.
    let mut excluded = base.to_vec();
    excluded.extend(["--exclude", "fixtures.pkg"]);
    let (out, err, _) = run(&excluded);
    assert_eq!(analysed(&out), files.len() - infos - 2, "{err}");
}

fn walk(dir: &std::path::Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "class") {
            found.push(path.display().to_string());
        }
    }
    found
}

#[test]
fn color_never_reaches_error_messages() {
    // A configuration mistake: a miette diagnostic with the file's text underlined.
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("archrules.toml");
    std::fs::write(&config, "bogus = 1\n").unwrap();
    let config = config.to_str().unwrap();
    let diagnose = |extra: &[&str]| {
        let mut args = DEMO.to_vec();
        args.retain(|a| *a != "--no-config");
        args.extend_from_slice(&["--config", config]);
        args.extend_from_slice(extra);
        // FORCE_COLOR makes miette colour a pipe as it would a terminal.
        let out = Command::new(env!("CARGO_BIN_EXE_archrules"))
            .args(&args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("FORCE_COLOR", "1")
            .env_remove("NO_COLOR")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    assert!(diagnose(&[]).contains('\x1b'), "coloured by default when forced");
    let never = diagnose(&["--color", "never"]);
    assert!(!never.contains('\x1b'), "{never}");
    assert!(never.contains("bogus"), "{never}");
}

#[test]
fn test_names_a_missing_pack() {
    let (_, err, code) = run(&["test", "/nonexistent/acme.arch"]);
    assert_eq!(code, 2);
    assert!(err.contains("no such pack: /nonexistent/acme.arch"), "{err}");
}

const PACK: &str = r#"pack "acme.rules" { description "Acme"; }
rule "no joda" = priority(HIGH).noClasses().should().dependOnClassesThat().resideInAPackage("org.joda.time..");
"#;

#[test]
fn test_init_scaffolds_the_setup_it_asks_for() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("acme.arch");
    std::fs::write(&pack, PACK).unwrap();
    let pack = pack.to_str().unwrap();
    let (_, err, code) = run(&["test", pack]);
    assert_eq!(code, 2);
    assert!(err.contains("has no tests") && err.contains("--init"), "{err}");
    let (out, err, code) = run(&["test", pack, "--init"]);
    assert_eq!(code, 0, "{err}");
    let written = dir.path().join("tests/acme/test.toml");
    assert!(out.contains(&written.display().to_string()) && out.contains("--bless"), "{out}");
    let scaffold = std::fs::read_to_string(&written).unwrap();
    assert!(scaffold.contains("targets = []") && scaffold.contains("packages = []"), "{scaffold}");
    // The scaffold is a valid setup as it stands: nothing to analyse, and the rule has no expected file yet.
    let (out, err, code) = run(&["test", pack]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("MISSING  no joda"), "{out}");
    // A second --init keeps the author's file.
    let (_, err, code) = run(&["test", pack, "--init"]);
    assert_eq!(code, 2);
    assert!(err.contains("already exists"), "{err}");
}

#[test]
fn test_reads_its_setup_from_tests_dir() {
    let dir = tempfile::tempdir().unwrap();
    let resources = dir.path().join("src/main/resources/META-INF/archrules");
    std::fs::create_dir_all(&resources).unwrap();
    let pack = resources.join("acme.arch");
    std::fs::write(&pack, PACK).unwrap();
    let tests = dir.path().join("src/test/archrules");
    std::fs::create_dir_all(&tests).unwrap();
    let demo = common::fixture("demo/classes");
    let lib = common::fixture("demo/lib");
    std::fs::write(
        tests.join("test.toml"),
        format!("targets = [{:?}]\nclasspath = [{:?}]\n", demo.display().to_string(), lib.display().to_string()),
    )
    .unwrap();
    let (pack, tests) = (pack.to_str().unwrap(), tests.to_str().unwrap());
    let (out, err, code) = run(&["test", pack, "--tests", tests, "--bless"]);
    assert_eq!(code, 0, "{out}{err}");
    let expected = std::fs::read_to_string(dir.path().join("src/test/archrules/expected/no_joda.txt")).unwrap();
    assert!(expected.starts_with("# no joda: FAIL\n") && expected.contains("org.joda.time.DateTime"), "{expected}");
    assert!(!resources.join("tests").exists(), "nothing is written beside the pack");
    let (out, err, code) = run(&["test", pack, "--tests", tests]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("ok       no joda"), "{out}");
}

#[test]
fn the_pre_commit_hook_uses_the_compact_report() {
    let hooks = std::fs::read_to_string(common::fixture("../.pre-commit-hooks.yaml")).unwrap();
    assert!(hooks.contains("entry: archrules check --summary failed\n"), "{hooks}");
}
