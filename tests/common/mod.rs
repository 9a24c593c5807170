//! Helpers shared by the integration tests: paths into `fixtures/` and graphs built from them.
#![allow(dead_code)]

use archrules::graph::{self, Graph};
use archrules::inputs::{OpenOptions, Opened, Role};
use std::path::{Path, PathBuf};

pub fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(path)
}

/// A graph of the given fixture targets and classpath, without the JDK.
pub fn graph(targets: &[&str], classpath: &[&str]) -> Graph {
    let opts = OpenOptions::default();
    let mut opened = Opened::default();
    opened.add(&targets.iter().map(|t| fixture(t)).collect::<Vec<_>>(), Role::Target, &opts);
    opened.add(&classpath.iter().map(|t| fixture(t)).collect::<Vec<_>>(), Role::Classpath, &opts);
    graph::build(opened, &graph::BuildOptions::default())
}

/// Runs the real binary, returning (stdout, stderr, exit code).
pub fn run(args: &[&str]) -> (String, String, i32) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_archrules"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env_remove("JAVA_HOME")
        .output()
        .expect("run archrules");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

/// The fleet fixtures' classpath. The JDK classes come from the committed subset (as `tests/check_cli.rs` does), so
/// the records do not depend on the machine's JDK.
pub const FLEET_CLASSPATH: &str =
    "fixtures/fleet/libs/widgets-2.3.jar:fixtures/lib/stubs.jar:fixtures/lib/guava.jar:fixtures/jdk/jdk17-subset.jar";

/// The `check` arguments that write the fleet record of `target` into `report` as one build of `repository` on main.
pub fn fleet_record_args(target: &str, report: &Path, repository: &str, commit: &str, time: &str) -> Vec<String> {
    let report = format!("fleet={}", report.display());
    let args = [
        "check",
        target,
        "--classpath",
        FLEET_CLASSPATH,
        "--no-jdk",
        "--no-config",
        "--fail-on",
        "never",
        "--format",
        "json",
        "--output",
        "/dev/null",
        "--report",
        &report,
        "--repository",
        repository,
        "--commit",
        commit,
        "--branch",
        "main",
        "--build-time",
        time,
    ];
    args.iter().map(|a| a.to_string()).collect()
}
