//! Every predicate, in every name form, and every condition parses and lowers to what its
//! vocabulary entry builds; every documented example parses.

use archrules::dsl::parse_pack;
use archrules::rules::combinators::{pred_not, type_named};
use archrules::rules::ir::*;
use archrules::rules::vocab::{self, Arg, ArgKind, Args, Domain, Form, JavaModifier, Target};
use std::collections::HashMap;

/// A sample argument: its DSL text and the value the lowering must produce for it.
fn sample(kind: ArgKind) -> (String, Arg) {
    let s = |t: &str| Arg::Str(t.to_owned());
    match kind {
        ArgKind::Str => ("\"x\"".into(), s("x")),
        ArgKind::Regex => ("\"a.*\"".into(), s("a.*")),
        ArgKind::Package => ("\"..x..\"".into(), s("..x..")),
        ArgKind::Packages => ("\"..a..\", \"b..\"".into(), Arg::Strs(vec!["..a..".into(), "b..".into()])),
        ArgKind::TypeName => ("java.util.Map.Entry.class".into(), s("java.util.Map$Entry")),
        ArgKind::TypeNames => {
            ("\"int\", \"java.lang.String[]\"".into(), Arg::Strs(vec!["int".into(), "[Ljava.lang.String;".into()]))
        }
        ArgKind::Pred(Domain::Class) => ("\"a.B\"".into(), Arg::Pred(Pred::Class(type_named("a.B")))),
        ArgKind::Pred(Domain::Member) => {
            ("arePublic()".into(), Arg::Pred(Pred::Member(MemberPred::Visibility(Visibility::Public))))
        }
        ArgKind::Pred(Domain::Access) => {
            ("inTheSamePackage()".into(), Arg::Pred(Pred::Access(AccessPred::InTheSamePackage)))
        }
        ArgKind::Pred(Domain::Dependency) => {
            ("resideInSamePackage()".into(), Arg::Pred(Pred::Dependency(DependencyPred::ResideInSamePackage)))
        }
        ArgKind::Pred(Domain::Annotation) => {
            ("\"a.Ann\"".into(), Arg::Pred(Pred::Annotation(AnnotationPred::Type(Box::new(type_named("a.Ann"))))))
        }
        ArgKind::Bool => ("true".into(), Arg::Bool(true)),
        ArgKind::Value => ("RetentionPolicy.RUNTIME".into(), Arg::Value(ElementValue::Enum("RUNTIME".into()))),
        ArgKind::Modifier => ("JavaModifier.STATIC".into(), Arg::Modifier(JavaModifier::Other(Modifier::Static))),
        ArgKind::DependencyKinds => (
            "CALLS_METHOD, \"extends\"".into(),
            Arg::DependencyKinds(vec![DependencyKind::CallsMethod, DependencyKind::Extends]),
        ),
        ArgKind::Artifact => ("\"com.google.guava:guava\"".into(), s("com.google.guava:guava")),
        ArgKind::OptVersion => ("\"<24.1.1\"".into(), Arg::Version(Some(VersionReq::parse("<24.1.1").unwrap()))),
    }
}

fn samples(kinds: &[ArgKind]) -> (String, Vec<Arg>) {
    let (texts, args): (Vec<String>, Vec<Arg>) = kinds.iter().map(|k| sample(*k)).unzip();
    (texts.join(", "), args)
}

fn parse_rule(rule: &str) -> Rule {
    let source = format!("pack \"p\" {{ }}\nrule \"r\" = {rule};");
    match parse_pack("vocab.arch", &source, &HashMap::new()) {
        Ok(mut pack) => pack.rules.remove(0),
        Err(errors) => panic!("{rule}\n{:?}", miette::Report::new(errors)),
    }
}

/// Wraps a predicate expression of `domain` into a rule; returns the rule and how to get the predicate back.
fn in_context(domain: Domain, expr: &str) -> (String, fn(&Rule) -> Option<Pred>) {
    fn that(rule: &Rule) -> Option<Pred> {
        rule.that.clone()
    }
    fn access(rule: &Rule) -> Option<Pred> {
        match &rule.conditions {
            CondExpr::Cond(Condition::AccessWhere { pred, .. }) => Some(Pred::Access(pred.clone())),
            _ => None,
        }
    }
    fn dependency(rule: &Rule) -> Option<Pred> {
        match &rule.conditions {
            CondExpr::Cond(Condition::HaveAnyDependenciesThat(p)) => Some(Pred::Dependency(p.clone())),
            _ => None,
        }
    }
    fn annotation(rule: &Rule) -> Option<Pred> {
        match &rule.that {
            Some(Pred::Class(ClassPred::AnnotatedWith(a))) => Some(Pred::Annotation(a.clone())),
            _ => None,
        }
    }
    match domain {
        Domain::Class => (format!("classes().that({expr}).should().bePublic()"), that),
        Domain::Member => (format!("methods().that({expr}).should().beStatic()"), that),
        Domain::Access => (format!("noClasses().should().accessTargetWhere({expr})"), access),
        Domain::Dependency => (format!("noClasses().should().haveAnyDependenciesThat({expr})"), dependency),
        Domain::Annotation => (format!("classes().that(annotatedWith({expr})).should().bePublic()"), annotation),
    }
}

#[test]
fn every_predicate_name_lowers_to_its_entry() {
    let mut checked = 0;
    for def in vocab::predicates() {
        let (args_text, args) = samples(def.args);
        let built = (def.build)(&Args(&args));
        for (name, form, negated) in def.names() {
            let expected = if negated { pred_not(built.clone()) } else { built.clone() };
            let call = format!("{name}({args_text})");
            let (rule, lowered) = match (form, def.domain) {
                (Form::Should, Domain::Class) => (format!("classes().should().{call}"), None),
                (Form::Should, Domain::Member) => (format!("methods().should().{call}"), None),
                (Form::That, Domain::Class) => (format!("classes().that().{call}.should().bePublic()"), None),
                (Form::That, Domain::Member) => (format!("methods().that().{call}.should().bePublic()"), None),
                (_, domain) => {
                    let (rule, extract) = in_context(domain, &call);
                    (rule, Some(extract))
                }
            };
            let parsed = parse_rule(&rule);
            let got = match (lowered, form) {
                (Some(extract), _) => extract(&parsed),
                (None, Form::Should) => match &parsed.conditions {
                    CondExpr::Cond(Condition::ClassMatches(p)) => Some(Pred::Class(p.clone())),
                    CondExpr::Cond(Condition::MemberMatches(p)) => Some(Pred::Member(p.clone())),
                    _ => None,
                },
                (None, _) => parsed.that.clone(),
            };
            assert_eq!(got, Some(expected), "{rule}");
            checked += 1;
        }
    }
    assert!(checked > 300, "only {checked} names checked");
}

#[test]
fn every_condition_lowers_to_its_entry() {
    for def in vocab::CONDITIONS {
        let subject = match def.applies_to.first() {
            Some(Target::Classes) => "noClasses()",
            Some(Target::Members) => "noFields()",
            Some(Target::CodeUnits) => "noMethods()",
            _ => "slices().matching(\"..(*)..\")",
        };
        let (args_text, args) = samples(def.args);
        let expected = CondExpr::Cond((def.build)(&Args(&args)));
        let call = match def.then {
            Some(then) => format!("{}().{then}({args_text})", def.name),
            None => format!("{}({args_text})", def.name),
        };
        let fluent = parse_rule(&format!("{subject}.should().{call}"));
        assert_eq!(fluent.conditions, expected, "{call}");
        if def.then.is_none() {
            let argument_form = parse_rule(&format!("{subject}.should({call})"));
            assert_eq!(argument_form.conditions, expected, "should({call})");
        }
        if def.chained {
            let chained = match def.then {
                Some(then) => format!("{}().{then}().haveFullyQualifiedName(\"a.B\")", def.name),
                None => format!("{}().haveFullyQualifiedName(\"a.B\")", def.name),
            };
            let parsed = parse_rule(&format!("{subject}.should().{chained}"));
            assert_eq!(parsed.conditions, expected, "{chained}");
        }
    }
}

/// The documented examples parse in some position where their kind fits.
#[test]
fn every_documented_example_parses() {
    let contexts = |domain: Domain, e: &str| -> Vec<String> {
        let mut v = vec![
            format!("classes().that().{e}.should().bePublic()"),
            format!("classes().that({e}).should().bePublic()"),
            format!("classes().should().{e}"),
            format!("methods().that().{e}.should().bePublic()"),
            format!("methods().should().{e}"),
            format!("noClasses().should({e})"),
            format!("noMethods().should().{e}"),
            format!("slices().matching(\"..(*)..\").should().{e}"),
        ];
        let (rule, _) = in_context(domain, e);
        v.push(rule);
        v.push(format!("noClasses().should().accessTargetWhere({e})"));
        v.push(format!("noClasses().should().haveAnyDependenciesThat({e})"));
        v
    };
    let imports = "import org.joda.time.DateTime;\n";
    let parses = |rule: &str| {
        let source = format!("pack \"p\" {{ }}\n{imports}rule \"r\" = {rule};");
        parse_pack("vocab.arch", &source, &HashMap::new()).is_ok()
    };
    for def in vocab::predicates() {
        assert!(
            contexts(def.domain, def.example).iter().any(|r| parses(r)),
            "example of {}: {}",
            def.name,
            def.example
        );
    }
    for def in vocab::CONDITIONS {
        assert!(
            contexts(Domain::Class, def.example).iter().any(|r| parses(r)),
            "example of {}: {}",
            def.name,
            def.example
        );
    }
    for (form, _, example) in vocab::COMBINATORS {
        assert!(contexts(Domain::Class, example).iter().any(|r| parses(r)), "example of {form}: {example}");
    }
}

#[test]
fn combinators_compose_left_to_right() {
    let rule = parse_rule("classes().that().arePublic().or().areFinal().and().areInterfaces().should().bePublic()");
    let expected = ClassPred::Visibility(Visibility::Public)
        .or(ClassPred::Modifier(Modifier::Final))
        .and(ClassPred::Kind(ClassKind::Interface));
    assert_eq!(rule.that, Some(Pred::Class(expected)));
    let rule = parse_rule("classes().that(not(arePublic()).as(\"hidden\")).should().bePublic()");
    assert_eq!(rule.that, Some(Pred::Class(ClassPred::Visibility(Visibility::Public).negate().described_as("hidden"))));
    let rule = parse_rule("noClasses().should(beFinal().or(bePublic())).andShould().beInterfaces()");
    let expected = CondExpr::Cond(Condition::ClassMatches(ClassPred::Modifier(Modifier::Final)))
        .or(Condition::ClassMatches(ClassPred::Visibility(Visibility::Public)))
        .and(Condition::ClassMatches(ClassPred::Kind(ClassKind::Interface)));
    assert_eq!(rule.conditions, expected);
}

#[test]
fn annotation_values_refine_annotated_with() {
    let rule = parse_rule(
        "classes().that(annotatedWith(\"java.lang.Deprecated\").and(annotationValue(\"forRemoval\", true))).should().bePublic()",
    );
    let expected = ClassPred::AnnotatedWith(
        AnnotationPred::from("java.lang.Deprecated")
            .and(AnnotationPred::Value { name: "forRemoval".into(), value: ElementValue::Bool(true) }),
    );
    assert_eq!(rule.that, Some(Pred::Class(expected)));
}

#[test]
fn lets_params_and_overrides() {
    let source = "pack \"p\" { param root = \"com.example\"; }\nlet api = resideInAPackage(root + \".api..\");\n\
                  rule \"r\" = noClasses().that(api).should().dependOnClassesThat(api.or(haveSimpleName(\"X\")));";
    let pack = parse_pack("p.arch", source, &HashMap::new()).unwrap();
    assert_eq!(pack.params.get("root").map(String::as_str), Some("com.example"));
    assert_eq!(pack.rules[0].that, Some(Pred::Class(ClassPred::ResideInAnyPackage(vec!["com.example.api..".into()]))));
    let overridden = HashMap::from([("root".to_owned(), "org.acme".to_owned())]);
    let pack = parse_pack("p.arch", source, &overridden).unwrap();
    assert_eq!(pack.params.get("root").map(String::as_str), Some("org.acme"));
    assert_eq!(pack.rules[0].that, Some(Pred::Class(ClassPred::ResideInAnyPackage(vec!["org.acme.api..".into()]))));
}

#[test]
fn pasted_java_qualifiers_are_ignored() {
    let rule = parse_rule(
        "ArchRuleDefinition.priority(Priority.HIGH).classes().that().containAnyMembersThat(HasModifiers.Predicates.modifier(JavaModifier.PUBLIC))\
         .should(JavaClass.Predicates.resideInAPackage(\"..x..\").and(ArchConditions.beFinal()))",
    );
    assert_eq!(rule.priority, archrules::findings::Priority::High);
    assert_eq!(
        rule.that,
        Some(Pred::Class(ClassPred::ContainAny(
            MemberKind::Member,
            Box::new(MemberPred::Visibility(Visibility::Public))
        )))
    );
}

#[test]
fn condition_constants_lower_like_their_definitions() {
    for (name, definition, _) in vocab::CONDITION_CONSTANTS {
        let subject = if name.starts_with("BE_") { "noFields()" } else { "noClasses()" };
        let by_name = parse_rule(&format!("{subject}.should(GeneralCodingRules.{name})"));
        let by_definition = parse_rule(&format!("{subject}.should({definition})"));
        assert_eq!(by_name.conditions, by_definition.conditions, "{name}");
    }
    let joda = parse_rule("noClasses().should(USE_JODATIME)");
    assert_eq!(
        joda.conditions,
        CondExpr::Cond(Condition::DependOnClassesThat(ClassPred::ResideInAnyPackage(vec!["org.joda.time".into()])))
    );
}
