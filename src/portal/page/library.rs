//! `lib/<library>.html`: a library's marked API elements grouped by status with consumer counts, what is safe to
//! remove and what blocks removal (and who), and the library's uses over time. The element tables are paginated
//! (`lib/<library>-2.html`, ...) and the two verdict lists capped, so that a library declaring thousands of elements
//! still gives small pages (the Spark corpus's scalameta `trees` declares 5,120: one 1.7 MB page before).

use rustc_hash::FxHashSet;

use super::{count, foot, head, page_file, pager, status, verdict, Ctx, Depth};
use crate::portal::answers::{Status, Verdict};
use crate::portal::chart;
use crate::portal::html::Html;
use crate::portal::model::{Element, Library};

/// Repositories named per blocking element; the element's page lists them all.
const BLOCKERS_SHOWN: usize = 20;
/// Elements listed under "Blocking removal" and "Safe to remove" on the first page; the rest are in the element
/// tables, with their verdict.
const VERDICTS_SHOWN: usize = 500;
/// Elements per page of the element tables.
pub const ELEMENTS_PER_PAGE: usize = 1_000;

/// The library's pages: (file name under `lib/`, page).
pub fn pages(ctx: &Ctx<'_>, lib: &Library) -> Vec<(String, Html)> {
    let elements: Vec<&Element> = lib.elements.iter().map(|&i| &ctx.site.elements[i]).collect();
    let pages = elements.len().div_ceil(ELEMENTS_PER_PAGE).max(1);
    (1..=pages).map(|n| (page_file(&lib.slug, n), page(ctx, lib, &elements, n, pages))).collect()
}

fn page(ctx: &Ctx<'_>, lib: &Library, elements: &[&Element], n: usize, pages: usize) -> Html {
    let mut h = Html::with_capacity(ELEMENTS_PER_PAGE.min(elements.len()) * 300 + 8192);
    head(&mut h, ctx, Depth::Sub, &lib.name);
    h.raw("<h1 class=\"library\">").text(&lib.name).raw("</h1><p class=\"summary\">");
    count(&mut h, elements.len() as u64, "API element", "API elements");
    h.raw(", used by ");
    count(&mut h, lib.consumers, "repository", "repositories");
    for s in Status::ALL {
        let u = lib.uses_by_status[s.index()];
        if u > 0 {
            h.raw("; ").num(u).raw(" ");
            status(&mut h, s);
        }
    }
    h.raw(".</p>\n");
    if n == 1 {
        first_page(&mut h, ctx, lib, elements);
    }
    element_tables(&mut h, lib, elements, n, pages);
    foot(&mut h);
    h
}

/// The chart and the two verdicts: what blocks removal (and who), what is safe to remove.
fn first_page(h: &mut Html, ctx: &Ctx<'_>, lib: &Library, elements: &[&Element]) {
    let site = ctx.site;
    if let Some(points) = site.history(Some(&lib.name)) {
        chart::uses_over_time(h, &points);
    }
    let blocking: Vec<&Element> =
        elements.iter().copied().filter(|e| e.verdict == Some(Verdict::BlockingRemoval)).collect();
    h.raw("<section id=\"blocking\"><h2>Blocking removal</h2>\n");
    if blocking.is_empty() {
        h.raw("<p class=\"none\">No deprecated-for-removal element is still used.</p>\n");
    } else {
        h.raw("<p>Deprecated for removal and still used by a current snapshot.</p><table class=\"filter blocking\"><thead><tr>")
            .raw("<th>Element<th class=\"n\">Consumers<th>Used by</thead><tbody>\n");
        for e in blocking.iter().take(VERDICTS_SHOWN) {
            h.raw("<tr><td>")
                .link(&format!("../el/{}.html", e.slug), e.name())
                .raw("<td class=\"n\">")
                .num(e.consumers);
            h.raw("<td>");
            let mut seen = FxHashSet::default();
            let repos: Vec<_> = e
                .rows
                .iter()
                .filter_map(|&i| site.repo_of(site.row(i)))
                .filter(|r| seen.insert(r.slug.as_str()))
                .collect();
            for (n, r) in repos.iter().take(BLOCKERS_SHOWN).enumerate() {
                if n > 0 {
                    h.raw(", ");
                }
                h.link(&format!("../repo/{}.html", r.slug), r.display());
            }
            if repos.len() > BLOCKERS_SHOWN {
                let more = format!("{} more", repos.len() - BLOCKERS_SHOWN);
                h.raw(" and ").link(&format!("../el/{}.html", e.slug), &more);
            }
            h.raw("\n");
        }
        h.raw("</tbody></table>\n");
        more(h, blocking.len());
    }
    h.raw("</section>\n");

    let safe: Vec<&Element> = elements.iter().copied().filter(|e| e.verdict == Some(Verdict::SafeToRemove)).collect();
    h.raw("<section id=\"safe\"><h2>Safe to remove</h2>\n");
    if safe.is_empty() {
        h.raw("<p class=\"none\">No deprecated element is unused.</p>\n");
    } else {
        h.raw("<p>Deprecated and used by no current snapshot.</p><ul class=\"filter safe\">\n");
        for e in safe.iter().take(VERDICTS_SHOWN) {
            h.raw("<li>").link(&format!("../el/{}.html", e.slug), e.name()).raw(" ");
            status(h, e.status);
            h.raw("\n");
        }
        h.raw("</ul>\n");
        more(h, safe.len());
    }
    h.raw("</section>\n");
}

/// "N more": a verdict list longer than it shows.
fn more(h: &mut Html, listed: usize) {
    if listed > VERDICTS_SHOWN {
        h.raw("<p>").num((listed - VERDICTS_SHOWN) as u64);
        h.raw(" more: each element's verdict is in the tables below and on the following pages.</p>\n");
    }
}

/// Page `n` of the elements, by status (each status's heading counts all of its elements).
fn element_tables(h: &mut Html, lib: &Library, elements: &[&Element], n: usize, pages: usize) {
    let shown =
        &elements[((n - 1) * ELEMENTS_PER_PAGE).min(elements.len())..(n * ELEMENTS_PER_PAGE).min(elements.len())];
    pager(h, &lib.slug, n, pages);
    for s in Status::ALL {
        let of_status: Vec<&Element> = shown.iter().copied().filter(|e| e.status == s).collect();
        if of_status.is_empty() {
            continue;
        }
        h.raw("<section class=\"status\"><h2>");
        status(h, s);
        h.raw(" ");
        count(h, elements.iter().filter(|e| e.status == s).count() as u64, "element", "elements");
        h.raw("</h2>\n<table class=\"filter elements\"><thead><tr><th>Element<th class=\"n\">Consumers")
            .raw("<th class=\"n\">Uses<th>Verdict</thead><tbody>\n");
        for e in of_status {
            h.raw("<tr><td>")
                .link(&format!("../el/{}.html", e.slug), e.name())
                .raw("<td class=\"n\">")
                .num(e.consumers)
                .raw("<td class=\"n\">")
                .num(e.uses)
                .raw("<td>");
            verdict(h, e.verdict);
            h.raw("\n");
        }
        h.raw("</tbody></table>\n</section>\n");
    }
    pager(h, &lib.slug, n, pages);
}
