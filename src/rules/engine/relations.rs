//! Access and dependency predicates over one graph edge.

use super::compile::{CAccess, CDependency};
use super::Ctx;
use crate::graph::names::method_types;
use crate::graph::{DepKind, Dependency};
use crate::rules::ir::{AccessKind, DependencyKind};

pub fn access_kind_matches(want: AccessKind, kind: DepKind) -> bool {
    match want {
        AccessKind::Any => kind.is_access(),
        AccessKind::Field => matches!(kind, DepKind::FieldGet | DepKind::FieldSet),
        AccessKind::FieldGet => kind == DepKind::FieldGet,
        AccessKind::FieldSet => kind == DepKind::FieldSet,
        AccessKind::CodeUnitCall => matches!(kind, DepKind::MethodCall | DepKind::ConstructorCall),
        AccessKind::MethodCall => kind == DepKind::MethodCall,
        AccessKind::ConstructorCall => kind == DepKind::ConstructorCall,
        AccessKind::CodeUnitReference => matches!(kind, DepKind::MethodReference | DepKind::ConstructorReference),
    }
}

/// The IR's name for a graph edge kind.
pub fn dependency_kind(kind: DepKind) -> DependencyKind {
    match kind {
        DepKind::MethodCall => DependencyKind::CallsMethod,
        DepKind::ConstructorCall => DependencyKind::CallsConstructor,
        DepKind::FieldGet => DependencyKind::GetsField,
        DepKind::FieldSet => DependencyKind::SetsField,
        DepKind::MethodReference => DependencyKind::ReferencesMethod,
        DepKind::ConstructorReference => DependencyKind::ReferencesConstructor,
        DepKind::Extends => DependencyKind::Extends,
        DepKind::Implements => DependencyKind::Implements,
        DepKind::FieldType => DependencyKind::FieldType,
        DepKind::ReturnType => DependencyKind::ReturnType,
        DepKind::ParameterType => DependencyKind::ParameterType,
        DepKind::Throws => DependencyKind::ThrowsType,
        DepKind::Catch => DependencyKind::CatchesType,
        DepKind::Annotation | DepKind::ParameterAnnotation => DependencyKind::AnnotatedWith,
        DepKind::AnnotationMember => DependencyKind::AnnotationMemberType,
        DepKind::InstanceOf => DependencyKind::InstanceOf,
        DepKind::ClassObject => DependencyKind::ClassObject,
        DepKind::TypeParameter => DependencyKind::TypeParameter,
        DepKind::GenericSuperclass
        | DepKind::GenericInterface
        | DepKind::GenericFieldType
        | DepKind::GenericReturnType
        | DepKind::GenericParameterType => DependencyKind::GenericTypeArgument,
        DepKind::ComponentType => DependencyKind::ComponentType,
    }
}

impl Ctx<'_> {
    /// An access edge (`d.kind.is_access()`) against an access predicate.
    pub fn access_matches(&self, p: &CAccess, d: &Dependency) -> bool {
        match p {
            CAccess::And(a, b) => self.access_matches(a, d) && self.access_matches(b, d),
            CAccess::Or(a, b) => self.access_matches(a, d) || self.access_matches(b, d),
            CAccess::Not(a) => !self.access_matches(a, d),
            CAccess::Origin(m) => self
                .g
                .origin_member(d)
                .is_some_and(|member| self.member_matches(m, &self.member_view(d.origin, member))),
            CAccess::OriginOwner(c) => self.class_matches(c, &self.class_ref_id(d.origin)),
            CAccess::Target(m) => self.target_view(d).is_some_and(|t| self.member_matches(m, &t)),
            CAccess::TargetOwner(c) => self.class_matches(c, &self.class_ref(d.target)),
            CAccess::InTheSamePackage => self.same_package(d),
            CAccess::Kind(k) => access_kind_matches(*k, d.kind),
            CAccess::TargetIs { owner, name, parameter_types } => {
                let Some(r) = d.target_member() else { return false };
                self.g.str(d.target) == owner
                    && self.g.str(r.name) == name
                    && parameter_types.as_ref().is_none_or(|want| {
                        method_types(self.g.str(r.descriptor))
                            .is_some_and(|(ps, _)| super::members::params_are(ps, want))
                    })
            }
        }
    }

    pub fn dependency_matches(&self, p: &CDependency, d: &Dependency) -> bool {
        match p {
            CDependency::And(a, b) => self.dependency_matches(a, d) && self.dependency_matches(b, d),
            CDependency::Or(a, b) => self.dependency_matches(a, d) || self.dependency_matches(b, d),
            CDependency::Not(a) => !self.dependency_matches(a, d),
            CDependency::Origin(c) => self.class_matches(c, &self.class_ref_id(d.origin)),
            CDependency::Target(c) => self.class_matches(c, &self.class_ref(d.target)),
            CDependency::ResideInSamePackage => self.same_package(d),
            CDependency::Kind(ks) => ks.contains(&dependency_kind(d.kind)),
        }
    }

    fn same_package(&self, d: &Dependency) -> bool {
        let origin = self.class_ref_id(d.origin);
        let target = self.class_ref(d.target);
        self.package_of(&origin) == self.package_of(&target)
    }
}
