//! `prepare` end to end with a stand-in parser (the DSL's own tests cover parsing): which packs are found, with which
//! parameters, origins and scopes.

use super::*;
use crate::graph;
use crate::inputs::{self, OpenOptions, Opened};
use crate::packs::config;
use crate::packs::select::PackStatus;
use crate::rules::ir;
use std::collections::BTreeMap;
use std::path::Path;

/// Reads `pack "id"` and `param name = "value";` lines; configured values replace declared ones.
fn fake_parse(_file: &str, source: &str, params: &HashMap<String, String>) -> Result<ir::Pack, miette::Report> {
    let id = source
        .lines()
        .find_map(|l| l.trim().strip_prefix("pack \"").and_then(|r| r.split('"').next()))
        .ok_or_else(|| miette::miette!("no pack header"))?;
    let mut declared: BTreeMap<String, String> = source
        .lines()
        .filter_map(|l| l.trim().strip_prefix("param "))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().trim_end_matches(';').trim_matches('"').to_owned()))
        .collect();
    for (k, v) in params {
        if !declared.contains_key(k) {
            return Err(miette::miette!("unknown parameter {k}"));
        }
        declared.insert(k.clone(), v.clone());
    }
    Ok(ir::Pack { id: id.to_owned(), description: None, origin: String::new(), params: declared, rules: Vec::new() })
}

fn options() -> LoadOptions {
    LoadOptions {
        parse: fake_parse,
        rules: Vec::new(),
        plugins: Vec::new(),
        no_bundled: false,
        release: None,
        strict_packs: false,
    }
}

fn fixture(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(path)
}

#[test]
fn bundled_packs_get_own_classes_and_the_release_from_the_graph() {
    let mut opened = Opened::default();
    opened.add(&[fixture("rules-app/classes")], inputs::Role::Target, &OpenOptions::default());
    opened.add(&[fixture("lib/rules-lib.jar")], inputs::Role::Classpath, &OpenOptions::default());
    let g = graph::build(opened, &graph::BuildOptions::default());
    let config = config::parse(
        Path::new("archrules.toml"),
        "[params.\"archrules.lifecycle\"]\npublicApiPackages = \"org.x..\"\n".into(),
    )
    .unwrap();
    let packs = prepare(Some(&g), &[&config], &options()).unwrap();

    let lifecycle = packs.iter().find(|p| p.selected.loaded.pack.id == "archrules.lifecycle").unwrap();
    let params = &lifecycle.selected.loaded.pack.params;
    assert_eq!(params["ownClasses"], "com[.]example[.]app[.].*");
    assert_eq!(params["publicApiPackages"], "org.x..");
    // The fixtures are compiled for Java 17: every guava gate is open.
    let jdk9 = packs.iter().find(|p| p.selected.loaded.pack.id == "archrules.guava.jdk9").unwrap();
    assert_eq!(jdk9.selected.status, PackStatus::Runs);

    let library = packs.last().unwrap();
    assert_eq!(library.selected.loaded.pack.id, "com.example.ruleslib");
    assert_eq!(library.selected.status, PackStatus::Runs);
    assert_eq!(library.scope.as_ref().map(Vec::len), Some(1));
    assert!(library.selected.loaded.pack.origin.ends_with("rules-lib.jar!/META-INF/archrules/example.arch (library)"));
    assert!(packs.iter().all(|p| p.scope.is_none() || p.selected.loaded.pack.id == "com.example.ruleslib"));
    let scopes = engine_scopes(&g, &packs);
    assert_eq!(scopes.len(), 1);
    let mut scoped: Vec<&str> = scopes["com.example.ruleslib"].iter().map(|&c| g.str(g.class(c).name)).collect();
    scoped.sort_unstable();
    assert_eq!(scoped, vec!["com.example.app.UsesInternal", "com.example.app.UsesPublicApi"]);
}

#[test]
fn without_a_graph_release_gated_packs_wait_for_a_release() {
    let packs = prepare(None, &[&Config::default()], &options()).unwrap();
    assert_eq!(packs.len(), bundled::BUNDLED.len());
    let jdk9 = packs.iter().find(|p| p.selected.loaded.pack.id == "archrules.guava.jdk9").unwrap();
    assert_eq!(jdk9.selected.status, PackStatus::BelowRelease { min: 9, release: None });
    let with_release = prepare(None, &[&Config::default()], &LoadOptions { release: Some(11), ..options() }).unwrap();
    let jdk9 = with_release.iter().find(|p| p.selected.loaded.pack.id == "archrules.guava.jdk9").unwrap();
    assert_eq!(jdk9.selected.status, PackStatus::Runs);
}

#[test]
fn standalone_packs_load_and_duplicate_ids_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.arch"), "pack \"com.acme\" {\n}\n").unwrap();
    let opts = LoadOptions { rules: vec![dir.path().join("a.arch")], no_bundled: true, ..options() };
    let packs = prepare(None, &[&Config::default()], &opts).unwrap();
    assert_eq!(packs.len(), 1);
    assert_eq!(packs[0].selected.loaded.pack.origin, dir.path().join("a.arch").display().to_string());

    std::fs::write(dir.path().join("b.arch"), "pack \"archrules.guava\" {\n}\n").unwrap();
    let opts = LoadOptions { rules: vec![dir.path().join("b.arch")], ..options() };
    let err = prepare(None, &[&Config::default()], &opts).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("two packs have the id 'archrules.guava': bundled and {}", dir.path().join("b.arch").display())
    );
}

#[test]
fn parameters_for_a_pack_that_does_not_declare_them_name_the_setting() {
    let config =
        config::parse(Path::new("archrules.toml"), "[params.\"archrules.guava\"]\nnope = \"1\"\n".into()).unwrap();
    let err = prepare(None, &[&config], &options()).unwrap_err();
    assert!(matches!(&err, PackError::UnknownParam { pack, .. } if pack == "archrules.guava"), "{err}");
    assert_eq!(
        err.to_string(),
        "unknown parameter 'nope' of pack archrules.guava, set in [params.\"archrules.guava\"] of archrules.toml"
    );
    let flags =
        config::parse(Path::new(config::COMMAND_LINE), "[params.\"archrules.guava\"]\nnope = \"1\"\n".into()).unwrap();
    let err = prepare(None, &[&config, &flags], &options()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid value 'archrules.guava:nope=1' for '--param': unknown parameter 'nope' of pack archrules.guava"
    );
}

#[test]
fn the_same_library_twice_on_the_classpath_contributes_its_pack_once() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("rules-lib-copy.jar");
    std::fs::copy(fixture("lib/rules-lib.jar"), &copy).unwrap();
    let mut opened = Opened::default();
    opened.add(&[fixture("rules-app/classes")], inputs::Role::Target, &OpenOptions::default());
    opened.add(&[fixture("lib/rules-lib.jar"), copy], inputs::Role::Classpath, &OpenOptions::default());
    let g = graph::build(opened, &graph::BuildOptions::default());
    let packs = prepare(Some(&g), &[&Config::default()], &LoadOptions { no_bundled: true, ..options() }).unwrap();
    assert_eq!(packs.len(), 1);
    assert_eq!(packs[0].selected.status, PackStatus::Runs);
}

#[test]
fn a_header_names_its_pack_without_parsing_the_rest() {
    use crate::packs::library::header_id;
    assert_eq!(
        header_id("// a comment\n\npack \"com.acme.lib\" { description \"x\"; }\nrule ((("),
        Some("com.acme.lib")
    );
    assert_eq!(header_id("  pack  \"a.b\"{"), Some("a.b"));
    assert_eq!(header_id("rule \"r\" = x;\npack \"late\""), None, "the header comes first");
    assert_eq!(header_id("pack \"\" {"), None);
    assert_eq!(header_id("pack \"unterminated"), None);
}
