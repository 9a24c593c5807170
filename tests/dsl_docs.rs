//! `docs/dsl.md`'s vocabulary section is generated from the vocabulary tables; this test fails when
//! it is stale. Regenerate with `UPDATE_DOCS=1 cargo test --test dsl_docs`.

use archrules::rules::vocab_docs::splice_into;

#[test]
fn docs_are_up_to_date() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/dsl.md");
    let current = std::fs::read_to_string(path).unwrap();
    let expected = splice_into(&current).expect("docs/dsl.md lacks the vocabulary markers");
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(path, &expected).unwrap();
        return;
    }
    assert!(current == expected, "docs/dsl.md is stale: run `UPDATE_DOCS=1 cargo test --test dsl_docs`");
}

/// Every ```java block of the guide that looks like a whole pack parses without errors.
#[test]
fn guide_examples_parse() {
    let doc = include_str!("../docs/dsl.md");
    let mut checked = 0;
    for block in doc.split("```java").skip(1) {
        let code = block.split("```").next().unwrap_or("");
        let source = if code.contains("pack \"") { code.to_owned() } else { format!("pack \"p\" {{ }}\n{code}") };
        if let Err(errors) = archrules::dsl::parse_pack("dsl.md", &source, &Default::default()) {
            panic!("{:?}", miette::Report::new(errors));
        }
        checked += 1;
    }
    assert!(checked >= 2);
}
