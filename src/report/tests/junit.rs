use super::fixture::{findings, opts, render};
use crate::report::{Format, RenderOptions, Threshold};

#[test]
fn junit_snapshot() {
    insta::assert_snapshot!(render(Format::Junit, &findings(), &opts()));
}

#[test]
fn junit_failures_agree_with_the_threshold() {
    let high = render(Format::Junit, &findings(), &opts());
    assert!(
        high.contains(r#"<testsuites name="archrules" tests="6" failures="2" errors="0" skipped="1" time="0.420">"#)
    );
    let low = render(Format::Junit, &findings(), &RenderOptions { fail_on: Threshold::Low, ..opts() });
    assert!(low.contains(r#"tests="6" failures="4" errors="0" skipped="1""#), "{low}");
    let never = render(Format::Junit, &findings(), &RenderOptions { fail_on: Threshold::Never, ..opts() });
    assert!(!never.contains("<failure"), "{never}");
    assert!(never.contains("[below --fail-on never] Method &lt;com.acme.shop.service.OrderService.place"));
}

#[test]
fn junit_is_well_formed_enough() {
    let out = render(Format::Junit, &findings(), &opts());
    // Every opened element is closed, and no raw `<` from ArchUnit's messages leaks into the XML.
    for tag in ["testsuites", "testsuite", "testcase", "failure", "system-out"] {
        let opened = out.matches(&format!("<{tag} ")).count() + out.matches(&format!("<{tag}>")).count();
        assert_eq!(opened, out.matches(&format!("</{tag}>")).count(), "<{tag}> balance");
    }
    assert!(!out.contains("<com."), "messages are escaped");
    assert!(out.contains(r#"<skipped message="no classes matched the required condition"/>"#));
}
