//! ArchUnit's wording of predicates, conditions and condition events, as the engine's violation messages need
//! them. `rule_description` is a placeholder until the DSL branch's `rules::describe` lands.

use crate::rules::ir::{
    AccessKind, AccessPred, AnnotationPred, ClassKind, ClassPred, CondExpr, Condition, DependencyPred, LayerAccess,
    LayerDependencies, MemberKind, MemberPred, Modifier, Rule, StringMatch, Subject, Visibility,
};

/// The rule's text: `no classes that ... should ...`, or its `.as(..)` text, then `, because ...`.
pub fn rule_description(rule: &Rule) -> String {
    let base = match &rule.description_override {
        Some(d) => d.clone(),
        None => generated_description(rule),
    };
    match &rule.because {
        Some(b) => format!("{base}, because {b}"),
        None => base,
    }
}

fn generated_description(rule: &Rule) -> String {
    let noun = match &rule.subject {
        Subject::Classes => "classes",
        Subject::Members => "members",
        Subject::Fields => "fields",
        Subject::Methods => "methods",
        Subject::Constructors => "constructors",
        Subject::CodeUnits => "code units",
        Subject::Slices { matching } => {
            return format!("slices matching '{matching}' should {}", expr(&rule.conditions))
        }
        Subject::Layered(arch) => return layered_description(arch),
    };
    let no = if rule.negated { "no " } else { "" };
    let that = match &rule.that {
        Some(crate::rules::ir::Pred::Class(p)) => format!(" that {}", class(p)),
        Some(crate::rules::ir::Pred::Member(p)) => format!(" that {}", member(p)),
        _ => String::new(),
    };
    format!("{no}{noun}{that} should {}", expr(&rule.conditions))
}

fn expr(e: &CondExpr) -> String {
    match e {
        CondExpr::Cond(c) => condition(c),
        CondExpr::And(a, b) => format!("{} and should {}", expr(a), expr(b)),
        CondExpr::Or(a, b) => format!("{} or should {}", expr(a), expr(b)),
    }
}

fn layered_description(arch: &crate::rules::ir::LayeredArchitecture) -> String {
    let considering = match &arch.considering {
        LayerDependencies::AllDependencies => "considering all dependencies".to_owned(),
        LayerDependencies::OnlyDependenciesInLayers => "considering only dependencies in layers".to_owned(),
        LayerDependencies::OnlyDependenciesInAnyPackage(ps) => {
            format!("considering only dependencies in any package [{}]", quoted(ps))
        }
    };
    let mut out = format!("Layered architecture {considering}, consisting of");
    for l in &arch.layers {
        let optional = if l.optional { "optional " } else { "" };
        out.push_str(&format!("\n{optional}layer '{}' ({})", l.name, quoted(&l.packages)));
    }
    for c in &arch.constraints {
        let what = match &c.access {
            LayerAccess::MayOnlyBeAccessedByLayers(ls) => format!("may only be accessed by layers [{}]", quoted(ls)),
            LayerAccess::MayNotBeAccessedByAnyLayer => "may not be accessed by any layer".to_owned(),
            LayerAccess::MayOnlyAccessLayers(ls) => format!("may only access layers [{}]", quoted(ls)),
            LayerAccess::MayNotAccessAnyLayer => "may not access any layer".to_owned(),
        };
        out.push_str(&format!("\nwhere layer '{}' {what}", c.layer));
    }
    out
}

fn quoted(items: &[String]) -> String {
    items.iter().map(|s| format!("'{s}'")).collect::<Vec<_>>().join(", ")
}

/// `should` text of one condition: `depend on classes that ...`, `be annotated with @X`.
pub fn condition(c: &Condition) -> String {
    match c {
        Condition::ClassMatches(p) => should_form(&class(p)),
        Condition::MemberMatches(p) => should_form(&member(p)),
        Condition::DependOnClassesThat(p) => format!("depend on classes that {}", class(p)),
        Condition::OnlyDependOnClassesThat(p) => format!("only depend on classes that {}", class(p)),
        Condition::HaveAnyDependenciesThat(p) => format!("have any dependencies that {}", dependency(p)),
        Condition::OnlyHaveDependentClassesThat(p) => format!("only have dependent classes that {}", class(p)),
        Condition::TransitivelyDependOnClassesThat(p) => format!("transitively depend on classes that {}", class(p)),
        Condition::AccessClassesThat(p) => format!("access classes that {}", class(p)),
        Condition::OnlyAccessClassesThat(p) => format!("only access classes that {}", class(p)),
        Condition::AccessWhere { kind, pred } => {
            let verb = match kind {
                AccessKind::Any => "access target where",
                AccessKind::Field => "access field where",
                AccessKind::FieldGet => "get field where",
                AccessKind::FieldSet => "set field where",
                AccessKind::CodeUnitCall => "call code unit where",
                AccessKind::MethodCall => "call method where",
                AccessKind::ConstructorCall => "call constructor where",
                AccessKind::CodeUnitReference => "reference code unit where",
            };
            format!("{verb} {}", access(pred))
        }
        Condition::OnlyBeAccessedByClassesThat(p) => format!("only be accessed by classes that {}", class(p)),
        Condition::OnlyBeCalledByClassesThat(p) => format!("only be called by classes that {}", class(p)),
        Condition::BeFreeOfCycles => "be free of cycles".to_owned(),
        Condition::NotDependOnEachOther => "not depend on each other".to_owned(),
        Condition::RespectLayers => "respect the layers".to_owned(),
    }
}

/// `are public` → `be public`; `have ...`, `reside ...` stay.
fn should_form(that: &str) -> String {
    match that.strip_prefix("are ") {
        Some(rest) => format!("be {rest}"),
        None => that.to_owned(),
    }
}

/// The event text after the subject's description: `is not annotated with @X`, `does not have simple name 'Y'`.
pub fn event(that: &str, satisfied: bool) -> String {
    let (yes, no, rest) = if let Some(r) = that.strip_prefix("are an ") {
        ("is an ", "is not an ", r)
    } else if let Some(r) = that.strip_prefix("are ") {
        ("is ", "is not ", r)
    } else if let Some(r) = that.strip_prefix("have ") {
        ("has ", "does not have ", r)
    } else if let Some(r) = that.strip_prefix("implement ") {
        ("implements ", "does not implement ", r)
    } else if let Some(r) = that.strip_prefix("declare ") {
        ("declares ", "does not declare ", r)
    } else {
        ("does ", "does not ", that)
    };
    format!("{}{rest}", if satisfied { yes } else { no })
}

/// Event text for a class condition, whole (ArchUnit words simple-name prefixes/suffixes without the description).
/// `generic` is `event(&class(p), satisfied)`, worded once per rule by the caller.
pub fn class_event(p: &ClassPred, satisfied: bool, description: &str, name: &str, generic: &str) -> String {
    let special =
        |yes: &str, no: &str, x: &str| format!("simple name of {name} {} '{x}'", if satisfied { yes } else { no });
    match p {
        ClassPred::SimpleName(StringMatch::StartsWith(x)) => special("starts with", "does not start with", x),
        ClassPred::SimpleName(StringMatch::Contains(x)) => special("contains", "does not contain", x),
        ClassPred::SimpleName(StringMatch::EndsWith(x)) => special("ends with", "does not end with", x),
        ClassPred::FullName(StringMatch::Matches(r)) => {
            format!("{description} {} '{r}'", if satisfied { "matches" } else { "does not match" })
        }
        ClassPred::Kind(ClassKind::Interface) => format!("{description} {} interface", is_an(satisfied)),
        ClassPred::Kind(ClassKind::Enum) => format!("{description} {} enum", is_an(satisfied)),
        _ => format!("{description} {generic}"),
    }
}

fn is_an(satisfied: bool) -> &'static str {
    if satisfied {
        "is an"
    } else {
        "is not an"
    }
}

fn string_match(what: &str, m: &StringMatch) -> String {
    match m {
        StringMatch::Equals(s) => format!("{what} '{s}'"),
        StringMatch::StartsWith(s) => format!("{what} starting with '{s}'"),
        StringMatch::Contains(s) => format!("{what} containing '{s}'"),
        StringMatch::EndsWith(s) => format!("{what} ending with '{s}'"),
        StringMatch::Matches(s) => format!("{what} matching '{s}'"),
    }
}

/// `Foo` for `a.b.Foo`, `Entry` for `java.util.Map$Entry` (ArchUnit's `ensureSimpleName`).
fn simple(name: &str) -> &str {
    name.rsplit(['.', '$']).next().unwrap_or(name)
}

/// A type named by a class predicate: the name itself for `FullName(Equals)`, the description otherwise.
fn type_name(p: &ClassPred) -> String {
    match p {
        ClassPred::FullName(StringMatch::Equals(n)) => n.clone(),
        ClassPred::Described(_, d) => d.clone(),
        _ => class(p),
    }
}

/// A class predicate as ArchUnit describes it after `classes that`.
pub fn class(p: &ClassPred) -> String {
    match p {
        ClassPred::And(a, b) => format!("{} and {}", class(a), class(b)),
        ClassPred::Or(a, b) => format!("{} or {}", class(a), class(b)),
        ClassPred::Not(a) => format!("not {}", class(a)),
        ClassPred::Described(_, d) => d.clone(),
        ClassPred::FullName(StringMatch::Equals(s)) => format!("have fully qualified name '{s}'"),
        ClassPred::FullName(StringMatch::Matches(s)) => format!("have name matching '{s}'"),
        ClassPred::FullName(m) => format!("have {}", string_match("fully qualified name", m)),
        ClassPred::SimpleName(m) => format!("have {}", string_match("simple name", m)),
        ClassPred::ResideInAnyPackage(ps) if ps.len() == 1 => format!("reside in a package '{}'", ps[0]),
        ClassPred::ResideInAnyPackage(ps) => format!("reside in any package [{}]", quoted(ps)),
        ClassPred::ResideOutsideOfPackages(ps) if ps.len() == 1 => format!("reside outside of package '{}'", ps[0]),
        ClassPred::ResideOutsideOfPackages(ps) => format!("reside outside of packages [{}]", quoted(ps)),
        ClassPred::Visibility(v) => format!("are {}", visibility(*v)),
        ClassPred::Modifier(m) => format!("have modifier {}", modifier(*m)),
        ClassPred::Kind(k) => format!("are {}", kind(*k)),
        ClassPred::AnnotatedWith(a) => format!("are annotated with {}", annotation(a)),
        ClassPred::MetaAnnotatedWith(a) => format!("are meta-annotated with {}", annotation(a)),
        ClassPred::AssignableTo(c) => format!("are assignable to {}", type_name(c)),
        ClassPred::AssignableFrom(c) => format!("are assignable from {}", type_name(c)),
        ClassPred::Implement(c) => format!("implement {}", type_name(c)),
        ClassPred::ContainAny(k, m) => format!("contain any {} that {}", member_kind_plural(*k), member(m)),
        ClassPred::Deprecated => "are deprecated".to_owned(),
        ClassPred::DeprecatedForRemoval => "are deprecated for removal".to_owned(),
        ClassPred::Kotlin => "are Kotlin classes".to_owned(),
        ClassPred::NullMarked => "are null-marked".to_owned(),
        ClassPred::ResideInPackageAnnotatedWith(a) => format!("reside in a package annotated with {}", annotation(a)),
        ClassPred::FromArtifact { group, artifact, version } => match version {
            Some(v) => format!("are from artifact {group}:{artifact} with version {v}"),
            None => format!("are from artifact {group}:{artifact}"),
        },
    }
}

fn visibility(v: Visibility) -> &'static str {
    match v {
        Visibility::Public => "public",
        Visibility::Protected => "protected",
        Visibility::PackagePrivate => "package private",
        Visibility::Private => "private",
    }
}

fn modifier(m: Modifier) -> &'static str {
    match m {
        Modifier::Static => "STATIC",
        Modifier::Final => "FINAL",
        Modifier::Abstract => "ABSTRACT",
        Modifier::Synchronized => "SYNCHRONIZED",
        Modifier::Native => "NATIVE",
        Modifier::Transient => "TRANSIENT",
        Modifier::Volatile => "VOLATILE",
        Modifier::Synthetic => "SYNTHETIC",
        Modifier::Bridge => "BRIDGE",
    }
}

fn kind(k: ClassKind) -> &'static str {
    match k {
        ClassKind::Interface => "interfaces",
        ClassKind::Enum => "enums",
        ClassKind::Record => "records",
        ClassKind::Annotation => "annotations",
        ClassKind::TopLevel => "top level classes",
        ClassKind::Nested => "nested classes",
        ClassKind::Member => "member classes",
        ClassKind::Inner => "inner classes",
        ClassKind::Anonymous => "anonymous classes",
        ClassKind::Local => "local classes",
    }
}

fn member_kind_plural(k: MemberKind) -> &'static str {
    match k {
        MemberKind::Member => "members",
        MemberKind::Field => "fields",
        MemberKind::CodeUnit => "code units",
        MemberKind::Method => "methods",
        MemberKind::Constructor => "constructors",
        MemberKind::StaticInitializer => "static initializers",
    }
}

/// `@NullMarked` for a type given by name, the description otherwise.
pub fn annotation(p: &AnnotationPred) -> String {
    match p {
        AnnotationPred::Type(c) => match &**c {
            ClassPred::FullName(StringMatch::Equals(n)) => format!("@{}", simple(n)),
            other => format!("annotation type that {}", class(other)),
        },
        AnnotationPred::And(a, b) => format!("{} and {}", annotation(a), annotation(b)),
        AnnotationPred::Or(a, b) => format!("{} or {}", annotation(a), annotation(b)),
        AnnotationPred::Not(a) => format!("not {}", annotation(a)),
        AnnotationPred::Described(_, d) => d.clone(),
        AnnotationPred::Value { name, value } => format!("{name} = {value:?}"),
    }
}

/// A member predicate as ArchUnit describes it after `methods that`.
pub fn member(p: &MemberPred) -> String {
    match p {
        MemberPred::And(a, b) => format!("{} and {}", member(a), member(b)),
        MemberPred::Or(a, b) => format!("{} or {}", member(a), member(b)),
        MemberPred::Not(a) => format!("not {}", member(a)),
        MemberPred::Described(_, d) => d.clone(),
        MemberPred::Name(m) => format!("have {}", string_match("name", m)),
        MemberPred::FullName(m) => format!("have {}", string_match("full name", m)),
        MemberPred::Kind(k) => format!("are {}", member_kind_plural(*k)),
        MemberPred::DeclaredIn(c) => match &**c {
            ClassPred::FullName(StringMatch::Equals(n)) => format!("are declared in {n}"),
            other => format!("are declared in classes that {}", class(other)),
        },
        MemberPred::Visibility(v) => format!("are {}", visibility(*v)),
        MemberPred::Modifier(m) => format!("have modifier {}", modifier(*m)),
        MemberPred::AnnotatedWith(a) => format!("are annotated with {}", annotation(a)),
        MemberPred::MetaAnnotatedWith(a) => format!("are meta-annotated with {}", annotation(a)),
        MemberPred::Deprecated => "are deprecated".to_owned(),
        MemberPred::DeprecatedForRemoval => "are deprecated for removal".to_owned(),
        MemberPred::RawType(c) => format!("have raw type {}", type_name(c)),
        MemberPred::RawReturnType(c) => format!("have raw return type {}", type_name(c)),
        MemberPred::RawParameterTypes(ts) => format!("have raw parameter types [{}]", ts.join(", ")),
        MemberPred::AnyRawParameterType(c) => format!("have any raw parameter type {}", type_name(c)),
        MemberPred::DeclareThrowableOfType(c) => format!("declare throwable of type {}", type_name(c)),
    }
}

pub fn access(p: &AccessPred) -> String {
    match p {
        AccessPred::And(a, b) => format!("{} and {}", access(a), access(b)),
        AccessPred::Or(a, b) => format!("{} or {}", access(a), access(b)),
        AccessPred::Not(a) => format!("not {}", access(a)),
        AccessPred::Described(_, d) => d.clone(),
        AccessPred::Origin(m) => format!("origin {}", member(m)),
        AccessPred::OriginOwner(c) => format!("origin owner {}", class(c)),
        AccessPred::Target(m) => format!("target {}", member(m)),
        AccessPred::TargetOwner(c) => format!("target owner {}", class(c)),
        AccessPred::InTheSamePackage => "origin and target are in the same package".to_owned(),
        AccessPred::Kind(k) => format!("is {k:?}"),
        AccessPred::TargetIs { owner, name, parameter_types } => match parameter_types {
            Some(ps) => format!("target is {}.{name}({})", simple(owner), ps.join(", ")),
            None => format!("target is {}.{name}", simple(owner)),
        },
    }
}

pub fn dependency(p: &DependencyPred) -> String {
    match p {
        DependencyPred::And(a, b) => format!("{} and {}", dependency(a), dependency(b)),
        DependencyPred::Or(a, b) => format!("{} or {}", dependency(a), dependency(b)),
        DependencyPred::Not(a) => format!("not {}", dependency(a)),
        DependencyPred::Described(_, d) => d.clone(),
        DependencyPred::Origin(c) => format!("origin {}", class(c)),
        DependencyPred::Target(c) => format!("target {}", class(c)),
        DependencyPred::ResideInSamePackage => "origin and target reside in the same package".to_owned(),
        DependencyPred::Kind(ks) => format!("are of kind {ks:?}"),
    }
}
