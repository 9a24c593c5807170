//! Member predicates (fields, code units, access targets): one entry each. See [`super::vocab`].

use super::combinators::type_named;
use super::ir::{ClassPred, MemberKind, MemberPred, Modifier, Pred, StringMatch, Visibility};
use super::vocab::{ArgKind as A, Args, Domain, Fluent, JavaModifier, PredicateDef};

const fn def(
    name: &'static str,
    fluent: Fluent,
    args: &'static [A],
    build: fn(&Args) -> Pred,
    doc: &'static str,
    example: &'static str,
) -> PredicateDef {
    PredicateDef { domain: Domain::Member, name, fluent, args, build, doc, example }
}

fn member(p: MemberPred) -> Pred {
    Pred::Member(p)
}

/// Nebula's `JavaBeanGetterPredicate`, composed from IR leaves.
pub(crate) fn getter() -> MemberPred {
    let name = |re: &str| MemberPred::Name(StringMatch::Matches(re.to_owned()));
    let boolean =
        MemberPred::RawReturnType(Box::new(ClassPred::AssignableTo(Box::new(type_named("java.lang.Boolean")))));
    let get = name(r"get[^\p{Ll}].*");
    let is = name(r"is[^\p{Ll}].*").and(boolean.negate());
    MemberPred::Kind(MemberKind::Method)
        .and(MemberPred::Modifier(Modifier::Static).negate())
        .and(MemberPred::RawParameterTypes(Vec::new()))
        .and(get.or(is))
        .described_as("getters")
}

const CLASS_PRED: &[A] = &[A::Pred(Domain::Class)];
const ANNOTATION_PRED: &[A] = &[A::Pred(Domain::Annotation)];

pub static MEMBER_PREDICATES: &[PredicateDef] = &[
    def("name", Fluent::Have, &[A::Str], |a| member(MemberPred::Name(StringMatch::Equals(a.str(0)))),
        "The member's name equals the argument (`<init>` for constructors).", "haveName(\"getTask\")"),
    def("nameMatching", Fluent::Have, &[A::Regex],
        |a| member(MemberPred::Name(StringMatch::Matches(a.str(0)))),
        "The name matches the regular expression as a whole.", "haveNameMatching(\"get[A-Z].*\")"),
    def("nameStartingWith", Fluent::Have, &[A::Str],
        |a| member(MemberPred::Name(StringMatch::StartsWith(a.str(0)))),
        "The name starts with the argument.", "haveNameStartingWith(\"test\")"),
    def("nameContaining", Fluent::Have, &[A::Str],
        |a| member(MemberPred::Name(StringMatch::Contains(a.str(0)))),
        "The name contains the argument.", "haveNameContaining(\"Legacy\")"),
    def("nameEndingWith", Fluent::Have, &[A::Str],
        |a| member(MemberPred::Name(StringMatch::EndsWith(a.str(0)))),
        "The name ends with the argument.", "haveNameEndingWith(\"Async\")"),
    def("fullName", Fluent::Have, &[A::Str],
        |a| member(MemberPred::FullName(StringMatch::Equals(a.str(0)))),
        "ArchUnit's full name: `a.B.f` for fields, `a.B.m(int, java.lang.String)` for code units.",
        "haveFullName(\"java.lang.System.exit(int)\")"),
    def("fullNameMatching", Fluent::Have, &[A::Regex],
        |a| member(MemberPred::FullName(StringMatch::Matches(a.str(0)))),
        "The full name matches the regular expression as a whole.",
        "haveFullNameMatching(\"java\\\\.lang\\\\.System\\\\.exit.*\")"),
    def("declaredIn", Fluent::Are, &[A::Pred(Domain::Class)],
        |a| member(MemberPred::DeclaredIn(Box::new(a.class(0)))),
        "The declaring class (for an access target: the owner in the instruction) is the type or matches.",
        "areDeclaredIn(\"org.gradle.api.Project\")"),
    def("declaredInClassesThat", Fluent::Are, CLASS_PRED,
        |a| member(MemberPred::DeclaredIn(Box::new(a.class(0)))),
        "The declaring class matches; also chains: `areDeclaredInClassesThat().arePublic()`.",
        "areDeclaredInClassesThat(resideInAPackage(\"..internal..\"))"),
    def("public", Fluent::Are, &[], |_| member(MemberPred::Visibility(Visibility::Public)),
        "Declared `public`.", "arePublic()"),
    def("protected", Fluent::Are, &[], |_| member(MemberPred::Visibility(Visibility::Protected)),
        "Declared `protected`.", "areProtected()"),
    def("packagePrivate", Fluent::Are, &[], |_| member(MemberPred::Visibility(Visibility::PackagePrivate)),
        "Neither public, protected nor private.", "arePackagePrivate()"),
    def("private", Fluent::Are, &[], |_| member(MemberPred::Visibility(Visibility::Private)),
        "Declared `private`.", "arePrivate()"),
    def("modifier", Fluent::Have, &[A::Modifier],
        |a| member(match a.modifier(0) {
            JavaModifier::Visibility(v) => MemberPred::Visibility(v),
            JavaModifier::Other(m) => MemberPred::Modifier(m),
        }),
        "Has the `JavaModifier`.", "haveModifier(JavaModifier.PUBLIC)"),
    def("static", Fluent::Are, &[], |_| member(MemberPred::Modifier(Modifier::Static)),
        "Declared `static`.", "beStatic()"),
    def("final", Fluent::Are, &[], |_| member(MemberPred::Modifier(Modifier::Final)),
        "Declared `final`.", "beFinal()"),
    def("abstract", Fluent::Are, &[], |_| member(MemberPred::Modifier(Modifier::Abstract)),
        "Declared `abstract`.", "areAbstract()"),
    def("synchronized", Fluent::Are, &[], |_| member(MemberPred::Modifier(Modifier::Synchronized)),
        "Declared `synchronized`.", "notBeSynchronized()"),
    def("native", Fluent::Are, &[], |_| member(MemberPred::Modifier(Modifier::Native)),
        "Declared `native`.", "areNative()"),
    def("transient", Fluent::Are, &[], |_| member(MemberPred::Modifier(Modifier::Transient)),
        "A `transient` field.", "areTransient()"),
    def("volatile", Fluent::Are, &[], |_| member(MemberPred::Modifier(Modifier::Volatile)),
        "A `volatile` field.", "areVolatile()"),
    def("synthetic", Fluent::Are, &[], |_| member(MemberPred::Modifier(Modifier::Synthetic)),
        "Generated by the compiler (`ACC_SYNTHETIC`).", "areNotSynthetic()"),
    def("annotatedWith", Fluent::Are, ANNOTATION_PRED,
        |a| member(MemberPred::AnnotatedWith(a.annotation(0))),
        "Carries an annotation of that type (or matching the annotation predicate).",
        "beAnnotatedWith(\"org.junit.jupiter.api.Test\")"),
    def("metaAnnotatedWith", Fluent::Are, ANNOTATION_PRED,
        |a| member(MemberPred::MetaAnnotatedWith(a.annotation(0))),
        "Annotated with it, or with an annotation that is (meta-)annotated with it.",
        "areMetaAnnotatedWith(\"org.junit.platform.commons.annotation.Testable\")"),
    def("annotatedWithAny", Fluent::Are, &[A::TypeNames],
        |a| member(MemberPred::AnnotatedWith(super::vocab_class::any_of_types(&a.strs(0)))),
        "Carries an annotation of one of these types (Nebula's `annotatedWithAny`).",
        "beAnnotatedWithAny(\"javax.inject.Inject\", \"org.springframework.beans.factory.annotation.Autowired\")"),
    def("aGetter", Fluent::None, &[], |_| member(getter()),
        "A JavaBeans getter: not static, no parameters, `getX()` or `isX()` not returning `Boolean` (Nebula's `aGetter`).",
        "aGetter()"),
    def("deprecated", Fluent::Are, &[], |_| member(MemberPred::Deprecated),
        "Annotated with `@java.lang.Deprecated`, `@kotlin.Deprecated` or `@kotlin.DeprecatedSinceKotlin`, or with the class-file `Deprecated` attribute (Scala's `@deprecated`).",
        "target(is(deprecated()))"),
    def("deprecatedForRemoval", Fluent::Are, &[], |_| member(MemberPred::DeprecatedForRemoval),
        "Annotated with `@java.lang.Deprecated(forRemoval = true)`.", "target(is(deprecatedForRemoval()))"),
    def("kotlinInternal", Fluent::Are, &[], |_| member(MemberPred::KotlinInternal),
        "A Kotlin method, constructor or property accessor declared `internal` (public in the class file; read from `kotlin.Metadata`).",
        "target(is(kotlinInternal()))"),
    def("rawType", Fluent::Have, CLASS_PRED, |a| member(MemberPred::RawType(Box::new(a.class(0)))),
        "A field whose erased type is the type (or matches).", "haveRawType(\"java.util.Optional\")"),
    def("rawReturnType", Fluent::Have, CLASS_PRED,
        |a| member(MemberPred::RawReturnType(Box::new(a.class(0)))),
        "A method whose erased return type is the type (or matches).",
        "haveRawReturnType(assignableTo(\"org.gradle.api.provider.Provider\"))"),
    def("rawParameterTypes", Fluent::Have, &[A::TypeNames],
        |a| member(MemberPred::RawParameterTypes(a.strs(0))),
        "A code unit whose erased parameter types are exactly these, in order (none for `()`).",
        "haveRawParameterTypes(\"java.lang.String\", \"int\")"),
    def("anyRawParameterType", Fluent::Have, CLASS_PRED,
        |a| member(MemberPred::AnyRawParameterType(Box::new(a.class(0)))),
        "A code unit with some parameter of the type (or matching); not in ArchUnit.",
        "haveAnyRawParameterType(\"java.util.Optional\")"),
    def("declareThrowableOfType", Fluent::Verb, CLASS_PRED,
        |a| member(MemberPred::DeclareThrowableOfType(Box::new(a.class(0)))),
        "A code unit whose `throws` clause lists the type (or a matching one).",
        "declareThrowableOfType(\"java.io.IOException\")"),
    def("field", Fluent::None, &[], |_| member(MemberPred::Kind(MemberKind::Field)),
        "A field.", "target(is(field()))"),
    def("codeUnit", Fluent::None, &[], |_| member(MemberPred::Kind(MemberKind::CodeUnit)),
        "A method, constructor or static initializer.", "target(is(codeUnit()))"),
    def("method", Fluent::None, &[], |_| member(MemberPred::Kind(MemberKind::Method)),
        "A method.", "target(is(method()))"),
    def("constructor", Fluent::None, &[], |_| member(MemberPred::Kind(MemberKind::Constructor)),
        "A constructor.", "target(is(constructor()))"),
    def("staticInitializer", Fluent::None, &[], |_| member(MemberPred::Kind(MemberKind::StaticInitializer)),
        "A static initializer (`<clinit>`).", "origin(is(staticInitializer()))"),
];
