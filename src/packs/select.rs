//! Which loaded packs run and with which priorities: enable/disable by id (a pack id also names its sub-packs:
//! `archrules.guava` covers `archrules.guava.jdk9`; the longest listed id wins), the `minRelease` gate, library packs
//! only where the library is used, priority overrides (rule name exact, else longest pack-id prefix) and skips.
//! Unknown ids and rule names are errors pointing into the configuration that named them.
//!
//! Settings come in layers: `archrules.toml`, then the command line (parsed into a [`Config`] of its own by the
//! CLI, so its mistakes are shown the same way). A later layer wins ties.

use super::bundled::Bundled;
use super::config::{Config, ConfigError};
use super::{LoadedPack, PackOrigin};
use crate::dsl::suggest::closest as did_you_mean;
use crate::findings::Priority;
use crate::rules::ir;

/// Why a pack runs or not; shown by `archrules rules --all`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackStatus {
    Runs,
    /// A bundled opt-in pack nobody enabled.
    NotEnabled,
    Disabled,
    /// Its `minRelease` parameter is above the release being checked (or the release is unknown).
    BelowRelease {
        min: u32,
        release: Option<u32>,
    },
    /// A library pack whose library no target uses.
    LibraryUnused,
    /// A library pack (a classpath jar's `META-INF/archrules/*.arch`) that does not load: skipped, with the error.
    LoadFailed(String),
}

impl std::fmt::Display for PackStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PackStatus::Runs => f.write_str("runs"),
            PackStatus::NotEnabled => f.write_str("opt-in, not enabled"),
            PackStatus::Disabled => f.write_str("disabled"),
            PackStatus::BelowRelease { min, release: Some(r) } => write!(f, "needs release {min}+, checking {r}"),
            PackStatus::BelowRelease { min, release: None } => write!(f, "needs release {min}+, release unknown"),
            PackStatus::LibraryUnused => f.write_str("library not used by any target"),
            PackStatus::LoadFailed(error) => write!(f, "does not load, skipped: {error}"),
        }
    }
}

/// A pack after selection: its rules carry the effective priorities, skipped rules removed.
#[derive(Debug, Clone)]
pub struct SelectedPack {
    pub loaded: LoadedPack,
    pub status: PackStatus,
    /// Names of rules removed by `skip`.
    pub skipped: Vec<String>,
}

/// What the run knows beyond the configuration.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// `--release`, else the targets' newest class-file version (see [`release_of_major`]).
    pub release: Option<u32>,
    /// For each library pack (by index in the loaded list): is its library used?
    pub library_used: Vec<(usize, bool)>,
    /// Library packs that did not load (by index; a placeholder with the id of their header stands there), and why.
    pub failed: Vec<(usize, String)>,
}

/// The Java release of a class-file major version (52 → 8), `None` below Java 1.1's 45.
pub fn release_of_major(major: u16) -> Option<u32> {
    (major >= 45).then(|| u32::from(major) - 44)
}

/// Applies the configuration layers (file, then command line) and the context to the loaded packs, in order.
pub fn select(packs: Vec<LoadedPack>, layers: &[&Config], ctx: &Context) -> Result<Vec<SelectedPack>, ConfigError> {
    for config in layers {
        check_ids(&packs, config)?;
        check_rule_keys(&packs, config)?;
    }
    // (listed id, enable?) in layer order: on equal length the later entry wins.
    let listed: Vec<(&str, bool)> = layers
        .iter()
        .flat_map(|c| {
            let enable = c.enable.iter().map(|s| (s.get_ref().as_str(), true));
            enable.chain(c.disable.iter().map(|s| (s.get_ref().as_str(), false)))
        })
        .collect();
    let mut selected = Vec::with_capacity(packs.len());
    for (index, mut loaded) in packs.into_iter().enumerate() {
        let status = status(&loaded, index, &listed, ctx);
        let mut skipped = Vec::new();
        loaded.pack.rules.retain(|r| {
            let skip = layers.iter().flat_map(|c| &c.skip).any(|s| s.get_ref() == &r.name);
            if skip {
                skipped.push(r.name.clone());
            }
            !skip
        });
        for rule in &mut loaded.pack.rules {
            rule.priority = effective_priority(rule, layers);
        }
        selected.push(SelectedPack { loaded, status, skipped });
    }
    Ok(selected)
}

/// Does `id` fall under the listed id (itself or a sub-pack)?
pub fn covers(listed: &str, id: &str) -> bool {
    id == listed || id.strip_prefix(listed).is_some_and(|rest| rest.starts_with('.'))
}

fn status(loaded: &LoadedPack, index: usize, listed: &[(&str, bool)], ctx: &Context) -> PackStatus {
    let id = loaded.pack.id.as_str();
    // `max_by_key` keeps the last of equal maxima: a later layer wins a tie.
    let decision = listed.iter().filter(|(l, _)| covers(l, id)).max_by_key(|(l, _)| l.len()).map(|(_, on)| *on);
    let default_on = match &loaded.origin {
        PackOrigin::Bundled { .. } => Bundled::by_id(id).is_none_or(|b| b.default_enabled),
        _ => true,
    };
    match decision {
        Some(false) => return PackStatus::Disabled,
        None if !default_on => return PackStatus::NotEnabled,
        _ => {}
    }
    if let Some((_, error)) = ctx.failed.iter().find(|(i, _)| *i == index) {
        return PackStatus::LoadFailed(error.clone());
    }
    if let Some(min) = loaded.pack.params.get("minRelease").and_then(|m| m.trim().parse::<u32>().ok()) {
        if ctx.release.is_none_or(|r| r < min) {
            return PackStatus::BelowRelease { min, release: ctx.release };
        }
    }
    if matches!(loaded.origin, PackOrigin::Library { .. })
        && ctx.library_used.iter().any(|(i, used)| *i == index && !used)
    {
        return PackStatus::LibraryUnused;
    }
    PackStatus::Runs
}

/// Rule name (exact) beats pack id; among pack ids the longest prefix wins; a later layer wins ties; else the rule's
/// own priority.
pub fn effective_priority(rule: &ir::Rule, layers: &[&Config]) -> Priority {
    let all = || layers.iter().flat_map(|c| &c.priorities);
    if let Some((_, p)) = all().rev().find(|(k, _)| k.get_ref() == &rule.name) {
        return *p;
    }
    all()
        .filter(|(k, _)| covers(k.get_ref(), &rule.pack))
        .max_by_key(|(k, _)| k.get_ref().len())
        .map_or(rule.priority, |(_, p)| *p)
}

fn check_ids(packs: &[LoadedPack], config: &Config) -> Result<(), ConfigError> {
    let ids: Vec<&str> = packs.iter().map(|p| p.pack.id.as_str()).collect();
    for listed in config.enable.iter().chain(&config.disable) {
        if !ids.iter().any(|id| covers(listed.get_ref(), id)) {
            let help = did_you_mean(listed.get_ref(), ids.iter().copied()).map(|s| format!("did you mean '{s}'?"));
            return Err(config.error_at(
                listed.span(),
                format!("unknown pack id '{}'", listed.get_ref()),
                "no pack has this id",
                help,
            ));
        }
    }
    Ok(())
}

fn check_rule_keys(packs: &[LoadedPack], config: &Config) -> Result<(), ConfigError> {
    let rules: Vec<&str> = packs.iter().flat_map(|p| p.pack.rules.iter().map(|r| r.name.as_str())).collect();
    let ids: Vec<&str> = packs.iter().map(|p| p.pack.id.as_str()).collect();
    let unknown = |key: &toml::Spanned<String>, what: &str, allow_packs: bool| {
        let name = key.get_ref();
        let known = rules.contains(&name.as_str()) || (allow_packs && ids.iter().any(|id| covers(name, id)));
        if known {
            return Ok(());
        }
        let candidates = rules.iter().copied().chain(ids.iter().copied().filter(|_| allow_packs));
        let help = did_you_mean(name, candidates)
            .map(|s| format!("did you mean '{s}'?"))
            .or_else(|| Some("`archrules rules --all` lists every rule name and pack id".to_owned()));
        Err(config.error_at(key.span(), format!("unknown {what} '{name}'"), "no loaded pack has this", help))
    };
    for (key, _) in &config.priorities {
        unknown(key, "rule name or pack id", true)?;
    }
    for key in &config.skip {
        unknown(key, "rule name", false)?;
    }
    Ok(())
}

#[cfg(test)]
#[path = "select_tests.rs"]
pub(crate) mod tests;
