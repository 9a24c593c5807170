//! Lowering call arguments against the vocabulary's argument kinds: counts, strings, package
//! patterns, regexes, class names, annotation values, modifiers, dependency kinds, versions.

use super::ast::{Expr, ExprKind, Ident};
use super::diagnostics::{did_you_mean, DslError};
use super::lower::{describe_expr, Lowerer};
use super::lower_pred::CallRef;
use crate::rules::ir::{DependencyKind, ElementValue, Modifier, VersionReq, Visibility};
use crate::rules::package_pattern::PackagePattern;
use crate::rules::vocab::{Arg, ArgKind, JavaModifier};

impl Lowerer<'_> {
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
        let fixed = kinds.iter().filter(|k| !k.is_varargs() && **k != ArgKind::OptVersion).count();
        let varargs = kinds.last().copied().filter(|k| k.is_varargs());
        let optional = usize::from(kinds.contains(&ArgKind::OptVersion));
        let min_var = usize::from(matches!(varargs, Some(ArgKind::Packages | ArgKind::DependencyKinds)));
        let n = call.args.len();
        let ok = match varargs {
            Some(_) => n >= fixed + min_var,
            None => n >= fixed && n <= fixed + optional,
        };
        if !ok {
            let plural = |k: usize| if k == 1 { "" } else { "s" };
            let expected = match (varargs, optional) {
                (Some(_), _) => format!("at least {} argument{}", fixed + min_var, plural(fixed + min_var)),
                (None, 1) => format!("{fixed} or {} arguments", fixed + 1),
                (None, _) if fixed == 0 => "no arguments".to_owned(),
                (None, _) => format!("{fixed} argument{}", plural(fixed)),
            };
            let signature = kinds.iter().map(|k| k.placeholder()).collect::<Vec<_>>().join(", ");
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
                call.args.get(i).and_then(|expr| self.arg(call.name, *kind, expr))
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
            let kinds: Vec<Option<DependencyKind>> = exprs.iter().map(|e| self.dependency_kind(e)).collect();
            return kinds.into_iter().collect::<Option<Vec<_>>>().map(Arg::DependencyKinds);
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
        let stringy =
            matches!(expr.kind, ExprKind::Str(_) | ExprKind::Concat(..) | ExprKind::Name(_) | ExprKind::Error)
                || (kind == ArgKind::TypeName && matches!(expr.kind, ExprKind::ClassLit(_)));
        let wants_string = matches!(
            kind,
            ArgKind::Str
                | ArgKind::Regex
                | ArgKind::Package
                | ArgKind::TypeName
                | ArgKind::Artifact
                | ArgKind::OptVersion
        );
        if wants_string && !stringy {
            return self.wrong_type(name, kind, expr);
        }
        let invalid = |what: &'static str, message: String, help: Option<String>| DslError::InvalidValue {
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
                        let message =
                            e.to_string().lines().last().unwrap_or("").trim().trim_start_matches("error: ").to_owned();
                        self.errors.push(invalid("regular expression", message, None));
                        None
                    }
                }
            }
            ArgKind::Package => {
                let text = self.eval_string(expr)?;
                match PackagePattern::check(&text) {
                    Ok(()) => Some(Arg::Str(text)),
                    Err(e) => {
                        let help = Some("e.g. \"com.example..\", \"..service..\", \"..app.(*)..\"".to_owned());
                        self.errors.push(invalid("package pattern", e.to_string(), help));
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
                let valid =
                    text.split_once(':').is_some_and(|(g, a)| !g.is_empty() && !a.is_empty() && !a.contains(':'));
                if valid {
                    Some(Arg::Str(text))
                } else {
                    let help = Some("write \"group:artifact\", e.g. \"com.google.guava:guava\"".to_owned());
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
            ExprKind::Str(_) | ExprKind::Concat(..) => self.eval_string(expr).map(ElementValue::String),
            ExprKind::ClassLit(_) => self.eval_type_name(expr).map(ElementValue::Class),
            ExprKind::Name(ident) if self.binding(&ident.name).is_some() => {
                self.expand(ident, |this, e| this.element_value(name, e))
            }
            ExprKind::Name(_) | ExprKind::Field(..) => {
                let path = expr.as_path()?;
                path.last().map(|constant| ElementValue::Enum(constant.name.clone()))
            }
            _ => self.wrong_type(name, ArgKind::Value, expr),
        }
    }

    fn modifier(&mut self, expr: &Expr) -> Option<JavaModifier> {
        let constant = expr.as_path().and_then(|p| p.last().copied());
        let parsed = constant.and_then(|c| parse_modifier(&c.name));
        if parsed.is_none() {
            let (name, span) =
                constant.map_or((describe_expr(expr), expr.span.clone()), |c| (c.name.clone(), c.span.clone()));
            self.errors.push(DslError::UnknownName {
                what: "modifier",
                name,
                span: span.into(),
                help: did_you_mean(&describe_expr(expr).replace('\'', ""), MODIFIER_NAMES.iter().copied())
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
            let names: Vec<String> = DEPENDENCY_KINDS.iter().map(|(n, _)| n.to_uppercase()).collect();
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
    ("references_constructor", DependencyKind::ReferencesConstructor),
    ("field_type", DependencyKind::FieldType),
    ("return_type", DependencyKind::ReturnType),
    ("parameter_type", DependencyKind::ParameterType),
    ("throws_type", DependencyKind::ThrowsType),
    ("catches_type", DependencyKind::CatchesType),
    ("annotated_with", DependencyKind::AnnotatedWith),
    ("annotation_member_type", DependencyKind::AnnotationMemberType),
    ("instance_of", DependencyKind::InstanceOf),
    ("class_object", DependencyKind::ClassObject),
    ("type_parameter", DependencyKind::TypeParameter),
    ("generic_type_argument", DependencyKind::GenericTypeArgument),
    ("component_type", DependencyKind::ComponentType),
];

/// `CALLS_METHOD`, `calls_method` or `"calls method"`.
fn parse_dependency_kind(text: &str) -> Option<DependencyKind> {
    let key = text.trim().to_lowercase().replace([' ', '-'], "_");
    DEPENDENCY_KINDS.iter().find(|(n, _)| *n == key).map(|(_, k)| *k)
}
