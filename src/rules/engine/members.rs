//! Member predicates over a [`MemberView`]: a member of an analysed class, or the target of an access, looked up
//! through the owner's hierarchy ([`crate::graph::Graph::resolve_member`]) for what only the declaration knows.

use std::borrow::Cow;

use super::classes::{visibility, ClassRef};
use super::compile::CMember;
use super::Ctx;
use crate::bytecode::access as acc;
use crate::graph::names::{self, FieldType};
use crate::graph::names::{method_types, Params};
use crate::graph::{self, ClassId, Dependency, Member, MemberKind as GKind, Sym};
use crate::rules::ir::{MemberKind, Modifier};

/// A member as a predicate sees it.
#[derive(Debug, Clone, Copy)]
pub struct MemberView<'g> {
    /// The declaring class; for an access target, the class the instruction names.
    pub owner: Sym,
    pub kind: GKind,
    pub name: Sym,
    pub descriptor: Sym,
    /// The declaration, when the graph has it.
    pub decl: Option<&'g Member>,
}

/// Whether some member of `c` may satisfy `p`, as far as the class record tells without reading its members:
/// predicates on members' annotations need a class with annotated members ([`graph::Class::members_annotated`]),
/// `kotlinInternal()` a Kotlin class. Scans of every member pass over the other classes (most of a graph).
pub fn may_declare(p: &CMember, c: &graph::Class) -> bool {
    match p {
        CMember::And(a, b) => may_declare(a, c) && may_declare(b, c),
        CMember::Or(a, b) => may_declare(a, c) || may_declare(b, c),
        CMember::AnnotatedWith(_)
        | CMember::MetaAnnotatedWith(..)
        | CMember::Deprecated
        | CMember::DeprecatedForRemoval => c.members_annotated,
        CMember::KotlinInternal => c.kotlin,
        _ => true,
    }
}

pub fn kind_matches(want: MemberKind, kind: GKind) -> bool {
    match want {
        MemberKind::Member => true,
        MemberKind::Field => kind == GKind::Field,
        MemberKind::CodeUnit => kind != GKind::Field,
        MemberKind::Method => kind == GKind::Method,
        MemberKind::Constructor => kind == GKind::Constructor,
        MemberKind::StaticInitializer => kind == GKind::StaticInitializer,
    }
}

impl<'g> Ctx<'g> {
    pub fn member_view(&self, owner: ClassId, m: &'g Member) -> MemberView<'g> {
        let owner = self.g.class(owner).name;
        MemberView { owner, kind: m.kind, name: m.name, descriptor: m.descriptor, decl: Some(m) }
    }

    /// The member an access targets, with its declaration found through the hierarchy when possible.
    pub fn target_view(&self, d: &Dependency) -> Option<MemberView<'g>> {
        let r = d.target_member()?;
        // By symbol, not text: access edges by the million are tested, and each text read is a cache miss.
        let kind = if !self.known.method_descriptor.get(self.g, r.descriptor, |desc| desc.starts_with('(')) {
            GKind::Field
        } else if Some(r.name) == self.known.init {
            GKind::Constructor
        } else if Some(r.name) == self.known.clinit {
            GKind::StaticInitializer
        } else {
            GKind::Method
        };
        let decl = self.g.resolve_member_fast(d.target, r).and_then(|(id, i)| self.g.class(id).members.get(i));
        Some(MemberView { owner: d.target, kind, name: r.name, descriptor: r.descriptor, decl })
    }

    /// ArchUnit's full name: `a.B.f`, `a.B.m(int, java.lang.String)`.
    pub fn member_full_name(&self, m: &MemberView<'_>) -> String {
        let owner = self.g.str(m.owner);
        let name = self.g.str(m.name);
        match m.kind {
            GKind::Field => format!("{owner}.{name}"),
            _ => format!("{owner}.{name}({})", names::parameter_list(self.g.str(m.descriptor))),
        }
    }

    pub fn member_matches(&self, p: &CMember, m: &MemberView<'_>) -> bool {
        match p {
            CMember::And(a, b) => self.member_matches(a, m) && self.member_matches(b, m),
            CMember::Or(a, b) => self.member_matches(a, m) || self.member_matches(b, m),
            CMember::Not(a) => !self.member_matches(a, m),
            CMember::Name(s, memo) => memo.get(self.g, m.name, |name| s.is_match(name)),
            CMember::FullName(s) => s.is_match(&self.member_full_name(m)),
            CMember::Kind(k) => kind_matches(*k, m.kind),
            CMember::DeclaredIn(c) => self.class_matches(c, &self.class_ref(m.owner)),
            CMember::Visibility(v) => m.decl.is_some_and(|d| visibility(d.access) == *v),
            CMember::Modifier(x) => m.decl.is_some_and(|d| member_modifier(d, *x)),
            CMember::AnnotatedWith(a) => {
                m.decl.is_some_and(|d| d.annotations.iter().any(|x| self.annotation_matches(a, x)))
            }
            CMember::MetaAnnotatedWith(a, memo) => m.decl.is_some_and(|d| self.meta_annotated(&d.annotations, a, memo)),
            // A Scala member's `Deprecated` attribute counts too (scalac's `@deprecated`), a Java member's alone (a
            // javadoc tag) does not, as in ArchUnit: see `Ctx::is_deprecated`.
            CMember::Deprecated => m.decl.is_some_and(|d| {
                (d.deprecated_attribute && self.loaded(&self.class_ref(m.owner)).is_some_and(|k| k.scala))
                    || self.is_deprecated(&d.annotations)
            }),
            CMember::DeprecatedForRemoval => m.decl.is_some_and(|d| self.is_deprecated_for_removal(&d.annotations)),
            CMember::KotlinInternal => m.decl.is_some_and(|d| self.kotlin_internal_member(d)),
            CMember::RawType(c, memo) => {
                m.kind == GKind::Field
                    && memo.get(self.g, m.descriptor, |d| names::field_type(d).is_some_and(|t| self.type_matches(c, t)))
            }
            CMember::RawReturnType(c, memo) => match m.kind {
                GKind::Field => false,
                GKind::Constructor | GKind::StaticInitializer => {
                    self.class_matches(c, &self.class_ref_str(Cow::Borrowed("void")))
                }
                GKind::Method => {
                    memo.get(self.g, m.descriptor, |d| method_types(d).is_some_and(|(_, r)| self.type_matches(c, r)))
                }
            },
            CMember::RawParameterTypes(want, memo) => {
                m.kind != GKind::Field
                    && memo.get(self.g, m.descriptor, |d| method_types(d).is_some_and(|(ps, _)| params_are(ps, want)))
            }
            CMember::AnyRawParameterType(c, memo) => {
                m.kind != GKind::Field
                    && memo.get(self.g, m.descriptor, |d| {
                        method_types(d).is_some_and(|(mut ps, _)| ps.any(|p| self.type_matches(c, p)))
                    })
            }
            CMember::DeclareThrowableOfType(c) => {
                m.decl.is_some_and(|d| d.throws().iter().any(|&t| self.class_matches(c, &self.class_ref(t))))
            }
        }
    }

    fn type_matches(&self, c: &super::compile::CClass, t: FieldType<'_>) -> bool {
        // The common `haveRawType("a.B")` compares the descriptor's name in place, without building it.
        if let super::compile::CClass::FullName(super::compile::Str::Equals(want)) = c {
            return match t {
                FieldType::Primitive(p) => names::primitive_name(p) == want,
                FieldType::Object(n) | FieldType::Array(n) => {
                    n.len() == want.len()
                        && n.bytes().zip(want.bytes()).all(|(a, b)| a == b || (a == b'/' && b == b'.'))
                }
            };
        }
        let r: ClassRef<'_> = self.class_ref_str(Cow::Owned(names::type_name(t)));
        self.class_matches(c, &r)
    }
}

/// Whether the parameter types are exactly those named.
pub fn params_are(ps: Params<'_>, want: &[String]) -> bool {
    ps.clone().count() == want.len() && ps.zip(want).all(|(p, w)| type_is(p, w))
}

/// Whether a descriptor type is the type named `want` (binary name, JVM array form, or primitive keyword),
/// compared in place: `java/lang/String` is `java.lang.String`.
pub fn type_is(t: FieldType<'_>, want: &str) -> bool {
    match t {
        FieldType::Primitive(p) => names::primitive_name(p) == want,
        FieldType::Object(n) | FieldType::Array(n) => {
            n.len() == want.len() && n.bytes().zip(want.bytes()).all(|(a, b)| a == b || (a == b'/' && b == b'.'))
        }
    }
}

fn member_modifier(m: &Member, x: Modifier) -> bool {
    let field = m.kind == graph::MemberKind::Field;
    let flag = match x {
        Modifier::Static => acc::STATIC,
        Modifier::Final => acc::FINAL,
        Modifier::Abstract => acc::ABSTRACT,
        Modifier::Synchronized if !field => acc::SYNCHRONIZED,
        Modifier::Native => acc::NATIVE,
        Modifier::Transient if field => acc::TRANSIENT,
        Modifier::Volatile if field => acc::VOLATILE,
        Modifier::Synthetic => acc::SYNTHETIC,
        Modifier::Bridge if !field => acc::BRIDGE,
        _ => return false,
    };
    m.access & flag != 0
}
