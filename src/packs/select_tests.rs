use super::*;
use crate::packs::config::parse;
use crate::rules::ir::{ClassPred, CondExpr, Condition, Pack, Rule, Subject};
use std::collections::BTreeMap;
use std::path::Path;

pub(crate) fn rule(pack: &str, name: &str, priority: Priority) -> Rule {
    Rule {
        pack: pack.to_owned(),
        name: name.to_owned(),
        priority,
        subject: Subject::Classes,
        negated: true,
        that: None,
        conditions: CondExpr::Cond(Condition::DependOnClassesThat(ClassPred::Deprecated)),
        because: None,
        description_override: None,
        allow_empty_should: true,
        source: None,
        fixes: Vec::new(),
        messages: Vec::new(),
    }
}

pub(crate) fn loaded(id: &str, origin: PackOrigin, rules: &[(&str, Priority)], params: &[(&str, &str)]) -> LoadedPack {
    LoadedPack {
        pack: Pack {
            id: id.to_owned(),
            description: None,
            origin: origin.to_string(),
            params: params.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<BTreeMap<_, _>>(),
            fixes: Vec::new(),
            rules: rules.iter().map(|(n, p)| rule(id, n, *p)).collect(),
        },
        origin,
        source: None,
    }
}

fn bundled(id: &'static str, rules: &[(&str, Priority)], params: &[(&str, &str)]) -> LoadedPack {
    let file = Bundled::by_id(id).map_or("x.arch", |b| b.file);
    loaded(id, PackOrigin::Bundled { file }, rules, params)
}

fn cfg(text: &str) -> Config {
    parse(Path::new("archrules.toml"), text.to_owned()).unwrap()
}

fn packs() -> Vec<LoadedPack> {
    vec![
        bundled(
            "archrules.guava",
            &[("guava optional", Priority::Medium), ("guava collections", Priority::Medium)],
            &[],
        ),
        bundled("archrules.guava.jdk9", &[("guava ImmutableList.of", Priority::Low)], &[("minRelease", "9")]),
        bundled("archrules.spring", &[("no field injection", Priority::Medium)], &[]),
        loaded("com.acme", PackOrigin::File("acme.arch".into()), &[("acme rule", Priority::Low)], &[]),
    ]
}

fn statuses(selected: &[SelectedPack]) -> Vec<(String, String)> {
    selected.iter().map(|s| (s.loaded.pack.id.clone(), s.status.to_string())).collect()
}

#[test]
fn defaults_opt_in_and_release_gates() {
    let ctx = Context { release: Some(8), ..Context::default() };
    let selected = select(packs(), &[&Config::default()], &ctx).unwrap();
    insta::assert_debug_snapshot!(statuses(&selected), @r#"
    [
        (
            "archrules.guava",
            "runs",
        ),
        (
            "archrules.guava.jdk9",
            "needs release 9+, checking 8",
        ),
        (
            "archrules.spring",
            "opt-in, not enabled",
        ),
        (
            "com.acme",
            "runs",
        ),
    ]
    "#);
}

#[test]
fn enabling_a_pack_id_covers_its_sub_packs_and_the_longest_listed_id_wins() {
    let config = cfg("[packs]\nenable = [\"archrules.spring\"]\ndisable = [\"archrules.guava\"]\n");
    let command_line = cfg("[packs]\nenable = [\"archrules.guava.jdk9\"]\n");
    let ctx = Context { release: Some(17), ..Context::default() };
    let selected = select(packs(), &[&config, &command_line], &ctx).unwrap();
    let runs: Vec<_> =
        selected.iter().filter(|s| s.status == PackStatus::Runs).map(|s| s.loaded.pack.id.as_str()).collect();
    assert_eq!(runs, vec!["archrules.guava.jdk9", "archrules.spring", "com.acme"]);
}

#[test]
fn rule_name_beats_pack_and_the_longest_pack_prefix_wins() {
    let config =
        cfg("[priority]\n\"archrules\" = \"HIGH\"\n\"archrules.guava\" = \"LOW\"\n\"guava optional\" = \"MEDIUM\"\n");
    let selected = select(packs(), &[&config], &Context { release: Some(17), ..Context::default() }).unwrap();
    let prios: Vec<_> =
        selected.iter().flat_map(|s| s.loaded.pack.rules.iter().map(|r| (r.name.clone(), r.priority))).collect();
    assert_eq!(
        prios,
        vec![
            ("guava optional".to_owned(), Priority::Medium),
            ("guava collections".to_owned(), Priority::Low),
            ("guava ImmutableList.of".to_owned(), Priority::Low),
            ("no field injection".to_owned(), Priority::High),
            ("acme rule".to_owned(), Priority::Low),
        ]
    );
}

#[test]
fn skipped_rules_are_removed_and_recorded() {
    let config = cfg("skip = [\"guava collections\"]\n");
    let selected = select(packs(), &[&config], &Context::default()).unwrap();
    assert_eq!(selected[0].skipped, vec!["guava collections"]);
    assert_eq!(selected[0].loaded.pack.rules.len(), 1);
}

#[test]
fn unknown_rule_names_and_pack_ids_point_into_the_config() {
    let config = cfg("skip = [\"guava colections\"]\n");
    let err = select(packs(), &[&config], &Context::default()).unwrap_err();
    assert_eq!(err.help.as_deref(), Some("did you mean 'guava collections'?"));
    insta::assert_snapshot!(crate::packs::config::tests::render(&err));

    let config = cfg("[packs]\nenable = [\"archrules.sprng\"]\n");
    let err = select(packs(), &[&config], &Context::default()).unwrap_err();
    assert_eq!(err.message, "unknown pack id 'archrules.sprng'");
    assert_eq!(err.help.as_deref(), Some("did you mean 'archrules.spring'?"));

    let config = cfg("[priority]\n\"no such rule\" = \"HIGH\"\n");
    let err = select(packs(), &[&config], &Context::default()).unwrap_err();
    assert_eq!(err.message, "unknown rule name or pack id 'no such rule'");
}

#[test]
fn library_packs_run_only_when_their_library_is_used() {
    let lib = |jar: &str| PackOrigin::Library { location: format!("{jar}!/META-INF/archrules/x.arch") };
    let packs = vec![
        loaded("lib.a", lib("a.jar"), &[("a", Priority::High)], &[]),
        loaded("lib.b", lib("b.jar"), &[("b", Priority::High)], &[]),
    ];
    let ctx = Context { library_used: vec![(0, true), (1, false)], ..Context::default() };
    let selected = select(packs, &[&Config::default()], &ctx).unwrap();
    assert_eq!(selected[0].status, PackStatus::Runs);
    assert_eq!(selected[1].status, PackStatus::LibraryUnused);
}

#[test]
fn release_of_major_version() {
    assert_eq!(release_of_major(52), Some(8));
    assert_eq!(release_of_major(69), Some(25));
    assert_eq!(release_of_major(3), None);
}

#[test]
fn the_command_line_layer_wins_ties_and_its_mistakes_name_it() {
    let file = cfg("[priority]\n\"guava optional\" = \"LOW\"\n[packs]\ndisable = [\"archrules.spring\"]\n");
    let command_line = parse(
        Path::new("command line"),
        "[priority]\n\"guava optional\" = \"HIGH\"\n[packs]\nenable = [\"archrules.spring\"]\n".to_owned(),
    )
    .unwrap();
    let selected = select(packs(), &[&file, &command_line], &Context::default()).unwrap();
    assert_eq!(selected[0].loaded.pack.rules[0].priority, Priority::High);
    assert_eq!(selected[2].status, PackStatus::Runs);

    let bad = parse(Path::new("command line"), "skip = [\"nope\"]\n".to_owned()).unwrap();
    let err = select(packs(), &[&file, &bad], &Context::default()).unwrap_err();
    assert_eq!(format!("{:?}", err.src.name()), "\"command line\"");
}
