//! Every input kind: class directories, class files, jars, fat jars, wars, multi-release jars, nested jars, jmods,
//! directories of jars.

mod inputs_support;

use std::borrow::Cow;
use std::path::PathBuf;

use archrules::inputs::{open, InputErrorKind, InputKind, Limits, OpenOptions, Opened, Role};
use inputs_support::*;

fn hints(opened: &Opened) -> Vec<&str> {
    opened.entries.iter().map(|e| e.name_hint()).collect()
}

fn origins(opened: &Opened) -> Vec<String> {
    opened.entries.iter().map(|e| e.origin.display(&opened.inputs)).collect()
}

fn open_one(path: PathBuf, release: Option<u32>) -> Opened {
    open(&[path], Role::Target, &OpenOptions { release, ..OpenOptions::default() })
}

#[test]
fn class_directory_is_walked_sorted() {
    let dir = data().join("classes");
    let opened = open_one(dir.clone(), None);
    assert!(opened.warnings.is_empty(), "{:?}", opened.warnings);
    assert_eq!(opened.inputs[0].kind, InputKind::Directory);
    assert_eq!(hints(&opened), ["a/A", "a/b/B"]);
    assert_eq!(opened.entries[1].origin.display(&opened.inputs), dir.join("a/b/B.class").display().to_string());
    assert_eq!(&*opened.entries[0].read().unwrap(), &class_a()[..]);
}

#[test]
fn single_class_file() {
    let path = data().join("classes/a/b/B.class");
    let opened = open_one(path.clone(), None);
    assert_eq!(opened.inputs[0].kind, InputKind::ClassFile);
    assert_eq!(hints(&opened), ["B"]);
    assert_eq!(origins(&opened), [path.display().to_string()]);
    assert_eq!(&*opened.entries[0].read().unwrap(), &class_b()[..]);
}

#[test]
fn plain_jar_stored_entries_are_borrowed() {
    let tmp = tempfile::tempdir().unwrap();
    let path =
        write(tmp.path(), "app.jar", &jar(&[deflated("a/A.class", class_a()), stored("a/b/B.class", class_b())]));
    let opened = open_one(path.clone(), None);
    assert!(opened.warnings.is_empty(), "{:?}", opened.warnings);
    assert_eq!(hints(&opened), ["a/A", "a/b/B"]);
    assert_eq!(origins(&opened)[1], format!("{}!/a/b/B.class", path.display()));
    let a = opened.entries[0].read().unwrap();
    assert!(matches!(a, Cow::Owned(_)));
    assert_eq!(&*a, &class_a()[..]);
    let b = opened.entries[1].read().unwrap();
    assert!(matches!(b, Cow::Borrowed(_)));
    assert_eq!(&*b, &class_b()[..]);
}

#[test]
fn fat_jar_strips_prefixes_and_reads_nested_jars() {
    let tmp = tempfile::tempdir().unwrap();
    let dep = jar(&[
        deflated("a/b/B.class", class_b()),
        deflated("META-INF/maven/g/dep/pom.properties", b"groupId=g\nartifactId=dep\nversion=1\n".to_vec()),
    ]);
    let boot = jar(&[
        deflated("META-INF/MANIFEST.MF", manifest(false)),
        deflated("BOOT-INF/classes/a/A.class", class_a()),
        deflated("BOOT-INF/classes/META-INF/archrules/app.arch", b"rule".to_vec()),
        stored("BOOT-INF/lib/dep.jar", dep),
    ]);
    let path = write(tmp.path(), "boot.jar", &boot);
    let opened = open_one(path.clone(), None);
    assert!(opened.warnings.is_empty(), "{:?}", opened.warnings);
    assert_eq!(hints(&opened), ["a/A", "a/b/B"]);
    assert_eq!(origins(&opened)[1], format!("{}!/BOOT-INF/lib/dep.jar!/a/b/B.class", path.display()));
    assert_eq!(&*opened.entries[1].read().unwrap(), &class_b()[..]);
    let nested: Vec<_> = opened.entries.iter().map(|e| e.origin.is_nested()).collect();
    assert_eq!(nested, [false, true]);
    let resources: Vec<_> = opened.resources.iter().map(|r| (r.path.as_str(), r.bytes.len())).collect();
    // The manifest is kept too: artifact attribution reads its Implementation-*/Bundle-* headers.
    assert_eq!(
        resources,
        [("META-INF/MANIFEST.MF", 25), ("META-INF/archrules/app.arch", 4), ("META-INF/maven/g/dep/pom.properties", 35)]
    );
    assert_eq!(
        opened.resources[2].origin.display(&opened.inputs),
        format!("{}!/BOOT-INF/lib/dep.jar!/META-INF/maven/g/dep/pom.properties", path.display())
    );
}

#[test]
fn war_strips_web_inf_classes() {
    let tmp = tempfile::tempdir().unwrap();
    let war = jar(&[
        deflated("WEB-INF/classes/a/A.class", class_a()),
        deflated("WEB-INF/lib/dep.jar", jar(&[deflated("a/b/B.class", class_b())])),
    ]);
    let opened = open_one(write(tmp.path(), "app.war", &war), None);
    assert_eq!(opened.inputs[0].kind, InputKind::Jar);
    assert_eq!(hints(&opened), ["a/A", "a/b/B"]);
}

fn mr_majors(multi_release: bool, release: Option<u32>) -> Vec<(String, u16)> {
    let tmp = tempfile::tempdir().unwrap();
    let opened = open_one(write(tmp.path(), "mr.jar", &mr_jar(multi_release)), release);
    assert!(opened.warnings.is_empty(), "{:?}", opened.warnings);
    opened.entries.iter().map(|e| (e.name_hint().to_string(), major(&e.read().unwrap()))).collect()
}

#[test]
fn multi_release_picks_newest_version_not_above_release() {
    let v = |major| vec![("mr/V".to_owned(), major), ("a/A".to_owned(), 52)];
    assert_eq!(mr_majors(true, Some(8)), v(52));
    assert_eq!(mr_majors(true, Some(11)), v(55));
    assert_eq!(mr_majors(true, Some(16)), v(55));
    assert_eq!(mr_majors(true, Some(17)), v(61));
    assert_eq!(mr_majors(true, Some(25)), v(61));
    assert_eq!(mr_majors(true, None), v(61), "default: newest version in the jar");
}

#[test]
fn versions_are_ignored_without_the_manifest_flag() {
    assert_eq!(mr_majors(false, None), vec![("mr/V".to_owned(), 52), ("a/A".to_owned(), 52)]);
}

/// `level0.jar!/l1.jar!/l2.jar!/l3.jar!/l4.jar`, each level holding one class.
fn nested_chain(levels: usize) -> Vec<u8> {
    let mut inner = jar(&[deflated("a/A.class", class_a())]);
    for level in (0..levels).rev() {
        inner = jar(&[deflated("a/b/B.class", class_b()), deflated(&format!("l{}.jar", level + 1), inner)]);
    }
    inner
}

#[test]
fn nesting_is_capped() {
    let tmp = tempfile::tempdir().unwrap();
    let path = write(tmp.path(), "deep.jar", &nested_chain(4));
    let opened = open_one(path, None);
    // Depths 0..=3 are read; the jar at depth 4 is skipped with a warning.
    assert_eq!(opened.entries.len(), 4);
    assert_eq!(opened.warnings.len(), 1);
    assert_eq!(opened.warnings[0].kind, InputErrorKind::TooDeep(3));
    assert_eq!(opened.warnings[0].entry.as_deref(), Some("l1.jar!/l2.jar!/l3.jar!/l4.jar"));
    let shallow = OpenOptions { limits: Limits { max_nesting: 0, ..Limits::default() }, ..OpenOptions::default() };
    let opened = open(&[tmp.path().join("deep.jar")], Role::Target, &shallow);
    assert_eq!(opened.entries.len(), 1);
}

#[test]
fn jmod_reads_classes_section() {
    let tmp = tempfile::tempdir().unwrap();
    let mut jmod = b"JM\x01\x00".to_vec();
    jmod.extend(jar(&[
        deflated("classes/module-info.class", class_b()),
        deflated("classes/a/A.class", class_a()),
        deflated("lib/libfoo.so", vec![0; 10]),
    ]));
    let opened = open_one(write(tmp.path(), "m.jmod", &jmod), None);
    assert!(opened.warnings.is_empty(), "{:?}", opened.warnings);
    assert_eq!(opened.inputs[0].kind, InputKind::Jmod);
    assert_eq!(hints(&opened), ["module-info", "a/A"]);
    assert_eq!(&*opened.entries[1].read().unwrap(), &class_a()[..]);
}

#[test]
fn directory_of_jars_lists_each_jar_sorted() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "libs/b.jar", &jar(&[deflated("a/b/B.class", class_b())]));
    write(tmp.path(), "libs/a.zip", &jar(&[deflated("a/A.class", class_a())]));
    write(tmp.path(), "libs/notes.txt", b"not a jar");
    let opened = open(&[tmp.path().join("libs")], Role::Classpath, &OpenOptions::default());
    let kinds: Vec<_> = opened.inputs.iter().map(|i| (i.kind, i.role)).collect();
    assert_eq!(
        kinds,
        [
            (InputKind::JarDirectory, Role::Classpath),
            (InputKind::Jar, Role::Classpath),
            (InputKind::Jar, Role::Classpath)
        ]
    );
    assert!(opened.inputs[1].path.ends_with("a.zip"));
    assert_eq!(hints(&opened), ["a/A", "a/b/B"]);
    assert_eq!(opened.entries[1].origin.input.0, 2);
}

#[test]
fn directory_with_classes_and_jars_is_a_class_directory() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "out/x/A.class", &class_a());
    write(tmp.path(), "out/dep.jar", &jar(&[deflated("a/b/B.class", class_b())]));
    let opened = open_one(tmp.path().join("out"), None);
    assert_eq!(opened.inputs.len(), 1);
    assert_eq!(opened.inputs[0].kind, InputKind::Directory);
    assert_eq!(hints(&opened), ["x/A"]);
}

#[test]
fn inputs_keep_path_order_and_roles() {
    let tmp = tempfile::tempdir().unwrap();
    let first = write(tmp.path(), "z.jar", &jar(&[deflated("a/b/B.class", class_b())]));
    let second = write(tmp.path(), "a.jar", &jar(&[deflated("a/A.class", class_a())]));
    let mut opened = open(&[first], Role::Target, &OpenOptions::default());
    opened.add(&[second], Role::Classpath, &OpenOptions::default());
    assert_eq!(hints(&opened), ["a/b/B", "a/A"]);
    assert_eq!(opened.inputs[1].role, Role::Classpath);
    assert_eq!(opened.entries[1].origin.input.0, 1);
}

#[test]
fn jar_already_in_memory() {
    let mut opened = Opened::default();
    let bytes = jar(&[deflated("a/A.class", class_a())]);
    opened.add_jar_bytes(PathBuf::from("mem.jar"), bytes, Role::Classpath, &OpenOptions::default());
    assert_eq!(origins(&opened), ["mem.jar!/a/A.class"]);
    assert_eq!(&*opened.entries[0].read().unwrap(), &class_a()[..]);
}

#[test]
fn resource_only_directory_is_a_directory_input() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "res/META-INF/archrules/team.arch", b"rules");
    write(tmp.path(), "res/META-INF/maven/g/a/pom.properties", b"version=1");
    write(tmp.path(), "res/other.txt", b"ignored");
    let opened = open_one(tmp.path().join("res"), None);
    assert!(opened.warnings.is_empty(), "{:?}", opened.warnings);
    assert_eq!(opened.inputs[0].kind, InputKind::Directory);
    let paths: Vec<_> = opened.resources.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(paths, ["META-INF/archrules/team.arch", "META-INF/maven/g/a/pom.properties"]);
    assert_eq!(opened.resources[0].bytes, b"rules");
}
