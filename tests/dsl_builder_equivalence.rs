//! Property: the Rust builder and the parsed DSL give the same IR for the same rule.

use archrules::dsl::parse_pack;
use archrules::rules::builder::*;
use archrules::rules::ir::{ClassPred, MemberPred, Rule, VersionReq};
use proptest::prelude::*;
use std::collections::HashMap;

type ClassP = (String, ClassPred);
type MemberP = (String, MemberPred);

fn class_leaf() -> impl Strategy<Value = ClassP> {
    let leaves: Vec<(String, ClassPred)> = vec![
        ("resideInAPackage(\"..a..\")".into(), classes::reside_in_a_package("..a..")),
        ("resideInAnyPackage(\"a..\", \"b..\")".into(), classes::reside_in_any_package(&["a..", "b.."])),
        ("resideOutsideOfPackage(\"..internal..\")".into(), classes::reside_outside_of_package("..internal..")),
        ("arePublic()".into(), classes::public()),
        ("areNotPublic()".into(), not(classes::public())),
        ("areInterfaces()".into(), classes::interfaces()),
        ("haveSimpleName(\"Foo\")".into(), classes::simple_name("Foo")),
        ("simpleNameEndingWith(\"Impl\")".into(), classes::simple_name_ending_with("Impl")),
        ("haveFullyQualifiedName(\"a.B[]\")".into(), classes::fully_qualified_name("a.B[]")),
        ("haveNameMatching(\".*Dao\")".into(), classes::name_matching(".*Dao")),
        ("annotatedWith(\"a.Ann\")".into(), classes::annotated_with("a.Ann")),
        ("areAnnotatedWith(Deprecated.class)".into(), classes::annotated_with("java.lang.Deprecated")),
        ("metaAnnotatedWith(\"a.Meta\")".into(), classes::meta_annotated_with("a.Meta")),
        ("assignableTo(java.util.List.class)".into(), classes::assignable_to("java.util.List")),
        ("implement(\"java.io.Serializable\")".into(), classes::implement("java.io.Serializable")),
        ("deprecated()".into(), classes::deprecated()),
        ("areDeprecatedForRemoval()".into(), classes::deprecated_for_removal()),
        ("kotlin()".into(), classes::kotlin()),
        ("areKotlinInternal()".into(), classes::kotlin_internal()),
        ("areNotKotlinInternal()".into(), not(classes::kotlin_internal())),
        ("nullMarked()".into(), classes::null_marked()),
        ("haveModifier(JavaModifier.FINAL)".into(), classes::modifier(JavaModifier::Other(Modifier::Final))),
        (
            "fromArtifact(\"com.google.guava:guava\", \"<24.1.1\")".into(),
            classes::from_artifact("com.google.guava:guava", VersionReq::parse("<24.1.1").ok()),
        ),
        (
            "containAnyMethodsThat(areAnnotatedWith(\"a.T\"))".into(),
            classes::contain_any_methods_that(members::annotated_with("a.T")),
        ),
        (
            "resideInPackageAnnotatedWith(\"org.jspecify.annotations.NullMarked\")".into(),
            classes::reside_in_package_annotated_with("org.jspecify.annotations.NullMarked"),
        ),
    ];
    proptest::sample::select(leaves)
}

fn class_pred() -> impl Strategy<Value = ClassP> {
    class_leaf().prop_recursive(3, 12, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| (format!("{}.and({})", a.0, b.0), a.1.and(b.1))),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| (format!("{}.or({})", a.0, b.0), a.1.or(b.1))),
            inner.clone().prop_map(|a| (format!("not({})", a.0), not(a.1))),
            inner.clone().prop_map(|a| (format!("doNot({})", a.0), do_not(a.1))),
            inner.clone().prop_map(|a| (format!("are({})", a.0), are(a.1))),
        ]
    })
}

fn member_pred() -> impl Strategy<Value = MemberP> {
    let leaves: Vec<MemberP> = vec![
        ("haveName(\"get\")".into(), members::name("get")),
        ("nameStartingWith(\"is\")".into(), members::name_starting_with("is")),
        ("arePublic()".into(), members::public()),
        ("areStatic()".into(), members::r#static()),
        ("deprecated()".into(), members::deprecated()),
        (
            "rawParameterTypes(\"int\", \"java.lang.String[]\")".into(),
            members::raw_parameter_types(&["int", "java.lang.String[]"]),
        ),
        (
            "haveAnyRawParameterType(\"java.util.Optional\")".into(),
            members::any_raw_parameter_type("java.util.Optional"),
        ),
        ("areDeclaredIn(\"a.B\")".into(), members::declared_in("a.B")),
        ("haveRawReturnType(assignableTo(\"a.P\"))".into(), members::raw_return_type(classes::assignable_to("a.P"))),
        ("annotatedWith(\"org.junit.Test\")".into(), members::annotated_with("org.junit.Test")),
    ];
    proptest::sample::select(leaves).prop_recursive(2, 6, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| (format!("{}.and({})", a.0, b.0), a.1.and(b.1))),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| (format!("{}.or({})", a.0, b.0), a.1.or(b.1))),
            inner.clone().prop_map(|a| (format!("doesNot(have({}))", a.0), does_not(have(a.1)))),
        ]
    })
}

/// One class condition: its DSL text and how the builder writes it.
#[derive(Debug, Clone)]
enum ClassCond {
    DependFluent,
    DependArg(ClassP),
    BeAnnotated,
    NotBePublic,
    SimpleNameEnding,
    AccessTargetOwner(ClassP),
    CallMethod,
    OnlyAccessedBy,
    AnyDependencyTarget(ClassP),
    ConstructorWithoutZone,
    MatchArg(ClassP),
}

fn class_cond() -> impl Strategy<Value = ClassCond> {
    prop_oneof![
        Just(ClassCond::DependFluent),
        class_pred().prop_map(ClassCond::DependArg),
        Just(ClassCond::BeAnnotated),
        Just(ClassCond::NotBePublic),
        Just(ClassCond::SimpleNameEnding),
        class_pred().prop_map(ClassCond::AccessTargetOwner),
        Just(ClassCond::CallMethod),
        Just(ClassCond::OnlyAccessedBy),
        class_pred().prop_map(ClassCond::AnyDependencyTarget),
        Just(ClassCond::ConstructorWithoutZone),
        class_pred().prop_map(ClassCond::MatchArg),
    ]
}

impl ClassCond {
    fn text(&self) -> String {
        match self {
            ClassCond::DependFluent => "().dependOnClassesThat().resideInAPackage(\"..x..\")".into(),
            ClassCond::DependArg(p) => format!("().dependOnClassesThat({})", p.0),
            ClassCond::BeAnnotated => "().beAnnotatedWith(\"a.B\")".into(),
            ClassCond::NotBePublic => "().notBePublic()".into(),
            ClassCond::SimpleNameEnding => "().haveSimpleNameEndingWith(\"Impl\")".into(),
            ClassCond::AccessTargetOwner(p) => {
                format!("().accessTargetWhere(targetOwner({}))", p.0)
            }
            ClassCond::CallMethod => "().callMethod(System.class, \"exit\", \"int\")".into(),
            ClassCond::OnlyAccessedBy => "().onlyBeAccessed().byClassesThat().areInterfaces()".into(),
            ClassCond::AnyDependencyTarget(p) => {
                format!("(haveAnyDependenciesThat(doNot(resideInSamePackage()).and(dependencyTarget({}))))", p.0)
            }
            ClassCond::ConstructorWithoutZone => {
                "().callConstructorWhere(target(doesNot(have(rawParameterTypes(\"a.Zone\")))))".into()
            }
            ClassCond::MatchArg(p) => format!("(dependOnClassesThat({}).or(beFinal()))", p.0),
        }
    }

    fn apply(&self, should: Should<ClassSubject>) -> Conditioned<ClassSubject> {
        match self.clone() {
            ClassCond::DependFluent => should.depend_on_classes_that().reside_in_a_package("..x.."),
            ClassCond::DependArg(p) => should.depend_on_classes_that().matching(p.1),
            ClassCond::BeAnnotated => should.be_annotated_with("a.B"),
            ClassCond::NotBePublic => should.not_be_public(),
            ClassCond::SimpleNameEnding => should.have_simple_name_ending_with("Impl"),
            ClassCond::AccessTargetOwner(p) => should.access_target_where(access::target_owner(p.1)),
            ClassCond::CallMethod => should.call_method("java.lang.System", "exit", &["int"]),
            ClassCond::OnlyAccessedBy => should.only_be_accessed().by_classes_that().are_interfaces(),
            ClassCond::AnyDependencyTarget(p) => should.have_any_dependencies_that(
                do_not(dependencies::reside_in_same_package()).and(dependencies::dependency_target(p.1)),
            ),
            ClassCond::ConstructorWithoutZone => {
                should.call_constructor_where(access::target(does_not(have(members::raw_parameter_types(&["a.Zone"])))))
            }
            ClassCond::MatchArg(_) => {
                unreachable!("argument-form conditions go through should_match")
            }
        }
    }

    /// Whether the DSL writes it as `should(..)` (argument form) rather than `should().x()`.
    fn argument_form(&self) -> bool {
        matches!(self, ClassCond::AnyDependencyTarget(_) | ClassCond::MatchArg(_))
    }
}

/// `should(dependOnClassesThat(p).or(beFinal()))` in the builder: the conditions as values.
fn match_arg_condition(p: ClassPred) -> archrules::rules::ir::CondExpr {
    archrules::rules::ir::CondExpr::from(conditions::depend_on_classes_that(p)).or(conditions::be(classes::r#final()))
}

#[derive(Debug, Clone)]
struct ClassRule {
    priority: Option<Priority>,
    negated: bool,
    that: Option<ClassP>,
    and_that: Option<ClassP>,
    conditions: Vec<(bool, ClassCond)>,
    because: Option<String>,
    described_as: Option<String>,
    allow_empty: bool,
}

fn class_rule() -> impl Strategy<Value = ClassRule> {
    let priority =
        prop_oneof![Just(None), Just(Some(Priority::Low)), Just(Some(Priority::Medium)), Just(Some(Priority::High))];
    let text = prop_oneof![Just(None), Just(Some("a reason".to_owned())), Just(Some("it's \"quoted\"".to_owned()))];
    (
        priority,
        any::<bool>(),
        proptest::option::of(class_pred()),
        proptest::option::of(class_pred()),
        proptest::collection::vec((any::<bool>(), class_cond()), 1..4),
        text.clone(),
        text,
        any::<bool>(),
    )
        .prop_map(|(priority, negated, that, and_that, conditions, because, described_as, allow_empty)| {
            ClassRule {
                priority,
                negated,
                and_that: that.as_ref().and(and_that),
                that,
                conditions,
                because,
                described_as,
                allow_empty,
            }
        })
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

impl ClassRule {
    fn dsl(&self) -> String {
        let mut out = String::new();
        if let Some(p) = self.priority {
            out.push_str(&format!("priority({}).", format!("{p:?}").to_uppercase()));
        }
        out.push_str(if self.negated { "noClasses()" } else { "classes()" });
        if let Some(that) = &self.that {
            out.push_str(&format!(".that({})", that.0));
        }
        if let Some(and) = &self.and_that {
            out.push_str(&format!(".and({})", and.0));
        }
        for (i, (and, cond)) in self.conditions.iter().enumerate() {
            let step = match (i, and) {
                (0, _) => "should",
                (_, true) => "andShould",
                (_, false) => "orShould",
            };
            out.push_str(&format!(".{step}{}", cond.text()));
        }
        if let Some(b) = &self.because {
            out.push_str(&format!(".because({})", quote(b)));
        }
        if let Some(d) = &self.described_as {
            out.push_str(&format!(".as({})", quote(d)));
        }
        if self.allow_empty {
            out.push_str(".allowEmptyShould(true)");
        }
        out
    }

    fn build(&self) -> Rule {
        let start = priority(self.priority.unwrap_or_default());
        let mut given = if self.negated { start.no_classes() } else { start.classes() };
        if let Some(that) = &self.that {
            given = given.that(that.1.clone());
        }
        if let Some(and) = &self.and_that {
            given = given.and(and.1.clone());
        }
        let mut conds = self.conditions.iter();
        let Some((_, first)) = conds.next() else { panic!("no condition") };
        let mut rule = match first {
            ClassCond::MatchArg(p) => given.should_match(match_arg_condition(p.1.clone())),
            ClassCond::AnyDependencyTarget(_) => {
                let c = first.apply_value();
                given.should_match(c)
            }
            other => other.apply(given.should()),
        };
        for (and, cond) in conds {
            rule = match (cond.argument_form(), and) {
                (true, true) => rule.and_should_match(cond.apply_value()),
                (true, false) => rule.or_should_match(cond.apply_value()),
                (false, true) => cond.apply(rule.and_should()),
                (false, false) => cond.apply(rule.or_should()),
            };
        }
        if let Some(b) = &self.because {
            rule = rule.because(b.clone());
        }
        if let Some(d) = &self.described_as {
            rule = rule.described_as(d.clone());
        }
        if self.allow_empty {
            rule = rule.allow_empty_should(true);
        }
        rule.build("p", "r")
    }
}

impl ClassCond {
    /// The condition as a value, for the argument forms.
    fn apply_value(&self) -> archrules::rules::ir::CondExpr {
        match self.clone() {
            ClassCond::MatchArg(p) => match_arg_condition(p.1),
            ClassCond::AnyDependencyTarget(p) => conditions::have_any_dependencies_that(
                do_not(dependencies::reside_in_same_package()).and(dependencies::dependency_target(p.1)),
            )
            .into(),
            _ => panic!("not an argument-form condition"),
        }
    }
}

fn parse_one(rule: &str) -> Rule {
    let source = format!("pack \"p\" {{ }}\nrule \"r\" = {rule};");
    match parse_pack("prop.arch", &source, &HashMap::new()) {
        Ok(mut pack) => {
            let mut rule = pack.rules.remove(0);
            rule.source = None;
            rule
        }
        Err(errors) => panic!("{rule}\n{:?}", miette::Report::new(errors)),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn builder_and_dsl_agree_on_class_rules(rule in class_rule()) {
        let dsl = rule.dsl();
        prop_assert_eq!(parse_one(&dsl), rule.build(), "{}", dsl);
    }

    #[test]
    fn builder_and_dsl_agree_on_member_rules(
        negated in any::<bool>(),
        that in proptest::option::of(member_pred()),
        cond in member_pred(),
        fluent in any::<bool>(),
    ) {
        let mut dsl = String::from(if negated { "noMethods()" } else { "methods()" });
        let mut given = if negated { no_methods() } else { methods() };
        if let Some(that) = &that {
            dsl.push_str(&format!(".that({})", that.0));
            given = given.that(that.1.clone());
        }
        let rule = if fluent {
            dsl.push_str(".should().beStatic().orShould().onlyBeCalled().byClassesThat().resideInAPackage(\"..a..\")");
            given.should().be_static().or_should().only_be_called().by_classes_that().reside_in_a_package("..a..")
        } else {
            dsl.push_str(&format!(".should(be({}))", cond.0));
            given.should_match(conditions::be_member(cond.1.clone()))
        };
        prop_assert_eq!(parse_one(&dsl), rule.build("p", "r"), "{}", dsl);
    }
}

#[test]
fn slices_and_layers_agree() {
    let dsl = parse_one("slices().matching(\"..app.(*)..\").should().beFreeOfCycles().because(\"x\")");
    let built = priority(Priority::Medium).slices().matching("..app.(*)..").should().be_free_of_cycles().because("x");
    assert_eq!(dsl, built.build("p", "r"));
    let dsl = parse_one("priority(LOW).slices().matching(\"com.acme.(*)..\").should().notDependOnEachOther()");
    let built = priority(Priority::Low).slices().matching("com.acme.(*)..").should().not_depend_on_each_other();
    assert_eq!(dsl, built.build("p", "r"));
    let dsl = parse_one(
        "priority(HIGH).layeredArchitecture().consideringOnlyDependenciesInLayers()\
         .layer(\"A\").definedBy(\"..a..\").optionalLayer(\"B\").definedBy(\"..b..\", \"..c..\")\
         .whereLayer(\"A\").mayOnlyBeAccessedByLayers(\"B\").whereLayer(\"B\").mayNotAccessAnyLayer()",
    );
    let built = priority(Priority::High)
        .layered_architecture()
        .considering_only_dependencies_in_layers()
        .layer("A")
        .defined_by(&["..a.."])
        .optional_layer("B")
        .defined_by(&["..b..", "..c.."])
        .where_layer("A")
        .may_only_be_accessed_by_layers(&["B"])
        .where_layer("B")
        .may_not_access_any_layer();
    assert_eq!(dsl, built.build("p", "r"));
}

#[test]
fn fix_clauses_agree() {
    let dsl = parse_one(
        "noClasses().should().dependOnClassesThat().haveFullyQualifiedName(\"com.google.common.base.Optional\")\
         .because(\"x\")\n    fix \"org.openrewrite.java.migrate.guava.PreferJavaUtilOptional\" from \
         \"org.openrewrite.recipe:rewrite-migrate-java\"\n    fix \"org.openrewrite.java.dependencies.UpgradeDependencyVersion\" \
         from \"org.openrewrite.recipe:rewrite-java-dependencies\" with (groupId = \"com.google.guava\", newVersion = \"32.0.0-jre\")",
    );
    let built = no_classes()
        .should()
        .depend_on_classes_that()
        .have_fully_qualified_name("com.google.common.base.Optional")
        .because("x")
        .fixed_by(Fix::new(
            "org.openrewrite.java.migrate.guava.PreferJavaUtilOptional",
            "org.openrewrite.recipe:rewrite-migrate-java",
        ))
        .fixed_by(
            Fix::new(
                "org.openrewrite.java.dependencies.UpgradeDependencyVersion",
                "org.openrewrite.recipe:rewrite-java-dependencies",
            )
            .option("groupId", "com.google.guava")
            .option("newVersion", "32.0.0-jre"),
        );
    assert_eq!(dsl, built.build("p", "r"));
    assert_eq!(dsl.fixes.len(), 2);
}

#[test]
fn a_pack_fix_is_every_rule_fix_after_its_own() {
    let source = "pack \"p\" {\n    fix \"org.openrewrite.java.joda.time.NoJodaTime\" from \"org.openrewrite.recipe:rewrite-joda\";\n}\n\
                  rule \"a\" = noClasses().should().dependOnClassesThat().resideInAPackage(\"org.joda.time..\");\n\
                  rule \"b\" = noClasses().should().dependOnClassesThat().resideInAPackage(\"org.joda.time\")\n\
                  fix \"a.b.Own\" from \"g:a\";";
    let pack = parse_pack("p.arch", source, &HashMap::new()).expect("parses");
    let recipes = |i: usize| pack.rules[i].fixes.iter().map(|f| f.recipe.as_str()).collect::<Vec<_>>();
    assert_eq!(pack.fixes.len(), 1);
    assert_eq!(recipes(0), ["org.openrewrite.java.joda.time.NoJodaTime"]);
    assert_eq!(recipes(1), ["a.b.Own", "org.openrewrite.java.joda.time.NoJodaTime"]);
}
