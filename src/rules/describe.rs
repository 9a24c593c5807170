//! Rule descriptions in ArchUnit's words: `no classes should depend on classes that have fully
//! qualified name 'x', because y`.
//!
//! Each predicate leaf has a phrase and a grammatical kind (`are public`, `have simple name 'X'`,
//! `reside in a package 'x'`); the position decides the verb: after `that` (plural), after `should`
//! (infinitive), inside `target(..)`/`targetOwner(..)` (singular, as ArchUnit's `is(..)`/`has(..)`),
//! or bare inside `assignableTo(..)` and friends.

use super::describe_class::{class, list};
use super::describe_relations::{access, annotation, dependency, member};
use super::ir::{
    AccessKind, AccessPred, ClassPred, CondExpr, Condition, LayerAccess, LayerDependencies, LayeredArchitecture, Pred,
    Rule, Subject,
};

/// Where a predicate is written, which decides its verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// After `that`: "are public", "have simple name 'X'", "reside in ...".
    That,
    /// After `should`: "be public", "have simple name 'X'", "reside in ...".
    Should,
    /// Singular, after `target`/`origin`: "is public", "has name 'x'", "reside in ...".
    Is,
    /// No verb: "public", "simple name 'X'", "reside in ...".
    Bare,
}

/// The grammatical kind of a leaf phrase.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Are,
    Have,
    Verb,
    /// Already a full phrase (`.as("...")` texts): used as written.
    Raw,
}

/// ArchUnit's description of a rule, with `, because ...` when there is a reason.
pub fn describe(rule: &Rule) -> String {
    let mut text = match &rule.description_override {
        Some(text) => text.clone(),
        None => generated(rule),
    };
    if let Some(because) = &rule.because {
        text.push_str(", because ");
        text.push_str(because);
    }
    text
}

fn generated(rule: &Rule) -> String {
    let noun = match &rule.subject {
        Subject::Classes => "classes".to_owned(),
        Subject::Members => "members".to_owned(),
        Subject::Fields => "fields".to_owned(),
        Subject::Methods => "methods".to_owned(),
        Subject::Constructors => "constructors".to_owned(),
        Subject::CodeUnits => "code units".to_owned(),
        Subject::Slices { matching } => format!("slices matching '{matching}'"),
        Subject::Layered(arch) => return layered(arch),
    };
    let mut text = if rule.negated { format!("no {noun}") } else { noun };
    if let Some(that) = &rule.that {
        text.push_str(" that ");
        text.push_str(&describe_pred(that, Mode::That));
    }
    text.push_str(" should ");
    text.push_str(&conditions(&rule.conditions));
    text
}

/// `A.orShould(B)` reads "A or should B", as ArchUnit appends them.
fn conditions(expr: &CondExpr) -> String {
    match expr {
        CondExpr::Cond(c) => condition(c),
        CondExpr::And(a, b) => format!("{} and should {}", conditions(a), conditions(b)),
        CondExpr::Or(a, b) => format!("{} or should {}", conditions(a), conditions(b)),
    }
}

/// The text of one condition, after "should ".
pub fn condition(c: &Condition) -> String {
    let that = |p: &ClassPred| class(p, Mode::That);
    match c {
        Condition::ClassMatches(p) => class(p, Mode::Should),
        Condition::Satisfies(p) => describe_pred(p, Mode::Bare),
        Condition::MemberMatches(p) => member(p, Mode::Should),
        Condition::DependOnClassesThat(p) => format!("depend on classes that {}", that(p)),
        Condition::OnlyDependOnClassesThat(p) => format!("only depend on classes that {}", that(p)),
        Condition::HaveAnyDependenciesThat(p) => {
            format!("have any dependencies that {}", dependency(p))
        }
        Condition::OnlyHaveDependentClassesThat(p) => {
            format!("only have dependent classes that {}", that(p))
        }
        Condition::TransitivelyDependOnClassesThat(p) => {
            format!("transitively depend on classes that {}", that(p))
        }
        Condition::AccessClassesThat(p) => format!("access classes that {}", that(p)),
        Condition::OnlyAccessClassesThat(p) => format!("only access classes that {}", that(p)),
        Condition::AccessWhere { kind, pred } => access_condition(*kind, pred),
        Condition::OnlyBeAccessedByClassesThat(p) => {
            format!("only be accessed by classes that {}", that(p))
        }
        Condition::OnlyBeCalledByClassesThat(p) => {
            format!("only be called by classes that {}", that(p))
        }
        Condition::BeFreeOfCycles => "be free of cycles".to_owned(),
        Condition::NotDependOnEachOther => "not depend on each other".to_owned(),
        Condition::RespectLayers => "respect the layers".to_owned(),
    }
}

fn access_condition(kind: AccessKind, pred: &AccessPred) -> String {
    let (verb, noun) = match kind {
        AccessKind::Any => ("access", "target"),
        AccessKind::Field => ("access", "field"),
        AccessKind::FieldGet => ("get", "field"),
        AccessKind::FieldSet => ("set", "field"),
        AccessKind::CodeUnitCall => ("call", "code unit"),
        AccessKind::MethodCall => ("call", "method"),
        AccessKind::ConstructorCall => ("call", "constructor"),
        AccessKind::CodeUnitReference => ("reference", "code unit"),
    };
    match pred {
        // ArchConditions.callMethod/callConstructor/accessField(String owner, ...) describe themselves with
        // `Formatters.ensureSimpleName` on the owner and the parameter types: Nebula's
        // `callMethod("org.gradle.api.plugins.PluginContainer", "apply", "java.lang.Class")` reads
        // "call method PluginContainer.apply(Class)".
        AccessPred::TargetIs { owner, name, parameter_types } => {
            let simple: Option<Vec<String>> =
                parameter_types.as_ref().map(|types| types.iter().map(|t| ensure_simple_name(t).to_owned()).collect());
            format!("{verb} {noun} {}", target_is(ensure_simple_name(owner), name, simple.as_deref()))
        }
        _ => format!("{verb} {noun} where {}", access(pred)),
    }
}

/// ArchUnit's `Formatters.ensureSimpleName`: the part after the last `.` and then after the last `$`, from its
/// first identifier-start character (`java.util.Map$Entry` → `Entry`, `java.lang.String[]` → `String[]`).
fn ensure_simple_name(name: &str) -> &str {
    let after_dot = name.rsplit('.').next().unwrap_or(name);
    let candidate = after_dot.rsplit('$').next().unwrap_or(after_dot);
    match candidate.find(|c: char| c.is_alphabetic() || c == '_' || c == '$') {
        Some(start) => &candidate[start..],
        None => "",
    }
}

pub(super) fn target_is(owner: &str, name: &str, parameter_types: Option<&[String]>) -> String {
    match parameter_types {
        Some(types) => format!("{owner}.{name}({})", types.join(", ")),
        None => format!("{owner}.{name}"),
    }
}

/// A predicate of any domain; class and member predicates in the given mode.
pub fn describe_pred(p: &Pred, mode: Mode) -> String {
    match p {
        Pred::Class(p) => class(p, mode),
        Pred::Member(p) => member(p, mode),
        Pred::Access(p) => access(p),
        Pred::Dependency(p) => dependency(p),
        Pred::Annotation(p) => annotation(p),
    }
}

/// ArchUnit's multi-line description of a layered architecture.
fn layered(arch: &LayeredArchitecture) -> String {
    let considering = match &arch.considering {
        LayerDependencies::AllDependencies => "considering all dependencies".to_owned(),
        LayerDependencies::OnlyDependenciesInLayers => "considering only dependencies in layers".to_owned(),
        LayerDependencies::OnlyDependenciesInAnyPackage(p) => {
            format!("considering only dependencies in any package {}", list(p))
        }
    };
    let mut text = format!("Layered architecture {considering}, consisting of");
    for layer in &arch.layers {
        let optional = if layer.optional { "optional " } else { "" };
        let packages: Vec<String> = layer.packages.iter().map(|p| format!("'{p}'")).collect();
        text.push_str(&format!("\n{optional}layer '{}' ({})", layer.name, packages.join(", ")));
    }
    for constraint in &arch.constraints {
        let access = match &constraint.access {
            LayerAccess::MayOnlyBeAccessedByLayers(l) => {
                format!("may only be accessed by layers {}", list(l))
            }
            LayerAccess::MayNotBeAccessedByAnyLayer => "may not be accessed by any layer".to_owned(),
            LayerAccess::MayOnlyAccessLayers(l) => format!("may only access layers {}", list(l)),
            LayerAccess::MayNotAccessAnyLayer => "may not access any layer".to_owned(),
        };
        text.push_str(&format!("\nwhere layer '{}' {access}", constraint.layer));
    }
    text
}
