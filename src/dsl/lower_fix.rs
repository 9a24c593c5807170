//! Lowering `fix "<recipe id>" from "<group:artifact>" [with (...)]` clauses into [`Fix`]es. archrules cannot know
//! every OpenRewrite recipe, so only the shape is checked here: a recipe id is a dotted Java name, a module is Maven
//! `group:artifact` (the version is the build tool's choice).

use std::collections::BTreeMap;

use super::ast::FixDecl;
use super::diagnostics::DslError;
use super::lower::Lowerer;
use crate::rules::ir::Fix;

impl Lowerer<'_> {
    /// The fixes of one rule or pack header; invalid ones are reported and left out.
    pub(super) fn fixes(&mut self, decls: &[FixDecl]) -> Vec<Fix> {
        let mut fixes: Vec<Fix> = Vec::new();
        for decl in decls {
            let errors_before = self.errors.len();
            if !is_recipe_id(&decl.recipe) {
                self.errors.push(DslError::InvalidValue {
                    what: "recipe id",
                    message: format!("'{}' is not a fully qualified recipe name", decl.recipe),
                    span: decl.recipe_span.clone().into(),
                    help: Some("give the recipe's name as its module declares it, e.g. \"org.openrewrite.java.migrate.guava.NoGuava\"".to_owned()),
                });
            }
            if !is_module(&decl.module) {
                self.errors.push(DslError::InvalidValue {
                    what: "recipe module",
                    message: format!("'{}' is not Maven group:artifact coordinates", decl.module),
                    span: decl.module_span.clone().into(),
                    help: Some("write the module as \"group:artifact\" without a version, e.g. \"org.openrewrite.recipe:rewrite-migrate-java\"".to_owned()),
                });
            }
            if self.errors.len() > errors_before {
                continue;
            }
            let mut options = BTreeMap::new();
            let mut first_spans = BTreeMap::new();
            for (name, value) in &decl.options {
                if let Some(first) = first_spans.insert(name.name.clone(), name.span.clone()) {
                    self.errors.push(DslError::DuplicateName {
                        name: name.name.clone(),
                        span: name.span.clone().into(),
                        first: first.into(),
                    });
                }
                options.insert(name.name.clone(), value.clone());
            }
            let fix = Fix { recipe: decl.recipe.clone(), module: decl.module.clone(), options };
            if !fixes.contains(&fix) {
                fixes.push(fix);
            }
        }
        fixes
    }
}

/// `a.b.C`: at least two Java identifiers joined by dots.
fn is_recipe_id(id: &str) -> bool {
    let ident = |s: &str| {
        let mut chars = s.chars();
        chars.next().is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$')
            && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '$')
    };
    id.split('.').count() >= 2 && id.split('.').all(ident)
}

/// `group:artifact`, both non-empty, of the characters Maven coordinates use.
fn is_module(module: &str) -> bool {
    let part = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'));
    matches!(module.split(':').collect::<Vec<_>>()[..], [group, artifact] if part(group) && part(artifact))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recipe_ids_and_modules_are_checked_for_shape() {
        assert!(is_recipe_id("org.openrewrite.java.migrate.guava.NoGuava"));
        assert!(!is_recipe_id("NoGuava"));
        assert!(!is_recipe_id("org..NoGuava"));
        assert!(!is_recipe_id("org.openrewrite java"));
        assert!(is_module("org.openrewrite.recipe:rewrite-migrate-java"));
        assert!(!is_module("org.openrewrite.recipe:rewrite-migrate-java:3.0.0"));
        assert!(!is_module("rewrite-migrate-java"));
        assert!(!is_module(":rewrite"));
    }
}
