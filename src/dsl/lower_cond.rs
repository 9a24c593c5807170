//! Lowering conditions (the `should` part) and `layeredArchitecture()` chains.

use super::diagnostics::{did_you_mean, DslError};
use super::lower::Lowerer;
use super::lower_pred::CallRef;
use super::lower_rule::subject_noun;
use crate::rules::combinators::pred_not;
use crate::rules::ir::{
    Condition, Layer, LayerAccess, LayerConstraint, LayerDependencies, LayeredArchitecture, Pred,
    Subject,
};
use crate::rules::vocab::{self, Arg, ArgKind, Args, ConditionDef, Domain, Form, Target};

/// The rest of a fluent chain and the position in it, when a condition is written fluently.
pub(super) type Chain<'c, 'a> = Option<(&'c [CallRef<'a>], &'c mut usize)>;

fn applies(def: &ConditionDef, subject: &Subject) -> bool {
    let targets: &[Target] = match subject {
        Subject::Classes => &[Target::Classes],
        Subject::Members | Subject::Fields => &[Target::Members],
        Subject::Methods | Subject::Constructors | Subject::CodeUnits => {
            &[Target::CodeUnits, Target::Members]
        }
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
                let Some(def) = defs
                    .iter()
                    .find(|d| d.then == Some(next.name.name.as_str()))
                else {
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
                    vec![Arg::Pred(self.fluent_pred(
                        calls,
                        i,
                        Domain::Class,
                        arg_call,
                    )?)]
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
            let pred = if name.starts_with("not") {
                pred_not(pred)
            } else {
                pred
            };
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
        let mut candidates: Vec<String> = vocab::CONDITIONS
            .iter()
            .filter(|d| applies(d, subject))
            .map(|d| d.name.to_owned())
            .collect();
        for def in vocab::predicates().filter(|d| Some(d.domain) == domain) {
            candidates.extend(
                def.names()
                    .into_iter()
                    .filter(|(_, f, _)| *f == Form::Should)
                    .map(|(n, ..)| n),
            );
        }
        self.errors.push(DslError::UnknownCondition {
            name: call.name.name.clone(),
            span: call.name.span.clone().into(),
            subject: subject_noun(subject).to_owned(),
            help: did_you_mean(&call.name.name, candidates.iter().map(String::as_str)),
        });
    }

    /// `layeredArchitecture()` steps up to the first `because`/`as`/`allowEmptyShould`.
    pub(super) fn layered(&mut self, calls: &[CallRef<'_>], i: &mut usize) -> LayeredArchitecture {
        const STEPS: &[&str] = &[
            "consideringAllDependencies",
            "consideringOnlyDependenciesInLayers",
            "consideringOnlyDependenciesInAnyPackage",
            "layer",
            "optionalLayer",
            "whereLayer",
        ];
        const ACCESS: &[&str] = &[
            "mayOnlyBeAccessedByLayers",
            "mayNotBeAccessedByAnyLayer",
            "mayOnlyAccessLayers",
            "mayNotAccessAnyLayer",
        ];
        let mut arch = LayeredArchitecture {
            considering: LayerDependencies::AllDependencies,
            layers: Vec::new(),
            constraints: Vec::new(),
        };
        let mut referenced = Vec::new();
        while let Some(&call) = calls.get(*i) {
            let name = call.name.name.as_str();
            if ["because", "as", "allowEmptyShould"].contains(&name) {
                break;
            }
            *i += 1;
            match name {
                "consideringAllDependencies" => {
                    arch.considering = LayerDependencies::AllDependencies
                }
                "consideringOnlyDependenciesInLayers" => {
                    arch.considering = LayerDependencies::OnlyDependenciesInLayers;
                }
                "consideringOnlyDependenciesInAnyPackage" => {
                    let packages = self.strings(call, ArgKind::Packages);
                    arch.considering = LayerDependencies::OnlyDependenciesInAnyPackage(
                        packages.unwrap_or_default(),
                    );
                }
                "layer" | "optionalLayer" => {
                    let layer_name = self
                        .strings(call, ArgKind::Str)
                        .and_then(|v| v.into_iter().next());
                    let defined = match calls.get(*i).filter(|c| c.name.name == "definedBy") {
                        Some(&next) => {
                            *i += 1;
                            self.strings(next, ArgKind::Packages)
                        }
                        None => {
                            self.errors.push(DslError::IncompleteRule {
                                missing: format!("'{name}(..)' must be followed by definedBy(..)"),
                                span: call.span().into(),
                                help: Some(format!(
                                    "{name}(\"Service\").definedBy(\"..service..\")"
                                )),
                            });
                            None
                        }
                    };
                    if let (Some(layer_name), Some(packages)) = (layer_name, defined) {
                        arch.layers.push(Layer {
                            name: layer_name,
                            packages,
                            optional: name == "optionalLayer",
                        });
                    }
                }
                "whereLayer" => {
                    let layer = self
                        .strings(call, ArgKind::Str)
                        .and_then(|v| v.into_iter().next());
                    referenced.push((
                        layer.clone().unwrap_or_default(),
                        call.args.first().map(|a| a.span.clone()),
                    ));
                    let Some(&next) = calls
                        .get(*i)
                        .filter(|c| ACCESS.contains(&c.name.name.as_str()))
                    else {
                        let found = calls
                            .get(*i)
                            .map(|c| c.name.name.clone())
                            .unwrap_or_default();
                        self.errors.push(DslError::IncompleteRule {
                            missing: "whereLayer(..) must be followed by mayOnlyBeAccessedByLayers(..) or similar".to_owned(),
                            span: call.span().into(),
                            help: did_you_mean(&found, ACCESS.iter().copied())
                                .or_else(|| Some(format!("one of {}", ACCESS.join(", ")))),
                        });
                        continue;
                    };
                    *i += 1;
                    let names = match next.name.name.as_str() {
                        "mayOnlyBeAccessedByLayers" | "mayOnlyAccessLayers" => {
                            self.strings(next, ArgKind::TypeNames)
                        }
                        _ => self.args(next, &[]).map(|_| Vec::new()),
                    };
                    for (arg, layer) in next.args.iter().zip(names.iter().flatten()) {
                        referenced.push((layer.clone(), Some(arg.span.clone())));
                    }
                    let access = match (next.name.name.as_str(), names) {
                        ("mayOnlyBeAccessedByLayers", Some(n)) => {
                            LayerAccess::MayOnlyBeAccessedByLayers(n)
                        }
                        ("mayOnlyAccessLayers", Some(n)) => LayerAccess::MayOnlyAccessLayers(n),
                        ("mayNotBeAccessedByAnyLayer", Some(_)) => {
                            LayerAccess::MayNotBeAccessedByAnyLayer
                        }
                        ("mayNotAccessAnyLayer", Some(_)) => LayerAccess::MayNotAccessAnyLayer,
                        _ => continue,
                    };
                    if let Some(layer) = layer {
                        arch.constraints.push(LayerConstraint { layer, access });
                    }
                }
                other => self.errors.push(DslError::UnknownName {
                    what: "layered architecture method",
                    name: other.to_owned(),
                    span: call.name.span.clone().into(),
                    help: did_you_mean(other, STEPS.iter().chain(ACCESS).copied()),
                }),
            }
        }
        let defined: Vec<&str> = arch.layers.iter().map(|l| l.name.as_str()).collect();
        for (layer, span) in referenced {
            if let Some(span) = span.filter(|_| !defined.contains(&layer.as_str())) {
                self.errors.push(DslError::UnknownName {
                    what: "layer",
                    name: layer.clone(),
                    span: span.into(),
                    help: did_you_mean(&layer, defined.iter().copied()),
                });
            }
        }
        arch
    }

    /// The string arguments of a call of one kind (`Str`, `Packages`, or `TypeNames` for plain varargs strings).
    fn strings(&mut self, call: CallRef<'_>, kind: ArgKind) -> Option<Vec<String>> {
        let kinds: &[ArgKind] = match kind {
            ArgKind::Str => &[ArgKind::Str],
            ArgKind::Packages => &[ArgKind::Packages],
            _ => &[ArgKind::TypeNames],
        };
        match self.args(call, kinds)?.into_iter().next()? {
            Arg::Str(s) => Some(vec![s]),
            Arg::Strs(v) => Some(v),
            _ => None,
        }
    }
}
