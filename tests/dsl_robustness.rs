//! Bad input never panics: arbitrary text, and valid packs with random cuts and splices, always give
//! `Ok` or diagnostics whose spans lie inside the source (the DSL parser's fuzz target, as a proptest).

use archrules::dsl::parse_pack;
use miette::Diagnostic;
use proptest::prelude::*;
use std::collections::HashMap;

const CORPUS: &[&str] = &[
    include_str!("dsl/issue_examples.arch"),
    include_str!("dsl/nebula/gradle.arch"),
    include_str!("dsl/nebula/nullability.arch"),
    include_str!("dsl/nebula/security.arch"),
];

fn check(source: &str) -> Result<(), TestCaseError> {
    if let Err(errors) = parse_pack("fuzz.arch", source, &HashMap::new()) {
        prop_assert!(!errors.errors.is_empty());
        for error in &errors.errors {
            for label in error.labels().into_iter().flatten() {
                prop_assert!(label.offset() + label.len() <= source.len(), "{error:?} outside the source");
            }
        }
        // Rendering must not panic either.
        let mut out = String::new();
        let handler = miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor());
        prop_assert!(handler.render_report(&mut out, &errors).is_ok());
    }
    Ok(())
}

/// Cuts `source` at char boundaries near the requested positions.
fn cut(source: &str, at: usize) -> usize {
    let mut at = at % (source.len() + 1);
    while !source.is_char_boundary(at) {
        at -= 1;
    }
    at
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_text_never_panics(source in "\\PC{0,200}") {
        check(&source)?;
    }

    #[test]
    fn tokens_in_any_order_never_panic(tokens in proptest::collection::vec(
        prop_oneof![
            Just("rule"), Just("pack"), Just("let"), Just("param"), Just("import"), Just("\"s\""), Just("x"),
            Just("("), Just(")"), Just("{"), Just("}"), Just("."), Just(","), Just(";"), Just("="), Just("+"),
            Just("noClasses()"), Just(".should()"), Just(".that()"), Just("resideInAPackage(\"..a..\")"),
            Just("-"), Just("1"), Just("X.class"), Just("/*"), Just("\""),
        ],
        0..60,
    )) {
        check(&tokens.join(" "))?;
    }

    #[test]
    fn mutated_packs_never_panic(which in 0..CORPUS.len(), a in any::<usize>(), b in any::<usize>(), c in any::<usize>()) {
        let source = CORPUS[which];
        let (start, end) = (cut(source, a), cut(source, b));
        let (start, end) = (start.min(end), start.max(end));
        // Delete a range, then splice the deleted text in elsewhere.
        let removed = &source[start..end];
        let mut mutated = format!("{}{}", &source[..start], &source[end..]);
        let at = cut(&mutated, c);
        mutated.insert_str(at, removed);
        check(&mutated)?;
    }
}
