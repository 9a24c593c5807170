//! The fleet store (`archrules fleet`) on the records the writer made from compiled fixtures (fixtures/fleet/records)
//! and on hand-made records that follow FLEET-CONTRACT.md for what those do not cover (tests/data/fleet/make.py
//! writes them): ingest, its refusals, idempotency, current snapshots, prune, every query in every format, the
//! impact of a release (fixtures/fleet-impact/widgets-3.0.jar), concurrent and killed ingests.

mod common;

use archrules::fleet::query::{who_uses_sql, LIBRARY_SQL, REPOS_SQL, RULES_SQL};
use archrules::fleet::{Pattern, Store};
use common::run;
use std::path::{Path, PathBuf};

const RECORDS: &str = "tests/data/fleet/records";
const BAD: &str = "tests/data/fleet/bad";

fn db(dir: &tempfile::TempDir) -> String {
    dir.path().join("fleet.db").display().to_string()
}

/// A store holding every good record.
fn store() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let db = db(&dir);
    let (_, err, code) = run(&["fleet", "--db", &db, "ingest", RECORDS]);
    assert_eq!(code, 0, "{err}");
    (dir, db)
}

fn fleet(db: &str, args: &[&str]) -> String {
    let mut all = vec!["fleet", "--db", db];
    all.extend_from_slice(args);
    let (out, err, code) = run(&all);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

fn count(db: &str, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(sql, [], |row| row.get(0)).unwrap()
}

macro_rules! snapshot_without_times {
    ($name:expr, $value:expr) => {
        insta::with_settings!({filters => vec![(r#"(INGESTED|"ingestedAt":)\s*"?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"?"#, "$1 [time]"), (r"(?m)  \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", "  [time]")]}, {
            insta::assert_snapshot!($name, $value);
        });
    };
}

#[test]
fn who_uses_each_pattern_shape() {
    let (_dir, db) = store();
    insta::assert_snapshot!(
        "who_uses_artifact_table",
        fleet(&db, &["who-uses", "com.acme:widgets", "--format", "table"])
    );
    insta::assert_snapshot!(
        "who_uses_member_json",
        fleet(&db, &["who-uses", "com.acme.widgets.Widget.resize(int)", "--format", "json"])
    );
    insta::assert_snapshot!(
        "who_uses_package_csv",
        fleet(&db, &["who-uses", "com.acme.widgets.internal..", "--format", "csv"])
    );
    // A class answers for itself and its members; a field by its full name.
    let class = fleet(&db, &["who-uses", "com.acme.widgets.Widget", "--format", "csv"]);
    assert_eq!(class.lines().count(), 1 + 6, "{class}");
    let field = fleet(&db, &["who-uses", "com.acme.widgets.Widget.size", "--format", "csv"]);
    assert_eq!(field.lines().count(), 2, "{field}");
    assert!(field.contains("gets field"), "{field}");
}

#[test]
fn who_uses_filters_by_status_and_branch() {
    let (_dir, db) = store();
    // `deprecated` includes deprecated-for-removal; unmarked uses (written with --fleet-uses all) drop out.
    let deprecated = fleet(&db, &["who-uses", "com.acme:widgets", "--status", "deprecated", "--format", "csv"]);
    assert_eq!(deprecated.lines().count(), 1 + 3, "{deprecated}");
    assert!(deprecated.lines().skip(1).all(|l| l.contains("deprecated-for-removal")), "{deprecated}");
    let internal =
        fleet(&db, &["who-uses", "com.acme:widgets", "--status", "internal,experimental", "--format", "csv"]);
    assert_eq!(internal.lines().count(), 1 + 3, "{internal}");
    let feature = fleet(&db, &["who-uses", "com.acme:widgets", "--branch", "feature/resize", "--format", "csv"]);
    assert_eq!(feature.lines().count(), 2, "{feature}");
    let (_, err, code) = run(&["fleet", "--db", &db, "who-uses", "com.acme:widgets", "--status", "obsolete"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown status \"obsolete\""), "{err}");
}

#[test]
fn first_seen_is_the_oldest_snapshot_holding_the_use() {
    let (_dir, db) = store();
    let json = fleet(&db, &["who-uses", "com.acme.widgets.Widget.resize(int)", "--branch", "main", "--format", "json"]);
    let app_one: serde_json::Value = json
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|v| v["repository"] == "github.com/acme/app-one")
        .unwrap();
    // Used since the old build of 2026-11-01; the current one is of 2026-12-01.
    assert_eq!(app_one["firstSeen"], "2026-11-01T08:00:00Z");
    assert_eq!(app_one["commit"], "1b1b1b1");
    assert_eq!(app_one["count"], 2);
}

#[test]
fn library_page_repos_and_rules() {
    let (_dir, db) = store();
    let (out, err, code) = run(&["fleet", "--db", &db, "library", "com.acme:widgets", "--format", "table"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("library_table", out);
    // app-two's classpath was incomplete: the page says its counts may be low.
    assert!(err.contains("incomplete classpath") && err.contains("github.com/acme/app-two (main)"), "{err}");
    insta::assert_snapshot!("library_json", fleet(&db, &["library", "com.acme:widgets", "--format", "json"]));
    snapshot_without_times!("repos_table", fleet(&db, &["repos", "--format", "table"]));
    snapshot_without_times!("repos_json", fleet(&db, &["repos", "--format", "json"]));
    insta::assert_snapshot!("rules_table", fleet(&db, &["rules", "--format", "table"]));
    insta::assert_snapshot!("rules_json", fleet(&db, &["rules", "--format", "json"]));
}

/// A store holding the writer's records of the compiled fixtures.
fn real_store() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let db = db(&dir);
    let (_, err, code) = run(&["fleet", "--db", &db, "ingest", "fixtures/fleet/records"]);
    assert_eq!(code, 0, "{err}");
    (dir, db)
}

#[test]
fn queries_on_the_records_of_the_compiled_fixtures() {
    let (_dir, db) = real_store();
    insta::assert_snapshot!("real_who_uses_table", fleet(&db, &["who-uses", "com.acme:widgets", "--format", "table"]));
    insta::assert_snapshot!(
        "real_who_uses_deprecated_table",
        fleet(&db, &["who-uses", "com.acme.widgets..", "--status", "deprecated", "--format", "table"])
    );
    insta::assert_snapshot!("real_library_table", fleet(&db, &["library", "com.acme:widgets", "--format", "table"]));
    insta::assert_snapshot!("real_library_json", fleet(&db, &["library", "com.acme:widgets", "--format", "json"]));
    insta::assert_snapshot!("real_rules_table", fleet(&db, &["rules", "--format", "table"]));
    snapshot_without_times!("real_repos_table", fleet(&db, &["repos", "--format", "table"]));
}

#[test]
fn impact_of_a_release_lists_every_consumer_that_breaks() {
    let (_dir, db) = real_store();
    let (out, err, code) = run(&[
        "fleet",
        "--db",
        &db,
        "impact",
        "--old",
        "fixtures/fleet/libs/widgets-2.3.jar",
        "--new",
        "fixtures/fleet-impact/widgets-3.0.jar",
        "--format",
        "table",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("6 breaking API changes") && err.contains("9 uses in 2 repositories would break"), "{err}");
    insta::assert_snapshot!("impact_table", out);
    let json = fleet(
        &db,
        &[
            "impact",
            "--old",
            "fixtures/fleet/libs/widgets-2.3.jar",
            "--new",
            "fixtures/fleet-impact/widgets-3.0.jar",
            "--format",
            "json",
        ],
    );
    insta::assert_snapshot!("impact_json", json);
}

#[test]
fn ingesting_twice_changes_nothing() {
    let (_dir, db) = store();
    let before = (count(&db, "SELECT count(*) FROM api_use"), count(&db, "SELECT count(*) FROM snapshot"));
    let (_, err, code) = run(&["fleet", "--db", &db, "ingest", RECORDS]);
    assert_eq!(code, 0);
    assert!(err.contains("0 new snapshots (0 rows), 5 already in the store"), "{err}");
    assert_eq!((count(&db, "SELECT count(*) FROM api_use"), count(&db, "SELECT count(*) FROM snapshot")), before);
}

#[test]
fn the_newest_build_is_current_whatever_the_ingest_order() {
    let dir = tempfile::tempdir().unwrap();
    let db = db(&dir);
    fleet(&db, &["ingest", &format!("{RECORDS}/app-one.jsonl")]);
    fleet(&db, &["ingest", &format!("{RECORDS}/app-one-old.jsonl")]);
    // paint() was used only by the older build, ingested last: not a current use.
    assert_eq!(fleet(&db, &["who-uses", "com.acme.widgets.Widget.paint()", "--format", "csv"]).lines().count(), 1);
    let repos = fleet(&db, &["repos", "--format", "csv"]);
    assert!(repos.contains(",1b1b1b1,2026-12-01T08:00:00Z,2,"), "{repos}");
}

#[test]
fn prune_keeps_current_snapshots() {
    let (_dir, db) = store();
    assert_eq!(count(&db, "SELECT count(*) FROM snapshot"), 5);
    let (_, err, code) = run(&["fleet", "--db", &db, "prune", "--keep", "1"]);
    assert_eq!(code, 0);
    assert!(err.contains("dropped 1 snapshots"), "{err}");
    assert_eq!(count(&db, "SELECT count(*) FROM snapshot"), 4);
    // The old build's two uses went with it; the rest stayed.
    assert_eq!(count(&db, "SELECT count(*) FROM api_use"), 9);
    // Everything is older than a second, but current snapshots stay.
    fleet(&db, &["prune", "--older-than", "1s"]);
    assert_eq!(count(&db, "SELECT count(*) FROM snapshot"), 4);
    let (_, err, code) = run(&["fleet", "--db", &db, "prune", "--older-than", "ninety days"]);
    assert_eq!(code, 2);
    assert!(err.contains("not a duration"), "{err}");
}

#[test]
fn bad_files_are_refused_whole_and_the_rest_ingests() {
    let dir = tempfile::tempdir().unwrap();
    let db = db(&dir);
    let (_, err, code) = run(&["fleet", "--db", &db, "ingest", BAD, &format!("{RECORDS}/widgets.jsonl")]);
    assert_eq!(code, 2, "{err}");
    insta::assert_snapshot!(
        "bad_files_stderr",
        err.lines().filter(|l| !l.contains(" files in ")).collect::<Vec<_>>().join("\n")
    );
    // Each bad file's first rows were good (a build row and a use of app-two): none of them entered.
    assert_eq!(count(&db, "SELECT count(*) FROM snapshot"), 1);
    assert_eq!(count(&db, "SELECT count(*) FROM repository WHERE name = 'github.com/acme/app-two'"), 0);
}

#[test]
fn a_repeated_record_id_counts_once() {
    // Every row of app-one twice (a writer that repeated itself, or one file concatenated onto itself): the store
    // holds what the file once holds, as the Spark job (which drops repeated ids) answers.
    let dir = tempfile::tempdir().unwrap();
    let once = format!("{RECORDS}/app-one.jsonl");
    let text = std::fs::read_to_string(&once).unwrap();
    let twice = dir.path().join("app-one-twice.jsonl");
    std::fs::write(&twice, format!("{text}{text}")).unwrap();
    let repos = |file: &str| {
        let dir = tempfile::tempdir().unwrap();
        let db = db(&dir);
        fleet(&db, &["ingest", file]);
        let counts = count(&db, "SELECT count(*) FROM api_use") * 1000 + count(&db, "SELECT count(*) FROM violation");
        (fleet(&db, &["repos", "--format", "csv"]).replace(file, ""), counts)
    };
    let (expected, rows) = repos(&once);
    assert!(rows > 0);
    let (got, got_rows) = repos(twice.to_str().unwrap());
    let strip = |t: &str| t.lines().map(|l| l.rsplit_once(',').map_or(l, |(a, _)| a).to_string()).collect::<Vec<_>>();
    assert_eq!(strip(&got), strip(&expected));
    assert_eq!(got_rows, rows);
}

#[test]
fn check_refuses_what_ingest_would_and_touches_no_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = db(&dir);
    let (_, err, code) = run(&["fleet", "--db", &db, "ingest", "--check", BAD, &format!("{RECORDS}/widgets.jsonl")]);
    assert_eq!(code, 2, "{err}");
    // The same errors, file and line, as the ingest above; the summary says what would happen.
    let (_, ingest_err, _) = run(&["fleet", "--db", &db, "ingest", BAD, &format!("{RECORDS}/widgets.jsonl")]);
    let errors = |text: &str| text.lines().filter(|l| l.starts_with("error:")).map(str::to_string).collect::<Vec<_>>();
    assert_eq!(errors(&err).len(), 3, "{err}");
    assert_eq!(errors(&err), errors(&ingest_err));
    assert!(err.contains("checked 4 files in ") && err.contains(": 1 would ingest, 1 builds ("), "{err}");
    assert!(err.contains("refused 3 files (ingest would refuse them whole)"), "{err}");
    std::fs::remove_file(&db).unwrap();
    let (_, err, code) = run(&["fleet", "--db", &db, "ingest", "--check", RECORDS]);
    assert_eq!(code, 0, "{err}");
    assert!(!Path::new(&db).exists(), "--check created the store");
}

#[test]
fn a_newer_schema_is_refused() {
    let (_dir, db) = store();
    rusqlite::Connection::open(&db).unwrap().pragma_update(None, "user_version", 99).unwrap();
    let (_, err, code) = run(&["fleet", "--db", &db, "repos"]);
    assert_eq!(code, 2);
    assert!(err.contains("has schema version 99, newer than") && err.contains("reads (1)"), "{err}");
}

#[test]
fn query_plans_use_the_indexes() {
    let (_dir, db) = store();
    let store = Store::open(Path::new(&db)).unwrap();
    let mut plans = String::new();
    let patterns = [
        ("member", "com.acme.widgets.Widget.resize(int)"),
        ("class or field", "com.acme.widgets.Widget"),
        ("package", "com.acme.widgets.."),
        ("artifact", "com.acme:widgets"),
    ];
    for (what, pattern) in patterns {
        let (sql, _) = who_uses_sql(&Pattern::parse(pattern).unwrap(), &[], None);
        plans.push_str(&format!("who-uses, {what}:\n{}\n\n", store.explain(&sql).unwrap().join("\n")));
    }
    for (what, sql) in [("library", LIBRARY_SQL), ("repos", REPOS_SQL), ("rules", RULES_SQL)] {
        plans.push_str(&format!("{what}:\n{}\n\n", store.explain(sql).unwrap().join("\n")));
    }
    assert!(plans.contains("USING INDEX api_use_member"), "{plans}");
    assert!(plans.contains("USING INDEX api_use_artifact"), "{plans}");
    insta::assert_snapshot!("query_plans", plans);
}

/// `files` record files of `rows` use rows each, one build of its own repository each.
fn big_records(dir: &Path, files: usize, rows: usize) -> Vec<PathBuf> {
    use std::fmt::Write;
    (0..files)
        .map(|f| {
            let common = format!(
                r#""schemaVersion":1,"recordId":null,"repository":"github.com/big/r{f}","commit":"c{f}","branch":"main","buildTime":"2026-12-01T00:00:00Z","module":"m.jar""#
            );
            let mut text = format!(
                "{{{common},\"kind\":\"build\",\"toolVersion\":\"0.1.0\",\"modules\":[\"m.jar\"],\"classpathComplete\":true,\"unresolvedClasses\":0,\"fleetUses\":\"all\",\"rules\":0,\"violations\":0}}\n"
            );
            for i in 0..rows {
                writeln!(
                    text,
                    r#"{{{common},"kind":"use","consumerClass":"com.big.C{}","consumerMember":"com.big.C{}.m{i}()","sourcePath":"C.java","line":{i},"count":1,"dependencyKind":"calls method","apiClass":"com.lib.L{}","apiMember":"com.lib.L{}.f{}(int)","apiDescriptor":"f(I)V","status":"deprecated","statusAnnotation":"java.lang.Deprecated","statusSite":"element","since":null,"forRemoval":false,"replacement":null,"replacementImports":[],"libraryGroup":"com.lib","libraryArtifact":"lib","libraryVersion":"1.0","libraryPurl":"pkg:maven/com.lib/lib@1.0","coordinatesFrom":"pom.properties","libraryInput":"lib.jar"}}"#,
                    i % 97, i % 97, i % 13, i % 13, i % 7
                )
                .unwrap();
            }
            let path = dir.join(format!("r{f:02}.jsonl"));
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect()
}

/// Every snapshot in the store holds exactly the rows its file had: nothing half-written.
fn assert_consistent(db: &str, rows: usize) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
    let mut stmt = conn
        .prepare("SELECT s.uses, (SELECT count(*) FROM api_use u WHERE u.snapshot = s.id) FROM snapshot s")
        .unwrap();
    let counts: Vec<(i64, i64)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
    for (declared, held) in &counts {
        assert_eq!((*declared, *held), (rows as i64, rows as i64));
    }
    counts.len() as i64
}

#[test]
fn two_ingests_at_once_each_snapshot_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = db(&dir);
    let records = dir.path().join("records");
    std::fs::create_dir(&records).unwrap();
    big_records(&records, 6, 5_000);
    let spawn = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_archrules"))
            .args(["fleet", "--db", &db, "ingest", &records.display().to_string()])
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    for child in [a, b] {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    assert_eq!(assert_consistent(&db, 5_000), 6);
}

#[test]
fn an_ingest_killed_mid_way_leaves_what_it_committed() {
    let dir = tempfile::tempdir().unwrap();
    let db = db(&dir);
    let records = dir.path().join("records");
    std::fs::create_dir(&records).unwrap();
    big_records(&records, 8, 20_000);
    // The store exists before the ingest starts, so the poll below can read it.
    fleet(&db, &["repos"]);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_archrules"))
        .args(["fleet", "--db", &db, "ingest", &records.display().to_string()])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once it has committed at least one file, before it finishes.
    let started = std::time::Instant::now();
    loop {
        let done = count(&db, "SELECT count(*) FROM snapshot");
        if done >= 1 {
            break;
        }
        assert!(started.elapsed().as_secs() < 60, "no file committed within a minute");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let kept = assert_consistent(&db, 20_000);
    assert!((1..8).contains(&kept), "killed after {kept} of 8 files");
    // Ingesting again completes the rest and duplicates nothing.
    fleet(&db, &["ingest", &records.display().to_string()]);
    assert_eq!(assert_consistent(&db, 20_000), 8);
}
