//! Building structured [`Violation`]s: every field is filled from the graph; the message is ArchUnit's wording.
//!
//! A rule over a large input can produce hundreds of thousands of violations, and building them once dominated
//! evaluation: each text is now written into a reused buffer and copied out in one exact allocation, and what the
//! violations of one class share (its name, source file, location) is resolved once per class.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::conditions::Item;
use super::{Ctx, EngineError};
use crate::findings::Violation;
use crate::graph::{ClassId, DepKind, Dependency, Member, MemberKind, MemberRef, Sym, CLASS_LEVEL};
use crate::inputs::InputKind;
use crate::rules::ir;

pub fn rule_error(rule: &ir::Rule, e: &EngineError) -> Violation {
    Violation::of_rule(format!("rule '{}' could not be evaluated: {e}", rule.name))
}

/// What every violation in one class repeats, shared by them all.
#[derive(Clone)]
pub(super) struct Origin {
    class: Arc<str>,
    source_file: Arc<str>,
    location: Option<Arc<str>>,
}

/// An origin member's short name (`None` at class level, made on first use) and where its description is in the
/// class's text (written on first use).
type OriginMember = (Option<Option<Arc<str>>>, Option<Range<u32>>);

/// What identifies the text between an edge's origin and its ` in (`: kind, target, and accessed member or detail.
type TargetKey = (DepKind, Sym, Option<MemberRef>, Option<Sym>);

/// What the edges onto one target share: where the text from after the origin's description through `> in (` is
/// in the writer's text, and the violation's target fields.
struct Target {
    /// Its number, in the order targets were first met.
    id: u32,
    text: Range<u32>,
    class: Arc<str>,
    member: Option<Arc<str>>,
}

/// Writes the violations (or descriptions) of dependencies, remembering what consecutive ones from one class
/// share (its source file name; per origin member its short name and description) and what violations of any
/// class repeat: per target the middle of the message and the target fields. Large rules report the same targets
/// hundreds of thousands of times. Texts are kept in two buffers rather than a string each: on large rules the
/// allocator was a large share of the work.
struct EdgeWriter<'c, 'g> {
    ctx: &'c Ctx<'g>,
    class: Option<ClassId>,
    /// That class's source file name (its first `source_len` bytes), then its members' descriptions.
    class_text: String,
    source_len: usize,
    origin: Option<&'c Origin>,
    /// Per origin member of that class, by index (class level last): its short name (`None` at class level) and
    /// its description. A slot per member rather than a hash map: two lookups per violation.
    members: Vec<OriginMember>,
    targets: FxHashMap<TargetKey, Target>,
    /// The targets' texts.
    target_text: String,
    target_classes: FxHashMap<Sym, Arc<str>>,
    /// Accessed members' short names, by name and descriptor: a class calls the same members again and again.
    member_names: FxHashMap<MemberRef, Arc<str>>,
    buf: String,
}

impl<'c, 'g> EdgeWriter<'c, 'g> {
    fn new(ctx: &'c Ctx<'g>) -> Self {
        EdgeWriter {
            ctx,
            class: None,
            class_text: String::new(),
            source_len: 0,
            origin: None,
            members: Vec::new(),
            targets: FxHashMap::default(),
            target_text: String::new(),
            target_classes: FxHashMap::default(),
            member_names: FxHashMap::default(),
            buf: String::with_capacity(256),
        }
    }

    /// Forgets what the previous class shared, if `d` comes from another.
    fn enter(&mut self, d: &Dependency) {
        if self.class != Some(d.origin) {
            self.class = Some(d.origin);
            self.members.clear();
            self.members.resize(self.ctx.g.class(d.origin).members.len() + 1, (None, None));
            self.origin = None;
            self.class_text.clear();
            self.ctx.g.write_source_file_name(&mut self.class_text, d.origin);
            self.source_len = self.class_text.len();
        }
    }

    /// [`crate::graph::Graph::describe`], appended to `out`; returns where the origin's description ends in `out`,
    /// and what the target's violations share.
    fn write_message(&mut self, d: &Dependency, out: &mut String) -> (usize, &Target) {
        self.enter(d);
        let g = self.ctx.g;
        // A parameter's origin names the parameter; a class-level one depends on the edge's kind.
        if d.origin_member == CLASS_LEVEL || d.from_parameter() {
            g.write_origin_description(out, d);
        } else {
            let (_, description) = member_slot(&mut self.members, d.origin_member);
            let text = &mut self.class_text;
            let range = description.get_or_insert_with(|| {
                let start = text.len() as u32;
                g.write_origin_description(text, d);
                start..text.len() as u32
            });
            out.push_str(at(text, range));
        }
        let origin_end = out.len();
        let (ctx, names, classes, text) =
            (self.ctx, &mut self.member_names, &mut self.target_classes, &mut self.target_text);
        let key = (d.kind, d.target, d.target_member(), d.detail());
        let id = self.targets.len() as u32;
        let target = self.targets.entry(key).or_insert_with(|| {
            let member = d.target_member().map(|m| {
                names.entry(m).or_insert_with(|| ctx.short_name(&mut String::new(), m.name, m.descriptor)).clone()
            });
            let start = text.len() as u32;
            g.write_description_middle(text, d, member.as_deref());
            text.push_str("> in (");
            let class = classes.entry(d.target).or_insert_with(|| g.str(d.target).into()).clone();
            Target { id, text: start..text.len() as u32, class, member }
        });
        out.push_str(at(&self.target_text, &target.text));
        out.push_str(self.class_text.get(..self.source_len).unwrap_or(""));
        out.push(':');
        crate::graph::push_line(out, d.line);
        out.push(')');
        (origin_end, target)
    }

    /// The violation of `d`, worded by [`crate::graph::Graph::describe`] unless a message is given.
    fn violation(&mut self, d: &Dependency, message: Option<String>) -> Violation {
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        // Written even when a message is given (slice violations, a few hundred): the target's fields come with it.
        let (_, target) = self.write_message(d, &mut buf);
        let (target_class, target_member) = (target.class.clone(), target.member.clone());
        let message = message.unwrap_or_else(|| buf.as_str().to_owned());
        let (ctx, g) = (self.ctx, self.ctx.g);
        let (short, description) = member_slot(&mut self.members, d.origin_member);
        let class_text = &self.class_text;
        let origin_member = short
            .get_or_insert_with(|| {
                let m = g.origin_member(d)?;
                // The member's description, `Method <a.B.m(int)>`, holds its short name: cut out, not written again.
                let written = description.as_ref().and_then(|r| {
                    let text = at(class_text, r);
                    let open = text.find('<')?;
                    text.get(open + g.str(g.class(d.origin).name).len() + 2..text.len().checked_sub(1)?)
                });
                Some(match written {
                    Some(name) => Arc::from(name),
                    None => ctx.short_name(&mut buf, m.name, m.descriptor),
                })
            })
            .clone();
        self.buf = buf;
        let origin = *self.origin.get_or_insert_with(|| ctx.origin(d.origin));
        Violation {
            message,
            origin_class: origin.class.clone(),
            origin_member,
            target_class: Some(target_class),
            target_member,
            source_file: Some(origin.source_file.clone()),
            line: u32::from(d.line),
            location: origin.location.clone(),
            suppressed: false,
            baselined: false,
            hint: None,
        }
    }
}

/// A dependency's description in a shared text (see [`Ctx::descriptions`]).
pub(super) struct Described {
    pub full: Range<usize>,
    pub origin_end: usize,
    /// The number of its target (kind, target, member) in the writer, the key of its middle's rank.
    pub middle: u32,
}

/// The slot of an edge's origin member (the last slot for class level; an index out of range, which a well-formed
/// graph never has, shares it).
fn member_slot(members: &mut Vec<OriginMember>, origin_member: u32) -> &mut OriginMember {
    if members.is_empty() {
        members.push((None, None)); // `enter` always leaves one; never reached
    }
    let last = members.len() - 1;
    let i = usize::try_from(origin_member).map_or(last, |i| i.min(last));
    &mut members[i]
}

/// The rank in text order of each of distinct texts numbered `0..n`, by number; `None` when one text is a proper
/// prefix of another, as then ordering a text followed by more text by its rank is not ordering by the whole.
pub(super) fn text_ranks(mut distinct: Vec<(&str, u32)>) -> Option<Vec<u32>> {
    distinct.sort_unstable();
    // In sorted order a string that is a prefix of another is a prefix of its successor.
    if !distinct.windows(2).all(|pair| !pair[1].0.starts_with(pair[0].0)) {
        return None;
    }
    let mut rank = vec![0u32; distinct.len()];
    for (r, &(_, id)) in distinct.iter().enumerate() {
        if let Some(slot) = rank.get_mut(id as usize) {
            *slot = r as u32;
        }
    }
    Some(rank)
}

/// The text at `range` of `text`.
fn at<'t>(text: &'t str, range: &Range<u32>) -> &'t str {
    text.get(range.start as usize..range.end as usize).unwrap_or("")
}

impl Ctx<'_> {
    /// What violations in class `id` repeat, made once per evaluation: rules report many of the same classes.
    fn origin(&self, id: ClassId) -> &Origin {
        let origins = self.origins.get_or_init(|| (0..self.g.classes().len()).map(|_| OnceLock::new()).collect());
        // Ids come from the graph, indexed as `Graph::class` indexes them.
        origins[id.0 as usize].get_or_init(|| self.make_origin(id))
    }

    fn make_origin(&self, id: ClassId) -> Origin {
        let g = self.g;
        // Each text written into one buffer and copied once into its `Arc` (an owned `String` first was a second
        // allocation and copy per field, for every class with a violation).
        let mut buf = String::with_capacity(256);
        g.write_source_file_name(&mut buf, id);
        let source_file = Arc::from(buf.as_str());
        buf.clear();
        Origin {
            class: g.str(g.class(id).name).into(),
            source_file,
            location: self.write_location(&mut buf, id).then(|| Arc::from(buf.as_str())),
        }
    }

    /// [`crate::graph::Graph::location`] into `out`, with each archive's path written once: classes in archives are
    /// most violations' origins, and formatting a path for each was a noticeable part of building them. False when
    /// the class has no origin.
    fn write_location(&self, out: &mut String, id: ClassId) -> bool {
        let Some(origin) = self.g.class(id).origin.as_ref() else { return false };
        let input = usize::try_from(origin.input.0).ok().and_then(|i| self.g.inputs.get(i).map(|input| (i, input)));
        match (origin.entry.as_deref(), input) {
            (Some(entry), Some((i, input))) if input.kind != InputKind::Directory => {
                let paths = self
                    .input_paths
                    .get_or_init(|| self.g.inputs.iter().map(|input| input.path.display().to_string()).collect());
                out.push_str(paths.get(i).map_or("", String::as_str));
                out.push_str("!/");
                out.push_str(entry);
                true
            }
            _ => match self.g.location(id) {
                Some(location) => {
                    out.push_str(&location);
                    true
                }
                None => false,
            },
        }
    }

    /// A member's short name (`m(int)`, `f`), written into `buf` and copied out.
    fn short_name(&self, buf: &mut String, name: Sym, descriptor: Sym) -> Arc<str> {
        buf.clear();
        self.g.write_member_short_name(buf, name, descriptor);
        Arc::from(buf.as_str())
    }

    /// Violations for many dependencies, in order. Callers pass them grouped by origin class: what a class's
    /// violations share is made once per run of them.
    pub fn dependency_violations(&self, deps: &[&Dependency]) -> Vec<Violation> {
        // Indexed, so rayon collects straight into the result (no per-task vectors to grow and append).
        deps.par_iter().with_min_len(64).map_init(|| EdgeWriter::new(self), |w, d| w.violation(d, None)).collect()
    }

    /// A violation made of one dependency or access, worded by [`crate::graph::Graph::describe`].
    pub fn dependency_violation(&self, d: &Dependency) -> Violation {
        EdgeWriter::new(self).violation(d, None)
    }

    pub fn dependency_violation_with(&self, d: &Dependency, message: String) -> Violation {
        EdgeWriter::new(self).violation(d, Some(message))
    }

    /// [`crate::graph::Graph::describe`] of many dependencies, grouped by origin class as for
    /// [`Ctx::dependency_violations`]. The descriptions are written one after another into `text`; each comes with
    /// its range there, where its origin's description ends, and the rank of its middle (what follows the origin's
    /// description through `> in (`) among the distinct middles in text order. The ranks are `None` when some
    /// middle is a proper prefix of another (ordering by rank would then not be ordering by text).
    pub(super) fn descriptions(&self, deps: &[&Dependency], text: &mut String) -> (Vec<Described>, Option<Vec<u32>>) {
        let mut w = EdgeWriter::new(self);
        let described = deps
            .iter()
            .map(|d| {
                let start = text.len();
                let (origin_end, target) = w.write_message(d, text);
                let middle = target.id;
                Described { full: start..text.len(), origin_end, middle }
            })
            .collect();
        let ranks = text_ranks(w.targets.values().map(|t| (at(&w.target_text, &t.text), t.id)).collect());
        (described, ranks)
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
        // Roomy enough for most messages: the text becomes the message.
        let mut text = String::with_capacity(192 + event.len());
        self.write_item_description(&mut text, item);
        text.push(' ');
        text.push_str(event);
        self.item_violation(item, text)
    }

    /// A violation about a subject whose text (starting with its description) the caller wrote: the text is
    /// completed with ` in (B.java:0)`, and the fields are the subject's class (and member).
    pub(super) fn item_violation(&self, item: Item, mut message: String) -> Violation {
        let id = self.item_class(item);
        let origin = self.origin(id);
        // ArchUnit places a member at its first line (`JavaMember.getSourceCodeLocation()`), a class at line 0.
        let line = self.item_member(item).map_or(0, |(_, m)| m.first_line);
        message.push_str(" in (");
        message.push_str(&origin.source_file);
        message.push(':');
        crate::graph::push_line(&mut message, line);
        message.push(')');
        // Shrinking in place is cheaper than the copy an exact allocation would take; results can be large.
        message.shrink_to_fit();
        let origin_member =
            self.item_member(item).map(|(_, m)| self.short_name(&mut String::new(), m.name, m.descriptor));
        Violation {
            message,
            origin_class: origin.class.clone(),
            origin_member,
            target_class: None,
            target_member: None,
            source_file: Some(origin.source_file.clone()),
            line: u32::from(line),
            location: origin.location.clone(),
            suppressed: false,
            baselined: false,
            hint: None,
        }
    }
}
