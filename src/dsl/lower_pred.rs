//! Lowering predicates: resolves predicate names against the vocabulary for an expected domain
//! and builds IR through the table entries (arguments: [`super::lower_args`]).

use super::ast::{Expr, ExprKind, Ident};
use super::diagnostics::{did_you_mean, DslError};
use super::lexer::Span;
use super::lower::{describe_expr, Lowerer};
use crate::rules::combinators::{pred_and, pred_described, pred_not, pred_or, refine_annotation, type_named};
use crate::rules::ir::{AnnotationPred, Pred};
use crate::rules::vocab::{self, Args, Domain, Form, PredicateName, COMBINATOR_NAMES};

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
    expr.as_path().is_some_and(|path| path.iter().all(|i| i.name.chars().next().is_some_and(char::is_uppercase)))
}

fn article(domain: Domain) -> String {
    format!("{} {} predicate", if domain == Domain::Access { "an" } else { "a" }, domain.noun())
}

impl Lowerer<'_> {
    /// A predicate of `domain` written as an expression (argument position, `that(..)`).
    pub fn pred(&mut self, expr: &Expr, domain: Domain) -> Option<Pred> {
        match &expr.kind {
            ExprKind::Call { receiver: Some(receiver), name, args } if !is_qualifier(receiver) => {
                self.pred_method(receiver, name, args, expr, domain)
            }
            ExprKind::Call { name, args, .. } => {
                let call = CallRef { name, args, span: (name.span.start, expr.span.end) };
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
                            help: Some(
                                "annotation predicates refine an annotation: annotatedWith(\"X\").and(..)".to_owned(),
                            ),
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
                    help: did_you_mean(&name.name, ["and", "or", "as"])
                        .or_else(|| Some("predicates combine with .and(..), .or(..) and .as(..)".to_owned())),
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
            return Some(if NEGATION.contains(&name) { pred_not(pred) } else { pred });
        }
        let found = self.resolve_predicate(call.name, domain, form)?;
        let args = self.args(call, found.def.args)?;
        let pred = (found.def.build)(&Args(&args));
        Some(if found.negated { pred_not(pred) } else { pred })
    }

    /// The definition `name` refers to in `domain`, accepting the forms that fit the position;
    /// reports why not otherwise.
    pub fn resolve_predicate(&mut self, name: &Ident, domain: Domain, form: Form) -> Option<PredicateName> {
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
                DslError::PredicateNotCondition { name: name.name.clone(), span, help }
            } else {
                DslError::ConditionNotPredicate { name: name.name.clone(), span, help }
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
