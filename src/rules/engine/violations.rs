//! Building structured [`Violation`]s: every field is filled from the graph; the message is ArchUnit's wording.

use rayon::prelude::*;

use super::{Ctx, EngineError};
use crate::findings::Violation;
use crate::graph::names;
use crate::graph::{ClassId, Dependency, Member, MemberKind};
use crate::rules::ir;

/// ArchUnit's short member name: `m(int, java.lang.String)`, `<init>()`, `f`.
pub fn member_short_name(name: &str, descriptor: &str) -> String {
    if descriptor.starts_with('(') {
        format!("{name}({})", names::parameter_list(descriptor))
    } else {
        name.to_owned()
    }
}

pub fn rule_error(rule: &ir::Rule, e: &EngineError) -> Violation {
    Violation::of_rule(format!("rule '{}' could not be evaluated: {e}", rule.name))
}

impl Ctx<'_> {
    /// Violations for many dependencies, in order; the origin class's names, file and location are made once
    /// per run of dependencies from the same class (callers pass them grouped by origin), members once each.
    pub fn dependency_violations(&self, deps: &[&Dependency]) -> Vec<Violation> {
        deps.par_chunk_by(|a, b| a.origin == b.origin).flat_map_iter(|group| self.same_origin(group)).collect()
    }

    fn same_origin(&self, group: &[&Dependency]) -> Vec<Violation> {
        let g = self.g;
        let Some(first) = group.first() else { return Vec::new() };
        let origin_class = g.str(g.class(first.origin).name).to_owned();
        let source_file = Some(g.source_file_name(first.origin));
        let location = g.location(first.origin);
        let mut members: rustc_hash::FxHashMap<u32, Option<String>> = rustc_hash::FxHashMap::default();
        group
            .iter()
            .map(|d| Violation {
                message: g.describe(d),
                origin_class: origin_class.clone(),
                origin_member: members
                    .entry(d.origin_member)
                    .or_insert_with(|| {
                        g.origin_member(d).map(|m| member_short_name(g.str(m.name), g.str(m.descriptor)))
                    })
                    .clone(),
                target_class: Some(g.str(d.target).to_owned()),
                target_member: d.target_member().map(|m| member_short_name(g.str(m.name), g.str(m.descriptor))),
                source_file: source_file.clone(),
                line: u32::from(d.line),
                location: location.clone(),
                suppressed: false,
                baselined: false,
            })
            .collect()
    }

    /// A violation made of one dependency or access, worded by [`crate::graph::Graph::describe`].
    pub fn dependency_violation(&self, d: &Dependency) -> Violation {
        self.dependency_violation_with(d, self.g.describe(d))
    }

    pub fn dependency_violation_with(&self, d: &Dependency, message: String) -> Violation {
        let g = self.g;
        Violation {
            message,
            origin_class: g.str(g.class(d.origin).name).to_owned(),
            origin_member: g.origin_member(d).map(|m| member_short_name(g.str(m.name), g.str(m.descriptor))),
            target_class: Some(g.str(d.target).to_owned()),
            target_member: d.target_member().map(|m| member_short_name(g.str(m.name), g.str(m.descriptor))),
            source_file: Some(g.source_file_name(d.origin)),
            line: u32::from(d.line),
            location: g.location(d.origin),
            suppressed: false,
            baselined: false,
        }
    }

    /// `Class <a.B>` as ArchUnit describes a class.
    pub fn class_description(&self, id: ClassId) -> String {
        format!("Class <{}>", self.g.str(self.g.class(id).name))
    }

    /// `Method <a.B.m(int)>`, `Field <a.B.f>`, `Constructor <a.B.<init>()>`, `Static Initializer <a.B.<clinit>()>`.
    pub fn member_description(&self, owner: ClassId, m: &Member) -> String {
        let word = match m.kind {
            MemberKind::Field => "Field",
            MemberKind::Method => "Method",
            MemberKind::Constructor => "Constructor",
            MemberKind::StaticInitializer => "Static Initializer",
        };
        format!("{word} <{}>", self.g.member_full_name(owner, m))
    }

    /// A violation about a class as a whole: `<text> in (B.java:0)` where `text` starts with its description.
    pub fn class_violation(&self, id: ClassId, text: String) -> Violation {
        let g = self.g;
        let file = g.source_file_name(id);
        Violation {
            message: format!("{text} in ({file}:0)"),
            origin_class: g.str(g.class(id).name).to_owned(),
            origin_member: None,
            target_class: None,
            target_member: None,
            source_file: Some(file),
            line: 0,
            location: g.location(id),
            suppressed: false,
            baselined: false,
        }
    }

    /// A violation about one member of an analysed class.
    pub fn member_violation(&self, owner: ClassId, m: &Member, text: String) -> Violation {
        let g = self.g;
        let mut v = self.class_violation(owner, text);
        v.origin_member = Some(member_short_name(g.str(m.name), g.str(m.descriptor)));
        v
    }
}
