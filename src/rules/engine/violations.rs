//! Building structured [`Violation`]s: every field is filled from the graph; the message is ArchUnit's wording.
//!
//! A rule over a large input can produce hundreds of thousands of violations, and building them once dominated
//! evaluation: each text is now written into a reused buffer and copied out in one exact allocation, and what the
//! violations of one class share (its name, source file, location) is resolved once per class.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::conditions::Item;
use super::{Ctx, EngineError};
use crate::findings::Violation;
use crate::graph::{ClassId, Dependency, Member, MemberKind, Sym};
use crate::rules::ir;

pub fn rule_error(rule: &ir::Rule, e: &EngineError) -> Violation {
    Violation::of_rule(format!("rule '{}' could not be evaluated: {e}", rule.name))
}

/// What every violation in one class repeats.
struct Origin {
    class: String,
    source_file: String,
    location: Option<String>,
}

impl Ctx<'_> {
    fn origin(&self, id: ClassId) -> Origin {
        let g = self.g;
        Origin {
            class: g.str(g.class(id).name).to_owned(),
            source_file: g.source_file_name(id),
            location: g.location(id),
        }
    }

    /// A member's short name (`m(int)`, `f`), written into `buf` and copied out.
    fn short_name(&self, buf: &mut String, name: Sym, descriptor: Sym) -> String {
        buf.clear();
        self.g.write_member_short_name(buf, name, descriptor);
        buf.as_str().to_owned()
    }

    /// Violations for many dependencies, in order; the origin class's names, file and location are made once
    /// per run of dependencies from the same class (callers pass them grouped by origin), members once each.
    pub fn dependency_violations(&self, deps: &[&Dependency]) -> Vec<Violation> {
        deps.par_chunk_by(|a, b| a.origin == b.origin).flat_map_iter(|group| self.same_origin(group)).collect()
    }

    fn same_origin(&self, group: &[&Dependency]) -> Vec<Violation> {
        let g = self.g;
        let Some(first) = group.first() else { return Vec::new() };
        let origin = self.origin(first.origin);
        let mut members: FxHashMap<u32, Option<String>> = FxHashMap::default();
        let mut buf = String::with_capacity(256);
        group
            .iter()
            .map(|d| {
                let origin_member = members
                    .entry(d.origin_member)
                    .or_insert_with(|| g.origin_member(d).map(|m| self.short_name(&mut buf, m.name, m.descriptor)))
                    .clone();
                buf.clear();
                g.write_description(&mut buf, d);
                let message = buf.as_str().to_owned();
                self.edge_violation(&origin, origin_member, d, message, &mut buf)
            })
            .collect()
    }

    fn edge_violation(
        &self,
        origin: &Origin,
        origin_member: Option<String>,
        d: &Dependency,
        message: String,
        buf: &mut String,
    ) -> Violation {
        Violation {
            message,
            origin_class: origin.class.clone(),
            origin_member,
            target_class: Some(self.g.str(d.target).to_owned()),
            target_member: d.target_member().map(|m| self.short_name(buf, m.name, m.descriptor)),
            source_file: Some(origin.source_file.clone()),
            line: u32::from(d.line),
            location: origin.location.clone(),
            suppressed: false,
            baselined: false,
        }
    }

    /// A violation made of one dependency or access, worded by [`crate::graph::Graph::describe`].
    pub fn dependency_violation(&self, d: &Dependency) -> Violation {
        self.dependency_violation_with(d, self.g.describe(d))
    }

    pub fn dependency_violation_with(&self, d: &Dependency, message: String) -> Violation {
        let g = self.g;
        let mut buf = String::new();
        let origin_member = g.origin_member(d).map(|m| self.short_name(&mut buf, m.name, m.descriptor));
        self.edge_violation(&self.origin(d.origin), origin_member, d, message, &mut buf)
    }

    /// The member an item names, if it is a member subject (and the index is valid).
    fn item_member(&self, item: Item) -> Option<(ClassId, &Member)> {
        match item {
            Item::Member(id, i) => self.g.class(id).members.get(i).map(|m| (id, m)),
            Item::Class(_) => None,
        }
    }

    /// `Class <a.B>` or `Method <a.B.m()>`, as ArchUnit describes a class or member.
    fn write_item_description(&self, out: &mut String, item: Item) {
        match self.item_member(item) {
            Some((id, m)) => {
                out.push_str(match m.kind {
                    MemberKind::Field => "Field <",
                    MemberKind::Method => "Method <",
                    MemberKind::Constructor => "Constructor <",
                    MemberKind::StaticInitializer => "Static Initializer <",
                });
                self.g.write_member_full_name(out, id, m);
            }
            None => {
                out.push_str("Class <");
                out.push_str(self.g.str(self.g.class(self.item_class(item)).name));
            }
        }
        out.push('>');
    }

    pub(super) fn item_description(&self, item: Item) -> String {
        let mut out = String::new();
        self.write_item_description(&mut out, item);
        out
    }

    /// A violation about a subject as a whole: `<description> <event> in (B.java:0)`.
    pub(super) fn subject_violation(&self, item: Item, event: &str) -> Violation {
        let mut buf = String::with_capacity(256);
        self.write_item_description(&mut buf, item);
        buf.push(' ');
        buf.push_str(event);
        self.item_violation_in(item, &mut buf)
    }

    /// A violation about a subject whose text (starting with its description) the caller wrote.
    pub(super) fn item_violation(&self, item: Item, mut text: String) -> Violation {
        self.item_violation_in(item, &mut text)
    }

    /// Completes the text in `buf` with ` in (B.java:0)` and fills the fields of the subject's class (and member).
    fn item_violation_in(&self, item: Item, buf: &mut String) -> Violation {
        let id = self.item_class(item);
        let origin = self.origin(id);
        buf.push_str(" in (");
        buf.push_str(&origin.source_file);
        buf.push_str(":0)");
        let message = buf.as_str().to_owned();
        let origin_member = self.item_member(item).map(|(_, m)| self.short_name(buf, m.name, m.descriptor));
        Violation {
            message,
            origin_class: origin.class,
            origin_member,
            target_class: None,
            target_member: None,
            source_file: Some(origin.source_file),
            line: 0,
            location: origin.location,
            suppressed: false,
            baselined: false,
        }
    }
}
