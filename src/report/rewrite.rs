//! The rewrite report: an OpenRewrite declarative recipe, `archrules.Remediate`, that runs the recipes of the rules
//! that fired (their `fix` clauses) and, for each violated member whose library declares its replacement in
//! bytecode (`@InlineMe`, Kotlin `ReplaceWith`), an `org.openrewrite.java.InlineMethodCalls` entry. The header
//! comments give the commands that run it without touching the build (docs/remediation.md).
//!
//! Every string is written as a double-quoted scalar with JSON's escapes, which YAML reads the same way.

use std::collections::BTreeSet;
use std::io::{self, Write};

use super::{RenderOptions, Report};
use crate::findings::remediation::Inlining;
use crate::findings::{Findings, Status};
use crate::rules::ir::Fix;

pub struct RewriteReport;

/// The recipe's name, as the commands activate it.
pub const RECIPE_NAME: &str = "archrules.Remediate";
/// `InlineMethodCalls` is in `rewrite-java`, which both build plugins bring: it needs no recipe module.
const INLINE_METHOD_CALLS: &str = "org.openrewrite.java.InlineMethodCalls";

/// One recipe to run, with the rules (and their violation counts) it is there for.
struct Entry<'a> {
    fix: &'a Fix,
    reasons: Vec<(String, usize)>,
}

fn fired(findings: &Findings) -> Vec<Entry<'_>> {
    let mut entries: Vec<Entry<'_>> = Vec::new();
    for r in findings.results.iter().filter(|r| r.status == Status::Fail) {
        let count = r.violations.iter().filter(|v| !v.suppressed).count();
        if count == 0 {
            continue;
        }
        for fix in &r.rule.fixes {
            let reason = (format!("{} / {}", r.rule.pack, r.rule.name), count);
            match entries.iter_mut().find(|e| e.fix == fix) {
                Some(e) => e.reasons.push(reason),
                None => entries.push(Entry { fix, reasons: vec![reason] }),
            }
        }
    }
    entries.sort_by(|a, b| a.fix.cmp(b.fix));
    entries
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_owned())
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

impl Report for RewriteReport {
    fn render(&self, findings: &Findings, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        let entries = fired(findings);
        let modules: BTreeSet<&str> = entries.iter().map(|e| e.fix.module.as_str()).collect();
        header(out, opts, &modules, entries.is_empty() && findings.inlinings.is_empty())?;
        writeln!(out, "---")?;
        writeln!(out, "type: specs.openrewrite.org/v1beta/recipe")?;
        writeln!(out, "name: {RECIPE_NAME}")?;
        writeln!(out, "displayName: Fix what archrules found")?;
        writeln!(
            out,
            "description: {}",
            quoted("The OpenRewrite recipes named by the archrules rules that fired, and the replacements the used libraries declare for their deprecated methods.")
        )?;
        if entries.is_empty() && findings.inlinings.is_empty() {
            return writeln!(out, "recipeList: []");
        }
        writeln!(out, "recipeList:")?;
        for e in &entries {
            for (rule, count) in &e.reasons {
                writeln!(out, "  # {rule}: {}", plural(*count, "violation"))?;
            }
            if e.fix.options.is_empty() {
                writeln!(out, "  - {}", e.fix.recipe)?;
            } else {
                writeln!(out, "  - {}:", e.fix.recipe)?;
                for (name, value) in &e.fix.options {
                    writeln!(out, "      {name}: {}", quoted(value))?;
                }
            }
        }
        for i in &findings.inlinings {
            inlining(out, i)?;
        }
        Ok(())
    }
}

fn inlining(out: &mut dyn Write, i: &Inlining) -> io::Result<()> {
    writeln!(out, "  # {}: {} ({})", i.member, plural(i.violations, "violation"), i.rules.join(", "))?;
    if i.kotlin {
        // OpenRewrite templates are Java: a Kotlin expression may need rewording for Java callers.
        writeln!(
            out,
            "  # from Kotlin's ReplaceWith: the replacement is a Kotlin expression, its imports Kotlin names"
        )?;
    }
    writeln!(out, "  - {INLINE_METHOD_CALLS}:")?;
    writeln!(out, "      methodPattern: {}", quoted(&i.method_pattern))?;
    writeln!(out, "      replacement: {}", quoted(&i.replacement))?;
    for (key, list) in [("imports", &i.imports), ("staticImports", &i.static_imports)] {
        if !list.is_empty() {
            writeln!(out, "      {key}:")?;
            for item in list {
                writeln!(out, "        - {}", quoted(item))?;
            }
        }
    }
    Ok(())
}

/// The comments above the recipe: what it is and how to run it with Maven or Gradle, the build left as it is.
fn header(out: &mut dyn Write, opts: &RenderOptions, modules: &BTreeSet<&str>, empty: bool) -> io::Result<()> {
    writeln!(
        out,
        "# OpenRewrite recipe written by archrules {} (archrules check --report rewrite=FILE).",
        opts.tool_version
    )?;
    if empty {
        writeln!(
            out,
            "# No rule with a fix fired and no used deprecated member declares its replacement: nothing to run."
        )?;
    }
    writeln!(
        out,
        "# archrules only names the recipes; most recipe modules are under the Moderne Source Available License."
    )?;
    if modules.is_empty() {
        writeln!(
            out,
            "# Recipe modules: none (InlineMethodCalls is part of rewrite-java, which the build plugins bring)."
        )?;
    } else {
        writeln!(out, "# Recipe modules:")?;
        for m in modules {
            writeln!(out, "#   {m}")?;
        }
    }
    let maven_coordinates: Vec<String> = modules.iter().map(|m| format!("{m}:RELEASE")).collect();
    writeln!(out, "#")?;
    writeln!(
        out,
        "# Maven, from the project root with this file saved as rewrite.yml (run, or dryRun to see the diff first):"
    )?;
    let mut maven = format!(
        "#   mvn -U org.openrewrite.maven:rewrite-maven-plugin:run -Drewrite.configLocation=rewrite.yml -Drewrite.activeRecipes={RECIPE_NAME}"
    );
    if !maven_coordinates.is_empty() {
        maven.push_str(&format!(" -Drewrite.recipeArtifactCoordinates={}", maven_coordinates.join(",")));
    }
    writeln!(out, "{maven}")?;
    writeln!(out, "#")?;
    writeln!(
        out,
        "# Gradle, from the project root with this file saved as rewrite.yml and this init script as rewrite.gradle:"
    )?;
    writeln!(out, "#   gradle --init-script rewrite.gradle rewriteRun")?;
    writeln!(out, "#")?;
    writeln!(out, "#   initscript {{")?;
    writeln!(out, "#       repositories {{ maven {{ url \"https://plugins.gradle.org/m2\" }} }}")?;
    writeln!(out, "#       dependencies {{ classpath(\"org.openrewrite:plugin:latest.release\") }}")?;
    writeln!(out, "#   }}")?;
    writeln!(out, "#   rootProject {{")?;
    writeln!(out, "#       plugins.apply(org.openrewrite.gradle.RewritePlugin)")?;
    writeln!(out, "#       dependencies {{")?;
    for m in modules {
        writeln!(out, "#           rewrite(\"{m}:latest.release\")")?;
    }
    writeln!(out, "#       }}")?;
    writeln!(out, "#       rewrite {{ activeRecipe(\"{RECIPE_NAME}\"); configFile = file(\"rewrite.yml\") }}")?;
    writeln!(out, "#       afterEvaluate {{ if (repositories.isEmpty()) {{ repositories {{ mavenCentral() }} }} }}")?;
    writeln!(out, "#   }}")?;
    Ok(())
}
