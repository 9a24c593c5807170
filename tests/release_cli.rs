//! `--release N` as a user runs it: with a JDK home older releases are read from its `lib/ct.sym`, so what the JDK's
//! classes say (deprecations, members, whether a class exists) is release N's. The JDK is the committed fake home
//! `fixtures/jdk/ct-home` (Java 25, trimmed ct.sym, no image); the target `fixtures/ctsym/classes` calls
//! `Thread.suspend()`/`resume()` and `new Integer(int)` and uses `@Deprecated`.

mod common;

use std::collections::BTreeSet;

use common::run;
use serde_json::Value;

const HOME: &str = "fixtures/jdk/ct-home";
const TARGET: &str = "fixtures/ctsym/classes";

/// `check --format json` for `--release n` (when given).
fn check(release: Option<&str>) -> Value {
    let mut args = vec!["check", TARGET, "--jdk", HOME, "--no-config", "--format", "json"];
    if let Some(n) = release {
        args.extend(["--release", n]);
    }
    let (out, err, code) = run(&args);
    assert!(code == 0 || code == 1, "exit {code}: {err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

/// `Class.member` of every violation of the bundled `rule`.
fn flagged(report: &Value, rule: &str) -> BTreeSet<String> {
    report["violations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["rule"]["ruleName"] == rule && v["status"] == "FAIL")
        .map(|v| format!("{}.{}", v["targetClass"].as_str().unwrap(), v["targetMember"].as_str().unwrap_or("")))
        .collect()
}

fn warnings(report: &Value) -> Vec<String> {
    report["warnings"].as_array().unwrap().iter().map(|w| w.as_str().unwrap().to_owned()).collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn deprecated_for_removal_is_the_release_s() {
    let suspend_resume = ["java.lang.Thread.suspend()", "java.lang.Thread.resume()"];
    let all = ["java.lang.Thread.suspend()", "java.lang.Thread.resume()", "java.lang.Integer.<init>(int)"];
    // Release 11: all three are @Deprecated, none for removal.
    let r11 = check(Some("11"));
    assert_eq!(flagged(&r11, "deprecatedForRemoval"), set(&[]));
    assert_eq!(flagged(&r11, "deprecated"), set(&all));
    // Release 14: suspend()/resume() became forRemoval; Integer(int) only in 16.
    assert_eq!(flagged(&check(Some("14")), "deprecatedForRemoval"), set(&suspend_resume));
    // Release 17: all three.
    let r17 = check(Some("17"));
    assert_eq!(flagged(&r17, "deprecatedForRemoval"), set(&all));
    // Release 8: Integer(int) was not deprecated yet.
    assert_eq!(flagged(&check(Some("8")), "deprecated"), set(&suspend_resume));
    for report in [&r11, &r17] {
        assert!(!warnings(report).iter().any(|w| w.contains("ct.sym") || w.contains("JDK")), "{:?}", warnings(report));
    }
}

/// `inspect --class <name> --format json` for `--release n`.
fn inspect(release: &str, class: &str) -> Value {
    let (out, err, code) =
        run(&["inspect", TARGET, "--jdk", HOME, "--release", release, "--class", class, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

fn member_names(class: &Value) -> Vec<&str> {
    class["members"].as_array().unwrap().iter().map(|m| m["name"].as_str().unwrap()).collect()
}

#[test]
fn inspect_shows_the_release_s_jdk_class() {
    // java.lang.Deprecated gained since() and forRemoval() in 9.
    let r8 = inspect("8", "java.lang.Deprecated");
    let r11 = inspect("11", "java.lang.Deprecated");
    assert_eq!(member_names(&r8), Vec::<&str>::new());
    assert_eq!(member_names(&r11), ["java.lang.Deprecated.since()", "java.lang.Deprecated.forRemoval()"]);
    assert_eq!(r8["origin"], format!("{HOME}/lib/ct.sym!/8/java.base/java/lang/Deprecated.sig"));
    assert_eq!(r11["origin"], format!("{HOME}/lib/ct.sym!/BCDEF/java.base/java/lang/Deprecated.sig"));
    // Thread comes from the section of its release, under its own name.
    for (release, section) in [("11", "BCD"), ("17", "H")] {
        let thread = inspect(release, "java.lang.Thread");
        assert_eq!(thread["name"], "java.lang.Thread");
        assert_eq!(thread["origin"], format!("{HOME}/lib/ct.sym!/{section}/java.base/java/lang/Thread.sig"));
        assert!(member_names(&thread).contains(&"java.lang.Thread.suspend()"));
    }
}

#[test]
fn a_release_older_than_ct_sym_leaves_jdk_stubs() {
    let report = check(Some("7"));
    let warnings = warnings(&report);
    let expected = format!(
        "JDK not loaded, JDK classes are unresolved stubs: {HOME}/lib/ct.sym: ct.sym has no release 7; it has releases 8 to 25"
    );
    assert!(warnings.contains(&expected), "{warnings:?}");
    assert_eq!(flagged(&report, "deprecated"), set(&[]), "no JDK facts at all");
    let (_, err, code) =
        run(&["inspect", TARGET, "--jdk", HOME, "--release", "7", "--class", "java.lang.Thread", "--format", "json"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("class `java.lang.Thread` is not among the classes read"), "{err}");
}

#[test]
fn the_jdk_s_own_or_a_newer_release_reads_the_jdk_as_it_is() {
    // The fake home has no jmods/ and no lib/modules: reading it as it is fails, so ct.sym was not used.
    let no_image = format!(
        "JDK not loaded, JDK classes are unresolved stubs: {HOME}: JDK home has neither jmods/*.jmod nor lib/modules"
    );
    for release in [None, Some("25")] {
        let warnings = warnings(&check(release));
        assert!(warnings.contains(&no_image), "{release:?}: {warnings:?}");
        assert!(!warnings.iter().any(|w| w.contains("newer")), "{release:?}: {warnings:?}");
    }
    let warnings = warnings(&check(Some("26")));
    let newer = format!("{HOME}: release 26 is newer than this JDK (Java 25); its own classes are read");
    assert!(warnings.contains(&newer), "{warnings:?}");
    assert!(warnings.contains(&no_image), "{warnings:?}");
}
