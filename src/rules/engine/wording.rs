//! The words of condition events, built on the rule descriptions of [`crate::rules::describe`]: a predicate
//! phrase gets the singular verb of one class or member, as ArchUnit's `is`/`has`/`does` conditions write it
//! (`Class <a.B> is not annotated with @NullMarked`, `Field <a.B.f> does not have raw type java.lang.String`).

use crate::rules::describe::{Kind, Mode};
use crate::rules::describe_class::{class, class_leaf, verb};
use crate::rules::describe_relations::{member, member_leaf};
use crate::rules::ir::{ClassKind, ClassPred, Condition, MemberPred, Rule};

/// ArchUnit's text of the rule (the DSL's `describe`), with `, because ...`.
pub fn rule_description(rule: &Rule) -> String {
    crate::rules::describe(rule)
}

/// The text of one condition, after `should`.
pub fn condition(c: &Condition) -> String {
    crate::rules::describe::condition(c)
}

/// `is public` / `is not public`, `has simple name 'X'` / `does not have ...`, `does reside in ...`.
fn event_verb(kind: Kind, phrase: &str, satisfied: bool) -> String {
    if kind == Kind::Verb && satisfied {
        format!("does {phrase}")
    } else {
        verb(kind, phrase, Mode::Is, !satisfied)
    }
}

fn is(satisfied: bool) -> &'static str {
    if satisfied {
        "is"
    } else {
        "is not"
    }
}

/// What follows a class's description in an event of `should(p)`.
pub fn class_event(p: &ClassPred, satisfied: bool) -> String {
    match p {
        ClassPred::Kind(k) => {
            let noun = match k {
                ClassKind::Interface => "an interface",
                ClassKind::Enum => "an enum",
                ClassKind::Record => "a record",
                ClassKind::Annotation => "an annotation",
                ClassKind::TopLevel => "a top level class",
                ClassKind::Nested => "a nested class",
                ClassKind::Member => "a member class",
                ClassKind::Inner => "an inner class",
                ClassKind::Anonymous => "an anonymous class",
                ClassKind::Local => "a local class",
            };
            format!("{} {noun}", is(satisfied))
        }
        ClassPred::And(..) | ClassPred::Or(..) | ClassPred::Not(_) => {
            format!("{} {}", is(satisfied), class(p, Mode::Bare))
        }
        leaf => {
            let (kind, phrase) = class_leaf(leaf);
            event_verb(kind, &phrase, satisfied)
        }
    }
}

/// What follows a member's description in an event of `should(p)`.
pub fn member_event(p: &MemberPred, satisfied: bool) -> String {
    match p {
        MemberPred::And(..) | MemberPred::Or(..) | MemberPred::Not(_) => {
            format!("{} {}", is(satisfied), member(p, Mode::Bare))
        }
        leaf => {
            let (kind, phrase) = member_leaf(leaf, Mode::Is);
            event_verb(kind, &phrase, satisfied)
        }
    }
}
