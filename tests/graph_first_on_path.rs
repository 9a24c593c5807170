//! Duplicate class names among targets: the first entry of a name on the path wins, as on a JVM classpath, and later
//! entries of that name are not read at all, unless the first could not be read or held another class.

mod inputs_support;

use std::path::PathBuf;

use archrules::graph::{build, BuildOptions, Graph};
use archrules::inputs::Origin;
use archrules::inputs::{OpenOptions, Opened, Role};
use inputs_support::*;

fn graph(jars: Vec<(&str, Vec<u8>)>) -> Graph {
    let mut opened = Opened::default();
    for (name, bytes) in jars {
        opened.add_jar_bytes(PathBuf::from(name), bytes, Role::Target, &OpenOptions::default());
    }
    build(opened, &BuildOptions::default())
}

/// Where the class of that name came from (`jar!/entry`).
fn origin(g: &Graph, name: &str) -> String {
    let id = g.class_by_name(name).unwrap_or_else(|| panic!("no class {name}"));
    let origin: &Origin = g.class(id).origin.as_ref().unwrap();
    origin.display(&g.inputs)
}

#[test]
fn a_later_entry_of_a_name_is_a_duplicate_of_the_first() {
    let g = graph(vec![
        ("one.jar", jar(&[deflated("a/A.class", class_a())])),
        ("two.jar", jar(&[deflated("a/A.class", class_a()), stored("a/b/B.class", class_b())])),
    ]);
    assert_eq!(origin(&g, "a.A"), "one.jar!/a/A.class");
    assert_eq!(origin(&g, "a.b.B"), "two.jar!/a/b/B.class");
    assert_eq!(g.stats.target_classes, 2);
    assert_eq!(g.stats.duplicates, 1);
    assert_eq!(g.stats.warnings, ["two.jar: 1 classes skipped, already defined earlier on the path"]);
}

#[test]
fn a_later_entry_is_read_when_the_first_of_its_name_cannot_be() {
    let truncated = class_a()[..40].to_vec();
    let g = graph(vec![
        ("broken.jar", jar(&[deflated("a/A.class", truncated)])),
        ("good.jar", jar(&[deflated("a/A.class", class_a())])),
    ]);
    assert_eq!(origin(&g, "a.A"), "good.jar!/a/A.class");
    assert_eq!(g.stats.duplicates, 0);
    assert_eq!(g.stats.warnings.len(), 1, "{:?}", g.stats.warnings);
    assert!(g.stats.warnings[0].starts_with("broken.jar!/a/A.class: "), "{:?}", g.stats.warnings);
}

#[test]
fn a_later_entry_is_read_when_the_first_of_its_name_holds_another_class() {
    // The first `a/A.class` holds `a.b.B`: a class loader asking for `a.A` would fail on it, so the later entry,
    // which does hold `a.A`, is read; the misplaced class counts under its own name, like every class.
    let g = graph(vec![
        ("misplaced.jar", jar(&[deflated("a/A.class", class_b())])),
        ("good.jar", jar(&[deflated("a/A.class", class_a())])),
    ]);
    assert_eq!(origin(&g, "a.A"), "good.jar!/a/A.class");
    assert_eq!(origin(&g, "a.b.B"), "misplaced.jar!/a/A.class");
    assert_eq!(g.stats.target_classes, 2);
    assert_eq!(g.stats.duplicates, 0);
}

#[test]
fn a_later_entry_of_a_taken_name_is_not_read() {
    // Read, it would fail (truncated) and warn; a class loader never looks at it, and neither does the build.
    let g = graph(vec![
        ("one.jar", jar(&[deflated("a/A.class", class_a())])),
        ("two.jar", jar(&[deflated("a/A.class", class_a()[..40].to_vec())])),
    ]);
    assert_eq!(origin(&g, "a.A"), "one.jar!/a/A.class");
    assert_eq!(g.stats.duplicates, 1);
    assert_eq!(g.stats.warnings, ["two.jar: 1 classes skipped, already defined earlier on the path"]);
}
