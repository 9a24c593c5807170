//! The Spark job (`fleet/spark/archrules_fleet.py`) answers as the embedded store does, row for row: both read the
//! fixture fleet's records (`fixtures/fleet/records`, plus an older build of one repository made here, so current
//! snapshots, history and first-seen dates are exercised), and every answer file must hold the same rows.
//!
//! Spark runs in local mode from a Python with `pyspark`: `ARCHRULES_PYSPARK_PYTHON`, else
//! `target/pyspark-venv/bin/python` (`.ci/run` makes it). Without one the test says so and passes, except on CI
//! (`CI` set), where it fails: CI must run it.

mod common;

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn archrules(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_archrules")).current_dir(root()).args(args).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "archrules {args:?}: {err}");
    err
}

fn python() -> Option<PathBuf> {
    let candidate = std::env::var_os("ARCHRULES_PYSPARK_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target/pyspark-venv/bin/python"));
    let ok = Command::new(&candidate).args(["-c", "import pyspark"]).output().is_ok_and(|o| o.status.success());
    ok.then_some(candidate)
}

/// Each file's rows, canonical (keys sorted by serde_json's map) and sorted: order is not part of the answer.
fn rows(dir: &Path, file: &str) -> Vec<String> {
    let text = std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{}: {e}", dir.join(file).display()));
    let mut rows: Vec<String> = text
        .lines()
        .map(|line| {
            let value: BTreeMap<String, Value> = serde_json::from_str(line).expect("one JSON object a line");
            serde_json::to_string(&value).unwrap()
        })
        .collect();
    rows.sort();
    rows
}

#[test]
fn spark_answers_equal_the_store_row_for_row() {
    let Some(python) = python() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run the Spark job: no Python with pyspark (set ARCHRULES_PYSPARK_PYTHON or make target/pyspark-venv)"
        );
        eprintln!("skipped: no Python with pyspark (ARCHRULES_PYSPARK_PYTHON, target/pyspark-venv)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("records");
    std::fs::create_dir(&records).unwrap();
    for entry in std::fs::read_dir(root().join("fixtures/fleet/records")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, records.join(path.file_name().unwrap())).unwrap();
    }
    // An older build of orders, with every library use recorded: its rows are history, not current.
    let older = records.join("orders-older.jsonl.gz");
    let mut args = common::fleet_record_args(
        "fixtures/fleet/orders/classes",
        &older,
        "github.com/shop/orders",
        "1111111111111111111111111111111111111111",
        "2026-11-20T08:00:00Z",
    );
    args.extend(["--fleet-uses".to_string(), "all".to_string()]);
    archrules(&args.iter().map(String::as_str).collect::<Vec<_>>());

    let db = dir.path().join("fleet.db");
    let db = db.to_str().unwrap();
    let store = dir.path().join("store");
    archrules(&["fleet", "--db", db, "ingest", records.to_str().unwrap()]);
    archrules(&["fleet", "--db", db, "answers", "-o", store.to_str().unwrap()]);

    let spark = dir.path().join("spark");
    let out = Command::new(python)
        .current_dir(root())
        .arg("fleet/spark/archrules_fleet.py")
        .args(["--records", records.to_str().unwrap(), "--out", spark.to_str().unwrap(), "--master", "local[2]"])
        .output()
        .unwrap();
    assert!(out.status.success(), "the Spark job failed:\n{}", String::from_utf8_lossy(&out.stderr));

    for file in ["who_uses.jsonl", "library.jsonl", "rules.jsonl", "repos.jsonl", "history.jsonl"] {
        let (ours, theirs) = (rows(&store, file), rows(&spark, file));
        assert!(!ours.is_empty(), "{file}: the store answered nothing");
        assert_eq!(ours, theirs, "{file}: the store's rows (left) and Spark's (right) differ");
    }
    // The older build is history: first seen before the current snapshot was built, and in the chart.
    let first_seen = rows(&store, "who_uses.jsonl").iter().filter(|r| r.contains("\"firstSeen\":\"2026-11-20")).count();
    assert!(first_seen > 0, "no use was first seen in the older build");
    assert!(rows(&store, "history.jsonl").iter().any(|r| r.contains("\"day\":\"2026-11-20\"")));
}
