//! Native plugins: rules written in Rust, shipped as a `cdylib` that exports one versioned C-ABI entry point.
//!
//! ABI v1: the library exports `archrules_plugin_v1`, an `extern "C" fn() -> *const PluginV1` returning a pointer to
//! a static [`PluginV1`]. `packs_json()` returns a NUL-terminated UTF-8 string owned by the plugin: either a JSON
//! array of [`ir::Pack`] (the serialized IR) or `{"error": "..."}`; the host copies it and hands it back to `free`.
//! Plugin authors do not write this by hand: [`crate::export_plugin!`] does, catching panics on the plugin side so
//! none ever crosses the boundary.
//!
//! Plugins are trusted code: loading one runs its initialisers with the host's privileges. The host checks
//! everything it can (symbol present, ABI version, UTF-8, valid IR); a missing symbol, a version mismatch, invalid
//! IR or a reported panic is a [`PluginError`] naming the file.

use super::{LoadedPack, PackOrigin};
use crate::rules::ir;
use std::ffi::{c_char, CStr};
use std::path::{Path, PathBuf};

/// The ABI version this host speaks; also the suffix of the entry point's name.
pub const ABI_VERSION: u32 = 1;
/// The entry point's name (NUL-terminated for `dlsym`).
pub const ENTRY_POINT: &[u8] = b"archrules_plugin_v1\0";

/// What the entry point returns. `abi_version` stays the first field in every future version, so a host can always
/// read it before trusting the rest.
#[repr(C)]
pub struct PluginV1 {
    pub abi_version: u32,
    /// The packs as JSON (or `{"error": ...}`), owned by the plugin; null when even that failed.
    pub packs_json: extern "C" fn() -> *mut c_char,
    /// Frees a string returned by `packs_json`.
    pub free: extern "C" fn(*mut c_char),
}

#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("plugin {}: {kind}", path.display())]
#[diagnostic(
    code(archrules::packs::plugin),
    help("plugins must be built against archrules' plugin ABI v{ABI_VERSION} with `archrules::export_plugin!`")
)]
pub struct PluginError {
    pub path: PathBuf,
    pub kind: PluginErrorKind,
}

#[derive(Debug, thiserror::Error)]
pub enum PluginErrorKind {
    #[error("cannot load the library: {0}")]
    Open(String),
    #[error("no `archrules_plugin_v1` symbol: not an archrules plugin, or built for another ABI ({0})")]
    MissingSymbol(String),
    #[error("the entry point returned null")]
    NullEntry,
    #[error("ABI version {found}, but this archrules speaks version {expected}")]
    AbiMismatch { found: u32, expected: u32 },
    #[error("`packs_json` returned null")]
    NullPacks,
    #[error("the packs are not UTF-8")]
    NotUtf8,
    #[error("the plugin failed: {0}")]
    Failed(String),
    #[error("invalid rule IR: {0}")]
    InvalidIr(String),
}

/// Loads a plugin's packs. The library stays loaded for the rest of the process (unloading Rust `cdylib`s with
/// thread-local destructors is unsound), which is fine for a command-line run.
pub fn load(path: &Path) -> Result<Vec<LoadedPack>, PluginError> {
    let err = |kind| PluginError { path: path.to_owned(), kind };
    // SAFETY: loading a library runs its initialisers; plugins are trusted code (documented in docs/plugins.md).
    let library = unsafe { libloading::Library::new(path) }.map_err(|e| err(PluginErrorKind::Open(e.to_string())))?;
    // SAFETY: the symbol's type is fixed by ABI v1; a library exporting the name with another type is a broken
    // plugin, which trusted code is assumed not to be.
    let entry = unsafe { library.get::<extern "C" fn() -> *const PluginV1>(ENTRY_POINT) }
        .map_err(|e| err(PluginErrorKind::MissingSymbol(e.to_string())))?;
    let plugin = entry();
    if plugin.is_null() {
        return Err(err(PluginErrorKind::NullEntry));
    }
    // SAFETY: non-null and, per the ABI, pointing at a static `PluginV1` whose first field is the version; the
    // version is checked before any other field is read.
    let found = unsafe { std::ptr::addr_of!((*plugin).abi_version).read() };
    if found != ABI_VERSION {
        return Err(err(PluginErrorKind::AbiMismatch { found, expected: ABI_VERSION }));
    }
    // SAFETY: version 1 layout confirmed above.
    let plugin = unsafe { &*plugin };
    let raw = (plugin.packs_json)();
    if raw.is_null() {
        return Err(err(PluginErrorKind::NullPacks));
    }
    // SAFETY: non-null, NUL-terminated per the ABI, and alive until we hand it to `free` below.
    let text = unsafe { CStr::from_ptr(raw) }.to_str().map(str::to_owned);
    (plugin.free)(raw);
    std::mem::forget(library);
    let text = text.map_err(|_| err(PluginErrorKind::NotUtf8))?;
    parse_packs(path, &text).map_err(err)
}

/// The plugin's JSON: an array of packs, or `{"error": ...}`.
fn parse_packs(path: &Path, text: &str) -> Result<Vec<LoadedPack>, PluginErrorKind> {
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum Reply {
        Packs(Vec<ir::Pack>),
        Error { error: String },
    }
    let reply: Reply = serde_json::from_str(text).map_err(|e| PluginErrorKind::InvalidIr(e.to_string()))?;
    let packs = match reply {
        Reply::Packs(p) => p,
        Reply::Error { error } => return Err(PluginErrorKind::Failed(error)),
    };
    let origin = PackOrigin::Plugin(path.to_owned());
    packs
        .into_iter()
        .map(|mut pack| {
            if pack.id.trim().is_empty() {
                return Err(PluginErrorKind::InvalidIr("a pack has an empty id".to_owned()));
            }
            for rule in &mut pack.rules {
                if rule.name.trim().is_empty() {
                    return Err(PluginErrorKind::InvalidIr(format!(
                        "pack '{}' has a rule with an empty name",
                        pack.id
                    )));
                }
                rule.pack.clone_from(&pack.id);
            }
            pack.origin = origin.to_string();
            Ok(LoadedPack { pack, origin: origin.clone(), source: None })
        })
        .collect()
}

/// The plugin side, used by [`crate::export_plugin!`]: serializes the packs, catching panics.
pub mod export {
    use super::*;
    use std::ffi::CString;

    /// Runs `packs`, serializes them, and returns an owned C string: the JSON array, or `{"error": ...}` when the
    /// function panicked or serialization failed. Never unwinds.
    pub fn packs_json(packs: fn() -> Vec<ir::Pack>) -> *mut c_char {
        let json = match std::panic::catch_unwind(|| serde_json::to_string(&packs())) {
            Ok(Ok(json)) => json,
            Ok(Err(e)) => error_json(&format!("cannot serialize the packs: {e}")),
            Err(panic) => {
                let message = panic
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown payload".to_owned());
                error_json(&format!("panicked: {message}"))
            }
        };
        // JSON never contains a raw NUL (serde_json escapes it), so this cannot fail; null if it somehow does.
        CString::new(json).map_or(std::ptr::null_mut(), CString::into_raw)
    }

    fn error_json(message: &str) -> String {
        serde_json::json!({ "error": message }).to_string()
    }

    /// Frees a string made by [`packs_json`].
    ///
    /// # Safety
    /// `s` is null or a pointer returned by [`packs_json`] that was not freed yet.
    pub unsafe fn free(s: *mut c_char) {
        if !s.is_null() {
            // SAFETY: per the contract, `s` came from `CString::into_raw` in `packs_json` and is freed once.
            drop(unsafe { CString::from_raw(s) });
        }
    }
}

/// Exports a plugin: `archrules::export_plugin!(my_packs);` where `fn my_packs() -> Vec<archrules::rules::ir::Pack>`.
/// Defines the `archrules_plugin_v1` entry point; panics in `my_packs` are caught and reported to the host.
#[macro_export]
macro_rules! export_plugin {
    ($packs:path) => {
        #[no_mangle]
        pub extern "C" fn archrules_plugin_v1() -> *const $crate::packs::plugin::PluginV1 {
            extern "C" fn packs_json() -> *mut ::std::ffi::c_char {
                $crate::packs::plugin::export::packs_json($packs)
            }
            extern "C" fn free(s: *mut ::std::ffi::c_char) {
                // SAFETY: the host hands back exactly the strings `packs_json` returned, once each (ABI v1).
                unsafe { $crate::packs::plugin::export::free(s) }
            }
            static PLUGIN: $crate::packs::plugin::PluginV1 =
                $crate::packs::plugin::PluginV1 { abi_version: $crate::packs::plugin::ABI_VERSION, packs_json, free };
            &PLUGIN
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_replies_and_bad_json_are_errors() {
        let p = Path::new("libx.so");
        assert!(
            matches!(parse_packs(p, r#"{"error":"panicked: boom"}"#), Err(PluginErrorKind::Failed(m)) if m == "panicked: boom")
        );
        assert!(matches!(parse_packs(p, "[{\"id\": 3}]"), Err(PluginErrorKind::InvalidIr(_))));
        assert!(matches!(parse_packs(p, "not json"), Err(PluginErrorKind::InvalidIr(_))));
        assert!(matches!(parse_packs(p, "[]"), Ok(v) if v.is_empty()));
    }

    #[test]
    fn the_export_side_catches_panics() {
        fn boom() -> Vec<ir::Pack> {
            panic!("boom")
        }
        let raw = export::packs_json(boom);
        let text = unsafe { CStr::from_ptr(raw) }.to_str().unwrap().to_owned();
        unsafe { export::free(raw) };
        assert_eq!(text, r#"{"error":"panicked: boom"}"#);
    }

    #[test]
    fn a_file_that_is_not_a_library_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let fake = dir.path().join("libfake.so");
        std::fs::write(&fake, b"not an ELF").unwrap();
        let e = load(&fake).unwrap_err();
        assert!(matches!(e.kind, PluginErrorKind::Open(_)));
        assert!(e.to_string().starts_with(&format!("plugin {}: cannot load the library", fake.display())), "{e}");
    }
}
