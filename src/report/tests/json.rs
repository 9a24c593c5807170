use super::fixture::{clean, findings, opts, render};
use crate::findings::Findings;
use crate::report::{Format, RenderOptions, Threshold};
use serde_json::Value;

fn json(f: &Findings, o: &RenderOptions) -> Value {
    serde_json::from_str(&render(Format::Json, f, o)).expect("the JSON report parses")
}

/// The published schema, read from `docs/` so the tests check the file users get.
fn schema_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string("docs/report.schema.json").expect("docs/report.schema.json exists");
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema")
}

fn assert_valid(report: &Value) {
    let validator = schema_validator();
    let errors: Vec<String> =
        validator.iter_errors(report).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "report does not match docs/report.schema.json:\n{}", errors.join("\n"));
}

#[test]
fn json_report_snapshot() {
    insta::assert_snapshot!(render(Format::Json, &findings(), &opts()));
}

#[test]
fn json_reports_match_the_published_schema() {
    for f in [findings(), clean(), Findings::default()] {
        for fail_on in [Threshold::High, Threshold::Never] {
            assert_valid(&json(&f, &RenderOptions { fail_on, ..opts() }));
        }
    }
}

#[test]
fn schema_rejects_a_report_missing_nebula_fields() {
    let mut report = json(&findings(), &opts());
    if let Some(rule) = report.pointer_mut("/violations/0/rule").and_then(Value::as_object_mut) {
        rule.remove("ruleClass");
    }
    assert!(!schema_validator().is_valid(&report), "a violation without rule.ruleClass must not validate");
}

/// What Nebula's readers rely on: the four rule fields, message and status; PASS once with an empty message,
/// NO_MATCH once with Nebula's message, FAIL once per violation.
#[test]
fn json_is_a_superset_of_nebulas_report() {
    let report = json(&findings(), &opts());
    let violations = report["violations"].as_array().expect("violations is an array");
    for v in violations {
        for key in ["ruleClass", "ruleName", "description", "priority"] {
            assert!(v["rule"][key].is_string(), "rule.{key} missing in {v}");
        }
        assert!(v["message"].is_string() && v["status"].is_string(), "{v}");
    }
    let of_rule = |name: &str| violations.iter().filter(|v| v["rule"]["ruleName"] == name).collect::<Vec<_>>();
    let pass = of_rule("guava preconditions");
    assert_eq!(pass.len(), 1);
    assert_eq!((pass[0]["status"].as_str(), pass[0]["message"].as_str()), (Some("PASS"), Some("")));
    let no_match = of_rule("dtos are plain");
    assert_eq!(no_match.len(), 1);
    assert_eq!(no_match[0]["status"], "NO_MATCH");
    assert_eq!(no_match[0]["message"], "no classes matched the required condition");
    assert_eq!(of_rule("no joda time").len(), 5);
    assert_eq!(report["summary"]["verdict"], "FAIL");
    assert_eq!(report["summary"]["violations"]["HIGH"], 5);
}

#[test]
fn json_carries_structured_fields() {
    let report = json(&findings(), &opts());
    let violations = report["violations"].as_array().expect("violations is an array");
    let vendor = violations
        .iter()
        .find(|v| v["originClass"] == "com.vendor.legacy.Blob")
        .expect("the vendor violation is reported");
    assert_eq!(vendor["originMember"], "load(java.io.InputStream)");
    assert_eq!(vendor["targetClass"], "java.io.ObjectInputStream");
    assert_eq!(vendor["targetMember"], "readObject()");
    assert_eq!(vendor["sourceFile"], Value::Null);
    assert_eq!(vendor["line"], 77);
    assert_eq!(vendor["input"], "libs/vendor-legacy-2.1.jar!com/vendor/legacy/Blob.class");
    let severity = vendor["rule"]["securitySeverity"].as_f64().expect("security severity is a number");
    assert!((severity - 9.8).abs() < 1e-4, "{severity}");
    assert_eq!(violations.iter().filter(|v| v["suppressed"] == true).count(), 1);
    assert_eq!(violations.iter().filter(|v| v["baselined"] == true).count(), 1);
}
