//! Lowering one rule: the chain `priority(..).<subject>().that(..).should(..)...because(..)` read
//! left to right as a small state machine, as ArchUnit's fluent API would accept it.

use super::ast::{Expr, ExprKind, RuleDecl};
use super::diagnostics::{did_you_mean, DslError};
use super::lower::{describe_expr, Lowerer};
use super::lower_pred::{is_qualifier, CallRef};
use crate::findings::Priority;
use crate::rules::combinators::{pred_and, pred_or, refine_annotation};
use crate::rules::ir::{CondExpr, Condition, MessageWhen, Pred, Rule, Subject, ViolationMessage};
use crate::rules::vocab::{self, Arg, ArgKind, Args, Domain, Form};

const SUBJECTS: &[(&str, bool)] = &[
    ("classes", false),
    ("noClasses", true),
    ("members", false),
    ("noMembers", true),
    ("fields", false),
    ("noFields", true),
    ("methods", false),
    ("noMethods", true),
    ("constructors", false),
    ("noConstructors", true),
    ("codeUnits", false),
    ("noCodeUnits", true),
    ("slices", false),
    ("layeredArchitecture", false),
];

/// ArchUnit's `SlicesRuleDefinition` has `slices()` only; what a `noSlices()` would say is written this way.
const NO_SLICES_HELP: &str = "ArchUnit has no noSlices(): to forbid any dependency between slices write \
     slices().matching(\"..app.(*)..\").should().notDependOnEachOther()";

pub(super) const AFTER_SHOULD: &[&str] = &[
    "andShould",
    "orShould",
    "because",
    "as",
    "allowEmptyShould",
    "violationMessage",
    "violationMessageWhen",
    "violationMessageWhenTarget",
];

/// Flattens `a().b().c()` into its calls; `None` if the chain does not start with a call (or a
/// Java qualifier such as `ArchRuleDefinition.`).
pub(super) fn flatten(expr: &Expr) -> Option<Vec<CallRef<'_>>> {
    match &expr.kind {
        ExprKind::Call { receiver, name, args } => {
            let mut calls = match receiver {
                Some(r) if is_qualifier(r) => Vec::new(),
                Some(r) => flatten(r)?,
                None => Vec::new(),
            };
            calls.push(CallRef { name, args, span: (name.span.start, expr.span.end) });
            Some(calls)
        }
        _ => None,
    }
}

fn subject_domain(subject: &Subject) -> Option<Domain> {
    match subject {
        Subject::Classes => Some(Domain::Class),
        Subject::Slices { .. } | Subject::Layered(_) => None,
        _ => Some(Domain::Member),
    }
}

pub(super) fn subject_noun(subject: &Subject) -> &'static str {
    match subject {
        Subject::Classes => "classes",
        Subject::Members => "members",
        Subject::Fields => "fields",
        Subject::Methods => "methods",
        Subject::Constructors => "constructors",
        Subject::CodeUnits => "code units",
        Subject::Slices { .. } => "slices",
        Subject::Layered(_) => "a layered architecture",
    }
}

impl Lowerer<'_> {
    pub fn rule(&mut self, pack: &str, decl: &RuleDecl) -> Option<Rule> {
        if decl.body.kind == ExprKind::Error {
            return None;
        }
        let errors_before = self.errors.len();
        let Some(calls) = flatten(&decl.body) else {
            self.errors.push(DslError::IncompleteRule {
                missing: "a rule is a chain of calls".to_owned(),
                span: decl.body.span.clone().into(),
                help: Some("start with priority(..) or a subject such as noClasses()".to_owned()),
            });
            return None;
        };
        let mut i = 0;
        let mut priority = Priority::default();
        if let Some(call) = calls.first().filter(|c| c.name.name == "priority") {
            priority = self.priority(*call).unwrap_or_default();
            i += 1;
        }
        let Some(&subject_call) = calls.get(i) else {
            self.incomplete(decl, "no subject", "add a subject such as .noClasses() or .classes()");
            return None;
        };
        i += 1;
        let Some(&(_, negated)) = SUBJECTS.iter().find(|(n, _)| *n == subject_call.name.name) else {
            let help = if subject_call.name.name == "noSlices" {
                Some(NO_SLICES_HELP.to_owned())
            } else {
                did_you_mean(&subject_call.name.name, SUBJECTS.iter().map(|(n, _)| *n))
                    .or_else(|| Some("subjects: classes(), noClasses(), methods(), fields(), slices()...".to_owned()))
            };
            self.errors.push(DslError::UnknownName {
                what: "subject",
                name: subject_call.name.name.clone(),
                span: subject_call.name.span.clone().into(),
                help,
            });
            return None;
        };
        if !subject_call.args.is_empty() {
            self.arg_count(subject_call, "no arguments");
        }
        let mut subject = match subject_call.name.name.trim_start_matches("no") {
            "Classes" | "classes" => Subject::Classes,
            "Members" | "members" => Subject::Members,
            "Fields" | "fields" => Subject::Fields,
            "Methods" | "methods" => Subject::Methods,
            "Constructors" | "constructors" => Subject::Constructors,
            "CodeUnits" | "codeUnits" => Subject::CodeUnits,
            "slices" => Subject::Slices { matching: String::new() },
            _ => Subject::Layered(self.layered(&calls, &mut i)),
        };
        if let Subject::Slices { matching } = &mut subject {
            match calls.get(i).filter(|c| c.name.name == "matching") {
                Some(call) => {
                    i += 1;
                    if let Some(Arg::Str(pattern)) =
                        self.args(*call, &[ArgKind::Package]).and_then(|a| a.into_iter().next())
                    {
                        *matching = pattern;
                    }
                }
                None => self.incomplete(
                    decl,
                    "slices() needs .matching(\"..pattern.(*)..\")",
                    "slices().matching(\"..app.(*)..\")",
                ),
            }
        }
        let mut that = None;
        if let Some(domain) = subject_domain(&subject) {
            if let Some(call) = calls.get(i).filter(|c| c.name.name == "that") {
                i += 1;
                that = self.that_clause(*call, &calls, &mut i, domain);
            }
        }
        let mut conditions = None;
        if let Subject::Layered(_) = subject {
            conditions = Some(CondExpr::Cond(Condition::RespectLayers));
        } else {
            match calls.get(i).filter(|c| c.name.name == "should") {
                Some(call) => {
                    i += 1;
                    conditions = self.should_clause(*call, &calls, &mut i, &subject);
                }
                None => {
                    let (what, help) = match calls.get(i) {
                        Some(call) => (
                            format!("expected should() after the subject, found '{}'", call.name.name),
                            did_you_mean(&call.name.name, ["should", "that"]),
                        ),
                        None => ("no should()".to_owned(), Some("add .should().<condition>".to_owned())),
                    };
                    self.errors.push(DslError::IncompleteRule { missing: what, span: decl.span.clone().into(), help });
                }
            }
        }
        let (mut because, mut description_override, mut allow_empty_should) = (None, None, false);
        let mut messages = Vec::new();
        while let Some(&call) = calls.get(i) {
            i += 1;
            match call.name.name.as_str() {
                "andShould" | "orShould" if !matches!(subject, Subject::Layered(_)) => {
                    let more = self.should_clause(call, &calls, &mut i, &subject);
                    conditions = match (conditions, more) {
                        (Some(c), Some(m)) if call.name.name == "andShould" => Some(c.and(m)),
                        (Some(c), Some(m)) => Some(c.or(m)),
                        _ => None,
                    };
                }
                "because" => because = self.single(call, ArgKind::Str).and_then(Self::into_str),
                "as" => description_override = self.single(call, ArgKind::Str).and_then(Self::into_str),
                "allowEmptyShould" => {
                    allow_empty_should = matches!(self.single(call, ArgKind::Bool), Some(Arg::Bool(true)));
                }
                "violationMessage" | "violationMessageWhen" | "violationMessageWhenTarget" => {
                    messages.extend(self.violation_message(call, &subject));
                }
                other => self.unexpected_step(call, other),
            }
        }
        if self.errors.len() > errors_before {
            return None;
        }
        Some(Rule {
            pack: pack.to_owned(),
            name: decl.name.clone(),
            priority,
            subject,
            negated,
            that,
            conditions: conditions?,
            because,
            description_override,
            allow_empty_should,
            source: self.source.get(decl.span.clone()).map(str::to_owned),
            fixes: Vec::new(),
            messages,
        })
    }

    /// `violationMessage("text")`, `violationMessageWhen(<subject predicate>, "text")`,
    /// `violationMessageWhenTarget(<class predicate>, "text")`: the template checked here.
    fn violation_message(&mut self, call: CallRef<'_>, subject: &Subject) -> Option<ViolationMessage> {
        let (when, args) = match call.name.name.as_str() {
            "violationMessage" => (None, self.args(call, &[ArgKind::Str])?),
            "violationMessageWhenTarget" => {
                let mut args = self.args(call, &[ArgKind::Pred(Domain::Class), ArgKind::Str])?;
                let Arg::Pred(Pred::Class(p)) = args.remove(0) else { return None };
                (Some(MessageWhen::Target(p)), args)
            }
            _ => {
                let Some(domain) = subject_domain(subject) else {
                    self.unexpected_step(call, &call.name.name);
                    return None;
                };
                let mut args = self.args(call, &[ArgKind::Pred(domain), ArgKind::Str])?;
                let Arg::Pred(p) = args.remove(0) else { return None };
                (Some(MessageWhen::Subject(p)), args)
            }
        };
        let template = args.into_iter().next().and_then(Self::into_str)?;
        if let Err(message) = crate::rules::message::parse(&template) {
            let span = call.args.last().map_or_else(|| call.span(), |a| a.span.clone());
            self.errors.push(DslError::InvalidValue {
                what: "violation message",
                message,
                span: span.into(),
                help: Some(
                    "placeholders: {message}, {origin}, {origin.simpleName}, {member}, {member.type}, \
                     {member.type.simpleName}, {target}, {target.simpleName}; filters: |lower, |removeSuffix:TEXT"
                        .to_owned(),
                ),
            });
            return None;
        }
        Some(ViolationMessage { when, template })
    }

    fn into_str(arg: Arg) -> Option<String> {
        match arg {
            Arg::Str(s) => Some(s),
            _ => None,
        }
    }

    fn single(&mut self, call: CallRef<'_>, kind: ArgKind) -> Option<Arg> {
        self.args(call, &[kind]).and_then(|args| args.into_iter().next())
    }

    fn incomplete(&mut self, decl: &RuleDecl, missing: &str, help: &str) {
        self.errors.push(DslError::IncompleteRule {
            missing: missing.to_owned(),
            span: decl.span.clone().into(),
            help: Some(help.to_owned()),
        });
    }

    fn unexpected_step(&mut self, call: CallRef<'_>, name: &str) {
        let known_elsewhere =
            ["that", "should", "and", "or", "priority"].contains(&name) || SUBJECTS.iter().any(|(n, _)| *n == name);
        if known_elsewhere {
            self.errors.push(DslError::Misplaced {
                name: name.to_owned(),
                span: call.name.span.clone().into(),
                reason: "the chain reads priority → subject → that → should → because".to_owned(),
                help: Some(format!("after should(..) come {}", AFTER_SHOULD.join(", "))),
            });
        } else {
            self.errors.push(DslError::UnknownName {
                what: "method",
                name: name.to_owned(),
                span: call.name.span.clone().into(),
                help: did_you_mean(name, AFTER_SHOULD.iter().copied()),
            });
        }
    }

    /// `priority(MEDIUM)` or `priority(Priority.HIGH)`.
    fn priority(&mut self, call: CallRef<'_>) -> Option<Priority> {
        let [arg] = call.args else {
            self.arg_count(call, "1 argument");
            return None;
        };
        let constant = arg.as_path().and_then(|p| p.last().copied());
        let parsed = constant.and_then(|c| match c.name.as_str() {
            "LOW" => Some(Priority::Low),
            "MEDIUM" => Some(Priority::Medium),
            "HIGH" => Some(Priority::High),
            _ => None,
        });
        if parsed.is_none() {
            let name = constant.map_or_else(|| describe_expr(arg), |c| c.name.clone());
            self.errors.push(DslError::UnknownName {
                what: "priority",
                name: name.clone(),
                span: arg.span.clone().into(),
                help: did_you_mean(&name.to_uppercase(), ["LOW", "MEDIUM", "HIGH"])
                    .or_else(|| Some("one of LOW, MEDIUM, HIGH".to_owned())),
            });
        }
        parsed
    }

    /// `that(p)` or `that().areX()`, then any `.and(..)`/`.or(..)`/`.and().haveY()`, left to right.
    fn that_clause(
        &mut self,
        first: CallRef<'_>,
        calls: &[CallRef<'_>],
        i: &mut usize,
        domain: Domain,
    ) -> Option<Pred> {
        let mut pred = self.chain_operand(first, calls, i, domain);
        let mut ok = pred.is_some();
        while let Some(&call) = calls.get(*i).filter(|c| c.name.name == "and" || c.name.name == "or") {
            *i += 1;
            if let (Some(lhs), "and", [arg]) = (&pred, call.name.name.as_str(), call.args) {
                // `that().areAnnotatedWith(X).and(annotationValue(..))` refines that annotation.
                if self.is_annotation_only(arg, domain) {
                    if let Some(Pred::Annotation(a)) = self.pred(arg, Domain::Annotation) {
                        pred = refine_annotation(lhs, &a);
                        ok &= pred.is_some();
                    }
                    continue;
                }
            }
            let rhs = self.chain_operand(call, calls, i, domain);
            ok &= rhs.is_some();
            pred = match (pred, rhs) {
                (Some(l), Some(r)) if call.name.name == "and" => pred_and(l, r),
                (Some(l), Some(r)) => pred_or(l, r),
                _ => None,
            };
        }
        pred.filter(|_| ok)
    }

    /// The predicate of `that(p)` / `and(p)`, or of the fluent call following `that()` / `and()`.
    fn chain_operand(
        &mut self,
        call: CallRef<'_>,
        calls: &[CallRef<'_>],
        i: &mut usize,
        domain: Domain,
    ) -> Option<Pred> {
        match call.args {
            [p] => self.pred(p, domain),
            [] => {
                let pred = self.fluent_pred(calls, i, domain, call);
                if pred.is_none() {
                    let resume = ["and", "or", "should"];
                    while calls.get(*i).is_some_and(|c| !resume.contains(&c.name.name.as_str())) {
                        *i += 1;
                    }
                }
                pred
            }
            _ => {
                self.arg_count(call, "0 or 1 arguments");
                None
            }
        }
    }

    /// The fluent predicate at `calls[*i]` (after `that()`, `and()`, `dependOnClassesThat()`).
    pub(super) fn fluent_pred(
        &mut self,
        calls: &[CallRef<'_>],
        i: &mut usize,
        domain: Domain,
        after: CallRef<'_>,
    ) -> Option<Pred> {
        let Some(&call) = calls.get(*i) else {
            self.errors.push(DslError::IncompleteRule {
                missing: format!("'{}()' must be followed by a predicate", after.name.name),
                span: after.span().into(),
                help: Some(format!(
                    "e.g. {}().resideInAPackage(\"..x..\"), or pass it: {}(resideInAPackage(\"..x..\"))",
                    after.name.name, after.name.name
                )),
            });
            return None;
        };
        *i += 1;
        let name = call.name.name.as_str();
        if ["are", "is", "have", "has", "be", "not", "doNot", "doesNot", "areNot"].contains(&name) {
            return self.pred_call(call, domain, Form::That);
        }
        let found = self.resolve_predicate(call.name, domain, Form::That)?;
        self.build_fluent(found.def, found.negated, call, calls, i)
    }

    /// Builds a predicate from its definition; an argument-less `...That()` form chains the next call.
    pub(super) fn build_fluent(
        &mut self,
        def: &'static vocab::PredicateDef,
        negated: bool,
        call: CallRef<'_>,
        calls: &[CallRef<'_>],
        i: &mut usize,
    ) -> Option<Pred> {
        let chains = call.args.is_empty() && def.args == [ArgKind::Pred(Domain::Class)] && def.name.ends_with("That");
        let args = if chains {
            vec![Arg::Pred(self.fluent_pred(calls, i, Domain::Class, call)?)]
        } else {
            self.args(call, def.args)?
        };
        let pred = (def.build)(&Args(&args));
        Some(if negated { crate::rules::combinators::pred_not(pred) } else { pred })
    }
}
