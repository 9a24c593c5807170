//! The real JDKs on this machine: JDK 17's `jmods/` and Temurin 25's `lib/modules` (jimage). Each test prints a note
//! and returns when its JDK is absent, so the suite stays green elsewhere.

use std::path::Path;

use archrules::inputs::{find_jdk, InputKind, JdkImage, Limits, OpenOptions, Opened, Role};

const JDK17: &str = "/usr/lib/jvm/java-17-openjdk-amd64";
const JDK25: &str = "/usr/lib/jvm/temurin-25-jdk-amd64";

fn present(home: &str, what: &str) -> bool {
    let ok = Path::new(home).join(what).exists();
    if !ok {
        eprintln!("note: {home}/{what} is absent; skipping");
    }
    ok
}

fn major(bytes: &[u8]) -> u16 {
    u16::from_be_bytes([bytes[6], bytes[7]])
}

fn object(opened: &Opened) -> Vec<u8> {
    let entry = opened.entries.iter().find(|e| e.name_hint() == "java/lang/Object").expect("java/lang/Object");
    entry.read().expect("read java/lang/Object").into_owned()
}

#[test]
fn jdk17_jmods() {
    if !present(JDK17, "jmods/java.base.jmod") {
        return;
    }
    let mut opened = Opened::default();
    opened.add_jdk(Path::new(JDK17), &OpenOptions::default()).unwrap();
    assert!(opened.warnings.is_empty(), "{:?}", &opened.warnings[..opened.warnings.len().min(5)]);
    assert!(opened.inputs.len() > 50, "one input per jmod");
    assert!(opened.inputs.iter().all(|i| i.kind == InputKind::Jmod && i.role == Role::Jdk));
    assert!(opened.entries.len() > 20_000, "{} classes", opened.entries.len());
    let bytes = object(&opened);
    assert_eq!(&bytes[..4], &[0xCA, 0xFE, 0xBA, 0xBE]);
    assert_eq!(major(&bytes), 61);
    let entry = opened.entries.iter().find(|e| e.name_hint() == "java/lang/Object").unwrap();
    assert!(entry.origin.display(&opened.inputs).ends_with("java.base.jmod!/classes/java/lang/Object.class"));
}

#[test]
fn temurin25_jimage() {
    if !present(JDK25, "lib/modules") {
        return;
    }
    assert!(!Path::new(JDK25).join("jmods").exists(), "this JDK ships no jmods: lib/modules is used");
    let mut opened = Opened::default();
    opened.add_jdk(Path::new(JDK25), &OpenOptions::default()).unwrap();
    assert!(opened.warnings.is_empty(), "{:?}", &opened.warnings[..opened.warnings.len().min(5)]);
    assert_eq!(opened.inputs.len(), 1);
    assert_eq!(opened.inputs[0].kind, InputKind::JImage);
    assert!(opened.entries.len() > 20_000, "{} classes", opened.entries.len());
    let bytes = object(&opened);
    assert_eq!(major(&bytes), 69, "Java 25 class files");
    let entry = opened.entries.iter().find(|e| e.name_hint() == "java/lang/Object").unwrap();
    assert_eq!(entry.origin.display(&opened.inputs), format!("{JDK25}/lib/modules!/java.base/java/lang/Object.class"));
    // Every class of java.base reads and starts with the class-file magic.
    for entry in
        opened.entries.iter().filter(|e| e.origin.entry.as_deref().is_some_and(|n| n.starts_with("java.base/")))
    {
        assert_eq!(&entry.read().unwrap()[..4], &[0xCA, 0xFE, 0xBA, 0xBE], "{}", entry.name_hint());
    }

    // Lookup by name through the perfect hash finds the same bytes.
    let image = JdkImage::open(&Path::new(JDK25).join("lib/modules"), Limits::default()).unwrap();
    assert_eq!(image.find("/java.base/java/lang/Object.class").unwrap().as_deref(), Some(&bytes[..]));
    let list = image.find("/java.base/java/util/List.class").unwrap().expect("java/util/List");
    assert_eq!(&list[..4], &[0xCA, 0xFE, 0xBA, 0xBE]);
    assert!(image.find("/java.base/java/lang/NoSuchClass.class").unwrap().is_none());
    assert!(image.find("/no.such.module/java/lang/Object.class").unwrap().is_none());
    // Every listed class is found through the hash (both redirect branches: direct and re-seeded).
    for entry in &opened.entries {
        let name = format!("/{}", entry.origin.entry.as_deref().unwrap());
        assert!(image.find(&name).unwrap().is_some(), "{name} not found by lookup");
    }
}

#[test]
fn jdk_home_without_an_image_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let error = Opened::default().add_jdk(tmp.path(), &OpenOptions::default()).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!("{}: JDK home has neither jmods/*.jmod nor lib/modules", tmp.path().display())
    );
}

#[test]
fn explicit_jdk_wins() {
    assert_eq!(find_jdk(Some(Path::new("/opt/my-jdk"))).as_deref(), Some(Path::new("/opt/my-jdk")));
}
