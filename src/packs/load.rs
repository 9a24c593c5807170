//! Putting it together: every pack a run knows (bundled, `--rules`, plugins, library jars on the classpath), lowered
//! with the configured parameters, then selected. This is what `check`, `rules`, `explain` and `docs` call.

use super::config::Config;
use super::library::{self, Library};
use super::select::{self, Context, PackStatus, SelectedPack};
use super::{bundled, discover, plugin, LoadedPack, PackError, PackOrigin, ParseFn};
use crate::graph::{ClassId, Graph};
use crate::inputs::InputId;
use rustc_hash::FxHashSet;
use std::collections::HashMap;
use std::path::PathBuf;

/// What to load, from the command line and the configuration.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    pub parse: ParseFn,
    /// `--rules` paths followed by the configuration's `rules`.
    pub rules: Vec<PathBuf>,
    /// `--plugin` paths followed by the configuration's `plugins`.
    pub plugins: Vec<PathBuf>,
    /// Leave the bundled packs out (`--no-bundled`).
    pub no_bundled: bool,
    /// `--release`; else the configuration's `release`; else the newest class-file version among the targets.
    pub release: Option<u32>,
    /// A library pack that does not load is an error (`--strict-packs`, `strict-packs = true`), not a warning.
    pub strict_packs: bool,
}

/// A selected pack and, for library packs, the target inputs it applies to (`None`: every target).
#[derive(Debug, Clone)]
pub struct RunPack {
    pub selected: SelectedPack,
    pub scope: Option<Vec<InputId>>,
}

/// Loads and selects every pack. `layers` are the configuration file then the command line (see [`select`]).
/// With a graph, library packs are found in it, `ownClasses` and `publicApiPackages` (lifecycle) are derived from it
/// and the release defaults to the targets' newest class-file version.
pub fn prepare(graph: Option<&Graph>, layers: &[&Config], opts: &LoadOptions) -> Result<Vec<RunPack>, PackError> {
    let mut params = super::PackParams::new();
    for config in layers {
        for (pack, values) in &config.params {
            params.entry(pack.clone()).or_default().extend(values.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
    }
    let mut offered = HashMap::new();
    if let Some(own) = graph.and_then(library::own_classes_regex) {
        offered.insert("ownClasses".to_owned(), own);
    }
    if let Some(marked) = graph.and_then(library::public_api_packages) {
        offered.insert("publicApiPackages".to_owned(), marked);
    }
    let mut packs: Vec<LoadedPack> = Vec::new();
    if !opts.no_bundled {
        for b in bundled::BUNDLED {
            packs.push(b.source().load_with(opts.parse, &params, &offered).map_err(|e| e.set_by(layers))?);
        }
    }
    for path in &opts.rules {
        for source in discover::sources(path)? {
            packs.push(source.load(opts.parse, &params).map_err(|e| e.set_by(layers))?);
        }
    }
    for path in &opts.plugins {
        packs.extend(plugin::load(path)?);
    }
    let mut libraries: Vec<(usize, Library)> = Vec::new();
    // Library packs that do not load, by index in `packs` (where a placeholder stands): a third party's mistake
    // skips its pack with a warning, unless `strict_packs`.
    let mut failures: Vec<(usize, PackError)> = Vec::new();
    if let Some(graph) = graph {
        let mut seen_texts = std::collections::HashSet::new();
        // A jar given to `--rules` and also on the classpath: its packs are loaded once, from `--rules`.
        let rule_jar_entries: Vec<(PathBuf, String)> = packs
            .iter()
            .filter_map(|p| match &p.origin {
                PackOrigin::RuleJar { jar, entry } => Some((super::config::canonical(jar), entry.clone())),
                _ => None,
            })
            .collect();
        for lp in library::library_packs(graph) {
            // The same library twice on the classpath (two copies, or a fat jar and its own dependency) ships the
            // same pack twice: keep the first. Different packs with one id are still an error.
            if !seen_texts.insert(lp.source.text.clone()) {
                continue;
            }
            if library::entry_in(graph, &lp, &rule_jar_entries) {
                continue;
            }
            let mut lib_offered = HashMap::new();
            if let Some(p) = library::library_packages(graph, &lp.library) {
                lib_offered.insert("libraryPackages".to_owned(), p);
            }
            libraries.push((packs.len(), lp.library.clone()));
            match lp.source.load_with(opts.parse, &params, &lib_offered) {
                Ok(loaded) => packs.push(loaded),
                // A parameter the user set for it is the user's mistake, not the library's.
                Err(e @ PackError::UnknownParam { .. }) => return Err(e.set_by(layers)),
                Err(e) => {
                    failures.push((packs.len(), e));
                    packs.push(library::placeholder(&lp.source));
                }
            }
        }
    }
    check_unique(&packs)?;

    let configured = layers.iter().rev().find_map(|c| c.release);
    let release = opts.release.or(configured).or_else(|| graph.and_then(newest_release));
    let library_used =
        graph.map_or_else(Vec::new, |g| libraries.iter().map(|(i, lib)| (*i, library::library_used(g, lib))).collect());
    let failed = failures.iter().map(|(i, e)| (*i, library::failure_text(e))).collect();
    let ctx = Context { release, library_used, failed };
    let selected = select::select(packs, layers, &ctx)?;
    if opts.strict_packs {
        // A pack the configuration disables is skipped even then: `--disable` works on a pack that does not load.
        let failing = failures.into_iter().find(|(i, _)| matches!(selected[*i].status, PackStatus::LoadFailed(_)));
        if let Some((_, e)) = failing {
            return Err(e);
        }
    }
    Ok(selected
        .into_iter()
        .enumerate()
        .map(|(i, selected)| {
            let scope = graph.and_then(|g| {
                libraries.iter().find(|(j, _)| *j == i).map(|(_, lib)| library::library_user_inputs(g, lib))
            });
            RunPack { selected, scope }
        })
        .collect())
}

/// The engine's per-pack scopes (`EvalOptions::scopes`): for each library pack, the analysed classes of the target
/// inputs that use its library. Packs without a scope check every analysed class and are not listed.
pub fn engine_scopes(graph: &Graph, packs: &[RunPack]) -> HashMap<String, FxHashSet<ClassId>> {
    packs
        .iter()
        .filter_map(|p| {
            let inputs = p.scope.as_ref()?;
            let classes = graph
                .targets()
                .filter(|(_, c)| c.origin.as_ref().is_some_and(|o| inputs.contains(&o.input)))
                .map(|(id, _)| id)
                .collect();
            Some((p.selected.loaded.pack.id.clone(), classes))
        })
        .collect()
}

/// The Java release of the newest class file among the targets.
pub fn newest_release(graph: &Graph) -> Option<u32> {
    graph.targets().map(|(_, c)| c.major_version).max().and_then(select::release_of_major)
}

fn check_unique(packs: &[LoadedPack]) -> Result<(), PackError> {
    let mut seen: HashMap<&str, &PackOrigin> = HashMap::new();
    for p in packs {
        if let Some(first) = seen.insert(&p.pack.id, &p.origin) {
            return Err(PackError::DuplicateId {
                id: p.pack.id.clone(),
                first: first.to_string(),
                second: p.origin.to_string(),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
#[path = "load_tests.rs"]
mod tests;
