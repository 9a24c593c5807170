//! The README's and docs' example commands, run as written. Every `archrules <subcommand> ...` line in a code block
//! of README.md and docs/*.md (continuation lines joined) runs through `sh` in a Gradle-like project made from the
//! demo (`build/classes/java/main`, `libs/`, `build/libs/`, `app.jar`, `src/main/java`), with this build's binary
//! first on PATH. A command passes when it exits 0 or 1 (violations) and prints no error; a new example in the docs
//! is run without touching this file, and one that cannot run here must be listed in `SKIPPED` with the reason.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// Examples that cannot run on the bundled fixtures, by a prefix of their text, and why.
const SKIPPED: &[(&str, &str)] =
    &[("archrules fleet ", "reads the query answers of a fleet of builds, which the demo project has none of")];

const SUBCOMMANDS: &[&str] =
    &["check", "baseline", "rules", "explain", "docs", "test", "inspect", "completions", "fleet"];

/// `archrules ...` commands in the code blocks of a markdown file: fenced blocks and 4-space indented ones.
fn commands(markdown: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut fenced = false;
    let mut lines = markdown.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if !(fenced || line.starts_with("    ")) {
            continue;
        }
        let Some(rest) = trimmed.strip_prefix("archrules ") else { continue };
        if !SUBCOMMANDS.iter().any(|s| rest.split_whitespace().next() == Some(*s)) {
            continue;
        }
        let mut command = trimmed.to_owned();
        // Shell continuations (`\`) and YAML folded lines (the next line starts with a flag).
        loop {
            if let Some(head) = command.strip_suffix('\\') {
                command = head.trim_end().to_owned();
            } else if !lines.peek().is_some_and(|next| next.trim_start().starts_with("--")) {
                break;
            }
            match lines.next() {
                Some(next) => {
                    command.push(' ');
                    command.push_str(next.trim());
                }
                None => break,
            }
        }
        found.push(strip_comment(&command));
    }
    found
}

/// The command without a trailing `# comment` (the README aligns them after two or more spaces).
fn strip_comment(command: &str) -> String {
    match command.find("  #") {
        Some(at) => command[..at].trim_end().to_owned(),
        None => command.trim_end().to_owned(),
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            // `fs::copy` follows symlinks: the demo's lib/ links to jars elsewhere in fixtures/.
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// A jar of a class directory, as `jar cf` would make it.
fn jar(classes: &Path, out: &Path) {
    fn add(zip: &mut zip::ZipWriter<std::fs::File>, root: &Path, dir: &Path) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                add(zip, root, &path);
            } else {
                let name = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                zip.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
                std::io::Write::write_all(zip, &std::fs::read(&path).unwrap()).unwrap();
            }
        }
    }
    let mut zip = zip::ZipWriter::new(std::fs::File::create(out).unwrap());
    add(&mut zip, classes, classes);
    zip.finish().unwrap();
}

fn archrules() -> &'static str {
    env!("CARGO_BIN_EXE_archrules")
}

fn sh(project: &Path, command: &str) -> (String, String, i32) {
    let bin_dir = Path::new(archrules()).parent().unwrap();
    let path = std::env::join_paths(
        std::iter::once(bin_dir.to_owned()).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )
    .unwrap();
    let out = Command::new("sh")
        .args(["-c", command])
        .current_dir(project)
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .env("GITHUB_STEP_SUMMARY", project.join("step-summary.md"))
        .env_remove("CI")
        .env_remove("GITHUB_ACTIONS")
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

/// The demo laid out as the docs' commands expect a project to be.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let classes = common::fixture("demo/classes");
    copy_dir(&classes, &p.join("build/classes/java/main"));
    copy_dir(&common::fixture("demo/lib"), &p.join("libs"));
    copy_dir(&common::fixture("demo/lib"), &p.join("build/libs"));
    copy_dir(&common::fixture("demo/src"), &p.join("src/main/java"));
    jar(&classes, &p.join("app.jar"));
    // `archrules test my-pack.arch`: a pack with its tests, blessed.
    std::fs::write(
        p.join("my-pack.arch"),
        "pack \"com.acme.rules\" { description \"Our rules\"; }\n\
         rule \"no joda\" = priority(HIGH).noClasses().should().dependOnClassesThat().resideInAPackage(\"org.joda.time..\");\n",
    )
    .unwrap();
    std::fs::create_dir_all(p.join("tests/my-pack")).unwrap();
    std::fs::write(
        p.join("tests/my-pack/test.toml"),
        "targets = [\"../../build/classes/java/main\"]\nclasspath = [\"../../libs\"]\n",
    )
    .unwrap();
    let (out, err, code) = sh(p, "archrules test my-pack.arch --bless");
    assert_eq!(code, 0, "{out}{err}");
    // `--rules my-rules.arch`, and the library author's pack of docs/packs.md.
    std::fs::copy(p.join("my-pack.arch"), p.join("my-rules.arch")).unwrap();
    std::fs::create_dir_all(p.join("src/main/resources/META-INF/archrules")).unwrap();
    std::fs::copy(p.join("my-pack.arch"), p.join("src/main/resources/META-INF/archrules/acme.arch")).unwrap();
    let (out, err, code) = sh(p, "archrules baseline build/classes/java/main -o archrules-baseline.json");
    assert_eq!(code, 0, "{out}{err}");
    dir
}

fn documented() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    files.extend(docs);
    let mut all = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        all.extend(commands(&text).into_iter().map(|c| (file.clone(), c)));
    }
    all
}

#[test]
fn every_documented_command_runs() {
    let project = project();
    let mut failures = Vec::new();
    let mut ran = 0;
    for (file, command) in documented() {
        if SKIPPED.iter().any(|(prefix, _)| command.starts_with(prefix)) {
            continue;
        }
        // The JDK-specific example runs where that JDK is installed (this machine kind and its CI).
        if let Some(jdk) = command.split("--jdk ").nth(1).and_then(|r| r.split_whitespace().next()) {
            if !Path::new(jdk).is_dir() {
                eprintln!("skipped (no {jdk} here): {command}");
                continue;
            }
        }
        let (_, err, code) = sh(project.path(), &command);
        ran += 1;
        let error_line =
            err.lines().any(|l| l.trim_start().starts_with("error") || l.trim_start().starts_with("Error"));
        if !(code == 0 || code == 1) || error_line {
            failures.push(format!("{}: `{command}` exited {code}:\n{err}", file.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(ran >= 15, "only {ran} documented commands found");
}

#[test]
fn commands_are_extracted_from_code_blocks_only() {
    let markdown = "archrules check prose.jar is prose\n\n    archrules check a.jar   # comment\n\n```yaml\n\
                    run: >\n  archrules check b.jar\n  --format github\narchrules = { path = \"..\" }\n```\n\
                    ```sh\narchrules check c.jar \\\n  --fail-on never\n```\n";
    assert_eq!(
        commands(markdown),
        ["archrules check a.jar", "archrules check b.jar --format github", "archrules check c.jar --fail-on never"]
    );
}
