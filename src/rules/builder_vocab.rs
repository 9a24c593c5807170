//! The builder's predicate vocabulary: free functions (`classes::reside_in_a_package(..)`) and the
//! fluent `that`/`should` forms as provided trait methods (`.are_public()`, `.be_annotated_with(..)`).
//! Names are the DSL's, in snake_case; each builds the IR its DSL twin lowers to
//! (checked by `tests/dsl_builder_equivalence.rs`).

use super::ir::{
    AccessKind, AccessPred, AnnotationPred, ClassKind, ClassPred, DependencyKind, DependencyPred, ElementValue,
    MemberKind, MemberPred, Modifier, StringMatch, VersionReq, Visibility,
};
use super::vocab::JavaModifier;

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// Generates, for one domain: the free functions, a `that`-forms trait and a `should`-forms trait.
macro_rules! domain_vocab {
    (
        $module:ident, $pred:ty, $that_trait:ident, $should_trait:ident;
        $( $base:ident ( $($arg:ident : $ty:ty),* ) [$that:ident, $that_not:ident, $should:ident, $should_not:ident]
            => $body:expr; )*
    ) => {
        pub mod $module {
            #[allow(unused_imports)]
            use super::*;
            $(
                #[doc = concat!("The `", stringify!($base), "` predicate.")]
                pub fn $base($($arg: $ty),*) -> $pred { $body }
            )*
        }

        /// Fluent forms after `that()`/`and()` and in `..._that()` conditions.
        pub trait $that_trait: Sized {
            type Out;
            fn finish(self, pred: $pred) -> Self::Out;
            $(
                fn $that(self, $($arg: $ty),*) -> Self::Out { self.finish($module::$base($($arg),*)) }
                fn $that_not(self, $($arg: $ty),*) -> Self::Out { self.finish($module::$base($($arg),*).negate()) }
            )*
        }

        /// Fluent property conditions after `should()`.
        pub trait $should_trait: Sized {
            type Out;
            fn finish_should(self, pred: $pred) -> Self::Out;
            $(
                fn $should(self, $($arg: $ty),*) -> Self::Out { self.finish_should($module::$base($($arg),*)) }
                fn $should_not(self, $($arg: $ty),*) -> Self::Out {
                    self.finish_should($module::$base($($arg),*).negate())
                }
            )*
        }
    };
}

domain_vocab! {
    classes, ClassPred, ClassThatForms, ClassShouldForms;
    fully_qualified_name(name: &str) [have_fully_qualified_name, do_not_have_fully_qualified_name, have_fully_qualified_name, not_have_fully_qualified_name]
        => crate::rules::combinators::type_named(name);
    name_matching(regex: &str) [have_name_matching, do_not_have_name_matching, have_name_matching, not_have_name_matching]
        => ClassPred::FullName(StringMatch::Matches(regex.to_owned()));
    name_starting_with(prefix: &str) [have_name_starting_with, do_not_have_name_starting_with, have_name_starting_with, not_have_name_starting_with]
        => ClassPred::FullName(StringMatch::StartsWith(prefix.to_owned()));
    name_containing(infix: &str) [have_name_containing, do_not_have_name_containing, have_name_containing, not_have_name_containing]
        => ClassPred::FullName(StringMatch::Contains(infix.to_owned()));
    name_ending_with(suffix: &str) [have_name_ending_with, do_not_have_name_ending_with, have_name_ending_with, not_have_name_ending_with]
        => ClassPred::FullName(StringMatch::EndsWith(suffix.to_owned()));
    simple_name(name: &str) [have_simple_name, do_not_have_simple_name, have_simple_name, not_have_simple_name]
        => ClassPred::SimpleName(StringMatch::Equals(name.to_owned()));
    simple_name_starting_with(prefix: &str) [have_simple_name_starting_with, do_not_have_simple_name_starting_with, have_simple_name_starting_with, not_have_simple_name_starting_with]
        => ClassPred::SimpleName(StringMatch::StartsWith(prefix.to_owned()));
    simple_name_containing(infix: &str) [have_simple_name_containing, do_not_have_simple_name_containing, have_simple_name_containing, not_have_simple_name_containing]
        => ClassPred::SimpleName(StringMatch::Contains(infix.to_owned()));
    simple_name_ending_with(suffix: &str) [have_simple_name_ending_with, do_not_have_simple_name_ending_with, have_simple_name_ending_with, not_have_simple_name_ending_with]
        => ClassPred::SimpleName(StringMatch::EndsWith(suffix.to_owned()));
    simple_name_matching(regex: &str) [have_simple_name_matching, do_not_have_simple_name_matching, have_simple_name_matching, not_have_simple_name_matching]
        => ClassPred::SimpleName(StringMatch::Matches(regex.to_owned()));
    reside_in_a_package(pattern: &str) [reside_in_a_package, do_not_reside_in_a_package, reside_in_a_package, not_reside_in_a_package]
        => ClassPred::ResideInAnyPackage(vec![pattern.to_owned()]);
    reside_in_any_package(patterns: &[&str]) [reside_in_any_package, do_not_reside_in_any_package, reside_in_any_package, not_reside_in_any_package]
        => ClassPred::ResideInAnyPackage(strings(patterns));
    reside_outside_of_package(pattern: &str) [reside_outside_of_package, do_not_reside_outside_of_package, reside_outside_of_package, not_reside_outside_of_package]
        => ClassPred::ResideOutsideOfPackages(vec![pattern.to_owned()]);
    reside_outside_of_packages(patterns: &[&str]) [reside_outside_of_packages, do_not_reside_outside_of_packages, reside_outside_of_packages, not_reside_outside_of_packages]
        => ClassPred::ResideOutsideOfPackages(strings(patterns));
    public() [are_public, are_not_public, be_public, not_be_public] => ClassPred::Visibility(Visibility::Public);
    protected() [are_protected, are_not_protected, be_protected, not_be_protected] => ClassPred::Visibility(Visibility::Protected);
    package_private() [are_package_private, are_not_package_private, be_package_private, not_be_package_private]
        => ClassPred::Visibility(Visibility::PackagePrivate);
    private() [are_private, are_not_private, be_private, not_be_private] => ClassPred::Visibility(Visibility::Private);
    modifier(m: JavaModifier) [have_modifier, do_not_have_modifier, have_modifier, not_have_modifier] => match m {
        JavaModifier::Visibility(v) => ClassPred::Visibility(v),
        JavaModifier::Other(m) => ClassPred::Modifier(m),
    };
    r#final() [are_final, are_not_final, be_final, not_be_final] => ClassPred::Modifier(Modifier::Final);
    r#abstract() [are_abstract, are_not_abstract, be_abstract, not_be_abstract] => ClassPred::Modifier(Modifier::Abstract);
    r#static() [are_static, are_not_static, be_static, not_be_static] => ClassPred::Modifier(Modifier::Static);
    interfaces() [are_interfaces, are_not_interfaces, be_interfaces, not_be_interfaces] => ClassPred::Kind(ClassKind::Interface);
    enums() [are_enums, are_not_enums, be_enums, not_be_enums] => ClassPred::Kind(ClassKind::Enum);
    records() [are_records, are_not_records, be_records, not_be_records] => ClassPred::Kind(ClassKind::Record);
    annotations() [are_annotations, are_not_annotations, be_annotations, not_be_annotations] => ClassPred::Kind(ClassKind::Annotation);
    top_level_classes() [are_top_level_classes, are_not_top_level_classes, be_top_level_classes, not_be_top_level_classes]
        => ClassPred::Kind(ClassKind::TopLevel);
    nested_classes() [are_nested_classes, are_not_nested_classes, be_nested_classes, not_be_nested_classes]
        => ClassPred::Kind(ClassKind::Nested);
    member_classes() [are_member_classes, are_not_member_classes, be_member_classes, not_be_member_classes]
        => ClassPred::Kind(ClassKind::Member);
    inner_classes() [are_inner_classes, are_not_inner_classes, be_inner_classes, not_be_inner_classes]
        => ClassPred::Kind(ClassKind::Inner);
    anonymous_classes() [are_anonymous_classes, are_not_anonymous_classes, be_anonymous_classes, not_be_anonymous_classes]
        => ClassPred::Kind(ClassKind::Anonymous);
    local_classes() [are_local_classes, are_not_local_classes, be_local_classes, not_be_local_classes]
        => ClassPred::Kind(ClassKind::Local);
    annotated_with(a: impl Into<AnnotationPred>) [are_annotated_with, are_not_annotated_with, be_annotated_with, not_be_annotated_with]
        => ClassPred::AnnotatedWith(a.into());
    meta_annotated_with(a: impl Into<AnnotationPred>) [are_meta_annotated_with, are_not_meta_annotated_with, be_meta_annotated_with, not_be_meta_annotated_with]
        => ClassPred::MetaAnnotatedWith(a.into());
    assignable_to(t: impl Into<ClassPred>) [are_assignable_to, are_not_assignable_to, be_assignable_to, not_be_assignable_to]
        => ClassPred::AssignableTo(Box::new(t.into()));
    assignable_from(t: impl Into<ClassPred>) [are_assignable_from, are_not_assignable_from, be_assignable_from, not_be_assignable_from]
        => ClassPred::AssignableFrom(Box::new(t.into()));
    accessed_by_classes_that(t: impl Into<ClassPred>) [are_accessed_by_classes_that, are_not_accessed_by_classes_that, be_accessed_by_classes_that, not_be_accessed_by_classes_that]
        => ClassPred::AccessedByClassesThat(Box::new(t.into()));
    implement(t: impl Into<ClassPred>) [implement, do_not_implement, implement, not_implement]
        => ClassPred::Implement(Box::new(t.into()));
    contain_any_members_that(p: MemberPred) [contain_any_members_that, do_not_contain_any_members_that, contain_any_members_that, not_contain_any_members_that]
        => ClassPred::ContainAny(MemberKind::Member, Box::new(p));
    contain_any_fields_that(p: MemberPred) [contain_any_fields_that, do_not_contain_any_fields_that, contain_any_fields_that, not_contain_any_fields_that]
        => ClassPred::ContainAny(MemberKind::Field, Box::new(p));
    contain_any_code_units_that(p: MemberPred) [contain_any_code_units_that, do_not_contain_any_code_units_that, contain_any_code_units_that, not_contain_any_code_units_that]
        => ClassPred::ContainAny(MemberKind::CodeUnit, Box::new(p));
    contain_any_methods_that(p: MemberPred) [contain_any_methods_that, do_not_contain_any_methods_that, contain_any_methods_that, not_contain_any_methods_that]
        => ClassPred::ContainAny(MemberKind::Method, Box::new(p));
    contain_any_constructors_that(p: MemberPred) [contain_any_constructors_that, do_not_contain_any_constructors_that, contain_any_constructors_that, not_contain_any_constructors_that]
        => ClassPred::ContainAny(MemberKind::Constructor, Box::new(p));
    contain_any_static_initializers_that(p: MemberPred) [contain_any_static_initializers_that, do_not_contain_any_static_initializers_that, contain_any_static_initializers_that, not_contain_any_static_initializers_that]
        => ClassPred::ContainAny(MemberKind::StaticInitializer, Box::new(p));
    contain_any_methods_in_class_hierarchy_that(p: MemberPred) [contain_any_methods_in_class_hierarchy_that, do_not_contain_any_methods_in_class_hierarchy_that, contain_any_methods_in_class_hierarchy_that, not_contain_any_methods_in_class_hierarchy_that]
        => crate::rules::vocab_class::in_hierarchy(MemberKind::Method, p);
    contain_any_fields_in_class_hierarchy_that(p: MemberPred) [contain_any_fields_in_class_hierarchy_that, do_not_contain_any_fields_in_class_hierarchy_that, contain_any_fields_in_class_hierarchy_that, not_contain_any_fields_in_class_hierarchy_that]
        => crate::rules::vocab_class::in_hierarchy(MemberKind::Field, p);
    annotated_with_any(types: &[&str]) [are_annotated_with_any, are_not_annotated_with_any, be_annotated_with_any, not_be_annotated_with_any]
        => ClassPred::AnnotatedWith(crate::rules::vocab_class::any_of_types(&strings(types)));
    deprecated() [are_deprecated, are_not_deprecated, be_deprecated, not_be_deprecated] => ClassPred::Deprecated;
    deprecated_for_removal() [are_deprecated_for_removal, are_not_deprecated_for_removal, be_deprecated_for_removal, not_be_deprecated_for_removal]
        => ClassPred::DeprecatedForRemoval;
    kotlin() [are_kotlin, are_not_kotlin, be_kotlin, not_be_kotlin] => ClassPred::Kotlin;
    scala() [are_scala, are_not_scala, be_scala, not_be_scala] => ClassPred::Scala;
    kotlin_internal() [are_kotlin_internal, are_not_kotlin_internal, be_kotlin_internal, not_be_kotlin_internal]
        => ClassPred::KotlinInternal;
    null_marked() [are_null_marked, are_not_null_marked, be_null_marked, not_be_null_marked] => ClassPred::NullMarked;
    reside_in_package_annotated_with(a: impl Into<AnnotationPred>) [reside_in_package_annotated_with, do_not_reside_in_package_annotated_with, reside_in_package_annotated_with, not_reside_in_package_annotated_with]
        => ClassPred::ResideInPackageAnnotatedWith(a.into());
    from_artifact(coordinates: &str, version: Option<VersionReq>) [are_from_artifact, are_not_from_artifact, be_from_artifact, not_be_from_artifact]
        => {
            let (group, artifact) = coordinates.split_once(':').unwrap_or((coordinates, "*"));
            ClassPred::FromArtifact { group: group.to_owned(), artifact: artifact.to_owned(), version }
        };
    equivalent_to(name: &str) [are_equivalent_to, are_not_equivalent_to, be_equivalent_to, not_be_equivalent_to]
        => crate::rules::combinators::type_named(name);
}

domain_vocab! {
    members, MemberPred, MemberThatForms, MemberShouldForms;
    name(name: &str) [have_name, do_not_have_name, have_name, not_have_name] => MemberPred::Name(StringMatch::Equals(name.to_owned()));
    name_matching(regex: &str) [have_name_matching, do_not_have_name_matching, have_name_matching, not_have_name_matching]
        => MemberPred::Name(StringMatch::Matches(regex.to_owned()));
    name_starting_with(prefix: &str) [have_name_starting_with, do_not_have_name_starting_with, have_name_starting_with, not_have_name_starting_with]
        => MemberPred::Name(StringMatch::StartsWith(prefix.to_owned()));
    name_containing(infix: &str) [have_name_containing, do_not_have_name_containing, have_name_containing, not_have_name_containing]
        => MemberPred::Name(StringMatch::Contains(infix.to_owned()));
    name_ending_with(suffix: &str) [have_name_ending_with, do_not_have_name_ending_with, have_name_ending_with, not_have_name_ending_with]
        => MemberPred::Name(StringMatch::EndsWith(suffix.to_owned()));
    full_name(name: &str) [have_full_name, do_not_have_full_name, have_full_name, not_have_full_name]
        => MemberPred::FullName(StringMatch::Equals(name.to_owned()));
    full_name_matching(regex: &str) [have_full_name_matching, do_not_have_full_name_matching, have_full_name_matching, not_have_full_name_matching]
        => MemberPred::FullName(StringMatch::Matches(regex.to_owned()));
    declared_in(t: impl Into<ClassPred>) [are_declared_in, are_not_declared_in, be_declared_in, not_be_declared_in]
        => MemberPred::DeclaredIn(Box::new(t.into()));
    declared_in_classes_that(t: impl Into<ClassPred>) [are_declared_in_classes_that, are_not_declared_in_classes_that, be_declared_in_classes_that, not_be_declared_in_classes_that]
        => MemberPred::DeclaredIn(Box::new(t.into()));
    public() [are_public, are_not_public, be_public, not_be_public] => MemberPred::Visibility(Visibility::Public);
    protected() [are_protected, are_not_protected, be_protected, not_be_protected] => MemberPred::Visibility(Visibility::Protected);
    package_private() [are_package_private, are_not_package_private, be_package_private, not_be_package_private]
        => MemberPred::Visibility(Visibility::PackagePrivate);
    private() [are_private, are_not_private, be_private, not_be_private] => MemberPred::Visibility(Visibility::Private);
    modifier(m: JavaModifier) [have_modifier, do_not_have_modifier, have_modifier, not_have_modifier] => match m {
        JavaModifier::Visibility(v) => MemberPred::Visibility(v),
        JavaModifier::Other(m) => MemberPred::Modifier(m),
    };
    r#static() [are_static, are_not_static, be_static, not_be_static] => MemberPred::Modifier(Modifier::Static);
    r#final() [are_final, are_not_final, be_final, not_be_final] => MemberPred::Modifier(Modifier::Final);
    r#abstract() [are_abstract, are_not_abstract, be_abstract, not_be_abstract] => MemberPred::Modifier(Modifier::Abstract);
    synchronized() [are_synchronized, are_not_synchronized, be_synchronized, not_be_synchronized]
        => MemberPred::Modifier(Modifier::Synchronized);
    native() [are_native, are_not_native, be_native, not_be_native] => MemberPred::Modifier(Modifier::Native);
    transient() [are_transient, are_not_transient, be_transient, not_be_transient] => MemberPred::Modifier(Modifier::Transient);
    volatile() [are_volatile, are_not_volatile, be_volatile, not_be_volatile] => MemberPred::Modifier(Modifier::Volatile);
    synthetic() [are_synthetic, are_not_synthetic, be_synthetic, not_be_synthetic] => MemberPred::Modifier(Modifier::Synthetic);
    annotated_with(a: impl Into<AnnotationPred>) [are_annotated_with, are_not_annotated_with, be_annotated_with, not_be_annotated_with]
        => MemberPred::AnnotatedWith(a.into());
    meta_annotated_with(a: impl Into<AnnotationPred>) [are_meta_annotated_with, are_not_meta_annotated_with, be_meta_annotated_with, not_be_meta_annotated_with]
        => MemberPred::MetaAnnotatedWith(a.into());
    annotated_with_any(types: &[&str]) [are_annotated_with_any, are_not_annotated_with_any, be_annotated_with_any, not_be_annotated_with_any]
        => MemberPred::AnnotatedWith(crate::rules::vocab_class::any_of_types(&strings(types)));
    a_getter() [are_getters, are_not_getters, be_getters, not_be_getters] => crate::rules::vocab_member::getter();
    deprecated() [are_deprecated, are_not_deprecated, be_deprecated, not_be_deprecated] => MemberPred::Deprecated;
    deprecated_for_removal() [are_deprecated_for_removal, are_not_deprecated_for_removal, be_deprecated_for_removal, not_be_deprecated_for_removal]
        => MemberPred::DeprecatedForRemoval;
    kotlin_internal() [are_kotlin_internal, are_not_kotlin_internal, be_kotlin_internal, not_be_kotlin_internal]
        => MemberPred::KotlinInternal;
    raw_type(t: impl Into<ClassPred>) [have_raw_type, do_not_have_raw_type, have_raw_type, not_have_raw_type]
        => MemberPred::RawType(Box::new(t.into()));
    raw_return_type(t: impl Into<ClassPred>) [have_raw_return_type, do_not_have_raw_return_type, have_raw_return_type, not_have_raw_return_type]
        => MemberPred::RawReturnType(Box::new(t.into()));
    raw_parameter_types(types: &[&str]) [have_raw_parameter_types, do_not_have_raw_parameter_types, have_raw_parameter_types, not_have_raw_parameter_types]
        => MemberPred::RawParameterTypes(types.iter().map(|t| crate::rules::combinators::normalize_type_name(t)).collect());
    any_raw_parameter_type(t: impl Into<ClassPred>) [have_any_raw_parameter_type, do_not_have_any_raw_parameter_type, have_any_raw_parameter_type, not_have_any_raw_parameter_type]
        => MemberPred::AnyRawParameterType(Box::new(t.into()));
    declare_throwable_of_type(t: impl Into<ClassPred>) [declare_throwable_of_type, do_not_declare_throwable_of_type, declare_throwable_of_type, not_declare_throwable_of_type]
        => MemberPred::DeclareThrowableOfType(Box::new(t.into()));
}

/// Member kinds as predicates: `target(is(constructor()))`.
pub mod member_kinds {
    use super::*;
    pub fn field() -> MemberPred {
        MemberPred::Kind(MemberKind::Field)
    }
    pub fn code_unit() -> MemberPred {
        MemberPred::Kind(MemberKind::CodeUnit)
    }
    pub fn method() -> MemberPred {
        MemberPred::Kind(MemberKind::Method)
    }
    pub fn constructor() -> MemberPred {
        MemberPred::Kind(MemberKind::Constructor)
    }
    pub fn static_initializer() -> MemberPred {
        MemberPred::Kind(MemberKind::StaticInitializer)
    }
}

/// Access predicates: `target(..)`, `target_owner(..)`...
pub mod access {
    use super::*;
    pub fn origin(p: MemberPred) -> AccessPred {
        AccessPred::Origin(p)
    }
    pub fn origin_owner(p: impl Into<ClassPred>) -> AccessPred {
        AccessPred::OriginOwner(p.into())
    }
    pub fn target(p: MemberPred) -> AccessPred {
        AccessPred::Target(p)
    }
    pub fn target_owner(p: impl Into<ClassPred>) -> AccessPred {
        AccessPred::TargetOwner(p.into())
    }
    pub fn in_the_same_package() -> AccessPred {
        AccessPred::InTheSamePackage
    }
    pub fn field_access() -> AccessPred {
        AccessPred::Kind(AccessKind::Field)
    }
    pub fn method_call() -> AccessPred {
        AccessPred::Kind(AccessKind::MethodCall)
    }
    pub fn constructor_call() -> AccessPred {
        AccessPred::Kind(AccessKind::ConstructorCall)
    }
    pub fn code_unit_reference() -> AccessPred {
        AccessPred::Kind(AccessKind::CodeUnitReference)
    }
}

/// Dependency predicates, for `have_any_dependencies_that(..)`.
pub mod dependencies {
    use super::*;
    pub fn dependency_origin(p: impl Into<ClassPred>) -> DependencyPred {
        DependencyPred::Origin(p.into())
    }
    pub fn dependency_target(p: impl Into<ClassPred>) -> DependencyPred {
        DependencyPred::Target(p.into())
    }
    pub fn reside_in_same_package() -> DependencyPred {
        DependencyPred::ResideInSamePackage
    }
    pub fn dependency_type(kinds: &[DependencyKind]) -> DependencyPred {
        DependencyPred::Kind(kinds.to_vec())
    }
}

/// Annotation predicates, for `annotated_with(..)`.
pub mod annotations {
    use super::*;
    pub fn annotation_type(t: impl Into<ClassPred>) -> AnnotationPred {
        AnnotationPred::Type(Box::new(t.into()))
    }
    pub fn annotation_value(name: &str, value: ElementValue) -> AnnotationPred {
        AnnotationPred::Value { name: name.to_owned(), value }
    }
}
