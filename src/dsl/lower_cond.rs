//! Lowering conditions: the `should(..)` / `should().x()` clauses and each named condition.

use super::ast::{Expr, ExprKind};
use super::diagnostics::{did_you_mean, DslError};
use super::lower::{describe_expr, Lowerer};
use super::lower_pred::{is_qualifier, CallRef};
use super::lower_rule::{subject_noun, AFTER_SHOULD};
use crate::rules::combinators::pred_not;
use crate::rules::ir::{CondExpr, Condition, Pred, Subject};
use crate::rules::vocab::{self, Arg, Args, ConditionDef, Domain, Form, Target};

/// The rest of a fluent chain and the position in it, when a condition is written fluently.
pub(super) type Chain<'c, 'a> = Option<(&'c [CallRef<'a>], &'c mut usize)>;

fn applies(def: &ConditionDef, subject: &Subject) -> bool {
    let targets: &[Target] = match subject {
        Subject::Classes => &[Target::Classes],
        Subject::Members | Subject::Fields => &[Target::Members],
        Subject::Methods | Subject::Constructors | Subject::CodeUnits => &[Target::CodeUnits, Target::Members],
        Subject::Slices { .. } => &[Target::Slices],
        Subject::Layered(_) => &[],
    };
    def.applies_to.iter().any(|t| targets.contains(t))
}

fn domain_of(subject: &Subject) -> Option<Domain> {
    match subject {
        Subject::Classes => Some(Domain::Class),
        Subject::Slices { .. } | Subject::Layered(_) => None,
        _ => Some(Domain::Member),
    }
}

fn matches_condition(pred: Pred) -> Option<Condition> {
    match pred {
        Pred::Class(p) => Some(Condition::ClassMatches(p)),
        Pred::Member(p) => Some(Condition::MemberMatches(p)),
        _ => None,
    }
}

impl Lowerer<'_> {
    /// A named condition: from the condition table, or a predicate's `should()` form
    /// (`beAnnotatedWith`) meaning "has the property".
    pub(super) fn condition_call(
        &mut self,
        call: CallRef<'_>,
        chain: Chain<'_, '_>,
        subject: &Subject,
    ) -> Option<Condition> {
        let name = call.name.name.as_str();
        let defs = vocab::lookup_condition(name);
        if let Some(first) = defs.first() {
            let (def, arg_call, chain) = if first.then.is_some() {
                let Some((calls, i)) = chain else {
                    self.errors.push(DslError::Misplaced {
                        name: name.to_owned(),
                        span: call.span().into(),
                        reason: "a two-step condition".to_owned(),
                        help: Some(format!("write it fluently: should().{}", first.full_name())),
                    });
                    return None;
                };
                if !call.args.is_empty() {
                    self.arg_count(call, "no arguments");
                }
                let thens: Vec<&str> = defs.iter().filter_map(|d| d.then).collect();
                let Some(&next) = calls.get(*i) else {
                    self.errors.push(DslError::IncompleteRule {
                        missing: format!("'{name}()' must be followed by {}", thens.join(" or ")),
                        span: call.span().into(),
                        help: Some(format!("should().{}", first.full_name())),
                    });
                    return None;
                };
                *i += 1;
                let Some(def) = defs.iter().find(|d| d.then == Some(next.name.name.as_str())) else {
                    self.errors.push(DslError::UnknownName {
                        what: "method",
                        name: next.name.name.clone(),
                        span: next.name.span.clone().into(),
                        help: did_you_mean(&next.name.name, thens.iter().copied())
                            .or_else(|| Some(format!("expected {}", thens.join(" or ")))),
                    });
                    return None;
                };
                (*def, next, Some((calls, i)))
            } else {
                (*first, call, chain)
            };
            if !applies(def, subject) {
                self.errors.push(DslError::ConditionNotApplicable {
                    name: def.full_name(),
                    subject: subject_noun(subject).to_owned(),
                    span: arg_call.span().into(),
                });
                return None;
            }
            let args = match chain {
                Some((calls, i)) if def.chained && arg_call.args.is_empty() => {
                    vec![Arg::Pred(self.fluent_pred(calls, i, Domain::Class, arg_call)?)]
                }
                _ => self.args(arg_call, def.args)?,
            };
            return Some((def.build)(&Args(&args)));
        }
        let Some(domain) = domain_of(subject) else {
            self.unknown_condition(call, subject);
            return None;
        };
        if ["be", "have", "notBe", "notHave", "from"].contains(&name) {
            let [arg] = call.args else {
                self.arg_count(call, "1 argument");
                return None;
            };
            let pred = self.pred(arg, domain)?;
            let pred = if name.starts_with("not") { pred_not(pred) } else { pred };
            if name == "from" {
                return Some(Condition::Satisfies(pred));
            }
            return matches_condition(pred);
        }
        if vocab::domains_defining(name).is_empty() {
            self.unknown_condition(call, subject);
            return None;
        }
        let found = self.resolve_predicate(call.name, domain, Form::Should)?;
        let pred = match chain {
            Some((calls, i)) => self.build_fluent(found.def, found.negated, call, calls, i)?,
            None => {
                let args = self.args(call, found.def.args)?;
                let pred = (found.def.build)(&Args(&args));
                if found.negated {
                    pred_not(pred)
                } else {
                    pred
                }
            }
        };
        matches_condition(pred)
    }

    fn unknown_condition(&mut self, call: CallRef<'_>, subject: &Subject) {
        let domain = domain_of(subject);
        let mut candidates: Vec<String> =
            vocab::CONDITIONS.iter().filter(|d| applies(d, subject)).map(|d| d.name.to_owned()).collect();
        for def in vocab::predicates().filter(|d| Some(d.domain) == domain) {
            candidates.extend(def.names().into_iter().filter(|(_, f, _)| *f == Form::Should).map(|(n, ..)| n));
        }
        self.errors.push(DslError::UnknownCondition {
            name: call.name.name.clone(),
            span: call.name.span.clone().into(),
            subject: subject_noun(subject).to_owned(),
            help: did_you_mean(&call.name.name, candidates.iter().map(String::as_str)),
        });
    }

    /// `should(c)` or `should().<condition>` (likewise `andShould`, `orShould`).
    pub(super) fn should_clause(
        &mut self,
        first: CallRef<'_>,
        calls: &[CallRef<'_>],
        i: &mut usize,
        subject: &Subject,
    ) -> Option<CondExpr> {
        match first.args {
            [c] => self.cond_expr(c, subject),
            [] => {
                let Some(&call) = calls.get(*i) else {
                    self.errors.push(DslError::IncompleteRule {
                        missing: format!("'{}()' must be followed by a condition", first.name.name),
                        span: first.span().into(),
                        help: Some("e.g. should().dependOnClassesThat().resideInAPackage(\"..x..\")".to_owned()),
                    });
                    return None;
                };
                *i += 1;
                let condition = self.condition_call(call, Some((calls, i)), subject);
                if condition.is_none() {
                    // Skip what followed the bad condition (its chained predicate) to avoid cascades.
                    while calls.get(*i).is_some_and(|c| !AFTER_SHOULD.contains(&c.name.name.as_str())) {
                        *i += 1;
                    }
                }
                condition.map(CondExpr::Cond)
            }
            _ => {
                self.arg_count(first, "0 or 1 arguments");
                None
            }
        }
    }

    /// A condition written as an expression: `should(beAnnotatedWith(..).or(haveSimpleName(..)))`.
    fn cond_expr(&mut self, expr: &Expr, subject: &Subject) -> Option<CondExpr> {
        match &expr.kind {
            ExprKind::Call { receiver: Some(r), name, args } if !is_qualifier(r) => {
                let lhs = self.cond_expr(r, subject);
                let [arg] = args.as_slice() else {
                    self.errors.push(DslError::UnknownName {
                        what: "condition method",
                        name: name.name.clone(),
                        span: name.span.clone().into(),
                        help: Some("conditions combine with .and(..) and .or(..)".to_owned()),
                    });
                    return None;
                };
                let rhs = self.cond_expr(arg, subject);
                match name.name.as_str() {
                    "and" => Some(lhs?.and(rhs?)),
                    "or" => Some(lhs?.or(rhs?)),
                    other => {
                        self.errors.push(DslError::UnknownName {
                            what: "condition method",
                            name: other.to_owned(),
                            span: name.span.clone().into(),
                            help: did_you_mean(other, ["and", "or"]),
                        });
                        None
                    }
                }
            }
            ExprKind::Call { name, args, .. } => {
                let call = CallRef { name, args, span: (name.span.start, expr.span.end) };
                self.condition_call(call, None, subject).map(CondExpr::Cond)
            }
            ExprKind::Name(ident) if self.binding(&ident.name).is_some() => {
                self.expand(ident, |this, e| this.cond_expr(e, subject))
            }
            ExprKind::Name(_) | ExprKind::Field(..) if self.condition_constant(expr).is_some() => {
                let definition = self.condition_constant(expr)?;
                self.cond_expr(&definition, subject)
            }
            ExprKind::Error => None,
            _ => {
                self.errors.push(DslError::ArgumentType {
                    name: "should".to_owned(),
                    expected: "a condition".to_owned(),
                    found: describe_expr(expr),
                    span: expr.span.clone().into(),
                    help: None,
                });
                None
            }
        }
    }

    /// `USE_JODATIME` or `GeneralCodingRules.USE_JODATIME`: its definition, parsed from the table.
    fn condition_constant(&self, expr: &Expr) -> Option<Expr> {
        let name = &expr.as_path()?.last()?.name;
        let (_, definition, _) = vocab::CONDITION_CONSTANTS.iter().find(|(n, ..)| n == name)?;
        let mut errors = Vec::new();
        let tokens = super::lexer::lex(definition, &mut errors);
        let parsed = super::parser::parse_expr(&tokens, &mut errors)?;
        // Point every span of the definition at the constant's name, where the user wrote it.
        Some(respan(parsed, &expr.span))
    }
}

/// The expression with every span replaced by `span`.
fn respan(mut expr: Expr, span: &std::ops::Range<usize>) -> Expr {
    expr.span = span.clone();
    expr.kind = match expr.kind {
        ExprKind::Call { receiver, mut name, args } => {
            name.span = span.clone();
            ExprKind::Call {
                receiver: receiver.map(|r| Box::new(respan(*r, span))),
                name,
                args: args.into_iter().map(|a| respan(a, span)).collect(),
            }
        }
        ExprKind::Field(receiver, mut name) => {
            name.span = span.clone();
            ExprKind::Field(Box::new(respan(*receiver, span)), name)
        }
        ExprKind::Name(mut name) => {
            name.span = span.clone();
            ExprKind::Name(name)
        }
        ExprKind::ClassLit(inner) => ExprKind::ClassLit(Box::new(respan(*inner, span))),
        ExprKind::Concat(a, b) => ExprKind::Concat(Box::new(respan(*a, span)), Box::new(respan(*b, span))),
        other => other,
    };
    expr
}
