//! The rule IR: what the DSL, the Rust builder and plugins produce and what the engine evaluates.
//!
//! The IR is closed (no `#[non_exhaustive]`): the engine matches every variant. Each variant's doc
//! comment states what counts as a match; where ArchUnit defines the meaning, the IR follows ArchUnit
//! 1.x. Names are compared as the graph writes them: binary names with `$` for nested classes
//! (`java.util.Map$Entry`), arrays in JVM form (`[Ljava.lang.String;`, `[I`), primitives by keyword
//! (`int`). The DSL normalises source forms (`String[]`) before they reach the IR.
//!
//! The IR serialises with serde (externally tagged, snake_case): plugins and tests exchange it as JSON.

use crate::findings::Priority;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One `.arch` file (or one plugin's rule set): Nebula's rule class.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pack {
    /// Nebula's `ruleClass`, e.g. `archrules.guava`.
    pub id: String,
    pub description: Option<String>,
    /// Where the pack came from (`bundled`, a path, `x.jar!/META-INF/archrules/y.arch`); set by the loader.
    pub origin: String,
    /// The pack's parameters with the values used for this lowering (declared default or config override).
    pub params: BTreeMap<String, String>,
    /// `fix` in the pack header: recipes that fix violations of every rule of the pack (each rule's
    /// [`Rule::fixes`] already includes them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fixes: Vec<Fix>,
    pub rules: Vec<Rule>,
}

/// One rule: `priority(P).[no]<subject>().that(..).should(..)...because(..)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    /// The id of the pack declaring the rule.
    pub pack: String,
    /// The rule's key within its pack, Nebula's `ruleName` (e.g. `guava optional`).
    pub name: String,
    pub priority: Priority,
    pub subject: Subject,
    /// `no<Subject>()`: every selected element must satisfy `never(conditions)`: a violation is
    /// reported for each event that would have made `conditions` hold.
    pub negated: bool,
    /// Selects the elements the rule checks. `None` selects every element of the subject's kind among
    /// the analysed classes (not the classpath). The variant matches the subject: [`Pred::Class`] for
    /// `Classes`, [`Pred::Member`] for the member subjects, `None` for `Slices` and `Layered`.
    pub that: Option<Pred>,
    /// The `should` part. For `Layered` it is always [`Condition::RespectLayers`].
    pub conditions: CondExpr,
    pub because: Option<String>,
    /// `.as("...")`: replaces the generated description (`because` is still appended).
    pub description_override: Option<String>,
    /// When false (ArchUnit's default), a rule whose `that` selects nothing fails with `NO_MATCH`.
    pub allow_empty_should: bool,
    /// The DSL text of the rule, for `archrules explain`; `None` for builder-made rules.
    pub source: Option<String>,
    /// OpenRewrite recipes that fix the rule's violations: the rule's own `fix` clauses, then its pack's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fixes: Vec<Fix>,
    /// The rule's own violation texts, as Nebula's custom conditions write theirs
    /// (`SimpleConditionEvent.violated(obj, message)`): the first case that applies to a violation rewrites its
    /// message. Empty: ArchUnit's text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub messages: Vec<ViolationMessage>,
}

/// `violationMessage(..)`: a violation text made from the violating element, for one case or all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViolationMessage {
    /// Which violations the text is for; `None`: any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<MessageWhen>,
    /// The text with `{placeholder}`s ([`crate::rules::message`]).
    pub template: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageWhen {
    /// The rule's subject (the class, or the member) matches: a predicate of the subject's domain.
    Subject(Pred),
    /// The violation's target class (of a dependency or access) matches.
    Target(ClassPred),
}

/// `fix "<recipe id>" from "<group:artifact>" [with (option = "value", ...)]`: an OpenRewrite recipe that fixes a
/// rule's violations. archrules only names the recipe; OpenRewrite (run by the user's build tool) applies it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Fix {
    /// The recipe's fully qualified name, e.g. `org.openrewrite.java.migrate.guava.PreferJavaUtilOptional`.
    pub recipe: String,
    /// The Maven `group:artifact` of the recipe module declaring it, e.g. `org.openrewrite.recipe:rewrite-migrate-java`.
    pub module: String,
    /// The recipe's options (`newVersion = "32.0.0-jre"`), for recipes that take them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub options: BTreeMap<String, String>,
}

impl Fix {
    pub fn new(recipe: &str, module: &str) -> Fix {
        Fix { recipe: recipe.to_owned(), module: module.to_owned(), options: BTreeMap::new() }
    }

    /// With one more option.
    pub fn option(mut self, name: &str, value: &str) -> Fix {
        self.options.insert(name.to_owned(), value.to_owned());
        self
    }
}

/// What a rule is about. Member subjects range over members of the analysed classes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    Classes,
    /// Fields, constructors, methods and static initializers.
    Members,
    Fields,
    Methods,
    Constructors,
    /// Methods, constructors and static initializers.
    CodeUnits,
    /// `slices().matching(pattern)`: the analysed classes grouped by the `(*)`/`(**)` captures of an
    /// ArchUnit package pattern (see [`crate::rules::package_pattern`]); classes whose package does not
    /// match belong to no slice. A slice's name is its captures joined by ` - ` (ArchUnit's `Slice a - b`).
    /// ArchUnit has no `noSlices()`: "no slice may depend on another" is
    /// `slices().matching(..).should().notDependOnEachOther()` ([`Condition::NotDependOnEachOther`]).
    Slices {
        matching: String,
    },
    /// `layeredArchitecture()...`: the layers and their access constraints.
    Layered(LayeredArchitecture),
}

/// A typed predicate: the `that` of a rule, and the currency of the lowering pass.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pred {
    Class(ClassPred),
    Member(MemberPred),
    Access(AccessPred),
    Dependency(DependencyPred),
    Annotation(AnnotationPred),
}

/// A string test. `Matches` is a Rust-regex that must match the WHOLE string (Java's
/// `Pattern.matches`): the engine compiles it as `^(?:re)$`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StringMatch {
    Equals(String),
    StartsWith(String),
    Contains(String),
    EndsWith(String),
    Matches(String),
}

/// Java visibility; `PackagePrivate` is the absence of `public`, `protected` and `private`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    Public,
    Protected,
    PackagePrivate,
    Private,
}

/// `ACC_*` flags that ArchUnit exposes as `JavaModifier` (other than visibility).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Modifier {
    Static,
    Final,
    Abstract,
    Synchronized,
    Native,
    Transient,
    Volatile,
    Synthetic,
    Bridge,
}

/// The kinds of classes ArchUnit distinguishes (`JavaClass.isX()`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClassKind {
    /// `ACC_INTERFACE` (annotations included, as in ArchUnit).
    Interface,
    /// `ACC_ENUM` on the class (enum constants with bodies are anonymous classes, not enums).
    Enum,
    /// Extends `java.lang.Record`.
    Record,
    /// `ACC_ANNOTATION`.
    Annotation,
    /// Not nested in another class (no `InnerClasses` entry naming it as inner, no `EnclosingMethod`).
    TopLevel,
    /// Any class declared inside another: member, inner, local or anonymous.
    Nested,
    /// A named class declared as a member of another class (static or not).
    Member,
    /// A non-static nested class: non-static member, local or anonymous.
    Inner,
    Anonymous,
    Local,
}

/// Which members a member predicate or subject ranges over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberKind {
    /// Fields, constructors, methods, static initializers.
    Member,
    Field,
    /// Methods, constructors, static initializers.
    CodeUnit,
    Method,
    Constructor,
    StaticInitializer,
}

/// A predicate on classes (ArchUnit's `DescribedPredicate<JavaClass>`). Classes not imported
/// (classpath stubs) have only a name: predicates needing more (annotations, modifiers, supertypes
/// beyond what is known) are false for them, as in ArchUnit with missing dependencies not resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClassPred {
    And(Box<ClassPred>, Box<ClassPred>),
    Or(Box<ClassPred>, Box<ClassPred>),
    Not(Box<ClassPred>),
    /// The inner predicate with a description of its own (`.as("...")`); matches as the inner one.
    Described(Box<ClassPred>, String),
    /// The fully qualified binary name (`a.b.C$D`, `[I`).
    FullName(StringMatch),
    /// The simple name: `D` for `a.b.C$D`, empty for anonymous classes, `String[]` for arrays.
    SimpleName(StringMatch),
    /// The package (`a.b` for `a.b.C`, `java.lang` for arrays' component packages as ArchUnit does)
    /// matches at least one ArchUnit package pattern.
    ResideInAnyPackage(Vec<String>),
    /// The package matches none of the patterns.
    ResideOutsideOfPackages(Vec<String>),
    /// The declared visibility. As in ArchUnit, a member class's modifiers are those of its own `InnerClasses`
    /// entry (javac writes a `private` member class package private and a `protected` one public in its class file).
    Visibility(Visibility),
    /// Has the modifier (`static` for member classes, from `InnerClasses` as for [`ClassPred::Visibility`]).
    Modifier(Modifier),
    Kind(ClassKind),
    /// One of the class's own annotations (visible or CLASS-retention) matches.
    AnnotatedWith(AnnotationPred),
    /// An annotation matches, or the type of an annotation (recursively, through annotation types'
    /// own annotations, each type visited once) carries a matching annotation.
    MetaAnnotatedWith(AnnotationPred),
    /// The class itself, its superclasses or any interface it implements (transitively) matches.
    AssignableTo(Box<ClassPred>),
    /// The class itself or any of its subclasses/implementations among the known classes matches.
    AssignableFrom(Box<ClassPred>),
    /// Some access to the class (a call, a field access, a method or constructor reference whose target owner is the
    /// class) comes from a class that matches: ArchUnit's `getAccessesToSelf()` by origin owner. Nebula's
    /// `referencedFromPlugin` decides with it which `*Extension` classes are Gradle extensions.
    AccessedByClassesThat(Box<ClassPred>),
    /// The class is not an interface and one of its interfaces (transitively, through superclasses and
    /// superinterfaces) matches.
    Implement(Box<ClassPred>),
    /// At least one of the class's own members (not inherited) of the given kind matches.
    ContainAny(MemberKind, Box<MemberPred>),
    /// Annotated with `java.lang.Deprecated`, `kotlin.Deprecated` or `kotlin.DeprecatedSinceKotlin`, or carrying the
    /// class-file `Deprecated` attribute (Scala's `@deprecated`; a departure from ArchUnit).
    Deprecated,
    /// Annotated with `java.lang.Deprecated` whose `forRemoval` element is `true`.
    DeprecatedForRemoval,
    /// Annotated with `kotlin.Metadata` (compiled by kotlinc).
    Kotlin,
    /// Compiled by scalac: a `ScalaSig` or `Scala` attribute, the `ScalaSignature` annotation, or the shape of an
    /// `object`'s module class (see `graph::Class::scala`). Not in ArchUnit.
    Scala,
    /// A Kotlin class declared `internal`: its `kotlin.Metadata` describes a class (`k = 1`) whose flags say
    /// `internal` (the class file says `public`). False for other classes, Kotlin file facades and synthetic
    /// classes, and when the metadata cannot be decoded. Not in ArchUnit.
    KotlinInternal,
    /// JSpecify null-marked: the class, an enclosing class, or its package's `package-info` is annotated
    /// with `org.jspecify.annotations.NullMarked`; or the class is Kotlin ([`ClassPred::Kotlin`]) or Scala.
    NullMarked,
    /// The `package-info` class of the class's package has a matching annotation.
    ResideInPackageAnnotatedWith(AnnotationPred),
    /// The class was read from an input whose Maven coordinates are `group:artifact` (`artifact` may be
    /// `*`) and, when `version` is set, whose version satisfies it. False when the origin is unknown.
    FromArtifact {
        group: String,
        artifact: String,
        version: Option<VersionReq>,
    },
}

/// A version requirement: every clause must hold. Versions compare Maven-style: split on `.` and `-`,
/// numeric parts numerically, numeric greater than textual, a missing part is less than any present.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionReq {
    pub clauses: Vec<(VersionOp, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VersionOp {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
}

/// A predicate on fields, code units, or access targets (ArchUnit's member and `AccessTarget`
/// predicates). For an access target the member is looked up by owner, name and descriptor through the
/// owner's hierarchy; predicates on what only the declaration knows (annotations, modifiers, throws)
/// are false when it cannot be found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberPred {
    And(Box<MemberPred>, Box<MemberPred>),
    Or(Box<MemberPred>, Box<MemberPred>),
    Not(Box<MemberPred>),
    Described(Box<MemberPred>, String),
    /// The member's name; constructors are `<init>`, static initializers `<clinit>`.
    Name(StringMatch),
    /// ArchUnit's full name: `a.B.f` for fields, `a.B.m(int, java.lang.String)` for code units.
    FullName(StringMatch),
    /// The member is of this kind.
    Kind(MemberKind),
    /// The declaring class (for access targets: the owner named by the instruction) matches.
    DeclaredIn(Box<ClassPred>),
    Visibility(Visibility),
    Modifier(Modifier),
    AnnotatedWith(AnnotationPred),
    MetaAnnotatedWith(AnnotationPred),
    Deprecated,
    DeprecatedForRemoval,
    /// A method or constructor of Kotlin code declared `internal` (public in the class file; read from the owner's
    /// `kotlin.Metadata`).
    KotlinInternal,
    /// A field whose raw (erased) type matches; false for code units.
    RawType(Box<ClassPred>),
    /// A method whose raw return type matches (`void` for constructors, so they match `void` only).
    RawReturnType(Box<ClassPred>),
    /// A code unit whose raw parameter types are exactly this list, in order (ArchUnit's
    /// `rawParameterTypes(String...)`); false for fields.
    RawParameterTypes(Vec<String>),
    /// A code unit with at least one parameter whose raw type matches (not in ArchUnit).
    AnyRawParameterType(Box<ClassPred>),
    /// A code unit whose `throws` clause lists a type that matches.
    DeclareThrowableOfType(Box<ClassPred>),
}

/// Which accesses an access condition looks at (`getAccessesFromSelf()` and its subsets).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccessKind {
    /// Field gets and sets, method and constructor calls, method and constructor references.
    Any,
    /// Field gets and sets.
    Field,
    FieldGet,
    FieldSet,
    /// Method and constructor calls (not references).
    CodeUnitCall,
    MethodCall,
    ConstructorCall,
    /// Method and constructor references (`X::m`, `X::new`).
    CodeUnitReference,
}

/// A predicate on one access (ArchUnit's `JavaAccess`): origin code unit → target member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccessPred {
    And(Box<AccessPred>, Box<AccessPred>),
    Or(Box<AccessPred>, Box<AccessPred>),
    Not(Box<AccessPred>),
    Described(Box<AccessPred>, String),
    /// The code unit containing the access (lambda bodies count as their enclosing method) matches.
    Origin(MemberPred),
    /// The class declaring the origin code unit matches.
    OriginOwner(ClassPred),
    /// The target member matches (see [`MemberPred`] for how targets are resolved).
    Target(MemberPred),
    /// The target's owner, the class named by the instruction (not the declaring class), matches.
    TargetOwner(ClassPred),
    /// Origin owner and target owner are in the same package.
    InTheSamePackage,
    /// The access is of this kind.
    Kind(AccessKind),
    /// `Owner.name(params)`: the target owner's name is `owner`, the target name is `name`, and when
    /// `parameter_types` is set the target's raw parameter types are exactly that list. Written by
    /// `callMethod(...)`, `accessField(...)` and friends.
    TargetIs {
        owner: String,
        name: String,
        parameter_types: Option<Vec<String>>,
    },
}

/// The kinds of dependency lines in ArchUnit's wording (see `ARCHUNIT-WORDING.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DependencyKind {
    Extends,
    Implements,
    CallsMethod,
    CallsConstructor,
    GetsField,
    SetsField,
    ReferencesMethod,
    ReferencesConstructor,
    FieldType,
    ReturnType,
    ParameterType,
    ThrowsType,
    CatchesType,
    AnnotatedWith,
    AnnotationMemberType,
    InstanceOf,
    ClassObject,
    TypeParameter,
    GenericTypeArgument,
    ComponentType,
}

/// A predicate on one dependency (`getDirectDependenciesFromSelf()` of a class: self-references and
/// primitives dropped).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DependencyPred {
    And(Box<DependencyPred>, Box<DependencyPred>),
    Or(Box<DependencyPred>, Box<DependencyPred>),
    Not(Box<DependencyPred>),
    Described(Box<DependencyPred>, String),
    /// The origin class (the class owning the origin member) matches.
    Origin(ClassPred),
    /// The target class matches.
    Target(ClassPred),
    /// Origin and target classes have the same package name.
    ResideInSamePackage,
    /// The dependency is of one of these kinds.
    Kind(Vec<DependencyKind>),
}

/// An annotation element value to compare with. For an array element, the value matches when the
/// array contains it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ElementValue {
    Bool(bool),
    /// Any integral element (`byte`, `short`, `char`, `int`, `long`).
    Int(i64),
    String(String),
    /// An enum constant, by constant name (`RUNTIME`).
    Enum(String),
    /// A class literal, by binary name.
    Class(String),
}

/// A predicate on one annotation (`JavaAnnotation`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnnotationPred {
    And(Box<AnnotationPred>, Box<AnnotationPred>),
    Or(Box<AnnotationPred>, Box<AnnotationPred>),
    Not(Box<AnnotationPred>),
    Described(Box<AnnotationPred>, String),
    /// The annotation's type matches (a name given as a string becomes `FullName(Equals(..))`).
    Type(Box<ClassPred>),
    /// The element `name` has `value`: the explicit value, else the annotation type's default when the
    /// type is in the graph. False when the element is absent.
    Value {
        name: String,
        value: ElementValue,
    },
}

/// The `should` part: conditions joined by `andShould`/`orShould`, left to right:
/// `A.orShould(B).andShould(C)` is `And(Or(A, B), C)`, as ArchUnit composes them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CondExpr {
    Cond(Condition),
    And(Box<CondExpr>, Box<CondExpr>),
    Or(Box<CondExpr>, Box<CondExpr>),
}

/// One `should` condition. The subjects it applies to are noted; the lowering rejects others.
/// "Holds" is for a non-negated rule; for a negated one, each event that makes it hold is a violation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    /// Classes: the class satisfies the predicate (`beAnnotatedWith`, `haveSimpleName`, `bePublic`...).
    /// Violation text is per class.
    ClassMatches(ClassPred),
    /// Member subjects: the member satisfies the predicate (`beStatic`, `haveRawType`...).
    MemberMatches(MemberPred),
    /// `should(ArchCondition.from(p))`, p a class or member predicate: the subject matches, as
    /// [`Condition::ClassMatches`], but worded as ArchUnit's `ConditionByPredicate`: described by `p` alone, events
    /// `satisfies <p>` / `does not satisfy <p>` (Nebula's task-inputs rule).
    Satisfies(Pred),
    /// Classes: some direct dependency's target class matches. Each such dependency is an event.
    DependOnClassesThat(ClassPred),
    /// Classes: every direct dependency's target class matches; each non-matching one is a violation.
    OnlyDependOnClassesThat(ClassPred),
    /// Classes: some direct dependency matches.
    HaveAnyDependenciesThat(DependencyPred),
    /// Classes: every dependency onto the class (`getDirectDependenciesToSelf()`) has a matching origin class.
    OnlyHaveDependentClassesThat(ClassPred),
    /// Classes: a class reachable through one or more direct dependencies (among the analysed
    /// classes, then one last step to any target) matches.
    TransitivelyDependOnClassesThat(ClassPred),
    /// Classes and code units: some access from self has a matching target owner.
    AccessClassesThat(ClassPred),
    /// Classes and code units: every access from self has a matching target owner.
    OnlyAccessClassesThat(ClassPred),
    /// Classes and code units: some access from self of `kind` matches `pred`
    /// (`accessTargetWhere`, `callMethodWhere`, `getFieldWhere`, `callMethod(...)`...).
    AccessWhere { kind: AccessKind, pred: AccessPred },
    /// Classes and members: every access to self (to the class's members, or to the member) comes
    /// from a class that matches. `onlyBeAccessed().byClassesThat(..)`.
    OnlyBeAccessedByClassesThat(ClassPred),
    /// Code units: every call to the code unit (not references or field accesses) comes from a class
    /// that matches. `onlyBeCalled().byClassesThat(..)`.
    OnlyBeCalledByClassesThat(ClassPred),
    /// Slices: no cycle of dependencies between slices.
    BeFreeOfCycles,
    /// Slices: no slice depends on another. A dependency's target belongs to the slice its package's captures
    /// name, analysed or not (ArchUnit transforms the dependencies' target classes into slices); each pair of
    /// slices with dependencies between them is one violation listing them.
    NotDependOnEachOther,
    /// Layered: every constraint of the subject's [`LayeredArchitecture`] holds.
    RespectLayers,
}

/// `layeredArchitecture()`: named layers defined by package patterns, and who may access whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LayeredArchitecture {
    pub considering: LayerDependencies,
    pub layers: Vec<Layer>,
    pub constraints: Vec<LayerConstraint>,
}

/// Which dependencies of a layer's classes are checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LayerDependencies {
    /// `consideringAllDependencies()` (the default): also dependencies onto classes in no layer.
    AllDependencies,
    /// `consideringOnlyDependenciesInLayers()`: only dependencies between classes in some layer.
    OnlyDependenciesInLayers,
    /// `consideringOnlyDependenciesInAnyPackage(..)`: only dependencies whose target matches a pattern.
    OnlyDependenciesInAnyPackage(Vec<String>),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layer {
    pub name: String,
    /// A class is in the layer when its package matches one of these patterns.
    pub packages: Vec<String>,
    /// `optionalLayer(..)`: an empty layer is not an error.
    pub optional: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LayerConstraint {
    pub layer: String,
    pub access: LayerAccess,
}

/// What `whereLayer(layer)` allows. "Access" means any dependency, as in ArchUnit's layered rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LayerAccess {
    /// Dependencies onto the layer may only come from itself or the named layers.
    MayOnlyBeAccessedByLayers(Vec<String>),
    /// No dependency onto the layer from another layer (or, with `AllDependencies`, from anywhere else).
    MayNotBeAccessedByAnyLayer,
    /// Dependencies from the layer may only go to itself or the named layers.
    MayOnlyAccessLayers(Vec<String>),
    /// No dependency from the layer onto another layer (or anywhere else, with `AllDependencies`).
    MayNotAccessAnyLayer,
}
