//! Realistic findings for every report test: four packs, all priorities, PASS/FAIL/NO_MATCH, a suppressed and a
//! baselined violation, a CVE rule, a violation whose source is in the fixture tree and one (from a vendor jar)
//! whose source is nowhere. Results and violations are deliberately out of order: renderers must sort.

use crate::findings::{Findings, Priority, RuleInfo, RuleResult, Status, Violation};
use std::time::Duration;

/// The fixture source tree, relative to the crate root (cargo runs tests there), so paths in output are stable.
pub const JAVA_ROOT: &str = "fixtures/report/src/main/java";
pub const KOTLIN_ROOT: &str = "fixtures/report/src/main/kotlin";

pub fn rule(pack: &str, name: &str, priority: Priority, description: &str) -> RuleInfo {
    RuleInfo {
        pack: pack.to_owned(),
        name: name.to_owned(),
        description: description.to_owned(),
        priority,
        pack_origin: "bundled".to_owned(),
        security_severity: None,
    }
}

/// A call violation worded as ArchUnit words it.
pub fn call(
    origin: &str,
    member: &str,
    verb: &str,
    target: &str,
    target_member: &str,
    file: &str,
    line: u32,
) -> Violation {
    Violation {
        message: format!("Method <{origin}.{member}> {verb} <{target}.{target_member}> in ({file}:{line})"),
        origin_class: origin.into(),
        origin_member: Some(member.into()),
        target_class: Some(target.into()),
        target_member: Some(target_member.into()),
        source_file: Some(file.into()),
        line,
        location: Some("build/classes/java/main".into()),
        suppressed: false,
        baselined: false,
        hint: None,
    }
}

pub fn findings() -> Findings {
    let joda = rule(
        "archrules.joda",
        "no joda time",
        Priority::High,
        "no classes should depend on classes that reside in a package 'org.joda.time..', because java.time replaces Joda-Time",
    );
    let mut suppressed = call(
        "com.acme.shop.legacy.LegacyExport",
        "write(java.io.Writer)",
        "calls method",
        "org.joda.time.format.DateTimeFormat",
        "forPattern(java.lang.String)",
        "LegacyExport.java",
        88,
    );
    suppressed.suppressed = true;
    let field = Violation {
        message: "Field <com.acme.shop.model.Order.created> has type <org.joda.time.DateTime> in (Order.java:0)"
            .to_owned(),
        origin_class: "com.acme.shop.model.Order".into(),
        origin_member: Some("created".into()),
        target_class: Some("org.joda.time.DateTime".into()),
        target_member: None,
        source_file: Some("Order.java".into()),
        line: 0,
        location: Some("build/classes/java/main".into()),
        suppressed: false,
        baselined: false,
        hint: None,
    };
    let joda_result = RuleResult {
        rule: joda,
        status: Status::Fail,
        violations: vec![
            call(
                "com.acme.shop.service.OrderService$1",
                "run()",
                "calls method",
                "org.joda.time.LocalDate",
                "now()",
                "OrderService.java",
                57,
            ),
            call(
                "com.acme.shop.service.OrderService",
                "place(com.acme.shop.model.Order)",
                "calls constructor",
                "org.joda.time.DateTime",
                "<init>()",
                "OrderService.java",
                42,
            ),
            suppressed,
            field,
            call(
                "com.acme.shop.api.OrderController",
                "list()",
                "calls method",
                "org.joda.time.DateTime",
                "now()",
                "OrderController.kt",
                19,
            ),
        ],
    };

    let mut baselined = call(
        "com.acme.shop.repo.CustomerRepo",
        "findAll()",
        "calls method",
        "com.google.common.base.Optional",
        "absent()",
        "CustomerRepo.java",
        31,
    );
    baselined.baselined = true;
    let guava_optional = RuleResult {
        rule: rule(
            "archrules.guava",
            "guava optional",
            Priority::Medium,
            "no classes should depend on classes that have fully qualified name 'com.google.common.base.Optional', \
             because java.util.Optional is part of the JDK",
        ),
        status: Status::Fail,
        violations: vec![
            baselined,
            Violation {
                message: "Method <com.acme.shop.repo.CustomerRepo.find(long)> has return type \
                          <com.google.common.base.Optional> in (CustomerRepo.java:0)"
                    .to_owned(),
                origin_class: "com.acme.shop.repo.CustomerRepo".into(),
                origin_member: Some("find(long)".into()),
                target_class: Some("com.google.common.base.Optional".into()),
                target_member: None,
                source_file: Some("CustomerRepo.java".into()),
                line: 0,
                location: Some("build/classes/java/main".into()),
                suppressed: false,
                baselined: false,
                hint: None,
            },
        ],
    };
    let guava_pass = RuleResult {
        rule: rule(
            "archrules.guava",
            "guava preconditions",
            Priority::Low,
            "no classes should call method Preconditions.checkNotNull(java.lang.Object), because Objects.requireNonNull is in the JDK",
        ),
        status: Status::Pass,
        violations: vec![],
    };

    let mut serialization = rule(
        "archrules.security",
        "no java deserialization",
        Priority::High,
        "no classes should call method ObjectInputStream.readObject(), because deserializing untrusted data allows remote code execution (CVE-2015-7501)",
    );
    serialization.security_severity = Some(9.8);
    let mut vendor = call(
        "com.vendor.legacy.Blob",
        "load(java.io.InputStream)",
        "calls method",
        "java.io.ObjectInputStream",
        "readObject()",
        "Blob.java",
        77,
    );
    vendor.source_file = None;
    vendor.location = Some("libs/vendor-legacy-2.1.jar!com/vendor/legacy/Blob.class".into());
    let security = RuleResult { rule: serialization, status: Status::Fail, violations: vec![vendor] };

    let mut layers_rule = rule(
        "shop.layers",
        "services do not use controllers",
        Priority::Low,
        "no classes that reside in a package '..service..' should depend on classes that reside in a package '..api..'",
    );
    layers_rule.pack_origin = "archrules/layers.arch".to_owned();
    let layers = RuleResult {
        rule: layers_rule,
        status: Status::Fail,
        violations: vec![call(
            "com.acme.shop.service.ReportService",
            "render()",
            "calls method",
            "com.acme.shop.api.OrderController",
            "list()",
            "ReportService.java",
            23,
        )],
    };
    let mut dto_rule = rule(
        "shop.layers",
        "dtos are plain",
        Priority::Medium,
        "classes that reside in a package '..model.dto..' should only depend on classes that reside in a package 'java..'",
    );
    dto_rule.pack_origin = "archrules/layers.arch".to_owned();
    let no_match = RuleResult { rule: dto_rule, status: Status::NoMatch, violations: vec![] };

    Findings {
        results: vec![layers, security, guava_pass, joda_result, no_match, guava_optional],
        classes_analysed: 1234,
        elapsed: Duration::from_millis(420),
        warnings: vec!["libs/broken.jar: not a zip archive (skipped)".to_owned()],
        unused_suppressions: vec![("com.acme.shop.util.Dates".to_owned(), "no joda time".to_owned())],
        ..Findings::default()
    }
}

/// Findings with no violation at all: one passing rule.
pub fn clean() -> Findings {
    Findings {
        results: vec![RuleResult {
            rule: rule("archrules.joda", "no joda time", Priority::High, "no classes should depend on Joda-Time"),
            status: Status::Pass,
            violations: vec![],
        }],
        classes_analysed: 10,
        elapsed: Duration::from_millis(5),
        ..Findings::default()
    }
}

pub fn render(format: crate::report::Format, findings: &Findings, opts: &crate::report::RenderOptions) -> String {
    let mut out = Vec::new();
    format.reporter().render(findings, opts, &mut out).expect("rendering to a Vec cannot fail");
    String::from_utf8(out).expect("reports are UTF-8")
}

pub fn opts() -> crate::report::RenderOptions<'static> {
    crate::report::RenderOptions {
        tool_version: "0.1.0-test",
        source_roots: vec![JAVA_ROOT.into(), KOTLIN_ROOT.into()],
        ..Default::default()
    }
}
