//! Conditions (the `should` part) beyond "has property X": one entry each. Property conditions
//! (`beAnnotatedWith`, `haveRawType`...) come from the predicate tables' `should()` forms.

use super::ir::{AccessKind, AccessPred, ClassPred, Condition};
use super::vocab::{ArgKind as A, Args, ConditionDef, Domain, Target};

const CLASSES: &[Target] = &[Target::Classes];
const CLASSES_AND_CODE_UNITS: &[Target] = &[Target::Classes, Target::CodeUnits];
const CLASS_PRED: &[A] = &[A::Pred(Domain::Class)];
const ACCESS_PRED: &[A] = &[A::Pred(Domain::Access)];

const fn chained(
    name: &'static str,
    applies_to: &'static [Target],
    build: fn(&Args) -> Condition,
    doc: &'static str,
    example: &'static str,
) -> ConditionDef {
    ConditionDef { name, then: None, applies_to, args: CLASS_PRED, chained: true, build, doc, example }
}

const fn plain(
    name: &'static str,
    applies_to: &'static [Target],
    args: &'static [A],
    build: fn(&Args) -> Condition,
    doc: &'static str,
    example: &'static str,
) -> ConditionDef {
    ConditionDef { name, then: None, applies_to, args, chained: false, build, doc, example }
}

fn access_where(kind: AccessKind, a: &Args) -> Condition {
    Condition::AccessWhere { kind, pred: a.access(0) }
}

fn access_to(kind: AccessKind, owner: String, name: String, parameter_types: Option<Vec<String>>) -> Condition {
    Condition::AccessWhere { kind, pred: AccessPred::TargetIs { owner, name, parameter_types } }
}

pub static CONDITIONS: &[ConditionDef] = &[
    chained(
        "dependOnClassesThat",
        CLASSES,
        |a| Condition::DependOnClassesThat(a.class(0)),
        "Some direct dependency (calls, field types, supertypes, annotations...) targets a matching class.",
        "dependOnClassesThat().haveFullyQualifiedName(\"com.google.common.base.Optional\")",
    ),
    chained(
        "onlyDependOnClassesThat",
        CLASSES,
        |a| Condition::OnlyDependOnClassesThat(a.class(0)),
        "Every direct dependency targets a matching class.",
        "onlyDependOnClassesThat().resideInAnyPackage(\"java..\", \"com.example..\")",
    ),
    plain(
        "haveAnyDependenciesThat",
        CLASSES,
        &[A::Pred(Domain::Dependency)],
        |a| Condition::HaveAnyDependenciesThat(a.dependency(0)),
        "Some direct dependency matches the dependency predicate.",
        "haveAnyDependenciesThat(doNot(resideInSamePackage()).and(dependencyTarget(is(deprecated()))))",
    ),
    chained(
        "onlyHaveDependentClassesThat",
        CLASSES,
        |a| Condition::OnlyHaveDependentClassesThat(a.class(0)),
        "Every class depending on this one matches.",
        "onlyHaveDependentClassesThat().resideInAPackage(\"..service..\")",
    ),
    chained(
        "transitivelyDependOnClassesThat",
        CLASSES,
        |a| Condition::TransitivelyDependOnClassesThat(a.class(0)),
        "A class reached through one or more dependencies matches.",
        "transitivelyDependOnClassesThat().resideInAPackage(\"javax.servlet..\")",
    ),
    chained(
        "accessClassesThat",
        CLASSES_AND_CODE_UNITS,
        |a| Condition::AccessClassesThat(a.class(0)),
        "Some field access, call or reference targets a member of a matching class.",
        "accessClassesThat().resideInAPackage(\"..internal..\")",
    ),
    chained(
        "onlyAccessClassesThat",
        CLASSES_AND_CODE_UNITS,
        |a| Condition::OnlyAccessClassesThat(a.class(0)),
        "Every access targets a member of a matching class.",
        "onlyAccessClassesThat().resideInAnyPackage(\"java..\", \"com.example..\")",
    ),
    plain(
        "accessTargetWhere",
        CLASSES_AND_CODE_UNITS,
        ACCESS_PRED,
        |a| access_where(AccessKind::Any, a),
        "Some access (field get/set, call, method reference) matches the access predicate.",
        "accessTargetWhere(targetOwner(is(deprecated())))",
    ),
    plain(
        "accessFieldWhere",
        CLASSES_AND_CODE_UNITS,
        ACCESS_PRED,
        |a| access_where(AccessKind::Field, a),
        "Some field get or set matches.",
        "accessFieldWhere(target(have(name(\"UTC\"))))",
    ),
    plain(
        "getFieldWhere",
        CLASSES_AND_CODE_UNITS,
        ACCESS_PRED,
        |a| access_where(AccessKind::FieldGet, a),
        "Some field read matches.",
        "getFieldWhere(targetOwner(type(System.class)))",
    ),
    plain(
        "setFieldWhere",
        CLASSES_AND_CODE_UNITS,
        ACCESS_PRED,
        |a| access_where(AccessKind::FieldSet, a),
        "Some field write matches.",
        "setFieldWhere(target(is(static())))",
    ),
    plain(
        "callMethodWhere",
        CLASSES_AND_CODE_UNITS,
        ACCESS_PRED,
        |a| access_where(AccessKind::MethodCall, a),
        "Some method call matches.",
        "callMethodWhere(target(name(\"task\")).and(targetOwner(assignableTo(\"org.gradle.api.Project\"))))",
    ),
    plain(
        "callConstructorWhere",
        CLASSES_AND_CODE_UNITS,
        ACCESS_PRED,
        |a| access_where(AccessKind::ConstructorCall, a),
        "Some constructor call matches.",
        "callConstructorWhere(targetOwner(assignableTo(DateTime.class)))",
    ),
    plain(
        "callCodeUnitWhere",
        CLASSES_AND_CODE_UNITS,
        ACCESS_PRED,
        |a| access_where(AccessKind::CodeUnitCall, a),
        "Some method or constructor call matches.",
        "callCodeUnitWhere(target(is(deprecated())))",
    ),
    plain(
        "accessField",
        CLASSES_AND_CODE_UNITS,
        &[A::TypeName, A::Str],
        |a| access_to(AccessKind::Field, a.str(0), a.str(1), None),
        "Reads or writes the field `owner.name`.",
        "accessField(System.class, \"out\")",
    ),
    plain(
        "getField",
        CLASSES_AND_CODE_UNITS,
        &[A::TypeName, A::Str],
        |a| access_to(AccessKind::FieldGet, a.str(0), a.str(1), None),
        "Reads the field `owner.name`.",
        "getField(System.class, \"out\")",
    ),
    plain(
        "setField",
        CLASSES_AND_CODE_UNITS,
        &[A::TypeName, A::Str],
        |a| access_to(AccessKind::FieldSet, a.str(0), a.str(1), None),
        "Writes the field `owner.name`.",
        "setField(\"com.example.Config\", \"instance\")",
    ),
    plain(
        "callMethod",
        CLASSES_AND_CODE_UNITS,
        &[A::TypeName, A::Str, A::TypeNames],
        |a| access_to(AccessKind::MethodCall, a.str(0), a.str(1), Some(a.strs(2))),
        "Calls `owner.name(parameter types...)` (exactly these parameter types).",
        "callMethod(System.class, \"exit\", \"int\")",
    ),
    plain(
        "callConstructor",
        CLASSES_AND_CODE_UNITS,
        &[A::TypeName, A::TypeNames],
        |a| access_to(AccessKind::ConstructorCall, a.str(0), "<init>".to_owned(), Some(a.strs(1))),
        "Calls the constructor `owner(parameter types...)`.",
        "callConstructor(DateTime.class)",
    ),
    ConditionDef {
        name: "onlyBeAccessed",
        then: Some("byClassesThat"),
        applies_to: &[Target::Classes, Target::Members],
        args: CLASS_PRED,
        chained: true,
        build: |a| Condition::OnlyBeAccessedByClassesThat(a.class(0)),
        doc: "Every access to the class (to its members) or to the member comes from a matching class.",
        example: "onlyBeAccessed().byClassesThat().resideInAPackage(\"..service..\")",
    },
    ConditionDef {
        name: "onlyBeAccessed",
        then: Some("byAnyPackage"),
        applies_to: &[Target::Classes, Target::Members],
        args: &[A::Packages],
        chained: false,
        build: |a| Condition::OnlyBeAccessedByClassesThat(ClassPred::ResideInAnyPackage(a.strs(0))),
        doc: "Every access comes from a class in one of the packages.",
        example: "onlyBeAccessed().byAnyPackage(\"..service..\", \"..web..\")",
    },
    ConditionDef {
        name: "onlyBeCalled",
        then: Some("byClassesThat"),
        applies_to: &[Target::CodeUnits],
        args: CLASS_PRED,
        chained: true,
        build: |a| Condition::OnlyBeCalledByClassesThat(a.class(0)),
        doc: "Every call to the method or constructor comes from a matching class.",
        example: "onlyBeCalled().byClassesThat().areAnnotatedWith(\"org.junit.jupiter.api.Test\")",
    },
    plain(
        "beFreeOfCycles",
        &[Target::Slices],
        &[],
        |_| Condition::BeFreeOfCycles,
        "No cycle of dependencies between slices.",
        "beFreeOfCycles()",
    ),
    plain(
        "notDependOnEachOther",
        &[Target::Slices],
        &[],
        |_| Condition::NotDependOnEachOther,
        "No slice depends on another (ArchUnit has no `noSlices()`; this is how it is written). Each pair of slices \
         with dependencies between them is one violation; targets outside the analysed classes count when their \
         package matches the pattern.",
        "notDependOnEachOther()",
    ),
];
