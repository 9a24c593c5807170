//! Lowering predicates and arguments: resolves predicate names against the vocabulary for an
//! expected domain, checks argument counts and kinds, and builds IR through the table entries.

use super::ast::{Expr, ExprKind, Ident};
use super::diagnostics::{did_you_mean, DslError};
use super::lexer::Span;
use super::lower::{describe_expr, Lowerer};
use crate::rules::combinators::{
    pred_and, pred_described, pred_not, pred_or, refine_annotation, type_named,
};
use crate::rules::ir::{
    AnnotationPred, DependencyKind, ElementValue, Modifier, Pred, VersionReq, Visibility,
};
use crate::rules::package_pattern::PackagePattern;
use crate::rules::vocab::{
    self, Arg, ArgKind, Args, Domain, Form, JavaModifier, PredicateName, COMBINATOR_NAMES,
};

/// `are(p)`, `is(p)`... read as English and change nothing.
const IDENTITY: &[&str] = &["are", "is", "have", "has", "be", "does", "do"];
/// `not(p)`, `doNot(p)`, `doesNot(p)`.
const NEGATION: &[&str] = &["not", "doNot", "doesNot", "isNot", "areNot"];

/// A call in a chain, with the span from its name to its closing parenthesis.
#[derive(Clone, Copy)]
pub(super) struct CallRef<'a> {
    pub name: &'a Ident,
    pub args: &'a [Expr],
    pub span: (usize, usize),
}

impl CallRef<'_> {
    pub fn span(&self) -> Span {
        self.span.0..self.span.1
    }
}

/// Whether a receiver is only a Java qualifier (`JavaClass.Predicates`, `ArchRuleDefinition`):
/// capitalised names that a pasted rule carries and the DSL ignores.
pub(super) fn is_qualifier(expr: &Expr) -> bool {
    expr.as_path().is_some_and(|path| {
        path.iter()
            .all(|i| i.name.chars().next().is_some_and(char::is_uppercase))
    })
}

fn article(domain: Domain) -> String {
    format!(
        "{} {} predicate",
        if domain == Domain::Access { "an" } else { "a" },
        domain.noun()
    )
}

impl Lowerer<'_> {
    /// A predicate of `domain` written as an expression (argument position, `that(..)`).
    pub fn pred(&mut self, expr: &Expr, domain: Domain) -> Option<Pred> {
        match &expr.kind {
            ExprKind::Call {
                receiver: Some(receiver),
                name,
                args,
            } if !is_qualifier(receiver) => self.pred_method(receiver, name, args, expr, domain),
            ExprKind::Call { name, args, .. } => {
                let call = CallRef {
                    name,
                    args,
                    span: (name.span.start, expr.span.end),
                };
                self.pred_call(call, domain, Form::Factory)
            }
            ExprKind::Name(ident) if self.binding(&ident.name).is_some() => {
                self.expand(ident, |this, e| this.pred(e, domain))
            }
            ExprKind::Str(_) | ExprKind::Concat(..) | ExprKind::ClassLit(_)
                if matches!(domain, Domain::Class | Domain::Annotation) =>
            {
                let name = self.eval_type_name(expr)?;
                Some(type_pred(domain, name))
            }
            ExprKind::Name(ident) if ident.name.chars().next().is_some_and(char::is_uppercase) => {
                // `Deprecated` without `.class`.
                self.errors.push(DslError::ArgumentType {
                    name: ident.name.clone(),
                    expected: article(domain),
                    found: format!("'{}'", ident.name),
                    span: expr.span.clone().into(),
                    help: Some(format!("for the class, write `{}.class`", ident.name)),
                });
                None
            }
            ExprKind::Name(ident) => {
                self.unknown_name(ident);
                None
            }
            ExprKind::Error => None,
            _ => {
                self.errors.push(DslError::ArgumentType {
                    name: "predicate".to_owned(),
                    expected: article(domain),
                    found: describe_expr(expr),
                    span: expr.span.clone().into(),
                    help: None,
                });
                None
            }
        }
    }

    /// `p.and(q)`, `p.or(q)`, `p.as("text")`.
    fn pred_method(
        &mut self,
        receiver: &Expr,
        name: &Ident,
        args: &[Expr],
        whole: &Expr,
        domain: Domain,
    ) -> Option<Pred> {
        let call_span = name.span.start..whole.span.end;
        let lhs = self.pred(receiver, domain);
        match (name.name.as_str(), args) {
            ("and" | "or", [rhs]) => {
                let refinement = name.name == "and" && self.is_annotation_only(rhs, domain);
                if refinement {
                    let annotation = self.pred(rhs, Domain::Annotation);
                    let (lhs, Some(Pred::Annotation(annotation))) = (lhs?, annotation) else {
                        return None;
                    };
                    return refine_annotation(&lhs, &annotation).or_else(|| {
                        self.errors.push(DslError::WrongPredicateKind {
                            name: callee_name(rhs).unwrap_or_default(),
                            expected: article(domain),
                            found: article(Domain::Annotation),
                            span: rhs.span.clone().into(),
                            help: Some("annotation predicates refine an annotation: annotatedWith(\"X\").and(..)".to_owned()),
                        });
                        None
                    });
                }
                let rhs = self.pred(rhs, domain);
                let (lhs, rhs) = (lhs?, rhs?);
                if name.name == "and" {
                    pred_and(lhs, rhs)
                } else {
                    pred_or(lhs, rhs)
                }
            }
            ("as", [text]) => {
                let text = self.eval_string(text);
                Some(pred_described(lhs?, text?))
            }
            ("and" | "or" | "as", _) => {
                self.errors.push(DslError::ArgumentCount {
                    name: name.name.clone(),
                    expected: "1 argument".to_owned(),
                    found: args.len().to_string(),
                    span: call_span.into(),
                    help: None,
                });
                None
            }
            _ => {
                self.errors.push(DslError::UnknownName {
                    what: "predicate method",
                    name: name.name.clone(),
                    span: name.span.clone().into(),
                    help: did_you_mean(&name.name, ["and", "or", "as"]).or_else(|| {
                        Some("predicates combine with .and(..), .or(..) and .as(..)".to_owned())
                    }),
                });
                None
            }
        }
    }

    /// Whether `expr` names a predicate that exists only for annotations (`annotationValue(..)`).
    pub(super) fn is_annotation_only(&self, expr: &Expr, domain: Domain) -> bool {
        if !matches!(domain, Domain::Class | Domain::Member) {
            return false;
        }
        let Some(name) = callee_name(expr) else {
            return false;
        };
        !vocab::lookup_predicate(Domain::Annotation, &name).is_empty()
            && vocab::lookup_predicate(domain, &name).is_empty()
    }

    /// A named predicate call in `domain`, written in `form` position.
    pub fn pred_call(&mut self, call: CallRef<'_>, domain: Domain, form: Form) -> Option<Pred> {
        let name = call.name.name.as_str();
        if IDENTITY.contains(&name) || NEGATION.contains(&name) {
            let [inner] = call.args else {
                self.arg_count(call, "1 argument");
                return None;
            };
            let pred = self.pred(inner, domain)?;
            return Some(if NEGATION.contains(&name) {
                pred_not(pred)
            } else {
                pred
            });
        }
        let found = self.resolve_predicate(call.name, domain, form)?;
        let args = self.args(call, found.def.args)?;
        let pred = (found.def.build)(&Args(&args));
        Some(if found.negated { pred_not(pred) } else { pred })
    }

    /// The definition `name` refers to in `domain`, accepting the forms that fit the position;
    /// reports why not otherwise.
    pub fn resolve_predicate(
        &mut self,
        name: &Ident,
        domain: Domain,
        form: Form,
    ) -> Option<PredicateName> {
        let names = vocab::lookup_predicate(domain, &name.name);
        let fits = |n: &&PredicateName| match form {
            Form::Factory | Form::That => n.form != Form::Should,
            Form::Should => n.form == Form::Should,
        };
        if let Some(found) = names.iter().find(fits) {
            return Some(*found);
        }
        let span = name.span.clone().into();
        if let Some(other) = names.first() {
            // Right domain, wrong form: a condition name as a predicate or the reverse.
            let (wanted, help) = match form {
                Form::Should => (other.def.name_in(Form::Should), "did you mean '{}'?"),
                _ => (other.def.name_in(Form::That), "did you mean '{}'?"),
            };
            let help = wanted.map(|w| help.replace("{}", &w));
            self.errors.push(if form == Form::Should {
                DslError::PredicateNotCondition {
                    name: name.name.clone(),
                    span,
                    help,
                }
            } else {
                DslError::ConditionNotPredicate {
                    name: name.name.clone(),
                    span,
                    help,
                }
            });
            return None;
        }
        if let Some(&other) = vocab::domains_defining(&name.name).first() {
            self.errors.push(DslError::WrongPredicateKind {
                name: name.name.clone(),
                expected: article(domain),
                found: article(other),
                span,
                help: wrap_hint(domain, other, &name.name),
            });
            return None;
        }
        if !vocab::lookup_condition(&name.name).is_empty() {
            self.errors.push(DslError::ConditionNotPredicate {
                name: name.name.clone(),
                span,
                help: Some("conditions come after should()".to_owned()),
            });
            return None;
        }
        let mut candidates = vocab::predicate_names(domain);
        candidates.extend_from_slice(COMBINATOR_NAMES);
        self.errors.push(DslError::UnknownPredicate {
            name: name.name.clone(),
            domain: domain.noun(),
            span,
            help: did_you_mean(&name.name, candidates),
        });
        None
    }

    pub fn arg_count(&mut self, call: CallRef<'_>, expected: &str) {
        self.errors.push(DslError::ArgumentCount {
            name: call.name.name.clone(),
            expected: expected.to_owned(),
            found: call.args.len().to_string(),
            span: call.span().into(),
            help: None,
        });
    }

    /// Lowers the arguments of `call` against `kinds`; `None` (with errors recorded) if any is wrong.
    pub fn args(&mut self, call: CallRef<'_>, kinds: &[ArgKind]) -> Option<Vec<Arg>> {
        let fixed = kinds
            .iter()
            .filter(|k| !k.is_varargs() && **k != ArgKind::OptVersion)
            .count();
        let varargs = kinds.last().copied().filter(|k| k.is_varargs());
        let optional = usize::from(kinds.contains(&ArgKind::OptVersion));
        let min_var = usize::from(matches!(
            varargs,
            Some(ArgKind::Packages | ArgKind::DependencyKinds)
        ));
        let n = call.args.len();
        let ok = match varargs {
            Some(_) => n >= fixed + min_var,
            None => n >= fixed && n <= fixed + optional,
        };
        if !ok {
            let plural = |k: usize| if k == 1 { "" } else { "s" };
            let expected = match (varargs, optional) {
                (Some(_), _) => format!(
                    "at least {} argument{}",
                    fixed + min_var,
                    plural(fixed + min_var)
                ),
                (None, 1) => format!("{fixed} or {} arguments", fixed + 1),
                (None, _) if fixed == 0 => "no arguments".to_owned(),
                (None, _) => format!("{fixed} argument{}", plural(fixed)),
            };
            let signature = kinds
                .iter()
                .map(|k| k.placeholder())
                .collect::<Vec<_>>()
                .join(", ");
            self.errors.push(DslError::ArgumentCount {
                name: call.name.name.clone(),
                expected,
                found: n.to_string(),
                span: call.span().into(),
                help: Some(format!("{}({signature})", call.name.name)),
            });
            return None;
        }
        let mut out = Vec::with_capacity(kinds.len());
        let mut ok = true;
        for (i, kind) in kinds.iter().enumerate() {
            let arg = if kind.is_varargs() {
                let rest = call.args.get(i..).unwrap_or(&[]);
                self.varargs(call.name, *kind, rest)
            } else if *kind == ArgKind::OptVersion {
                match call.args.get(i) {
                    Some(expr) => self.version(expr).map(|v| Arg::Version(Some(v))),
                    None => Some(Arg::Version(None)),
                }
            } else {
                call.args
                    .get(i)
                    .and_then(|expr| self.arg(call.name, *kind, expr))
            };
            match arg {
                Some(arg) => out.push(arg),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn varargs(&mut self, name: &Ident, kind: ArgKind, exprs: &[Expr]) -> Option<Arg> {
        let one = match kind {
            ArgKind::Packages => ArgKind::Package,
            ArgKind::TypeNames => ArgKind::TypeName,
            _ => ArgKind::Str,
        };
        if kind == ArgKind::DependencyKinds {
            let kinds: Vec<Option<DependencyKind>> =
                exprs.iter().map(|e| self.dependency_kind(e)).collect();
            return kinds
                .into_iter()
                .collect::<Option<Vec<_>>>()
                .map(Arg::DependencyKinds);
        }
        let values: Vec<Option<Arg>> = exprs.iter().map(|e| self.arg(name, one, e)).collect();
        let strings = values.into_iter().map(|v| match v {
            Some(Arg::Str(s)) => Some(s),
            _ => None,
        });
        strings.collect::<Option<Vec<_>>>().map(Arg::Strs)
    }

    fn arg(&mut self, name: &Ident, kind: ArgKind, expr: &Expr) -> Option<Arg> {
        if let ExprKind::Name(ident) = &expr.kind {
            if self.binding(&ident.name).is_some() && !matches!(kind, ArgKind::Pred(_)) {
                return self.expand(ident, |this, e| this.arg(name, kind, e));
            }
        }
        let invalid =
            |what: &'static str, message: String, help: Option<String>| DslError::InvalidValue {
                what,
                message,
                span: expr.span.clone().into(),
                help,
            };
        match kind {
            ArgKind::Str => self.eval_string(expr).map(Arg::Str),
            ArgKind::Regex => {
                let text = self.eval_string(expr)?;
                match regex::Regex::new(&text) {
                    Ok(_) => Some(Arg::Str(text)),
                    Err(e) => {
                        let message = e
                            .to_string()
                            .lines()
                            .last()
                            .unwrap_or("")
                            .trim()
                            .trim_start_matches("error: ")
                            .to_owned();
                        self.errors
                            .push(invalid("regular expression", message, None));
                        None
                    }
                }
            }
            ArgKind::Package => {
                let text = self.eval_string(expr)?;
                match PackagePattern::new(&text) {
                    Ok(_) => Some(Arg::Str(text)),
                    Err(e) => {
                        let help = Some(
                            "e.g. \"com.example..\", \"..service..\", \"..app.(*)..\"".to_owned(),
                        );
                        self.errors
                            .push(invalid("package pattern", e.to_string(), help));
                        None
                    }
                }
            }
            ArgKind::TypeName => self.eval_type_name(expr).map(Arg::Str),
            ArgKind::Pred(domain) => self.pred(expr, domain).map(Arg::Pred),
            ArgKind::Bool => match expr.kind {
                ExprKind::Bool(b) => Some(Arg::Bool(b)),
                _ => self.wrong_type(name, kind, expr),
            },
            ArgKind::Value => self.element_value(name, expr).map(Arg::Value),
            ArgKind::Modifier => self.modifier(expr).map(Arg::Modifier),
            ArgKind::Artifact => {
                let text = self.eval_string(expr)?;
                let valid = text
                    .split_once(':')
                    .is_some_and(|(g, a)| !g.is_empty() && !a.is_empty() && !a.contains(':'));
                if valid {
                    Some(Arg::Str(text))
                } else {
                    let help = Some(
                        "write \"group:artifact\", e.g. \"com.google.guava:guava\"".to_owned(),
                    );
                    self.errors.push(invalid(
                        "artifact coordinates",
                        format!("'{text}' is not 'group:artifact'"),
                        help,
                    ));
                    None
                }
            }
            ArgKind::OptVersion => self.version(expr).map(|v| Arg::Version(Some(v))),
            ArgKind::Packages | ArgKind::TypeNames | ArgKind::DependencyKinds => {
                self.varargs(name, kind, std::slice::from_ref(expr))
            }
        }
    }

    pub fn wrong_type<T>(&mut self, name: &Ident, kind: ArgKind, expr: &Expr) -> Option<T> {
        self.errors.push(DslError::ArgumentType {
            name: name.name.clone(),
            expected: kind.describe(),
            found: describe_expr(expr),
            span: expr.span.clone().into(),
            help: None,
        });
        None
    }

    fn version(&mut self, expr: &Expr) -> Option<VersionReq> {
        let text = self.eval_string(expr)?;
        match VersionReq::parse(&text) {
            Ok(req) => Some(req),
            Err(e) => {
                self.errors.push(DslError::InvalidValue {
                    what: "version requirement",
                    message: e.to_string(),
                    span: expr.span.clone().into(),
                    help: None,
                });
                None
            }
        }
    }

    /// `true`, `3`, `"s"`, `X.class`, `RetentionPolicy.RUNTIME` / `RUNTIME`.
    fn element_value(&mut self, name: &Ident, expr: &Expr) -> Option<ElementValue> {
        match &expr.kind {
            ExprKind::Bool(b) => Some(ElementValue::Bool(*b)),
            ExprKind::Int(i) => Some(ElementValue::Int(*i)),
            ExprKind::Str(_) | ExprKind::Concat(..) => {
                self.eval_string(expr).map(ElementValue::String)
            }
            ExprKind::ClassLit(_) => self.eval_type_name(expr).map(ElementValue::Class),
            ExprKind::Name(ident) if self.binding(&ident.name).is_some() => {
                self.expand(ident, |this, e| this.element_value(name, e))
            }
            ExprKind::Name(_) | ExprKind::Field(..) => {
                let path = expr.as_path()?;
                path.last()
                    .map(|constant| ElementValue::Enum(constant.name.clone()))
            }
            _ => self.wrong_type(name, ArgKind::Value, expr),
        }
    }

    fn modifier(&mut self, expr: &Expr) -> Option<JavaModifier> {
        let constant = expr.as_path().and_then(|p| p.last().copied());
        let parsed = constant.and_then(|c| parse_modifier(&c.name));
        if parsed.is_none() {
            let (name, span) = constant.map_or((describe_expr(expr), expr.span.clone()), |c| {
                (c.name.clone(), c.span.clone())
            });
            self.errors.push(DslError::UnknownName {
                what: "modifier",
                name,
                span: span.into(),
                help: did_you_mean(
                    &describe_expr(expr).replace('\'', ""),
                    MODIFIER_NAMES.iter().copied(),
                )
                .or_else(|| Some(format!("one of {}", MODIFIER_NAMES.join(", ")))),
            });
        }
        parsed
    }

    fn dependency_kind(&mut self, expr: &Expr) -> Option<DependencyKind> {
        let text = match &expr.kind {
            ExprKind::Str(s) => s.clone(),
            _ => expr.as_path()?.last()?.name.clone(),
        };
        let parsed = parse_dependency_kind(&text);
        if parsed.is_none() {
            let names: Vec<String> = DEPENDENCY_KINDS
                .iter()
                .map(|(n, _)| n.to_uppercase())
                .collect();
            self.errors.push(DslError::UnknownName {
                what: "dependency kind",
                name: text.clone(),
                span: expr.span.clone().into(),
                help: did_you_mean(&text, names.iter().map(String::as_str)),
            });
        }
        parsed
    }
}

/// The name a call-expression calls, if it is one.
pub(super) fn callee_name(expr: &Expr) -> Option<String> {
    match &expr.kind {
        ExprKind::Call { name, .. } => Some(name.name.clone()),
        _ => None,
    }
}

fn type_pred(domain: Domain, name: String) -> Pred {
    match domain {
        Domain::Annotation => Pred::Annotation(AnnotationPred::Type(Box::new(type_named(name)))),
        _ => Pred::Class(type_named(name)),
    }
}

fn wrap_hint(expected: Domain, found: Domain, name: &str) -> Option<String> {
    Some(match (expected, found) {
        (Domain::Access, Domain::Member) => {
            format!("wrap it: target({name}(..)) or origin({name}(..))")
        }
        (Domain::Access, Domain::Class) => {
            format!("wrap it: targetOwner({name}(..)) or originOwner({name}(..))")
        }
        (Domain::Dependency, Domain::Class) => {
            format!("wrap it: dependencyTarget({name}(..)) or dependencyOrigin({name}(..))")
        }
        (Domain::Class, Domain::Annotation) | (Domain::Member, Domain::Annotation) => {
            format!("refine an annotation: annotatedWith(\"X\").and({name}(..))")
        }
        (Domain::Class, Domain::Member) => format!("wrap it: containAnyMembersThat({name}(..))"),
        _ => return None,
    })
}

const MODIFIER_NAMES: &[&str] = &[
    "PUBLIC",
    "PROTECTED",
    "PRIVATE",
    "STATIC",
    "FINAL",
    "ABSTRACT",
    "SYNCHRONIZED",
    "NATIVE",
    "TRANSIENT",
    "VOLATILE",
    "SYNTHETIC",
    "BRIDGE",
];

fn parse_modifier(name: &str) -> Option<JavaModifier> {
    Some(match name.to_uppercase().as_str() {
        "PUBLIC" => JavaModifier::Visibility(Visibility::Public),
        "PROTECTED" => JavaModifier::Visibility(Visibility::Protected),
        "PRIVATE" => JavaModifier::Visibility(Visibility::Private),
        "STATIC" => JavaModifier::Other(Modifier::Static),
        "FINAL" => JavaModifier::Other(Modifier::Final),
        "ABSTRACT" => JavaModifier::Other(Modifier::Abstract),
        "SYNCHRONIZED" => JavaModifier::Other(Modifier::Synchronized),
        "NATIVE" => JavaModifier::Other(Modifier::Native),
        "TRANSIENT" => JavaModifier::Other(Modifier::Transient),
        "VOLATILE" => JavaModifier::Other(Modifier::Volatile),
        "SYNTHETIC" => JavaModifier::Other(Modifier::Synthetic),
        "BRIDGE" => JavaModifier::Other(Modifier::Bridge),
        _ => return None,
    })
}

const DEPENDENCY_KINDS: &[(&str, DependencyKind)] = &[
    ("extends", DependencyKind::Extends),
    ("implements", DependencyKind::Implements),
    ("calls_method", DependencyKind::CallsMethod),
    ("calls_constructor", DependencyKind::CallsConstructor),
    ("gets_field", DependencyKind::GetsField),
    ("sets_field", DependencyKind::SetsField),
    ("references_method", DependencyKind::ReferencesMethod),
    (
        "references_constructor",
        DependencyKind::ReferencesConstructor,
    ),
    ("field_type", DependencyKind::FieldType),
    ("return_type", DependencyKind::ReturnType),
    ("parameter_type", DependencyKind::ParameterType),
    ("throws_type", DependencyKind::ThrowsType),
    ("catches_type", DependencyKind::CatchesType),
    ("annotated_with", DependencyKind::AnnotatedWith),
    (
        "annotation_member_type",
        DependencyKind::AnnotationMemberType,
    ),
    ("instance_of", DependencyKind::InstanceOf),
    ("class_object", DependencyKind::ClassObject),
    ("type_parameter", DependencyKind::TypeParameter),
    ("generic_type_argument", DependencyKind::GenericTypeArgument),
    ("component_type", DependencyKind::ComponentType),
];

/// `CALLS_METHOD`, `calls_method` or `"calls method"`.
fn parse_dependency_kind(text: &str) -> Option<DependencyKind> {
    let key = text.trim().to_lowercase().replace([' ', '-'], "_");
    DEPENDENCY_KINDS
        .iter()
        .find(|(n, _)| *n == key)
        .map(|(_, k)| *k)
}
