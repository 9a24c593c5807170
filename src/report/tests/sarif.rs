use super::fixture::{call, clean, findings, opts, render, rule};
use crate::findings::{Findings, Priority, RuleResult, Status};
use crate::report::{Format, RenderOptions};
use serde_json::Value;

fn sarif(f: &Findings, o: &RenderOptions) -> Value {
    serde_json::from_str(&render(Format::Sarif, f, o)).expect("the SARIF log parses")
}

fn results(log: &Value) -> &Vec<Value> {
    log["runs"][0]["results"].as_array().expect("results is an array")
}

fn result_for<'a>(log: &'a Value, origin: &str) -> &'a Value {
    results(log).iter().find(|r| r["properties"]["originClass"] == origin).expect("a result for the origin class")
}

#[test]
fn sarif_snapshot() {
    insta::assert_snapshot!(render(Format::Sarif, &findings(), &opts()));
}

#[test]
fn sarif_matches_the_oasis_schema() {
    let text = std::fs::read_to_string("fixtures/report/sarif-schema-2.1.0.json").expect("schema fixture");
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("valid schema");
    for f in [findings(), clean(), Findings::default()] {
        let log = sarif(&f, &opts());
        let errors: Vec<String> =
            validator.iter_errors(&log).map(|e| format!("{e} at {}", e.instance_path())).collect();
        assert!(errors.is_empty(), "{}", errors.join("\n"));
    }
    let mut broken = sarif(&findings(), &opts());
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&broken), "the schema check must be able to fail");
}

#[test]
fn one_rule_per_archrules_rule_with_levels_and_security_severity() {
    let log = sarif(&findings(), &opts());
    let rules = log["runs"][0]["tool"]["driver"]["rules"].as_array().expect("rules is an array");
    assert_eq!(rules.len(), 6);
    let by_id = |id: &str| rules.iter().find(|r| r["id"] == id).unwrap_or_else(|| panic!("rule {id}"));
    assert_eq!(by_id("archrules.joda/no-joda-time")["defaultConfiguration"]["level"], "error");
    assert_eq!(by_id("archrules.guava/guava-optional")["defaultConfiguration"]["level"], "warning");
    assert_eq!(by_id("shop.layers/services-do-not-use-controllers")["defaultConfiguration"]["level"], "note");
    let security = by_id("archrules.security/no-java-deserialization");
    assert_eq!(security["properties"]["security-severity"], "9.8");
    assert!(security["properties"]["tags"].as_array().is_some_and(|t| t.contains(&Value::from("security"))));
    assert!(by_id("archrules.joda/no-joda-time")["properties"].get("security-severity").is_none());
    for r in results(&log) {
        let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], r["ruleId"], "ruleIndex points at the result's rule");
    }
}

#[test]
fn results_are_located_in_source_files_or_at_the_class() {
    let log = sarif(&findings(), &opts());
    assert_eq!(results(&log).len(), 9, "every violation of a failing rule, exempt ones included");
    let uri = |r: &Value| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].clone();
    let line = |r: &Value| r["locations"][0]["physicalLocation"]["region"]["startLine"].clone();

    let place = result_for(&log, "com.acme.shop.service.OrderService");
    assert_eq!(uri(place), "fixtures/report/src/main/java/com/acme/shop/service/OrderService.java");
    assert_eq!(line(place), 42);
    assert_eq!(place["properties"]["sourceFound"], true);
    // A nested class is found through its SourceFile, the outer class's file.
    let anonymous = result_for(&log, "com.acme.shop.service.OrderService$1");
    assert_eq!(uri(anonymous), "fixtures/report/src/main/java/com/acme/shop/service/OrderService.java");
    // Kotlin: the package path does not match, the file is found by name.
    let kotlin = result_for(&log, "com.acme.shop.api.OrderController");
    assert_eq!(uri(kotlin), "fixtures/report/src/main/kotlin/api/OrderController.kt");
    assert_eq!(line(kotlin), 19);
    // Declarations (line 0) land on line 1.
    assert_eq!(line(result_for(&log, "com.acme.shop.model.Order")), 1);
    // No source: the class file and a logical location.
    let vendor = result_for(&log, "com.vendor.legacy.Blob");
    assert_eq!(uri(vendor), "com/vendor/legacy/Blob.class");
    assert_eq!(vendor["properties"]["sourceFound"], false);
    assert_eq!(vendor["properties"]["input"], "libs/vendor-legacy-2.1.jar!com/vendor/legacy/Blob.class");
    let logical = &vendor["locations"][0]["logicalLocations"][0];
    assert_eq!(logical["fullyQualifiedName"], "com.vendor.legacy.Blob.load(java.io.InputStream)");
    assert_eq!(logical["kind"], "function");
    assert_eq!(vendor["level"], "error");
}

#[test]
fn exempt_violations_carry_suppressions() {
    let log = sarif(&findings(), &opts());
    assert_eq!(result_for(&log, "com.acme.shop.legacy.LegacyExport")["suppressions"][0]["kind"], "inSource");
    let baselined = results(&log)
        .iter()
        .find(|r| r["message"]["text"].as_str().is_some_and(|m| m.contains("Optional.absent()")))
        .expect("baselined result");
    assert_eq!(baselined["suppressions"][0]["kind"], "external");
    assert!(result_for(&log, "com.acme.shop.service.OrderService").get("suppressions").is_none());
}

#[test]
fn no_match_and_warnings_are_notifications() {
    let log = sarif(&findings(), &opts());
    let notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"].as_array().expect("notifications");
    let texts: Vec<&str> = notes.iter().filter_map(|n| n["message"]["text"].as_str()).collect();
    assert!(texts.contains(&"libs/broken.jar: not a zip archive (skipped)"), "{texts:?}");
    assert!(texts.contains(&"Rule 'dtos are plain' (shop.layers/dtos-are-plain) matched no classes"), "{texts:?}");
}

fn one_rule(violations: Vec<crate::findings::Violation>) -> Findings {
    Findings {
        results: vec![RuleResult {
            rule: rule("archrules.joda", "no joda time", Priority::High, "no Joda-Time"),
            status: Status::Fail,
            violations,
        }],
        ..Findings::default()
    }
}

fn fingerprints(f: &Findings) -> Vec<String> {
    results(&sarif(f, &opts()))
        .iter()
        .map(|r| r["partialFingerprints"]["archrules/v1"].as_str().expect("fingerprint").to_owned())
        .collect()
}

#[test]
fn fingerprints_ignore_lines_and_synthetic_numbering() {
    let before =
        one_rule(vec![call("a.Foo$1", "run()", "calls method", "org.joda.time.DateTime", "now()", "Foo.java", 10)]);
    let moved =
        one_rule(vec![call("a.Foo$2", "run()", "calls method", "org.joda.time.DateTime", "now()", "Foo.java", 99)]);
    let other =
        one_rule(vec![call("a.Foo$1", "run()", "calls method", "org.joda.time.LocalDate", "now()", "Foo.java", 10)]);
    assert_eq!(fingerprints(&before), fingerprints(&moved));
    assert_ne!(fingerprints(&before), fingerprints(&other));
}

#[test]
fn identical_messages_get_distinct_fingerprints() {
    let v = call("a.Foo", "m()", "calls method", "org.joda.time.DateTime", "now()", "Foo.java", 10);
    let mut w = v.clone();
    w.line = 11;
    w.message = w.message.replace(":10)", ":11)");
    let prints = fingerprints(&one_rule(vec![v, w]));
    assert_eq!(prints.len(), 2);
    assert_ne!(prints[0], prints[1]);
    assert!(prints[0].ends_with(":1") && prints[1].ends_with(":2"), "{prints:?}");
}

/// `.ci/validate-sarif.sh` runs this with `ARCHRULES_SARIF_OUT=<file>` and hands the file to Microsoft's SARIF
/// Multitool; without the variable it only checks that the log renders.
#[test]
fn write_sarif_for_validation() {
    let text = render(Format::Sarif, &findings(), &opts());
    if let Some(path) = std::env::var_os("ARCHRULES_SARIF_OUT") {
        std::fs::write(&path, &text).expect("write the SARIF file");
    }
    assert!(text.contains("\"version\": \"2.1.0\""));
}
