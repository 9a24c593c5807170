//! Lowering `layeredArchitecture()` chains: layers, their packages, and who may access whom.

use super::diagnostics::{did_you_mean, DslError};
use super::lower::Lowerer;
use super::lower_pred::CallRef;
use crate::rules::ir::{Layer, LayerAccess, LayerConstraint, LayerDependencies, LayeredArchitecture};
use crate::rules::vocab::{Arg, ArgKind};

impl Lowerer<'_> {
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
        const ACCESS: &[&str] =
            &["mayOnlyBeAccessedByLayers", "mayNotBeAccessedByAnyLayer", "mayOnlyAccessLayers", "mayNotAccessAnyLayer"];
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
                "consideringAllDependencies" => arch.considering = LayerDependencies::AllDependencies,
                "consideringOnlyDependenciesInLayers" => {
                    arch.considering = LayerDependencies::OnlyDependenciesInLayers;
                }
                "consideringOnlyDependenciesInAnyPackage" => {
                    let packages = self.strings(call, ArgKind::Packages);
                    arch.considering = LayerDependencies::OnlyDependenciesInAnyPackage(packages.unwrap_or_default());
                }
                "layer" | "optionalLayer" => {
                    let layer_name = self.strings(call, ArgKind::Str).and_then(|v| v.into_iter().next());
                    let defined = match calls.get(*i).filter(|c| c.name.name == "definedBy") {
                        Some(&next) => {
                            *i += 1;
                            self.strings(next, ArgKind::Packages)
                        }
                        None => {
                            self.errors.push(DslError::IncompleteRule {
                                missing: format!("'{name}(..)' must be followed by definedBy(..)"),
                                span: call.span().into(),
                                help: Some(format!("{name}(\"Service\").definedBy(\"..service..\")")),
                            });
                            None
                        }
                    };
                    if let (Some(layer_name), Some(packages)) = (layer_name, defined) {
                        arch.layers.push(Layer { name: layer_name, packages, optional: name == "optionalLayer" });
                    }
                }
                "whereLayer" => {
                    let layer = self.strings(call, ArgKind::Str).and_then(|v| v.into_iter().next());
                    referenced.push((layer.clone().unwrap_or_default(), call.args.first().map(|a| a.span.clone())));
                    let Some(&next) = calls.get(*i).filter(|c| ACCESS.contains(&c.name.name.as_str())) else {
                        let found = calls.get(*i).map(|c| c.name.name.clone()).unwrap_or_default();
                        self.errors.push(DslError::IncompleteRule {
                            missing: "whereLayer(..) must be followed by mayOnlyBeAccessedByLayers(..) or similar"
                                .to_owned(),
                            span: call.span().into(),
                            help: did_you_mean(&found, ACCESS.iter().copied())
                                .or_else(|| Some(format!("one of {}", ACCESS.join(", ")))),
                        });
                        continue;
                    };
                    *i += 1;
                    let names = match next.name.name.as_str() {
                        "mayOnlyBeAccessedByLayers" | "mayOnlyAccessLayers" => self.strings(next, ArgKind::TypeNames),
                        _ => self.args(next, &[]).map(|_| Vec::new()),
                    };
                    for (arg, layer) in next.args.iter().zip(names.iter().flatten()) {
                        referenced.push((layer.clone(), Some(arg.span.clone())));
                    }
                    let access = match (next.name.name.as_str(), names) {
                        ("mayOnlyBeAccessedByLayers", Some(n)) => LayerAccess::MayOnlyBeAccessedByLayers(n),
                        ("mayOnlyAccessLayers", Some(n)) => LayerAccess::MayOnlyAccessLayers(n),
                        ("mayNotBeAccessedByAnyLayer", Some(_)) => LayerAccess::MayNotBeAccessedByAnyLayer,
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
