//! A rule's own violation texts ([`crate::rules::ir::ViolationMessage`]): each violation's message becomes the
//! template of the first case that applies to it, filled in from the violating element, as Nebula's custom
//! conditions word theirs. `Method LeakyTask.run() accesses Project at Method <...LeakyTask.run()> calls method
//! <...LeakyTask.getProject()> in (LeakyTask.java:34)` is `Method {origin.simpleName}.{member}() accesses Project
//! at {message}`.

use std::borrow::Cow;
use std::sync::Arc;

use super::compile::{CClass, CMember, Compiler};
use super::{Ctx, EngineError};
use crate::findings::Violation;
use crate::graph::{names, ClassId, Member};
use crate::rules::ir::{self, MessageWhen, Pred};
use crate::rules::message::{self, Field, Part};

enum When {
    Class(Arc<CClass>),
    Member(Arc<CMember>),
    Target(Arc<CClass>),
}

/// Rewrites the messages of `violations` by the rule's templates (no templates: unchanged).
pub(super) fn apply(
    ctx: &Ctx<'_>,
    rule: &ir::Rule,
    mut violations: Vec<Violation>,
) -> Result<Vec<Violation>, EngineError> {
    if rule.messages.is_empty() {
        return Ok(violations);
    }
    let compiler = Compiler { graph: ctx.g, compiled: &ctx.compiled };
    let malformed = |problem: String| EngineError::Malformed { rule: rule.name.clone(), problem };
    let mut cases = Vec::with_capacity(rule.messages.len());
    for m in &rule.messages {
        let when = match &m.when {
            None => None,
            Some(MessageWhen::Subject(Pred::Class(p))) => Some(When::Class(compiler.class(p)?)),
            Some(MessageWhen::Subject(Pred::Member(p))) => Some(When::Member(compiler.member(p)?)),
            Some(MessageWhen::Subject(_)) => {
                return Err(malformed("a message's subject must be a class or member predicate".into()))
            }
            Some(MessageWhen::Target(p)) => Some(When::Target(compiler.class(p)?)),
        };
        let parts = message::parse(&m.template).map_err(|e| malformed(format!("violation message: {e}")))?;
        cases.push((when, parts));
    }
    for v in &mut violations {
        let subject = Subject::of(ctx, v);
        let applies = |when: &Option<When>| match when {
            None => true,
            Some(When::Class(p)) => subject.class.is_some_and(|id| ctx.class_matches(p, &ctx.class_ref_id(id))),
            Some(When::Member(p)) => {
                subject.member.is_some_and(|(id, m)| ctx.member_matches(p, &ctx.member_view(id, m)))
            }
            Some(When::Target(p)) => {
                v.target_class.as_deref().is_some_and(|t| ctx.class_matches(p, &ctx.class_ref_str(Cow::Borrowed(t))))
            }
        };
        if let Some((_, parts)) = cases.iter().find(|(when, _)| applies(when)) {
            v.message = fill(ctx, parts, v, &subject);
        }
    }
    Ok(violations)
}

/// The class and member a violation is about, found by its names.
struct Subject<'g> {
    class: Option<ClassId>,
    member: Option<(ClassId, &'g Member)>,
}

impl<'g> Subject<'g> {
    fn of(ctx: &Ctx<'g>, v: &Violation) -> Self {
        let class = ctx.g.class_by_name(&v.origin_class);
        let member = class.zip(v.origin_member.as_deref()).and_then(|(id, short)| {
            let mut buf = String::new();
            ctx.g.class(id).members.iter().find_map(|m| {
                buf.clear();
                ctx.g.write_member_short_name(&mut buf, m.name, m.descriptor);
                (buf == short).then_some((id, m))
            })
        });
        Subject { class, member }
    }
}

fn fill(ctx: &Ctx<'_>, parts: &[Part], v: &Violation, subject: &Subject<'_>) -> String {
    let g = ctx.g;
    let simple = |name: &str| -> String { ctx.simple_name_of(&ctx.class_ref_str(Cow::Borrowed(name))).into_owned() };
    // A field's type, a method's return type: the descriptor's last type, as a binary name.
    let member_type = || -> String {
        subject.member.map_or_else(String::new, |(_, m)| {
            let d = g.str(m.descriptor);
            let raw = d.rfind(')').map_or(d, |i| &d[i + 1..]);
            names::field_type(raw).map_or_else(String::new, names::type_name)
        })
    };
    message::render(parts, |f| match f {
        Field::Message => Cow::Owned(v.message.clone()),
        Field::Origin => Cow::Owned(v.origin_class.to_string()),
        Field::OriginSimpleName => Cow::Owned(simple(&v.origin_class)),
        Field::Member => Cow::Owned(subject.member.map_or_else(String::new, |(_, m)| g.str(m.name).to_owned())),
        Field::MemberType => Cow::Owned(member_type()),
        Field::MemberTypeSimpleName => Cow::Owned(simple(&member_type())),
        Field::Target => Cow::Owned(v.target_class.as_deref().unwrap_or("").to_owned()),
        Field::TargetSimpleName => Cow::Owned(v.target_class.as_deref().map_or_else(String::new, simple)),
    })
}
