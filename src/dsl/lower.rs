//! Lowering, file level: the pack header, parameters, imports and `let`s, then each rule
//! ([`super::lower_rule`]). Names resolve here; predicates and arguments in [`super::lower_pred`].

use super::ast::{Expr, ExprKind, File, Ident};
use super::diagnostics::{did_you_mean, DslError};
use super::lexer::Span;
use crate::rules::combinators::normalize_type_name;
use crate::rules::ir::Pack;
use std::collections::{BTreeMap, HashMap};

/// Classes Java code names without an import.
const JAVA_LANG: &[&str] = &[
    "AutoCloseable",
    "Boolean",
    "Byte",
    "Character",
    "Class",
    "ClassLoader",
    "Cloneable",
    "Comparable",
    "Deprecated",
    "Double",
    "Enum",
    "Error",
    "Exception",
    "Float",
    "FunctionalInterface",
    "IllegalArgumentException",
    "IllegalStateException",
    "Integer",
    "Iterable",
    "Long",
    "Math",
    "Number",
    "Object",
    "Override",
    "Process",
    "ProcessBuilder",
    "Record",
    "Runnable",
    "Runtime",
    "RuntimeException",
    "SafeVarargs",
    "SecurityManager",
    "Short",
    "String",
    "StringBuffer",
    "StringBuilder",
    "SuppressWarnings",
    "System",
    "Thread",
    "ThreadLocal",
    "Throwable",
    "Void",
];

const PRIMITIVES: &[&str] = &["boolean", "byte", "char", "short", "int", "long", "float", "double", "void"];

pub(super) struct Lowerer<'a> {
    pub source: &'a str,
    /// `let` and `param` bindings, by name: the expression and where the name was declared.
    bindings: HashMap<String, (Expr, Span)>,
    /// Simple name → fully qualified name, from `import a.b.C;`.
    imports: HashMap<String, String>,
    /// Names being expanded, to report `let a = a;` instead of recursing forever.
    expanding: Vec<String>,
    pub errors: Vec<DslError>,
}

/// Lowers a parsed file. `params` are configuration overrides of the pack's `param` defaults.
pub fn lower_file(
    file: &File,
    source: &str,
    params: &HashMap<String, String>,
    errors: Vec<DslError>,
) -> (Option<Pack>, Vec<DslError>) {
    let mut lowerer =
        Lowerer { source, bindings: HashMap::new(), imports: HashMap::new(), expanding: Vec::new(), errors };
    let pack = lowerer.file(file, params);
    (pack, lowerer.errors)
}

impl Lowerer<'_> {
    fn file(&mut self, file: &File, overrides: &HashMap<String, String>) -> Option<Pack> {
        let Some(header) = &file.pack else {
            let span = file.rules.first().map_or(0..0, |r| r.span.start..r.span.start);
            self.errors.push(DslError::MissingPack { span: span.into() });
            return None;
        };
        let mut params = BTreeMap::new();
        for param in &header.params {
            let value = match overrides.get(&param.name.name) {
                Some(value) => Expr { kind: ExprKind::Str(value.clone()), span: param.value.span.clone() },
                None => param.value.clone(),
            };
            if let Some(text) = self.eval_string(&value) {
                params.insert(param.name.name.clone(), text);
            }
            self.bind(&param.name, value);
        }
        let mut unknown: Vec<&String> = overrides.keys().filter(|k| !params.contains_key(*k)).collect();
        unknown.sort();
        for name in unknown {
            let declared = header.params.iter().map(|p| p.name.name.as_str());
            self.errors.push(DslError::UnknownParam {
                name: name.clone(),
                pack: header.id.clone(),
                span: header.id_span.clone().into(),
                help: did_you_mean(name, declared),
            });
        }
        for import in &file.imports {
            if import.is_static || import.wildcard {
                continue; // Pasted Java imports: harmless, bind nothing.
            }
            let fqn = join_class_path(import.path.iter().map(|i| i.name.as_str()));
            if let Some(last) = import.path.last() {
                self.imports.insert(last.name.clone(), fqn);
            }
        }
        for binding in &file.lets {
            self.bind(&binding.name, binding.value.clone());
        }
        let description = header.description.as_ref().and_then(|d| self.eval_string(d));
        let pack_fixes = self.fixes(&header.fixes);
        let mut rules = Vec::new();
        let mut seen: HashMap<&str, &Span> = HashMap::new();
        for decl in &file.rules {
            if let Some(first) = seen.get(decl.name.as_str()) {
                self.errors.push(DslError::DuplicateRule {
                    name: decl.name.clone(),
                    span: decl.name_span.clone().into(),
                    first: (*first).clone().into(),
                });
                continue;
            }
            seen.insert(&decl.name, &decl.name_span);
            let own_fixes = self.fixes(&decl.fixes);
            if let Some(mut rule) = self.rule(&header.id, decl) {
                rule.fixes = own_fixes;
                rule.fixes.extend(pack_fixes.iter().filter(|f| !decl_has(&decl.fixes, f)).cloned());
                rules.push(rule);
            }
        }
        Some(Pack { id: header.id.clone(), description, origin: String::new(), params, fixes: pack_fixes, rules })
    }

    fn bind(&mut self, name: &Ident, value: Expr) {
        if let Some((_, first)) = self.bindings.get(&name.name) {
            self.errors.push(DslError::DuplicateName {
                name: name.name.clone(),
                span: name.span.clone().into(),
                first: first.clone().into(),
            });
            return;
        }
        self.bindings.insert(name.name.clone(), (value, name.span.clone()));
    }

    /// The expression a `let`/`param` name stands for.
    pub fn binding(&self, name: &str) -> Option<Expr> {
        self.bindings.get(name).map(|(expr, _)| expr.clone())
    }

    /// Runs `f` on the expansion of the name, guarding against self-reference.
    pub fn expand<T>(&mut self, ident: &Ident, f: impl FnOnce(&mut Self, &Expr) -> Option<T>) -> Option<T> {
        let expr = self.binding(&ident.name)?;
        if self.expanding.contains(&ident.name) {
            self.errors.push(DslError::Misplaced {
                name: ident.name.clone(),
                span: ident.span.clone().into(),
                reason: "refers to itself".to_owned(),
                help: None,
            });
            return None;
        }
        self.expanding.push(ident.name.clone());
        let result = f(self, &expr);
        self.expanding.pop();
        result
    }

    pub fn unknown_name(&mut self, ident: &Ident) {
        let names: Vec<&str> = self.bindings.keys().map(String::as_str).collect();
        let help = did_you_mean(&ident.name, names)
            .or_else(|| Some("declare it with `let name = \"...\";` or as a `param` of the pack".to_owned()));
        self.errors.push(DslError::UnknownName {
            what: "constant",
            name: ident.name.clone(),
            span: ident.span.clone().into(),
            help,
        });
    }

    /// A string: a literal, a `let`/`param`, or `+` of strings.
    pub fn eval_string(&mut self, expr: &Expr) -> Option<String> {
        match &expr.kind {
            ExprKind::Str(s) => Some(s.clone()),
            ExprKind::Concat(a, b) => {
                let a = self.eval_string(a);
                let b = self.eval_string(b);
                Some(a? + &b?)
            }
            ExprKind::Name(ident) if self.binding(&ident.name).is_some() => {
                self.expand(ident, |this, e| this.eval_string(e))
            }
            ExprKind::Name(ident) => {
                self.unknown_name(ident);
                None
            }
            ExprKind::Error => None,
            _ => {
                self.errors.push(DslError::ArgumentType {
                    name: "+".to_owned(),
                    expected: "a string".to_owned(),
                    found: describe_expr(expr),
                    span: expr.span.clone().into(),
                    help: None,
                });
                None
            }
        }
    }

    /// A class name: a string (`"a.b.C"`, `"int[]"`) or a class literal (`C.class`, `a.b.C.class`),
    /// as the binary name with arrays in JVM form.
    pub fn eval_type_name(&mut self, expr: &Expr) -> Option<String> {
        match &expr.kind {
            ExprKind::ClassLit(inner) => {
                let path = inner.as_path()?;
                let first = path.first()?;
                let rest = path.iter().skip(1).map(|i| i.name.as_str());
                let resolved = if PRIMITIVES.contains(&first.name.as_str()) && path.len() == 1 {
                    first.name.clone()
                } else if let Some(fqn) = self.imports.get(&first.name) {
                    rest.fold(fqn.clone(), |acc, part| format!("{acc}${part}"))
                } else if starts_lowercase(&first.name) {
                    join_class_path(path.iter().map(|i| i.name.as_str()))
                } else if JAVA_LANG.contains(&first.name.as_str()) {
                    rest.fold(format!("java.lang.{}", first.name), |acc, part| format!("{acc}${part}"))
                } else {
                    let imported: Vec<&str> =
                        self.imports.keys().map(String::as_str).chain(JAVA_LANG.iter().copied()).collect();
                    self.errors.push(DslError::UnknownImport {
                        name: first.name.clone(),
                        span: first.span.clone().into(),
                        help: did_you_mean(&first.name, imported)
                            .or_else(|| Some(format!("add `import <package>.{};` or write the full name", first.name))),
                    });
                    return None;
                };
                Some(resolved)
            }
            _ => self.eval_string(expr).map(|s| normalize_type_name(s.trim())),
        }
    }
}

fn starts_lowercase(name: &str) -> bool {
    name.chars().next().is_some_and(char::is_lowercase)
}

/// `a.b.Outer.Inner` → `a.b.Outer$Inner`: segments after the first capitalised one are nested classes.
fn join_class_path<'a>(parts: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    let mut in_class = false;
    for part in parts {
        if !out.is_empty() {
            out.push(if in_class { '$' } else { '.' });
        }
        in_class |= !starts_lowercase(part);
        out.push_str(part);
    }
    out
}

/// How an expression is named in "found X" messages.
pub fn describe_expr(expr: &Expr) -> String {
    match &expr.kind {
        ExprKind::Str(_) | ExprKind::Concat(..) => "a string".to_owned(),
        ExprKind::Int(_) => "a number".to_owned(),
        ExprKind::Bool(_) => "a boolean".to_owned(),
        ExprKind::Name(ident) => format!("'{}'", ident.name),
        ExprKind::Field(_, ident) => format!("'{}'", ident.name),
        ExprKind::Call { name, .. } => format!("'{}(..)'", name.name),
        ExprKind::ClassLit(_) => "a class literal".to_owned(),
        ExprKind::Error => "an error".to_owned(),
    }
}

/// Whether a rule's own `fix` clauses already name this pack fix's recipe (the rule's options win).
fn decl_has(decls: &[super::ast::FixDecl], fix: &crate::rules::ir::Fix) -> bool {
    decls.iter().any(|d| d.recipe == fix.recipe)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_class_paths_use_dollar() {
        assert_eq!(join_class_path(["java", "util", "Map", "Entry"].into_iter()), "java.util.Map$Entry");
        assert_eq!(join_class_path(["org", "joda", "time", "DateTime"].into_iter()), "org.joda.time.DateTime");
    }
}
