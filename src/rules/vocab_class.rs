//! Class predicates (`DescribedPredicate<JavaClass>`): one entry each. See [`super::vocab`].

use super::combinators::type_named;
use super::describe::{describe_pred, Mode};
use super::ir::{
    AnnotationPred, ClassKind, ClassPred, MemberKind, MemberPred, Modifier, Pred, StringMatch, Visibility,
};
use super::vocab::{ArgKind as A, Args, Domain, Fluent, JavaModifier, PredicateDef};

const fn def(
    name: &'static str,
    fluent: Fluent,
    args: &'static [A],
    build: fn(&Args) -> Pred,
    doc: &'static str,
    example: &'static str,
) -> PredicateDef {
    PredicateDef { domain: Domain::Class, name, fluent, args, build, doc, example }
}

fn class(p: ClassPred) -> Pred {
    Pred::Class(p)
}

/// "The class or a supertype contains a matching member": `AssignableTo` ranges over the class and
/// all its supertypes, so it carries the hierarchy; the description keeps Nebula's words
/// (ContainAnyMembersInClassHierarchyThatPredicate: `"contain any " + members + " that " + predicate`, no
/// "in class hierarchy").
pub(crate) fn in_hierarchy(kind: MemberKind, p: MemberPred) -> ClassPred {
    let what = if kind == MemberKind::Method { "methods" } else { "fields" };
    let text = format!("contain any {what} that {}", describe_pred(&Pred::Member(p.clone()), Mode::That));
    ClassPred::AssignableTo(Box::new(ClassPred::ContainAny(kind, Box::new(p)))).described_as(text)
}

/// One annotation whose type is any of `types`; none given means any annotation, as Nebula's.
pub(crate) fn any_of_types(types: &[String]) -> AnnotationPred {
    let mut preds = types.iter().map(|t| AnnotationPred::Type(Box::new(type_named(t.as_str()))));
    let first = preds.next().unwrap_or_else(|| {
        AnnotationPred::Type(Box::new(ClassPred::AssignableTo(Box::new(type_named("java.lang.Object")))))
    });
    preds.fold(first, AnnotationPred::or)
}

const CLASS_PRED: &[A] = &[A::Pred(Domain::Class)];
const MEMBER_PRED: &[A] = &[A::Pred(Domain::Member)];
const ANNOTATION_PRED: &[A] = &[A::Pred(Domain::Annotation)];

pub static CLASS_PREDICATES: &[PredicateDef] = &[
    def(
        "fullyQualifiedName",
        Fluent::Have,
        &[A::TypeName],
        |a| class(ClassPred::FullName(StringMatch::Equals(a.str(0)))),
        "The fully qualified binary name (`a.b.Outer$Inner`) equals the argument.",
        "haveFullyQualifiedName(\"com.google.common.base.Optional\")",
    ),
    def(
        "name",
        Fluent::None,
        &[A::TypeName],
        |a| class(ClassPred::FullName(StringMatch::Equals(a.str(0)))),
        "Same as `fullyQualifiedName` (ArchUnit's `HasName.Predicates.name`).",
        "dependOnClassesThat(name(\"java.util.Date\"))",
    ),
    def(
        "nameMatching",
        Fluent::Have,
        &[A::Regex],
        |a| class(ClassPred::FullName(StringMatch::Matches(a.str(0)))),
        "The fully qualified name matches the regular expression as a whole.",
        "haveNameMatching(\".*Service(Impl)?\")",
    ),
    def(
        "nameStartingWith",
        Fluent::Have,
        &[A::Str],
        |a| class(ClassPred::FullName(StringMatch::StartsWith(a.str(0)))),
        "The fully qualified name starts with the argument.",
        "haveNameStartingWith(\"com.example.\")",
    ),
    def(
        "nameContaining",
        Fluent::Have,
        &[A::Str],
        |a| class(ClassPred::FullName(StringMatch::Contains(a.str(0)))),
        "The fully qualified name contains the argument.",
        "haveNameContaining(\"internal\")",
    ),
    def(
        "nameEndingWith",
        Fluent::Have,
        &[A::Str],
        |a| class(ClassPred::FullName(StringMatch::EndsWith(a.str(0)))),
        "The fully qualified name ends with the argument.",
        "haveNameEndingWith(\"Test\")",
    ),
    def(
        "simpleName",
        Fluent::Have,
        &[A::Str],
        |a| class(ClassPred::SimpleName(StringMatch::Equals(a.str(0)))),
        "The simple name (`Inner` for `a.Outer$Inner`, empty for anonymous classes) equals the argument.",
        "haveSimpleName(\"Optional\")",
    ),
    def(
        "simpleNameStartingWith",
        Fluent::Have,
        &[A::Str],
        |a| class(ClassPred::SimpleName(StringMatch::StartsWith(a.str(0)))),
        "The simple name starts with the argument.",
        "haveSimpleNameStartingWith(\"Abstract\")",
    ),
    def(
        "simpleNameContaining",
        Fluent::Have,
        &[A::Str],
        |a| class(ClassPred::SimpleName(StringMatch::Contains(a.str(0)))),
        "The simple name contains the argument.",
        "haveSimpleNameContaining(\"Legacy\")",
    ),
    def(
        "simpleNameEndingWith",
        Fluent::Have,
        &[A::Str],
        |a| class(ClassPred::SimpleName(StringMatch::EndsWith(a.str(0)))),
        "The simple name ends with the argument.",
        "haveSimpleNameEndingWith(\"Impl\")",
    ),
    def(
        "simpleNameMatching",
        Fluent::Have,
        &[A::Regex],
        |a| class(ClassPred::SimpleName(StringMatch::Matches(a.str(0)))),
        "The simple name matches the regular expression as a whole.",
        "haveSimpleNameMatching(\"[A-Z].*Dao\")",
    ),
    def(
        "resideInAPackage",
        Fluent::Verb,
        &[A::Package],
        |a| class(ClassPred::ResideInAnyPackage(a.strs(0))),
        "The package matches the ArchUnit package pattern (`..`, `*`, `(*)`, `[a|b]`).",
        "resideInAPackage(\"com.google.common.collect..\")",
    ),
    def(
        "resideInAnyPackage",
        Fluent::Verb,
        &[A::Packages],
        |a| class(ClassPred::ResideInAnyPackage(a.strs(0))),
        "The package matches at least one of the patterns.",
        "resideInAnyPackage(\"..api..\", \"..spi..\")",
    ),
    def(
        "resideOutsideOfPackage",
        Fluent::Verb,
        &[A::Package],
        |a| class(ClassPred::ResideOutsideOfPackages(a.strs(0))),
        "The package does not match the pattern.",
        "resideOutsideOfPackage(\"com.example.lib..\")",
    ),
    def(
        "resideOutsideOfPackages",
        Fluent::Verb,
        &[A::Packages],
        |a| class(ClassPred::ResideOutsideOfPackages(a.strs(0))),
        "The package matches none of the patterns.",
        "resideOutsideOfPackages(\"..internal..\", \"..impl..\")",
    ),
    def(
        "public",
        Fluent::Are,
        &[],
        |_| class(ClassPred::Visibility(Visibility::Public)),
        "Declared `public`.",
        "arePublic()",
    ),
    def(
        "protected",
        Fluent::Are,
        &[],
        |_| class(ClassPred::Visibility(Visibility::Protected)),
        "Declared `protected`: member classes only, read from their `InnerClasses` entry as ArchUnit does.",
        "areProtected()",
    ),
    def(
        "packagePrivate",
        Fluent::Are,
        &[],
        |_| class(ClassPred::Visibility(Visibility::PackagePrivate)),
        "Neither public, protected nor private.",
        "arePackagePrivate()",
    ),
    def(
        "private",
        Fluent::Are,
        &[],
        |_| class(ClassPred::Visibility(Visibility::Private)),
        "Declared `private`: member classes only, read from their `InnerClasses` entry as ArchUnit does.",
        "arePrivate()",
    ),
    def(
        "modifier",
        Fluent::Have,
        &[A::Modifier],
        |a| {
            class(match a.modifier(0) {
                JavaModifier::Visibility(v) => ClassPred::Visibility(v),
                JavaModifier::Other(m) => ClassPred::Modifier(m),
            })
        },
        "Has the `JavaModifier` (`STATIC`, `FINAL`, `ABSTRACT`, `SYNTHETIC`...).",
        "haveModifier(JavaModifier.ABSTRACT)",
    ),
    def("final", Fluent::Are, &[], |_| class(ClassPred::Modifier(Modifier::Final)), "Declared `final`.", "areFinal()"),
    def(
        "abstract",
        Fluent::Are,
        &[],
        |_| class(ClassPred::Modifier(Modifier::Abstract)),
        "Declared `abstract` (interfaces are abstract too).",
        "areAbstract()",
    ),
    def(
        "static",
        Fluent::Are,
        &[],
        |_| class(ClassPred::Modifier(Modifier::Static)),
        "A `static` member class (nested interfaces, enums and records are implicitly static).",
        "areStatic()",
    ),
    def(
        "interfaces",
        Fluent::Are,
        &[],
        |_| class(ClassPred::Kind(ClassKind::Interface)),
        "Interfaces, annotation types included.",
        "areInterfaces()",
    ),
    def("enums", Fluent::Are, &[], |_| class(ClassPred::Kind(ClassKind::Enum)), "Enum types.", "areEnums()"),
    def("records", Fluent::Are, &[], |_| class(ClassPred::Kind(ClassKind::Record)), "Records.", "areRecords()"),
    def(
        "annotations",
        Fluent::Are,
        &[],
        |_| class(ClassPred::Kind(ClassKind::Annotation)),
        "Annotation types.",
        "areAnnotations()",
    ),
    def(
        "topLevelClasses",
        Fluent::Are,
        &[],
        |_| class(ClassPred::Kind(ClassKind::TopLevel)),
        "Classes not declared inside another class.",
        "areTopLevelClasses()",
    ),
    def(
        "nestedClasses",
        Fluent::Are,
        &[],
        |_| class(ClassPred::Kind(ClassKind::Nested)),
        "Member, inner, local or anonymous classes.",
        "areNestedClasses()",
    ),
    def(
        "memberClasses",
        Fluent::Are,
        &[],
        |_| class(ClassPred::Kind(ClassKind::Member)),
        "Named classes declared as members of another class.",
        "areMemberClasses()",
    ),
    def(
        "innerClasses",
        Fluent::Are,
        &[],
        |_| class(ClassPred::Kind(ClassKind::Inner)),
        "Non-static nested classes.",
        "areInnerClasses()",
    ),
    def(
        "anonymousClasses",
        Fluent::Are,
        &[],
        |_| class(ClassPred::Kind(ClassKind::Anonymous)),
        "Anonymous classes.",
        "areAnonymousClasses()",
    ),
    def(
        "localClasses",
        Fluent::Are,
        &[],
        |_| class(ClassPred::Kind(ClassKind::Local)),
        "Classes declared inside a method.",
        "areLocalClasses()",
    ),
    def(
        "annotatedWith",
        Fluent::Are,
        ANNOTATION_PRED,
        |a| class(ClassPred::AnnotatedWith(a.annotation(0))),
        "Carries an annotation of that type (or matching the annotation predicate).",
        "areAnnotatedWith(\"org.jspecify.annotations.NullMarked\")",
    ),
    def(
        "metaAnnotatedWith",
        Fluent::Are,
        ANNOTATION_PRED,
        |a| class(ClassPred::MetaAnnotatedWith(a.annotation(0))),
        "Annotated with it, or with an annotation that is itself (meta-)annotated with it.",
        "areMetaAnnotatedWith(\"org.springframework.stereotype.Component\")",
    ),
    def(
        "assignableTo",
        Fluent::Are,
        CLASS_PRED,
        |a| class(ClassPred::AssignableTo(Box::new(a.class(0)))),
        "The class, a superclass or an implemented interface is the type (or matches).",
        "areAssignableTo(\"org.gradle.api.Task\")",
    ),
    def(
        "assignableFrom",
        Fluent::Are,
        CLASS_PRED,
        |a| class(ClassPred::AssignableFrom(Box::new(a.class(0)))),
        "The type (or a matching class) is the class or one of its subtypes.",
        "areAssignableFrom(\"java.util.ArrayList\")",
    ),
    def(
        "accessedByClassesThat",
        Fluent::Are,
        CLASS_PRED,
        |a| class(ClassPred::AccessedByClassesThat(Box::new(a.class(0)))),
        "Some access to the class (a call, a field access, a method or constructor reference) comes from a matching class.",
        "accessedByClassesThat(implement(\"org.gradle.api.Plugin\"))",
    ),
    def(
        "implement",
        Fluent::Verb,
        CLASS_PRED,
        |a| class(ClassPred::Implement(Box::new(a.class(0)))),
        "Not an interface, and implements the interface (directly or inherited).",
        "implement(\"java.io.Serializable\")",
    ),
    def(
        "containAnyMembersThat",
        Fluent::Verb,
        MEMBER_PRED,
        |a| class(ClassPred::ContainAny(MemberKind::Member, Box::new(a.member(0)))),
        "Declares a field, constructor, method or initializer that matches.",
        "containAnyMembersThat(haveModifier(JavaModifier.PUBLIC))",
    ),
    def(
        "containAnyFieldsThat",
        Fluent::Verb,
        MEMBER_PRED,
        |a| class(ClassPred::ContainAny(MemberKind::Field, Box::new(a.member(0)))),
        "Declares a field that matches.",
        "containAnyFieldsThat(haveRawType(\"java.util.Optional\"))",
    ),
    def(
        "containAnyCodeUnitsThat",
        Fluent::Verb,
        MEMBER_PRED,
        |a| class(ClassPred::ContainAny(MemberKind::CodeUnit, Box::new(a.member(0)))),
        "Declares a method, constructor or initializer that matches.",
        "containAnyCodeUnitsThat(areAnnotatedWith(\"javax.inject.Inject\"))",
    ),
    def(
        "containAnyMethodsThat",
        Fluent::Verb,
        MEMBER_PRED,
        |a| class(ClassPred::ContainAny(MemberKind::Method, Box::new(a.member(0)))),
        "Declares a method that matches.",
        "containAnyMethodsThat(areAnnotatedWith(\"org.gradle.api.tasks.TaskAction\"))",
    ),
    def(
        "containAnyConstructorsThat",
        Fluent::Verb,
        MEMBER_PRED,
        |a| class(ClassPred::ContainAny(MemberKind::Constructor, Box::new(a.member(0)))),
        "Declares a constructor that matches.",
        "containAnyConstructorsThat(arePublic())",
    ),
    def(
        "containAnyStaticInitializersThat",
        Fluent::Verb,
        MEMBER_PRED,
        |a| class(ClassPred::ContainAny(MemberKind::StaticInitializer, Box::new(a.member(0)))),
        "Has a static initializer that matches.",
        "containAnyStaticInitializersThat(name(\"<clinit>\"))",
    ),
    def(
        "containAnyMethodsInClassHierarchyThat",
        Fluent::Verb,
        MEMBER_PRED,
        |a| class(in_hierarchy(MemberKind::Method, a.member(0))),
        "The class or a supertype declares a method that matches (Nebula's predicate).",
        "containAnyMethodsInClassHierarchyThat(areAnnotatedWith(\"org.gradle.api.tasks.Input\"))",
    ),
    def(
        "containAnyFieldsInClassHierarchyThat",
        Fluent::Verb,
        MEMBER_PRED,
        |a| class(in_hierarchy(MemberKind::Field, a.member(0))),
        "The class or a supertype declares a field that matches (Nebula's predicate).",
        "containAnyFieldsInClassHierarchyThat(areAnnotatedWith(\"org.gradle.api.tasks.Input\"))",
    ),
    def(
        "annotatedWithAny",
        Fluent::Are,
        &[A::TypeNames],
        |a| class(ClassPred::AnnotatedWith(any_of_types(&a.strs(0)))),
        "Carries an annotation of one of these types (Nebula's `annotatedWithAny`).",
        "areAnnotatedWithAny(\"javax.inject.Inject\", \"jakarta.inject.Inject\")",
    ),
    def(
        "deprecated",
        Fluent::Are,
        &[],
        |_| class(ClassPred::Deprecated),
        "Annotated with `@java.lang.Deprecated`, `@kotlin.Deprecated` or `@kotlin.DeprecatedSinceKotlin`, or with the class-file `Deprecated` attribute (Scala's `@deprecated`).",
        "areDeprecated()",
    ),
    def(
        "deprecatedForRemoval",
        Fluent::Are,
        &[],
        |_| class(ClassPred::DeprecatedForRemoval),
        "Annotated with `@java.lang.Deprecated(forRemoval = true)`.",
        "areDeprecatedForRemoval()",
    ),
    def(
        "kotlin",
        Fluent::Are,
        &[],
        |_| class(ClassPred::Kotlin),
        "Compiled from Kotlin: carries `@kotlin.Metadata`.",
        "areNotKotlin()",
    ),
    def(
        "scala",
        Fluent::Are,
        &[],
        |_| class(ClassPred::Scala),
        "Compiled from Scala: a `ScalaSig` or `Scala` attribute, the `ScalaSignature` annotation, or an `object`'s module class.",
        "areNotScala()",
    ),
    def(
        "kotlinInternal",
        Fluent::Are,
        &[],
        |_| class(ClassPred::KotlinInternal),
        "A Kotlin class declared `internal` (public in the class file; read from `kotlin.Metadata`).",
        "areKotlinInternal()",
    ),
    def(
        "nullMarked",
        Fluent::Are,
        &[],
        |_| class(ClassPred::NullMarked),
        "`@org.jspecify.annotations.NullMarked` on the class, an enclosing class or the package; or a Kotlin or Scala class.",
        "areNullMarked()",
    ),
    def(
        "resideInPackageAnnotatedWith",
        Fluent::Verb,
        ANNOTATION_PRED,
        |a| class(ClassPred::ResideInPackageAnnotatedWith(a.annotation(0))),
        "The package's `package-info` carries the annotation.",
        "resideInPackageAnnotatedWith(\"org.jspecify.annotations.NullMarked\")",
    ),
    def(
        "fromArtifact",
        Fluent::Are,
        &[A::Artifact, A::OptVersion],
        |a| {
            let coordinates = a.str(0);
            let (group, artifact) = coordinates.split_once(':').unwrap_or((coordinates.as_str(), "*"));
            class(ClassPred::FromArtifact {
                group: group.to_owned(),
                artifact: artifact.to_owned(),
                version: a.version(1),
            })
        },
        "Read from the Maven artifact `group:artifact` (`*` for any artifact), optionally in a version range.",
        "fromArtifact(\"com.google.guava:guava\", \"<24.1.1\")",
    ),
    def(
        "type",
        Fluent::None,
        &[A::TypeName],
        |a| class(ClassPred::FullName(StringMatch::Equals(a.str(0)))),
        "Exactly this class (ArchUnit's `JavaClass.Predicates.type`); also `equivalentTo`.",
        "dependOnClassesThat(type(DateTime.class))",
    ),
    def(
        "equivalentTo",
        Fluent::Are,
        &[A::TypeName],
        |a| class(ClassPred::FullName(StringMatch::Equals(a.str(0)))),
        "Exactly this class.",
        "areEquivalentTo(java.util.Date.class)",
    ),
];
