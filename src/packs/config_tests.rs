use super::*;

/// Renders a diagnostic the way users see it, without colours, for snapshots.
pub(crate) fn render(diagnostic: &dyn miette::Diagnostic) -> String {
    let mut out = String::new();
    miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
        .with_width(100)
        .render_report(&mut out, diagnostic)
        .unwrap();
    out
}

fn parse_str(text: &str) -> Result<Config, ConfigError> {
    parse(Path::new("/project/archrules.toml"), text.to_owned())
}

#[test]
fn a_full_configuration_resolves_paths_against_its_directory() {
    let config = parse_str(
        r#"
targets = ["build/classes/java/main"]
classpath = ["libs/a.jar"]
rules = ["extra"]
plugins = ["libp.so"]
baseline = "baseline.json"
exclude = ["com.acme.generated.."]
release = 17
failure-threshold = "medium"
details-threshold = "LOW"
skip = ["guava collections"]

[[target]]
path = "build/classes/java/test"
failure-threshold = "HIGH"

[packs]
enable = ["archrules.spring"]
disable = ["archrules.joda"]

[params."archrules.lifecycle"]
publicApiPackages = "org.acme.."

[priority]
"archrules.guava" = "LOW"
deprecatedForRemoval = "HIGH"
"#,
    )
    .unwrap();
    assert_eq!(config.targets.len(), 2);
    assert_eq!(config.targets[0].path, Path::new("/project/build/classes/java/main"));
    assert_eq!(config.classpath, vec![PathBuf::from("/project/libs/a.jar")]);
    assert_eq!(config.rules, vec![PathBuf::from("/project/extra")]);
    assert_eq!(config.baseline, Some(PathBuf::from("/project/baseline.json")));
    assert_eq!(config.release, Some(17));
    assert_eq!(config.failure_threshold, Some(Priority::Medium));
    assert_eq!(config.params["archrules.lifecycle"]["publicApiPackages"], "org.acme..");
    let prios: Vec<_> = config.priorities.iter().map(|(k, p)| (k.get_ref().as_str(), *p)).collect();
    assert_eq!(prios, vec![("archrules.guava", Priority::Low), ("deprecatedForRemoval", Priority::High)]);
    assert_eq!(config.enable[0].get_ref(), "archrules.spring");
    assert_eq!(config.skip[0].get_ref(), "guava collections");
    // Tests may allow what main code may not; the rest inherit the global thresholds.
    assert_eq!(
        config.thresholds_for(Path::new("/project/build/classes/java/test")),
        (Some(Priority::High), Some(Priority::Low))
    );
    assert_eq!(
        config.thresholds_for(Path::new("/project/build/classes/java/main")),
        (Some(Priority::Medium), Some(Priority::Low))
    );
}

#[test]
fn unknown_key_names_file_line_and_suggests() {
    let err = parse_str("targets = []\nfailure-treshold = \"HIGH\"\n").unwrap_err();
    assert_eq!(err.help.as_deref(), Some("did you mean `failure-threshold`?"));
    insta::assert_snapshot!(render(&err));
}

#[test]
fn unknown_key_in_a_nested_table_is_an_error() {
    let err = parse_str("[packs]\nenabled = [\"x\"]\n").unwrap_err();
    assert_eq!(err.help.as_deref(), Some("did you mean `enable`?"));
}

#[test]
fn bad_priority_points_at_the_value() {
    let err = parse_str("[priority]\n\"guava optional\" = \"MEDUIM\"\n").unwrap_err();
    assert_eq!(err.help.as_deref(), Some("did you mean \"MEDIUM\"?"));
    insta::assert_snapshot!(render(&err));
}

#[test]
fn bad_toml_is_an_error_with_a_span() {
    let err = parse_str("targets = [\n").unwrap_err();
    assert!(err.span.is_some());
    assert!(err.message.starts_with("invalid /project/archrules.toml"), "{}", err.message);
}

#[test]
fn config_is_found_in_the_nearest_parent() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("a/b");
    std::fs::create_dir_all(&nested).unwrap();
    assert_eq!(find(&nested), None);
    std::fs::write(dir.path().join(FILE_NAME), "").unwrap();
    assert_eq!(find(&nested), Some(dir.path().join(FILE_NAME)));
    std::fs::write(nested.join(FILE_NAME), "").unwrap();
    assert_eq!(find(&nested), Some(nested.join(FILE_NAME)));
}

proptest::proptest! {
    /// Whatever the file holds, reading it is a value or an error, never a panic.
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let _ = parse_str(&text);
    }

    /// Near-valid files: real keys with arbitrary values.
    #[test]
    fn real_keys_with_arbitrary_values_never_panic(
        key in proptest::sample::select(vec!["failure-threshold", "skip", "targets", "[priority]\nx", "[packs]\nenable", "release"]),
        value in "\\PC{0,40}",
    ) {
        let _ = parse_str(&format!("{key} = {value}\n"));
    }
}
