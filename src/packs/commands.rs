//! The text of `archrules rules`, `archrules explain "rule name"` and `archrules docs`. The ArchUnit-worded rule
//! description comes from the rules module, passed in as `describe` (e.g. "no classes should depend on classes that
//! have fully qualified name 'x', because y").

use super::load::RunPack;
use super::select::PackStatus;
use crate::dsl::suggest::closest as did_you_mean;
use crate::rules::ir;

/// How a rule is described (ArchUnit's wording, `because` included).
pub type Describe<'a> = &'a dyn Fn(&ir::Rule) -> String;

/// `archrules rules`: every pack and rule that would run (with `all`, the others too, with why they do not), with
/// id, name, priority after overrides, origin and description. Tab-separated columns after a header per pack.
pub fn rules_listing(packs: &[RunPack], all: bool, describe: Describe<'_>) -> String {
    let mut out = String::new();
    for p in packs.iter().filter(|p| all || p.selected.status == PackStatus::Runs) {
        let pack = &p.selected.loaded.pack;
        let status = match &p.selected.status {
            PackStatus::Runs => String::new(),
            other => format!("  [{other}]"),
        };
        out.push_str(&format!("{}  ({}){status}\n", pack.id, pack.origin));
        if let Some(d) = &pack.description {
            out.push_str(&format!("  {d}\n"));
        }
        for rule in &pack.rules {
            out.push_str(&format!("  {:<6}  {}\n          {}\n", priority(rule), rule.name, describe(rule)));
        }
        for skipped in &p.selected.skipped {
            out.push_str(&format!("  {:<6}  {skipped}  [skipped]\n", "-"));
        }
    }
    out
}

fn priority(rule: &ir::Rule) -> &'static str {
    match rule.priority {
        crate::findings::Priority::Low => "LOW",
        crate::findings::Priority::Medium => "MEDIUM",
        crate::findings::Priority::High => "HIGH",
    }
}

#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("no rule is named '{name}'")]
#[diagnostic(code(archrules::packs::unknown_rule))]
pub struct UnknownRule {
    pub name: String,
    #[help]
    pub help: Option<String>,
}

/// `archrules explain "rule name"`: the rule (in every pack that has one by that name) with its pack, origin,
/// priority, description, `because` and DSL source.
pub fn explain(packs: &[RunPack], name: &str, describe: Describe<'_>) -> Result<String, UnknownRule> {
    let mut out = String::new();
    for p in packs {
        let pack = &p.selected.loaded.pack;
        for rule in pack.rules.iter().filter(|r| r.name == name) {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&format!("{}\n", rule.name));
            out.push_str(&format!("  pack:        {} ({})\n", pack.id, pack.origin));
            out.push_str(&format!("  priority:    {}\n", priority(rule)));
            if p.selected.status != PackStatus::Runs {
                out.push_str(&format!("  status:      {}\n", p.selected.status));
            }
            out.push_str(&format!("  description: {}\n", describe(rule)));
            if let Some(b) = &rule.because {
                out.push_str(&format!("  because:     {b}\n"));
            }
            for (i, fix) in rule.fixes.iter().enumerate() {
                let label = if i == 0 { "fixed by:" } else { "" };
                out.push_str(&format!("  {label:<12} {} (from {}){}\n", fix.recipe, fix.module, options(fix)));
            }
            if let Some(source) = &rule.source {
                out.push('\n');
                for line in source.lines() {
                    out.push_str(&format!("    {line}\n"));
                }
            }
        }
    }
    if out.is_empty() {
        let names = packs.iter().flat_map(|p| p.selected.loaded.pack.rules.iter().map(|r| r.name.as_str()));
        let help = did_you_mean(name, names)
            .map(|s| format!("did you mean '{s}'?"))
            .or_else(|| Some("`archrules rules --all` lists every rule".to_owned()));
        return Err(UnknownRule { name: name.to_owned(), help });
    }
    Ok(out)
}

/// ` with newVersion=32.0.0-jre`, or nothing for a recipe without options.
fn options(fix: &crate::rules::ir::Fix) -> String {
    let pairs: Vec<String> = fix.options.iter().map(|(k, v)| format!("{k}={v}")).collect();
    if pairs.is_empty() {
        String::new()
    } else {
        format!(" with {}", pairs.join(", "))
    }
}

/// `archrules docs`: Markdown documentation of the packs, Nebula's per-rule layout under a heading per pack.
pub fn docs_markdown(packs: &[RunPack], describe: Describe<'_>) -> String {
    let mut out = String::from("# Rule packs\n\nEvery pack archrules knows, with its rules.\n");
    for p in packs {
        let pack = &p.selected.loaded.pack;
        out.push_str(&format!("\n## `{}`\n\n", pack.id));
        if let Some(d) = &pack.description {
            out.push_str(&format!("{d}\n\n"));
        }
        out.push_str(&format!("Origin: {}. Status: {}.\n", pack.origin, p.selected.status));
        if !pack.params.is_empty() {
            out.push_str("\n| Parameter | Value |\n|---|---|\n");
            for (k, v) in &pack.params {
                out.push_str(&format!("| `{k}` | `{}` |\n", v.replace('|', "\\|")));
            }
        }
        for rule in &pack.rules {
            out.push_str(&format!("\n### {}\n\n", rule.name));
            out.push_str(&format!("**Description:** {}\n\n", describe(rule)));
            out.push_str(&format!("**Priority:** {}\n", priority(rule)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::Priority;
    use crate::packs::select::tests::loaded;
    use crate::packs::select::SelectedPack;
    use crate::packs::PackOrigin;

    fn run_packs() -> Vec<RunPack> {
        let mut guava = loaded(
            "archrules.guava",
            PackOrigin::Bundled { file: "guava.arch" },
            &[("guava optional", Priority::Medium)],
            &[],
        );
        guava.pack.description = Some("Prefer the JDK".into());
        guava.pack.rules[0].because = Some("Java Optional is preferred over Guava Optional".into());
        guava.pack.rules[0].source = Some("rule \"guava optional\" = priority(MEDIUM)\n    .noClasses();".into());
        let spring = loaded(
            "archrules.spring",
            PackOrigin::Bundled { file: "spring.arch" },
            &[("no field injection", Priority::Medium)],
            &[("p", "v")],
        );
        vec![
            RunPack {
                selected: SelectedPack { loaded: guava, status: PackStatus::Runs, skipped: vec![] },
                scope: None,
            },
            RunPack {
                selected: SelectedPack { loaded: spring, status: PackStatus::NotEnabled, skipped: vec![] },
                scope: None,
            },
        ]
    }

    fn describe(rule: &ir::Rule) -> String {
        format!("<description of {}>", rule.name)
    }

    #[test]
    fn listing_shows_running_packs_or_all_with_status() {
        insta::assert_snapshot!(rules_listing(&run_packs(), false, &describe), @r"
        archrules.guava  (bundled)
          Prefer the JDK
          MEDIUM  guava optional
                  <description of guava optional>
        ");
        assert!(
            rules_listing(&run_packs(), true, &describe).contains("archrules.spring  (bundled)  [opt-in, not enabled]")
        );
    }

    #[test]
    fn explain_shows_source_and_suggests_on_typos() {
        insta::assert_snapshot!(explain(&run_packs(), "guava optional", &describe).unwrap(), @r#"
        guava optional
          pack:        archrules.guava (bundled)
          priority:    MEDIUM
          description: <description of guava optional>
          because:     Java Optional is preferred over Guava Optional

            rule "guava optional" = priority(MEDIUM)
                .noClasses();
        "#);
        let err = explain(&run_packs(), "guava optionl", &describe).unwrap_err();
        assert_eq!(err.help.as_deref(), Some("did you mean 'guava optional'?"));
    }

    #[test]
    fn docs_have_a_section_per_pack_and_rule() {
        let md = docs_markdown(&run_packs(), &describe);
        assert!(md.contains("## `archrules.guava`\n\nPrefer the JDK\n\nOrigin: bundled. Status: runs.\n"), "{md}");
        assert!(md.contains(
            "### guava optional\n\n**Description:** <description of guava optional>\n\n**Priority:** MEDIUM\n"
        ));
        assert!(md.contains("| `p` | `v` |"));
    }
}
