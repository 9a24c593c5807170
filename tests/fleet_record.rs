//! `archrules check --report fleet=FILE` on the fleet fixtures: a library jar (`fixtures/fleet/libs/widgets-2.3.jar`,
//! every lifecycle mark, a pom.properties) and two consumers standing for two repositories. The records they write
//! are committed as `fixtures/fleet/records/*.jsonl` for the store and later engines; this test fails when they are
//! stale (`ARCHRULES_BLESS_RECORDS=1` rewrites them), validates every row against `docs/fleet.schema.json`, and
//! snapshots the rows.

mod common;

use serde_json::Value;
use std::io::Read;
use std::path::Path;

const CI_VARIABLES: &[&str] = &["GITHUB_ACTIONS", "GITLAB_CI", "CIRCLECI", "BUILDKITE", "JENKINS_URL", "JENKINS_HOME"];

/// Runs `check` with the fleet report written to `out`, from `cwd`, with no CI variables and no SOURCE_DATE_EPOCH.
fn check_in(cwd: &Path, args: &[&str]) -> (String, String, i32) {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_archrules"));
    cmd.arg("check").args(args).current_dir(cwd).env("NO_COLOR", "1").env_remove("JAVA_HOME");
    for v in CI_VARIABLES.iter().chain(&["SOURCE_DATE_EPOCH"]) {
        cmd.env_remove(v);
    }
    let out = cmd.output().expect("run archrules");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// One build of the fixtures, as the committed record names it.
struct Build {
    record: &'static str,
    target: &'static str,
    repository: &'static str,
    commit: &'static str,
    time: &'static str,
}

const BUILDS: &[Build] = &[
    Build {
        record: "widgets",
        target: "fixtures/fleet/libs/widgets-2.3.jar",
        repository: "github.com/acme/widgets",
        commit: "5a7c1e0d2b9f4c3a8e6d1f0b7a2c9e4d3b8f1a6c",
        time: "2026-12-01T09:00:00Z",
    },
    Build {
        record: "orders",
        target: "fixtures/fleet/orders/classes",
        repository: "github.com/shop/orders",
        commit: "0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c",
        time: "2026-12-02T10:00:00Z",
    },
    Build {
        record: "billing",
        target: "fixtures/fleet/billing/classes",
        repository: "gitlab.com/bank/billing",
        commit: "9f8e7d6c5b4a39281706f5e4d3c2b1a098f7e6d5",
        time: "2026-12-03T11:30:00Z",
    },
];

fn record(b: &Build, extra: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("fleet.jsonl");
    let args = common::fleet_record_args(b.target, &file, b.repository, b.commit, b.time);
    // `check_in` runs the `check` subcommand itself.
    let mut args: Vec<&str> = args.iter().skip(1).map(String::as_str).collect();
    args.extend_from_slice(extra);
    let (_, err, code) = check_in(root(), &args);
    assert_eq!(code, 0, "{err}");
    std::fs::read_to_string(&file).unwrap()
}

fn rows(text: &str) -> Vec<Value> {
    text.lines().map(|l| serde_json::from_str(l).expect("each line is one JSON object")).collect()
}

fn assert_valid(text: &str) {
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(root().join("docs/fleet.schema.json")).unwrap())
        .expect("the schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema");
    for (i, row) in rows(text).iter().enumerate() {
        let errors: Vec<String> = validator.iter_errors(row).map(|e| format!("{e} at {}", e.instance_path())).collect();
        assert!(errors.is_empty(), "line {} does not match docs/fleet.schema.json:\n{}", i + 1, errors.join("\n"));
    }
}

#[test]
fn committed_records_are_what_the_fixtures_write_now() {
    let bless = std::env::var_os("ARCHRULES_BLESS_RECORDS").is_some();
    for b in BUILDS {
        let text = record(b, &[]);
        assert_valid(&text);
        let path = root().join(format!("fixtures/fleet/records/{}.jsonl", b.record));
        if bless {
            std::fs::write(&path, &text).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(committed == text, "{} is stale: rerun with ARCHRULES_BLESS_RECORDS=1", path.display());
    }
}

/// The rows without the fields every row repeats, one line each, for reading in a snapshot.
fn readable(text: &str) -> String {
    let mut out = String::new();
    for mut row in rows(text) {
        let obj = row.as_object_mut().unwrap();
        for k in ["schemaVersion", "recordId", "repository", "commit", "branch", "buildTime"] {
            obj.remove(k);
        }
        out.push_str(&serde_json::to_string(&row).unwrap());
        out.push('\n');
    }
    out
}

#[test]
fn a_consumer_records_its_uses_of_marked_library_api() {
    let text = record(&BUILDS[1], &[]);
    insta::assert_snapshot!("orders_rows", readable(&text));
    let uses: Vec<Value> = rows(&text).into_iter().filter(|r| r["kind"] == "use").collect();
    let find = |member: &str| uses.iter().find(|u| u["apiMember"] == member).unwrap_or_else(|| panic!("{member}"));
    let resize = find("com.acme.widgets.Widget.resize(int)");
    assert_eq!((resize["status"].as_str(), resize["count"].as_u64()), (Some("deprecated-for-removal"), Some(2)));
    assert_eq!(resize["libraryPurl"], "pkg:maven/com.acme/widgets@2.3");
    assert_eq!(resize["coordinatesFrom"], "pom.properties");
    assert_eq!(find("com.acme.widgets.Widget.setSize(int)")["replacement"], "this.resize(width)");
    assert_eq!(find("com.acme.widgets.kt.Cache.get()")["statusAnnotation"], "kotlin internal");
    // Public API is not written by default.
    assert!(uses.iter().all(|u| u["status"] != "public" && u["status"] != "unmarked"));
}

#[test]
fn fleet_uses_all_writes_public_and_unmarked_uses_too() {
    let text = record(&BUILDS[1], &["--fleet-uses", "all"]);
    assert_valid(&text);
    let rows = rows(&text);
    let status = |member: &str| {
        rows.iter().find(|r| r["kind"] == "use" && r["apiMember"] == member).map(|r| r["status"].clone())
    };
    assert_eq!(status("com.acme.widgets.Widget.draw()"), Some("public".into()));
    // Public through its package-info.
    assert_eq!(status("com.acme.widgets.api.Gadget.press()"), Some("public".into()));
    assert_eq!(rows[0]["fleetUses"], "all");
}

#[test]
fn the_library_declares_its_marked_api() {
    let text = record(&BUILDS[0], &[]);
    let declared: Vec<String> = rows(&text)
        .iter()
        .filter(|r| r["kind"] == "declared")
        .map(|r| format!("{} {} {} {}", r["apiClass"], r["apiMember"], r["status"], r["statusSite"]))
        .collect();
    insta::assert_snapshot!("widgets_declared", declared.join("\n"));
}

#[test]
fn record_ids_are_stable_and_rows_differ() {
    let a = record(&BUILDS[2], &[]);
    let b = record(&BUILDS[2], &[]);
    assert_eq!(a, b);
    let ids: std::collections::HashSet<String> =
        rows(&a).iter().map(|r| r["recordId"].as_str().unwrap().to_owned()).collect();
    assert_eq!(ids.len(), rows(&a).len(), "every row of one build has its own id");
}

#[test]
fn equal_messages_are_one_record_row() {
    // fixtures/fleet/repeat calls Widget.resize twice on one line: one access to ArchUnit (its access records are a
    // set keyed by caller, target and line), so one message per rule in the JSON report and one violation row per
    // rule in the record; the use row counts both calls.
    let repeat = Build { record: "repeat", target: "fixtures/fleet/repeat/classes", ..BUILDS[1] };
    let text = record(&repeat, &[]);
    let rows = rows(&text);
    let ids: std::collections::HashSet<&str> = rows.iter().map(|r| r["recordId"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), rows.len(), "{text}");
    let message = "Method <com.shop.repeat.Twice.grow(com.acme.widgets.Widget)> calls method \
                   <com.acme.widgets.Widget.resize(int)> in (Twice.java:8)";
    let violations: Vec<_> = rows
        .iter()
        .filter(|r| r["kind"] == "violation" && r["ruleName"] == "deprecatedForRemoval" && r["message"] == message)
        .collect();
    assert_eq!(violations.len(), 1, "{text}");
    let uses: Vec<_> = rows.iter().filter(|r| r["kind"] == "use").collect();
    assert_eq!((uses.len(), &uses[0]["count"]), (1, &Value::from(2)), "{text}");
    let args = ["fixtures/fleet/repeat/classes", "--no-jdk", "--no-config", "--format", "json"];
    let (json, _, _) = check_in(root(), &[&args[..], &["--classpath", common::FLEET_CLASSPATH]].concat());
    // Two rules (deprecated, deprecatedForRemoval) report the call, each once.
    assert_eq!(json.matches("Twice.java:8)").count(), 2, "{json}");
}

#[test]
fn a_gz_name_writes_gzip() {
    let dir = tempfile::tempdir().unwrap();
    let gz = dir.path().join("fleet.jsonl.gz");
    let b = &BUILDS[2];
    let args = common::fleet_record_args(b.target, &gz, b.repository, b.commit, b.time);
    let args: Vec<&str> = args.iter().skip(1).map(String::as_str).collect();
    let (_, err, _) = check_in(root(), &args);
    let mut text = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(&gz).unwrap())
        .read_to_string(&mut text)
        .unwrap_or_else(|e| panic!("{e}: {err}"));
    assert_eq!(text, record(b, &[]));
}

#[test]
fn without_flags_ci_or_git_the_identity_is_null_and_warned() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("f.jsonl");
    let target = root().join("fixtures/fleet/billing/classes");
    let jar = root().join("fixtures/fleet/libs/widgets-2.3.jar");
    let report = format!("fleet={}", file.display());
    let (_, err, _) = check_in(
        dir.path(),
        &[
            target.to_str().unwrap(),
            "--classpath",
            jar.to_str().unwrap(),
            "--no-jdk",
            "--no-config",
            "--report",
            &report,
            "--build-time",
            "1796760802",
        ],
    );
    for field in ["repository", "commit", "branch"] {
        assert!(err.contains(&format!("fleet record: no {field} from")), "{field}: {err}");
    }
    let rows = rows(&std::fs::read_to_string(&file).unwrap());
    assert!(rows.iter().all(|r| r["repository"].is_null() && r["commit"].is_null() && r["branch"].is_null()));
    assert_eq!(rows[0]["buildTime"], "2026-12-08T20:13:22Z");
}

#[test]
fn ci_variables_name_the_build_when_flags_do_not() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("f.jsonl");
    let report = format!("fleet={}", file.display());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_archrules"))
        .args(["check", "fixtures/fleet/billing/classes", "--no-jdk", "--no-config", "--report", &report])
        .args(["--classpath", "fixtures/fleet/libs/widgets-2.3.jar"])
        .current_dir(root())
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_SERVER_URL", "https://github.com")
        .env("GITHUB_REPOSITORY", "bank/billing")
        .env("GITHUB_SHA", "abc123")
        .env("GITHUB_REF_NAME", "release")
        .env_remove("GITHUB_HEAD_REF")
        .env("SOURCE_DATE_EPOCH", "0")
        .output()
        .unwrap();
    assert!(out.status.code().is_some(), "{}", String::from_utf8_lossy(&out.stderr));
    let rows = rows(&std::fs::read_to_string(&file).unwrap());
    let build = &rows[0];
    assert_eq!(
        (&build["repository"], &build["commit"], &build["branch"], &build["buildTime"]),
        (&"github.com/bank/billing".into(), &"abc123".into(), &"release".into(), &"1970-01-01T00:00:00Z".into())
    );
}

#[test]
fn violation_messages_carry_no_hint() {
    let text = record(&BUILDS[1], &[]);
    for r in rows(&text).iter().filter(|r| r["kind"] == "violation") {
        let message = r["message"].as_str().unwrap();
        assert!(!message.contains("(use instead") && !message.contains("(deprecated since"), "{message}");
    }
}

#[test]
fn archrules_toml_reports_write_the_record_too() {
    let dir = tempfile::tempdir().unwrap();
    let config = format!(
        "targets = [\"{}\"]\nclasspath = [\"{}\"]\nreports = [\"fleet=out/fleet.jsonl.gz\"]\n",
        root().join("fixtures/fleet/billing/classes").display(),
        root().join("fixtures/fleet/libs/widgets-2.3.jar").display(),
    );
    std::fs::write(dir.path().join("archrules.toml"), config).unwrap();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let (_, err, code) = check_in(dir.path(), &["--no-jdk", "--repository", "r", "--commit", "c", "--branch", "b"]);
    assert!(code == 0 || code == 1, "{err}");
    let mut text = String::new();
    let file = std::fs::File::open(dir.path().join("out/fleet.jsonl.gz")).unwrap_or_else(|e| panic!("{e}: {err}"));
    flate2::read::GzDecoder::new(file).read_to_string(&mut text).unwrap();
    assert_valid(&text);
    assert!(rows(&text).iter().any(|r| r["kind"] == "use" && r["apiMember"] == "com.acme.widgets.Widget.resize(int)"));

    std::fs::write(dir.path().join("archrules.toml"), "reports = [\"fleat=x.jsonl\"]\n").unwrap();
    let (_, err, code) = check_in(dir.path(), &[root().join("fixtures/fleet/billing/classes").to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("reports: unknown format `fleat`"), "{err}");
}

#[test]
fn another_target_is_a_library_named_by_its_path_and_artifact_names_own_coordinates() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("f.jsonl");
    let report = format!("fleet={}", file.display());
    let (_, err, _) = check_in(
        root(),
        &[
            "fixtures/lifecycle-app/classes",
            "fixtures/lib/lifecycle-lib.jar",
            "--classpath",
            "fixtures/lib/stubs.jar",
            "--no-jdk",
            "--no-config",
            "--report",
            &report,
            "--repository",
            "r",
            "--commit",
            "c",
            "--branch",
            "b",
            "--artifact",
            "com.example:lifecycle:1.0",
        ],
    );
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{e}: {err}"));
    assert_valid(&text);
    let rows = rows(&text);
    assert_eq!(
        rows[0]["modules"],
        serde_json::json!(["fixtures/lifecycle-app/classes", "fixtures/lib/lifecycle-lib.jar"])
    );
    let used = rows.iter().find(|r| r["kind"] == "use").expect("a use row");
    assert_eq!(
        (&used["coordinatesFrom"], &used["libraryArtifact"]),
        (&"module".into(), &"fixtures/lib/lifecycle-lib.jar".into())
    );
    assert_eq!(used["module"], "fixtures/lifecycle-app/classes");
    let declared = rows.iter().find(|r| r["kind"] == "declared").expect("a declared row");
    assert_eq!(
        (&declared["coordinatesFrom"], &declared["libraryPurl"]),
        (&"option".into(), &"pkg:maven/com.example/lifecycle@1.0".into())
    );
}

#[test]
fn jetbrains_apiguardian_flink_and_inline_me_marks_decide_the_status() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("f.jsonl");
    let report = format!("fleet={}", file.display());
    let (_, err, _) = check_in(
        root(),
        &[
            "fixtures/lifecycle-app/classes",
            "--classpath",
            "fixtures/lib/lifecycle-lib.jar:fixtures/lib/stubs.jar",
            "--no-jdk",
            "--no-config",
            "--fleet-uses",
            "all",
            "--report",
            &report,
            "--repository",
            "r",
            "--commit",
            "c",
            "--branch",
            "b",
        ],
    );
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{e}: {err}"));
    assert_valid(&text);
    let rows = rows(&text);
    let row = |member: &str| {
        rows.iter().find(|r| r["kind"] == "use" && r["apiMember"] == member).unwrap_or_else(|| panic!("{member}"))
    };
    let status = |member: &str| {
        let r = row(member);
        format!("{} {} {}", r["status"], r["statusAnnotation"], r["statusSite"])
    };
    let lib = "fixtures.lifecycle.lib";
    assert_eq!(
        status(&format!("{lib}.JetbrainsExperimental.goingAway()")),
        r#""deprecated-for-removal" "org.jetbrains.annotations.ApiStatus$ScheduledForRemoval" "element""#
    );
    assert_eq!(
        status(&format!("{lib}.JetbrainsExperimental.preview()")),
        r#""experimental" "org.jetbrains.annotations.ApiStatus$Experimental" "element""#
    );
    assert_eq!(
        status(&format!("{lib}.JetbrainsInternal.run()")),
        r#""internal" "org.jetbrains.annotations.ApiStatus$Internal" "class""#
    );
    assert_eq!(status(&format!("{lib}.PublicApi.hello()")), r#""public" "org.apache.flink.annotation.Public" "class""#);
    // Unmarked, in a library that marks its public API with @Public elsewhere: internal by that convention.
    assert_eq!(status(&format!("{lib}.NotAnnotated.hello()")), r#""internal" null null"#);
    let inline = row(&format!("{lib}.Inlinable.oldWay()"));
    assert_eq!(inline["replacement"], "Inlinable.newWay()");
    assert_eq!(inline["replacementImports"], serde_json::json!(["fixtures.lifecycle.lib.Inlinable"]));
}
