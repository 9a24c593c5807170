//! `--release N` older than the JDK: the JDK's classes come from its `lib/ct.sym` for release N. Uses the committed fake
//! JDK home `fixtures/jdk/ct-home` (JDK 25's `release` file + a trimmed ct.sym, see fixtures/jdk/make-ctsym-home.sh),
//! homes built in temp dirs for broken cases, and, when present, the machine's real JDKs (skipped when absent).

mod inputs_support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use archrules::bytecode::{parse, ConstValue, Depth, ElementValue};
use archrules::inputs::{jdk_release, InputErrorKind, InputKind, OpenOptions, Opened, Role};
use inputs_support::{class_a, deflated, jar, write};

const JDK17: &str = "/usr/lib/jvm/java-17-openjdk-amd64";
const JDK25: &str = "/usr/lib/jvm/temurin-25-jdk-amd64";

fn home() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/jdk/ct-home")
}

fn release(n: u32) -> OpenOptions {
    OpenOptions { release: Some(n), ..OpenOptions::default() }
}

fn open(home: &Path, n: u32) -> Opened {
    let mut opened = Opened::default();
    opened.add_jdk(home, &release(n)).unwrap_or_else(|e| panic!("release {n}: {e}"));
    opened
}

/// Class name → ct.sym entry it was read from.
fn entries(opened: &Opened) -> BTreeMap<String, String> {
    opened
        .entries
        .iter()
        .map(|e| (e.name_hint().to_string(), e.origin.entry.as_deref().unwrap_or_default().to_owned()))
        .collect()
}

/// `forRemoval` of `@Deprecated` on `Thread.<method>()`, as the release's `Thread.sig` says.
fn thread_method_for_removal(opened: &Opened, method: &str) -> Option<bool> {
    let entry = opened.entries.iter().find(|e| e.name_hint() == "java/lang/Thread").expect("Thread");
    let bytes = entry.read().unwrap();
    let class = parse(&bytes, Depth::Full).unwrap();
    let method = class.methods.iter().find(|m| m.name == method && m.descriptor == "()V")?;
    let deprecated = method.annotations.iter().find(|a| a.type_descriptor == "Ljava/lang/Deprecated;")?;
    let for_removal = deprecated.elements.iter().find(|(name, _)| name == "forRemoval");
    Some(matches!(for_removal, Some((_, ElementValue::Const(ConstValue::Boolean(true))))))
}

#[test]
fn the_fixture_home_is_java_25() {
    assert_eq!(jdk_release(&home()), Some(25));
    assert_eq!(jdk_release(Path::new("/no/such/jdk")), None);
}

#[test]
fn an_older_release_reads_ct_sym() {
    let opened = open(&home(), 11);
    assert!(opened.warnings.is_empty(), "{:?}", opened.warnings);
    assert_eq!(opened.inputs.len(), 1);
    let input = &opened.inputs[0];
    assert_eq!((input.kind, input.role), (InputKind::CtSym, Role::Jdk));
    assert_eq!(input.path, home().join("lib/ct.sym"));
    // Record (release 14 on) is not part of release 11; the `.sig` extension and the module are gone from the names.
    let expected = [
        ("java/lang/Deprecated", "BCDEF/java.base/java/lang/Deprecated.sig"),
        ("java/lang/Integer", "9AB/java.base/java/lang/Integer.sig"),
        ("java/lang/Object", "BCDEF/java.base/java/lang/Object.sig"),
        ("java/lang/Thread", "BCD/java.base/java/lang/Thread.sig"),
    ];
    let expected: BTreeMap<String, String> = expected.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(entries(&opened), expected);
    let thread = opened.entries.iter().find(|e| e.name_hint() == "java/lang/Thread").unwrap();
    assert_eq!(
        thread.origin.display(&opened.inputs),
        format!("{}/lib/ct.sym!/BCD/java.base/java/lang/Thread.sig", home().display())
    );
    // Each `.sig` is a class file whose own name is the name we give it.
    for entry in &opened.entries {
        let bytes = entry.read().unwrap();
        assert_eq!(parse(&bytes, Depth::Full).unwrap().name, entry.name_hint());
    }
}

#[test]
fn each_release_reads_its_own_sections() {
    // (release, section of Thread.sig, is Record there)
    let cases = [
        (8, "8", false),
        (9, "9A", false),
        (10, "9A", false),
        (11, "BCD", false),
        (13, "BCD", false),
        (14, "EF", true), // Record as a preview API
        (16, "G", true),
        (17, "H", true),
        (24, "OP", true),
    ];
    for (n, section, record) in cases {
        let opened = open(&home(), n);
        let entries = entries(&opened);
        assert_eq!(entries["java/lang/Thread"], format!("{section}/java.base/java/lang/Thread.sig"), "release {n}");
        assert_eq!(entries.contains_key("java/lang/Record"), record, "release {n}");
        assert_eq!(entries.len(), if record { 5 } else { 4 }, "release {n}: {entries:?}");
    }
}

#[test]
fn deprecation_for_removal_is_the_release_s() {
    // Thread.suspend(): @Deprecated(since="1.2") up to 13, forRemoval=true from 14 on.
    assert_eq!(thread_method_for_removal(&open(&home(), 11), "suspend"), Some(false));
    assert_eq!(thread_method_for_removal(&open(&home(), 17), "suspend"), Some(true));
    // Thread.stop(): forRemoval only from 18 on.
    assert_eq!(thread_method_for_removal(&open(&home(), 17), "stop"), Some(false));
    assert_eq!(thread_method_for_removal(&open(&home(), 24), "stop"), Some(true));
}

#[test]
fn a_release_older_than_ct_sym_is_an_error_naming_the_range() {
    let mut opened = Opened::default();
    let error = opened.add_jdk(&home(), &release(7)).unwrap_err();
    assert_eq!(error.kind, InputErrorKind::ReleaseNotInCtSym { release: 7, oldest: 8, newest: 25 });
    assert_eq!(
        error.to_string(),
        format!("{}: ct.sym has no release 7; it has releases 8 to 25", error.path.display())
    );
    assert_eq!(error.path, home().join("lib/ct.sym"));
    assert!(opened.inputs.is_empty() && opened.entries.is_empty(), "nothing added");
}

#[test]
fn the_jdk_s_own_release_or_none_reads_the_image() {
    // The fixture home has no image: reading it as it is fails, which shows ct.sym was not used.
    for opts in [OpenOptions::default(), release(25)] {
        let mut opened = Opened::default();
        let error = opened.add_jdk(&home(), &opts).unwrap_err();
        assert_eq!(error.kind, InputErrorKind::NoJdkImage, "{opts:?}");
        assert!(opened.warnings.is_empty());
    }
}

#[test]
fn a_release_newer_than_the_jdk_warns_and_reads_the_image() {
    let mut opened = Opened::default();
    let error = opened.add_jdk(&home(), &release(26)).unwrap_err();
    assert_eq!(error.kind, InputErrorKind::NoJdkImage);
    assert_eq!(opened.warnings.len(), 1);
    assert_eq!(opened.warnings[0].kind, InputErrorKind::ReleaseNewerThanJdk { release: 26, jdk: 25 });
    assert_eq!(
        opened.warnings[0].to_string(),
        format!("{}: release 26 is newer than this JDK (Java 25); its own classes are read", home().display())
    );
}

/// A JDK home in a temp dir with this `release` file (if any) and ct.sym bytes (if any).
fn temp_home(version: Option<&str>, ct_sym: Option<&[u8]>) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    if let Some(version) = version {
        write(tmp.path(), "release", format!("JAVA_VERSION=\"{version}\"\n").as_bytes());
    }
    if let Some(bytes) = ct_sym {
        write(tmp.path(), "lib/ct.sym", bytes);
    }
    tmp
}

#[test]
fn no_ct_sym_is_an_error() {
    let tmp = temp_home(Some("17.0.15"), None);
    let error = Opened::default().add_jdk(tmp.path(), &release(11)).unwrap_err();
    assert_eq!(error.kind, InputErrorKind::NoCtSym { release: 11 });
    assert_eq!(
        error.to_string(),
        format!(
            "{}: no lib/ct.sym, so the classes of release 11 are unavailable (a full JDK ships it)",
            tmp.path().display()
        )
    );
}

#[test]
fn an_unknown_jdk_version_warns_and_reads_the_image() {
    let tmp = temp_home(None, Some(&jar(&[deflated("B/java.base/a/A.sig", class_a())])));
    let mut opened = Opened::default();
    let error = opened.add_jdk(tmp.path(), &release(11)).unwrap_err();
    assert_eq!(error.kind, InputErrorKind::NoJdkImage);
    assert_eq!(opened.warnings.len(), 1);
    assert_eq!(opened.warnings[0].kind, InputErrorKind::UnknownJdkVersion { release: 11 });
}

#[test]
fn a_corrupt_ct_sym_is_an_error_naming_it() {
    let tmp = temp_home(Some("17"), Some(b"not a zip at all, but long enough to be searched"));
    let error = Opened::default().add_jdk(tmp.path(), &release(11)).unwrap_err();
    assert!(matches!(error.kind, InputErrorKind::BadZip(_)), "{error}");
    assert_eq!(error.path, tmp.path().join("lib/ct.sym"));
}

#[test]
fn odd_entries_are_skipped_or_named() {
    let ct_sym = jar(&[
        deflated("README", b"top-level file".to_vec()),
        deflated("META-INF/MANIFEST.MF", b"Manifest-Version: 1.0\r\n\r\n".to_vec()),
        deflated("9-modules/java.base/module-info.sig", class_a()), // `-`: not a release section (javac skips it)
        deflated("9A/system-modules", b"java.base\n".to_vec()),
        deflated("9A/java.base/a/A.sig", class_a()),
        deflated("9A/java.base/a/A.class", class_a()), // not a .sig
        deflated("9A/java.base/a/../../../evil.sig", class_a()),
        deflated("9+A/java.base/a/A.sig", class_a()),
        deflated("9+A/java.base/a/B.sig", class_a()),
        deflated("B/java.base/a/A.sig", class_a()),
    ]);
    let tmp = temp_home(Some("17"), Some(&ct_sym));
    let opened = open(tmp.path(), 10);
    let names: Vec<(&str, &str)> =
        opened.entries.iter().map(|e| (e.name_hint(), e.origin.entry.as_deref().unwrap_or_default())).collect();
    assert_eq!(names, [("a/A", "9A/java.base/a/A.sig")]);
    let warnings: Vec<String> = opened.warnings.iter().map(ToString::to_string).collect();
    let ct_sym = tmp.path().join("lib/ct.sym");
    let ct_sym = ct_sym.display();
    assert_eq!(
        warnings,
        [
            format!("{ct_sym}!/9A/java.base/a/../../../evil.sig: unsafe entry name (absolute or `..`); skipped"),
            format!("{ct_sym}!/9+A/: ct.sym directory `9+A` is not named by release digits; skipped"),
        ]
    );
    // The releases on offer are those of the well-named sections: 9, 10 and 11.
    let error = Opened::default().add_jdk(tmp.path(), &release(8)).unwrap_err();
    assert_eq!(error.kind, InputErrorKind::ReleaseNotInCtSym { release: 8, oldest: 9, newest: 11 });
}

#[test]
fn a_ct_sym_without_release_sections_is_an_error() {
    let tmp = temp_home(Some("17"), Some(&jar(&[deflated("META-INF/sym/rt.jar/a/A.class", class_a())])));
    let error = Opened::default().add_jdk(tmp.path(), &release(8)).unwrap_err();
    assert_eq!(error.kind, InputErrorKind::NoReleasesInCtSym);
}

fn present(path: &str) -> bool {
    let ok = Path::new(path).exists();
    if !ok {
        eprintln!("note: {path} is absent; skipping");
    }
    ok
}

/// Every class of the release reads, parses and is named as its entry says, without a warning.
fn all_parse(home: &str, n: u32) -> Opened {
    let opened = open(Path::new(home), n);
    assert!(opened.warnings.is_empty(), "{home} release {n}: {:?}", &opened.warnings[..opened.warnings.len().min(5)]);
    assert_eq!(opened.inputs.len(), 1);
    assert_eq!(opened.inputs[0].kind, InputKind::CtSym);
    assert!(opened.entries.len() > 4_000, "{home} release {n}: {} classes", opened.entries.len());
    for entry in &opened.entries {
        let bytes = entry.read().unwrap_or_else(|e| panic!("{e}"));
        let class = parse(&bytes, Depth::Full).unwrap_or_else(|e| panic!("{}: {e}", entry.name_hint()));
        assert_eq!(class.name, entry.name_hint(), "{:?}", entry.origin);
    }
    opened
}

#[test]
fn real_temurin25_ct_sym() {
    if !present(&format!("{JDK25}/lib/ct.sym")) {
        return;
    }
    assert_eq!(jdk_release(Path::new(JDK25)), Some(25));
    let r8 = all_parse(JDK25, 8);
    let r11 = all_parse(JDK25, 11);
    let r17 = all_parse(JDK25, 17);
    let has = |opened: &Opened, name: &str| opened.entries.iter().any(|e| e.name_hint() == name);
    assert!(!has(&r8, "java/lang/Module") && has(&r11, "java/lang/Module"), "Module is 9+");
    assert!(!has(&r11, "java/lang/Record") && has(&r17, "java/lang/Record"), "Record is 16+");
    assert_eq!(thread_method_for_removal(&r11, "suspend"), Some(false));
    assert_eq!(thread_method_for_removal(&r17, "suspend"), Some(true));
    let error = Opened::default().add_jdk(Path::new(JDK25), &release(7)).unwrap_err();
    assert_eq!(error.kind, InputErrorKind::ReleaseNotInCtSym { release: 7, oldest: 8, newest: 25 });
}

#[test]
fn real_jdk17_ct_sym_beside_jmods() {
    if !present(&format!("{JDK17}/lib/ct.sym")) {
        return;
    }
    assert_eq!(jdk_release(Path::new(JDK17)), Some(17));
    // JDK 17's ct.sym still has release 7 (and a section named `87`).
    let r7 = all_parse(JDK17, 7);
    assert!(r7.entries.iter().any(|e| e.origin.entry.as_deref() == Some("87/java.base/java/lang/Object.sig")));
    all_parse(JDK17, 11);
}
