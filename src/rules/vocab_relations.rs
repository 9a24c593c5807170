//! Access, dependency and annotation predicates: one entry each. See [`super::vocab`].

use super::ir::{AccessKind, AccessPred, AnnotationPred, DependencyPred, Pred};
use super::vocab::{ArgKind as A, Args, Domain, Fluent, PredicateDef};

const fn def(
    domain: Domain,
    name: &'static str,
    args: &'static [A],
    build: fn(&Args) -> Pred,
    doc: &'static str,
    example: &'static str,
) -> PredicateDef {
    PredicateDef { domain, name, fluent: Fluent::None, args, build, doc, example }
}

fn access(p: AccessPred) -> Pred {
    Pred::Access(p)
}

fn dependency(p: DependencyPred) -> Pred {
    Pred::Dependency(p)
}

const CLASS_PRED: &[A] = &[A::Pred(Domain::Class)];
const MEMBER_PRED: &[A] = &[A::Pred(Domain::Member)];

pub static ACCESS_PREDICATES: &[PredicateDef] = &[
    def(
        Domain::Access,
        "origin",
        MEMBER_PRED,
        |a| access(AccessPred::Origin(a.member(0))),
        "The code unit making the access matches (a lambda's accesses belong to its enclosing method).",
        "origin(is(annotatedWith(\"org.gradle.api.tasks.TaskAction\")))",
    ),
    def(
        Domain::Access,
        "originOwner",
        CLASS_PRED,
        |a| access(AccessPred::OriginOwner(a.class(0))),
        "The class making the access matches.",
        "originOwner(resideInAPackage(\"..test..\"))",
    ),
    def(
        Domain::Access,
        "target",
        MEMBER_PRED,
        |a| access(AccessPred::Target(a.member(0))),
        "The accessed field, method or constructor matches.",
        "target(doesNot(have(rawParameterTypes(\"org.joda.time.DateTimeZone\"))))",
    ),
    def(
        Domain::Access,
        "targetOwner",
        CLASS_PRED,
        |a| access(AccessPred::TargetOwner(a.class(0))),
        "The class named by the instruction (not necessarily the declaring class) matches.",
        "targetOwner(assignableTo(DateTime.class))",
    ),
    def(
        Domain::Access,
        "inTheSamePackage",
        &[],
        |_| access(AccessPred::InTheSamePackage),
        "Origin and target owner are in the same package.",
        "not(inTheSamePackage())",
    ),
    def(
        Domain::Access,
        "targetHasOwnerInSamePackage",
        &[],
        |_| access(AccessPred::InTheSamePackage),
        "Nebula's name for `inTheSamePackage()`.",
        "not(targetHasOwnerInSamePackage())",
    ),
    def(
        Domain::Access,
        "fieldAccess",
        &[],
        |_| access(AccessPred::Kind(AccessKind::Field)),
        "A field get or set.",
        "is(fieldAccess())",
    ),
    def(
        Domain::Access,
        "methodCall",
        &[],
        |_| access(AccessPred::Kind(AccessKind::MethodCall)),
        "A method call.",
        "is(methodCall())",
    ),
    def(
        Domain::Access,
        "constructorCall",
        &[],
        |_| access(AccessPred::Kind(AccessKind::ConstructorCall)),
        "A constructor call.",
        "is(constructorCall())",
    ),
    def(
        Domain::Access,
        "codeUnitReference",
        &[],
        |_| access(AccessPred::Kind(AccessKind::CodeUnitReference)),
        "A method or constructor reference (`X::m`, `X::new`).",
        "is(codeUnitReference())",
    ),
];

pub static DEPENDENCY_PREDICATES: &[PredicateDef] = &[
    def(
        Domain::Dependency,
        "dependencyOrigin",
        CLASS_PRED,
        |a| dependency(DependencyPred::Origin(a.class(0))),
        "The class the dependency starts from matches.",
        "dependencyOrigin(resideInAPackage(\"..app..\"))",
    ),
    def(
        Domain::Dependency,
        "dependencyTarget",
        CLASS_PRED,
        |a| dependency(DependencyPred::Target(a.class(0))),
        "The class depended on matches.",
        "dependencyTarget(is(deprecated()))",
    ),
    def(
        Domain::Dependency,
        "originClass",
        CLASS_PRED,
        |a| dependency(DependencyPred::Origin(a.class(0))),
        "Same as `dependencyOrigin`.",
        "originClass(areNotKotlin())",
    ),
    def(
        Domain::Dependency,
        "targetClass",
        CLASS_PRED,
        |a| dependency(DependencyPred::Target(a.class(0))),
        "Same as `dependencyTarget`.",
        "targetClass(resideInAPackage(\"javax..\"))",
    ),
    def(
        Domain::Dependency,
        "resideInSamePackage",
        &[],
        |_| dependency(DependencyPred::ResideInSamePackage),
        "Origin and target class are in the same package.",
        "doNot(resideInSamePackage())",
    ),
    def(
        Domain::Dependency,
        "dependencyType",
        &[A::DependencyKinds],
        |a| dependency(DependencyPred::Kind(a.dependency_kinds(0))),
        "The dependency is one of these kinds: EXTENDS, IMPLEMENTS, CALLS_METHOD, CALLS_CONSTRUCTOR, \
         GETS_FIELD, SETS_FIELD, REFERENCES_METHOD, REFERENCES_CONSTRUCTOR, FIELD_TYPE, RETURN_TYPE, \
         PARAMETER_TYPE, THROWS_TYPE, CATCHES_TYPE, ANNOTATED_WITH, ANNOTATION_MEMBER_TYPE, INSTANCE_OF, \
         CLASS_OBJECT, TYPE_PARAMETER, GENERIC_TYPE_ARGUMENT, COMPONENT_TYPE.",
        "dependencyType(EXTENDS, IMPLEMENTS)",
    ),
];

pub static ANNOTATION_PREDICATES: &[PredicateDef] = &[
    def(
        Domain::Annotation,
        "annotationType",
        CLASS_PRED,
        |a| Pred::Annotation(AnnotationPred::Type(Box::new(a.class(0)))),
        "The annotation's type is the type (or matches).",
        "annotatedWith(annotationType(resideInAPackage(\"javax.annotation..\")))",
    ),
    def(
        Domain::Annotation,
        "rawType",
        CLASS_PRED,
        |a| Pred::Annotation(AnnotationPred::Type(Box::new(a.class(0)))),
        "Same as `annotationType` (ArchUnit's `HasType.Predicates.rawType`).",
        "annotatedWith(rawType(\"java.lang.Deprecated\"))",
    ),
    def(
        Domain::Annotation,
        "annotationValue",
        &[A::Str, A::Value],
        |a| Pred::Annotation(AnnotationPred::Value { name: a.str(0), value: a.value(1) }),
        "The element has the value (explicit or the type's default; arrays: contains it).",
        "annotatedWith(\"java.lang.Deprecated\").and(annotationValue(\"forRemoval\", true))",
    ),
];
