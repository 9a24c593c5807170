//! The fluent Rust builder: the DSL's chain in snake_case, type-checked, producing the same IR.
//!
//! ```
//! use archrules::rules::builder::*;
//! let rule = priority(Priority::Medium)
//!     .no_classes()
//!     .should().depend_on_classes_that().have_fully_qualified_name("com.google.common.base.Optional")
//!     .because("Java Optional is preferred over Guava Optional")
//!     .build("archrules.guava", "guava optional");
//! assert_eq!(
//!     archrules::rules::describe::describe(&rule),
//!     "no classes should depend on classes that have fully qualified name \
//!      'com.google.common.base.Optional', because Java Optional is preferred over Guava Optional"
//! );
//! ```
//!
//! `that(p)` and `should_match(c)` take predicates and conditions built by the free functions of
//! [`classes`], [`members`], [`access`], [`dependencies`], [`annotations`] and [`conditions`]; the fluent
//! `should()` forms are the [`ClassShouldForms`]/[`MemberShouldForms`] traits, and a `..._that()`
//! condition continues with the [`ClassThatForms`] methods (or `.matching(p)`).

pub use super::ir::Fix;
use super::ir::{
    AccessKind, AccessPred, ClassPred, CondExpr, Condition, DependencyPred, LayerDependencies, LayeredArchitecture,
    MemberPred, MessageWhen, Pred, Rule, Subject, ViolationMessage,
};
use std::marker::PhantomData;

pub use super::builder_vocab::{
    access, annotations, classes, dependencies, member_kinds, members, ClassShouldForms, ClassThatForms,
    MemberShouldForms, MemberThatForms,
};
pub use super::ir::{DependencyKind, ElementValue, Modifier, Visibility};
pub use super::vocab::JavaModifier;
pub use crate::findings::Priority;

/// Predicates of every domain: `not(..)`, `are(..)`... work on all of them.
pub trait Predicate: Sized {
    fn negated(self) -> Self;
}

macro_rules! predicate {
    ($($ty:ty),*) => {$(impl Predicate for $ty { fn negated(self) -> Self { self.negate() } })*};
}
predicate!(ClassPred, MemberPred, AccessPred, DependencyPred, super::ir::AnnotationPred);

/// Negation: ArchUnit's `not(..)`.
pub fn not<P: Predicate>(p: P) -> P {
    p.negated()
}
/// Same as [`not`] (`doNot(..)`).
pub fn do_not<P: Predicate>(p: P) -> P {
    p.negated()
}
/// Same as [`not`] (`doesNot(..)`).
pub fn does_not<P: Predicate>(p: P) -> P {
    p.negated()
}
/// Reads as English, changes nothing; so do [`is`], [`have`], [`has`].
pub fn are<P: Predicate>(p: P) -> P {
    p
}
pub fn is<P: Predicate>(p: P) -> P {
    p
}
pub fn have<P: Predicate>(p: P) -> P {
    p
}
pub fn has<P: Predicate>(p: P) -> P {
    p
}

/// The rule in progress.
#[derive(Debug, Clone)]
pub(super) struct Draft {
    priority: Priority,
    pub(super) subject: Subject,
    negated: bool,
    that: Option<Pred>,
    pub(super) conditions: Option<CondExpr>,
    join: Join,
    because: Option<String>,
    description_override: Option<String>,
    allow_empty_should: bool,
    fixes: Vec<Fix>,
    messages: Vec<ViolationMessage>,
}

#[derive(Debug, Clone, Copy)]
enum Join {
    And,
    Or,
}

impl Draft {
    pub(super) fn add(mut self, condition: CondExpr) -> Draft {
        self.conditions = Some(match (self.conditions.take(), self.join) {
            (None, _) => condition,
            (Some(c), Join::And) => c.and(condition),
            (Some(c), Join::Or) => c.or(condition),
        });
        self
    }
}

/// What a subject's predicates and property conditions are about.
pub trait SubjectKind {
    type P;
    fn pred(p: Self::P) -> Pred;
    fn matches(p: Self::P) -> Condition;
}

/// Subject marker: `classes()`.
pub struct ClassSubject;
/// Subject marker: `members()`, `fields()`, `methods()`, `constructors()`, `codeUnits()`.
pub struct MemberSubject;

impl SubjectKind for ClassSubject {
    type P = ClassPred;
    fn pred(p: ClassPred) -> Pred {
        Pred::Class(p)
    }
    fn matches(p: ClassPred) -> Condition {
        Condition::ClassMatches(p)
    }
}

impl SubjectKind for MemberSubject {
    type P = MemberPred;
    fn pred(p: MemberPred) -> Pred {
        Pred::Member(p)
    }
    fn matches(p: MemberPred) -> Condition {
        Condition::MemberMatches(p)
    }
}

/// `priority(P)`: the start of a rule.
pub fn priority(priority: Priority) -> RuleStart {
    RuleStart { priority }
}

pub struct RuleStart {
    priority: Priority,
}

macro_rules! subjects {
    ($($name:ident => $kind:ty, $subject:expr, $negated:expr;)*) => {
        impl RuleStart {
            $(pub fn $name(self) -> Given<$kind> { self.given($subject, $negated) })*
        }
        $(
            /// A rule of the default priority (MEDIUM).
            pub fn $name() -> Given<$kind> { priority(Priority::default()).$name() }
        )*
    };
}

subjects! {
    classes => ClassSubject, Subject::Classes, false;
    no_classes => ClassSubject, Subject::Classes, true;
    members => MemberSubject, Subject::Members, false;
    no_members => MemberSubject, Subject::Members, true;
    fields => MemberSubject, Subject::Fields, false;
    no_fields => MemberSubject, Subject::Fields, true;
    methods => MemberSubject, Subject::Methods, false;
    no_methods => MemberSubject, Subject::Methods, true;
    constructors => MemberSubject, Subject::Constructors, false;
    no_constructors => MemberSubject, Subject::Constructors, true;
    code_units => MemberSubject, Subject::CodeUnits, false;
    no_code_units => MemberSubject, Subject::CodeUnits, true;
}

impl RuleStart {
    fn draft(self, subject: Subject, negated: bool) -> Draft {
        Draft {
            priority: self.priority,
            subject,
            negated,
            that: None,
            conditions: None,
            join: Join::And,
            because: None,
            description_override: None,
            allow_empty_should: false,
            fixes: Vec::new(),
            messages: Vec::new(),
        }
    }

    fn given<S>(self, subject: Subject, negated: bool) -> Given<S> {
        Given { draft: self.draft(subject, negated), kind: PhantomData }
    }

    /// `slices().matching("..app.(*)..")`.
    pub fn slices(self) -> Slices {
        let matching = String::new();
        Slices::new(self.draft(Subject::Slices { matching }, false))
    }

    /// `layeredArchitecture()`.
    pub fn layered_architecture(self) -> Layered {
        let arch = LayeredArchitecture {
            considering: LayerDependencies::AllDependencies,
            layers: Vec::new(),
            constraints: Vec::new(),
        };
        let mut draft = self.draft(Subject::Layered(arch), false);
        draft.conditions = Some(CondExpr::Cond(Condition::RespectLayers));
        Layered::new(draft)
    }
}

/// After the subject: `that`, `and`, `or`, then `should`.
pub struct Given<S> {
    draft: Draft,
    kind: PhantomData<S>,
}

impl<S: SubjectKind> Given<S> {
    /// `that(p)`; a second `that` joins with `and`.
    pub fn that(self, p: impl Into<S::P>) -> Self {
        self.and(p)
    }
    pub fn and(mut self, p: impl Into<S::P>) -> Self {
        let p = S::pred(p.into());
        self.draft.that = Some(match self.draft.that.take() {
            Some(that) => super::combinators::pred_and(that, p.clone()).unwrap_or(p),
            None => p,
        });
        self
    }
    pub fn or(mut self, p: impl Into<S::P>) -> Self {
        let p = S::pred(p.into());
        self.draft.that = Some(match self.draft.that.take() {
            Some(that) => super::combinators::pred_or(that, p.clone()).unwrap_or(p),
            None => p,
        });
        self
    }
    pub fn should(self) -> Should<S> {
        Should { draft: self.draft, kind: PhantomData }
    }
    /// `should(condition)`.
    pub fn should_match(self, condition: impl Into<CondExpr>) -> Conditioned<S> {
        Conditioned { draft: self.draft.add(condition.into()), kind: PhantomData }
    }
}

/// After `should()`, `andShould()`, `orShould()`: one condition.
pub struct Should<S> {
    draft: Draft,
    kind: PhantomData<S>,
}

impl<S> Should<S> {
    fn push(self, condition: Condition) -> Conditioned<S> {
        Conditioned { draft: self.draft.add(CondExpr::Cond(condition)), kind: PhantomData }
    }
    fn classes_that(self, make: fn(ClassPred) -> Condition) -> ClassesThat<S> {
        ClassesThat { should: self, make }
    }
    pub fn access_classes_that(self) -> ClassesThat<S> {
        self.classes_that(Condition::AccessClassesThat)
    }
    pub fn only_access_classes_that(self) -> ClassesThat<S> {
        self.classes_that(Condition::OnlyAccessClassesThat)
    }
    pub fn access_target_where(self, p: AccessPred) -> Conditioned<S> {
        self.push(conditions::access_target_where(p))
    }
    pub fn access_field_where(self, p: AccessPred) -> Conditioned<S> {
        self.push(Condition::AccessWhere { kind: AccessKind::Field, pred: p })
    }
    pub fn get_field_where(self, p: AccessPred) -> Conditioned<S> {
        self.push(Condition::AccessWhere { kind: AccessKind::FieldGet, pred: p })
    }
    pub fn set_field_where(self, p: AccessPred) -> Conditioned<S> {
        self.push(Condition::AccessWhere { kind: AccessKind::FieldSet, pred: p })
    }
    pub fn call_method_where(self, p: AccessPred) -> Conditioned<S> {
        self.push(Condition::AccessWhere { kind: AccessKind::MethodCall, pred: p })
    }
    pub fn call_constructor_where(self, p: AccessPred) -> Conditioned<S> {
        self.push(Condition::AccessWhere { kind: AccessKind::ConstructorCall, pred: p })
    }
    pub fn call_code_unit_where(self, p: AccessPred) -> Conditioned<S> {
        self.push(Condition::AccessWhere { kind: AccessKind::CodeUnitCall, pred: p })
    }
    pub fn access_field(self, owner: &str, name: &str) -> Conditioned<S> {
        self.push(super::builder_conditions::access_to(AccessKind::Field, owner, name, None))
    }
    pub fn get_field(self, owner: &str, name: &str) -> Conditioned<S> {
        self.push(super::builder_conditions::access_to(AccessKind::FieldGet, owner, name, None))
    }
    pub fn set_field(self, owner: &str, name: &str) -> Conditioned<S> {
        self.push(super::builder_conditions::access_to(AccessKind::FieldSet, owner, name, None))
    }
    pub fn call_method(self, owner: &str, name: &str, parameter_types: &[&str]) -> Conditioned<S> {
        self.push(super::builder_conditions::access_to(AccessKind::MethodCall, owner, name, Some(parameter_types)))
    }
    pub fn call_constructor(self, owner: &str, parameter_types: &[&str]) -> Conditioned<S> {
        self.push(super::builder_conditions::access_to(
            AccessKind::ConstructorCall,
            owner,
            "<init>",
            Some(parameter_types),
        ))
    }
    /// `onlyBeAccessed().byClassesThat()...`.
    pub fn only_be_accessed(self) -> OnlyBy<S> {
        OnlyBy { should: self, make: Condition::OnlyBeAccessedByClassesThat }
    }
}

impl Should<ClassSubject> {
    pub fn depend_on_classes_that(self) -> ClassesThat<ClassSubject> {
        self.classes_that(Condition::DependOnClassesThat)
    }
    pub fn only_depend_on_classes_that(self) -> ClassesThat<ClassSubject> {
        self.classes_that(Condition::OnlyDependOnClassesThat)
    }
    pub fn only_have_dependent_classes_that(self) -> ClassesThat<ClassSubject> {
        self.classes_that(Condition::OnlyHaveDependentClassesThat)
    }
    pub fn transitively_depend_on_classes_that(self) -> ClassesThat<ClassSubject> {
        self.classes_that(Condition::TransitivelyDependOnClassesThat)
    }
    pub fn have_any_dependencies_that(self, p: DependencyPred) -> Conditioned<ClassSubject> {
        self.push(Condition::HaveAnyDependenciesThat(p))
    }
}

impl Should<MemberSubject> {
    /// `onlyBeCalled().byClassesThat()...` (code units).
    pub fn only_be_called(self) -> OnlyBy<MemberSubject> {
        OnlyBy { should: self, make: Condition::OnlyBeCalledByClassesThat }
    }
}

impl ClassShouldForms for Should<ClassSubject> {
    type Out = Conditioned<ClassSubject>;
    fn finish_should(self, pred: ClassPred) -> Self::Out {
        self.push(Condition::ClassMatches(pred))
    }
}

impl MemberShouldForms for Should<MemberSubject> {
    type Out = Conditioned<MemberSubject>;
    fn finish_should(self, pred: MemberPred) -> Self::Out {
        self.push(Condition::MemberMatches(pred))
    }
}

/// A `..._that()` condition waiting for its class predicate.
pub struct ClassesThat<S> {
    should: Should<S>,
    make: fn(ClassPred) -> Condition,
}

impl<S> ClassesThat<S> {
    /// The argument form: `dependOnClassesThat(p)`.
    pub fn matching(self, p: impl Into<ClassPred>) -> Conditioned<S> {
        self.finish(p.into())
    }
}

impl<S> ClassThatForms for ClassesThat<S> {
    type Out = Conditioned<S>;
    fn finish(self, pred: ClassPred) -> Self::Out {
        let condition = (self.make)(pred);
        self.should.push(condition)
    }
}

/// `onlyBeAccessed()` / `onlyBeCalled()`, waiting for `by_classes_that()`.
pub struct OnlyBy<S> {
    should: Should<S>,
    make: fn(ClassPred) -> Condition,
}

impl<S> OnlyBy<S> {
    pub fn by_classes_that(self) -> ClassesThat<S> {
        ClassesThat { should: self.should, make: self.make }
    }
    pub fn by_any_package(self, packages: &[&str]) -> Conditioned<S> {
        let condition = (self.make)(classes::reside_in_any_package(packages));
        self.should.push(condition)
    }
}

/// A rule with at least one condition: more conditions, then `because`, `as`, `allowEmptyShould`.
pub struct Conditioned<S> {
    draft: Draft,
    kind: PhantomData<S>,
}

impl<S> Conditioned<S> {
    pub(super) fn from_draft(draft: Draft) -> Self {
        Conditioned { draft, kind: PhantomData }
    }
    pub fn and_should(mut self) -> Should<S> {
        self.draft.join = Join::And;
        Should { draft: self.draft, kind: PhantomData }
    }
    pub fn or_should(mut self) -> Should<S> {
        self.draft.join = Join::Or;
        Should { draft: self.draft, kind: PhantomData }
    }
    pub fn and_should_match(self, condition: impl Into<CondExpr>) -> Self {
        let mut draft = self.draft;
        draft.join = Join::And;
        Conditioned { draft: draft.add(condition.into()), kind: PhantomData }
    }
    pub fn or_should_match(self, condition: impl Into<CondExpr>) -> Self {
        let mut draft = self.draft;
        draft.join = Join::Or;
        Conditioned { draft: draft.add(condition.into()), kind: PhantomData }
    }
    #[must_use]
    pub fn because(mut self, reason: impl Into<String>) -> Self {
        self.draft.because = Some(reason.into());
        self
    }
    /// ArchUnit's `.as(..)`: replaces the generated description.
    #[must_use]
    pub fn described_as(mut self, description: impl Into<String>) -> Self {
        self.draft.description_override = Some(description.into());
        self
    }
    #[must_use]
    pub fn allow_empty_should(mut self, allow: bool) -> Self {
        self.draft.allow_empty_should = allow;
        self
    }
    /// The DSL's `fix "<recipe>" from "<module>"`: an OpenRewrite recipe that fixes the rule's violations.
    #[must_use]
    pub fn fixed_by(mut self, fix: Fix) -> Self {
        if !self.draft.fixes.contains(&fix) {
            self.draft.fixes.push(fix);
        }
        self
    }
    /// The DSL's `violationMessage..(..)`: the rule's own text for the violations `when` applies to (`None`: all),
    /// with the placeholders of [`crate::rules::message`]. Cases apply in the order given.
    #[must_use]
    pub fn violation_message(mut self, when: Option<MessageWhen>, template: impl Into<String>) -> Self {
        self.draft.messages.push(ViolationMessage { when, template: template.into() });
        self
    }
    /// The finished rule, keyed `name` in pack `pack`.
    pub fn build(self, pack: &str, name: &str) -> Rule {
        let d = self.draft;
        Rule {
            pack: pack.to_owned(),
            name: name.to_owned(),
            priority: d.priority,
            subject: d.subject,
            negated: d.negated,
            that: d.that,
            conditions: d.conditions.unwrap_or(CondExpr::Cond(Condition::RespectLayers)),
            because: d.because,
            description_override: d.description_override,
            allow_empty_should: d.allow_empty_should,
            source: None,
            fixes: d.fixes,
            messages: d.messages,
        }
    }
}

/// Conditions as values, for `should_match(..)` and `CondExpr::and/or`.
pub mod conditions {
    pub use crate::rules::builder_conditions::*;
}
pub use super::builder_arch::{
    ArchitectureSubject, LayerDefinition, Layered, Slices, SlicesMatching, SlicesShould, WhereLayer,
};
