//! End to end: builds the example plugin crate with the same target directory, loads the `.so` and reads its packs.

use archrules::packs::plugin;
use std::path::PathBuf;
use std::process::Command;

/// `target/<profile>`: the directory holding this test binary's `deps/`.
fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    exe.parent().and_then(|deps| deps.parent()).unwrap().to_owned()
}

/// Building the example crate takes longer than the rest of this file and most test binaries (44 s on two cores), so
/// `cargo test` leaves it out; `.ci/run` runs it (`cargo test --test plugin -- --ignored`).
#[test]
#[ignore = "builds the example plugin crate; run with `cargo test --test plugin -- --ignored` (CI does)"]
fn the_example_plugin_builds_and_loads() {
    let profile = profile_dir();
    let target_dir = profile.parent().unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut build = Command::new(cargo);
    build.args(["build", "-p", "archrules-example-plugin"]).env("CARGO_TARGET_DIR", target_dir);
    if profile.file_name().is_some_and(|n| n == "release") {
        build.arg("--release");
    }
    let status = build.current_dir(env!("CARGO_MANIFEST_DIR")).status().unwrap();
    assert!(status.success(), "cargo build -p archrules-example-plugin failed");

    let lib = profile.join(format!(
        "{}archrules_example_plugin{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    ));
    let packs = plugin::load(&lib).unwrap();
    assert_eq!(packs.len(), 1);
    let pack = &packs[0].pack;
    assert_eq!(pack.id, "example.plugin");
    assert_eq!(pack.origin, format!("{} (plugin)", lib.display()));
    assert_eq!(pack.rules.len(), 1);
    assert_eq!(pack.rules[0].name, "no sun.misc");
    assert_eq!(pack.rules[0].pack, "example.plugin");
    assert_eq!(pack.rules[0].priority, archrules::findings::Priority::High);
}

#[test]
fn a_library_without_the_entry_point_is_a_clear_error() {
    // The test binary's own directory holds shared libraries of proc-macro crates, which lack the symbol.
    let deps = profile_dir().join("deps");
    let proc_macro = std::fs::read_dir(&deps)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == std::env::consts::DLL_EXTENSION))
        .expect("some proc-macro shared library in target/*/deps");
    let err = plugin::load(&proc_macro).unwrap_err();
    assert!(matches!(err.kind, plugin::PluginErrorKind::MissingSymbol(_)), "{err}");
    assert!(err.to_string().contains(&proc_macro.display().to_string()));
}

/// Compiles a hand-written ABI v1 library with rustc: `version` and the JSON `packs_json` returns.
fn fake_plugin(dir: &std::path::Path, name: &str, version: u32, json: &str) -> PathBuf {
    let src = dir.join(format!("{name}.rs"));
    std::fs::write(
        &src,
        format!(
            r#"
#[repr(C)] pub struct P {{ v: u32, a: extern "C" fn() -> *mut i8, f: extern "C" fn(*mut i8) }}
extern "C" fn a() -> *mut i8 {{ {json:?}.as_ptr() as *mut i8 }}
extern "C" fn f(_: *mut i8) {{}}
static PL: P = P {{ v: {version}, a, f }};
#[no_mangle] pub extern "C" fn archrules_plugin_v1() -> *const P {{ &PL }}
"#,
            json = format!("{json}\0")
        ),
    )
    .unwrap();
    let status = Command::new(std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned()))
        .args(["--crate-type", "cdylib", "--edition", "2021", "-o"])
        .arg(dir.join(format!("{}{name}{}", std::env::consts::DLL_PREFIX, std::env::consts::DLL_SUFFIX)))
        .arg(&src)
        .status()
        .unwrap();
    assert!(status.success());
    dir.join(format!("{}{name}{}", std::env::consts::DLL_PREFIX, std::env::consts::DLL_SUFFIX))
}

#[test]
fn abi_mismatch_invalid_ir_and_reported_panics_are_errors_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let old = fake_plugin(dir.path(), "old", 99, "[]");
    let err = plugin::load(&old).unwrap_err();
    assert!(matches!(err.kind, plugin::PluginErrorKind::AbiMismatch { found: 99, expected: 1 }), "{err}");
    assert!(err.to_string().contains(&old.display().to_string()));

    let bad = fake_plugin(dir.path(), "bad", 1, r#"[{"id": "x", "rules": 3}]"#);
    assert!(matches!(plugin::load(&bad).unwrap_err().kind, plugin::PluginErrorKind::InvalidIr(_)));

    let panicked = fake_plugin(dir.path(), "panicked", 1, r#"{"error": "panicked: boom"}"#);
    let err = plugin::load(&panicked).unwrap_err();
    assert_eq!(err.to_string(), format!("plugin {}: the plugin failed: panicked: boom", panicked.display()));
}
