//! The lifecycle status a library declares for an API element: deprecated (for removal), experimental, internal,
//! public, or unmarked. Read from the element's annotations, then its enclosing classes', then its package's
//! (`package-info`); the strongest mark wins (for removal > deprecated > experimental > internal > public), the
//! nearest site on a tie.
//!
//! The three configurable sets (experimental, internal and public annotation names) are the `archrules.lifecycle`
//! pack's params, as the pack's rules use them and `archrules.toml` overrides them: one source of truth. The marks
//! that are no name pattern are fixed here, as the pack fixes them in its `let`s: `@Deprecated(forRemoval)`,
//! `kotlin.Deprecated`, `@DeprecatedSinceKotlin`, the class-file `Deprecated` attribute, apiguardian's
//! `@API(status = ...)`, JetBrains' `@ApiStatus.ScheduledForRemoval`/`@ApiStatus.Obsolete`, Kotlin opt-in markers
//! (annotation classes annotated `@kotlin.RequiresOptIn`) and Kotlin `internal` classes.

use std::cell::RefCell;
use std::collections::BTreeMap;

use regex::Regex;
use rustc_hash::FxHashMap;

use crate::graph::{Annotation, Class, ClassId, Graph, KotlinVisibility, Member, Sym, Value};

pub const JAVA_DEPRECATED: &str = "java.lang.Deprecated";
pub const KOTLIN_DEPRECATED: &str = "kotlin.Deprecated";
pub const KOTLIN_DEPRECATED_SINCE: &str = "kotlin.DeprecatedSinceKotlin";
const REQUIRES_OPT_IN: &str = "kotlin.RequiresOptIn";
const API_GUARDIAN: &str = "org.apiguardian.api.API";
const SCHEDULED_FOR_REMOVAL: &str = "org.jetbrains.annotations.ApiStatus$ScheduledForRemoval";
const OBSOLETE: &str = "org.jetbrains.annotations.ApiStatus$Obsolete";
const INLINE_ME: &str = "com.google.errorprone.annotations.InlineMe";
/// `statusAnnotation` of an element deprecated only by the class file's `Deprecated` attribute.
pub const DEPRECATED_ATTRIBUTE: &str = "Deprecated attribute";
/// `statusAnnotation` of a Kotlin `internal` class (and of the members of one).
pub const KOTLIN_INTERNAL: &str = "kotlin internal";

/// The pack whose params define the annotation sets.
pub const PACK: &str = "archrules.lifecycle";

/// Ordered weakest first: the strongest mark over all sites decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ApiStatus {
    Unmarked,
    Public,
    Internal,
    Experimental,
    Deprecated,
    DeprecatedForRemoval,
}

impl ApiStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ApiStatus::DeprecatedForRemoval => "deprecated-for-removal",
            ApiStatus::Deprecated => "deprecated",
            ApiStatus::Experimental => "experimental",
            ApiStatus::Internal => "internal",
            ApiStatus::Public => "public",
            ApiStatus::Unmarked => "unmarked",
        }
    }

    /// What `--fleet-uses marked` writes: every status a library author asks "who uses this?" about.
    pub fn is_marked(self) -> bool {
        !matches!(self, ApiStatus::Public | ApiStatus::Unmarked)
    }
}

/// Where the deciding mark sat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Site {
    Element,
    /// An enclosing class (for a member: its own class, or one enclosing it).
    Class,
    Package,
}

impl Site {
    pub fn as_str(self) -> &'static str {
        match self {
            Site::Element => "element",
            Site::Class => "class",
            Site::Package => "package",
        }
    }
}

/// An element's status and what the library says about it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Lifecycle {
    pub status: ApiStatus,
    /// Binary name of the deciding annotation, [`DEPRECATED_ATTRIBUTE`] or [`KOTLIN_INTERNAL`]; `None` when unmarked.
    pub annotation: Option<String>,
    pub site: Option<Site>,
    /// `@Deprecated(since)`, `@DeprecatedSinceKotlin(warningSince)`, `@API(since)`, `@ApiStatus.Obsolete(since)`.
    pub since: Option<String>,
    /// `@Deprecated(forRemoval)` as written (`false` when the annotation leaves it out); `None` without `@Deprecated`.
    pub for_removal: Option<bool>,
    /// `@InlineMe(replacement)` or `kotlin.Deprecated(replaceWith = ReplaceWith(expression))`, on the element.
    pub replacement: Option<String>,
    pub replacement_imports: Vec<String>,
}

impl Lifecycle {
    pub fn unmarked() -> Lifecycle {
        Lifecycle {
            status: ApiStatus::Unmarked,
            annotation: None,
            site: None,
            since: None,
            for_removal: None,
            replacement: None,
            replacement_imports: Vec::new(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("the {PACK} param `{param}` is not a valid regex: {source}")]
pub struct LifecycleError {
    pub param: String,
    #[source]
    pub source: regex::Error,
}

/// The configurable annotation sets, as full-name regexes (ArchUnit's `nameMatching` matches the whole name).
#[derive(Debug, Clone)]
pub struct LifecycleSets {
    experimental: Regex,
    internal: Regex,
    public: Regex,
}

impl LifecycleSets {
    /// From the lifecycle pack's params after configuration (`ir::Pack::params`).
    pub fn from_params(params: &BTreeMap<String, String>) -> Result<LifecycleSets, LifecycleError> {
        let set = |param: &str| {
            let pattern = params.get(param).map_or("", String::as_str);
            // An empty param matches nothing (as an empty alternative of the pack's regex would match no name).
            let anchored = if pattern.is_empty() { "^$".to_owned() } else { format!("^(?:{pattern})$") };
            Regex::new(&anchored).map_err(|source| LifecycleError { param: param.to_owned(), source })
        };
        Ok(LifecycleSets {
            experimental: set("experimentalAnnotations")?,
            internal: set("internalAnnotations")?,
            public: set("publicAnnotations")?,
        })
    }

    /// Whether an annotation of this type marks public API.
    pub fn is_public(&self, annotation_type: &str) -> bool {
        self.public.is_match(annotation_type)
    }
}

/// A mark found at one site, before sites are compared.
struct Mark {
    status: ApiStatus,
    annotation: String,
    since: Option<String>,
    for_removal: Option<bool>,
}

/// Decides statuses over one graph; the graph's annotation types are looked up for opt-in markers.
pub struct Classifier<'g> {
    graph: &'g Graph,
    sets: &'g LifecycleSets,
    /// The status each annotation type's name gives by the sets (or as an opt-in marker), decided once.
    by_type: RefCell<FxHashMap<Sym, Option<ApiStatus>>>,
    /// Each package's `package-info`, looked up once.
    package_infos: RefCell<FxHashMap<Sym, Option<ClassId>>>,
}

impl<'g> Classifier<'g> {
    pub fn new(graph: &'g Graph, sets: &'g LifecycleSets) -> Self {
        Classifier { graph, sets, by_type: RefCell::default(), package_infos: RefCell::default() }
    }

    /// The status of `class` (`member: None`) or of one of its members (index into `Class::members`).
    pub fn of(&self, class: ClassId, member: Option<usize>) -> Lifecycle {
        let c = self.graph.class(class);
        let mut best: Option<(Mark, Site)> = None;
        let mut consider = |mark: Option<Mark>, site: Site| {
            if let Some(mark) = mark {
                if best.as_ref().is_none_or(|(b, _)| mark.status > b.status) {
                    best = Some((mark, site));
                }
            }
        };
        let element_member = member.and_then(|m| c.members.get(m));
        if let Some(m) = element_member {
            consider(self.mark_of(&m.annotations, m.deprecated_attribute), Site::Element);
        }
        // The class itself is the element when no member is asked for; otherwise the first enclosing site.
        let mut site = if element_member.is_some() { Site::Class } else { Site::Element };
        for id in self.enclosing(class) {
            let k = self.graph.class(id);
            consider(self.mark_of(&k.annotations, k.deprecated_attribute), site);
            consider(self.kotlin_internal(k), site);
            site = Site::Class;
        }
        if let Some(info) = self.package_info(c) {
            consider(self.mark_of(&self.graph.class(info).annotations, false), Site::Package);
        }
        let (replacement, replacement_imports) =
            element_member.map_or((None, Vec::new()), |m| self.replacement(&m.annotations));
        let (replacement, replacement_imports) = if replacement.is_none() && element_member.is_none() {
            self.replacement(&c.annotations)
        } else {
            (replacement, replacement_imports)
        };
        match best {
            Some((mark, site)) => Lifecycle {
                status: mark.status,
                annotation: Some(mark.annotation),
                site: Some(site),
                since: mark.since,
                for_removal: mark.for_removal,
                replacement,
                replacement_imports,
            },
            None => Lifecycle { replacement, replacement_imports, ..Lifecycle::unmarked() },
        }
    }

    /// Whether the element itself (not its class or package) carries a lifecycle mark.
    pub fn marks_member(&self, member: &Member) -> bool {
        self.mark_of(&member.annotations, member.deprecated_attribute).is_some()
    }

    /// The class itself, then each enclosing class outwards (those the graph holds).
    fn enclosing(&self, class: ClassId) -> impl Iterator<Item = ClassId> + '_ {
        let g = self.graph;
        std::iter::successors(Some(class), move |&c| g.class(c).outer.and_then(|o| g.class_by_sym(o))).take(64)
    }

    fn package_info(&self, c: &Class) -> Option<ClassId> {
        *self.package_infos.borrow_mut().entry(c.package).or_insert_with(|| {
            let package = self.graph.str(c.package);
            let name = if package.is_empty() { "package-info".to_owned() } else { format!("{package}.package-info") };
            self.graph.class_by_name(&name)
        })
    }

    fn kotlin_internal(&self, k: &Class) -> Option<Mark> {
        (k.kotlin && self.graph.kotlin_visibility(k) == Some(KotlinVisibility::Internal)).then(|| Mark {
            status: ApiStatus::Internal,
            annotation: KOTLIN_INTERNAL.to_owned(),
            since: None,
            for_removal: None,
        })
    }

    /// The strongest mark among one site's annotations.
    fn mark_of(&self, annotations: &[Annotation], deprecated_attribute: bool) -> Option<Mark> {
        let mut best: Option<Mark> = None;
        for a in annotations {
            if let Some(mark) = self.annotation_mark(a) {
                if best.as_ref().is_none_or(|b| mark.status > b.status) {
                    best = Some(mark);
                }
            }
        }
        if best.is_none() && deprecated_attribute {
            best = Some(Mark {
                status: ApiStatus::Deprecated,
                annotation: DEPRECATED_ATTRIBUTE.to_owned(),
                since: None,
                for_removal: None,
            });
        }
        best
    }

    fn annotation_mark(&self, a: &Annotation) -> Option<Mark> {
        let g = self.graph;
        let name = g.str(a.type_name);
        let mark = |status, since| Some(Mark { status, annotation: name.to_owned(), since, for_removal: None });
        match name {
            JAVA_DEPRECATED => {
                let for_removal = matches!(element(g, a, "forRemoval"), Some(Value::Bool(true)));
                let status = if for_removal { ApiStatus::DeprecatedForRemoval } else { ApiStatus::Deprecated };
                return Some(Mark {
                    status,
                    annotation: name.to_owned(),
                    since: string_element(g, a, "since"),
                    for_removal: Some(for_removal),
                });
            }
            KOTLIN_DEPRECATED => return mark(ApiStatus::Deprecated, None),
            KOTLIN_DEPRECATED_SINCE => {
                let since = ["warningSince", "errorSince", "hiddenSince"].iter().find_map(|e| string_element(g, a, e));
                return mark(ApiStatus::Deprecated, since);
            }
            SCHEDULED_FOR_REMOVAL => return mark(ApiStatus::DeprecatedForRemoval, None),
            OBSOLETE => return mark(ApiStatus::Deprecated, string_element(g, a, "since")),
            API_GUARDIAN => {
                let Some(Value::Enum { constant, .. }) = element(g, a, "status") else { return None };
                let status = match g.str(*constant) {
                    "EXPERIMENTAL" | "INCUBATING" => ApiStatus::Experimental,
                    "INTERNAL" => ApiStatus::Internal,
                    "DEPRECATED" => ApiStatus::Deprecated,
                    "STABLE" | "MAINTAINED" => ApiStatus::Public,
                    _ => return None,
                };
                return mark(status, string_element(g, a, "since"));
            }
            _ => {}
        }
        // A graph has a few thousand annotation types and millions of annotations: each type is matched once.
        let status = *self.by_type.borrow_mut().entry(a.type_name).or_insert_with(|| {
            if self.sets.experimental.is_match(name) || self.is_opt_in_marker(a) {
                Some(ApiStatus::Experimental)
            } else if self.sets.internal.is_match(name) {
                Some(ApiStatus::Internal)
            } else if self.sets.public.is_match(name) {
                Some(ApiStatus::Public)
            } else {
                None
            }
        });
        status.and_then(|s| mark(s, None))
    }

    /// A Kotlin opt-in marker: an annotation class itself annotated `@kotlin.RequiresOptIn`.
    fn is_opt_in_marker(&self, a: &Annotation) -> bool {
        self.graph.class_by_sym(a.type_name).is_some_and(|t| {
            self.graph.class(t).annotations.iter().any(|m| self.graph.str(m.type_name) == REQUIRES_OPT_IN)
        })
    }

    /// `@InlineMe(replacement, imports, staticImports)` or `kotlin.Deprecated(replaceWith = ReplaceWith(...))`.
    fn replacement(&self, annotations: &[Annotation]) -> (Option<String>, Vec<String>) {
        let g = self.graph;
        for a in annotations {
            match g.str(a.type_name) {
                INLINE_ME => {
                    let mut imports = strings(g, element(g, a, "imports"));
                    imports.extend(strings(g, element(g, a, "staticImports")));
                    return (string_element(g, a, "replacement"), imports);
                }
                KOTLIN_DEPRECATED => {
                    let Some(Value::Annotation(with)) = element(g, a, "replaceWith") else { continue };
                    let Some(expression) = string_element(g, with, "expression") else { continue };
                    return (Some(expression), strings(g, element(g, with, "imports")));
                }
                _ => {}
            }
        }
        (None, Vec::new())
    }
}

fn element<'a>(graph: &Graph, a: &'a Annotation, name: &str) -> Option<&'a Value> {
    a.elements.iter().find(|(n, _)| graph.str(*n) == name).map(|(_, v)| v)
}

/// A string element's value; `None` when absent or empty (`since = ""` is the annotation's "not given").
fn string_element(graph: &Graph, a: &Annotation, name: &str) -> Option<String> {
    match element(graph, a, name)? {
        Value::String(s) => Some(graph.str(*s).to_owned()).filter(|s| !s.is_empty()),
        _ => None,
    }
}

fn strings(graph: &Graph, value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![graph.str(*s).to_owned()],
        Some(Value::Array(values)) => values.iter().flat_map(|v| strings(graph, Some(v))).collect(),
        _ => Vec::new(),
    }
}
