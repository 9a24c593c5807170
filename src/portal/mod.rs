//! The portal: a static site generated from the fleet query answers (`archrules fleet site --from DIR -o OUT`).
//!
//! Its input is the rows of the answers (FLEET-CONTRACT.md: `who_uses`, `library`, `rules`, `repos`, `history`),
//! read from JSON Lines files by [`answers::read_dir`] or produced in memory by the store; it never reads records or
//! the graph. Output: plain HTML pages (index, one per library, one per API element, one per repository, rules), a
//! stylesheet and a little JavaScript shipped in the binary, and a compact search index loaded by the search box on
//! first use. No CDN, no network; the site opens from disk. Large fleets give many small pages: element and
//! repository pages are paginated and the search index is split into parts, so no file grows past a few hundred KB.

pub mod answers;
mod chart;
pub mod error;
mod html;
mod model;
pub mod names;
mod page;

use rayon::prelude::*;
use std::path::{Path, PathBuf};

pub use answers::Answers;
pub use error::PortalError;
pub use names::SourceUrl;

use model::Site;
use page::Ctx;

const STYLE: &str = include_str!("assets/style.css");
const SCRIPT: &str = include_str!("assets/portal.js");
/// Bytes of search entries per `search-index-N.js`, so the parts stay small however large the fleet.
const INDEX_PART_BYTES: usize = 512 * 1024;

#[derive(Debug, Clone)]
pub struct SiteOptions {
    /// Shown in every page's header and title.
    pub title: String,
    /// `--source-url`: links each consumer's file:line to its source.
    pub source_url: Option<SourceUrl>,
}

impl Default for SiteOptions {
    fn default() -> Self {
        SiteOptions { title: "archrules fleet".to_string(), source_url: None }
    }
}

/// What was written.
#[derive(Debug, Clone)]
pub struct SiteSummary {
    pub files: usize,
    pub bytes: u64,
    /// The largest file and its size.
    pub largest: (PathBuf, u64),
}

/// Generates the site into `out` (created when missing; files of an earlier generation are overwritten, others
/// left alone).
pub fn generate(answers: &Answers, opts: &SiteOptions, out: &Path) -> Result<SiteSummary, PortalError> {
    let site = Site::build(answers);
    for dir in ["", "lib", "el", "repo", "static"] {
        let d = out.join(dir);
        std::fs::create_dir_all(&d).map_err(|source| PortalError::Write { path: d.clone(), source })?;
    }
    let index_parts = search_index(&site);
    let ctx = Ctx { site: &site, opts, index_parts: index_parts.len() };
    let mut written: Vec<(PathBuf, u64)> = Vec::new();
    let write = |rel: &str, text: &str| -> Result<(PathBuf, u64), PortalError> {
        let path = out.join(rel);
        std::fs::write(&path, text).map_err(|source| PortalError::Write { path: path.clone(), source })?;
        Ok((path, text.len() as u64))
    };
    written.push(write("static/style.css", STYLE)?);
    written.push(write("static/portal.js", SCRIPT)?);
    for (n, part) in index_parts.iter().enumerate() {
        written.push(write(&format!("search-index-{}.js", n + 1), part)?);
    }
    written.push(write("index.html", &page::index::page(&ctx).into_string())?);
    written.push(write("rules.html", &page::rules::page(&ctx).into_string())?);
    for (name, h) in page::index::repos_pages(&ctx) {
        written.push(write(&name, &h.into_string())?);
    }
    // The many pages, on every core: each job builds and writes its pages, keeping only their sizes.
    let libs = site.libraries.par_iter().map(|l| {
        page::library::pages(&ctx, l)
            .into_iter()
            .map(|(name, h)| write(&format!("lib/{name}"), &h.into_string()))
            .collect()
    });
    let elements = site.elements.par_iter().map(|e| {
        page::element::pages(&ctx, e)
            .into_iter()
            .map(|(name, h)| write(&format!("el/{name}"), &h.into_string()))
            .collect()
    });
    let repos = site.repos.par_iter().map(|r| {
        page::repository::pages(&ctx, r)
            .into_iter()
            .map(|(name, h)| write(&format!("repo/{name}"), &h.into_string()))
            .collect()
    });
    for batch in libs.chain(elements).chain(repos).collect::<Vec<Result<Vec<_>, PortalError>>>() {
        written.extend(batch?);
    }
    let bytes = written.iter().map(|(_, n)| n).sum();
    let largest = written.iter().max_by_key(|(_, n)| *n).cloned().unwrap_or_default();
    Ok(SiteSummary { files: written.len(), bytes, largest })
}

/// The search index as JavaScript parts (a `<script>` loads them, so it works from `file://` where `fetch` does
/// not): entries `[kind, name, detail, url]` for libraries, elements and repositories.
fn search_index(site: &Site<'_>) -> Vec<String> {
    let mut entries: Vec<[&str; 4]> = Vec::new();
    let lib_urls: Vec<String> = site.libraries.iter().map(|l| format!("lib/{}.html", l.slug)).collect();
    let el_urls: Vec<String> = site.elements.iter().map(|e| format!("el/{}.html", e.slug)).collect();
    let repo_urls: Vec<String> = site.repos.iter().map(|r| format!("repo/{}.html", r.slug)).collect();
    for (l, url) in site.libraries.iter().zip(&lib_urls) {
        entries.push(["library", &l.name, "", url]);
    }
    for (e, url) in site.elements.iter().zip(&el_urls) {
        entries.push(["element", e.name(), &e.library, url]);
    }
    for (r, url) in site.repos.iter().zip(&repo_urls) {
        entries.push(["repository", r.display(), r.branch.as_deref().unwrap_or(""), url]);
    }
    let mut parts = Vec::new();
    let mut part = String::new();
    for entry in entries {
        if part.is_empty() {
            part.push_str("window.archrulesIndex=(window.archrulesIndex||[]).concat([");
        } else {
            part.push(',');
        }
        // `<` escaped so no name can close or open markup wherever the text ends up.
        part.push_str(&serde_json::to_string(&entry).unwrap_or_default().replace('<', "\\u003c"));
        if part.len() >= INDEX_PART_BYTES {
            part.push_str("]);\n");
            parts.push(std::mem::take(&mut part));
        }
    }
    if !part.is_empty() {
        part.push_str("]);\n");
        parts.push(part);
    }
    parts
}
