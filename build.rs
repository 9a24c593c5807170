//! Names the commit in `archrules --version`: `ARCHRULES_VERSION` is `0.1.0 (c16525c)` with the commit of
//! `git rev-parse --short HEAD` when the source is a git checkout and git is on PATH, else the bare package version
//! (a source tarball, a wheel's sdist, a machine without git).

use std::process::Command;

fn main() {
    let commit = Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_owned())
        .unwrap_or_default();
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let full = if commit.is_empty() { version } else { format!("{version} ({commit})") };
    println!("cargo:rustc-env=ARCHRULES_VERSION={full}");
    // Rebuild when HEAD moves: HEAD itself, and the branch file it points to (a worktree's HEAD lives in its gitdir).
    if let Some(head) = git_path("HEAD") {
        println!("cargo:rerun-if-changed={head}");
        if let Ok(text) = std::fs::read_to_string(&head) {
            if let Some(reference) = text.strip_prefix("ref: ") {
                if let Some(branch) = git_path(reference.trim()) {
                    println!("cargo:rerun-if-changed={branch}");
                }
            }
        }
    }
    println!("cargo:rerun-if-changed=build.rs");
}

/// Where git keeps `name` (`git rev-parse --git-path`), if this is a git checkout.
fn git_path(name: &str) -> Option<String> {
    let out = Command::new("git").args(["rev-parse", "--git-path", name]).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let path = String::from_utf8(out.stdout).ok()?.trim().to_owned();
    // Relative paths are relative to the working directory, which for build scripts is the package root.
    let abs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    abs.exists().then(|| abs.display().to_string())
}
