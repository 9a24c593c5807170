//! Where rule packs come from and which of them run: the bundled packs (`rules/`, embedded), standalone `.arch`
//! files and rule jars (`--rules`), packs inside library jars on the classpath (`META-INF/archrules/*.arch`), native
//! plugins (`--plugin`), and the `archrules.toml` configuration that enables, parameterises and re-prioritises them.
//!
//! Nothing here evaluates rules: packs become [`ir::Pack`]s, and the engine takes it from there.

// Errors here carry the file's text for miette's spans and happen at most once per run: their size is no cost.
#![allow(clippy::result_large_err)]

pub mod bundled;
pub mod commands;
pub mod config;
pub mod discover;
pub mod error;
pub mod library;
pub mod load;
pub mod plugin;
pub mod select;

pub mod testing;

#[cfg(test)]
mod graph_tests;

pub use error::PackError;

use crate::rules::ir;
use std::collections::HashMap;

/// How the loader lowers `.arch` text: `(file name, source, params) -> pack`. [`dsl_parse`] in production; tests may
/// pass a stand-in.
pub type ParseFn = fn(&str, &str, &HashMap<String, String>) -> Result<ir::Pack, miette::Report>;

/// The DSL's [`crate::dsl::parse_pack`] as a [`ParseFn`].
pub fn dsl_parse(file: &str, source: &str, params: &HashMap<String, String>) -> Result<ir::Pack, miette::Report> {
    crate::dsl::parse_pack(file, source, params).map_err(miette::Report::new)
}

/// Where a pack came from; rendered into [`ir::Pack::origin`] and shown in every report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackOrigin {
    /// Embedded in the binary from `rules/<file>`.
    Bundled { file: &'static str },
    /// A standalone `.arch` file (`--rules`, `rules = [...]`).
    File(std::path::PathBuf),
    /// `META-INF/archrules/<x>.arch` inside a rule jar given to `--rules`.
    RuleJar { jar: std::path::PathBuf, entry: String },
    /// `META-INF/archrules/<x>.arch` inside a library jar on the classpath: runs only where the library is used.
    Library { location: String },
    /// A native plugin (`--plugin`).
    Plugin(std::path::PathBuf),
}

impl std::fmt::Display for PackOrigin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PackOrigin::Bundled { .. } => f.write_str("bundled"),
            PackOrigin::File(p) => write!(f, "{}", p.display()),
            PackOrigin::RuleJar { jar, entry } => write!(f, "{}!/{entry}", jar.display()),
            PackOrigin::Library { location } => write!(f, "{location} (library)"),
            PackOrigin::Plugin(p) => write!(f, "{} (plugin)", p.display()),
        }
    }
}

/// A pack ready to run, with what `archrules rules`/`explain` need to show about it.
#[derive(Debug, Clone)]
pub struct LoadedPack {
    pub pack: ir::Pack,
    pub origin: PackOrigin,
    /// The `.arch` text, for `archrules explain`; `None` for plugins.
    pub source: Option<String>,
}

/// A `.arch` source before lowering: its name for diagnostics, its text and where it came from.
#[derive(Debug, Clone)]
pub struct PackSource {
    pub name: String,
    pub text: String,
    pub origin: PackOrigin,
}

/// Parameters per pack id, as the configuration gives them.
pub type PackParams = HashMap<String, HashMap<String, String>>;

impl PackSource {
    /// Lowers the source with the parameters configured for its pack id. The id is only known after parsing, so a
    /// source with configured parameters is parsed twice (the first time only to learn its id).
    pub fn load(&self, parse: ParseFn, params: &PackParams) -> Result<LoadedPack, PackError> {
        self.load_with(parse, params, &HashMap::new())
    }

    /// Like [`PackSource::load`], with extra parameters offered to the pack: each is passed only when the pack
    /// declares it (library packs may declare `libraryPackages`), and configured values win.
    pub fn load_with(
        &self,
        parse: ParseFn,
        params: &PackParams,
        offered: &HashMap<String, String>,
    ) -> Result<LoadedPack, PackError> {
        let lower = |p: &HashMap<String, String>| {
            parse(&self.name, &self.text, p).map_err(|report| PackError::Dsl { name: self.name.clone(), report })
        };
        let mut pack = lower(&HashMap::new())?;
        let mut wanted: HashMap<String, String> =
            offered.iter().filter(|(k, _)| pack.params.contains_key(*k)).map(|(k, v)| (k.clone(), v.clone())).collect();
        if let Some(configured) = params.get(&pack.id) {
            // Checked here, not by the parser, so the error names the setting rather than the pack's source.
            if let Some(name) = configured.keys().filter(|k| !pack.params.contains_key(*k)).min() {
                let declared = pack.params.keys().map(String::as_str);
                let help = crate::dsl::suggest::closest(name, declared.clone())
                    .map(|s| format!("did you mean '{s}'?"))
                    .or_else(|| {
                        let all: Vec<&str> = declared.collect();
                        Some(if all.is_empty() {
                            format!("pack {} declares no parameters", pack.id)
                        } else {
                            format!("pack {} declares {}", pack.id, all.join(", "))
                        })
                    });
                return Err(PackError::UnknownParam {
                    message: format!("unknown parameter '{name}' of pack {}", pack.id),
                    pack: pack.id,
                    name: name.clone(),
                    help,
                });
            }
            wanted.extend(configured.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        if !wanted.is_empty() {
            pack = lower(&wanted)?;
        }
        pack.origin = self.origin.to_string();
        for rule in &mut pack.rules {
            rule.pack.clone_from(&pack.id);
        }
        Ok(LoadedPack { pack, origin: self.origin.clone(), source: Some(self.text.clone()) })
    }
}
